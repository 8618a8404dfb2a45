/**
 * The estate report: Footprint's main job. What the estate is, how far apart its places are, how
 * its users reach it, and whether the figures it expects hold. This builds it as plain data (for
 * `--json` and the HTML page); `estate-text.ts` renders it as text.
 */
import {
  type EvaluateOptions,
  evaluateRequests,
  type RequestEvaluation,
  type RequestLatency,
} from '../app/index.js';
import type { Place } from '../catalog/index.js';
import {
  estateLinkRttMs,
  type LatencyOptions,
  latencyMatrix,
  type PhysicalLatency,
  physicalLatencies,
} from '../latency/index.js';
import { type LintFinding, lintEstate } from '../lint/index.js';
import { type Estate, resolvePlace } from '../model/index.js';
import { estateInstanceCost } from '../placement/index.js';
import { type ReportCandidates, reportCandidates } from './candidates.js';
import { type DecisionSummary, decisionSummary } from './decisions.js';
import {
  checkAllExpectations,
  locatePath,
  locateTrace,
  type ReportExpectation,
  type ReportTrace,
  reportTrace,
  summarisePath,
  summariseTrace,
} from './expectations.js';
import type { PlacementReport } from './placement.js';
import { type ReportServices, reportServices } from './services.js';

export type {
  CandidateBudgetCheck,
  CandidateCell,
  CandidateColumn,
  CandidateRow,
  CandidateVerdict,
  ReportCandidates,
} from './candidates.js';
export type { BudgetVerdict, DecisionSummary, PlacementMetroChange } from './decisions.js';
export type {
  CheckedExpectation,
  ReportExpectation,
  ReportPathStep,
  ReportTrace,
  ReportTraceHop,
} from './expectations.js';
export { checkAllExpectations, summarisePath, summariseTrace } from './expectations.js';
export type { ReportCall, ReportService, ReportServices, ServiceSpot } from './services.js';

export interface ReportPlace {
  readonly id: string;
  readonly kind: Place['kind'];
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** A site's own kind: `datacenter`, `colo`, `office` or `edge`. */
  readonly siteKind?: string;
  /** The region an AZ or Local Zone belongs to, or a DX location is associated with. */
  readonly region?: string;
}

export interface ReportLink {
  readonly id: string;
  readonly kind: string;
  readonly between: readonly [string, string];
  readonly distanceKm: number;
  readonly rttMs: number;
  readonly measured: boolean;
}

export interface ReportUsers {
  readonly metro: string;
  readonly name: string;
  readonly share: number;
  readonly lat: number;
  readonly lon: number;
  /** RTT from these users to each of the estate's internet-facing places, best first. */
  readonly reach: readonly { readonly place: string; readonly rttMs: number }[];
}

/** The estate report: what `footprint report` prints and the HTML page shows (`--json` gives this). */
export interface EstateReport {
  readonly estate: {
    readonly name: string;
    readonly description?: string;
    readonly files: readonly string[];
  };
  /** What to decide, first: budgets held or broken, the costliest finding, what the placement changes. */
  readonly decisions: DecisionSummary;
  readonly places: readonly ReportPlace[];
  readonly links: readonly ReportLink[];
  readonly expectations: readonly ReportExpectation[];
  /** RTT between every pair of the estate's places. */
  readonly matrix: { readonly places: readonly string[]; readonly rttMs: readonly (readonly number[])[] };
  readonly users: readonly ReportUsers[];
  /**
   * Users' metros against the candidate places (the placement's with `--place`, else the estate's
   * and the catalog's nearest): the RTT, and each budgeted request served from there.
   */
  readonly candidates: ReportCandidates;
  /** Routed traces of the estate's routed expectations, laid on the map. */
  readonly traces: readonly ReportTrace[];
  /** Where each service runs (today, and proposed with a placement) and its calls, for the map. */
  readonly services: ReportServices;
  /** End-to-end latency of each request per metro, with its critical path. */
  readonly requests: readonly RequestLatency[];
  /** How the request latencies were drawn. */
  readonly requestSampling: {
    readonly seed: number;
    readonly samples: number;
    readonly rtt: RequestEvaluation['rtt'];
  };
  /** Lint findings: the seeds' do's and don'ts, costed (`footprint lint` for SARIF and --strict). */
  readonly findings: readonly LintFinding[];
  /** Where each service should run (`report --place` only: placement takes a while). */
  readonly placement?: PlacementReport;
}

/**
 * The places an estate is about: its sites, and every catalog place its links, expectations and
 * services name. Placeholder sites (position not known yet) and their links are left out.
 */
export function estatePlaces(estate: Estate): Place[] {
  const ids = new Set<string>();
  for (const site of estate.sites) ids.add(site.id);
  for (const link of positionedLinks(estate)) for (const end of link.between) ids.add(end);
  for (const e of estate.expectations) {
    if (e.routed) continue;
    ids.add(e.from);
    ids.add(e.to);
  }
  for (const service of estate.services) for (const p of service.placements) ids.add(p.place.id);
  return [...ids].map((id) => resolvePlace(id, estate));
}

/**
 * Builds the report data for an estate; with `placement` (of `placementReport`) the report
 * carries it, and its decision summary says what it changes.
 * @example
 * const report = buildEstateReport(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
 * report.expectations.every((e) => e.ok) // true: the seed figures hold
 */
