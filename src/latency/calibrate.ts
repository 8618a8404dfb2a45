/**
 * Calibration: fit the latency model's class parameters to an estate's own pings.
 *
 * Each ping follows the model's best physical path through the estate; along that path the RTT is
 * linear in, for every class the path uses, a scale on that class's inflations (one factor, so a
 * routed class keeps the shape the public data gave it) and its per-link cost. The fit minimises
 * the mean relative error (the same solver as `npm run fit:latency`), with a gentle pull toward
 * the current parameters so that a class few pings inform stays near them, then routes again under
 * the new parameters until the fit stops improving. Links with a measured RTT stay as measured.
 */
import {
  DEFAULT_LATENCY_PARAMETERS,
  type LatencyParameters,
  LINK_CLASSES,
  type LinkClass,
  type LinkClassParameters,
  type Place,
  type RoutedClassParameters,
} from '../catalog/index.js';
import { getOrThrow, InternalError } from '../errors.js';
import { FIBER_KM_PER_MS } from '../geo/index.js';
import { CALIBRATION_FORMAT } from '../model/calibration-format.js';
import type { CalibrationFile, Estate, Ping } from '../model/index.js';
import { buildPhysicalGraph, type PhysicalGraph } from './graph.js';
import {
  type ErrorSummary,
  type LinearDesign,
  meanRelativeError,
  solveRelativeL1,
  summariseErrors,
} from './irls.js';
import { linkIndex } from './links.js';
import { allocateTree, pathTo, shortestPathTree } from './shortest.js';

const KM_FACTOR = 2 / FIBER_KM_PER_MS;
/** Pull toward the current parameters: per unit of inflation scale, and per ms² of per-link cost. */
const RIDGE_SCALE = 0.05;
const RIDGE_HOP = 0.005;
const ROUNDS = 6;
/** Leave-one-out costs one fit per ping: done up to this many pings. */
const LEAVE_ONE_OUT_MAX = 100;

/** Options of `calibrate`. */
export interface CalibrateOptions {
  /** The measurement's own overhead (e.g. a TCP handshake), added to the model for comparison. */
  readonly overheadMs?: number;
  /** The pings file, for the record. */
  readonly source?: string;
  /** Start from these instead of the estate's parameters. */
  readonly parameters?: LatencyParameters;
}

/** One ping, and what the model said before and after. */
export interface PingFit {
  readonly from: string;
  readonly to: string;
  readonly line: number;
  readonly measuredMs: number;
  readonly beforeMs: number;
  readonly afterMs: number;
  /** The classes of the path, in order, after the fit. */
  readonly path: readonly LinkClass[];
}

/** A class the pings informed: its parameters before and after. */
export interface ClassFit {
  readonly linkClass: LinkClass;
  /** Pings whose path uses the class. */
  readonly pings: number;
  readonly before: LinkClassParameters;
  readonly after: LinkClassParameters;
}

/** What `calibrate` found: each ping against the model, the fitted classes, and the error before and after. */
export interface CalibrationResult {
  readonly pings: readonly PingFit[];
  readonly classes: readonly ClassFit[];
  readonly overheadMs: number;
  readonly before: ErrorSummary;
  readonly after: ErrorSummary;
  /** Each ping predicted by a fit to the others (from 5 pings on): what to expect elsewhere. */
  readonly afterLeaveOneOut?: ErrorSummary;
  /** The fitted parameters, complete. */
  readonly parameters: LatencyParameters;
  /** What to write to the calibration file the estate names. */
  readonly file: CalibrationFile;
}

/** One path's RTT, split by class into what scales with the inflation, the per-link count, and the rest. */
interface PathParts {
  readonly rttMs: number;
  readonly classes: readonly LinkClass[];
  /** By class index: the inflation-scaled ms, and the number of links. */
  readonly scaled: Float64Array;
  readonly links: Float64Array;
  /** Measured links, hub costs: fixed. */
  readonly fixedMs: number;
}

