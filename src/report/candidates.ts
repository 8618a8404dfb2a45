/**
 * Users' metros against candidate places (issue 22): for each metro of the estate's users and each
 * place the services could be served from, the metro's RTT to it (the users' internet path: the
 * physical model, as `footprint latency` gives it) and, for each request with a budget that metro's
 * users make, the request's p50/p99 by the evaluator were every service that is not pinned run at
 * that candidate (pinned services stay where they are), against the budget.
 *
 * The candidates (columns):
 *
 * - with a placement (`report --place`): the places and subnets the placement considered for the
 *   services that may move (its candidates, today's places included);
 * - otherwise: the estate's own places where a service could run (regions, AZs, Local Zones, sites
 *   where a movable service runs today or that state a capacity), the subnets services run in and
 *   the other workload subnets (not a Transit Gateway attachment's), and, for each metro, the
 *   {@link NEAREST_PER_METRO} catalog regions and Local Zones it reaches soonest (one Local Zone per
 *   point: a metro's newest generation).
 *
 * At most {@link MAX_CANDIDATES} columns, those nearest to the users (users-weighted RTT) first; then
 * sorted best first: fewest broken budgets, fewest tight ones, lowest users-weighted RTT, id.
 * Pure and deterministic: the evaluator's seed is the report's, its draws the report's `samples` when
 * given, else {@link CANDIDATE_SAMPLES}.
 */
import type { Endpoint, EvaluateOptions } from '../app/index.js';
import { catalogPlaces, generationOf, type Place } from '../catalog/index.js';
import { distanceKm } from '../geo/index.js';
import { type LatencyOptions, latencyMatrix } from '../latency/index.js';
import { type Estate, resolvePlace } from '../model/index.js';
import { nonWorkloadSubnets } from '../placement/index.js';
import { type Evaluated, evaluateAtCandidates } from './candidates-evaluate.js';

/** Catalog regions, and Local Zones, taken per users' metro: those it reaches soonest. */
export const NEAREST_PER_METRO = 3;
/** Catalog regions, and Local Zones, per metro whose RTT is measured: the nearest by distance. */
const NEAREST_BY_DISTANCE = 8;
/** Columns at most: a page of candidates, not the catalog's 640 places. */
export const MAX_CANDIDATES = 24;
/**
 * Draws per request and metro at each candidate, unless the report is given `samples`: up to 24
 * candidates each evaluated at the report's 20,000 would more than double a report's CPU. A p99 of
 * 4,000 draws is within a few per cent of 20,000's, which the `tight` band covers.
 */
export const CANDIDATE_SAMPLES = 4000;
/** A budget held with less than this share of it to spare is `tight`. */
export const TIGHT_SHARE = 0.1;

export type CandidateVerdict = 'held' | 'tight' | 'broken';

/** A place (or subnet) the services could be served from: a column. */
export interface CandidateColumn {
  /** A place id, or a subnet id. */
  readonly id: string;
  /** The place's kind, or `subnet`. */
  readonly kind: Place['kind'] | 'subnet';
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** A subnet's zone. */
  readonly zone?: string;
  /** The region of a zone (a Local Zone's parent). */
  readonly region?: string;
  /** True for the estate's own places and subnets, false for the catalog's. */
  readonly estate: boolean;
  /** Budget checks (metro x request) it holds, holds tightly, and breaks. */
  readonly held: number;
  readonly tight: number;
  readonly broken: number;
  /** The metros' RTT to it, weighted by their share of the users (ms). */
  readonly weightedRttMs: number;
}

/** One request's budget at one candidate for one metro. */
export interface CandidateBudgetCheck {
  readonly request: string;
  readonly p99BudgetMs: number | null;
  readonly p50BudgetMs: number | null;
  /** The evaluator's figures with the movable services at the candidate. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The tightest budget minus its figure (as in the decision summary): negative, broken by that much. */
  readonly marginMs: number;
  readonly verdict: CandidateVerdict;
  /** True when the metro's RTT to the candidate alone is over the budget: no design there holds it. */
  readonly rttAlone: boolean;
}

