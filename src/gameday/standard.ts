/**
 * The standard game days: faults every estate should survive, generated from a scenario's designs
 * (their pools, places, links and dependencies) with the same assertions each time. A scenario
 * brings the load and the designs; each standard game day adds one fault and its assertions:
 *
 * - az-power-down: each AZ with a pool loses power (AWS Fault Injection Service's "AZ
 *   Availability: Power Interruption" scenario, FIS User Guide);
 * - local-zone-loss: each Local Zone with a pool is lost;
 * - parent-az-loss: the parent AZ of each Local Zone with a pool (where the estate or catalog knows
 *   it) loses power: the Local Zone keeps serving but launches nothing (AWS Local Zones User Guide,
 *   "Available Local Zones": the parent zone handles the Local Zone's control plane operations);
 * - region-loss: each region with a pool is lost;
 * - dx-cut: each Direct Connect link is cut (AWS Direct Connect User Guide, "Resiliency");
 * - dependency-brownout: each service another one calls answers 500 ms slower and fails 10 % of
 *   its calls;
 * - spot-interruption-wave: half the instances of each Spot pool are reclaimed at once (EC2 User
 *   Guide, "Spot Instance interruptions");
 * - bad-config-push: a push that fails every call reaches each service of several pools (or cells)
 *   one at a time, 10 minutes apart, until an alarm stops it and rolls it back (Amazon Builders'
 *   Library, "Automating safe, hands-off deployments");
 *
 * Each fault starts at a quarter of the run and lasts a quarter (instances lost are replaced or
 * not, and have no end). Assertions: availability while it is in force, optionally p99, and
 * recovery within a time of its end.
 */
import { basename, dirname, join } from 'node:path';
import { FootprintError, InternalError } from '../errors.js';
import {
  calledServices,
  confined,
  type DataPath,
  type Estate,
  findPlace,
  formatDuration,
  loadEstate,
  localZoneParent,
  parseLayer,
  type ReadFile,
  readFromDisk,
} from '../model/index.js';
import {
  compileSimulation,
  type FaultInput,
  loadScenario,
  resolveFaults,
  type Scenario,
} from '../sim/index.js';
import type { AssertionWindow, GamedayAssertion } from './assertions.js';
import type { Gameday } from './run.js';

export const STANDARD_GAMEDAYS = [
  'az-power-down',
  'local-zone-loss',
  'parent-az-loss',
  'region-loss',
  'dx-cut',
  'dependency-brownout',
  'spot-interruption-wave',
  'bad-config-push',
] as const;
export type StandardGameday = (typeof STANDARD_GAMEDAYS)[number];

export interface StandardOptions {
  /** Which standard game days; default all. */
  readonly only?: readonly StandardGameday[];
  /** Availability (%) that must hold while the fault is in force; default 99.9. */
  readonly availability?: number;
  /** p99 (seconds) every interval must hold while the fault is in force; default none. */
  readonly p99S?: number;
  /** Time from the fault's end within which the estate must have recovered; default 10 minutes. */
  readonly recoverS?: number;
}

interface Generated {
  readonly kind: StandardGameday;
  readonly subject: string;
  readonly fault: FaultInput;
  /** Pools (of a design) that must launch nothing while the fault is in force. */
  readonly noLaunches?: readonly { readonly design: string; readonly pool: string }[];
}

/**
 * The standard game days for a scenario's designs, in a stable order (kind, then subject).
 * @example standardGamedays(loadScenario('examples/skyscanner-multi-region/region-loss.yaml'), { only: ['region-loss'] }).length
 */
export function standardGamedays(scenario: Scenario, options: StandardOptions = {}): Gameday[] {
  const only = new Set(options.only ?? STANDARD_GAMEDAYS);
  const generated = generate(scenario).filter((g) => only.has(g.kind));
  return generated.map((g) => gamedayOf(scenario, g, options));
}

/** The pools of every design (compiled once each), with their estates. */
function poolsOf(
  scenario: Scenario,
): { design: string; estate: Estate; pools: ReturnType<typeof compileSimulation>['model']['pools'] }[] {
  return scenario.designs.map((design) => ({
    design: design.id,
    estate: design.estate,
    pools: compileSimulation({ ...scenario, faults: [] }, design).model.pools,
  }));
}