function pathParts(graph: PhysicalGraph, nodes: readonly number[], rttMs: number): PathParts {
  const scaled = new Float64Array(LINK_CLASSES.length);
  const links = new Float64Array(LINK_CLASSES.length);
  const classes: LinkClass[] = [];
  let fixedMs = 0;
  for (let k = 1; k < nodes.length; k++) {
    const i = nodes[k - 1] as number;
    const j = nodes[k] as number;
    const x = linkIndex(graph.links, graph.size, i, j);
    const cls = LINK_CLASSES[graph.links.linkClass[x] ?? -1];
    if (cls === undefined) throw new InternalError(`the path joins nodes ${i} and ${j}, which no edge does`);
    classes.push(cls);
    const c = LINK_CLASSES.indexOf(cls);
    const link = graph.links.estateLink[x] as number;
    const linkRtt = graph.links.rtt[x] as number;
    if (link >= 0 && graph.estate.links[link]?.measuredRttMs !== undefined) {
      fixedMs += linkRtt;
      continue;
    }
    links[c] = (links[c] as number) + 1;
    if (cls === 'backbone' || cls === 'internet') {
      const p = graph.parameters.classes[cls];
      const parts = graph.routed.parts(cls, i, j);
      scaled[c] =
        (scaled[c] as number) +
        (parts.landKm * p.inflation + parts.seaKm * p.seaInflation + parts.accessKm * p.accessInflation) *
          KM_FACTOR;
      fixedMs += parts.hubCostMs;
    } else {
      const p = graph.parameters.classes[cls];
      scaled[c] = (scaled[c] as number) + (linkRtt - p.hopMs);
    }
  }
  return { rttMs, classes, scaled, links, fixedMs };
}

/** The model's path parts for every ping under some parameters. */
function routePings(estate: Estate, pings: readonly Ping[], parameters: LatencyParameters): PathParts[] {
  const endpoints = uniquePlaces(pings.flatMap((p) => [p.from, p.to])).filter(
    (p) => p.kind === 'metro' || p.kind === 'host',
  );
  const graph = buildPhysicalGraph(estate, { endpoints, parameters });
  const buffers = allocateTree(graph.size);
  return pings.map((ping) => {
    const source = getOrThrow(graph.indexOf, ping.from.id, 'ping end in the physical graph');
    const tree = shortestPathTree(graph, source, buffers);
    const target = getOrThrow(graph.indexOf, ping.to.id, 'ping end in the physical graph');
    const nodes = pathTo(tree, target);
    if (!nodes) return pathParts(graph, [], Number.NaN);
    return pathParts(graph, nodes, tree.rtt[target] as number);
  });
}

function uniquePlaces(places: readonly Place[]): Place[] {
  const seen = new Map<string, Place>();
  for (const p of places) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()];
}

/** Parameters with each class's inflations scaled and per-link cost set, from θ = [scale, hop] per class. */
function withTheta(
  base: LatencyParameters,
  theta: Float64Array,
  moved: ReadonlySet<LinkClass>,
): LatencyParameters {
  const classes: Record<string, LinkClassParameters> = { ...base.classes };
  LINK_CLASSES.forEach((cls, c) => {
    if (!moved.has(cls)) return;
    const scale = theta[2 * c] as number;
    const hopMs = theta[2 * c + 1] as number;
    const p = base.classes[cls];
    if (cls === 'backbone' || cls === 'internet') {
      const r = p as RoutedClassParameters;
      classes[cls] = {
        ...r,
        inflation: r.inflation * scale,
        seaInflation: r.seaInflation * scale,
        accessInflation: r.accessInflation * scale,
        hopMs,
      } as RoutedClassParameters;
    } else classes[cls] = { ...p, inflation: p.inflation * scale, hopMs };
  });
  return { ...base, classes: classes as unknown as LatencyParameters['classes'] };
}

