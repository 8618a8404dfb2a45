/**
 * From an estate to a {@link PlacementProblem}: the RTT table over every place a service could run
 * at, the locations (price, capacity, fault domain), each service's eligible places and candidates,
 * the call trees and the scenarios.
 *
 * Eligible places of a service that may move: the catalog's AZs and Local Zones that offer what it
 * needs within its residency (or, when the estate places services in subnets, the network's subnets
 * in such zones, with routed RTTs), and the estate's sites with room to spare; but for those a
 * budget rules out on its own, safely: a single-place service at a place from which the calls'
 * RTTs and payloads alone, in every draw, exceed a budget of a request it is part of
 * ({@link overBudget}). Its candidates, what the MILP chooses from:
 *
 * - for a service some request reaches: the best {@link DEFAULT_MAX_CANDIDATES} eligible places by
 *   weighted RTT to its users and to the pinned services it calls or is called by (within
 *   `--radius` of them when given), at most as many AZs of one region with no capacity limit as it
 *   may have places (they sit at one point on the map), where it runs today, and enough places and
 *   regions for its replicas. That is a heuristic: placement then proves, by lower bounds, that the
 *   places left out could not do better, or says that the optimum is among the candidates;
 * - for a service no request reaches (its place changes no latency, only cost and capacity): where it
 *   runs today, every eligible place with a capacity limit, and the cheapest of the others, one per
 *   fault domain, enough for its replicas. Any other placement of it costs no less and takes no more
 *   room, so that is safe.
 *
 * A pinned service's candidates are its places today.
 */
import {
  defaultRtt,
  type EndpointTable,
  endpointTable,
  physicalRtt,
  placementEndpoint,
  type RttProvider,
  usesRoutedRtt,
} from '../app/index.js';
import type { LatencyParameters } from '../catalog/index.js';
import { catalogPlace, listAvailabilityZones, listLocalZones, type Place } from '../catalog/index.js';
import { getOrThrow, itemOrThrow } from '../errors.js';
import type { Estate, PricedKind, Service } from '../model/index.js';
import { localZoneOffering, placementProblems } from '../model/index.js';
import { LowerBounds, overBudget } from './bounds.js';
import { instanceHourUsd } from './prices.js';
import {
  type CallTree,
  expandRequest,
  type Location,
  type PlacedService,
  type PlacementProblem,
  peakInstancesPerPlace,
  rttIn,
  type Scenario,
  scenariosOf,
  servicesOfTree,
} from './problem.js';
import { nonWorkloadSubnets } from './workload-subnets.js';

/** The radius shown when no budget covers a service's requests (ms); only `--radius` prunes by radius. */
export const DEFAULT_RADIUS_MS = 100;
/** Candidates kept per service, besides where it runs today. */
export const DEFAULT_MAX_CANDIDATES = 12;

export interface BuildOptions {
  /** Keep only places within this RTT of a service's users and pinned neighbours (a heuristic). */
  readonly radiusMs?: number;
  /** Candidates kept per service, besides today's places. */
  readonly maxCandidates?: number;
  readonly parameters?: LatencyParameters;
  /**
   * Where RTTs come from; default the physical model, or the routed one when services sit in
   * subnets (with `parameters`). Given, it must cover every zone, site and metro.
   */
  readonly rtt?: RttProvider;
  /** Ignore residency when choosing candidates (to explain what residency costs). */
  readonly ignoreResidency?: boolean;
  /**
   * Keep every place the rules allow (needs, residency, room at sites): no pruning by budget, radius
   * or number, every AZ of a region. For small problems and their brute force: the MILP grows with it.
   */
  readonly allCandidates?: boolean;
  /** Keep the places a budget rules out on its own (to explain which budgets clash, and by how much). */
  readonly keepOverBudget?: boolean;
}

