/**
 * Compiling a design's capacity (a phase of compile.ts): the services its demand reaches (and
 * what they need to start), and their pools, from the estate's `capacity:` or, for a service
 * without one, fixed pools at each place of its `at`; the zones' launch limits; each service's
 * compute time, balancing and start-up dependencies.
 */
import type { Place } from '../catalog/index.js';
import type { CallStep, CapacityPool, Estate, Service } from '../model/index.js';
import { type Compilation, endpointOf } from './compile-context.js';
import {
  BALANCE_LEAST_OUTSTANDING,
  BALANCE_NEAREST,
  BALANCE_PRIMARY,
  BALANCE_ROUND_ROBIN,
  DIST_CONSTANT,
  DIST_LOGNORMAL,
  METRIC_REQUESTS_PER_INSTANCE,
  METRIC_UTILISATION,
  type SimComputeTime,
  type SimLaunchLimit,
  type SimPool,
  type SimService,
} from './model.js';

/** Workers per instance assumed for a service without a `capacity:` entry. */
export const DEFAULT_WORKERS = 8;
const Z99 = 2.3263478740408408;

/** The services the demand reaches: each call, and each service's own calls once. */
export function reachedServices(c: Compilation): ReadonlySet<string> {
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
export function compilePools(
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
