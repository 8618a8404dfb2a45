/**
 * Compiling a scenario's faults against one design: the pools each fault stops, takes instances
 * from or browns out, the Local Zone pools that cannot launch while their parent is lost, and the
 * RTT matrices of the links cut (the design's latency provider over the estate without them, as
 * compile.ts computes the first). What a fault names must exist in the design; a fault that hits no
 * pool of it is a note, not an error (designs of one scenario differ).
 */
import { defaultRtt, type Endpoint } from '../app/index.js';
import type { Place } from '../catalog/index.js';
import type { Diagnostic } from '../errors.js';
import { type Estate, findPlace, formatDuration, localZoneParent } from '../model/index.js';
import { didYouMean } from '../suggest.js';
import {
  FAULT_BROWNOUT,
  FAULT_CUT,
  FAULT_DEPLOY,
  FAULT_LOSE_INSTANCES,
  FAULT_LOSE_PLACE,
  type SimFault,
  type SimPool,
  type SimService,
} from './model.js';
import type { Scenario } from './scenario.js';
import type { ScenarioFault } from './scenario-faults.js';

export interface CompiledFaults {
  readonly faults: SimFault[];
  /** The RTT matrices the run switches between; the first is the design's own. */
  readonly rttVariants: Float64Array[];
}

interface FaultContext {
  readonly scenario: Scenario;
  readonly estate: Estate;
  readonly file: string;
  readonly services: readonly SimService[];
  readonly pools: readonly SimPool[];
  readonly notes: string[];
  readonly diagnostics: Diagnostic[];
}

/** A fault's effects, all none: what each kind of fault is compiled from. */
export const NO_FAULT = {
  pools: [] as number[],
  launchBlocked: [] as number[],
  instances: 0,
  bootS: 0,
  addedLatencyS: 0,
  errorRate: 0,
  rttAtStart: 0,
  rttAtEnd: 0,
};

/** Compiles the scenario's faults for one design; problems go to `diagnostics`. */
export function compileFaults(
  context: FaultContext,
  endpoints: readonly Endpoint[],
  rttMs: Float64Array,
): CompiledFaults {
  const faults: SimFault[] = [];
  const cuts = context.scenario.faults.filter((f) => f.cut);
  const variants = cutVariants(context, cuts, endpoints, rttMs);
  for (const fault of context.scenario.faults) {
    const base = { ...NO_FAULT, startS: fault.startS, endS: fault.endS };
    if (fault.lose) {
      const compiled = fault.lose.kind === 'pool' ? losePool(context, fault) : losePlace(context, fault);
      if (compiled) faults.push({ ...base, ...compiled });
    } else if (fault.cut) {
      const link = fault.cut.link;
      if (!context.estate.links.some((l) => l.id === link)) {
        const links = context.estate.links.map((l) => l.id);
        unknown(context, fault, ['cut', 'link'], `no link '${link}'`, link, links, 'a link of the estate');
        continue;
      }
      faults.push({
        ...base,
        label: `cut link ${link}`,
        kind: FAULT_CUT,
        rttAtStart: variants.at(fault.startS),
        rttAtEnd: variants.at(fault.endS),
      });
    } else if (fault.brownout) {
      const compiled = brownOut(context, fault);
      if (compiled) faults.push({ ...base, ...compiled });
    } else if (fault.deploy) {
      const compiled = deploy(context, fault);
      if (compiled) faults.push({ ...base, ...compiled });
    }
  }
  return { faults, rttVariants: variants.matrices };
}

/** The RTT matrix in force at each time a cut starts or ends: the estate without the links cut then. */
function cutVariants(
  context: FaultContext,
  cuts: readonly ScenarioFault[],
  endpoints: readonly Endpoint[],
  rttMs: Float64Array,
): { matrices: Float64Array[]; at: (t: number) => number } {
  const matrices = [rttMs];
  const index = new Map<string, number>([['', 0]]);
  const at = (t: number) => {
    const cut = new Set(cuts.filter((f) => f.startS <= t && t < f.endS).map((f) => f.cut?.link ?? ''));
    const key = [...cut].sort().join(' ');
    const known = index.get(key);
    if (known !== undefined) return known;
    const estate = { ...context.estate, links: context.estate.links.filter((l) => !cut.has(l.id)) };
    matrices.push(defaultRtt(estate)(endpoints));
    index.set(key, matrices.length - 1);
    return matrices.length - 1;
  };
  return { matrices, at };
}

