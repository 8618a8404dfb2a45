/**
 * Placement, end to end: build the problem, measure today, search (a local search first, whose
 * answer seeds the MILP), solve the MILP with HiGHS, and have the Monte Carlo evaluator re-check
 * the answer's p99 (and p50) budgets: the MILP bounds the mean-based latency, a lower bound of the
 * mean and so of the p99; when the evaluator finds a budget broken, the bound of that request and
 * metro is tightened by what the p99 exceeds and that placement is excluded, and the MILP solved
 * again, a bounded number of times. When no placement can meet the rules, say which clash.
 *
 * The phases, in order: {@link openRun} (the problem, today, the objective's scale),
 * {@link solveFirst} (local search, then the MILP, or why nothing fits), {@link recheckBudgets} (the
 * evaluator's last word), and {@link resultOf} (the answer as plain data).
 */
import {
  evaluateRequests,
  type RequestEvaluation,
  type RequestLatency,
  usesRoutedRtt,
} from '../app/index.js';
import { itemOrThrow } from '../errors.js';
import type { Estate } from '../model/index.js';
import { type Assessment, assessPlacement, todayAssignment } from './assess.js';
import { type BuildOptions, buildPlacementProblem, type CandidateSummary } from './build.js';
import { explainInfeasible, structuralProblems } from './explain.js';
import { buildMilp, decodeAssignment, startOf } from './milp.js';
import { type ObjectiveKind, type ObjectiveSpec, objectiveUnit } from './objective.js';
import { derive, placementNotes, serviceChanges } from './outcome.js';
import type { Assignment, PlacementProblem } from './problem.js';
import type {
  BudgetOutcome,
  InfeasibilityReason,
  PlacementResult,
  RecheckRound,
  SolverFigures,
} from './result.js';
import { localSearchPlacement } from './search.js';
import { DEFAULT_MAX_NODES, type SolveOutcome, type SolverLimits, solveModel } from './solver.js';

/** Times the MILP is solved again after the evaluator finds a budget broken. */
export const DEFAULT_RECHECK_ROUNDS = 4;
/** What a tightened bound leaves below the figure that failed (ms). */
const TIGHTEN_MARGIN_MS = 0.1;

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
  readonly recheckRounds?: number;
  /** Record wall-clock timings (default true). */
  readonly timings?: boolean;
}

/** Wall-clock milliseconds spent in each phase. */
interface Clock {
  heuristicMs: number;
  solveMs: number;
  evaluateMs: number;
  explainMs: number;
}

/** What one MILP solve gave: the solver's outcome, and the placement when it found one. */
interface Solved {
  readonly outcome: SolveOutcome;
  readonly assignment?: number[][];
}

/** What every phase of one run shares: the problem, today, the objective, the evaluator and the solver. */
interface PlacementRun {
  readonly estate: Estate;
  readonly options: PlaceOptions;
  readonly began: number;
  readonly buildMs: number;
  readonly problem: PlacementProblem;
  readonly candidates: readonly CandidateSummary[];
  readonly spec: ObjectiveSpec;
  readonly limits: SolverLimits & { readonly maxNodes: number };
  readonly today: Assignment;
  readonly todayAssessment: Assessment;
  readonly todayEvaluation: RequestEvaluation;
  /** The budgets as bounds on the mean-based latency, before any re-check. */
  readonly bounds: readonly number[];
  readonly clock: Clock;
  /** The first solve's model size, and every solve's work, added up. */
  readonly solver: {
    -readonly [K in keyof Omit<SolverFigures, 'maxNodes' | 'timeLimitS'>]: SolverFigures[K];
  };
  /** The evaluator's figures for a placement. */
  evaluate(assignment: Assignment): RequestEvaluation;
  /** Solves the MILP under `bounds`, without the placements of `exclude`, from `start` when given. */
  solve(bounds: readonly number[], exclude: readonly Assignment[], start?: Assignment): Promise<Solved>;
}

