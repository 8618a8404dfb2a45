/**
 * Refreshes the catalog's data files from the JSON of read-only AWS CLI calls saved in a folder
 * (docs/catalog.md lists the commands) and botocore's partition data (data/partitions.json and
 * data/endpoints.json copied into it), and prints what changed.
 *
 *   npm run refresh:catalog -- DIR                    # rewrite src/catalog/data/*.ts
 *   npm run refresh:catalog -- DIR --dry-run          # print the changes, write nothing
 *   npm run refresh:catalog -- DIR --data D --out O   # read the data files in D, write them to O
 *   npm run refresh:catalog -- DIR --as-of 2026-12-05 # the date the outputs were taken (default: today, UTC)
 *
 * Only what the outputs cover changes (see src/catalog/refresh/apply.ts); the rest stays as it is.
 * The same outputs, data files and date give the same files and report, byte for byte.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  type RefreshableCatalog,
  refreshCatalog,
  renderCatalogChanges,
} from '../src/catalog/refresh/apply.js';
import { type DataFileLayout, dataFileSource, headerOf } from '../src/catalog/refresh/emit.js';
import { emptyOutputs, readCatalogOutput } from '../src/catalog/refresh/outputs.js';
import { FootprintError, formatDiagnostic } from '../src/errors.js';

const DEFAULT_DATA = fileURLToPath(new URL('../src/catalog/data/', import.meta.url));

/** The files a refresh rewrites: file name, layout, and the catalog fields they hold. */
const FILES = [
  {
    file: 'partitions.ts',
    typeName: 'Partition',
    sourceConst: 'PARTITIONS_SOURCE',
    listConst: 'PARTITIONS',
    list: 'partitions',
    source: 'partitionsSource',
  },
  {
    file: 'regions.ts',
    typeName: 'Region',
    sourceConst: 'REGIONS_SOURCE',
    listConst: 'REGIONS',
    list: 'regions',
    source: 'regionsSource',
  },
  {
    file: 'local-zones.ts',
    typeName: 'LocalZone',
    sourceConst: 'LOCAL_ZONES_SOURCE',
    listConst: 'LOCAL_ZONES',
    list: 'localZones',
    source: 'localZonesSource',
  },
  {
    file: 'local-zone-offerings.ts',
    typeName: 'LocalZoneOffering',
    sourceConst: 'LOCAL_ZONE_OFFERINGS_SOURCE',
    listConst: 'LOCAL_ZONE_OFFERINGS',
    list: 'offerings',
    source: 'offeringsSource',
  },
  {
    file: 'dx-locations.ts',
    typeName: 'DxLocation',
    sourceConst: 'DX_LOCATIONS_SOURCE',
    listConst: 'DX_LOCATIONS',
    list: 'dxLocations',
    source: 'dxLocationsSource',
  },
] as const;

export interface RefreshIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

/** Every `.json` file under a folder, in path order. */
function jsonFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((name) => join(dir, name))
    .filter((path) => path.endsWith('.json') && statSync(path).isFile())
    .sort();
}

/** A data file's module; keyed by its content, so that a file rewritten in this process is read anew. */
async function importData(dataDir: string, file: string): Promise<Record<string, unknown>> {
  const path = join(dataDir, file);
  if (!existsSync(path))
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `${path}: no such catalog data file`,
      expected: `--data: a folder holding ${[...FILES.map((f) => f.file), 'metros.ts'].join(', ')}`,
    });
  const version = createHash('sha256').update(readFileSync(path)).digest('hex').slice(0, 16);
  return (await import(`${pathToFileURL(path).href}?v=${version}`)) as Record<string, unknown>;
}

async function loadCatalog(dataDir: string): Promise<RefreshableCatalog> {
  const entries: Record<string, unknown> = {};
  for (const f of FILES) {
    const module = await importData(dataDir, f.file);
    if (!Array.isArray(module[f.listConst]) || typeof module[f.sourceConst] !== 'object')
      throw new FootprintError({
        code: 'FP_WRONG_TYPE',
        message: `${join(dataDir, f.file)}: not a catalog data file`,
        expected: `exports ${f.listConst} and ${f.sourceConst}`,
      });
    entries[f.list] = module[f.listConst];
    entries[f.source] = module[f.sourceConst];
  }
  const metros = await importData(dataDir, 'metros.ts');
  return { ...entries, metros: metros.METROS } as unknown as RefreshableCatalog;
}

function usage(message: string): FootprintError {
  return new FootprintError({
    code: 'FP_USAGE',
    message,
    expected: 'npm run refresh:catalog -- DIR [--dry-run] [--data DIR] [--out DIR] [--as-of YYYY-MM-DD]',
  });
}

/** Runs a refresh; returns the exit code (0, or 2 on bad input, with the error on stderr). */
export async function runRefreshCatalog(argv: readonly string[], io: RefreshIo): Promise<number> {
  try {
    await refresh(argv, io);
    return 0;
  } catch (error) {
    if (!(error instanceof FootprintError)) throw error;
    io.stderr(`${error.diagnostics.map(formatDiagnostic).join('\n\n')}\n`);
    return 2;
  }
}

async function refresh(argv: readonly string[], io: RefreshIo): Promise<void> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    throw usage((error as Error).message);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1) throw usage('expected one folder of AWS CLI outputs');
  const outputsDir = positionals[0] as string;
  if (!existsSync(outputsDir) || !statSync(outputsDir).isDirectory())
    throw new FootprintError({ code: 'FP_FILE_NOT_FOUND', message: `${outputsDir}: no such folder` });
  const asOf = values['as-of'] ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf)) throw usage(`--as-of ${asOf}: expected a date, YYYY-MM-DD`);
  const dataDir = resolve(values.data ?? DEFAULT_DATA);
  const outDir = resolve(values.out ?? dataDir);

  const outputs = emptyOutputs();
  const files = jsonFiles(outputsDir);
  if (files.length === 0) throw usage(`${outputsDir}: no .json files`);
  for (const file of files) readCatalogOutput(file, readFileSync(file, 'utf8'), outputs);
  const { catalog, changes } = refreshCatalog(await loadCatalog(dataDir), outputs, asOf);

  const { zones, offerings, dxLocations, partitions } = outputs.files;
  io.stdout(
    `read ${files.length} files: ${zones} of zones, ${offerings} of instance-type offerings, ${dxLocations} of DX locations, ${partitions} of botocore partition data\n`,
  );
  io.stdout(renderCatalogChanges(changes));
  if (values['dry-run']) {
    io.stdout('dry run: nothing written\n');
    return;
  }
  mkdirSync(outDir, { recursive: true });
  const written: string[] = [];
  for (const f of FILES) {
    const before = readFileSync(join(dataDir, f.file), 'utf8');
    const layout: DataFileLayout = { header: headerOf(before), ...f };
    const after = dataFileSource(layout, catalog[f.source], catalog[f.list]);
    const target = join(outDir, f.file);
    if (after === before && target === join(dataDir, f.file)) continue;
    writeFileSync(target, after);
    if (after !== before) written.push(relative(process.cwd(), target) || target);
  }
  io.stdout(written.length > 0 ? `wrote ${written.join(', ')}\n` : 'no data file changed\n');
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      'dry-run': { type: 'boolean' },
      data: { type: 'string' },
      out: { type: 'string' },
      'as-of': { type: 'string' },
    },
  });
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const io = {
    stdout: (t: string) => process.stdout.write(t),
    stderr: (t: string) => process.stderr.write(t),
  };
  process.exitCode = await runRefreshCatalog(process.argv.slice(2), io);
}