/** How a service's candidates were chosen. */
export interface CandidateSummary {
  readonly service: string;
  readonly pinned: boolean;
  /** Places looked at: the catalog's AZs and Local Zones, and sites with room. */
  readonly considered: number;
  /** Left out because the zone does not offer what the service needs. */
  readonly notOffered: number;
  /** Left out by the service's residency. */
  readonly residency: number;
  /** Left out because a budget rules them out on their own (safe: no placement there meets it). */
  readonly overBudget: number;
  /** Left out because they are farther than `--radius` from its users or pinned neighbours. */
  readonly outsideRadius: number;
  /** Eligible places left out by the heuristic (the nearest first, AZs of a region, `--radius`). */
  readonly leftOut: number;
  /** The radius: `--radius`, else the tightest budget of its requests, else {@link DEFAULT_RADIUS_MS}. */
  readonly radiusMs: number;
  /** What the radius came from, and whether it prunes. */
  readonly radiusFrom: string;
  /** Candidates kept, today's places included, in tie order. */
  readonly kept: readonly string[];
  /** Zones that residency alone excluded, nearest first (for explanations). */
  readonly excludedByResidency: readonly string[];
  /** The service's residency, when it has one. */
  readonly residencyRule?: readonly string[];
}

export interface BuiltProblem {
  readonly problem: PlacementProblem;
  readonly candidates: readonly CandidateSummary[];
}

const HOSTING: readonly string[] = ['az', 'local-zone', 'region', 'site'];

/**
 * The Local Zones a placement proposes: of the zones at one point (a metro's two generations,
 * us-west-2-phx-1a and -2a; or us-west-2-las-1a and -1b), only one, the newest generation, then the
 * first by name, so that equal candidates do not multiply the problem.
 */
function newestLocalZones() {
  const all = listLocalZones();
  const rank = (z: (typeof all)[number]) => [-(z.generation ?? 0), z.name] as const;
  const before = (a: (typeof all)[number], b: (typeof all)[number]) => {
    const [ga, na] = rank(a);
    const [gb, nb] = rank(b);
    return ga < gb || (ga === gb && na < nb);
  };
  return all.filter((z) => !all.some((o) => o !== z && o.lat === z.lat && o.lon === z.lon && before(o, z)));
}

/** A Local Zone with no offerings record, for a service that needs something of its zone. */
function uncheckable(service: { readonly needs: Service['needs'] }, place: Place, estate: Estate): boolean {
  const { instanceFamilies, gpu, services } = service.needs;
  const needsSomething = (instanceFamilies?.length ?? 0) > 0 || gpu === true || (services?.length ?? 0) > 0;
  return place.kind === 'local-zone' && needsSomething && localZoneOffering(place.id, estate) === undefined;
}

/**
 * Builds the placement problem of an estate.
 * @example buildPlacementProblem(loadEstate('examples/ticketmaster-phoenix/estate.yaml')).candidates[1]?.kept.length // 14
 */
export function buildPlacementProblem(estate: Estate, options: BuildOptions = {}): BuiltProblem {
  const table = rttTableOf(estate, options);
  const locations = locationsOf(estate, table);
  const byId = new Map(estate.services.map((service, index) => [service.id, { index, service }]));
  const trees: CallTree[] = estate.requests.map((r) => expandRequest(r, byId));
  const scenarios = scenariosOf(estate, table);
  const context: ChooseContext = {
    estate,
    table,
    locations,
    trees,
    scenarios,
    options,
    reached: reachedServices(trees, scenarios),
  };
  const ruled = estate.services.map((service, index) => byRules(context, service, index));
  const eligible =
    options.allCandidates || options.keepOverBudget
      ? ruled.map((r) => r.eligible)
      : withinBudgets(
          context,
          ruled.map((r) => r.service),
        );
  const chosen = ruled.map((r, s) =>
    chooseCandidates(context, r, itemOrThrow(eligible, s, 'eligible places')),
  );
  const services = chosen.map((c) => c.service);
  return {
    problem: { table, locations, services, trees, scenarios },
    candidates: chosen.map((c) => c.summary),
  };
}

/**
 * The RTT table over every endpoint: services' places today, the users' metros, and every place a
 * service could run at (the zones of the partitions the estate uses, or with services in subnets,
 * the network's subnets, whose calls follow the route tables), and the sites.
 */