export function buildEstateReport(
  estate: Estate,
  options: LatencyOptions & EvaluateOptions & { readonly placement?: PlacementReport } = {},
): EstateReport {
  const places = estatePlaces(estate).filter((p) => p.kind !== 'host');
  const matrix = latencyMatrix(estate, places, options);
  const links = reportLinks(estate, options);
  const checked = checkAllExpectations(estate, options);
  const traces = checked.flatMap((c) => (c.trace ? [reportTrace(estate, c.trace)] : []));
  const expectations = reportExpectations(estate, checked, options);
  const users = reportUsers(estate, places, options);
  const evaluation = evaluateRequests(estate, options);
  const candidates = reportCandidates(estate, places, {
    ...options,
    ...(options.placement ? { placementCandidates: options.placement.candidatePlaces } : {}),
  });
  const findings = lintEstate(estate).findings;
  return {
    estate: {
      name: estate.name,
      ...(estate.description !== undefined ? { description: estate.description } : {}),
      files: estate.files,
    },
    decisions: decisionSummary(evaluation.requests, findings, options.placement, estateInstanceCost(estate)),
    places: places.map(reportPlace),
    links,
    expectations,
    matrix: {
      places: places.map((p) => p.id),
      rttMs: places.map((_, i) => places.map((__, j) => matrix.at(i, j))),
    },
    users,
    candidates,
    traces,
    services: reportServices(estate, evaluation.requests, options.placement),
    requests: evaluation.requests,
    requestSampling: { seed: evaluation.seed, samples: evaluation.samples, rtt: evaluation.rtt },
    findings,
    ...(options.placement ? { placement: options.placement } : {}),
  };
}

/** The links with a position at both ends, each with its length and its own RTT. */
function reportLinks(estate: Estate, options: LatencyOptions): ReportLink[] {
  const links = positionedLinks(estate);
  const measured = physicalLatencies(
    estate,
    links.map((link) => link.between),
    options,
  );
  return links.map((link, k) => {
    const result = measured[k] as PhysicalLatency;
    const direct = result.path.length === 2 && result.path[1]?.segment?.link === link.id;
    return {
      id: link.id,
      kind: link.kind,
      between: link.between,
      distanceKm: result.distanceKm,
      // The link's own RTT; when a shorter way exists the report still states the link itself.
      rttMs: direct ? result.rttMs : linkOwnRtt(estate, link.id, options),
      measured: link.measuredRttMs !== undefined,
    };
  });
}

/** Each expectation checked, with the path it was measured along: routed (a trace) or physical. */
function reportExpectations(
  estate: Estate,
  checked: ReturnType<typeof checkAllExpectations>,
  options: LatencyOptions,
): ReportExpectation[] {
  // The physical paths of those not traced, over one graph.
  const physical = checked.filter((c) => !c.trace).map(({ result }) => [result.from, result.to] as const);
  const paths = physicalLatencies(estate, physical, options).map((p) => p.path);
  let next = 0;
  return checked.map(({ result, trace }) => {
    if (trace) return { ...result, via: summariseTrace(trace), path: locateTrace(estate, trace) };
    const path = paths[next++] as PhysicalLatency['path'];
    return { ...result, via: summarisePath(path), path: locatePath(estate, path) };
  });
}

/**
 * Each metro of users with its RTT to every internet-facing place (regions, Local Zones, sites with
 * internet, and AZs whose region is not itself a place: they reach the internet through it). A
 * metro is listed, with nothing in reach, even when the estate has no such place: its users are
 * still there (issue 22: they vanished from the map).
 */
function reportUsers(estate: Estate, places: readonly Place[], options: LatencyOptions): ReportUsers[] {
  const regions = new Set(places.filter((p) => p.kind === 'region').map((p) => p.id));
  const facing = places.filter(
    (p) =>
      p.kind === 'region' ||
      p.kind === 'local-zone' ||
      (p.kind === 'az' && p.region !== undefined && !regions.has(p.region)) ||
      (p.kind === 'site' && (p as { internet?: boolean }).internet),
  );
  // One matrix from every metro to every facing place; none when there is nothing to reach.
  const userMatrix =
    facing.length > 0 && estate.users.length > 0
      ? latencyMatrix(estate, [...estate.users.map((u) => u.metro.id), ...facing.map((p) => p.id)], options)
      : undefined;
  return estate.users.map((u, i) => ({
    metro: u.metro.id,
    name: u.name,
    share: u.share,
    lat: u.metro.lat,
    lon: u.metro.lon,
    reach: userMatrix
      ? facing
          .map((p, j) => ({ place: p.id, rttMs: userMatrix.at(i, estate.users.length + j) }))
          .sort((a, b) => a.rttMs - b.rttMs || a.place.localeCompare(b.place))
      : [],
  }));
}

function positionedLinks(estate: Estate): Estate['links'] {
  const placeholders = new Set((estate.placeholderSites ?? []).map((s) => s.id));
  return estate.links.filter((l) => !l.between.some((end) => placeholders.has(end)));
}

function reportPlace(p: Place): ReportPlace {
  const siteKind = (p as { siteKind?: string }).siteKind;
  return {
    id: p.id,
    kind: p.kind,
    name: p.name,
    lat: p.lat,
    lon: p.lon,
    ...(siteKind !== undefined ? { siteKind } : {}),
    ...(p.region !== undefined ? { region: p.region } : {}),
  };
}

function linkOwnRtt(estate: Estate, linkId: string, options: LatencyOptions): number {
  return estateLinkRttMs(estate, linkId, options);
}
