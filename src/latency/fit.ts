/**
 * Fitting a routed class (backbone or internet) to measured RTTs.
 *
 * Given the route each measurement takes, the model's RTT is linear in its parameters:
 *   hopMs + accessInflation·2·accessKm/c' + inflation·2·landKm/c' + seaInflation·2·seaKm/c'
 *   + hubMs·(exchange hubs passed) + hubAccessMs[entry hub] + hubAccessMs[exit hub]
 *   + Σ routeMs[each route of the hub graph it takes]
 * plus the dataset's measurement overhead, which is fitted but never part of the model.
 * The fit alternates: route every measurement under the current parameters, then solve for the
 * parameters that minimise the mean relative absolute error over those routes (iteratively
 * reweighted least squares, with lower bounds and a ridge that pulls hub access costs to zero),
 * until the routes stop changing. Deterministic: no randomness, fixed iteration limits.
 *
 * A route's own cost (`routeMs`) is the corridor evidence: the measurements whose best route takes
 * a corridor say whether it is as fast as its length says. Measured far slower than predicted, again
 * and again, and the corridor's cost rises until the router goes around it, as real traffic does;
 * measured faster, it falls, never below light in fiber along it. A ridge pulls each cost toward
 * its prior (zero, or what another dataset says), so a corridor few measurements use keeps it.
 */
import type { RoutedClassParameters } from '../catalog/index.js';
import { type Coordinates, distanceKm, FIBER_KM_PER_MS } from '../geo/index.js';
import {
  bestHubRoute,
  type HubAccess,
  type HubTable,
  type HubTopology,
  hubAccess,
  hubAccessCosts,
  hubTopology,
  type RoutedClass,
  routeCosts,
  routesAlong,
  solveHubTable,
} from './hubs.js';
import { type LinearDesign, meanRelativeError, solveRelativeL1 } from './irls.js';

export { meanRelativeError } from './irls.js';

/** A measured location: an id and where it is. */
export interface MeasuredLocation extends Coordinates {
  readonly id: string;
}

/** One measurement between two locations (indices into the problem's locations). */
export interface RttObservation {
  readonly from: number;
  readonly to: number;
  readonly rttMs: number;
}

/** Measurements of one class, against locations. */
export interface FitProblem {
  readonly linkClass: RoutedClass;
  readonly locations: readonly MeasuredLocation[];
  readonly observations: readonly RttObservation[];
}

/** The scalar parameters a fit may move. `hubAccessMs` moves the per-hub access costs. */
export type FittedParameter =
  | 'hopMs'
  | 'accessInflation'
  | 'inflation'
  | 'seaInflation'
  | 'hubMs'
  | 'overheadMs'
  | 'hubAccessMs'
  | 'routeMs';

export interface FitOptions {
  /** Starting point, and the value of every parameter that is not free. */
  readonly initial: RoutedClassParameters;
  /** The parameters to fit; the others keep their initial value. */
  readonly free: readonly FittedParameter[];
  /** The dataset's overhead when it is not fitted (default 0). */
  readonly overheadMs?: number;
  /** Ridge on hub access costs, per ms² (larger keeps them nearer zero). Default 0.1. */
  readonly ridge?: number;
  /** Ridge on the routes' own costs, per ms² (larger keeps them nearer their prior). Default 0.1. */
  readonly routeRidge?: number;
  /** What each route's own cost is pulled toward, by route id (default 0). */
  readonly routePrior?: Readonly<Record<string, number>>;
  /** The loss: mean of |relative error| to this power (1: robust, median-like; 2: least squares). Default 1. */
  readonly power?: number;
  /** Route-then-solve rounds (default 12). */
  readonly rounds?: number;
}

export interface FitResult {
  readonly parameters: RoutedClassParameters;
  /** The dataset's measurement overhead: fitted (or given), never part of the model. */
  readonly overheadMs: number;
  /** Mean relative absolute error on the fitted measurements. */
  readonly meanError: number;
  readonly rounds: number;
}

/**
 * The dense columns of the design, in order; hub access costs follow, one column per hub, then the
 * routes' own costs, one column per route of the class.
 */
const SCALARS = ['hopMs', 'accessInflation', 'inflation', 'seaInflation', 'hubMs', 'overheadMs'] as const;

