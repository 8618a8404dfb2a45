/**
 * From an estate to a {@link PlacementProblem}: the RTT table over every place a service could run
 * at, the locations (price, capacity, fault domain), each service's candidates, the call trees and
 * the scenarios.
 *
 * Candidates of a service that may move: the catalog's AZs and Local Zones that offer what it needs
 * within its residency (or, when the estate places services in subnets, the network's subnets in
 * such zones, with routed RTTs), and the estate's sites with room to spare; then only those within the
 * radius (by default the tightest p99 budget of the requests that reach it, else
 * {@link DEFAULT_RADIUS_MS}) of some of its users and of every pinned service it calls or is called
 * by; of those, the best {@link DEFAULT_MAX_CANDIDATES} by weighted RTT to those anchors, at most as
 * many AZs of one region as it may have places (the AZs of a region sit at one point on the map);
 * and always where it runs today. A pinned service's candidates are its places today, and so are
 * those of a service no request reaches (nothing to gain by moving it).
 */
import {
  defaultRtt,
  endpointTable,
  physicalRtt,
  placementEndpoint,
  type RttProvider,
  usesRoutedRtt,
} from '../app/index.js';
import type { LatencyParameters } from '../catalog/index.js';
import { catalogPlace, listAvailabilityZones, listLocalZones, type Place } from '../catalog/index.js';
import type { Estate, PricedKind, Service } from '../model/index.js';
import { placementProblems } from '../model/index.js';
import { instanceHourUsd } from './prices.js';
import {
  type CallTree,
  expandRequest,
  type Location,
  type PlacedService,
  type PlacementProblem,
  peakInstancesPerPlace,
  rttIn,
  scenariosOf,
  servicesOfTree,
} from './problem.js';

/** Radius when no budget covers a service's requests. */
export const DEFAULT_RADIUS_MS = 100;
/** Candidates kept per service, besides where it runs today. */
export const DEFAULT_MAX_CANDIDATES = 12;