/** A metro against one candidate. */
export interface CandidateCell {
  readonly rttMs: number;
  /** The worst of its budgets; null when the metro's users have no budget. */
  readonly verdict: CandidateVerdict | null;
  readonly budgets: readonly CandidateBudgetCheck[];
}

/** A users' metro: a row, one cell per column. */
export interface CandidateRow {
  readonly metro: string;
  readonly name: string;
  readonly share: number;
  readonly cells: readonly CandidateCell[];
}

/** `candidates` of `footprint report --json`: users' metros against every candidate place. */
export interface ReportCandidates {
  /** Where the columns come from. */
  readonly source: 'placement' | 'estate-and-catalog';
  /** The rule, in words. */
  readonly rule: string;
  readonly tightShare: number;
  /** The evaluator's draws per request and metro at each candidate. */
  readonly samples: number;
  readonly columns: readonly CandidateColumn[];
  readonly rows: readonly CandidateRow[];
  /** Candidates left out by {@link MAX_CANDIDATES} (the farthest from the users). */
  readonly leftOut: number;
  /** Candidates left out because a request's call could not go from there (no path to a pinned service). */
  readonly unreachable: number;
}

const RULES = {
  placement:
    'the places and subnets the placement considered for the services that may move (today’s included)',
  'estate-and-catalog': `the estate’s places and workload subnets where a service could run, and per users’ metro the ${NEAREST_PER_METRO} catalog regions and ${NEAREST_PER_METRO} Local Zones it reaches soonest`,
} as const;

/** A candidate before it is measured: its endpoint (a subnet's place is its zone). */
interface Pool {
  readonly endpoint: Endpoint;
  readonly estate: boolean;
}

/**
 * Users' metros against candidate places, with the budgets.
 * `placementCandidates`: the places and subnets a placement considered (`report --place`).
 */
export function reportCandidates(
  estate: Estate,
  estatePlaces: readonly Place[],
  options: LatencyOptions & EvaluateOptions & { readonly placementCandidates?: readonly string[] } = {},
): ReportCandidates {
  const source = options.placementCandidates ? 'placement' : 'estate-and-catalog';
  const samples = options.samples ?? CANDIDATE_SAMPLES;
  const metros = estate.users.map((u) => u.metro.id);
  const none: ReportCandidates = {
    source,
    rule: RULES[source],
    tightShare: TIGHT_SHARE,
    samples,
    columns: [],
    rows: [],
    leftOut: 0,
    unreachable: 0,
  };
  if (metros.length === 0) return none;
  const pool = options.placementCandidates
    ? options.placementCandidates.map((id) => poolEntry(estate, id, true))
    : [...estatePool(estate, estatePlaces), ...catalogPool(estate, estatePlaces, options)];
  // The first of a place listed twice: the estate's own before the catalog's.
  const seen = new Set<string>();
  const unique = pool.filter((p) => !seen.has(p.endpoint.id) && seen.add(p.endpoint.id));
  if (unique.length === 0) return none;
  const rtt = metroRtts(estate, metros, unique, options);
  const weighted = unique.map((_, c) => estate.users.reduce((sum, u, m) => sum + u.share * rtt(m, c), 0));
  const kept = unique
    .map((entry, c) => ({ entry, c, weightedRttMs: weighted[c] as number }))
    .sort(
      (a, b) => a.weightedRttMs - b.weightedRttMs || a.entry.endpoint.id.localeCompare(b.entry.endpoint.id),
    )
    .slice(0, MAX_CANDIDATES);
  const evaluations = evaluateAtCandidates(
    estate,
    kept.map((k) => k.entry.endpoint),
    { ...options, samples },
  );
  const measured = kept.flatMap((k, i) => {
    const evaluated = evaluations[i];
    if (!evaluated) return [];
    const cells = estate.users.map((u, m) => cellOf(u.metro.id, rtt(m, k.c), evaluated));
    return [{ ...k, cells, counts: countVerdicts(cells) }];
  });
  measured.sort(
    (a, b) =>
      a.counts.broken - b.counts.broken ||
      a.counts.tight - b.counts.tight ||
      a.weightedRttMs - b.weightedRttMs ||
      a.entry.endpoint.id.localeCompare(b.entry.endpoint.id),
  );
  return {
    source,
    rule: RULES[source],
    tightShare: TIGHT_SHARE,
    samples,
    columns: measured.map((m) => column(m.entry, m.counts, m.weightedRttMs)),
    rows: estate.users.map((u, r) => ({
      metro: u.metro.id,
      name: u.name,
      share: u.share,
      cells: measured.map((m) => m.cells[r] as CandidateCell),
    })),
    leftOut: unique.length - kept.length,
    unreachable: kept.length - measured.length,
  };
}