/** Lower bounds: inflations of at least 1 (nothing beats the great circle), costs of at least 0. */
const LOWER_BOUND: Readonly<Record<(typeof SCALARS)[number], number>> = {
  hopMs: 0,
  accessInflation: 1,
  inflation: 1,
  seaInflation: 1,
  hubMs: 0,
  overheadMs: 0,
};

const KM_FACTOR = 2 / FIBER_KM_PER_MS;

/** Indicator slots per row: the entry and exit hubs, then the routes taken (more are folded in). */
const HUB_SLOTS = 2;
const ROUTE_SLOTS = 30;

/** Precomputed, parameter-independent facts about a problem: access hubs and distances. */
export interface FitContext {
  readonly problem: FitProblem;
  readonly topology: HubTopology;
  readonly access: readonly HubAccess[];
}

/** Precomputes what every fit and prediction of a problem needs. */
export function fitContext(problem: FitProblem): FitContext {
  const bad = problem.observations.find((o) => !(o.rttMs > 0));
  if (bad) throw new Error(`an observation's RTT must be positive, got ${bad.rttMs}`);
  const topology = hubTopology(problem.linkClass);
  const access = problem.locations.map((l) => hubAccess(topology, l));
  return { problem, topology, access };
}

/** The design of a problem's observations under some parameters: each one's route, as features. */
function routeAll(
  context: FitContext,
  parameters: RoutedClassParameters,
  subset: readonly number[],
): { rttMs: Float64Array; design: LinearDesign } {
  const table = solveHubTable(context.topology, parameters);
  const costs = hubAccessCosts(context.topology, parameters);
  const n = subset.length;
  const dense = SCALARS.length;
  const slots = HUB_SLOTS + ROUTE_SLOTS;
  const denseValues = new Float64Array(n * dense);
  const slotColumns = new Int32Array(n * slots).fill(-1);
  const routeColumns = routeColumnsOf(table, dense + context.topology.hubs.length);
  const rttMs = new Float64Array(n);
  const observed = new Float64Array(n);
  const size = table.size;
  subset.forEach((k, row) => {
    const o = context.problem.observations[k] as RttObservation;
    observed[row] = o.rttMs;
    const d = row * dense;
    denseValues[d + 5] = 1;
    if (o.from === o.to) return;
    const route = bestHubRoute(
      table,
      costs,
      parameters,
      context.access[o.from] as HubAccess,
      context.access[o.to] as HubAccess,
    );
    rttMs[row] = route.rttMs;
    denseValues[d] = 1;
    denseValues[d + 1] = route.accessKm * KM_FACTOR;
    if (route.fromHub >= 0) {
      const cell = route.fromHub * size + route.toHub;
      denseValues[d + 2] = (table.landKm[cell] as number) * KM_FACTOR;
      denseValues[d + 3] = (table.seaKm[cell] as number) * KM_FACTOR;
      denseValues[d + 4] = table.exchangeCount[cell] as number;
      slotColumns[row * slots] = dense + route.fromHub;
      slotColumns[row * slots + 1] = dense + route.toHub;
      slotColumns.set(routeColumns(route.fromHub, route.toHub), row * slots + HUB_SLOTS);
    }
  });
  const design = {
    rows: n,
    columns: dense + size + context.topology.routes.length,
    dense,
    denseValues,
    slots,
    slotColumns,
    observed,
  };
  return { rttMs, design };
}

/** The design columns of the routes a hub-to-hub route takes (memoised per pair of hubs). */
function routeColumnsOf(table: HubTable, first: number): (fromHub: number, toHub: number) => Int32Array {
  const memo = new Map<number, Int32Array>();
  return (fromHub, toHub) => {
    const key = fromHub * table.size + toHub;
    let columns = memo.get(key);
    if (!columns) {
      const routes = routesAlong(table, fromHub, toHub);
      if (routes.length > ROUTE_SLOTS)
        throw new Error(`a route of ${routes.length} links: raise ROUTE_SLOTS`);
      columns = Int32Array.from(routes, (r) => first + r);
      memo.set(key, columns);
    }
    return columns;
  };
}

