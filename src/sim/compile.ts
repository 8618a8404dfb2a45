/**
 * Compiling one design of a scenario into the engine's model: the services its requests reach,
 * their pools (from the estate's `capacity:`, or fixed pools from `at` when it has none), the
 * endpoints and their RTTs (from the latency and network layers, once), data-transfer classes, the
 * call graphs as a program, demand sources per request and metro, and scheduled actions.
 */

import { defaultRtt, type Endpoint, MAX_CALLS_PER_DRAW } from '../app/index.js';
import type { Place } from '../catalog/index.js';
import { type Diagnostic, FootprintError } from '../errors.js';
import {
  type AppRequest,
  type CallStep,
  type CapacityPool,
  type DataPath,
  type Estate,
  findPlace,
  formatPath,
  type Service,
  type ServiceCall,
} from '../model/index.js';
import { didYouMean } from '../suggest.js';
import { checkReachable, transferClassOf } from './compile-checks.js';
import { compileFaults } from './compile-faults.js';
import { finishDoors, planDoors } from './doors/compile-entries.js';
import type { SimDoors } from './doors/model.js';
import {
  BALANCE_LEAST_OUTSTANDING,
  BALANCE_NEAREST,
  BALANCE_PRIMARY,
  BALANCE_ROUND_ROBIN,
  DIST_CONSTANT,
  DIST_LOGNORMAL,
  METRIC_REQUESTS_PER_INSTANCE,
  METRIC_UTILISATION,
  NODE_PARALLEL,
  NODE_SERIES,
  ProgramBuilder,
  type SimAction,
  type SimComputeTime,
  type SimLaunchLimit,
  type SimModel,
  type SimPool,
  type SimProgram,
  type SimService,
  type SimSource,
  TRANSFER_CLASSES,
} from './model.js';
import type { Scenario, ScenarioAction, ScenarioDemand, ScenarioDesign } from './scenario.js';

/** Workers per instance assumed for a service without a `capacity:` entry. */
export const DEFAULT_WORKERS = 8;
/** Payload throughput defaults, as the static evaluator's: one flow between services, and users' links. */
const SERVICE_GBPS = 5;
const USER_GBPS = 0.1;
const Z99 = 2.3263478740408408;

export interface CompiledSimulation {
  readonly model: SimModel;
  /** Assumptions the compiler made that the user should know of. */
  readonly notes: readonly string[];
}

/** What the phases of a compilation share. */
interface Compilation {
  readonly scenario: Scenario;
  readonly design: ScenarioDesign;
  readonly estate: Estate;
  readonly notes: string[];
  readonly diagnostics: Diagnostic[];
  readonly services: ReadonlyMap<string, Service>;
  readonly endpoints: Endpoint[];
  readonly endpointIndex: Map<string, number>;
}

/** The index of an endpoint, added on first use. */
function endpointOf(c: Compilation, id: string, place: Place, subnet?: string): number {
  const known = c.endpointIndex.get(id);
  if (known !== undefined) return known;
  c.endpointIndex.set(id, c.endpoints.length);
  c.endpoints.push({ id, place, ...(subnet ? { subnet } : {}) });
  return c.endpoints.length - 1;
}

/**
 * Compiles `design` of `scenario`. Throws a located {@link FootprintError} on what cannot run.
 * @example const { model, notes } = compileSimulation(scenario, scenario.designs[0]);
 */
