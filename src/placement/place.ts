/**
 * Placement, end to end: build the problem, measure today, search (a local search first, whose
 * answer seeds the MILP), solve the MILP with HiGHS, and have the Monte Carlo evaluator re-check
 * the answer's p99 (and p50) budgets: the MILP bounds the mean-based latency, a lower bound of the
 * mean and so of the p99; when the evaluator finds a budget broken, the bound of that request and
 * metro is tightened by what the p99 exceeds and that placement is excluded, and the MILP solved
 * again, a bounded number of times. When no placement can meet the rules, say which clash.
 */
import {
  evaluateRequests,
  type RequestEvaluation,
  type RequestLatency,
  usesRoutedRtt,
} from '../app/index.js';
import type { Estate } from '../model/index.js';
import { type Assessment, assessPlacement, todayAssignment } from './assess.js';
import { type BuildOptions, buildPlacementProblem } from './build.js';
import { explainInfeasible, structuralProblems } from './explain.js';
import { buildMilp, decodeAssignment, startOf } from './milp.js';
import { type ObjectiveKind, type ObjectiveSpec, objectiveUnit } from './objective.js';
import { derive, placementNotes, serviceChanges } from './outcome.js';
import type { Assignment } from './problem.js';
import type { BudgetOutcome, InfeasibilityReason, PlacementResult, RecheckRound } from './result.js';
import { localSearchPlacement } from './search.js';
import { DEFAULT_MAX_NODES, type SolveOutcome, solveModel } from './solver.js';

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

/**
 * Recommends where each service should run.
 * @example const result = await placeServices(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
 */
