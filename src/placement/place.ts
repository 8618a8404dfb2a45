/**
 * Placement, end to end: build the problem, measure today, search (a local search first, whose
 * answer seeds the MILP), solve the MILP with HiGHS, have the Monte Carlo evaluator re-check the
 * answer's budgets and prove it the best the evaluator accepts (recheck.ts), and show that the
 * places left out of the candidates could not do better (bounds.ts). When no placement can meet the
 * rules, say which clash.
 *
 * The phases, in order: {@link openRun} (the problem, today, the objective's scale, the budgets'
 * bounds), {@link solveFirst} (local search, then the MILP, or why nothing fits), the re-checks and
 * the proof, {@link certify} (what the optimum holds over), and {@link resultOf} (plain data).
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
import { unprovenLeftOut } from './bounds.js';
import { type BudgetBounds, budgetBounds, rowOf } from './budget-bounds.js';
import { type BuildOptions, buildPlacementProblem, type CandidateSummary } from './build.js';
import { explainInfeasible, structuralProblems } from './explain.js';
import { buildMilp, decodeAssignment, startOf } from './milp.js';
import { type ObjectiveKind, type ObjectiveSpec, objectiveUnit } from './objective.js';
import { derive, placementNotes, serviceChanges } from './outcome.js';
import type { Assignment } from './problem.js';
import {
  acceptSolution,
  concludeRechecks,
  DEFAULT_PROOF_ROUNDS,
  DEFAULT_RECHECK_ROUNDS,
  proveBest,
  type RecheckRun,
  recheckBudgets,
  type SearchState,
  type Solved,
} from './recheck.js';
import type { BudgetOutcome, PlacementResult, SolverFigures } from './result.js';
import { localSearchPlacement } from './search.js';
import { DEFAULT_MAX_NODES, type SolverLimits, solveModel } from './solver.js';

export { DEFAULT_RECHECK_ROUNDS };

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
interface Clock {
  heuristicMs: number;
  solveMs: number;
  evaluateMs: number;
  explainMs: number;
}

/** What every phase of one run shares: the problem, today, the objective, the evaluator and the solver. */
interface PlacementRun extends RecheckRun {
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

/** The outcome the result reports beyond the search: what the optimum holds over, and the evaluation proposed. */
interface Outcome {
  readonly proposedEvaluation: RequestEvaluation;
  readonly heuristic: PlacementResult['heuristic'];
  readonly scope: PlacementResult['objective']['scope'];
  readonly leftOut: PlacementResult['objective']['leftOut'];
}

/**
 * Recommends where each service should run.
 * @example const result = await placeServices(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
 */
export async function placeServices(estate: Estate, options: PlaceOptions = {}): Promise<PlacementResult> {
  const run = openRun(estate, options);
  const state = initialState(run);
  let heuristic: PlacementResult['heuristic'] = { objective: null, passes: 0, evaluated: 0 };
  let proposed: RequestEvaluation | undefined;
  if (run.problem.services.length === 0) {
    state.notes.push('nothing to place: the estate has no services');
    state.status = 'optimal';
    state.proven = true;
  } else if (nothingCanMove(run)) await stayAsToday(run, state);
  else if (state.infeasible.length === 0) {
    heuristic = await solveFirst(run, state);
    if (state.infeasible.length === 0) {
      if (state.chosen.foundBy !== 'today') await recheckBudgets(run, state);
      await proveBest(run, state, run.bounds.search);
      proposed = concludeRechecks(state);
      if (state.proven && state.status === 'infeasible' && state.infeasible.length === 0)
        await explain(run, state, run.safeBounds);
      else if (!state.proven && state.searchInfeasible && !state.accepted) await explainUnproven(run, state);
    }
  } else state.proven = true;
  return resultOf(run, state, {
    proposedEvaluation: proposed ?? run.todayEvaluation,
    heuristic,
    ...certify(run, state),
  });
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
async function solveMilp(
  run: PlacementRun,
  bounds: readonly number[],
  exclude: readonly Assignment[],
  extra: { readonly objectiveAtMost?: number | undefined; readonly start?: Assignment | undefined },
): Promise<Solved> {
  const { problem, solver } = run;
  const milp = buildMilp(problem, run.spec, {
    bounds,
    exclude,
    ...(extra.objectiveAtMost !== undefined ? { objectiveAtMost: extra.objectiveAtMost } : {}),
  });
  const t = performance.now();
  const start = extra.start ? startOf(problem, milp, extra.start) : undefined;
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

/** Today as the answer so far, with the problems visible before any solve. */
function initialState(run: PlacementRun): SearchState {
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

/**
 * True when no service can change: each is pinned or has nowhere else to go, and runs at a number
 * of places its replicas allow.
 */
function nothingCanMove(run: PlacementRun): boolean {
  return run.problem.services.every(
    (s) =>
      s.pinned ||
      (s.candidates.length <= 1 && s.today.length >= s.minPlaces && s.today.length <= s.maxPlaces),
  );
}

/**
 * No service can move: today is the only placement. It meets the budgets, or none can: when today
 * breaks the budgets' bounds, the explanation says which budgets clash; else only the evaluator
 * finds them broken.
 */
async function stayAsToday(run: PlacementRun, state: SearchState): Promise<void> {
  state.proven = true;
  const broken = run.todayEvaluation.requests.filter((r) => !r.ok);
  if (broken.length === 0) {
    state.notes.push('nothing to place: every service is pinned or has nowhere else to go');
    state.status = 'optimal';
    return;
  }
  state.status = 'infeasible';
  if (run.assess(run.today, run.safeBounds).violations.length > 0) {
    await explain(run, state, run.safeBounds);
    return;
  }
  state.infeasible.push({
    kind: 'budget',
    message: `no placement can meet the budgets: no service can move (each is pinned or has nowhere else to go), and today breaks ${broken.map((r) => `${r.request} from ${r.metro}: p99 ${r.p99Ms.toFixed(1)} ms, p50 ${r.p50Ms.toFixed(1)} ms`).join('; ')}`,
    budgets: broken.map((r) => `${r.request} from ${r.metro}`),
  });
}

/** Why no placement meets the bounds, by the MILP over each budget alone and together. */
async function explain(run: PlacementRun, state: SearchState, bounds: readonly number[]): Promise<void> {
  if (run.options.explain === false) {
    state.infeasible.push({
      kind: 'budgets',
      message: "no placement meets the rules within the budgets' bounds (not worked out why: explain is off)",
    });
    return;
  }
  const t = performance.now();
  state.infeasible.push(
    ...(await explainInfeasible({
      problem: run.problem,
      spec: run.spec,
      bounds,
      budgets: run.bounds,
      candidates: run.candidates,
      limits: run.limits,
      estate: run.estate,
      buildOptions: run.options,
    })),
  );
  run.clock.explainMs += performance.now() - t;
}

/**
 * No placement found, none proven impossible, and the search's bounds (a p50 budget taken with
 * today's mean-over-median gap) allow none: why not by those bounds, said to be unproven.
 */
async function explainUnproven(run: PlacementRun, state: SearchState): Promise<void> {
  const before = state.infeasible.length;
  await explain(run, state, run.bounds.search);
  for (let i = before; i < state.infeasible.length; i++) {
    const reason = itemOrThrow(state.infeasible, i, 'reason');
    state.infeasible[i] = {
      ...reason,
      message: `by the mean-based model, with a p50 budget taken as a bound on the mean by today's gap between them (not proven: that gap changes with the placement): ${reason.message}`,
    };
  }
}

/**
 * The local search, then the MILP seeded with its answer: the MILP's placement, or the local
 * search's when it is better or the MILP found none within its limit, or why no placement fits.
 */
async function solveFirst(run: PlacementRun, state: SearchState): Promise<PlacementResult['heuristic']> {
  const { problem, spec } = run;
  const th = performance.now();
  const local = localSearchPlacement(problem, spec, state.bounds);
  run.clock.heuristicMs += performance.now() - th;
  const first = await solveMilp(run, state.bounds, [], { start: local.assignment });
  state.status = first.outcome.status;
  const limit = state.status.replace('-', ' ');
  if (first.assignment) {
    acceptSolution(run, state, { ...first, assignment: first.assignment }, state.bounds);
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
    // Under bounds tighter than the safe ones, the proof looks again; else the rules clash.
    state.searchInfeasible = true;
    if (run.bounds.search.every((b, i) => b === run.safeBounds[i])) {
      state.proven = true;
      await explain(run, state, state.bounds);
    }
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
  return {
    objective: local.assessment ? local.assessment.primary : null,
    passes: local.passes,
    evaluated: local.evaluated,
  };
}

/**
 * What the optimum (or that there is none) holds over: every placement the rules allow when the
 * places left out of the candidates are shown no better by lower bounds, else the candidates.
 */
function certify(run: PlacementRun, state: SearchState): Pick<Outcome, 'scope' | 'leftOut'> {
  const { problem, spec } = run;
  const optimal = state.proven && state.status === 'optimal' && state.infeasible.length === 0;
  const none = state.proven && state.status === 'infeasible';
  const unproven = unprovenLeftOut(
    problem,
    spec,
    run.safeBounds,
    optimal ? state.chosen.assessment.objective : undefined,
    optimal || none,
  );
  const leftOut = [...unproven].map(([s, places]) => ({
    service: itemOrThrow(problem.services, s, 'service').id,
    places: places.map((m) => itemOrThrow(problem.table.endpoints, m, 'endpoint of a location').id),
  }));
  return { scope: leftOut.length === 0 ? 'all' : 'candidates', leftOut };
}

/** Each scenario today and proposed, against its budgets and the bound the proposal was found under. */
function budgetOutcomes(run: PlacementRun, state: SearchState, proposed: RequestEvaluation): BudgetOutcome[] {
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
      proposed: figures(rowOf(problem, proposed, i)),
      weight: s.weight,
      todayModelMs: itemOrThrow(run.todayAssessment.scenarioMs, i, 'scenario latency today'),
      modelMs: itemOrThrow(state.chosen.assessment.scenarioMs, i, 'scenario latency'),
      boundMs: Number.isFinite(bound) ? bound : null,
    };
  });
}

/** The answer as plain data. */
function resultOf(run: PlacementRun, state: SearchState, outcome: Outcome): PlacementResult {
  const { estate, problem, spec, todayAssessment, todayEvaluation, options } = run;
  const { chosen, status } = state;
  const notes = [...state.notes, ...placementNotes(estate, problem, chosen.assignment)];
  const budgets = budgetOutcomes(run, state, outcome.proposedEvaluation);
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
      gap: chosen.foundBy === 'today' ? null : status === 'optimal' ? 0 : state.gap,
      status,
      scope: outcome.scope,
      leftOut: outcome.leftOut,
      foundBy: chosen.foundBy,
      tightened: state.tightened,
      latencyMs: { today: todayAssessment.latencyMs, proposed: chosen.assessment.latencyMs },
      costUsdPerHour: { today: todayAssessment.costUsd, proposed: chosen.assessment.costUsd },
    },
    services: serviceChanges(problem, chosen.assignment),
    budgets,
    today: todayEvaluation.requests,
    proposed: outcome.proposedEvaluation.requests,
    candidates: run.candidates,
    rechecks: state.rechecks,
    heuristic: outcome.heuristic,
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
