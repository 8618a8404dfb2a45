import type { Command } from 'commander';
import { FootprintError } from '../errors.js';
import { loadEstate } from '../model/index.js';
import { type PlacementResult, placeServices } from '../placement/index.js';
import {
  buildEstateReport,
  compareReports,
  placementReport,
  renderComparisonReport,
  renderEstateReport,
  renderHtmlPage,
  renderPlacement,
} from '../report/index.js';
import { type CliIo, emit } from './io.js';
import { loadPageAssets, writeOutput } from './output-files.js';

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description("the estate report: expected figures, links, RTT between the estate's places, and its users")
    .argument('<file>', 'the estate file')
    .option('-o, --output <file>', 'write the report as one self-contained HTML page with a world map')
    .option('--place', 'add where each service should run (`footprint place`; takes a second or more)')
    .option('--against <other>', 'compare with a second design: text or --json, not with --place or -o')
    .option('--json', 'print JSON')
    .action(
      async (
        file: string,
        options: { json?: boolean; output?: string; place?: boolean; against?: string },
      ) => {
        if (options.against !== undefined) {
          reportAgainst(io, file, options.against, options);
          return;
        }
        const estate = loadEstate(file);
        let placement: PlacementResult | undefined;
        if (options.place) placement = await placeServices(estate, { timings: false });
        const report = buildEstateReport(estate, placement ? { placement: placementReport(placement) } : {});
        if (options.output !== undefined) {
          const html = renderHtmlPage(report, loadPageAssets());
          writeOutput(options.output, html);
          const bytes = Buffer.byteLength(html);
          emit(
            io,
            options.json === true,
            { output: options.output, bytes },
            () =>
              `wrote ${options.output} (${(bytes / 1024 / 1024).toFixed(1)} MB): open it in a browser, no network needed\n`,
          );
          return;
        }
        emit(io, options.json === true, report, () =>
          placement
            ? `${renderEstateReport(report)}\n${renderPlacement(placement)}`
            : renderEstateReport(report),
        );
      },
    );
}

/** `report A --against B`: the comparison in text, or `{ a, b, comparison }` as JSON. */
function reportAgainst(
  io: CliIo,
  file: string,
  other: string,
  options: { json?: boolean; output?: string; place?: boolean },
): void {
  if (options.place || options.output !== undefined)
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `--against does not take ${options.place ? '--place' : '-o/--output'}`,
      expected: `the comparison alone (\`footprint report ${file} --against ${other}\`, text or --json); run \`footprint report FILE ${options.place ? '--place' : '-o FILE.html'}\` on each design separately`,
    });
  const a = buildEstateReport(loadEstate(file));
  const b = buildEstateReport(loadEstate(other));
  const comparison = compareReports(a, b);
  emit(io, options.json === true, { a, b, comparison }, () => renderComparisonReport(comparison));
}
