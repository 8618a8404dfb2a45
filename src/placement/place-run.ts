/**
 * What every phase of a placement run shares ({@link PlacementRun}): the problem, today, the
 * objective's scale, the budgets' bounds, the evaluator, and the MILP solve with its figures added
 * up; opened once by {@link openRun}, with today as the answer so far ({@link initialState}).
 */
import { evaluateRequests, type RequestEvaluation } from '../app/index.js';
import type { Estate } from '../model/index.js';
import { type Assessment, assessPlacement, todayAssignment } from './assess.js';
import { type BudgetBounds, budgetBounds } from './budget-bounds.js';
import { type BuildOptions, buildPlacementProblem, type CandidateSummary } from './build.js';
import { structuralProblems } from './explain.js';
import { buildMilp, decodeAssignment, startOf } from './milp.js';
import type { ObjectiveKind, ObjectiveSpec } from './objective.js';
import { derive } from './outcome.js';
import type { Assignment } from './problem.js';
import {
  DEFAULT_PROOF_ROUNDS,
  DEFAULT_RECHECK_ROUNDS,
  type RecheckRun,
  type SearchState,
  type Solved,
} from './recheck.js';
import type { SolverFigures } from './result.js';
import { DEFAULT_MAX_NODES, type SolverLimits, solveModel } from './solver.js';
import { warmStart } from './warm-start.js';

/** Options of `placeServices`: the objective, the solver's limits, the candidates, and the evaluator's draws. */
export interface PlaceOptions extends BuildOptions {
  readonly objective?: ObjectiveKind;
  /** Under `blend`: the weight of cost, 0 to 1 (default 0.5). */
  readonly costWeight?: number;
  /** Branch-and-bound nodes per solve; default {@link DEFAULT_MAX_NODES}. */
  readonly maxNodes?: number;
  /** Seconds per solve; none by default (results then depend on the machine). */
  readonly timeLimitS?: number;
  /** The evaluator's seed and draws per request and metro. */
  readonly seed?: number;
  readonly samples?: number;
  /** Solves after the evaluator finds a budget broken, while searching; default {@link DEFAULT_RECHECK_ROUNDS}. */
  readonly recheckRounds?: number;
  /** Solves the proof may take to rule out placements of lower objective; default 12. */
  readonly proofRounds?: number;
  /**
   * Work out why, when no placement meets the rules (default true): each budget alone, the budgets
   * that clash, what residency costs. False gives the verdict alone, for fewer solves.
   */
  readonly explain?: boolean;
  /** Record wall-clock timings (default true). */
  readonly timings?: boolean;
}

/** Wall-clock milliseconds spent in each phase. */
export interface Clock {
  heuristicMs: number;
  solveMs: number;
  evaluateMs: number;
  explainMs: number;
}

/** What every phase of one run shares: the problem, today, the objective, the evaluator and the solver. */
export interface PlacementRun extends RecheckRun {
  readonly estate: Estate;
  readonly options: PlaceOptions;
  readonly began: number;
  readonly buildMs: number;
  readonly candidates: readonly CandidateSummary[];
  readonly spec: ObjectiveSpec;
  readonly limits: SolverLimits & { readonly maxNodes: number };
  readonly today: Assignment;
  readonly todayAssessment: Assessment;
  readonly todayEvaluation: RequestEvaluation;
  /** The budgets as bounds on the mean-based latency: safe ones, and those to search with. */
  readonly bounds: BudgetBounds;
  readonly clock: Clock;
  /** The first solve's model size, and every solve's work, added up. */
  readonly solver: {
    -readonly [K in keyof Omit<SolverFigures, 'maxNodes' | 'timeLimitS'>]: SolverFigures[K];
  };
}

