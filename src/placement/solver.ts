/**
 * HiGHS (the `highs` package: the HiGHS solver compiled to WebAssembly, MIT) behind one function.
 * The WebAssembly module (3.5 MB) is loaded on first use only, so that commands that do not place
 * anything start as fast as before.
 *
 * Deterministic: the WebAssembly build is single-threaded, and by default the search stops at a
 * node limit, not a clock; a wall-clock limit applies only when the caller gives one.
 */
import type { ModelBuilder } from './lp.js';
import { reducedCostBounds } from './reduced-cost.js';

/** When the solver stops. */
export interface SolverLimits {
  /** Branch-and-bound nodes; default {@link DEFAULT_MAX_NODES}. */
  readonly maxNodes?: number;
  /** Seconds of wall clock; none by default (results then depend on the machine). */
  readonly timeLimitS?: number;
  /**
   * Stop once the best placement found is within this fraction of the bound (0.01: 1 %); by
   * default 1e-9, the proven optimum.
   */
  readonly relativeGap?: number;
  /**
   * Whether HiGHS presolves the model; by default, unless it has {@link PRESOLVE_MAX_COLUMNS}
   * columns or more, a start, and a relative gap to stop at. On the bench model (51,023 columns)
   * its presolve makes the root LP harder, 26,883 simplex iterations against 7,749 without, to the
   * same bound: with a start near the optimum (warm-start.ts) and a gap the root closes, that LP is
   * most of the work. Without a start presolve pays (native HiGHS to 1 %: 30 s CPU with it, 45 s
   * without), and so it does for the proof, whose restarts on the presolved model fix most columns.
   */
  readonly presolve?: boolean;
}

/** Columns from which HiGHS solves a model given a start without presolve (the example's MILP has 598). */
export const PRESOLVE_MAX_COLUMNS = 10_000;

/** Branch-and-bound nodes HiGHS may explore by default. */
export const DEFAULT_MAX_NODES = 20_000;

/** Why the solver stopped. */
export type SolveStatus =
  | 'optimal'
  | 'infeasible'
  | 'node-limit'
  | 'time-limit'
  | 'iteration-limit'
  | 'unbounded'
  | 'error';

export interface SolveOutcome {
  readonly status: SolveStatus;
  /** Column values of the best solution found; undefined when there is none. */
  readonly values?: Float64Array;
  /** Objective of that solution. */
  readonly objective?: number;
  /** The best proven lower bound. */
  readonly bound?: number;
  /** Relative gap between the two (0 when optimal). */
  readonly gap?: number;
  readonly nodes: number;
  readonly lpIterations: number;
  /** Wall-clock seconds spent (for `timings` only). */
  readonly seconds: number;
  /** `HiGHS 1.15.1`. */
  readonly solver: string;
}

type HighsLoader = (options?: Record<string, unknown>) => Promise<HighsModule>;
type HighsModule = import('highs').Highs;
let loading: Promise<HighsModule> | undefined;

/** Loads HiGHS once. */
export function loadSolver(): Promise<HighsModule> {
  loading ??= import('highs').then((m) => {
    // Node loads the package's ES module (a default export); its types describe the CommonJS one.
    const exported = m.default as unknown as HighsLoader | { default: HighsLoader };
    const loader = typeof exported === 'function' ? exported : exported.default;
    return loader();
  });
  return loading;
}

/**
 * Solves a model. `start` seeds the search with a known solution (some columns; HiGHS completes
 * the rest), so that a limit reached early still leaves that solution or a better one. HiGHS's
 * presolve fails now and then on a small model it could solve (a row parallel to the objective,
 * as the proof's cut on the objective is); the model is then solved again without presolve.
 */