/** A candidate by id: a subnet of the estate's network (at its zone), or a place. */
function poolEntry(estate: Estate, id: string, own: boolean): Pool {
  const subnet = estate.network?.subnets.get(id);
  if (subnet) return { endpoint: { id, place: resolvePlace(subnet.zone, estate), subnet: id }, estate: true };
  const place = resolvePlace(id, estate);
  return { endpoint: { id, place }, estate: own || estate.sites.some((s) => s.id === id) };
}

/** The estate's own places and subnets where a service could run. */
function estatePool(estate: Estate, places: readonly Place[]): Pool[] {
  const movableAt = new Set(
    estate.services.filter((s) => !s.pinned).flatMap((s) => s.placements.map((p) => p.place.id)),
  );
  const hosts = places.filter(
    (p) =>
      p.kind === 'region' ||
      p.kind === 'az' ||
      p.kind === 'local-zone' ||
      (p.kind === 'site' &&
        (movableAt.has(p.id) || estate.sites.find((s) => s.id === p.id)?.capacity !== undefined)),
  );
  const excluded = nonWorkloadSubnets(estate);
  const subnets = [...(estate.network?.subnets.keys() ?? [])].filter((id) => !excluded.has(id)).sort();
  return [
    ...hosts.map((place) => ({ endpoint: { id: place.id, place }, estate: true })),
    ...subnets.map((id) => poolEntry(estate, id, true)),
  ];
}

/** Per metro, the catalog regions and Local Zones (newest generation per point) it reaches soonest. */
function catalogPool(estate: Estate, places: readonly Place[], options: LatencyOptions): Pool[] {
  // The partitions the estate is in (the commercial one when it names no AWS place): GovCloud's or
  // China's regions are no candidates for a commercial estate, whose network cannot reach them.
  const own = new Set(places.flatMap((p) => (p.partition !== undefined ? [p.partition] : [])));
  const partitions = own.size > 0 ? own : new Set(['aws']);
  const inPartition = (p: Place) => p.partition === undefined || partitions.has(p.partition);
  const regions = catalogPlaces(['region']).filter(inPartition);
  const zones = catalogPlaces(['local-zone']).filter(
    (z, _, all) =>
      inPartition(z) &&
      !all.some(
        (o) =>
          o !== z &&
          o.lat === z.lat &&
          o.lon === z.lon &&
          (generationOf(o) > generationOf(z) || (generationOf(o) === generationOf(z) && o.id < z.id)),
      ),
  );
  const metros = estate.users.map((u) => u.metro.id);
  if (metros.length === 0) return [];
  // The RTT is measured to the nearest few by distance only: the catalog's 85 regions and zones
  // all-pairs cost most of the candidates' time, and the nearest by RTT are among the nearest by km.
  const near = (list: readonly Place[]) =>
    estate.users.flatMap((u) =>
      [...list]
        .sort((a, b) => distanceKm(u.metro, a) - distanceKm(u.metro, b) || a.id.localeCompare(b.id))
        .slice(0, NEAREST_BY_DISTANCE),
    );
  const all = [...new Set([...near(regions), ...near(zones)])];
  const matrix = latencyMatrix(estate, [...metros, ...all], options);
  const out: Pool[] = [];
  metros.forEach((_, m) => {
    for (const kind of ['region', 'local-zone'] as const) {
      const nearest = all
        .map((place, j) => ({ place, rttMs: matrix.at(m, metros.length + j) }))
        .filter((x) => x.place.kind === kind && Number.isFinite(x.rttMs))
        .sort((a, b) => a.rttMs - b.rttMs || a.place.id.localeCompare(b.place.id))
        .slice(0, NEAREST_PER_METRO);
      for (const { place } of nearest) out.push({ endpoint: { id: place.id, place }, estate: false });
    }
  });
  return out;
}

