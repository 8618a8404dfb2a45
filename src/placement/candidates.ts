/**
 * A service's candidates, from the places the rules and budgets leave it (build.ts): for a service
 * some request reaches, the best {@link DEFAULT_MAX_CANDIDATES} by weighted RTT to its users and to
 * the pinned services it calls or is called by (within `--radius` when given), at most as many AZs of
 * one region with no capacity limit as it may have places, where it runs today, and enough places and
 * regions for its replicas; for a service no request reaches, where it runs, the places with a
 * capacity and the cheapest of the others. How they were chosen, per service: {@link CandidateSummary}.
 */
import type { EndpointTable } from '../app/index.js';
import { placementEndpoint } from '../app/index.js';
import { getOrThrow, itemOrThrow } from '../errors.js';
import type { Estate, Service } from '../model/index.js';
import type { BuildOptions } from './build.js';
import {
  type CallTree,
  type Location,
  type PlacedService,
  rttIn,
  type Scenario,
  servicesOfTree,
} from './problem.js';

/** The radius shown when no budget covers a service's requests (ms); only `--radius` prunes by radius. */
export const DEFAULT_RADIUS_MS = 100;
/** Candidates kept per service, besides where it runs today. */
export const DEFAULT_MAX_CANDIDATES = 12;

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

/** What choosing candidates reads: the estate, the RTT table, the locations, the requests and the options. */
export interface ChooseContext {
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
export interface Ruled {
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

/** The candidates of a service from its eligible places, and how they were chosen. */
export function chooseCandidates(
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
