/**
 * `footprint report FILE`: the estate report (expected figures, links, RTTs, users, lint, traces)
 * as text, JSON or the HTML page (-o).
 */
import type { Command } from 'commander';
import { FootprintError } from '../errors.js';
import { loadEstate } from '../model/index.js';
import { type PlacementResult, placeServices } from '../placement/index.js';
import {
  buildEstateReport,
  compareReports,
  comparisonPageReport,
  placementReport,
  renderComparisonReport,
  renderEstateReport,
  renderHtmlPage,
  renderPlacement,
} from '../report/index.js';
import { type CliIo, emit } from './io.js';
import { samplingFlags, samplingOptions } from './options.js';
import { checkWritable, loadPageAssets, writeOutput } from './output-files.js';

/** What `report` is given. */
interface ReportFlags {
  json?: boolean;
  output?: string;
  place?: boolean;
  against?: string;
  seed?: number;
  samples?: number;
}

export function registerReport(program: Command, io: CliIo): void {
  const command = program
    .command('report')
    .description("the estate report: expected figures, links, RTT between the estate's places, and its users")
    .argument('<file>', 'the estate file')
    .option('-o, --output <file>', 'write the report as one self-contained HTML page with a world map')
    .option('--place', 'add where each service should run (`footprint place`; takes a second or more)')
    .option(
      '--against <other>',
      'compare with a second design: text, --json, or with -o a page of the two side by side (not with --place)',
    )
    .option('--json', 'print JSON');
  samplingOptions(command).action(async (file: string, options: ReportFlags) => {
    if (options.against !== undefined) {
      reportAgainst(io, file, options.against, options);
      return;
    }
    const estate = loadEstate(file);
    let placement: PlacementResult | undefined;
    if (options.place) placement = await placeServices(estate, { timings: false });
    const report = buildEstateReport(estate, {
      ...samplingFlags(options),
      ...(placement ? { placement: placementReport(placement) } : {}),
    });
    if (options.output !== undefined) {
      writePage(io, options.output, renderHtmlPage(report, loadPageAssets()), options.json === true);
      return;
    }
    emit(io, options.json === true, report, () =>
      placement ? `${renderEstateReport(report)}\n${renderPlacement(placement)}` : renderEstateReport(report),
    );
  });
}

/** Writes a report page and says where, in text or as `{ output, bytes }`. */
function writePage(io: CliIo, output: string, html: string, json: boolean): void {
  writeOutput(output, html);
  const bytes = Buffer.byteLength(html);
  emit(
    io,
    json,
    { output, bytes },
    () =>
      `wrote ${output} (${(bytes / 1024 / 1024).toFixed(1)} MB): open it in a browser, no network needed\n`,
  );
}

/**
 * `report A --against B`: the comparison in text, or `{ a, b, comparison }` as JSON, or with -o the
 * page of the two designs side by side.
 */
function reportAgainst(io: CliIo, file: string, other: string, options: ReportFlags): void {
  if (options.place)
    throw new FootprintError({
      code: 'FP_USAGE',
      message: '--against does not take --place',
      expected: `the comparison alone (\`footprint report ${file} --against ${other}\`, text, --json or -o FILE.html); run \`footprint report FILE --place\` on each design separately`,
    });
  if (options.output !== undefined) checkWritable(options.output);
  const a = buildEstateReport(loadEstate(file), samplingFlags(options));
  const b = buildEstateReport(loadEstate(other), samplingFlags(options));
  if (options.output !== undefined) {
    const page = comparisonPageReport(a, b);
    const title = `${a.estate.name} against ${b.estate.name} · Footprint`;
    writePage(io, options.output, renderHtmlPage(page, loadPageAssets(), { title }), options.json === true);
    return;
  }
  const comparison = compareReports(a, b);
  emit(io, options.json === true, { a, b, comparison }, () => renderComparisonReport(comparison));
}