function rttTableOf(estate: Estate, options: BuildOptions): EndpointTable {
  const routed = usesRoutedRtt(estate);
  // Zones of the partitions the estate already uses (another partition is another set of accounts).
  const partitions = new Set(
    estate.services.flatMap((s) => s.placements.map((p) => p.place.partition)).filter((p) => p !== undefined),
  );
  if (partitions.size === 0) partitions.add('aws');
  const zones: Place[] = [
    ...listAvailabilityZones().map((z) => catalogPlace(z.id) as Place),
    ...newestLocalZones().map((z) => catalogPlace(z.name) as Place),
  ].filter((z) => z.partition === undefined || partitions.has(z.partition));
  const subnets = routed
    ? [...(estate.network?.subnets.values() ?? [])].flatMap((subnet) => {
        const place =
          catalogPlace(subnet.zone) ?? estate.availabilityZones?.find((z) => z.id === subnet.zone);
        return place ? [{ id: subnet.id, place, subnet: subnet.id }] : [];
      })
    : [];
  const extra = [
    ...(routed ? subnets : zones.map((place) => ({ id: place.id, place }))),
    ...estate.sites.map((place) => ({ id: place.id, place })),
  ];
  const rttOptions = options.parameters ? { parameters: options.parameters } : {};
  const rtt = options.rtt ?? (routed ? defaultRtt(estate, rttOptions) : physicalRtt(estate, rttOptions));
  return endpointTable(estate, rtt, extra);
}

/** The table's endpoints as places to run at (undefined for those that cannot host: metros, bare zones of a routed estate). */
function locationsOf(estate: Estate, table: EndpointTable): (Location | undefined)[] {
  const routed = usesRoutedRtt(estate);
  // Transit Gateway attachment subnets hold the gateway's interfaces, not workloads.
  const reserved = nonWorkloadSubnets(estate);
  // Instances today per place: pinned, and movable.
  const pinnedUse = new Map<string, number>();
  const movableUse = new Map<string, number>();
  for (const s of estate.services)
    for (const p of s.placements) {
      const use = s.pinned ? pinnedUse : movableUse;
      use.set(p.place.id, (use.get(p.place.id) ?? 0) + p.instances);
    }
  return table.endpoints.map((endpoint, index) => {
    const place = endpoint.place;
    if (!HOSTING.includes(place.kind)) return undefined;
    // With services in subnets, a bare zone is no place to run: only its subnets are.
    if (routed && endpoint.subnet === undefined && place.kind !== 'site') return undefined;
    if (endpoint.subnet !== undefined && reserved.has(endpoint.subnet)) return undefined;
    const kind = place.kind as PricedKind;
    const site = place.kind === 'site' ? estate.sites.find((s) => s.id === place.id) : undefined;
    let capacity = Number.POSITIVE_INFINITY;
    if (site) {
      // A site that states no capacity holds what it holds today and takes nothing new.
      capacity = site.capacity
        ? site.capacity.instances - (pinnedUse.get(place.id) ?? 0)
        : (movableUse.get(place.id) ?? 0);
    } else {
      const limit = estate.placement?.zoneCapacity.get(place.id);
      if (limit !== undefined) capacity = limit - (pinnedUse.get(place.id) ?? 0);
    }
    return {
      index,
      place,
      kind,
      region:
        place.kind === 'site' ? place.id : place.kind === 'region' ? place.id : (place.region ?? place.id),
      zone: place.id,
      ...(endpoint.subnet !== undefined ? { subnet: endpoint.subnet } : {}),
      priceUsd: instanceHourUsd(estate, place.id, kind),
      capacity: Math.max(0, capacity),
    };
  });
}

/** The services some request with users reaches. */
function reachedServices(trees: readonly CallTree[], scenarios: readonly Scenario[]): Set<number> {
  const used = new Set(scenarios.map((s) => s.request));
  return new Set(trees.flatMap((tree, r) => (used.has(r) ? [...servicesOfTree(tree)] : [])));
}

interface ChooseContext {
  readonly estate: Estate;
  readonly table: EndpointTable;
  readonly locations: readonly (Location | undefined)[];
  readonly trees: readonly CallTree[];
  readonly scenarios: readonly Scenario[];
  readonly options: BuildOptions;
  /** Services some request with users reaches. */
  readonly reached: ReadonlySet<number>;
}

/** A service with the places the rules allow (its candidates, for now), and what the rules left out. */
interface Ruled {
  readonly source: Service;
  readonly service: PlacedService;
  /** The places the rules allow, today's included, in index order. */
  readonly eligible: readonly number[];
  readonly considered: number;
  readonly notOffered: number;
  readonly residency: number;
  /** Places residency alone excluded. */
  readonly excludedByResidency: readonly number[];
}