/** Fits scale and per-link cost of every class the pings' paths use; returns the parameters and the classes moved. */
function fitPings(
  estate: Estate,
  pings: readonly Ping[],
  base: LatencyParameters,
  overheadMs: number,
  rounds = ROUNDS,
): { parameters: LatencyParameters; moved: Set<LinkClass>; usage: Int32Array } {
  const columns = 2 * LINK_CLASSES.length + 1;
  const theta = new Float64Array(columns);
  LINK_CLASSES.forEach((cls, c) => {
    theta[2 * c] = 1;
    theta[2 * c + 1] = base.classes[cls].hopMs;
  });
  theta[columns - 1] = 1;
  const measured = pings.map((p) => p.rttMs);
  const errorOf = (routes: readonly PathParts[]) =>
    meanRelativeError(
      routes.map((r) => r.rttMs + overheadMs),
      measured,
    );
  let routes = routePings(estate, pings, base);
  let best = { error: errorOf(routes), parameters: base, moved: new Set<LinkClass>(), routes };
  const moved = new Set<LinkClass>();
  for (let round = 0; round < rounds; round++) {
    const design = pingDesign(routes, pings, round === 0 ? base : best.parameters, base, overheadMs);
    const free = new Uint8Array(columns);
    const lower = new Float64Array(columns).fill(Number.NEGATIVE_INFINITY);
    const ridge = new Float64Array(columns);
    const prior = new Float64Array(columns);
    LINK_CLASSES.forEach((cls, c) => {
      if (design.usedScale[c] || design.usedLinks[c]) moved.add(cls);
      free[2 * c] = design.usedScale[c] ? 1 : 0;
      free[2 * c + 1] = design.usedLinks[c] ? 1 : 0;
      lower[2 * c] = 1 / minInflation(base.classes[cls]);
      lower[2 * c + 1] = 0;
      ridge[2 * c] = RIDGE_SCALE;
      ridge[2 * c + 1] = RIDGE_HOP;
      prior[2 * c] = 1;
      prior[2 * c + 1] = base.classes[cls].hopMs;
    });
    theta.set(solveRelativeL1(design.linear, theta, { free, lower, ridge, prior, power: 1 }));
    const candidate = withTheta(base, theta, moved);
    routes = routePings(estate, pings, candidate);
    const error = errorOf(routes);
    if (error < best.error - 1e-12) best = { error, parameters: candidate, moved: new Set(moved), routes };
    else break;
  }
  const usage = new Int32Array(LINK_CLASSES.length);
  for (const r of best.routes) {
    for (const cls of new Set(r.classes)) {
      const c = LINK_CLASSES.indexOf(cls);
      usage[c] = (usage[c] as number) + 1;
    }
  }
  return { parameters: best.parameters, moved: best.moved, usage };
}

function minInflation(p: LinkClassParameters): number {
  const r = p as Partial<RoutedClassParameters>;
  return Math.min(p.inflation, r.seaInflation ?? p.inflation, r.accessInflation ?? p.inflation);
}

/**
 * The linear design of the pings' RTTs in θ = [scale, hop] per class plus a fixed column. Routes
 * were found under `current`; the scaled parts are re-expressed against `base`'s inflations.
 */
function pingDesign(
  routes: readonly PathParts[],
  pings: readonly Ping[],
  current: LatencyParameters,
  base: LatencyParameters,
  overheadMs: number,
): { linear: LinearDesign; usedScale: Uint8Array; usedLinks: Uint8Array } {
  const k = LINK_CLASSES.length;
  const columns = 2 * k + 1;
  const denseValues = new Float64Array(routes.length * columns);
  const usedScale = new Uint8Array(k);
  const usedLinks = new Uint8Array(k);
  routes.forEach((r, row) => {
    const d = row * columns;
    LINK_CLASSES.forEach((cls, c) => {
      // `scaled` was computed with the current inflations: divide by the current scale.
      const scale = current.classes[cls].inflation / base.classes[cls].inflation;
      const s = (r.scaled[c] as number) / scale;
      denseValues[d + 2 * c] = s;
      denseValues[d + 2 * c + 1] = r.links[c] as number;
      if (s > 0) usedScale[c] = 1;
      if ((r.links[c] as number) > 0) usedLinks[c] = 1;
    });
    denseValues[d + columns - 1] = r.fixedMs + overheadMs;
  });
  return {
    linear: {
      rows: routes.length,
      columns,
      dense: columns,
      denseValues,
      slots: 0,
      slotColumns: new Int32Array(0),
      observed: Float64Array.from(pings, (p) => p.rttMs),
    },
    usedScale,
    usedLinks,
  };
}

