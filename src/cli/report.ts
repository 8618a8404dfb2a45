import type { Command } from 'commander';
import { loadEstate } from '../model/index.js';
import { buildEstateReport, renderEstateReport } from '../report/estate.js';
import { type CliIo, emit } from './io.js';

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description("the estate report: expected figures, links, RTT between the estate's places, and its users")
    .argument('<file>', 'the estate file')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      const report = buildEstateReport(loadEstate(file));
      emit(io, options.json === true, report, () => renderEstateReport(report));
    });
}
