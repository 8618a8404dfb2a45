/**
 * Physical latency: the best RTT physics allows between two places over the physical graph,
 * hop by hop, and matrices of it. Route tables are the network layer's business, not this one's.
 */
import {
  type LatencyParameters,
  LINK_CLASSES,
  type LinkClass,
  type Place,
  type PlaceKind,
} from '../catalog/index.js';
import { FootprintError, getOrThrow, InternalError } from '../errors.js';
import { distanceKm, fiberFloorRttMs } from '../geo/index.js';
import type { Estate } from '../model/index.js';
import { resolvePlace } from '../model/places.js';
import { buildPhysicalGraph, type PhysicalGraph } from './graph.js';
import { hasLinks, linkIndex } from './links.js';
import { allocateTree, pathTo, shortestPathTree } from './shortest.js';

export {
  type CalibrateOptions,
  type CalibrationResult,
  type ClassFit,
  calibrate,
  type PingFit,
} from './calibrate.js';
export { buildPhysicalGraph, type PhysicalGraph } from './graph.js';
export { LINK_KIND_CLASS, linkRttMs } from './graph-joins.js';
export { type ErrorSummary, summariseErrors } from './irls.js';
export { type GraphLinks, linkIndex } from './links.js';
export {
  allocateTree,
  pathTo,
  type SearchGraph,
  type ShortestPathTree,
  shortestPathTree,
} from './shortest.js';

/** How one step of a path was made. */
export interface PathSegment {
  readonly linkClass: LinkClass;
  /** The estate link id, when the step is one of the estate's links. */
  readonly link?: string;
  /** Great-circle length of the step. */
  readonly distanceKm: number;
  /** RTT of this step alone. */
  readonly rttMs: number;
  /** True when the RTT is the user's measurement rather than physics. */
  readonly measured: boolean;
  /** For backbone and internet steps: the hub cities and cable landings the step passes, in order. */
  readonly hubs?: readonly string[];
}

/** One place on a path, with the cumulative RTT from the start. */
export interface PathStep {
  readonly place: string;
  readonly name: string;
  readonly kind: PlaceKind;
  readonly rttMs: number;
  /** How this place was reached from the previous one (absent on the first step). */
  readonly segment?: PathSegment;
}

/** The best physical path between two places: its RTT, the distance, the fiber floor, and each step. */
export interface PhysicalLatency {
  readonly from: string;
  readonly to: string;
  /** Best RTT over the physical graph. */
  readonly rttMs: number;
  /** Great-circle distance between the two ends. */
  readonly distanceKm: number;
  /** RTT of light in fiber laid straight along the great circle: the floor nothing beats. */
  readonly fiberFloorRttMs: number;
  /** rttMs / fiberFloorRttMs (undefined when the ends coincide). */
  readonly stretch?: number;
  readonly path: readonly PathStep[];
}

/** Options of the latency queries. */
export interface LatencyOptions {
  /** Parameters to use instead of the estate's calibration (or the defaults). */
  readonly parameters?: LatencyParameters;
}

/** The parameters a query uses: the caller's, else the estate's calibration, else the defaults. */
function parametersOption(estate: Estate, options: LatencyOptions): { parameters?: LatencyParameters } {
  const parameters = options.parameters ?? estate.latencyParameters;
  return parameters ? { parameters } : {};
}

type PlaceRef = string | Place;

function toPlace(ref: PlaceRef, estate: Estate): Place {
  return typeof ref === 'string' ? resolvePlace(ref, estate) : ref;
}

function endpointsOf(places: readonly Place[]): Place[] {
  return places.filter((p) => p.kind === 'metro' || p.kind === 'host' || p.kind === 'edge-location');
}

/**
 * The best physical RTT between two places, with the path hop by hop.
 * @example physicalLatency(EMPTY_ESTATE, 'us-east-1', 'eu-west-1').rttMs // ≈ 75
 */