/** A place lost: the pools there; Local Zone pools whose parent (the region, or its AZ) it is. */
function losePlace(
  context: FaultContext,
  fault: ScenarioFault,
): Omit<SimFault, 'startS' | 'endS'> | undefined {
  const lose = fault.lose;
  if (!lose) return undefined;
  const place = findPlace(lose.id, context.estate, { hosts: false });
  const kinds: Record<string, readonly string[]> = {
    region: ['region'],
    zone: ['az', 'local-zone'],
    site: ['site'],
  };
  if (!place || !(kinds[lose.kind] ?? []).includes(place.kind)) {
    const candidates = [
      ...new Set(context.pools.flatMap((p) => placesOf(context.estate, p.place, lose.kind))),
    ];
    const what = lose.kind === 'zone' ? 'an AZ (zone id) or a Local Zone' : `a ${lose.kind}`;
    unknown(context, fault, ['lose', lose.kind], `'${lose.id}' is not ${what}`, lose.id, candidates, what);
    return undefined;
  }
  const pools: number[] = [];
  const launchBlocked: number[] = [];
  // Local Zones of a lost AZ's region whose parent nobody knows: it might be this AZ.
  const unknownParents = new Set<string>();
  context.pools.forEach((pool, p) => {
    const at = findPlace(pool.place, context.estate, { hosts: false });
    if (!at) return;
    if (at.id === place.id || (place.kind === 'region' && at.kind === 'az' && at.region === place.id)) {
      pools.push(p);
      return;
    }
    if (at.kind !== 'local-zone') return;
    if (parentLost(context.estate, at, place)) launchBlocked.push(p);
    else if (
      place.kind === 'az' &&
      at.region === place.region &&
      localZoneParent(at.id, context.estate) === undefined
    )
      unknownParents.add(at.id);
  });
  if (pools.length === 0 && launchBlocked.length === 0)
    context.notes.push(`the fault 'lose ${lose.kind} ${place.id}' hits no pool of this design`);
  for (const zone of unknownParents)
    context.notes.push(
      `the parent AZ of ${zone} is not known, so losing ${place.id} does not stop its launches: declare it under localZones (ParentZoneId in describe-availability-zones)`,
    );
  return {
    ...NO_FAULT,
    label: `lose ${lose.kind} ${place.id}`,
    kind: FAULT_LOSE_PLACE,
    pools,
    launchBlocked,
    bootS: lose.bootS,
  };
}

/** True when losing `lost` takes down the control plane of Local Zone `zone`: its parent region or AZ. */
function parentLost(estate: Estate, zone: Place, lost: Place): boolean {
  if (lost.kind === 'region') return zone.region === lost.id;
  return lost.kind === 'az' && localZoneParent(zone.id, estate) === lost.id;
}

/** The ids a pool's place offers as a fault of `kind` (its region, its zone, its site). */
function placesOf(estate: Estate, id: string, kind: string): string[] {
  const place = findPlace(id, estate, { hosts: false });
  if (!place) return [];
  if (kind === 'region') return place.region ? [place.region] : place.kind === 'region' ? [place.id] : [];
  if (kind === 'zone') return place.kind === 'az' || place.kind === 'local-zone' ? [place.id] : [];
  return place.kind === 'site' ? [place.id] : [];
}

function losePool(
  context: FaultContext,
  fault: ScenarioFault,
): Omit<SimFault, 'startS' | 'endS'> | undefined {
  const lose = fault.lose;
  if (!lose) return undefined;
  const pool = context.pools.findIndex((p) => p.id === lose.id);
  if (pool < 0) {
    const ids = context.pools.map((p) => p.id);
    unknown(
      context,
      fault,
      ['lose', 'pool'],
      `no pool '${lose.id}'`,
      lose.id,
      ids,
      'a pool as service@place',
    );
    return undefined;
  }
  return {
    ...NO_FAULT,
    label: `lose ${lose.instances} instance${lose.instances > 1 ? 's' : ''} of ${lose.id}`,
    kind: FAULT_LOSE_INSTANCES,
    pools: [pool],
    instances: lose.instances,
  };
}

function brownOut(
  context: FaultContext,
  fault: ScenarioFault,
): Omit<SimFault, 'startS' | 'endS'> | undefined {
  const b = fault.brownout;
  if (!b) return undefined;
  const service = faultService(context, fault, 'brownout', b.service, 'the brown-out of');
  if (service < 0) return reachesNothing(context, b.service, `brown-out of ${b.service}`, FAULT_BROWNOUT);
  const own = (context.services[service] as SimService).pools;
  const pools =
    b.place === undefined
      ? [...own]
      : own.filter(
          (p) => context.pools[p]?.place === b.place || context.pools[p]?.id === `${b.service}@${b.place}`,
        );
  if (pools.length === 0) {
    const places = own.map((p) => context.pools[p]?.place ?? '');
    const message = `'${b.service}' has no pool at '${b.place}'`;
    unknown(context, fault, ['brownout', 'place'], message, b.place ?? '', places, 'a place of its pools');
    return undefined;
  }
  const parts = [
    ...(b.addedLatencyS > 0 ? [`+${Math.round(b.addedLatencyS * 1000)} ms`] : []),
    ...(b.errorRate > 0 ? [`${Math.round(b.errorRate * 1000) / 10} % errors`] : []),
  ];
  return {
    ...NO_FAULT,
    label: `brown-out of ${b.service}${b.place !== undefined ? `@${b.place}` : ''} (${parts.join(', ')})`,
    kind: FAULT_BROWNOUT,
    pools,
    addedLatencyS: b.addedLatencyS,
    errorRate: b.errorRate,
  };
}

