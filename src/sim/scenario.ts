/**
 * Loading a scenario file: YAML with positions, its shape checked, its estate (or each design's
 * estate) loaded, its demand turned into rate profiles, every problem located at file:line:col.
 */
import { dirname, isAbsolute, join } from 'node:path';
import type { z } from 'zod';
import { type Diagnostic, FootprintError } from '../errors.js';
import {
  allowedRoots,
  confined,
  type DataPath,
  durationSeconds,
  type Estate,
  EstateSource,
  isConfined,
  loadEstate,
  OUTSIDE_SUGGESTION,
  outsideRoots,
  parseLayer,
  type ReadFile,
  readFromDisk,
  validateAgainst,
} from '../model/index.js';
import { didYouMean } from '../suggest.js';
import { type ColdStartPolicy, DEFAULT_COLD_START } from './cold-start.js';
import { niceInterval, type Report, rateProfile } from './demand.js';
import { DEFAULT_DNS_CLIENTS, type DnsClients } from './doors/compile-doors.js';
import { type SimClient, type SimRateProfile, TRANSFER_CLASSES } from './model.js';
import { resolveFaults, type ScenarioFault } from './scenario-faults.js';
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

/** The longest run: a week of simulated time. */
export const MAX_SCENARIO_S = 7 * 86_400;
/** The most intervals a time series holds. */
export const MAX_INTERVALS = 10_000;
/** The most requests a run may generate. */
export const MAX_REQUESTS = 500_000_000;

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
interface Resolution {
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

/** `coldStart:`, over the defaults; the back-off's base at most its cap. */
function resolveColdStart({ input, report }: Resolution): ColdStartPolicy | undefined {
  const given = input.coldStart;
  if (!given) return undefined;
  const base =
    given.backoff?.base !== undefined ? durationSeconds(given.backoff.base) : DEFAULT_COLD_START.backoffBaseS;
  const cap =
    given.backoff?.cap !== undefined ? durationSeconds(given.backoff.cap) : DEFAULT_COLD_START.backoffCapS;
  if (!(base > 0) || !(cap >= base))
    report(['coldStart', 'backoff'], 'FP_INVALID_VALUE', `a back-off from ${base} s to ${cap} s`, {
      expected: 'base > 0 and cap >= base, e.g. { base: 10s, cap: 5m }',
    });
  return { strict: given.order === 'strict', backoffBaseS: base, backoffCapS: cap };
}

/** The run's duration and interval, and that it names an estate or designs (not both). */
function resolveTimes({ input, report }: Resolution): { durationS: number; intervalS: number } {
  const durationS = durationSeconds(input.duration);
  if (!(durationS > 0) || durationS > MAX_SCENARIO_S)
    report(['duration'], 'FP_INVALID_VALUE', `a run of ${input.duration} is out of range`, {
      expected: 'more than 0 and at most 7d',
    });
  const intervalS = input.interval !== undefined ? durationSeconds(input.interval) : niceInterval(durationS);
  if (!(intervalS > 0) || intervalS > durationS || durationS / intervalS > MAX_INTERVALS)
    report(
      ['interval'],
      'FP_INVALID_VALUE',
      `an interval of ${input.interval} does not fit a run of ${input.duration}`,
      {
        expected: `more than 0, at most the duration, and at most ${MAX_INTERVALS} intervals`,
      },
    );
  if ((input.estate === undefined) === (input.designs === undefined))
    report(
      [input.estate !== undefined ? 'designs' : 'estate'],
      'FP_INVALID_VALUE',
      input.estate !== undefined
        ? "give either 'estate' or 'designs', not both"
        : 'the scenario names no estate',
      { expected: "'estate: file.yaml', or 'designs: { id: { estate: file.yaml } }' to compare several" },
    );
  return { durationS, intervalS };
}

/** Each design's estate, loaded; their own errors stay located in their files. */
function resolveDesigns({
  input,
  report,
  relative,
  readFile,
  diagnostics,
  outside,
}: Resolution): ScenarioDesign[] {
  const inputs: { id: string; name: string; estate: string; path: DataPath }[] = input.designs
    ? Object.entries(input.designs).map(([id, d]) => ({
        id,
        name: d.name ?? id,
        estate: d.estate,
        path: ['designs', id, 'estate'],
      }))
    : [{ id: 'estate', name: input.name, estate: input.estate ?? '', path: ['estate'] }];
  if (inputs.length === 0)
    report(['designs'], 'FP_INVALID_VALUE', 'no design to run', { expected: 'at least one design' });
  const designs: ScenarioDesign[] = [];
  const estateErrors: Diagnostic[] = [];
  for (const design of inputs) {
    const path = relative(design.estate);
    const refused = outside(path);
    if (refused) {
      report(design.path, 'FP_FILE_NOT_FOUND', refused, { suggestion: OUTSIDE_SUGGESTION });
      continue;
    }
    const text = readFile(path);
    if (text === undefined) {
      report(design.path, 'FP_FILE_NOT_FOUND', `cannot read estate file '${design.estate}'`, {
        expected: 'an estate file, relative to the scenario',
      });
      continue;
    }
    // The estate's own file is read once; what it extends, through the same (confined) reader.
    const once = (file: string) => (file === path ? text : readFile(file));
    const reader = isConfined(readFile) ? confined(once) : once;
    try {
      designs.push({ id: design.id, name: design.name, file: path, estate: loadEstate(path, reader) });
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      // Designs that extend one base share its errors: each once.
      const seen = new Set(estateErrors.map(diagnosticKey));
      estateErrors.push(...error.diagnostics.filter((d) => !seen.has(diagnosticKey(d))));
    }
  }
  if (estateErrors.length > 0) throw new FootprintError([...diagnostics, ...estateErrors]);
  return designs;
}

function diagnosticKey(d: Diagnostic): string {
  return `${d.code} ${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.message}`;
}

/** Demand per request: a known request in every design, once, its rate as a profile; the run's size bounded. */
function resolveDemand(
  r: Resolution,
  designs: readonly ScenarioDesign[],
  durationS: number,
): ScenarioDemand[] {
  const { input, report } = r;
  const demand: ScenarioDemand[] = [];
  const seen = new Set<string>();
  let requests = 0;
  input.demand.forEach((d, i) => {
    const path: DataPath = ['demand', i];
    if (seen.has(d.request)) {
      report([...path, 'request'], 'FP_DUPLICATE_ID', `request '${d.request}' has demand twice`, {
        suggestion: 'give each request one demand entry (a csv rate can shape any curve)',
      });
      return;
    }
    seen.add(d.request);
    const missing = designs.find((design) => !design.estate.requests.some((q) => q.id === d.request));
    if (missing) {
      const known = missing.estate.requests.map((q) => q.id);
      const suggestion = didYouMean(d.request, known);
      report(
        [...path, 'request'],
        'FP_UNKNOWN_REQUEST',
        `unknown request '${d.request}' in ${missing.file}`,
        {
          ...(suggestion ? { suggestion } : {}),
          expected: known.length
            ? `a request of the estate: ${known.join(', ')}`
            : 'a request under `requests:` in the estate',
        },
      );
      return;
    }
    const profile = rateProfile(
      d.rate,
      durationS,
      [...path, 'rate'],
      r.relative,
      r.readFile,
      report,
      r.outside,
    );
    if (!profile) return;
    requests += profile.rates.reduce((sum, rate) => sum + rate, 0) * profile.stepS;
    demand.push({
      request: d.request,
      profile,
      ...(d.metros ? { metros: new Map(Object.entries(d.metros)) } : {}),
      sessionRequests: d.sessions?.requests ?? 1,
      thinkS: d.sessions ? durationSeconds(d.sessions.think) : 0,
      path,
    });
  });
  if (requests > MAX_REQUESTS)
    report(
      ['demand'],
      'FP_INVALID_VALUE',
      `the demand adds up to ${Math.round(requests).toLocaleString('en-US')} requests`,
      {
        expected: `at most ${MAX_REQUESTS.toLocaleString('en-US')} requests in a run`,
        suggestion: 'shorten the duration or lower the rates; a shorter run at the peak says as much',
      },
    );
  return demand;
}

/** What clients do: timeout (default 30 s), attempts, backoff, whether errors are retried. */
function resolveClient({ input, report }: Resolution): SimClient {
  const c = input.client ?? {};
  const client: SimClient = {
    timeoutS: c.timeout !== undefined ? durationSeconds(c.timeout) : 30,
    attempts: c.attempts ?? 1,
    backoffBaseS: c.backoff ? durationSeconds(c.backoff.base) : 0.1,
    backoffCapS: c.backoff ? durationSeconds(c.backoff.cap) : 20,
    retryErrors: c.retryErrors ?? true,
  };
  if (!(client.timeoutS > 0 && client.timeoutS <= 3600))
    report(['client', 'timeout'], 'FP_INVALID_VALUE', `a client timeout of ${c.timeout} is out of range`, {
      expected: 'more than 0 and at most 1h',
    });
  if (client.backoffCapS < client.backoffBaseS || client.backoffCapS > 3600)
    report(
      ['client', 'backoff'],
      'FP_INVALID_VALUE',
      'the backoff cap must be at least its base and at most 1h',
    );
  return client;
}

/** How users resolve front doors: resolvers per metro (1-64), the share stretching TTLs (0-1) to what (at most 1d). */
function resolveDns({ input, report }: Resolution): DnsClients {
  const dns = input.client?.dns ?? {};
  const resolved: DnsClients = {
    resolvers: dns.resolvers ?? DEFAULT_DNS_CLIENTS.resolvers,
    stretchShare: dns.stretchShare ?? DEFAULT_DNS_CLIENTS.stretchShare,
    stretchToS: dns.stretchTo !== undefined ? durationSeconds(dns.stretchTo) : DEFAULT_DNS_CLIENTS.stretchToS,
  };
  if (!(Number.isInteger(resolved.resolvers) && resolved.resolvers >= 1 && resolved.resolvers <= 64))
    report(
      ['client', 'dns', 'resolvers'],
      'FP_INVALID_VALUE',
      `${dns.resolvers} resolvers per metro is out of range`,
      {
        expected: 'a whole number from 1 to 64',
      },
    );
  if (!(resolved.stretchShare >= 0 && resolved.stretchShare <= 1))
    report(
      ['client', 'dns', 'stretchShare'],
      'FP_INVALID_VALUE',
      `a share of ${dns.stretchShare} is out of range`,
      {
        expected: 'from 0 to 1',
      },
    );
  if (!(resolved.stretchToS >= 0 && resolved.stretchToS <= 86_400))
    report(
      ['client', 'dns', 'stretchTo'],
      'FP_INVALID_VALUE',
      `stretching TTLs to ${dns.stretchTo} is out of range`,
      {
        expected: 'at most 1d',
      },
    );
  return resolved;
}

/** Scheduled actions: each names a pool or a service, changes something, within the run. */
function resolveActions({ input, report }: Resolution, durationS: number): ScenarioAction[] {
  const actions: ScenarioAction[] = (input.actions ?? []).map((a, i) => ({
    atS: durationSeconds(a.at),
    ...(a.pool !== undefined ? { pool: a.pool } : {}),
    ...(a.service !== undefined ? { service: a.service } : {}),
    ...(a.min !== undefined ? { min: a.min } : {}),
    ...(a.desired !== undefined ? { desired: a.desired } : {}),
    ...(a.max !== undefined ? { max: a.max } : {}),
    path: ['actions', i],
  }));
  for (const a of actions) {
    if ((a.pool === undefined) === (a.service === undefined))
      report(a.path, 'FP_INVALID_VALUE', "an action names either a 'pool' or a 'service'", {
        expected: '{ at, pool: service@place, ... } or { at, service, ... }',
      });
    if (a.min === undefined && a.desired === undefined && a.max === undefined)
      report(a.path, 'FP_INVALID_VALUE', 'the action changes nothing', { expected: 'min, desired or max' });
    if (a.atS > durationS)
      report([...a.path, 'at'], 'FP_INVALID_VALUE', 'the action comes after the run ends', {
        expected: `at most ${input.duration}`,
      });
  }
  return actions;
}