export function compileSimulation(scenario: Scenario, design: ScenarioDesign): CompiledSimulation {
  const estate = design.estate;
  const c: Compilation = {
    scenario,
    design,
    estate,
    notes: [],
    diagnostics: [],
    services: new Map(estate.services.map((s) => [s.id, s])),
    endpoints: [],
    endpointIndex: new Map(),
  };
  const reached = reachedServices(c);
  const { services, serviceIndex, pools, limits } = compilePools(c, reached);
  const { program, sources: plainSources, callPaths } = compileDemand(c, serviceIndex);
  if (c.diagnostics.length > 0) throw new FootprintError(c.diagnostics);
  const plan = planDoors(
    estate,
    services,
    pools,
    plainSources,
    c.endpoints,
    (id, place) => endpointOf(c, id, place),
    c.diagnostics,
  );
  if (c.diagnostics.length > 0) throw new FootprintError(c.diagnostics);
  let sources = plainSources;
  let rttMs = defaultRtt(estate)(c.endpoints);
  checkReachable(estate, program, sources, services, pools, c.endpoints, rttMs, callPaths);
  const actions = compileActions(c, services, serviceIndex, pools);
  const compiledFaults = compileFaults(
    { scenario, estate, file: design.file, services, pools, notes: c.notes, diagnostics: c.diagnostics },
    c.endpoints,
    rttMs,
  );
  const faults = compiledFaults.faults;
  let rttVariants = compiledFaults.rttVariants;
  if (c.diagnostics.length > 0) throw new FootprintError(c.diagnostics);
  let doors: SimDoors | undefined;
  if (plan) {
    c.notes.push(...plan.graph.notes);
    const variants = rttVariants && rttVariants.length > 0 ? rttVariants : [rttMs];
    const done = finishDoors(
      plan,
      estate,
      sources,
      c.endpoints,
      variants,
      scenario.dns,
      c.endpointIndex,
      services,
      pools,
    );
    doors = done.doors;
    sources = done.sources;
    rttMs = done.matrices[0] as Float64Array;
    if (rttVariants && rttVariants.length > 0) rttVariants = [rttMs, ...done.matrices.slice(1)];
  }
  return {
    model: {
      endpoints: c.endpoints.map((x) => x.id),
      rttMs,
      transferClass: transferMatrix(estate, c.endpoints),
      transferUsdPerGb: scenario.transferUsdPerGb,
      services,
      pools,
      limits,
      program,
      sources,
      client: scenario.client,
      actions,
      ...(faults.length > 0 ? { faults, rttVariants } : {}),
      ...(scenario.coldStart ? { coldStart: scenario.coldStart } : {}),
      ...(doors ? { doors } : {}),
      durationS: scenario.durationS,
      intervalS: scenario.intervalS,
      seed: scenario.seed,
    },
    notes: c.notes,
  };
}

/** The services the demand reaches: each call, and each service's own calls once. */
function reachedServices(c: Compilation): ReadonlySet<string> {
  const reached = new Set<string>();
  const ownWalked = new Set<string>();
  const walk = (steps: readonly CallStep[]) => {
    for (const step of steps)
      if (step.kind === 'call') {
        reached.add(step.service);
        if (step.calls) walk(step.calls);
        else if (!ownWalked.has(step.service)) {
          ownWalked.add(step.service);
          walk(c.services.get(step.service)?.calls ?? []);
        }
      } else walk(step.steps);
  };
  for (const d of c.scenario.demand) {
    const request = c.estate.requests.find((r) => r.id === d.request);
    if (request) walk([request.entry]);
  }
  // What they need to start runs too, though no request calls it (cold-start.ts).
  const needed = [...reached];
  while (needed.length > 0) {
    const id = needed.pop() as string;
    for (const dependency of c.services.get(id)?.dependencies?.startup ?? [])
      if (!reached.has(dependency)) {
        reached.add(dependency);
        needed.push(dependency);
      }
  }
  return reached;
}

/** The pools of each reached service (in the estate's order): its capacity section, or fixed pools at its `at`. */
function compilePools(
  c: Compilation,
  reached: ReadonlySet<string>,
): { services: SimService[]; serviceIndex: Map<string, number>; pools: SimPool[]; limits: SimLaunchLimit[] } {
  const estate = c.estate;
  const services: SimService[] = [];
  const serviceIndex = new Map<string, number>();
  const pools: SimPool[] = [];
  const zoneLimits = estate.placement?.zoneCapacity ?? new Map<string, number>();
  const limits: SimLaunchLimit[] = [];
  const limitIndex = new Map<string, number>();
  const unpriced: string[] = [];
  for (const service of estate.services) {
    if (!reached.has(service.id)) continue;
    const s = services.length;
    serviceIndex.set(service.id, s);
    const capacity = estate.capacity?.get(service.id);
    const specs = capacity ? [...capacity.pools] : defaultPools(estate, service);
    if (!capacity)
      c.notes.push(
        `${service.id}: no capacity section; its places run fixed pools of ${DEFAULT_WORKERS} workers an instance (${specs.map((p) => `${p.place.id} x${p.max}`).join(', ')})`,
      );
    const poolIndices: number[] = [];
    for (const spec of specs) {
      const endpointId = spec.subnet ?? spec.place.id;
      let limit = -1;
      const zoneMax = zoneLimits.get(spec.place.id);
      if (zoneMax !== undefined && spec.place.kind !== 'site') {
        if (!limitIndex.has(spec.place.id)) {
          limitIndex.set(spec.place.id, limits.length);
          limits.push({ zone: spec.place.id, family: '*', max: zoneMax });
        }
        limit = limitIndex.get(spec.place.id) ?? -1;
      }
      if (spec.hourly === undefined) unpriced.push(`${service.id}@${endpointId}`);
      poolIndices.push(pools.length);
      pools.push(simPool(spec, s, endpointId, endpointOf(c, endpointId, spec.place, spec.subnet), limit));
    }
    services.push({
      id: service.id,
      compute: computeOf(service),
      balancing: balancingOf(service, capacity?.balancing),
      pools: poolIndices,
      ...(capacity?.healthCheck ? { healthCheck: capacity.healthCheck } : {}),
      ...(service.dependencies?.scope === 'zonal' ? { zonal: true } : {}),
    });
  }
  linkStartup(estate, services, serviceIndex);
  if (unpriced.length > 0)
    c.notes.push(
      `no price for ${unpriced.join(', ')}: their instance-hours cost 0 (give capacity.<service>.pools.<place>.hourly or placement.instanceHourUsd)`,
    );
  return { services, serviceIndex, pools, limits };
}