/** A service as placement sees it, with the places the rules allow: needs, residency, room at sites. */
function byRules(context: ChooseContext, source: Service, index: number): Ruled {
  const { estate, table, locations, options } = context;
  const today = source.placements.map((p) => ({
    location: getOrThrow(table.indexOf, placementEndpoint(p).id, 'endpoint of a place today'),
    instances: p.instances,
  }));
  const instances = today.reduce((sum, t) => sum + t.instances, 0);
  const places = today.map((t) => t.location);
  const minPlaces = source.pinned ? today.length : source.replicas.min;
  const maxPlaces = source.pinned
    ? today.length
    : source.routing === 'spread'
      ? minPlaces
      : source.replicas.max;
  const service: PlacedService = {
    index,
    id: source.id,
    pinned: source.pinned,
    routing: source.routing,
    instances,
    minPlaces,
    maxPlaces,
    across: source.replicas.across,
    candidates: places,
    eligible: places,
    today,
  };
  const ruled = {
    source,
    service,
    eligible: places,
    considered: 0,
    notOffered: 0,
    residency: 0,
    excludedByResidency: [],
  };
  if (source.pinned) return ruled;
  const peak = peakInstancesPerPlace(instances, maxPlaces);
  const subject = options.ignoreResidency ? { id: source.id, needs: source.needs } : source;
  const eligible = new Set(places);
  const excludedByResidency: number[] = [];
  let considered = 0;
  let notOffered = 0;
  let residency = 0;
  for (const location of locations) {
    if (!location || location.kind === 'region') continue;
    if (location.kind === 'site' && !(location.capacity >= peak)) continue;
    considered++;
    const problems = placementProblems(subject, location.place, estate);
    // A zone whose offerings nothing records cannot be checked against the service's needs: the
    // placer does not propose it (an estate that states them under `offerings:` makes it a candidate).
    if (problems.some((p) => p.code === 'FP_NOT_OFFERED') || uncheckable(subject, location.place, estate))
      notOffered++;
    else if (problems.some((p) => p.code === 'FP_RESIDENCY')) {
      residency++;
      excludedByResidency.push(location.index);
    } else if (problems.length === 0) eligible.add(location.index);
  }
  const sorted = [...eligible].sort((a, b) => a - b);
  return {
    ...ruled,
    service: { ...service, candidates: sorted, eligible: sorted },
    eligible: sorted,
    considered,
    notOffered,
    residency,
    excludedByResidency,
  };
}

/**
 * Each service's eligible places: those the rules allow, but for those from which, with the service
 * there, the calls' RTTs and payloads alone exceed a budget in every draw (today's places stay).
 */
function withinBudgets(context: ChooseContext, services: readonly PlacedService[]): number[][] {
  const { table, locations, trees, scenarios } = context;
  const problem: PlacementProblem = { table, locations, services, trees, scenarios };
  const bounds = LowerBounds.of(problem, (s) => s.eligible);
  const budgets = scenarios.map((s) =>
    Math.min(s.p99BudgetMs ?? Number.POSITIVE_INFINITY, s.p50BudgetMs ?? Number.POSITIVE_INFINITY),
  );
  return services.map((service) => {
    if (service.pinned) return [...service.eligible];
    const over = overBudget(bounds, problem, service, service.eligible, budgets);
    const today = new Set(service.today.map((t) => t.location));
    return service.eligible.filter((m) => today.has(m) || !over.has(m));
  });
}