/**
 * The model's RTT for each observation, plus the overhead (what the dataset would have measured).
 * A place measured against itself is 0 in the model: only the overhead remains.
 */
export function predictObservations(
  context: FitContext,
  parameters: RoutedClassParameters,
  overheadMs = 0,
  subset: readonly number[] = context.problem.observations.map((_, i) => i),
): Float64Array {
  const { rttMs } = routeAll(context, parameters, subset);
  return rttMs.map((v) => v + overheadMs);
}

/**
 * Fits the free parameters of a routed class to a problem's observations (or a subset of them):
 * route, solve, route again, until the routes stop improving the fit.
 */
export function fitRoutedClass(
  context: FitContext,
  options: FitOptions,
  subset: readonly number[] = context.problem.observations.map((_, i) => i),
): FitResult {
  const free = new Set(options.free);
  const hubCount = context.topology.hubs.length;
  const columns = SCALARS.length + hubCount + context.topology.routes.length;
  const rounds = options.rounds ?? 12;
  // A route's own cost starts at its prior: where this data never passes, the prior stands.
  let parameters =
    free.has('routeMs') && options.routePrior
      ? { ...options.initial, routeMs: { ...options.routePrior, ...options.initial.routeMs } }
      : options.initial;
  let overheadMs = options.overheadMs ?? 0;
  let best: FitResult | undefined;
  for (let round = 0; round < rounds; round++) {
    const { design } = routeAll(context, parameters, subset);
    const theta = new Float64Array(columns);
    SCALARS.forEach((name, i) => {
      theta[i] = name === 'overheadMs' ? overheadMs : (parameters[name] as number);
    });
    theta.set(hubAccessCosts(context.topology, parameters), SCALARS.length);
    theta.set(routeCosts(context.topology, parameters), SCALARS.length + hubCount);
    const solved = solveRelativeL1(design, theta, constraintsFor(context, design, theta, free, options));
    const next = toParameters(parameters, solved, free, context.topology);
    const nextOverhead = free.has('overheadMs') ? (solved[5] as number) : overheadMs;
    const predicted = predictObservations(context, next, nextOverhead, subset);
    const meanError = meanRelativeError(predicted, design.observed);
    const result = { parameters: next, overheadMs: nextOverhead, meanError, rounds: round + 1 };
    const improved = !best || meanError < best.meanError - 1e-9;
    if (improved) best = result;
    parameters = next;
    overheadMs = nextOverhead;
    if (!improved && round > 2) break;
  }
  return best as FitResult;
}

function constraintsFor(
  context: FitContext,
  design: LinearDesign,
  theta: Float64Array,
  free: ReadonlySet<FittedParameter>,
  options: FitOptions,
) {
  const p = design.columns;
  const movable = new Uint8Array(p);
  const lower = new Float64Array(p);
  const ridge = new Float64Array(p);
  const prior = new Float64Array(p);
  SCALARS.forEach((name, i) => {
    movable[i] = free.has(name) ? 1 : 0;
    lower[i] = LOWER_BOUND[name];
    // A scalar the data does not inform stays where it is.
    ridge[i] = 1e-9;
    prior[i] = theta[i] as number;
  });
  // Hub access costs: only where some measurement enters or leaves; pulled to zero (the average
  // hub); a hub may be better connected than the average, but no link may cost less than nothing.
  const used = new Uint8Array(p);
  for (const c of design.slotColumns) if (c >= 0) used[c] = 1;
  const firstRoute = SCALARS.length + context.topology.hubs.length;
  for (let i = SCALARS.length; i < firstRoute; i++) {
    movable[i] = free.has('hubAccessMs') && used[i] ? 1 : 0;
    lower[i] = -(theta[0] as number) / 2;
    ridge[i] = options.ridge ?? 0.1;
  }
  // Routes' own costs: only where some measurement's route passes this round; another keeps its
  // value (its prior, or what it learned while measurements still took it: a corridor priced out
  // of use stays priced out). A route may be faster than its medium's inflation says, but not
  // faster than light in fiber along its great circle.
  context.topology.routes.forEach((route, r) => {
    const i = firstRoute + r;
    const inflation = (route.sea ? theta[3] : theta[2]) as number;
    movable[i] = free.has('routeMs') && used[i] ? 1 : 0;
    lower[i] = -Math.max(0, inflation - 1) * route.km * KM_FACTOR;
    ridge[i] = options.routeRidge ?? 0.1;
    prior[i] = options.routePrior?.[route.id] ?? 0;
  });
  return { free: movable, lower, ridge, prior, power: options.power ?? 1 };
}

