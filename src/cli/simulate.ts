/**
 * `footprint simulate SCENARIO`: a scenario's designs run through the simulator side by side, as
 * text, JSON, CSV or the HTML page, with a progress line on terminals.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { FootprintError } from '../errors.js';
import { renderHtmlPage } from '../report/html.js';
import { faultsCsv, renderSimulation, simulationCsv } from '../report/simulation.js';
import { simulationPageReport } from '../report/simulation-page.js';
import { loadScenario, simulateScenario } from '../sim/index.js';
import { type CliIo, emit, progressLine } from './io.js';
import { seedOption } from './options.js';
import { checkWritable, loadPageAssets, writeOutput } from './output-files.js';

interface SimulateFlags {
  seed?: number;
  csv?: string;
  design?: string[];
  json?: boolean;
  output?: string;
}

export function registerSimulate(program: Command, io: CliIo): void {
  program
    .command('simulate')
    .description(
      'run a scenario through the estate over time: requests, queues, scaling, failures and cost; several designs side by side',
    )
    .argument('<scenario>', 'the scenario file (it names its estate or designs)')
    .option('--seed <n>', "override the scenario's seed", seedOption)
    .option('--design <id...>', 'run only these designs of the scenario')
    .option('--csv <dir>', 'also write the per-interval series as CSV files into this directory')
    .option(
      '-o, --output <file>',
      'write one self-contained HTML page: the time series of every design, charted, and the estate map',
    )
    .option('--json', 'print JSON (summary and series of every design)')
    .addHelpText(
      'after',
      '\nExamples:\n  footprint simulate examples/ticketmaster-phoenix/onsale.yaml\n  footprint simulate examples/ticketmaster-phoenix/onsale.yaml --design lz-burst --csv out/\n  footprint simulate examples/ticketmaster-phoenix/onsale.yaml -o onsale.html',
    )
    .action((file: string, flags: SimulateFlags) => {
      const loaded = loadScenario(file);
      let scenario = loaded;
      if (flags.design) {
        const known = loaded.designs.map((d) => d.id);
        const unknown = flags.design.filter((id) => !known.includes(id));
        if (unknown.length > 0)
          throw new FootprintError({
            code: 'FP_USAGE',
            message: `--design: no design ${unknown.map((id) => `'${id}'`).join(', ')} in ${file}`,
            expected: `one of: ${known.join(', ')}`,
          });
        scenario = { ...loaded, designs: loaded.designs.filter((d) => flags.design?.includes(d.id)) };
      }
      // What it will write is checked before the run, not after minutes of it.
      if (flags.output !== undefined) checkWritable(flags.output);
      if (flags.csv !== undefined) makeCsvDirectory(flags.csv);
      const progress = progressLine(io, flags.json !== true);
      const simulation = simulateScenario(scenario, {
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        onProgress: (design, fraction) => progress.update(design, fraction),
      });
      progress.done();
      if (flags.csv !== undefined) {
        for (const design of simulation.designs) {
          const csv = simulationCsv(design.run);
          writeOutput(join(flags.csv, `${design.id}-sources.csv`), csv.sources);
          writeOutput(join(flags.csv, `${design.id}-pools.csv`), csv.pools);
          writeOutput(join(flags.csv, `${design.id}-cost.csv`), csv.cost);
          const faults = faultsCsv(design.run);
          if (faults !== undefined) writeOutput(join(flags.csv, `${design.id}-faults.csv`), faults);
        }
      }
      if (flags.output !== undefined) {
        const html = renderHtmlPage(simulationPageReport(scenario, simulation), loadPageAssets(), {
          title: `${simulation.scenario} · Footprint`,
        });
        writeOutput(flags.output, html);
        const bytes = Buffer.byteLength(html);
        emit(
          io,
          flags.json === true,
          { output: flags.output, bytes },
          () =>
            `wrote ${flags.output} (${(bytes / 1024 / 1024).toFixed(1)} MB): open it in a browser, no network needed\n`,
        );
        return;
      }
      emit(io, flags.json === true, simulation, () => renderSimulation(simulation));
    });
}

/** The directory `--csv` names, made before the run (a path that cannot be is a user error). */
function makeCsvDirectory(dir: string): void {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `cannot create the directory '${dir}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      expected: 'a directory path that can be created and written',
    });
  }
}
