/**
 * Loading a sweep file: YAML with positions, its shape checked, its scenario read, its axes
 * resolved, every problem located at file:line:col. Every file it reads is kept (the bundle), so
 * that a worker thread, or a worker on another machine, builds the same plan from the same bytes
 * without reading a disk; the fingerprint names those bytes.
 */
import { createHash } from 'node:crypto';
import { dirname, isAbsolute, join } from 'node:path';
import { type Diagnostic, FootprintError } from '../errors.js';
import {
  confined,
  type DataPath,
  EstateSource,
  isConfined,
  parseLayer,
  type ReadFile,
  readFromDisk,
  validateAgainst,
} from '../model/index.js';
import { PointScenarios } from './scenario.js';
import { MAX_POINTS, type SweepInput, sweepSchema } from './schema.js';

/** One design of the grid. */
export interface SweepDesign {
  readonly id: string;
  readonly name: string;
  /** The estate file, as read (relative to the working directory, or absolute). */
  readonly estate: string;
  readonly patch?: Readonly<Record<string, unknown>>;
  /** Where it is defined: in the sweep file (`designs:`) or in the scenario. */
  readonly origin: 'sweep' | 'scenario';
}

/** One outage of the grid: faults in place of the scenario's, or the scenario's own. */
export interface SweepOutage {
  readonly id: string;
  /** The faults (scenario `faults:` entries); undefined keeps the scenario's. */
  readonly faults?: readonly unknown[];
}

/** A loaded sweep: its axes, and the files it read. */
export interface SweepPlan {
  readonly name: string;
  readonly description?: string;
  readonly file: string;
  readonly scenarioFile: string;
  readonly designs: readonly SweepDesign[];
  readonly loads: readonly number[];
  readonly outages: readonly SweepOutage[];
  readonly seeds: readonly number[];
  /** Designs x loads x outages x seeds. */
  readonly points: number;
  /** Every file read, by the path it was read at. */
  readonly bundle: Readonly<Record<string, string>>;
  /** A hash of the bundle and the sweep file's path: the same plan, the same fingerprint. */
  readonly fingerprint: string;
  readonly input: SweepInput;
  /** The scenario file as parsed (its data, before validation). */
  readonly scenarioValue: Readonly<Record<string, unknown>>;
  readonly sources: { readonly sweep: EstateSource; readonly scenario: EstateSource };
}

/** A plan with its design x outage scenarios loaded (and checked). */
export interface LoadedSweep extends SweepPlan {
  readonly scenarios: PointScenarios;
}

/** Reads through `read` and keeps every file it read, by path. */
export function recordingReader(read: ReadFile): { read: ReadFile; bundle: Map<string, string> } {
  const bundle = new Map<string, string>();
  const recorded = (path: string) => {
    const text = read(path);
    if (text !== undefined) bundle.set(path, text);
    return text;
  };
  return { read: isConfined(read) ? confined(recorded) : recorded, bundle };
}

/** A reader over a bundle: the files a plan read, and nothing else. */
export function bundleReader(bundle: Readonly<Record<string, string>>): ReadFile {
  return (path) => (Object.hasOwn(bundle, path) ? bundle[path] : undefined);
}

/**
 * Loads a sweep file, its scenario, and every design's estate under every outage: any problem in
 * any of them is reported now, located, before a point runs. `checked`: the plan was loaded and
 * checked before (in the main thread, by the producer): its faults are not compiled again here.
 * @example loadSweep('examples/ticketmaster-phoenix/sweep.yaml').points // 60
 */