function generate(scenario: Scenario): Generated[] {
  const startS = Math.round(scenario.durationS / 4);
  const forS = Math.max(1, Math.round(scenario.durationS / 4));
  const timing = { at: startS, for: forS };
  const out = new Map<string, Generated>();
  const add = (g: Generated) => {
    const key = `${g.kind} ${g.subject}`;
    const known = out.get(key);
    out.set(
      key,
      known ? { ...known, noLaunches: [...(known.noLaunches ?? []), ...(g.noLaunches ?? [])] } : g,
    );
  };
  for (const { design, estate, pools } of poolsOf(scenario)) {
    for (const pool of pools) {
      const place = findPlace(pool.place, estate, { hosts: false });
      if (!place) continue;
      if (place.kind === 'az')
        add({ kind: 'az-power-down', subject: place.id, fault: { ...timing, lose: { zone: place.id } } });
      if (place.kind === 'local-zone') {
        add({ kind: 'local-zone-loss', subject: place.id, fault: { ...timing, lose: { zone: place.id } } });
        const parent = localZoneParent(place.id, estate);
        if (parent !== undefined)
          add({
            kind: 'parent-az-loss',
            subject: `${parent} (parent of ${place.id})`,
            fault: { ...timing, lose: { zone: parent } },
            noLaunches: [{ design, pool: pool.id }],
          });
      }
      const region = place.kind === 'region' ? place.id : place.region;
      if (region !== undefined && place.kind !== 'site')
        add({ kind: 'region-loss', subject: region, fault: { ...timing, lose: { region } } });
      if (pool.spot) {
        const instances = Math.max(1, Math.floor(pool.initial / 2));
        add({
          kind: 'spot-interruption-wave',
          subject: pool.id,
          fault: { at: startS, lose: { pool: pool.id, instances } },
        });
      }
    }
    for (const link of estate.links)
      if (link.kind === 'direct-connect')
        add({ kind: 'dx-cut', subject: link.id, fault: { ...timing, cut: { link: link.id } } });
    for (const service of estate.services) {
      const own = pools.filter((p) => p.id.startsWith(`${service.id}@`));
      if (own.length > 1)
        add({
          kind: 'bad-config-push',
          subject: service.id,
          fault: { at: startS, deploy: { service: service.id, strategy: 'one-at-a-time' } },
        });
    }
    const called = new Set([
      ...estate.services.flatMap((s) => calledServices(s.calls)),
      ...estate.requests.flatMap((r) => calledServices([r.entry]).slice(1)),
    ]);
    for (const service of estate.services)
      if (called.has(service.id))
        add({
          kind: 'dependency-brownout',
          subject: service.id,
          fault: { ...timing, brownout: { service: service.id, latency: '500ms', errorRate: 0.1 } },
        });
  }
  return [...out.values()].sort(
    (a, b) =>
      STANDARD_GAMEDAYS.indexOf(a.kind) - STANDARD_GAMEDAYS.indexOf(b.kind) ||
      a.subject.localeCompare(b.subject),
  );
}

function gamedayOf(scenario: Scenario, g: Generated, options: StandardOptions): Gameday {
  const faults = resolveFaults([g.fault], scenario.durationS, scenario.durationS, (path, _code, message) => {
    throw new InternalError(`standard game day ${g.kind} ${g.subject}: ${message} at ${path.join('.')}`);
  });
  const fault = faults[0];
  if (!fault) throw new InternalError(`standard game day ${g.kind} ${g.subject} has no fault`);
  const path: DataPath = ['faults', 0];
  const during: AssertionWindow = {
    fromS: fault.startS,
    toS: Number.isFinite(fault.endS) && fault.endS > fault.startS ? fault.endS : Number.POSITIVE_INFINITY,
    label:
      Number.isFinite(fault.endS) && fault.endS > fault.startS
        ? 'while the fault is in force'
        : 'from the fault on',
    fault: 0,
  };
  const availability = options.availability ?? 99.9;
  const assertions: GamedayAssertion[] = [
    {
      name: `availability >= ${availability} % ${during.label}`,
      window: during,
      check: {
        kind: 'requests',
        availability,
        ...(options.p99S !== undefined ? { p99S: options.p99S } : {}),
      },
      path,
    },
  ];
  if (fault.endS > fault.startS && Number.isFinite(fault.endS)) {
    const recoverS = options.recoverS ?? 600;
    assertions.push({
      name: `recovered within ${formatDuration(recoverS)} of the fault's end`,
      window: during,
      check: { kind: 'recovered', fault: 0, withinS: recoverS },
      path,
    });
  }
  for (const { design, pool } of g.noLaunches ?? [])
    assertions.push({
      name: `${pool} launches nothing without its parent AZ`,
      design,
      window: during,
      check: { kind: 'pool', pool, launches: { max: 0 } },
      path,
    });
  return {
    name: `${g.kind} ${g.subject}`,
    file: scenario.file,
    scenario: { ...scenario, name: `${g.kind} ${g.subject}`, faults },
    assertions,
  };
}

/** The load a standard game day puts on an estate given without a scenario. */
export interface EstateLoad {
  /** Requests per second of each of the estate's requests; default 20. */
  readonly rate?: number;
  /** The run's length; default 40 minutes (the fault from 10m to 20m, 20 minutes to recover). */
  readonly durationS?: number;
}

/**
 * The scenario a standard game day runs: the file itself when it is a scenario (it has `demand`),
 * else the estate it is under a constant load of each of its requests, its users' metros weighted
 * as the estate says.
 * @example standardScenario('examples/ticketmaster-phoenix/estate.yaml', { rate: 10 }).demand.length
 */
export function standardScenario(
  file: string,
  load: EstateLoad = {},
  readFile: ReadFile = readFromDisk,
): Scenario {
  const text = readFile(file);
  // The file is read once: what loads it next (as a scenario, or as an estate) gets these bytes.
  const read = confined((path: string) => (path === file ? text : readFile(path)));
  if (text !== undefined) {
    const { value } = parseLayer(file, text);
    if (value !== null && typeof value === 'object' && 'demand' in value) return loadScenario(file, read);
  }
  const estate = loadEstate(file, read);
  if (estate.requests.length === 0)
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `${file} has no requests: a game day needs load to measure`,
      suggestion: 'give a scenario file (its demand), or add requests to the estate',
    });
  const rate = load.rate ?? 20;
  const durationS = load.durationS ?? 2400;
  const virtual = join(dirname(file), `${basename(file)}.standard-load.yaml`);
  const scenario = [
    `name: ${JSON.stringify(`${estate.name} under standard load`)}`,
    `estate: ${JSON.stringify(`./${basename(file)}`)}`,
    `duration: ${durationS}`,
    'demand:',
    ...estate.requests.map((r) => `  - { request: ${JSON.stringify(r.id)}, rate: ${rate} }`),
    'client: { timeout: 10s, attempts: 2, backoff: { base: 500ms, cap: 5s } }',
    '',
  ].join('\n');
  const loaded = loadScenario(
    virtual,
    confined((path: string) => (path === virtual ? scenario : read(path))),
  );
  return { ...loaded, file };
}