/**
 * A push compiled to when it reaches each pool: the service's cells (a cell group's cells that run
 * it, each cell the pools at its places) or else each pool, in order; all at `at`, or one cell
 * every `bake`. The alarm fires `alarm` after the first cell gets it and stops the push: cells not
 * reached by then never get it; the rest are rolled back `rollback` later (or at the fault's end).
 */
function deploy(
  context: FaultContext,
  fault: ScenarioFault,
): (Omit<SimFault, 'startS' | 'endS'> & { endS: number }) | undefined {
  const d = fault.deploy;
  if (!d) return undefined;
  const service = faultService(context, fault, 'deploy', d.service, 'the push to');
  if (service < 0) {
    const none = reachesNothing(context, d.service, `deploy ${d.service}`, FAULT_DEPLOY);
    return none ? { ...none, endS: fault.startS } : undefined;
  }
  const own = (context.services[service] as SimService).pools;
  const cells = (context.estate.cells ?? [])
    .filter((g) => g.services.includes(d.service))
    .flatMap((g) => g.cells);
  const units = cells.length
    ? cells.map((cell) =>
        own.filter((p) => cell.places.some((place) => place.id === context.pools[p]?.place)),
      )
    : own.map((p) => [p]);
  const alarmAt = fault.startS + d.alarmS;
  const pools: number[] = [];
  const poolStartS: number[] = [];
  let reached = 0;
  units.forEach((unit, i) => {
    const at = fault.startS + (d.oneAtATime ? i * d.bakeS : 0);
    const gets = at < alarmAt && at < fault.endS;
    if (gets && unit.length > 0) reached++;
    for (const p of unit) {
      pools.push(p);
      poolStartS.push(gets ? at : Number.POSITIVE_INFINITY);
    }
  });
  const endS = Math.min(alarmAt + d.rollbackS, fault.endS);
  const what = cells.length ? 'cells' : 'pools';
  const how = d.oneAtATime ? `one at a time, bake ${formatDuration(d.bakeS)}` : 'all at once';
  return {
    ...NO_FAULT,
    label: `deploy ${d.service} (${how}): ${reached} of ${units.length} ${what}`,
    kind: FAULT_DEPLOY,
    pools,
    poolStartS,
    endS,
    addedLatencyS: d.addedLatencyS,
    errorRate: d.errorRate,
  };
}

/**
 * A fault of a service the estate has but no request of the scenario reaches: it stays in the run's
 * faults, hitting no pool, so that the faults keep their numbers (game days name them by number).
 * Undefined when the estate has no such service (an error, reported by faultService).
 */
function reachesNothing(
  context: FaultContext,
  id: string,
  label: string,
  kind: number,
): Omit<SimFault, 'startS' | 'endS'> | undefined {
  if (!context.estate.services.some((s) => s.id === id)) return undefined;
  return { ...NO_FAULT, label: `${label} (no request reaches it)`, kind, poolStartS: [] };
}

/**
 * The index of the service a fault names (under `key`), or -1: a note when the estate has it but no
 * request of the scenario reaches it (`what` it changes nothing), an error when the estate has not.
 */
function faultService(
  context: FaultContext,
  fault: ScenarioFault,
  key: string,
  id: string,
  what: string,
): number {
  const service = context.services.findIndex((s) => s.id === id);
  if (service >= 0) return service;
  if (context.estate.services.some((s) => s.id === id))
    context.notes.push(`${what} '${id}' changes nothing: no request of the scenario reaches it`);
  else
    unknown(
      context,
      fault,
      [key, 'service'],
      `unknown service '${id}'`,
      id,
      context.estate.services.map((s) => s.id),
      'a service of the estate',
    );
  return -1;
}

/** A located FP_UNKNOWN_ELEMENT at the fault's `path`, with the closest candidate to `id`. */
function unknown(
  context: FaultContext,
  fault: ScenarioFault,
  path: readonly string[],
  message: string,
  id: string,
  candidates: readonly string[],
  expected: string,
): void {
  const suggestion = didYouMean(id, candidates);
  context.diagnostics.push(
    context.scenario.source.diagnostic(
      [...fault.path, ...path],
      'FP_UNKNOWN_ELEMENT',
      `${message} in ${context.file}`,
      {
        expected: `${expected}: ${candidates.slice(0, 6).join(', ') || 'none in this design'}`,
        ...(suggestion ? { suggestion } : {}),
      },
    ),
  );
}