export async function solveModel(
  model: ModelBuilder,
  limits: SolverLimits = {},
  start?: Start,
): Promise<SolveOutcome> {
  const highs = await loadSolver();
  const began = performance.now();
  const solver = `HiGHS ${highs.version.string}`;
  if (model.numCols === 0) {
    // Nothing to decide: HiGHS calls an empty model empty, and its counters are not set.
    return {
      status: 'optimal',
      values: new Float64Array(0),
      objective: model.offset,
      bound: model.offset,
      gap: 0,
      nodes: 0,
      lpIterations: 0,
      seconds: 0,
      solver,
    };
  }
  const data = tightenedByReducedCosts(highs, model, limits, start) ?? model.toModelData(highs.infinity);
  return (
    solveOnce(highs, data, limits, start, {}) ??
    solveOnce(highs, data, limits, start, { presolve: 'off' }) ?? {
      status: 'error',
      nodes: 0,
      lpIterations: 0,
      seconds: (performance.now() - began) / 1000,
      solver,
    }
  );
}

/** A large model, given a start, solved to a relative gap (not the proof): presolve off by default. */
function gapStopWithStart(
  model: Pick<ModelBuilder, 'numCols'>,
  limits: SolverLimits,
  start: { readonly indices: readonly number[] } | undefined,
): boolean {
  return largeWithStart(model, start) && limits.relativeGap !== undefined && limits.relativeGap >= 1e-4;
}

/** A model of PRESOLVE_MAX_COLUMNS columns or more, given a start of at least one column. */
function largeWithStart(
  model: Pick<ModelBuilder, 'numCols'>,
  start: { readonly indices: readonly number[] } | undefined,
): boolean {
  return model.numCols >= PRESOLVE_MAX_COLUMNS && (start?.indices.length ?? 0) > 0;
}

/**
 * A large model, given a start, solved to the proof: its root LP by interior point (then crossover)
 * instead of dual simplex. On the bench model (51,023 columns) HiGHS's presolved root LP takes the
 * dual simplex 25,510 iterations (10.5 s CPU natively) and the interior point 56 (5.8 s); the whole
 * proof from the warm start, in two runs side by side each, took 50.1 and 56.8 s of CPU with it
 * against 58.7 and 64.2 s without (5 nodes against 7). Without a start the search differs: native
 * HiGHS on the model as filed took longer with it (65 s against 42), so it is not used there.
 */
export function rootLpByInteriorPoint(
  model: Pick<ModelBuilder, 'numCols'>,
  limits: SolverLimits,
  start: { readonly indices: readonly number[] } | undefined,
): boolean {
  return largeWithStart(model, start) && (limits.relativeGap === undefined || limits.relativeGap < 1e-4);
}

/**
 * A large model given a start of known objective, to the proof: the model with its column bounds
 * tightened by the reduced costs of its LP relaxation against that objective (reduced-cost.ts), so
 * that no solution as good as the start is lost; undefined when not used or nothing is tightened.
 * On the bench model HiGHS's LP relaxation and the warm start bound 26,751 of the 51,023 columns:
 * the proof from the start then took 35.6 s of CPU (1 node) against 44.9 s (5 nodes) side by side;
 * its root LP stays by interior point (natively 20.8 s against 38.4 s by dual simplex). Rounding the
 * implied binaries (the pair columns) and fixing by the rows they form fix 35,825 columns at 0
 * instead: 25.5 s against 37.0 s side by side, in a later run.
 */
function tightenedByReducedCosts(
  highs: HighsModule,
  model: ModelBuilder,
  limits: SolverLimits,
  start: Start | undefined,
): ModelData | undefined {
  if (start?.objective === undefined || !rootLpByInteriorPoint(model, limits, start)) return undefined;
  const data = model.toModelData(highs.infinity);
  const { integrality: _, ...relaxed } = data;
  const lp = highs.createModel(relaxed);
  try {
    lp.options.set({ output_flag: false, random_seed: 0 });
    try {
      lp.run();
    } catch {
      return undefined;
    }
    if (lp.getModelStatus() !== highs.constants.modelStatus.optimal) return undefined;
    const tight = reducedCostBounds(
      { ...data, impliedBinary: model.impliedBinary },
      lp.getSolution().rowDual,
      start.objective,
    );
    if (!tight || tight.tightened === 0) return undefined;
    return { ...data, colLower: tight.colLower, colUpper: tight.colUpper };
  } finally {
    lp.dispose();
  }
}