export async function placeServices(estate: Estate, options: PlaceOptions = {}): Promise<PlacementResult> {
  const began = performance.now();
  const clock = { heuristicMs: 0, solveMs: 0, evaluateMs: 0, explainMs: 0 };
  const { problem, candidates } = buildPlacementProblem(estate, options);
  const buildMs = performance.now() - began;
  const evaluateOptions = {
    table: problem.table,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.samples !== undefined ? { samples: options.samples } : {}),
  };
  const evaluate = (assignment: Assignment): RequestEvaluation => {
    const t = performance.now();
    const evaluation = evaluateRequests(derive(estate, problem, assignment), evaluateOptions);
    clock.evaluateMs += performance.now() - t;
    return evaluation;
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
  const rowOf = (evaluation: RequestEvaluation, i: number): RequestLatency => {
    const s = problem.scenarios[i];
    const row = evaluation.requests.find((r) => r.request === s?.requestId && r.metro === s?.metroId);
    if (!row) throw new Error(`no evaluation of scenario ${i}`);
    return row;
  };
  const bounds = problem.scenarios.map((s, i) => {
    const row = rowOf(todayEvaluation, i);
    const p50 =
      s.p50BudgetMs === null ? Number.POSITIVE_INFINITY : s.p50BudgetMs + Math.max(0, row.meanMs - row.p50Ms);
    return Math.min(s.p99BudgetMs ?? Number.POSITIVE_INFINITY, p50);
  });

  const limits = {
    maxNodes: options.maxNodes ?? DEFAULT_MAX_NODES,
    ...(options.timeLimitS !== undefined ? { timeLimitS: options.timeLimitS } : {}),
  };
  const solverFigures = {
    columns: 0,
    rows: 0,
    nonzeros: 0,
    integers: 0,
    nodes: 0,
    lpIterations: 0,
    solves: 0,
    name: 'HiGHS',
  };
  const solve = async (
    bounds: readonly number[],
    exclude: readonly Assignment[],
    start?: Assignment,
  ): Promise<{ outcome: SolveOutcome; assignment?: number[][] }> => {
    const milp = buildMilp(problem, spec, { bounds, exclude });
    const t = performance.now();
    const outcome = await solveModel(milp.model, limits, start ? startOf(problem, milp, start) : undefined);
    clock.solveMs += performance.now() - t;
    if (solverFigures.solves === 0) {
      solverFigures.columns = milp.model.numCols;
      solverFigures.rows = milp.model.numRows;
      solverFigures.nonzeros = milp.model.numNonzeros;
      solverFigures.integers = milp.model.integrality.filter((v) => v === 1).length;
    }
    solverFigures.solves++;
    solverFigures.nodes += outcome.nodes;
    solverFigures.lpIterations += outcome.lpIterations;
    solverFigures.name = outcome.solver;
    return outcome.values
      ? { outcome, assignment: decodeAssignment(problem, milp, outcome.values) }
      : { outcome };
  };

  const notes: string[] = [];
  const infeasible: InfeasibilityReason[] = [...structuralProblems(problem, candidates)];
  const rechecks: RecheckRound[] = [];
  let heuristic: { objective: number | null; passes: number; evaluated: number } = {
    objective: null,
    passes: 0,
    evaluated: 0,
  };
  let chosen: { assignment: Assignment; assessment: Assessment; foundBy: 'milp' | 'heuristic' | 'today' } = {
    assignment: today,
    assessment: todayAssessment,
    foundBy: 'today',
  };
  let status: PlacementResult['objective']['status'] = 'infeasible';
  let bound: number | null = null;
  let gap: number | null = null;
  const currentBounds = [...bounds];
  let proposedEvaluation = todayEvaluation;

  // A service can change when it has somewhere else to go, or when today's places break its replicas.
  const movable = problem.services.filter(
    (s) =>
      !s.pinned && (s.candidates.length > 1 || s.today.length < s.minPlaces || s.today.length > s.maxPlaces),
  );
  if (
    problem.services.length === 0 ||
    (movable.length === 0 && todayEvaluation.requests.every((r) => r.ok))
  ) {
    notes.push(
      problem.services.length === 0
        ? 'nothing to place: the estate has no services'
        : 'nothing to place: every service is pinned or has nowhere else to go',
    );
    status = 'optimal';
  } else if (infeasible.length === 0) {
    const th = performance.now();
    const local = localSearchPlacement(problem, spec, currentBounds);
    clock.heuristicMs += performance.now() - th;
    heuristic = {
      objective: local.assessment ? local.assessment.primary : null,
      passes: local.passes,
      evaluated: local.evaluated,
    };
    const first = await solve(currentBounds, [], local.assignment);
    status = first.outcome.status;
    if (first.assignment) {
      chosen = {
        assignment: first.assignment,
        assessment: assessPlacement(problem, first.assignment, spec, currentBounds),
        foundBy: 'milp',
      };
      const ties = chosen.assessment.objective - chosen.assessment.primary;
      bound = first.outcome.bound === undefined ? null : first.outcome.bound - ties;
      gap = first.outcome.gap ?? null;
      if (
        local.assignment &&
        local.assessment &&
        local.assessment.objective < chosen.assessment.objective - 1e-9
      ) {
        chosen = { assignment: local.assignment, assessment: local.assessment, foundBy: 'heuristic' };
        notes.push(
          'the local search found a better placement than the MILP within its limit: that one is proposed',
        );
      }
      if (status !== 'optimal')
        notes.push(
          `the MILP stopped at its ${status.replace('-', ' ')} with a gap of ${((gap ?? 0) * 100).toFixed(2)} %: the placement is the best found, not proven best (raise --max-nodes, or give --time-limit)`,
        );
    } else if (status === 'infeasible') {
      const te = performance.now();
      infeasible.push(
        ...(await explainInfeasible(problem, spec, currentBounds, candidates, limits, estate, options)),
      );
      clock.explainMs += performance.now() - te;
    } else if (local.assignment && local.assessment) {
      chosen = { assignment: local.assignment, assessment: local.assessment, foundBy: 'heuristic' };
      notes.push(
        `the MILP found no placement before its ${status.replace('-', ' ')}: the local search's placement is proposed, unproven`,
      );
    } else {
      infeasible.push({
        kind: 'limit',
        message: `the MILP found no placement before its ${status.replace('-', ' ')}, nor did the local search: raise --max-nodes or give --time-limit`,
      });
    }

    // The evaluator has the last word on p99.
    if (infeasible.length === 0) {
      const excluded: Assignment[] = [];
      const rounds = options.recheckRounds ?? DEFAULT_RECHECK_ROUNDS;
      let best:
        | {
            assignment: Assignment;
            assessment: Assessment;
            evaluation: RequestEvaluation;
            excess: number;
            failing: string[];
          }
        | undefined;
      for (let round = 1; infeasible.length === 0; round++) {
        const evaluation = evaluate(chosen.assignment);
        const failing: { i: number; excess: number; text: string }[] = [];
        problem.scenarios.forEach((s, i) => {
          const row = rowOf(evaluation, i);
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
        const totalExcess = failing.reduce((sum, f) => sum + f.excess, 0);
        if (!best || totalExcess < best.excess)
          best = {
            assignment: chosen.assignment,
            assessment: chosen.assessment,
            evaluation,
            excess: totalExcess,
            failing: failing.map((f) => f.text),
          };
        if (failing.length === 0) {
          if (round > 1) rechecks.push({ round, failing: [], action: 'accepted: every budget holds' });
          break;
        }
        if (round > rounds) {
          rechecks.push({ round, failing: failing.map((f) => f.text), action: 'stopped: no rounds left' });
          break;
        }
        for (const f of failing) {
          const model = chosen.assessment.scenarioMs[f.i] as number;
          currentBounds[f.i] = Math.min(currentBounds[f.i] as number, model - f.excess - TIGHTEN_MARGIN_MS);
        }
        excluded.push(chosen.assignment);
        rechecks.push({
          round,
          failing: failing.map((f) => f.text),
          action: `tightened the mean-based bound of ${failing.map((f) => `${problem.scenarios[f.i]?.requestId} from ${problem.scenarios[f.i]?.metroId} to ${(currentBounds[f.i] as number).toFixed(1)} ms`).join(', ')}, excluded this placement, solved again`,
        });
        const next = await solve(currentBounds, excluded);
        if (!next.assignment) {
          rechecks.push({
            round: round + 1,
            failing: [],
            action:
              next.outcome.status === 'infeasible'
                ? 'no other placement meets the tightened bounds'
                : `the MILP found no other placement before its ${next.outcome.status.replace('-', ' ')}`,
          });
          break;
        }
        chosen = {
          assignment: next.assignment,
          assessment: assessPlacement(problem, next.assignment, spec, currentBounds),
          foundBy: 'milp',
        };
        status = next.outcome.status;
        const ties = chosen.assessment.objective - chosen.assessment.primary;
        bound = next.outcome.bound === undefined ? null : next.outcome.bound - ties;
        gap = next.outcome.gap ?? null;
      }
      if (best) {
        chosen = { assignment: best.assignment, assessment: best.assessment, foundBy: chosen.foundBy };
        proposedEvaluation = best.evaluation;
        if (best.excess > 0)
          infeasible.push({
            kind: 'budget',
            message: `no placement found meets every budget by the evaluator: the best the mean-based model finds${rechecks.length > 1 ? ` in ${rechecks.length} rounds` : ''} (proposed below) still breaks ${best.failing.join('; ')}; the model's bounds cannot be tightened further without excluding every placement`,
          });
      }
    }
  }

  notes.push(...placementNotes(estate, problem, chosen.assignment));
  const services = serviceChanges(problem, chosen.assignment);
  const budgets: BudgetOutcome[] = problem.scenarios.map((s, i) => {
    const a = rowOf(todayEvaluation, i);
    const b = rowOf(proposedEvaluation, i);
    const figures = (r: RequestLatency) => ({ p50Ms: r.p50Ms, p99Ms: r.p99Ms, meanMs: r.meanMs, ok: r.ok });
    return {
      request: s.requestId,
      metro: s.metroId,
      share: s.share,
      p50BudgetMs: s.p50BudgetMs,
      p99BudgetMs: s.p99BudgetMs,
      today: figures(a),
      proposed: figures(b),
      modelMs: chosen.assessment.scenarioMs[i] as number,
      boundMs: Number.isFinite(currentBounds[i]) ? (currentBounds[i] as number) : null,
    };
  });
  const feasible = infeasible.length === 0 && budgets.every((b) => b.proposed.ok);
  const totalMs = performance.now() - began;
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
      bound: chosen.foundBy === 'today' ? null : status === 'optimal' ? chosen.assessment.primary : bound,
      gap: chosen.foundBy === 'today' ? null : gap,
      status,
      foundBy: chosen.foundBy,
      tightened: rechecks.some((r) => r.action.startsWith('tightened')),
      latencyMs: { today: todayAssessment.latencyMs, proposed: chosen.assessment.latencyMs },
      costUsdPerHour: { today: todayAssessment.costUsd, proposed: chosen.assessment.costUsd },
    },
    services,
    budgets,
    today: todayEvaluation.requests,
    proposed: proposedEvaluation.requests,
    candidates,
    rechecks,
    heuristic,
    solver: {
      ...solverFigures,
      maxNodes: limits.maxNodes,
      timeLimitS: options.timeLimitS ?? null,
    },
    infeasible,
    notes,
    ...(options.timings === false
      ? {}
      : {
          timings: {
            buildMs,
            heuristicMs: clock.heuristicMs,
            solveMs: clock.solveMs,
            evaluateMs: clock.evaluateMs,
            explainMs: clock.explainMs,
            totalMs,
          },
        }),
  };
}
