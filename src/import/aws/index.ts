/**
 * `footprint import aws`: the JSON the AWS CLI prints, turned into an estate Footprint can trace.
 * Pure: the snapshot's files (path and text) in, the estate file's text and a report out. Reading
 * the folder and writing the file are the CLI's job.
 */
import { type Diagnostic, FootprintError } from '../../errors.js';
import { type Estate, parseEstate } from '../../model/index.js';
import { dxGatewayIds, importDirectConnect } from './direct-connect.js';
import { Draft, type ImportReport } from './draft.js';
import { emitEstate } from './emit.js';
import { compare } from './order.js';
import { importRouteTables } from './routes.js';
import { readSnapshot, type SnapshotFile } from './snapshot.js';
import { importTransit } from './transit.js';
import { importVpcSide } from './vpcs.js';
import { Zones } from './zones.js';

export type { ImportReport, OwnerReport, PlaceholderReport } from './draft.js';
export { decodeText, jsonProblem, lineCol, parseJsonFile } from './json.js';
export type { SnapshotFile } from './snapshot.js';

/** How `importAws` names what it writes. */
export interface AwsImportOptions {
  /** The estate's name (default: `aws-import`). */
  readonly name?: string;
  /** How the snapshot is named in the header comment, e.g. the folder as the user gave it. */
  readonly source?: string;
  /** The estate file's name, for the header's `extends:` advice (default: imported.yaml). */
  readonly file?: string;
}

/** What `importAws` gives: the estate file's text, the report of what was read, and the estate loaded back. */
export interface AwsImport {
  /** The estate file. */
  readonly yaml: string;
  readonly report: ImportReport;
  /** The estate, loaded back through the model: the import is valid by construction. */
  readonly estate: Estate;
}

const MAX_WARNINGS_IN_FILE = 30;

/**
 * Imports a snapshot of AWS CLI outputs. Throws FP_BAD_JSON for malformed files (each at
 * line:col) and FP_IMPORT when nothing usable is found; everything else that cannot be imported
 * is counted or warned about in the report, never fatal.
 * @example importAws([{ path: 'vpcs.json', text: '{"Vpcs": []}' }]).report.counts
 */
export function importAws(files: readonly SnapshotFile[], options: AwsImportOptions = {}): AwsImport {
  const snapshot = readSnapshot(files);
  const { records } = snapshot;
  const draft = new Draft();
  for (const warning of snapshot.warnings) draft.warn(warning);
  const zones = new Zones(records, draft);
  const vpcSide = importVpcSide(records, zones, draft);
  const dxGateways = dxGatewayIds(records, draft);
  const transit = importTransit(snapshot, vpcSide, dxGateways, draft);
  const routeSide = importRouteTables(snapshot, vpcSide, transit, draft);
  importDirectConnect(records, dxGateways, vpcSide, transit, routeSide, draft);

  const skipped = new Map(snapshot.skipped);
  for (const [what, count] of draft.skipped) skipped.set(what, (skipped.get(what) ?? 0) + count);
  const counts: Record<string, number> = {
    sites: Object.keys(draft.sites).length,
    links: Object.keys(draft.links).length,
    availabilityZones: Object.keys(draft.availabilityZones).length,
  };
  for (const [section, map] of Object.entries(draft.network)) counts[section] = Object.keys(map).length;
  let attachments = 0;
  let tgwTables = 0;
  for (const tgw of Object.values(draft.network.transitGateways)) {
    attachments += Object.keys(tgw.attachments ?? {}).length;
    tgwTables += Object.keys(tgw.routeTables ?? {}).length;
  }
  counts.tgwAttachments = attachments;
  counts.tgwRouteTables = tgwTables;
  const report: ImportReport = {
    files: snapshot.files,
    ignoredFiles: snapshot.ignoredFiles,
    counts: Object.fromEntries(Object.entries(counts).filter(([, n]) => n > 0)),
    skipped: Object.fromEntries([...skipped].sort(([a], [b]) => compare(a, b))),
    placeholders: draft.placeholders,
    tgwRouteTables: [...draft.tgwRouteTables].sort((a, b) => compare(a.id, b.id)),
    prefixLists: [...draft.prefixLists].sort((a, b) => compare(a.id, b.id)),
    inferred: draft.inferred,
    warnings: draft.warnings,
  };
  const name = options.name ?? 'aws-import';
  const yaml = emitEstate(draft, {
    name,
    description: `Imported from AWS CLI output${options.source ? ` in ${options.source}` : ''} by footprint import aws.`,
    header: header(report, options.source, options.file ?? 'imported.yaml'),
  });
  return { yaml, report, estate: validated(yaml, name) };
}