/**
 * Fits the estate's latency parameters to its pings and says how much better they explain them.
 * @example calibrate(estate, parsePings(text, 'pings.csv', estate)).after.medianError
 */
export function calibrate(
  estate: Estate,
  pings: readonly Ping[],
  options: CalibrateOptions = {},
): CalibrationResult {
  const base = options.parameters ?? estate.latencyParameters ?? DEFAULT_LATENCY_PARAMETERS;
  const overheadMs = options.overheadMs ?? 0;
  const measured = pings.map((p) => p.rttMs);
  const beforeRoutes = routePings(estate, pings, base);
  const { parameters, moved, usage } = fitPings(estate, pings, base, overheadMs);
  const afterRoutes = routePings(estate, pings, parameters);
  const before = summariseErrors(
    beforeRoutes.map((r) => r.rttMs + overheadMs),
    measured,
  );
  const after = summariseErrors(
    afterRoutes.map((r) => r.rttMs + overheadMs),
    measured,
  );
  let afterLeaveOneOut: ErrorSummary | undefined;
  if (pings.length >= 5 && pings.length <= LEAVE_ONE_OUT_MAX) {
    const predicted = pings.map((ping, i) => {
      const others = pings.filter((_, j) => j !== i);
      const fit = fitPings(estate, others, base, overheadMs, 3);
      return (routePings(estate, [ping], fit.parameters)[0]?.rttMs ?? Number.NaN) + overheadMs;
    });
    afterLeaveOneOut = summariseErrors(predicted, measured);
  }
  const classes: ClassFit[] = LINK_CLASSES.filter((cls) => moved.has(cls)).map((cls) => ({
    linkClass: cls,
    pings: usage[LINK_CLASSES.indexOf(cls)] as number,
    before: base.classes[cls],
    after: parameters.classes[cls],
  }));
  const fileClasses: Record<string, Record<string, number>> = {};
  for (const c of classes) {
    const p = c.after as Partial<RoutedClassParameters> & LinkClassParameters;
    fileClasses[c.linkClass] = {
      inflation: round(p.inflation, 4),
      ...(p.seaInflation !== undefined ? { seaInflation: round(p.seaInflation, 4) } : {}),
      ...(p.accessInflation !== undefined ? { accessInflation: round(p.accessInflation, 4) } : {}),
      hopMs: round(p.hopMs, 3),
    };
  }
  const summary = (e: ErrorSummary) => ({
    pairs: e.pairs,
    medianError: round(e.medianError, 4),
    p90Error: round(e.p90Error, 4),
  });
  const file: CalibrationFile = {
    footprintCalibration: CALIBRATION_FORMAT,
    ...(options.source ? { source: options.source } : {}),
    pings: pings.length,
    overheadMs,
    error: {
      before: summary(before),
      after: summary(after),
      ...(afterLeaveOneOut ? { afterLeaveOneOut: summary(afterLeaveOneOut) } : {}),
    },
    classes: fileClasses,
  };
  return {
    pings: pings.map((p, i) => ({
      from: p.from.id,
      to: p.to.id,
      line: p.line,
      measuredMs: p.rttMs,
      beforeMs: (beforeRoutes[i]?.rttMs ?? Number.NaN) + overheadMs,
      afterMs: (afterRoutes[i]?.rttMs ?? Number.NaN) + overheadMs,
      path: afterRoutes[i]?.classes ?? [],
    })),
    classes,
    overheadMs,
    before,
    after,
    ...(afterLeaveOneOut ? { afterLeaveOneOut } : {}),
    parameters,
    file,
  };
}

function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