/** The candidates of a service from its eligible places, and how they were chosen. */
function chooseCandidates(
  context: ChooseContext,
  ruled: Ruled,
  eligible: readonly number[],
): { service: PlacedService; summary: CandidateSummary } {
  const { source, service } = ruled;
  const ids = (list: readonly number[]) =>
    list.map((m) => itemOrThrow(context.table.endpoints, m, 'endpoint of a location').id);
  const base = {
    service: source.id,
    pinned: source.pinned,
    considered: ruled.considered,
    notOffered: ruled.notOffered,
    residency: ruled.residency,
    overBudget: ruled.eligible.length - eligible.length,
    ...(source.residency ? { residencyRule: source.residency } : {}),
  };
  if (source.pinned)
    return {
      service,
      summary: {
        ...base,
        outsideRadius: 0,
        leftOut: 0,
        radiusMs: 0,
        radiusFrom: 'pinned',
        kept: ids(service.candidates),
        excludedByResidency: [],
      },
    };
  const anchors = anchorsOf(context, service);
  const picked = context.options.allCandidates
    ? { kept: [...eligible], outsideRadius: 0, radiusMs: 0, radiusFrom: 'none: every place the rules allow' }
    : context.reached.has(service.index)
      ? nearestCandidates(context, service, eligible, anchors)
      : unreachedCandidates(context, service, eligible);
  const kept = [...picked.kept].sort((a, b) => a - b);
  // A service no request reaches may take any eligible place, but one among its candidates is as
  // good: they are all it may take, as far as a proof is concerned.
  const reachable = context.reached.has(service.index) || context.options.allCandidates ? eligible : kept;
  const excluded = [...ruled.excludedByResidency].sort(
    (a, b) => anchors.score(a) - anchors.score(b) || a - b,
  );
  return {
    service: { ...service, candidates: kept, eligible: [...reachable] },
    summary: {
      ...base,
      outsideRadius: picked.outsideRadius,
      leftOut: reachable.length - kept.length,
      radiusMs: picked.radiusMs,
      radiusFrom: picked.radiusFrom,
      kept: ids(kept),
      excludedByResidency: ids(excluded.slice(0, 5)),
    },
  };
}

/** Where a service's users and pinned neighbours are, and how near a location is to them. */
interface Anchors {
  /** Weighted RTT to the users plus RTT to each pinned neighbour. */
  score(m: number): number;
  /** Within `radius` of some of its users and of every pinned neighbour. */
  within(m: number, radius: number): boolean;
  /** The tightest p99 budget of the requests that reach it, and whose it is. */
  readonly budget?: { readonly ms: number; readonly from: string };
}

/** The metros of the requests that reach a service (by their users' share), and its pinned neighbours. */
function anchorsOf(context: ChooseContext, service: PlacedService): Anchors {
  const { table, trees, scenarios, estate } = context;
  const rtt = (a: number, b: number) => rttIn(table, a, b);
  const metroWeight = new Map<number, number>();
  const pinned = new Set<number>();
  let budget: { ms: number; from: string } | undefined;
  trees.forEach((tree, r) => {
    if (!servicesOfTree(tree).has(service.index)) return;
    for (const s of scenarios) {
      if (s.request !== r) continue;
      metroWeight.set(s.metro, (metroWeight.get(s.metro) ?? 0) + s.share);
      if (s.p99BudgetMs !== null && (!budget || s.p99BudgetMs < budget.ms))
        budget = { ms: s.p99BudgetMs, from: `the p99 budget of ${s.requestId} from ${s.metroId}` };
    }
    tree.nodes.forEach((node, n) => {
      if (node.service !== service.index) return;
      const parent = tree.nodes[node.parent];
      const neighbours = [
        ...(parent ? [parent.service] : []),
        ...tree.nodes.filter((c) => c.parent === n).map((c) => c.service),
      ];
      for (const other of neighbours) {
        const neighbour = estate.services[other];
        if (neighbour?.pinned)
          for (const p of neighbour.placements)
            pinned.add(getOrThrow(table.indexOf, placementEndpoint(p).id, 'endpoint of a place today'));
      }
    });
  });
  // A service no request reaches is scored around where it runs.
  if (metroWeight.size === 0) for (const t of service.today) pinned.add(t.location);
  const totalWeight = [...metroWeight.values()].reduce((a, b) => a + b, 0);
  return {
    score: (m) => {
      let score = 0;
      for (const [u, w] of metroWeight) score += (w / totalWeight) * rtt(u, m);
      for (const p of pinned) score += rtt(m, p);
      return score;
    },
    within: (m, radius) =>
      (metroWeight.size === 0 || [...metroWeight.keys()].some((u) => rtt(u, m) <= radius)) &&
      [...pinned].every((p) => rtt(m, p) <= radius),
    ...(budget ? { budget } : {}),
  };
}

/** The candidates chosen from the eligible places, and what the radius was. */
interface Picked {
  readonly kept: readonly number[];
  readonly outsideRadius: number;
  readonly radiusMs: number;
  readonly radiusFrom: string;
}

/**
 * The nearest eligible places (a heuristic): within `--radius` when given, the best `maxCandidates`
 * by score, at most as many AZs of a region without a capacity limit as the service may have places,
 * where it runs today, and enough places and regions for its replicas.
 */
