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
import type { RequestEvaluation } from '../app/index.js';
import { itemOrThrow } from '../errors.js';
import type { Estate } from '../model/index.js';
import { explainInfeasible } from './explain.js';
import { certify, resultOf } from './place-result.js';
import { initialState, openRun, type PlacementRun, type PlaceOptions, solveMilp } from './place-run.js';
import {
  acceptSolution,
  concludeRechecks,
  DEFAULT_RECHECK_ROUNDS,
  proveBest,
  recheckBudgets,
  type SearchState,
} from './recheck.js';
import type { PlacementResult } from './result.js';
import { localSearchPlacement } from './search.js';

export type { PlaceOptions };
export { DEFAULT_RECHECK_ROUNDS };

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
  const first = await solveMilp(run, state.bounds, [], { start: local.assignment, warm: true });
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
