import type { Command } from 'commander';
import { loadEstate } from '../model/index.js';
import { buildEstateReport, renderEstateReport } from '../report/estate.js';
import { renderHtmlPage } from '../report/html.js';
import { type CliIo, emit } from './io.js';
import { loadPageAssets, writeOutput } from './page-assets.js';

export function registerReport(program: Command, io: CliIo): void {
  program
    .command('report')
    .description("the estate report: expected figures, links, RTT between the estate's places, and its users")
    .argument('<file>', 'the estate file')
    .option('-o, --output <file>', 'write the report as one self-contained HTML page with a world map')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean; output?: string }) => {
      const report = buildEstateReport(loadEstate(file));
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
      emit(io, options.json === true, report, () => renderEstateReport(report));
    });
}
