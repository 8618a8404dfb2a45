/**
 * Loading a scenario file: YAML with positions, its shape checked, its estate (or each design's
 * estate) loaded, its demand turned into rate profiles, every problem located at file:line:col.
 * The phases of resolving it: scenario-run.ts (duration, designs, demand, actions),
 * scenario-behaviour.ts (clients, DNS, cold start) and scenario-faults.ts.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { type Diagnostic, FootprintError } from '../errors.js';
import {
  allowedRoots,
  type DataPath,
  type Estate,
  EstateSource,
  isConfined,
  outsideRoots,
  parseLayer,
  type ReadFile,
  readFromDisk,
  validateAgainst,
} from '../model/index.js';
import type { ColdStartPolicy } from './cold-start.js';
import type { Report } from './demand.js';
import type { DnsClients } from './doors/pack-doors.js';
import { type SimClient, type SimRateProfile, TRANSFER_CLASSES } from './model.js';
import { resolveClient, resolveColdStart, resolveDns } from './scenario-behaviour.js';
import { resolveFaults, type ScenarioFault } from './scenario-faults.js';
import { resolveActions, resolveDemand, resolveDesigns, resolveTimes } from './scenario-run.js';
import { type ScenarioInput, scenarioSchema } from './scenario-schema.js';

/** Demand for one request, resolved. */
export interface ScenarioDemand {
  readonly request: string;
  readonly profile: SimRateProfile;
  /** Weights by metro id, when the scenario gives them. */
  readonly metros?: ReadonlyMap<string, number>;
  readonly sessionRequests: number;
  readonly thinkS: number;
  readonly path: DataPath;
}

export interface ScenarioAction {
  readonly atS: number;
  /** A pool id (service@place), or every scaling pool of a service. */
  readonly pool?: string;
  readonly service?: string;
  readonly min?: number;
  readonly desired?: number;
  readonly max?: number;
  readonly path: DataPath;
}

export interface ScenarioDesign {
  readonly id: string;
  readonly name: string;
  readonly file: string;
  readonly estate: Estate;
}

/** A loaded scenario: its designs (estates), demand, client behaviour and scheduled actions. */
export interface Scenario {
  readonly name: string;
  readonly description?: string;
  readonly file: string;
  readonly source: EstateSource;
  readonly seed: number;
  readonly durationS: number;
  readonly intervalS: number;
  readonly designs: readonly ScenarioDesign[];
  readonly demand: readonly ScenarioDemand[];
  readonly client: SimClient;
  /** How users resolve front doors: resolvers per metro and TTL stretching. */
  readonly dns: DnsClients;
  readonly actions: readonly ScenarioAction[];
  readonly faults: readonly ScenarioFault[];
  /** How services with start-up dependencies come back; absent: the default crash loop. */
  readonly coldStart?: ColdStartPolicy;
  readonly transferUsdPerGb: Float64Array;
}

/**
 * Default prices per GB (USD) by transfer class: within a zone free; across AZs (and between a Local
 * Zone and its region) $0.01 each way; between regions $0.02; out over Direct Connect $0.02 (US
 * locations); out to the internet $0.09 (first 10 TB); inbound and on-premises free. Sources: the
 * Amazon EC2 On-Demand pricing page, "Data transfer"; AWS Direct Connect pricing.
 */
export const DEFAULT_TRANSFER_USD_PER_GB: Readonly<Record<(typeof TRANSFER_CLASSES)[number], number>> = {
  'same-zone': 0,
  'inter-az': 0.02,
  'inter-region': 0.02,
  'dx-out': 0.02,
  'internet-out': 0.09,
  free: 0,
};

/**
 * Loads a scenario and its estates. Throws a {@link FootprintError} listing every problem.
 * @example loadScenario('examples/ticketmaster-phoenix/onsale.yaml').designs.length // 3
 */
export function loadScenario(file: string, readFile: ReadFile = readFromDisk): Scenario {
  return loadScenarioDocument(file, scenarioSchema, 'scenario', readFile).scenario;
}

/**
 * Loads a document that is a scenario with keys of its own (a game day adds assertions): the
 * scenario, the document's validated value, and its source for locating problems in the rest.
 */
export function loadScenarioDocument<T extends ScenarioInput>(
  file: string,
  schema: z.ZodType<T>,
  kind: string,
  readFile: ReadFile = readFromDisk,
): { scenario: Scenario; input: T; source: EstateSource } {
  const text = readFile(file);
  if (text === undefined)
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `cannot read ${kind} file '${file}'`,
      suggestion: `check the path; ${kind} files are YAML, like examples/ticketmaster-phoenix/${kind === 'scenario' ? 'onsale' : 'gameday-parent-az'}.yaml`,
    });
  const { layer, value } = parseLayer(file, text);
  const source = new EstateSource([layer]);
  const shape = validateAgainst(schema, value, source);
  if (!shape.ok) throw new FootprintError(shape.diagnostics);
  return { scenario: resolveScenario(shape.value, file, source, readFile), input: shape.value, source };
}

/** What the phases of resolving a scenario share: its file, and where problems go. */
export interface Resolution {
  readonly input: ScenarioInput;
  readonly file: string;
  readonly readFile: ReadFile;
  readonly report: Report;
  readonly diagnostics: Diagnostic[];
  /** A path relative to the scenario file. */
  readonly relative: (path: string) => string;
  /** Why a file the scenario names may not be read (outside the allowed folders), if so. */
  readonly outside: (path: string) => string | undefined;
}

function resolveScenario(
  input: ScenarioInput,
  file: string,
  source: EstateSource,
  readFile: ReadFile,
): Scenario {
  const diagnostics: Diagnostic[] = [];
  // The estates and rate files a scenario names stay inside the working directory and its folder.
  const roots = isConfined(readFile) ? allowedRoots(file) : undefined;
  const r: Resolution = {
    input,
    file,
    readFile,
    diagnostics,
    report: (path, code, message, extra = {}) => {
      diagnostics.push(source.diagnostic(path, code, message, extra));
    },
    relative: (path) => (isAbsolute(path) ? path : join(dirname(file), path)),
    outside: (path) => (roots ? outsideRoots(path, roots) : undefined),
  };
  const { durationS, intervalS } = resolveTimes(r);
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  const designs = resolveDesigns(r);
  const demand = resolveDemand(r, designs, durationS);
  const client = resolveClient(r);
  const dns = resolveDns(r);
  const actions = resolveActions(r, durationS);
  const faults = resolveFaults(input.faults ?? [], durationS, input.duration, r.report);
  const coldStart = resolveColdStart(r);
  const transferUsdPerGb = Float64Array.from(
    TRANSFER_CLASSES.map((c) => input.prices?.transferPerGb?.[c] ?? DEFAULT_TRANSFER_USD_PER_GB[c]),
  );
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  return {
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    file,
    source,
    seed: input.seed ?? 1,
    durationS,
    intervalS,
    designs,
    demand,
    client,
    dns,
    actions,
    faults,
    ...(coldStart ? { coldStart } : {}),
    transferUsdPerGb,
  };
}