export function physicalLatency(
  estate: Estate,
  fromRef: PlaceRef,
  toRef: PlaceRef,
  options: LatencyOptions = {},
): PhysicalLatency {
  return physicalLatencies(estate, [[fromRef, toRef]], options)[0] as PhysicalLatency;
}

/**
 * {@link physicalLatency} of each pair, over one graph: the endpoints (metros, hosts, edge
 * locations) carry no transit, so the graph with every pair's endpoints gives each pair the path
 * its own would.
 * @example physicalLatencies(EMPTY_ESTATE, [['us-east-1', 'eu-west-1']])[0].rttMs // ≈ 75
 */
export function physicalLatencies(
  estate: Estate,
  pairs: readonly (readonly [PlaceRef, PlaceRef])[],
  options: LatencyOptions = {},
): PhysicalLatency[] {
  if (pairs.length === 0) return [];
  const ends = pairs.map(([from, to]) => [toPlace(from, estate), toPlace(to, estate)] as const);
  const graph = buildPhysicalGraph(estate, {
    endpoints: endpointsOf(ends.flat()),
    ...parametersOption(estate, options),
  });
  const buffers = allocateTree(graph.size);
  return ends.map(([from, to]) => {
    const source = getOrThrow(graph.indexOf, from.id, 'place in the physical graph');
    const target = getOrThrow(graph.indexOf, to.id, 'place in the physical graph');
    const tree = shortestPathTree(graph, source, buffers, target);
    const nodes = pathTo(tree, target);
    if (!nodes) throw noPath(graph, from, to);
    return describePath(graph, nodes, tree.rtt[target] as number);
  });
}

function describePath(graph: PhysicalGraph, nodes: readonly number[], rttMs: number): PhysicalLatency {
  const places = nodes.map((i) => graph.places[i] as Place);
  const first = places[0] as Place;
  const last = places[places.length - 1] as Place;
  let cumulative = 0;
  let firstSegmentKm = 0;
  const path: PathStep[] = places.map((place, k) => {
    const step = { place: place.id, name: place.name, kind: place.kind };
    if (k === 0) return { ...step, rttMs: 0 };
    const i = nodes[k - 1] as number;
    const j = nodes[k] as number;
    const x = linkIndex(graph.links, graph.size, i, j);
    const linkClass = LINK_CLASSES[graph.links.linkClass[x] ?? -1];
    if (linkClass === undefined)
      throw new InternalError(`the path joins nodes ${i} and ${j}, which no edge does`);
    const segmentRtt = graph.links.rtt[x] as number;
    cumulative += segmentRtt;
    const estateLink = graph.links.estateLink[x] as number;
    const link = estateLink >= 0 ? graph.estate.links[estateLink] : undefined;
    const measured = link?.measuredRttMs !== undefined;
    const routed = (linkClass === 'backbone' || linkClass === 'internet') && !measured;
    const segmentKm = distanceKm(places[k - 1] as Place, place);
    if (k === 1) firstSegmentKm = segmentKm;
    const segment: PathSegment = {
      linkClass,
      ...(link ? { link: link.id } : {}),
      distanceKm: segmentKm,
      rttMs: segmentRtt,
      measured,
      ...(routed ? { hubs: graph.routed.route(linkClass, i, j).hubs } : {}),
    };
    return { ...step, rttMs: cumulative, segment };
  });
  // A path of one step spans what that step does: one geodesic fewer (a fresh process's are slow).
  const km = places.length === 2 ? firstSegmentKm : distanceKm(first, last);
  const floor = fiberFloorRttMs(km);
  return {
    from: first.id,
    to: last.id,
    rttMs,
    distanceKm: km,
    fiberFloorRttMs: floor,
    ...(floor > 0 ? { stretch: rttMs / floor } : {}),
    path,
  };
}