/** The placement chosen so far, and how. */
interface Chosen {
  readonly assignment: Assignment;
  readonly assessment: Assessment;
  readonly foundBy: 'milp' | 'heuristic' | 'today';
}

/** What the search has found so far; each phase moves it on. */
interface SearchState {
  chosen: Chosen;
  status: PlacementResult['objective']['status'];
  bound: number | null;
  gap: number | null;
  /** The bounds the MILP was last solved under (tightened by the re-checks). */
  readonly bounds: number[];
  proposedEvaluation: RequestEvaluation;
  heuristic: PlacementResult['heuristic'];
  readonly notes: string[];
  readonly infeasible: InfeasibilityReason[];
  readonly rechecks: RecheckRound[];
}

/**
 * Recommends where each service should run.
 * @example const result = await placeServices(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
 */
export async function placeServices(estate: Estate, options: PlaceOptions = {}): Promise<PlacementResult> {
  const run = openRun(estate, options);
  const state = initialState(run);
  if (nothingToPlace(run)) {
    state.notes.push(
      run.problem.services.length === 0
        ? 'nothing to place: the estate has no services'
        : 'nothing to place: every service is pinned or has nowhere else to go',
    );
    state.status = 'optimal';
  } else if (state.infeasible.length === 0) {
    await solveFirst(run, state);
    if (state.infeasible.length === 0) await recheckBudgets(run, state);
  }
  return resultOf(run, state);
}

/** The scenario's row of an evaluation. */
function rowOf(problem: PlacementProblem, evaluation: RequestEvaluation, i: number): RequestLatency {
  const s = problem.scenarios[i];
  const row = evaluation.requests.find((r) => r.request === s?.requestId && r.metro === s?.metroId);
  if (!row) throw new Error(`no evaluation of scenario ${i}`);
  return row;
}

/** Builds the problem, measures today, and sets the objective's scale and the budgets' bounds. */
function openRun(estate: Estate, options: PlaceOptions): PlacementRun {
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
  const limits = {
    maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES,
    ...(options.timeLimitS !== undefined ? { timeLimitS: options.timeLimitS } : {}),
  };
  const solver = {
    columns: 0,
    rows: 0,
    nonzeros: 0,
    integers: 0,
    nodes: 0,
    lpIterations: 0,
    solves: 0,
    name: 'HiGHS',
  };
  const run: PlacementRun = {
    estate,
    options,
    began,
    buildMs,
    problem,
    candidates,
    spec,
    limits,
    today,
    todayAssessment: assessPlacement(problem, today, spec),
    todayEvaluation,
    bounds: budgetBounds(problem, todayEvaluation),
    clock,
    solver,
    evaluate: (assignment) => {
      const t = performance.now();
      const evaluation = evaluateRequests(derive(estate, problem, assignment), evaluateOptions);
      clock.evaluateMs += performance.now() - t;
      return evaluation;
    },
    solve: (bounds, exclude, start) => solveMilp(run, bounds, exclude, start),
  };
  return run;
}

/**
 * Each scenario's budgets as a bound on its mean-based latency: the p99 budget, and the p50 budget
 * plus how far today's mean lies above today's p50.
 */
function budgetBounds(problem: PlacementProblem, todayEvaluation: RequestEvaluation): number[] {
  return problem.scenarios.map((s, i) => {
    const row = rowOf(problem, todayEvaluation, i);
    const p50 =
      s.p50BudgetMs === null ? Number.POSITIVE_INFINITY : s.p50BudgetMs + Math.max(0, row.meanMs - row.p50Ms);
    return Math.min(s.p99BudgetMs ?? Number.POSITIVE_INFINITY, p50);
  });
}

