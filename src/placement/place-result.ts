/**
 * The end of a placement run: what the optimum holds over ({@link certify}: every placement the rules
 * allow, or the candidates), each scenario's budgets today and proposed, and the answer as plain data
 * ({@link resultOf}).
 */
import { type RequestEvaluation, type RequestLatency, usesRoutedRtt } from '../app/index.js';
import { itemOrThrow } from '../errors.js';
import { unprovenLeftOut } from './bounds.js';
import { rowOf } from './budget-bounds.js';
import { objectiveUnit } from './objective.js';
import { placementNotes, serviceChanges } from './outcome.js';
import type { PlacementRun } from './place-run.js';
import type { SearchState } from './recheck.js';
import type { BudgetOutcome, PlacementResult } from './result.js';

/** The outcome the result reports beyond the search: what the optimum holds over, and the evaluation proposed. */
export interface Outcome {
  readonly proposedEvaluation: RequestEvaluation;
  readonly heuristic: PlacementResult['heuristic'];
  readonly scope: PlacementResult['objective']['scope'];
  readonly leftOut: PlacementResult['objective']['leftOut'];
}

/**
 * What the optimum (or that there is none) holds over: every placement the rules allow when the
 * places left out of the candidates are shown no better by lower bounds, else the candidates.
 */
export function certify(run: PlacementRun, state: SearchState): Pick<Outcome, 'scope' | 'leftOut'> {
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
export function resultOf(run: PlacementRun, state: SearchState, outcome: Outcome): PlacementResult {
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
