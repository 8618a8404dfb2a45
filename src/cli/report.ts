import type { Command } from 'commander';
import { loadEstate } from '../model/index.js';
import { type PlacementResult, placeServices } from '../placement/index.js';
import {
  buildEstateReport,
  placementReport,
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
    .option('--json', 'print JSON')
    .action(async (file: string, options: { json?: boolean; output?: string; place?: boolean }) => {
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
    });
}