/** Each service's start-up dependencies by index; none for one that starts without them. */
function linkStartup(
  estate: Estate,
  services: SimService[],
  serviceIndex: ReadonlyMap<string, number>,
): void {
  for (const service of estate.services) {
    const s = serviceIndex.get(service.id);
    const deps = service.dependencies;
    if (s === undefined || !deps || deps.bootstrap || deps.staticallyStable || deps.startup.length === 0)
      continue;
    const startup = deps.startup.flatMap((id) => serviceIndex.get(id) ?? []);
    services[s] = { ...(services[s] as SimService), startup };
  }
}

/** A service without a capacity section runs a fixed pool at each place of its `at`. */
function defaultPools(estate: Estate, service: Service): CapacityPool[] {
  return service.placements.map((p) => ({
    service: service.id,
    place: p.place,
    ...(p.subnet ? { subnet: p.subnet } : {}),
    platform: p.place.kind === 'site' ? ('on-premises' as const) : ('fixed' as const),
    min: p.instances,
    desired: p.instances,
    max: p.instances,
    workers: DEFAULT_WORKERS,
    queuePerInstance: Number.POSITIVE_INFINITY,
    ...priceOf(estate, p.place),
    path: p.path,
  }));
}

function simPool(
  spec: CapacityPool,
  service: number,
  endpointId: string,
  endpoint: number,
  limit: number,
): SimPool {
  const scaling = spec.scaling;
  return {
    id: `${spec.service}@${endpointId}`,
    service,
    place: spec.place.id,
    endpoint,
    workers: spec.workers,
    queuePerInstance: spec.queuePerInstance,
    initial: spec.desired,
    min: spec.min,
    max: spec.max,
    ...(scaling
      ? {
          scaling: {
            platform: spec.platform,
            metric: scaling.metric === 'utilisation' ? METRIC_UTILISATION : METRIC_REQUESTS_PER_INSTANCE,
            target: scaling.target,
            overService: scaling.over === 'service',
            periodS: scaling.periodS,
            outPeriods: scaling.outPeriods,
            inPeriods: scaling.inPeriods,
            launchS: scaling.launchS,
            cooldownS: scaling.cooldownS,
            scaleInShare: scaling.scaleInShare,
          },
        }
      : {}),
    ...(spec.spot
      ? {
          spot: {
            share: spec.spot.share,
            interruptionsPerHour: spec.spot.interruptionsPerHour,
            noticeS: 120,
            families: spec.spot.families,
          },
        }
      : {}),
    limit,
    onDemandHourly: spec.hourly ?? 0,
    spotHourly: spec.spot?.hourly ?? spec.hourly ?? 0,
    owned: spec.platform === 'on-premises' || spec.platform === 'eks-hybrid',
    platform: spec.platform,
  };
}