export function loadSweep(
  file: string,
  readFile: ReadFile = readFromDisk,
  options: { readonly checked?: boolean } = {},
): LoadedSweep {
  const { read, bundle } = recordingReader(readFile);
  const plan = parseSweep(file, read, bundle);
  // A plan already checked where it was loaded first (a thread's, a queue worker's) skips compiling.
  const scenarios = new PointScenarios(plan, read, options.checked !== true);
  const diagnostics: Diagnostic[] = [];
  for (const design of plan.designs)
    for (const outage of plan.outages) {
      try {
        scenarios.get(design, outage);
      } catch (error) {
        if (!(error instanceof FootprintError)) throw error;
        const seen = new Set(
          diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.message}`),
        );
        diagnostics.push(
          ...error.diagnostics.filter(
            (d) => !seen.has(`${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.message}`),
          ),
        );
      }
    }
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  return { ...withFiles(plan, bundle), scenarios };
}

function parseSweep(file: string, read: ReadFile, bundle: ReadonlyMap<string, string>): SweepPlan {
  const text = read(file);
  if (text === undefined)
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `cannot read sweep file '${file}'`,
      suggestion: 'check the path; sweep files are YAML, like examples/ticketmaster-phoenix/sweep.yaml',
    });
  const { layer, value } = parseLayer(file, text);
  const sweep = new EstateSource([layer]);
  const shape = validateAgainst(sweepSchema, value, sweep);
  if (!shape.ok) throw new FootprintError(shape.diagnostics);
  const input = shape.value;
  const relative = (path: string) => (isAbsolute(path) ? path : join(dirname(file), path));
  const scenarioFile = relative(input.scenario);
  const scenarioText = read(scenarioFile);
  if (scenarioText === undefined)
    throw new FootprintError(
      sweep.diagnostic(['scenario'], 'FP_FILE_NOT_FOUND', `cannot read scenario file '${input.scenario}'`, {
        expected: 'a scenario file, relative to the sweep file',
      }),
    );
  const parsed = parseLayer(scenarioFile, scenarioText);
  const scenarioValue =
    parsed.value && typeof parsed.value === 'object' && !Array.isArray(parsed.value)
      ? (parsed.value as Record<string, unknown>)
      : {};
  const diagnostics: Diagnostic[] = [];
  const designs = resolveDesigns(input, scenarioValue, scenarioFile, relative, (path, message) =>
    diagnostics.push(sweep.diagnostic(path, 'FP_INVALID_VALUE', message)),
  );
  const outages: SweepOutage[] = input.outages
    ? Object.entries(input.outages).map(([id, faults]) => ({ id, faults }))
    : [{ id: 'scenario' }];
  if (outages.length === 0)
    diagnostics.push(
      sweep.diagnostic(['outages'], 'FP_INVALID_VALUE', 'no outage to run', {
        expected: 'at least one; `none: []` for none',
      }),
    );
  const scenarioSeed = typeof scenarioValue.seed === 'number' ? scenarioValue.seed : 1;
  const seeds = seedList(input.seeds, scenarioSeed);
  const loads = input.loads ?? [1];
  const points = designs.length * loads.length * outages.length * seeds.length;
  if (points > MAX_POINTS)
    diagnostics.push(
      sweep.diagnostic([], 'FP_INVALID_VALUE', `the grid has ${points.toLocaleString('en-US')} points`, {
        expected: `at most ${MAX_POINTS.toLocaleString('en-US')}`,
        suggestion: 'split it into several sweeps',
      }),
    );
  for (const [label, values] of [
    ['loads', loads],
    ['seeds', seeds],
  ] as const) {
    const twice = values.find((v, i) => values.indexOf(v) !== i);
    if (twice !== undefined)
      diagnostics.push(sweep.diagnostic([label], 'FP_DUPLICATE_ID', `${label}: ${twice} is listed twice`));
  }
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  const sorted = Object.fromEntries([...bundle.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return {
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    file,
    scenarioFile,
    designs,
    loads,
    outages,
    seeds,
    points,
    bundle: sorted,
    fingerprint: fingerprintOf(file, sorted),
    input,
    scenarioValue,
    sources: { sweep, scenario: new EstateSource([parsed.layer]) },
  };
}

/** Adds the files read after loading (the designs' estates) to the plan's bundle and fingerprint. */
export function withFiles(plan: SweepPlan, files: ReadonlyMap<string, string>): SweepPlan {
  const merged = { ...plan.bundle };
  for (const [path, text] of files) merged[path] = text;
  const sorted = Object.fromEntries(Object.entries(merged).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { ...plan, bundle: sorted, fingerprint: fingerprintOf(plan.file, sorted) };
}

function fingerprintOf(file: string, bundle: Readonly<Record<string, string>>): string {
  const hash = createHash('sha256');
  hash.update(`footprint-sweep 1\0${file}\0`);
  for (const [path, text] of Object.entries(bundle)) hash.update(`${path}\0${text.length}\0${text}\0`);
  return hash.digest('hex').slice(0, 16);
}

function resolveDesigns(
  input: SweepInput,
  scenarioValue: Readonly<Record<string, unknown>>,
  scenarioFile: string,
  relative: (path: string) => string,
  report: (path: DataPath, message: string) => void,
): SweepDesign[] {
  if (input.designs) {
    const designs = Object.entries(input.designs).map(([id, d]) => ({
      id,
      name: d.name ?? id,
      estate: relative(d.estate),
      ...(d.patch ? { patch: d.patch } : {}),
      origin: 'sweep' as const,
    }));
    if (designs.length === 0) report(['designs'], 'no design to run');
    return designs;
  }
  // The scenario's designs: its own checks (in loadScenario) say what is wrong with them.
  const fromScenario = (path: unknown) =>
    typeof path === 'string' ? (isAbsolute(path) ? path : join(dirname(scenarioFile), path)) : '';
  const designs = scenarioValue.designs;
  if (designs && typeof designs === 'object' && !Array.isArray(designs))
    return Object.entries(designs as Record<string, { estate?: unknown; name?: unknown }>).map(([id, d]) => ({
      id,
      name: typeof d?.name === 'string' ? d.name : id,
      estate: fromScenario(d?.estate),
      origin: 'scenario' as const,
    }));
  const name = typeof scenarioValue.name === 'string' ? scenarioValue.name : 'estate';
  return [{ id: 'estate', name, estate: fromScenario(scenarioValue.estate), origin: 'scenario' }];
}

function seedList(seeds: SweepInput['seeds'], scenarioSeed: number): number[] {
  if (seeds === undefined) return [scenarioSeed];
  if (Array.isArray(seeds)) return seeds;
  return Array.from({ length: seeds.count }, (_, i) => seeds.from + i);
}
