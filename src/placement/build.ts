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
 * ({@link overBudget}). Its candidates, what the MILP chooses from (candidates.ts):
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
import { type CandidateSummary, type ChooseContext, chooseCandidates, type Ruled } from './candidates.js';
import { instanceHourUsd } from './prices.js';
import {
  type CallTree,
  expandRequest,
  type Location,
  type PlacedService,
  type PlacementProblem,
  peakInstancesPerPlace,
  type Scenario,
  scenariosOf,
  servicesOfTree,
} from './problem.js';
import { nonWorkloadSubnets } from './workload-subnets.js';

export { type CandidateSummary, DEFAULT_MAX_CANDIDATES, DEFAULT_RADIUS_MS } from './candidates.js';

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