/** A start: some columns' values, and when known the objective of the solution they make. */
export interface Start {
  readonly indices: readonly number[];
  readonly values: readonly number[];
  /** The start's objective in the model, as an upper bound on the optimum (reduced-cost.ts). */
  readonly objective?: number;
}

type ModelData = ReturnType<ModelBuilder['toModelData']>;

/**
 * HiGHS's options for a large model's proof from a start (rootLpByInteriorPoint): its root LP by
 * interior point, and no primal heuristics in the tree (mip_heuristic_effort 0: the root's RENS and
 * RINS still run and find the placement the search needs; turning those off too took 12 nodes instead
 * of 6). On the bench model, from the warm start and over the reduced-cost bounds, the search stays
 * the same (6 nodes; the same 23,454 strong-branching and 2,701 separation iterations) while the
 * heuristics' LP iterations fall from 17,629 to 10,153: 39,571 in all instead of 47,047.
 */
const PROOF_FROM_START = { mip_lp_solver: 'ipm', mip_heuristic_effort: 0 } as const;

/** One run of HiGHS with `extra` options; undefined when HiGHS fails. */
function solveOnce(
  highs: HighsModule,
  model: ModelData,
  limits: SolverLimits,
  start: Start | undefined,
  extra: Readonly<Record<string, string | number | boolean>>,
): SolveOutcome | undefined {
  const began = performance.now();
  const solver = `HiGHS ${highs.version.string}`;

  const instance = highs.createModel(model);
  try {
    instance.options.set({
      output_flag: false,
      mip_max_nodes: limits.maxNodes ?? DEFAULT_MAX_NODES,
      mip_rel_gap: limits.relativeGap ?? 1e-9,
      mip_abs_gap: 1e-9,
      random_seed: 0,
      ...(limits.timeLimitS !== undefined ? { time_limit: limits.timeLimitS } : {}),
      ...((limits.presolve ?? !gapStopWithStart(model, limits, start)) ? {} : { presolve: 'off' }),
      ...(rootLpByInteriorPoint(model, limits, start) ? PROOF_FROM_START : {}),
      ...extra,
    });
    if (start && start.indices.length > 0) {
      try {
        instance.setSolution({ indices: start.indices, values: start.values });
      } catch {
        // A start HiGHS cannot use is only a missed shortcut.
      }
    }
    try {
      instance.run();
    } catch {
      return undefined;
    }
    const code = instance.getModelStatus();
    if (code === highs.constants.modelStatus.solveError || code === highs.constants.modelStatus.presolveError)
      return undefined;
    const c = highs.constants.modelStatus;
    const info = (name: string): number => Number(instance.info.get(name));
    const hasSolution = info('primal_solution_status') === highs.constants.solutionStatus.feasible;
    const status: SolveStatus =
      code === c.optimal
        ? 'optimal'
        : code === c.infeasible
          ? 'infeasible'
          : code === c.timeLimit
            ? 'time-limit'
            : code === c.iterationLimit
              ? 'iteration-limit'
              : code === c.solutionLimit || code === c.interrupted
                ? 'node-limit'
                : code === c.unbounded || code === c.unboundedOrInfeasible
                  ? code === c.unbounded
                    ? 'unbounded'
                    : 'infeasible'
                  : 'error';
    const nodes = info('mip_node_count');
    const lpIterations = info('simplex_iteration_count');
    const seconds = (performance.now() - began) / 1000;
    if (!hasSolution) return { status, nodes, lpIterations, seconds, solver };
    const values = instance.getSolution().colValue;
    const objective = instance.getObjectiveValue();
    // Optimal within a relative gap the caller allows is not proven: keep HiGHS's bound and gap.
    const proven = status === 'optimal' && limits.relativeGap === undefined;
    const bound = proven ? objective : info('mip_dual_bound');
    const gap = proven ? 0 : Math.max(0, info('mip_gap'));
    return { status, values, objective, bound, gap, nodes, lpIterations, seconds, solver };
  } finally {
    instance.dispose();
  }
}