/** One MILP solve, its work added to the run's figures. */
async function solveMilp(
  run: PlacementRun,
  bounds: readonly number[],
  exclude: readonly Assignment[],
  start?: Assignment,
): Promise<Solved> {
  const { problem, solver } = run;
  const milp = buildMilp(problem, run.spec, { bounds, exclude });
  const t = performance.now();
  const outcome = await solveModel(milp.model, run.limits, start ? startOf(problem, milp, start) : undefined);
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

/** Today as the answer so far, with the problems visible before any solve. */
function initialState(run: PlacementRun): SearchState {
  return {
    chosen: { assignment: run.today, assessment: run.todayAssessment, foundBy: 'today' },
    status: 'infeasible',
    bound: null,
    gap: null,
    bounds: [...run.bounds],
    proposedEvaluation: run.todayEvaluation,
    heuristic: { objective: null, passes: 0, evaluated: 0 },
    notes: [],
    infeasible: [...structuralProblems(run.problem, run.candidates)],
    rechecks: [],
  };
}

/**
 * True when nothing can change: no services, or every budget holds and no service may move. A
 * service can change when it has somewhere else to go, or when today's places break its replicas.
 */
function nothingToPlace(run: PlacementRun): boolean {
  const { problem } = run;
  const movable = problem.services.filter(
    (s) =>
      !s.pinned && (s.candidates.length > 1 || s.today.length < s.minPlaces || s.today.length > s.maxPlaces),
  );
  return (
    problem.services.length === 0 || (movable.length === 0 && run.todayEvaluation.requests.every((r) => r.ok))
  );
}

/** Takes a MILP solution as the answer so far, with the solver's bound and gap. */
function acceptSolution(run: PlacementRun, state: SearchState, solved: Solved & { assignment: number[][] }) {
  state.chosen = {
    assignment: solved.assignment,
    assessment: assessPlacement(run.problem, solved.assignment, run.spec, state.bounds),
    foundBy: 'milp',
  };
  state.status = solved.outcome.status;
  const ties = state.chosen.assessment.objective - state.chosen.assessment.primary;
  state.bound = solved.outcome.bound === undefined ? null : solved.outcome.bound - ties;
  state.gap = solved.outcome.gap ?? null;
}

/**
 * The local search, then the MILP seeded with its answer: the MILP's placement, or the local
 * search's when it is better or the MILP found none within its limit, or why no placement fits.
 */
async function solveFirst(run: PlacementRun, state: SearchState): Promise<void> {
  const { problem, spec } = run;
  const th = performance.now();
  const local = localSearchPlacement(problem, spec, state.bounds);
  run.clock.heuristicMs += performance.now() - th;
  state.heuristic = {
    objective: local.assessment ? local.assessment.primary : null,
    passes: local.passes,
    evaluated: local.evaluated,
  };
  const first = await run.solve(state.bounds, [], local.assignment);
  state.status = first.outcome.status;
  const limit = state.status.replace('-', ' ');
  if (first.assignment) {
    acceptSolution(run, state, { ...first, assignment: first.assignment });
    if (
      local.assignment &&
      local.assessment &&
      local.assessment.objective < state.chosen.assessment.objective - 1e-9
    ) {
      state.chosen = { assignment: local.assignment, assessment: local.assessment, foundBy: 'heuristic' };
      state.notes.push(
        'the local search found a better placement than the MILP within its limit: that one is proposed',
      );
    }
    if (state.status !== 'optimal')
      state.notes.push(
        `the MILP stopped at its ${limit} with a gap of ${((state.gap ?? 0) * 100).toFixed(2)} %: the placement is the best found, not proven best (raise --max-nodes, or give --time-limit)`,
      );
  } else if (state.status === 'infeasible') {
    const te = performance.now();
    state.infeasible.push(
      ...(await explainInfeasible(
        problem,
        spec,
        state.bounds,
        run.candidates,
        run.limits,
        run.estate,
        run.options,
      )),
    );
    run.clock.explainMs += performance.now() - te;
  } else if (local.assignment && local.assessment) {
    state.chosen = { assignment: local.assignment, assessment: local.assessment, foundBy: 'heuristic' };
    state.notes.push(
      `the MILP found no placement before its ${limit}: the local search's placement is proposed, unproven`,
    );
  } else {
    state.infeasible.push({
      kind: 'limit',
      message: `the MILP found no placement before its ${limit}, nor did the local search: raise --max-nodes or give --time-limit`,
    });
  }
}

/** A budget the evaluator finds broken: its scenario, by how much, and in words. */
interface BrokenBudget {
  readonly i: number;
  readonly excess: number;
  readonly text: string;
}

/** The budgets an evaluation breaks, with the larger of the p99 and p50 excess. */
function brokenBudgets(run: PlacementRun, evaluation: RequestEvaluation): BrokenBudget[] {
  const failing: BrokenBudget[] = [];
  run.problem.scenarios.forEach((s, i) => {
    const row = rowOf(run.problem, evaluation, i);
    const excess99 = s.p99BudgetMs === null ? 0 : row.p99Ms - s.p99BudgetMs;
    const excess50 = s.p50BudgetMs === null ? 0 : row.p50Ms - s.p50BudgetMs;
    const excess = Math.max(excess99, excess50);
    if (excess > 0)
      failing.push({
        i,
        excess,
        text:
          excess99 >= excess50
            ? `${s.requestId} from ${s.metroId}: p99 ${row.p99Ms.toFixed(1)} ms > ${s.p99BudgetMs} ms`
            : `${s.requestId} from ${s.metroId}: p50 ${row.p50Ms.toFixed(1)} ms > ${s.p50BudgetMs} ms`,
      });
  });
  return failing;
}

/** The placement that broke the budgets least so far. */
interface LeastBroken {
  readonly chosen: Chosen;
  readonly evaluation: RequestEvaluation;
  readonly excess: number;
  readonly failing: readonly string[];
}

/**
 * The evaluator has the last word on p99: while it finds a budget broken, tighten that scenario's
 * bound by the excess, exclude the placement and solve again, a bounded number of times; keep the
 * placement that breaks the budgets least, and say so when even that one breaks some.
 */
async function recheckBudgets(run: PlacementRun, state: SearchState): Promise<void> {
  const excluded: Assignment[] = [];
  const rounds = run.options.recheckRounds ?? DEFAULT_RECHECK_ROUNDS;
  let best: LeastBroken | undefined;
  for (let round = 1; ; round++) {
    const evaluation = run.evaluate(state.chosen.assignment);
    const failing = brokenBudgets(run, evaluation);
    const excess = failing.reduce((sum, f) => sum + f.excess, 0);
    if (!best || excess < best.excess)
      best = { chosen: state.chosen, evaluation, excess, failing: failing.map((f) => f.text) };
    if (failing.length === 0) {
      if (round > 1) state.rechecks.push({ round, failing: [], action: 'accepted: every budget holds' });
      break;
    }
    if (round > rounds) {
      state.rechecks.push({ round, failing: failing.map((f) => f.text), action: 'stopped: no rounds left' });
      break;
    }
    tightenBounds(state, failing);
    excluded.push(state.chosen.assignment);
    state.rechecks.push({
      round,
      failing: failing.map((f) => f.text),
      action: `tightened the mean-based bound of ${failing.map((f) => `${run.problem.scenarios[f.i]?.requestId} from ${run.problem.scenarios[f.i]?.metroId} to ${itemOrThrow(state.bounds, f.i, 'bound').toFixed(1)} ms`).join(', ')}, excluded this placement, solved again`,
    });
    const next = await run.solve(state.bounds, excluded);
    if (!next.assignment) {
      state.rechecks.push({
        round: round + 1,
        failing: [],
        action:
          next.outcome.status === 'infeasible'
            ? 'no other placement meets the tightened bounds'
            : `the MILP found no other placement before its ${next.outcome.status.replace('-', ' ')}`,
      });
      break;
    }
    acceptSolution(run, state, { ...next, assignment: next.assignment });
  }
  state.chosen = { ...best.chosen, foundBy: state.chosen.foundBy };
  state.proposedEvaluation = best.evaluation;
  if (best.excess > 0)
    state.infeasible.push({
      kind: 'budget',
      message: `no placement found meets every budget by the evaluator: the best the mean-based model finds${state.rechecks.length > 1 ? ` in ${state.rechecks.length} rounds` : ''} (proposed below) still breaks ${best.failing.join('; ')}; the model's bounds cannot be tightened further without excluding every placement`,
    });
}

/** Lowers each broken scenario's bound by what its budget was exceeded, below the figure that failed. */
function tightenBounds(state: SearchState, failing: readonly BrokenBudget[]): void {
  for (const f of failing) {
    const model = itemOrThrow(state.chosen.assessment.scenarioMs, f.i, 'scenario latency');
    state.bounds[f.i] = Math.min(
      itemOrThrow(state.bounds, f.i, 'bound'),
      model - f.excess - TIGHTEN_MARGIN_MS,
    );
  }
}

/** Each scenario today and proposed, against its budgets and the bound the MILP put on it last. */
function budgetOutcomes(run: PlacementRun, state: SearchState): BudgetOutcome[] {
  const { problem } = run;
  const figures = (r: RequestLatency) => ({ p50Ms: r.p50Ms, p99Ms: r.p99Ms, meanMs: r.meanMs, ok: r.ok });
  return problem.scenarios.map((s, i) => {
    const bound = itemOrThrow(state.bounds, i, 'bound');
    return {
      request: s.requestId,
      metro: s.metroId,
      share: s.share,
      p50BudgetMs: s.p50BudgetMs,
      p99BudgetMs: s.p99BudgetMs,
      today: figures(rowOf(problem, run.todayEvaluation, i)),
      proposed: figures(rowOf(problem, state.proposedEvaluation, i)),
      modelMs: itemOrThrow(state.chosen.assessment.scenarioMs, i, 'scenario latency'),
      boundMs: Number.isFinite(bound) ? bound : null,
    };
  });
}

/** The answer as plain data. */
function resultOf(run: PlacementRun, state: SearchState): PlacementResult {
  const { estate, problem, spec, todayAssessment, todayEvaluation, options } = run;
  const { chosen, status } = state;
  const notes = [...state.notes, ...placementNotes(estate, problem, chosen.assignment)];
  const budgets = budgetOutcomes(run, state);
  const feasible = state.infeasible.length === 0 && budgets.every((b) => b.proposed.ok);
  const totalMs = performance.now() - run.began;
  return {
    estate: estate.name,
    rtt: usesRoutedRtt(estate) ? 'routed' : 'physical',
    files: estate.files,
    seed: todayEvaluation.seed,
    samples: todayEvaluation.samples,
    feasible,
    objective: {
      kind: spec.kind,
      ...(spec.kind === 'blend' ? { costWeight: spec.costWeight } : {}),
      unit: objectiveUnit(spec.kind),
      today: todayAssessment.primary,
      proposed: chosen.assessment.primary,
      bound:
        chosen.foundBy === 'today' ? null : status === 'optimal' ? chosen.assessment.primary : state.bound,
      gap: chosen.foundBy === 'today' ? null : state.gap,
      status,
      foundBy: chosen.foundBy,
      tightened: state.rechecks.some((r) => r.action.startsWith('tightened')),
      latencyMs: { today: todayAssessment.latencyMs, proposed: chosen.assessment.latencyMs },
      costUsdPerHour: { today: todayAssessment.costUsd, proposed: chosen.assessment.costUsd },
    },
    services: serviceChanges(problem, chosen.assignment),
    budgets,
    today: todayEvaluation.requests,
    proposed: state.proposedEvaluation.requests,
    candidates: run.candidates,
    rechecks: state.rechecks,
    heuristic: state.heuristic,
    solver: { ...run.solver, maxNodes: run.limits.maxNodes, timeLimitS: options.timeLimitS ?? null },
    infeasible: state.infeasible,
    notes,
    ...(options.timings === false
      ? {}
      : {
          timings: {
            buildMs: run.buildMs,
            heuristicMs: run.clock.heuristicMs,
            solveMs: run.clock.solveMs,
            evaluateMs: run.clock.evaluateMs,
            explainMs: run.clock.explainMs,
            totalMs,
          },
        }),
  };
}