/** The requests' call graphs as one program, and a demand source per request and metro. */
function compileDemand(
  c: Compilation,
  serviceIndex: ReadonlyMap<string, number>,
): { program: SimProgram; sources: SimSource[]; callPaths: Map<number, DataPath> } {
  const builder = new ProgramBuilder();
  const callPaths = new Map<number, DataPath>();
  const compileSteps = (steps: readonly CallStep[]) => {
    for (const step of steps) {
      if (step.kind === 'call') compileCall(step, false);
      else {
        const group = builder.open(step.kind === 'parallel' ? NODE_PARALLEL : NODE_SERIES);
        compileSteps(step.steps);
        builder.close(group);
      }
    }
  };
  // Calls per request, fan-outs multiplied: bounded as the evaluator bounds them (each leg is an
  // event here, so a thousand inside a thousand would be a million events a request).
  let fan = 1;
  let calls = 0;
  const compileCall = (call: ServiceCall, fromUsers: boolean): number => {
    const own = c.services.get(call.service)?.calls ?? [];
    const gbps = call.gbps ?? (fromUsers ? USER_GBPS : SERVICE_GBPS);
    callPaths.set(builder.size, call.path);
    calls += fan * call.fanOut;
    if (calls > MAX_CALLS_PER_DRAW && calls - fan * call.fanOut <= MAX_CALLS_PER_DRAW)
      c.diagnostics.push(
        c.estate.source?.diagnostic(
          call.path,
          'FP_INVALID_VALUE',
          `the request makes over ${MAX_CALLS_PER_DRAW.toLocaleString('en-US')} calls per request here, fan-outs multiplied (${(fan * call.fanOut).toLocaleString('en-US')} calls to '${call.service}' alone)`,
          {
            suggestion:
              'a fan-out inside a fan-out multiplies: model the inner one as one call with roundTrips or a larger payload',
          },
        ) ?? { code: 'FP_INVALID_VALUE', message: `too many calls per request at '${call.service}'` },
      );
    const outer = fan;
    fan *= call.fanOut;
    const node = builder.call(
      {
        service: serviceIndex.get(call.service) ?? -1,
        fanOut: call.fanOut,
        roundTrips: call.roundTrips,
        payloadBytes: call.payloadBytes,
        payloadS: (call.payloadBytes * 8) / (gbps * 1e9),
        cacheHitRatio: call.cacheHitRatio,
        cacheHitS: call.cacheHitMs / 1000,
        label: formatPath(call.path),
      },
      () => compileSteps(call.calls ?? own),
    );
    fan = outer;
    return node;
  };
  const sources: SimSource[] = [];
  for (const d of c.scenario.demand) {
    const request = c.estate.requests.find((r) => r.id === d.request);
    if (!request) continue;
    calls = 0;
    const root = compileCall(request.entry, true);
    const weights = demandWeights(c, d, request);
    const total = weights.reduce((sum, w) => sum + w.weight, 0);
    for (const w of weights) {
      const share = w.weight / total;
      const budgets = c.estate.budgets.filter(
        (b) => b.request === request.id && (b.metro === undefined || b.metro === w.metro),
      );
      const p99 = budgets.map((b) => b.p99Ms).filter((v): v is number => v !== undefined);
      const p50 = budgets.map((b) => b.p50Ms).filter((v): v is number => v !== undefined);
      sources.push({
        request: request.id,
        metro: w.metro,
        endpoint: endpointOf(c, w.metro, w.place),
        root,
        // Sessions arrive at the request rate over the requests a session makes.
        profile: {
          stepS: d.profile.stepS,
          rates: d.profile.rates.map((r) => (r * share) / d.sessionRequests),
        },
        sessionRequests: d.sessionRequests,
        thinkS: d.thinkS,
        ...(p99.length ? { budgetP99Ms: Math.min(...p99) } : {}),
        ...(p50.length ? { budgetP50Ms: Math.min(...p50) } : {}),
      });
    }
  }
  return { program: builder.build(), sources, callPaths };
}

/** The metros of a demand and their weights: the scenario's, or the request's users. */
function demandWeights(
  c: Compilation,
  d: ScenarioDemand,
  request: AppRequest,
): { metro: string; place: Place; weight: number }[] {
  const weights: { metro: string; place: Place; weight: number }[] = [];
  if (!d.metros) {
    for (const u of request.users) {
      const place = findPlace(u.metro.id, c.estate);
      if (place) weights.push({ metro: place.id, place, weight: u.share });
    }
    return weights;
  }
  for (const [metro, weight] of d.metros) {
    const place = findPlace(metro, c.estate);
    if (place?.kind === 'metro') {
      weights.push({ metro: place.id, place, weight });
      continue;
    }
    const suggestion = didYouMean(
      metro,
      c.estate.users.map((u) => u.metro.id),
    );
    c.diagnostics.push(
      c.scenario.source.diagnostic(
        [...d.path, 'metros', metro],
        'FP_UNKNOWN_PLACE',
        `unknown metro '${metro}'`,
        {
          on: 'key',
          expected: 'a metro id, e.g. metro:phoenix (see `footprint catalog metros`)',
          ...(suggestion ? { suggestion } : {}),
        },
      ),
    );
  }
  return weights;
}

