/**
 * `footprint deps FILE`: the start-up graph in waves, its cycles and the fewest edges to break;
 * exit 1 when a cold start deadlocks.
 */
import type { Command } from 'commander';
import { startupReport } from '../app/index.js';
import { loadEstate } from '../model/index.js';
import { renderDeps } from '../report/index.js';
import { ChecksFailed, type CliIo, emit } from './io.js';

export function registerDeps(program: Command, io: CliIo): void {
  program
    .command('deps')
    .description(
      'the start-up graph: bring-up order in waves, start-up cycles and the fewest edges to break; exit 1 when a cold start deadlocks',
    )
    .argument('<file>', 'the estate file')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      const report = startupReport(loadEstate(file));
      emit(io, options.json === true, report, () => renderDeps(report));
      if (!report.ok) throw new ChecksFailed();
    });
}