/**
 * The RTT from the m-th users' metro to the c-th candidate's place: the physical model, over each
 * distinct place once (the subnets of one zone share it).
 */
function metroRtts(
  estate: Estate,
  metros: readonly string[],
  pool: readonly Pool[],
  options: LatencyOptions,
): (m: number, c: number) => number {
  const places = [...new Map(pool.map((p) => [p.endpoint.place.id, p.endpoint.place])).values()];
  const column = new Map(places.map((p, j) => [p.id, metros.length + j]));
  const matrix = latencyMatrix(estate, [...metros, ...places], options);
  return (m, c) => matrix.at(m, column.get((pool[c] as Pool).endpoint.place.id) as number);
}

function cellOf(metro: string, rttMs: number, evaluated: readonly Evaluated[]): CandidateCell {
  const budgets = evaluated
    .filter((r) => r.metro === metro && (r.p99BudgetMs !== null || r.p50BudgetMs !== null))
    .map((r): CandidateBudgetCheck => {
      const margins = [
        ...(r.p99BudgetMs !== null ? [{ margin: r.p99BudgetMs - r.p99Ms, budget: r.p99BudgetMs }] : []),
        ...(r.p50BudgetMs !== null ? [{ margin: r.p50BudgetMs - r.p50Ms, budget: r.p50BudgetMs }] : []),
      ];
      const tightest = margins.reduce((a, b) => (b.margin < a.margin ? b : a));
      const lowest = Math.min(...margins.map((x) => x.budget));
      const verdict: CandidateVerdict =
        tightest.margin < 0 ? 'broken' : tightest.margin < TIGHT_SHARE * tightest.budget ? 'tight' : 'held';
      return {
        request: r.request,
        p99BudgetMs: r.p99BudgetMs,
        p50BudgetMs: r.p50BudgetMs,
        p50Ms: r.p50Ms,
        p99Ms: r.p99Ms,
        marginMs: tightest.margin,
        verdict,
        rttAlone: rttMs > lowest,
      };
    });
  const verdict = budgets.some((b) => b.verdict === 'broken')
    ? 'broken'
    : budgets.some((b) => b.verdict === 'tight')
      ? 'tight'
      : budgets.length > 0
        ? 'held'
        : null;
  return { rttMs, verdict, budgets };
}

function countVerdicts(cells: readonly CandidateCell[]): { held: number; tight: number; broken: number } {
  const counts = { held: 0, tight: 0, broken: 0 };
  for (const cell of cells) for (const b of cell.budgets) counts[b.verdict]++;
  return counts;
}

function column(
  entry: Pool,
  counts: { held: number; tight: number; broken: number },
  weightedRttMs: number,
): CandidateColumn {
  const { place, subnet } = entry.endpoint;
  const region = place.kind === 'region' ? undefined : place.region;
  return {
    id: entry.endpoint.id,
    kind: subnet !== undefined ? 'subnet' : place.kind,
    name: subnet !== undefined ? `subnet in ${place.id}` : place.name,
    lat: place.lat,
    lon: place.lon,
    ...(subnet !== undefined ? { zone: place.id } : {}),
    ...(region !== undefined ? { region } : {}),
    estate: entry.estate,
    ...counts,
    weightedRttMs,
  };
}