/** Scheduled actions on pools: by pool id, or on every scaling pool of a service. */
function compileActions(
  c: Compilation,
  services: readonly SimService[],
  serviceIndex: ReadonlyMap<string, number>,
  pools: readonly SimPool[],
): SimAction[] {
  const actions: SimAction[] = [];
  const idle = new Set<string>();
  const change = (a: ScenarioAction) => ({
    atS: a.atS,
    ...(a.min !== undefined ? { min: a.min } : {}),
    ...(a.desired !== undefined ? { desired: a.desired } : {}),
    ...(a.max !== undefined ? { max: a.max } : {}),
  });
  for (const a of c.scenario.actions) {
    if (a.service !== undefined) {
      const s = serviceIndex.get(a.service);
      if (s === undefined && !c.services.has(a.service)) {
        const suggestion = didYouMean(a.service, [...c.services.keys()]);
        c.diagnostics.push(
          c.scenario.source.diagnostic(
            [...a.path, 'service'],
            'FP_UNKNOWN_SERVICE',
            `unknown service '${a.service}' in ${c.design.file}`,
            suggestion ? { suggestion } : {},
          ),
        );
        continue;
      }
      const scaling = (s === undefined ? [] : (services[s]?.pools ?? [])).filter((p) => pools[p]?.scaling);
      if (scaling.length === 0) idle.add(a.service);
      for (const pool of scaling) actions.push({ ...change(a), pool });
      continue;
    }
    const pool = pools.findIndex((p) => p.id === a.pool);
    if (pool >= 0) {
      actions.push({ ...change(a), pool });
      continue;
    }
    const ids = pools.map((p) => p.id);
    const suggestion = didYouMean(a.pool ?? '', ids);
    c.diagnostics.push(
      c.scenario.source.diagnostic(
        [...a.path, 'pool'],
        'FP_UNKNOWN_ELEMENT',
        `no pool '${a.pool}' in ${c.design.file}`,
        {
          expected: `a pool as service@place: ${ids.slice(0, 6).join(', ')}`,
          ...(suggestion ? { suggestion } : {}),
        },
      ),
    );
  }
  if (idle.size > 0)
    c.notes.push(
      `the scenario's actions on ${[...idle].join(', ')} change nothing here: no pool of ${idle.size > 1 ? 'theirs' : 'its'} scales`,
    );
  return actions;
}

/** The transfer class of bytes between every two endpoints. */
function transferMatrix(estate: Estate, endpoints: readonly Endpoint[]): Uint8Array {
  const e = endpoints.length;
  const dxSites = new Set(
    estate.links.filter((l) => l.kind === 'direct-connect').flatMap((l) => l.between as readonly string[]),
  );
  const matrix = new Uint8Array(e * e);
  for (let from = 0; from < e; from++)
    for (let to = 0; to < e; to++) {
      const a = endpoints[from]?.place;
      const b = endpoints[to]?.place;
      if (a && b) matrix[from * e + to] = TRANSFER_CLASSES.indexOf(transferClassOf(a, b, dxSites));
    }
  return matrix;
}

function priceOf(estate: Estate, place: Place): { hourly?: number } {
  const hourly =
    estate.placement?.instanceHourUsd.get(place.id) ?? estate.placement?.instanceHourUsd.get(place.kind);
  return hourly !== undefined ? { hourly } : {};
}

function computeOf(service: Service): SimComputeTime {
  const { p50Ms, p99Ms } = service.computeMs;
  if (p99Ms <= p50Ms || p50Ms <= 0) return { dist: DIST_CONSTANT, a: p50Ms / 1000, b: 0 };
  return { dist: DIST_LOGNORMAL, a: p50Ms / 1000, b: Math.log(p99Ms / p50Ms) / Z99 };
}

function balancingOf(service: Service, balancing: string | undefined): number {
  switch (balancing ?? service.routing) {
    case 'primary':
      return BALANCE_PRIMARY;
    case 'round-robin':
    case 'spread':
      return BALANCE_ROUND_ROBIN;
    case 'least-outstanding':
      return BALANCE_LEAST_OUTSTANDING;
    default:
      return BALANCE_NEAREST;
  }
}