function toParameters(
  base: RoutedClassParameters,
  theta: Float64Array,
  free: ReadonlySet<FittedParameter>,
  topology: HubTopology,
): RoutedClassParameters {
  const firstRoute = SCALARS.length + topology.hubs.length;
  const scalars: Record<string, number> = {};
  SCALARS.forEach((name, i) => {
    if (name !== 'overheadMs' && free.has(name)) scalars[name] = theta[i] as number;
  });
  let hubAccessMs = base.hubAccessMs;
  if (free.has('hubAccessMs')) {
    const entries: [string, number][] = [];
    topology.hubs.forEach((hub, i) => {
      const ms = theta[SCALARS.length + i] as number;
      if (Math.abs(ms) >= 0.05) entries.push([hub.id, ms]);
    });
    hubAccessMs = Object.fromEntries(entries);
  }
  let routeMs = base.routeMs;
  if (free.has('routeMs')) {
    const entries: [string, number][] = [];
    topology.routes.forEach((route, r) => {
      const ms = theta[firstRoute + r] as number;
      if (Math.abs(ms) >= 0.05) entries.push([route.id, ms]);
    });
    routeMs = Object.fromEntries(entries);
  }
  return { ...base, ...scalars, ...(hubAccessMs ? { hubAccessMs } : {}), ...(routeMs ? { routeMs } : {}) };
}

/** The single-factor model the hub graph replaces: RTT = hopMs + inflation · great-circle fiber RTT. */
export interface GreatCircleFit {
  readonly inflation: number;
  readonly hopMs: number;
  readonly overheadMs: number;
}

/** Fits the single-factor model (for comparison): one inflation, one hop cost, the overhead. */
export function fitGreatCircle(
  context: FitContext,
  subset: readonly number[] = context.problem.observations.map((_, i) => i),
  options: { fitOverhead?: boolean; overheadMs?: number } = {},
): GreatCircleFit {
  const design = greatCircleDesign(context, subset);
  const fitOverhead = options.fitOverhead ?? true;
  const theta = Float64Array.of(2, 1.5, options.overheadMs ?? 0);
  const solved = solveRelativeL1(design, theta, {
    free: Uint8Array.of(1, 1, fitOverhead ? 1 : 0),
    lower: Float64Array.of(0, 1, 0),
    ridge: Float64Array.of(1e-9, 1e-9, 1e-9),
    prior: theta,
    power: 1,
  });
  return { hopMs: solved[0] as number, inflation: solved[1] as number, overheadMs: solved[2] as number };
}

/** Predictions of the single-factor model, overhead included. */
export function predictGreatCircle(
  context: FitContext,
  fit: GreatCircleFit,
  subset: readonly number[] = context.problem.observations.map((_, i) => i),
): Float64Array {
  const design = greatCircleDesign(context, subset);
  return Float64Array.from(subset, (_, row) => {
    const d = row * 3;
    return (
      (design.denseValues[d] as number) * fit.hopMs +
      (design.denseValues[d + 1] as number) * fit.inflation +
      fit.overheadMs
    );
  });
}

function greatCircleDesign(context: FitContext, subset: readonly number[]): LinearDesign {
  const n = subset.length;
  const denseValues = new Float64Array(n * 3);
  const observed = new Float64Array(n);
  subset.forEach((k, row) => {
    const o = context.problem.observations[k] as RttObservation;
    observed[row] = o.rttMs;
    denseValues[row * 3 + 2] = 1;
    if (o.from === o.to) return;
    const km = distanceKm(
      context.problem.locations[o.from] as Coordinates,
      context.problem.locations[o.to] as Coordinates,
    );
    denseValues[row * 3] = 1;
    denseValues[row * 3 + 1] = km * KM_FACTOR;
  });
  return { rows: n, columns: 3, dense: 3, denseValues, slots: 0, slotColumns: new Int32Array(0), observed };
}