function noPath(graph: PhysicalGraph, from: Place, to: Place): FootprintError {
  const isolated = [from, to].filter((p) => {
    const i = getOrThrow(graph.indexOf, p.id, 'place in the physical graph');
    return !hasLinks(graph.links, graph.size, i);
  });
  const hint = isolated.length
    ? `${isolated.map((p) => `'${p.id}'`).join(' and ')} ${isolated.length === 1 ? 'has' : 'have'} no links: give ${isolated.length === 1 ? 'it' : 'them'} a link (direct-connect, wan) or 'internet: true'`
    : 'the two places are in networks that do not meet: add a link between them';
  return new FootprintError({
    code: 'FP_NO_PATH',
    message: `no physical path from '${from.id}' to '${to.id}'`,
    suggestion: hint,
  });
}

/**
 * The RTT of one of the estate's links on its own: its measurement, or physics for its class (the
 * best path between its ends may be another).
 * @example estateLinkRttMs(estate, 'wan-phx-iad') // ≈ 59.6
 */
export function estateLinkRttMs(estate: Estate, linkId: string, options: LatencyOptions = {}): number {
  const k = estate.links.findIndex((l) => l.id === linkId);
  if (k < 0) throw new FootprintError({ code: 'FP_UNKNOWN_PLACE', message: `unknown link '${linkId}'` });
  const graph = buildPhysicalGraph(estate, parametersOption(estate, options));
  return graph.estateLinkRtt[k] as number;
}

/** RTTs between every pair of a set of places: the compiled form for heavy consumers. */
export interface LatencyMatrix {
  readonly places: readonly Place[];
  /** Row-major, `places.length` squared; +Infinity where there is no path. */
  readonly rttMs: Float64Array;
  /** The RTT between the i-th and j-th place. */
  at(i: number, j: number): number;
}

/**
 * All-pairs RTTs between the given places (every catalog place when omitted).
 * @example latencyMatrix(EMPTY_ESTATE, ['us-east-1', 'us-west-2']).at(0, 1) // ≈ 54
 */
export function latencyMatrix(
  estate: Estate,
  refs?: readonly PlaceRef[],
  options: LatencyOptions = {},
): LatencyMatrix {
  const places = refs ? refs.map((r) => toPlace(r, estate)) : undefined;
  const graph = buildPhysicalGraph(estate, {
    ...(places ? { endpoints: endpointsOf(places) } : { allMetros: true }),
    ...parametersOption(estate, options),
  });
  const chosen = places ?? graph.places;
  const k = chosen.length;
  const indices = chosen.map((p) => getOrThrow(graph.indexOf, p.id, 'place in the physical graph'));
  const rttMs = new Float64Array(k * k);
  const buffers = allocateTree(graph.size);
  for (let a = 0; a < k; a++) {
    const tree = shortestPathTree(graph, indices[a] as number, buffers);
    for (let b = 0; b < k; b++) rttMs[a * k + b] = tree.rtt[indices[b] as number] as number;
  }
  return { places: chosen, rttMs, at: (i, j) => rttMs[i * k + j] as number };
}

/** The result of checking one expectation of the estate. */
export interface ExpectationResult {
  readonly from: string;
  readonly to: string;
  readonly rttMs: number;
  readonly minMs?: number;
  readonly maxMs?: number;
  readonly ok: boolean;
  readonly note?: string;
}

/**
 * Checks the estate's physical latency expectations (routed ones are the network layer's).
 * @example checkExpectations(estate).filter((e) => !e.ok) // [] when every figure holds
 */
export function checkExpectations(estate: Estate, options: LatencyOptions = {}): ExpectationResult[] {
  const expected = estate.expectations.filter((e) => !e.routed);
  const measured = physicalLatencies(
    estate,
    expected.map((e) => [e.from, e.to] as const),
    options,
  );
  return expected.map((e, k) => {
    const { rttMs } = measured[k] as PhysicalLatency;
    const ok = (e.minMs === undefined || rttMs >= e.minMs) && (e.maxMs === undefined || rttMs <= e.maxMs);
    return { ...e, rttMs, ok };
  });
}