export interface BuildOptions {
  /** Keep zones within this RTT of a service's users and pinned neighbours; default: its tightest budget. */
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
  /** Left out because they are farther than the radius from its users or pinned neighbours. */
  readonly outsideRadius: number;
  /** The radius used (ms). */
  readonly radiusMs: number;
  /** What the radius came from. */
  readonly radiusFrom: string;
  /** Candidates kept, today's places included, in tie order. */
  readonly kept: readonly string[];
  /** Zones within the radius that residency alone excluded, nearest first (for explanations). */
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
 * Builds the placement problem of an estate.
 * @example buildPlacementProblem(loadEstate('examples/ticketmaster-phoenix/estate.yaml')).candidates[1]?.kept.length // 14
 */
export function buildPlacementProblem(estate: Estate, options: BuildOptions = {}): BuiltProblem {
  // Services in subnets route along the route tables: their candidates are the network's subnets
  // (in zones that offer what they need), with routed RTTs; otherwise zones, with physical ones.
  const routed = usesRoutedRtt(estate);
  // Zones of the partitions the estate already uses (another partition is another set of accounts).
  const partitions = new Set(
    estate.services.flatMap((s) => s.placements.map((p) => p.place.partition)).filter((p) => p !== undefined),
  );
  if (partitions.size === 0) partitions.add('aws');
  const zones: Place[] = [
    ...listAvailabilityZones().map((z) => catalogPlace(z.id) as Place),
    ...listLocalZones().map((z) => catalogPlace(z.name) as Place),
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
  const table = endpointTable(estate, rtt, extra);

  // Instances today per place: pinned, and movable.
  const pinnedUse = new Map<string, number>();
  const movableUse = new Map<string, number>();
  for (const s of estate.services)
    for (const p of s.placements) {
      const use = s.pinned ? pinnedUse : movableUse;
      use.set(p.place.id, (use.get(p.place.id) ?? 0) + p.instances);
    }

  const locations: (Location | undefined)[] = table.endpoints.map((endpoint, index) => {
    const place = endpoint.place;
    if (!HOSTING.includes(place.kind)) return undefined;
    // With services in subnets, a bare zone is no place to run: only its subnets are.
    if (routed && endpoint.subnet === undefined && place.kind !== 'site') return undefined;
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

  const byId = new Map(estate.services.map((service, index) => [service.id, { index, service }]));
  const trees: CallTree[] = estate.requests.map((r) => expandRequest(r, byId));
  const scenarios = scenariosOf(estate, table);

  const locationOf = (placeId: string): number => {
    const index = table.indexOf.get(placeId);
    if (index === undefined) throw new Error(`the RTT table has no endpoint '${placeId}'`);
    return index;
  };

  const candidates: CandidateSummary[] = [];
  const services: PlacedService[] = estate.services.map((service, index) => {
    const today = service.placements.map((p) => ({
      location: locationOf(placementEndpoint(p).id),
      instances: p.instances,
    }));
    const instances = today.reduce((sum, t) => sum + t.instances, 0);
    const base = {
      index,
      id: service.id,
      pinned: service.pinned,
      routing: service.routing,
      instances,
      across: service.replicas.across,
      today,
    };
    if (service.pinned) {
      candidates.push({
        service: service.id,
        pinned: true,
        considered: 0,
        notOffered: 0,
        residency: 0,
        outsideRadius: 0,
        radiusMs: 0,
        radiusFrom: 'pinned',
        kept: today.map((t) => table.endpoints[t.location]?.id as string),
        excludedByResidency: [],
      });
      return {
        ...base,
        minPlaces: today.length,
        maxPlaces: today.length,
        candidates: today.map((t) => t.location),
      };
    }
    const minPlaces = service.replicas.min;
    const maxPlaces = service.routing === 'spread' ? minPlaces : service.replicas.max;
    const chosen = chooseCandidates(estate, service, index, {
      table,
      locations,
      trees,
      scenarios,
      services: estate.services,
      maxPlaces,
      peak: peakInstancesPerPlace(instances, maxPlaces),
      today: today.map((t) => t.location),
      options,
    });
    candidates.push(chosen.summary);
    return { ...base, minPlaces, maxPlaces, candidates: chosen.kept };
  });

  return { problem: { table, locations, services, trees, scenarios }, candidates };
}

interface ChooseContext {
  readonly table: PlacementProblem['table'];
  readonly locations: readonly (Location | undefined)[];
  readonly trees: readonly CallTree[];
  readonly scenarios: PlacementProblem['scenarios'];
  readonly services: readonly Service[];
  readonly maxPlaces: number;
  readonly peak: number;
  readonly today: readonly number[];
  readonly options: BuildOptions;
}

function chooseCandidates(
  estate: Estate,
  service: Service,
  index: number,
  context: ChooseContext,
): { kept: number[]; summary: CandidateSummary } {
  const { table, locations, trees, scenarios, options } = context;
  const rtt = (a: number, b: number) => rttIn(table, a, b);

  // Anchors: the metros of the requests that reach the service, and its pinned neighbours.
  const metroWeight = new Map<number, number>();
  const pinnedNeighbours = new Set<number>();
  let radius = Number.POSITIVE_INFINITY;
  let radiusFrom = '';
  trees.forEach((tree, r) => {
    if (!servicesOfTree(tree).has(index)) return;
    for (const s of scenarios) {
      if (s.request !== r) continue;
      metroWeight.set(s.metro, (metroWeight.get(s.metro) ?? 0) + s.share);
      if (s.p99BudgetMs !== null && s.p99BudgetMs < radius) {
        radius = s.p99BudgetMs;
        radiusFrom = `the p99 budget of ${s.requestId} from ${s.metroId}`;
      }
    }
    tree.nodes.forEach((node, n) => {
      if (node.service !== index) return;
      const parent = tree.nodes[node.parent];
      const neighbours = [
        ...(parent ? [parent.service] : []),
        ...tree.nodes.filter((c) => c.parent === n).map((c) => c.service),
      ];
      for (const other of neighbours) {
        const neighbour = context.services[other];
        if (neighbour?.pinned)
          for (const p of neighbour.placements)
            pinnedNeighbours.add(table.indexOf.get(placementEndpoint(p).id) as number);
      }
    });
  });
  if (options.radiusMs !== undefined) {
    radius = options.radiusMs;
    radiusFrom = 'the --radius option';
  } else if (!Number.isFinite(radius)) {
    radius = DEFAULT_RADIUS_MS;
    radiusFrom =
      metroWeight.size > 0
        ? 'the default: no p99 budget covers its requests'
        : 'the default: no request reaches it';
  }
  const totalWeight = [...metroWeight.values()].reduce((a, b) => a + b, 0);

  let considered = 0;
  let notOffered = 0;
  let residency = 0;
  let outsideRadius = 0;
  const excludedByResidency: { index: number; score: number }[] = [];
  const eligible: { index: number; score: number }[] = [];
  if (metroWeight.size === 0) {
    if (context.today.length >= service.replicas.min) {
      // No request reaches it: nothing to gain by moving it, so it stays.
      const kept = [...context.today].sort((a, b) => a - b);
      return {
        kept,
        summary: {
          service: service.id,
          pinned: false,
          considered: 0,
          notOffered: 0,
          residency: 0,
          outsideRadius: 0,
          radiusMs: 0,
          radiusFrom: 'none: no request reaches it, so it stays',
          kept: kept.map((m) => table.endpoints[m]?.id as string),
          excludedByResidency: [],
          ...(service.residency ? { residencyRule: service.residency } : {}),
        },
      };
    }
    // It needs more places than it has: look near where it runs.
    for (const m of context.today) pinnedNeighbours.add(m);
    radiusFrom = `the default, around where it runs (no request reaches it)`;
  }
  const scoreOf = (m: number) => {
    let score = 0;
    for (const [u, w] of metroWeight) score += (w / totalWeight) * rtt(u, m);
    for (const p of pinnedNeighbours) score += rtt(m, p);
    return score;
  };
  const withinRadius = (m: number) => {
    const nearUsers = metroWeight.size === 0 || [...metroWeight.keys()].some((u) => rtt(u, m) <= radius);
    const nearPinned = [...pinnedNeighbours].every((p) => rtt(m, p) <= radius);
    return nearUsers && nearPinned;
  };
  for (const location of locations) {
    if (!location || location.kind === 'region') continue;
    if (location.kind === 'site' && !(location.capacity >= context.peak)) continue;
    considered++;
    const subject = options.ignoreResidency ? { id: service.id, needs: service.needs } : service;
    const problems = placementProblems(subject, location.place, estate);
    const inRadius = withinRadius(location.index);
    if (problems.some((p) => p.code === 'FP_NOT_OFFERED')) {
      notOffered++;
      continue;
    }
    if (problems.some((p) => p.code === 'FP_RESIDENCY')) {
      residency++;
      if (inRadius) excludedByResidency.push({ index: location.index, score: scoreOf(location.index) });
      continue;
    }
    if (problems.length > 0) continue;
    if (!inRadius) {
      outsideRadius++;
      continue;
    }
    eligible.push({ index: location.index, score: scoreOf(location.index) });
  }
  const byScore = (a: { index: number; score: number }, b: { index: number; score: number }) =>
    a.score - b.score || a.index - b.index;
  eligible.sort(byScore);
  const limit = context.options.maxCandidates ?? DEFAULT_MAX_CANDIDATES;
  const kept = new Set<number>(context.today);
  const azPerRegion = new Map<string, number>();
  for (const e of eligible) {
    if (kept.size - context.today.length >= limit) break;
    if (kept.has(e.index)) continue;
    const location = locations[e.index] as Location;
    if (location.kind === 'az') {
      const n = azPerRegion.get(location.region) ?? 0;
      if (n >= Math.max(1, context.maxPlaces)) continue;
      azPerRegion.set(location.region, n + 1);
    }
    kept.add(e.index);
  }
  const ordered = [...kept].sort((a, b) => a - b);
  excludedByResidency.sort(byScore);
  return {
    kept: ordered,
    summary: {
      service: service.id,
      pinned: false,
      considered,
      notOffered,
      residency,
      outsideRadius,
      radiusMs: radius,
      radiusFrom,
      kept: ordered.map((m) => table.endpoints[m]?.id as string),
      excludedByResidency: excludedByResidency.slice(0, 5).map((e) => table.endpoints[e.index]?.id as string),
      ...(service.residency ? { residencyRule: service.residency } : {}),
    },
  };
}