/** Loads the YAML back through the model: an import that does not validate is a bug, said plainly. */
function validated(yaml: string, name: string): Estate {
  try {
    return parseEstate(yaml, `${name}.yaml`);
  } catch (error) {
    if (!(error instanceof FootprintError)) throw error;
    const first: Diagnostic = {
      code: 'FP_IMPORT',
      message:
        'the imported estate does not validate: this is a bug in `footprint import aws`; please report it with the snapshot (the problems follow)',
    };
    throw new FootprintError([first, ...error.diagnostics]);
  }
}

/**
 * What an import holds, in words.
 * @example importSummary(report) // '3 VPCs, 7 subnets, 6 route tables, 1 Transit Gateway, 2 DX gateways, 3 virtual interfaces'
 */
export function importSummary(report: ImportReport): string {
  const plural = (n: number, one: string) => `${n} ${n === 1 ? one : `${one}s`}`;
  const c = report.counts;
  return [
    plural(c.vpcs ?? 0, 'VPC'),
    plural(c.subnets ?? 0, 'subnet'),
    plural(c.routeTables ?? 0, 'route table'),
    plural(c.transitGateways ?? 0, 'Transit Gateway'),
    plural(c.dxGateways ?? 0, 'DX gateway'),
    plural(c.virtualInterfaces ?? 0, 'virtual interface'),
  ].join(', ');
}

function header(report: ImportReport, source: string | undefined, file: string): string[] {
  const what = importSummary(report);
  const lines = [
    `Imported by \`footprint import aws\`${source ? ` from ${source}` : ''}: ${what}.`,
    'AWS ids are the element ids; Name tags are the names. Re-importing the same snapshot gives the same file.',
  ];
  if (report.placeholders.length > 0) {
    lines.push(
      '',
      'FILL IN: where on-prem is. Until then, latency and traces stop at the DX locations before these sites:',
    );
    for (const p of report.placeholders) {
      lines.push(`  ${p.site}: behind ${p.connections.map((x) => `${x.id} (${x.location})`).join(', ')}`);
    }
    const first = report.placeholders[0]?.site as string;
    lines.push(
      'Keep your answers in a file of your own that extends this one, so that a re-import does not undo them:',
      `  extends: ${file}`,
      '  sites:',
      `    ${first}: { placeholder: null, metro: metro:<slug> }   # or location: [lat, lon]`,
    );
  }
  if (report.inferred.length > 0) {
    lines.push('', 'Inferred, not read (check them):');
    for (const line of report.inferred) lines.push(`  ${line}`);
  }
  const skipped = Object.entries(report.skipped);
  if (skipped.length > 0) {
    lines.push('', `Not imported: ${skipped.map(([what, n]) => `${n} ${what}`).join(', ')}.`);
  }
  if (report.warnings.length > 0) {
    lines.push('', `Warnings (${report.warnings.length}):`);
    for (const w of report.warnings.slice(0, MAX_WARNINGS_IN_FILE)) lines.push(`  ${w}`);
    if (report.warnings.length > MAX_WARNINGS_IN_FILE)
      lines.push(
        `  … and ${report.warnings.length - MAX_WARNINGS_IN_FILE} more (footprint import aws --json lists them all)`,
      );
  }
  lines.push('', 'Files read:');
  for (const f of report.files) {
    const read = Object.entries(f.recognised).map(([k, n]) => `${n} ${k}`);
    const notRead = Object.entries(f.skipped).map(([k, n]) => `${n} ${k} (not read)`);
    lines.push(`  ${f.path}: ${[...read, ...notRead].join(', ') || 'nothing recognised'}`);
  }
  for (const f of report.ignoredFiles) lines.push(`  ${f}: not JSON, ignored`);
  for (const t of report.tgwRouteTables)
    lines.push(`  routes of ${t.id}: from ${t.files.join(', ')} (table id by ${t.how})`);
  for (const p of report.prefixLists)
    lines.push(`  entries of ${p.id}: from ${p.files.join(', ')} (list id by ${p.how})`);
  return lines;
}
