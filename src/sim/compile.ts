/**
 * Compiling one design of a scenario into the engine's model: the services its requests reach,
 * their pools (from the estate's `capacity:`, or fixed pools from `at` when it has none), the
 * endpoints and their RTTs (from the latency and network layers, once), data-transfer classes, the
 * call graphs as a program, demand sources per request and metro, and scheduled actions.
 */

import { defaultRtt, type Endpoint } from '../app/index.js';
import type { Place } from '../catalog/index.js';
import { type Diagnostic, FootprintError } from '../errors.js';
import {
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
  type SimService,
  type SimSource,
  TRANSFER_CLASSES,
} from './model.js';
import type { Scenario, ScenarioDesign } from './scenario.js';

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

/**
 * Compiles `design` of `scenario`. Throws a located {@link FootprintError} on what cannot run.
 * @example const { model, notes } = compileSimulation(scenario, scenario.designs[0]);
 */
export function compileSimulation(scenario: Scenario, design: ScenarioDesign): CompiledSimulation {
  const estate = design.estate;
  const notes: string[] = [];
  const diagnostics: Diagnostic[] = [];
  const services = new Map(estate.services.map((s) => [s.id, s]));
  const requests = new Map(estate.requests.map((r) => [r.id, r]));

  // The services the demand reaches, in the estate's order.
  const reached = new Set<string>();
  const walk = (steps: readonly CallStep[]) => {
    for (const step of steps)
      if (step.kind === 'call') {
        const first = !reached.has(step.service);
        reached.add(step.service);
        if (step.calls) walk(step.calls);
        else if (first) walk(services.get(step.service)?.calls ?? []);
      } else walk(step.steps);
  };
  for (const d of scenario.demand) {
    const request = requests.get(d.request);
    if (request) walk([request.entry]);
  }
  const simServices: SimService[] = [];
  const serviceIndex = new Map<string, number>();
  const pools: SimPool[] = [];
  const endpoints: Endpoint[] = [];
  const endpointIndex = new Map<string, number>();
  const endpointOf = (id: string, place: Place, subnet?: string) => {
    const known = endpointIndex.get(id);
    if (known !== undefined) return known;
    endpointIndex.set(id, endpoints.length);
    endpoints.push({ id, place, ...(subnet ? { subnet } : {}) });
    return endpoints.length - 1;
  };
  const zoneLimits = estate.placement?.zoneCapacity ?? new Map<string, number>();
  const limits: SimLaunchLimit[] = [];
  const limitIndex = new Map<string, number>();
  const unpriced: string[] = [];

  for (const service of estate.services) {
    if (!reached.has(service.id)) continue;
    const s = simServices.length;
    serviceIndex.set(service.id, s);
    const capacity = estate.capacity?.get(service.id);
    const poolIndices: number[] = [];
    const specs: CapacityPool[] = capacity
      ? [...capacity.pools]
      : service.placements.map((p) => ({
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
    if (!capacity)
      notes.push(
        `${service.id}: no capacity section; its places run fixed pools of ${DEFAULT_WORKERS} workers an instance (${specs.map((p) => `${p.place.id} x${p.max}`).join(', ')})`,
      );
    for (const spec of specs) {
      const endpointId = spec.subnet ?? spec.place.id;
      const endpoint = endpointOf(endpointId, spec.place, spec.subnet);
      let limit = -1;
      const zoneMax = zoneLimits.get(spec.place.id);
      if (zoneMax !== undefined && spec.place.kind !== 'site') {
        const key = spec.place.id;
        if (!limitIndex.has(key)) {
          limitIndex.set(key, limits.length);
          limits.push({ zone: key, family: '*', max: zoneMax });
        }
        limit = limitIndex.get(key) as number;
      }
      if (spec.hourly === undefined) unpriced.push(`${service.id}@${endpointId}`);
      const scaling = spec.scaling;
      poolIndices.push(pools.length);
      pools.push({
        id: `${service.id}@${endpointId}`,
        service: s,
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
      });
    }
    simServices.push({
      id: service.id,
      compute: computeOf(service),
      balancing: balancingOf(service, capacity?.balancing),
      pools: poolIndices,
    });
  }
  if (unpriced.length > 0)
    notes.push(
      `no price for ${unpriced.join(', ')}: their instance-hours cost 0 (give capacity.<service>.pools.<place>.hourly or placement.instanceHourUsd)`,
    );

  // Demand sources: a request from a metro.
  const sources: SimSource[] = [];
  const builder = new ProgramBuilder();
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
  const callPaths = new Map<number, DataPath>();
  const compileCall = (call: ServiceCall, fromUsers: boolean): number => {
    const service = services.get(call.service) as Service;
    const gbps = call.gbps ?? (fromUsers ? USER_GBPS : SERVICE_GBPS);
    callPaths.set(builder.size, call.path);
    return builder.call(
      {
        service: serviceIndex.get(call.service) as number,
        fanOut: call.fanOut,
        roundTrips: call.roundTrips,
        payloadBytes: call.payloadBytes,
        payloadS: (call.payloadBytes * 8) / (gbps * 1e9),
        cacheHitRatio: call.cacheHitRatio,
        cacheHitS: call.cacheHitMs / 1000,
        label: formatPath(call.path),
      },
      () => compileSteps(call.calls ?? service.calls),
    );
  };
  for (const d of scenario.demand) {
    const request = requests.get(d.request);
    if (!request) continue;
    const root = compileCall(request.entry, true);
    const weights: { metro: string; place: Place; weight: number }[] = [];
    if (d.metros) {
      for (const [metro, weight] of d.metros) {
        const place = findPlace(metro, estate);
        if (place?.kind !== 'metro') {
          const suggestion = didYouMean(
            metro,
            estate.users.map((u) => u.metro.id),
          );
          diagnostics.push(
            scenario.source.diagnostic(
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
          continue;
        }
        weights.push({ metro: place.id, place, weight });
      }
    } else
      for (const u of request.users) {
        const place = findPlace(u.metro.id, estate);
        if (place) weights.push({ metro: place.id, place, weight: u.share });
      }
    const total = weights.reduce((sum, w) => sum + w.weight, 0);
    for (const w of weights) {
      const share = w.weight / total;
      const budgets = estate.budgets.filter(
        (b) => b.request === request.id && (b.metro === undefined || b.metro === w.metro),
      );
      const p99 = budgets.map((b) => b.p99Ms).filter((v): v is number => v !== undefined);
      const p50 = budgets.map((b) => b.p50Ms).filter((v): v is number => v !== undefined);
      sources.push({
        request: request.id,
        metro: w.metro,
        endpoint: endpointOf(w.metro, w.place),
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
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);

  const rttMs = defaultRtt(estate)(endpoints);
  const program = builder.build();
  checkReachable(estate, program, sources, simServices, pools, endpoints, rttMs, callPaths);

  const actions: SimAction[] = [];
  const idleActions = new Set<string>();
  const change = (a: (typeof scenario.actions)[number]) => ({
    atS: a.atS,
    ...(a.min !== undefined ? { min: a.min } : {}),
    ...(a.desired !== undefined ? { desired: a.desired } : {}),
    ...(a.max !== undefined ? { max: a.max } : {}),
  });
  for (const a of scenario.actions) {
    if (a.service !== undefined) {
      const s = serviceIndex.get(a.service);
      const scaling = (s === undefined ? [] : (simServices[s]?.pools ?? [])).filter((p) => pools[p]?.scaling);
      if (s === undefined && !services.has(a.service)) {
        const suggestion = didYouMean(a.service, [...services.keys()]);
        diagnostics.push(
          scenario.source.diagnostic(
            [...a.path, 'service'],
            'FP_UNKNOWN_SERVICE',
            `unknown service '${a.service}' in ${design.file}`,
            {
              ...(suggestion ? { suggestion } : {}),
            },
          ),
        );
        continue;
      }
      if (scaling.length === 0) idleActions.add(a.service);
      for (const pool of scaling) actions.push({ ...change(a), pool });
      continue;
    }
    const pool = pools.findIndex((p) => p.id === a.pool);
    if (pool < 0) {
      const suggestion = didYouMean(
        a.pool ?? '',
        pools.map((p) => p.id),
      );
      diagnostics.push(
        scenario.source.diagnostic(
          [...a.path, 'pool'],
          'FP_UNKNOWN_ELEMENT',
          `no pool '${a.pool}' in ${design.file}`,
          {
            expected: `a pool as service@place: ${pools
              .map((p) => p.id)
              .slice(0, 6)
              .join(', ')}`,
            ...(suggestion ? { suggestion } : {}),
          },
        ),
      );
      continue;
    }
    actions.push({ ...change(a), pool });
  }
  if (idleActions.size > 0)
    notes.push(
      `the scenario's actions on ${[...idleActions].join(', ')} change nothing here: no pool of ${idleActions.size > 1 ? 'theirs' : 'its'} scales`,
    );
  if (diagnostics.length > 0) throw new FootprintError(diagnostics);

  const e = endpoints.length;
  const dxSites = new Set(
    estate.links.filter((l) => l.kind === 'direct-connect').flatMap((l) => l.between as readonly string[]),
  );
  const transferClass = new Uint8Array(e * e);
  for (let from = 0; from < e; from++)
    for (let to = 0; to < e; to++)
      transferClass[from * e + to] = TRANSFER_CLASSES.indexOf(
        transferClassOf(endpoints[from]?.place as Place, endpoints[to]?.place as Place, dxSites),
      );
  return {
    model: {
      endpoints: endpoints.map((x) => x.id),
      rttMs,
      transferClass,
      transferUsdPerGb: scenario.transferUsdPerGb,
      services: simServices,
      pools,
      limits,
      program,
      sources,
      client: scenario.client,
      actions,
      durationS: scenario.durationS,
      intervalS: scenario.intervalS,
      seed: scenario.seed,
    },
    notes,
  };
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