function nearestCandidates(
  context: ChooseContext,
  service: PlacedService,
  eligible: readonly number[],
  anchors: Anchors,
): Picked {
  const { options, locations } = context;
  const radius = options.radiusMs;
  const inRadius = radius === undefined ? eligible : eligible.filter((m) => anchors.within(m, radius));
  const byScore = [...inRadius].sort((a, b) => anchors.score(a) - anchors.score(b) || a - b);
  const limit = options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const today = service.today.map((t) => t.location);
  const kept = new Set<number>(today);
  const azPerRegion = new Map<string, number>();
  for (const m of byScore) {
    if (kept.size - today.length >= limit) break;
    if (kept.has(m)) continue;
    const location = itemOrThrow(locations, m, 'location');
    // The AZs of a region sit at one point on the map: one per place it may have is enough, but an
    // AZ with a capacity limit may not hold it, so those do not count against the region.
    if (location?.kind === 'az' && location.capacity === Number.POSITIVE_INFINITY) {
      const n = azPerRegion.get(location.region) ?? 0;
      if (n >= Math.max(1, service.maxPlaces)) continue;
      azPerRegion.set(location.region, n + 1);
    }
    kept.add(m);
  }
  enoughForReplicas(
    context,
    service,
    [...eligible].sort((a, b) => anchors.score(a) - anchors.score(b) || a - b),
    kept,
  );
  return {
    kept: [...kept],
    outsideRadius: eligible.length - inRadius.length,
    radiusMs: radius ?? anchors.budget?.ms ?? DEFAULT_RADIUS_MS,
    radiusFrom:
      radius !== undefined
        ? 'the --radius option'
        : anchors.budget
          ? `${anchors.budget.from}: a place from which the calls' RTTs alone break a budget is left out`
          : 'the default: no p99 budget covers its requests',
  };
}

/** Adds places in `order` until the kept ones are enough for the replicas: places, and regions when asked. */
function enoughForReplicas(
  context: ChooseContext,
  service: PlacedService,
  order: readonly number[],
  kept: Set<number>,
): void {
  const regionOf = (m: number) => context.locations[m]?.region ?? String(m);
  for (const m of order) {
    if (kept.size >= service.minPlaces) break;
    kept.add(m);
  }
  if (service.across !== 'regions') return;
  const regions = new Set([...kept].map(regionOf));
  for (const m of order) {
    if (regions.size >= service.minPlaces) break;
    if (regions.has(regionOf(m))) continue;
    kept.add(m);
    regions.add(regionOf(m));
  }
}

/**
 * A service no request reaches: its place changes only cost and capacity. Any placement of it is
 * matched, at no more cost and no more room, by one within: where it runs today, the eligible places
 * with a capacity limit, and of the others the cheapest per fault domain, as many fault domains as
 * twice the places it may have (enough to avoid those its other places take).
 */
function unreachedCandidates(
  context: ChooseContext,
  service: PlacedService,
  eligible: readonly number[],
): Picked {
  const kept = new Set(service.today.map((t) => t.location));
  const cheapest = new Map<string, Location>();
  // Among places of one price, the nearest to where it runs: as good, and less of a surprise.
  const nearness = (m: number) => Math.min(...service.today.map((t) => rttIn(context.table, t.location, m)));
  for (const m of [...eligible].sort((a, b) => nearness(a) - nearness(b) || a - b)) {
    const location = itemOrThrow(context.locations, m, 'location');
    if (!location) continue;
    if (location.capacity !== Number.POSITIVE_INFINITY) {
      kept.add(m);
      continue;
    }
    if (kept.has(m)) continue;
    const domain = service.across === 'regions' ? location.region : location.zone;
    const known = cheapest.get(domain);
    if (!known || location.priceUsd < known.priceUsd) cheapest.set(domain, location);
  }
  const domains = [...cheapest.values()].sort(
    (a, b) => a.priceUsd - b.priceUsd || nearness(a.index) - nearness(b.index) || a.index - b.index,
  );
  for (const location of domains.slice(0, 2 * service.maxPlaces)) kept.add(location.index);
  return {
    kept: [...kept],
    outsideRadius: 0,
    radiusMs: 0,
    radiusFrom:
      'none: no request reaches it, so only cost and room matter: where it runs, the places with a capacity, and the cheapest of the others',
  };
}