/** Builds the problem, measures today, and sets the objective's scale and the budgets' bounds. */
export function openRun(estate: Estate, options: PlaceOptions): PlacementRun {
  const began = performance.now();
  const clock: Clock = { heuristicMs: 0, solveMs: 0, evaluateMs: 0, explainMs: 0 };
  const { problem, candidates } = buildPlacementProblem(estate, options);
  const buildMs = performance.now() - began;
  const evaluateOptions = {
    table: problem.table,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.samples !== undefined ? { samples: options.samples } : {}),
  };
  const today = todayAssignment(problem);
  const t0 = performance.now();
  const todayEvaluation = evaluateRequests(estate, evaluateOptions);
  clock.evaluateMs += performance.now() - t0;
  const unscaled = assessPlacement(problem, today, {
    kind: 'latency',
    costWeight: 0,
    latencyScaleMs: 1,
    costScaleUsd: 1,
  });
  const spec: ObjectiveSpec = {
    kind: options.objective ?? 'latency',
    costWeight: options.costWeight ?? 0.5,
    latencyScaleMs: unscaled.latencyMs,
    costScaleUsd: unscaled.costUsd,
  };
  const todayAssessment = assessPlacement(problem, today, spec);
  const bounds = budgetBounds(problem, todayAssessment, todayEvaluation);
  const run: PlacementRun = {
    estate,
    options,
    began,
    buildMs,
    problem,
    candidates,
    spec,
    limits: {
      maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES,
      ...(options.timeLimitS !== undefined ? { timeLimitS: options.timeLimitS } : {}),
    },
    today,
    todayAssessment,
    todayEvaluation,
    bounds,
    safeBounds: bounds.safe,
    recheckRounds: options.recheckRounds ?? DEFAULT_RECHECK_ROUNDS,
    proofRounds: options.proofRounds ?? DEFAULT_PROOF_ROUNDS,
    clock,
    solver: {
      columns: 0,
      rows: 0,
      nonzeros: 0,
      integers: 0,
      nodes: 0,
      lpIterations: 0,
      solves: 0,
      name: 'HiGHS',
    },
    assess: (assignment, bounds) => assessPlacement(problem, assignment, spec, bounds),
    evaluate: (assignment) => {
      const t = performance.now();
      const evaluation = evaluateRequests(derive(estate, problem, assignment), evaluateOptions);
      clock.evaluateMs += performance.now() - t;
      return evaluation;
    },
    solve: (bounds, exclude, objectiveAtMost) => solveMilp(run, bounds, exclude, { objectiveAtMost }),
  };
  return run;
}

/** One MILP solve, its work added to the run's figures. */
export async function solveMilp(
  run: PlacementRun,
  bounds: readonly number[],
  exclude: readonly Assignment[],
  extra: {
    readonly objectiveAtMost?: number | undefined;
    readonly start?: Assignment | undefined;
    /** Seed a large MILP with the placement of its anchored problem (warm-start.ts) when better than `start`. */
    readonly warm?: boolean;
  },
): Promise<Solved> {
  const { problem, solver } = run;
  const milp = buildMilp(problem, run.spec, {
    bounds,
    exclude,
    ...(extra.objectiveAtMost !== undefined ? { objectiveAtMost: extra.objectiveAtMost } : {}),
  });
  const t = performance.now();
  const seed = extra.warm ? await betterStart(run, bounds, milp.model.numCols, extra.start) : extra.start;
  const start = seed
    ? { ...startOf(problem, milp, seed), ...cutoffOf(run, seed, bounds, exclude) }
    : undefined;
  const outcome = await solveModel(milp.model, run.limits, start);
  run.clock.solveMs += performance.now() - t;
  if (solver.solves === 0) {
    solver.columns = milp.model.numCols;
    solver.rows = milp.model.numRows;
    solver.nonzeros = milp.model.numNonzeros;
    solver.integers = milp.model.integrality.filter((v) => v === 1).length;
  }
  solver.solves++;
  solver.nodes += outcome.nodes;
  solver.lpIterations += outcome.lpIterations;
  solver.name = outcome.solver;
  return outcome.values
    ? { outcome, assignment: decodeAssignment(problem, milp, outcome.values) }
    : { outcome };
}

/**
 * The start's objective when it is a solution of the MILP (within the budgets' bounds, no placement
 * excluded), so an upper bound on its optimum: the proof then tightens column bounds by reduced
 * costs against it (reduced-cost.ts). A start outside the MILP gives none: the optimum may lie above it.
 */
function cutoffOf(
  run: PlacementRun,
  seed: Assignment,
  bounds: readonly number[],
  exclude: readonly Assignment[],
): { objective?: number } {
  if (exclude.length > 0) return {};
  const assessment = run.assess(seed, bounds);
  return assessment.violations.length === 0 ? { objective: assessment.objective } : {};
}

/** The warm start's placement when it is found and no worse than `start`, else `start`; its work added to the run's. */
async function betterStart(
  run: PlacementRun,
  bounds: readonly number[],
  columns: number,
  start: Assignment | undefined,
): Promise<Assignment | undefined> {
  const warm = await warmStart(run.problem, run.spec, bounds, run.limits, columns, start);
  if (!warm) return start;
  run.solver.nodes += warm.nodes;
  run.solver.lpIterations += warm.lpIterations;
  if (start && run.assess(start, bounds).objective < warm.assessment.objective) return start;
  return warm.assignment;
}

/** Today as the answer so far, with the problems visible before any solve. */
export function initialState(run: PlacementRun): SearchState {
  return {
    chosen: { assignment: run.today, assessment: run.todayAssessment, foundBy: 'today' },
    status: 'infeasible',
    bound: null,
    gap: null,
    bounds: [...run.bounds.search],
    notes: [],
    infeasible: [...structuralProblems(run.problem, run.candidates)],
    rechecks: [],
    tightened: false,
    searchInfeasible: false,
    rejected: [],
    proven: false,
  };
}
