/**
 * The evaluator's last word on the budgets, and the proof that the placement proposed is the best
 * the evaluator accepts.
 *
 * The MILP holds each scenario's mean-based latency to a bound from its budgets (budget-bounds.ts);
 * the Monte Carlo evaluator then checks the p99 and p50 themselves. Two phases:
 *
 * 1. Search ({@link recheckBudgets}): while the evaluator finds a budget broken, tighten that
 *    scenario's bound by what it was exceeded, exclude the placement, and solve again: a heuristic
 *    that quickly finds a placement the evaluator accepts. It can exclude better placements (the gap
 *    between p99 and mean depends on the placement), so it proves nothing.
 * 2. Proof ({@link proveBest}): solve again under the budgets' safe bounds, without every placement
 *    the evaluator rejected, for a placement of lower objective than the best accepted. None: the
 *    accepted one is the best (or, with none accepted, no placement meets the budgets). One: the
 *    evaluator checks it, and it becomes the best accepted or joins the rejected. A bounded number of
 *    rounds; when they run out, the placement is the best found, not proven.
 */
import type { RequestEvaluation } from '../app/index.js';
import { itemOrThrow } from '../errors.js';
import type { Assessment } from './assess.js';
import { rowOf } from './budget-bounds.js';
import type { Assignment, PlacementProblem } from './problem.js';
import type { InfeasibilityReason, PlacementResult, RecheckRound } from './result.js';
import type { SolveOutcome } from './solver.js';

/** Times the MILP is solved again, in each phase, after the evaluator finds a budget broken. */
export const DEFAULT_RECHECK_ROUNDS = 4;
/** Solves the proof may take to rule out the placements of lower objective. */
export const DEFAULT_PROOF_ROUNDS = 12;
/** What a tightened bound leaves below the figure that failed (ms). */
const TIGHTEN_MARGIN_MS = 0.1;

/** What one MILP solve gave: the solver's outcome, and the placement when it found one. */
export interface Solved {
  readonly outcome: SolveOutcome;
  readonly assignment?: number[][];
}

/** What the re-checks need of a run: the problem, the bounds, the evaluator and the solver. */
export interface RecheckRun {
  readonly problem: PlacementProblem;
  readonly safeBounds: readonly number[];
  readonly recheckRounds: number;
  readonly proofRounds: number;
  /** Measures a placement (with `bounds`, its budget violations by the mean-based model). */
  assess(assignment: Assignment, bounds?: readonly number[]): Assessment;
  evaluate(assignment: Assignment): RequestEvaluation;
  /** Solves under `bounds` without `exclude`, for an objective at most `objectiveAtMost` when given. */
  solve(bounds: readonly number[], exclude: readonly Assignment[], objectiveAtMost?: number): Promise<Solved>;
}

/** The placement chosen so far, and how. */
export interface Chosen {
  readonly assignment: Assignment;
  readonly assessment: Assessment;
  readonly foundBy: 'milp' | 'heuristic' | 'today';
}

/** A placement the evaluator checked. */
export interface Checked {
  readonly chosen: Chosen;
  readonly evaluation: RequestEvaluation;
  /** The bounds it was found under. */
  readonly bounds: readonly number[];
  /** Its budgets' excess, in all (ms), and in words. */
  readonly excess: number;
  readonly failing: readonly string[];
}

/** What the search has found so far; each phase moves it on. */
export interface SearchState {
  chosen: Chosen;
  status: PlacementResult['objective']['status'];
  bound: number | null;
  gap: number | null;
  /** The bounds the MILP was last solved under (tightened by the search's re-checks). */
  readonly bounds: number[];
  readonly notes: string[];
  readonly infeasible: InfeasibilityReason[];
  readonly rechecks: RecheckRound[];
  /** True once the search tightened a bound. */
  tightened: boolean;
  /** True when the first solve found nothing under the search's bounds (tighter than the safe ones). */
  searchInfeasible: boolean;
  /** Placements the evaluator rejected: excluded from every later solve. */
  readonly rejected: Assignment[];
  /** The best placement the evaluator accepted. */
  accepted?: Checked;
  /** The placement that broke the budgets least, while none was accepted. */
  leastBroken?: Checked;
  /** True once the proposal (or that there is none) is proven over the candidates. */
  proven: boolean;
}

/** A budget the evaluator finds broken: its scenario, by how much, and in words. */
interface BrokenBudget {
  readonly i: number;
  readonly excess: number;
  readonly text: string;
}

/** The budgets an evaluation breaks, with the larger of the p99 and p50 excess. */
function brokenBudgets(problem: PlacementProblem, evaluation: RequestEvaluation): BrokenBudget[] {
  const failing: BrokenBudget[] = [];
  problem.scenarios.forEach((s, i) => {
    const row = rowOf(problem, evaluation, i);
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

/** Has the evaluator check the chosen placement: it becomes the best accepted, or joins the rejected. */
function check(run: RecheckRun, state: SearchState): BrokenBudget[] {
  const evaluation = run.evaluate(state.chosen.assignment);
  const failing = brokenBudgets(run.problem, evaluation);
  const checked: Checked = {
    chosen: state.chosen,
    evaluation,
    bounds: [...state.bounds],
    excess: failing.reduce((sum, f) => sum + f.excess, 0),
    failing: failing.map((f) => f.text),
  };
  if (failing.length === 0) {
    if (!state.accepted || checked.chosen.assessment.objective < state.accepted.chosen.assessment.objective)
      state.accepted = checked;
  } else {
    state.rejected.push(state.chosen.assignment);
    if (!state.leastBroken || checked.excess < state.leastBroken.excess) state.leastBroken = checked;
  }
  return failing;
}

/** Takes a MILP solution as the placement chosen, with the solver's bound and gap. */
export function acceptSolution(
  run: RecheckRun,
  state: SearchState,
  solved: Solved & { assignment: number[][] },
  bounds: readonly number[],
): void {
  state.chosen = {
    assignment: solved.assignment,
    assessment: run.assess(solved.assignment, bounds),
    foundBy: 'milp',
  };
  state.status = solved.outcome.status;
  const ties = state.chosen.assessment.objective - state.chosen.assessment.primary;
  state.bound = solved.outcome.bound === undefined ? null : solved.outcome.bound - ties;
  state.gap = solved.outcome.gap ?? null;
}

/**
 * The search: while the evaluator finds a budget broken, tighten that scenario's bound by the
 * excess, exclude the placement and solve again, a bounded number of times.
 */
export async function recheckBudgets(run: RecheckRun, state: SearchState): Promise<void> {
  for (let round = 1; ; round++) {
    const failing = check(run, state);
    if (failing.length === 0) {
      if (round > 1) state.rechecks.push({ round, failing: [], action: 'accepted: every budget holds' });
      return;
    }
    const texts = failing.map((f) => f.text);
    if (round > run.recheckRounds) {
      state.rechecks.push({ round, failing: texts, action: 'stopped: no rounds left' });
      return;
    }
    for (const f of failing) {
      const model = itemOrThrow(state.chosen.assessment.scenarioMs, f.i, 'scenario latency');
      state.bounds[f.i] = Math.min(
        itemOrThrow(state.bounds, f.i, 'bound'),
        model - f.excess - TIGHTEN_MARGIN_MS,
      );
    }
    state.tightened = true;
    state.rechecks.push({
      round,
      failing: texts,
      action: `tightened the mean-based bound of ${failing.map((f) => `${run.problem.scenarios[f.i]?.requestId} from ${run.problem.scenarios[f.i]?.metroId} to ${itemOrThrow(state.bounds, f.i, 'bound').toFixed(1)} ms`).join(', ')}, excluded this placement, solved again`,
    });
    const next = await run.solve(state.bounds, state.rejected);
    if (!next.assignment) {
      state.rechecks.push({
        round: round + 1,
        failing: [],
        action:
          next.outcome.status === 'infeasible'
            ? 'no other placement meets the tightened bounds'
            : `the MILP found no other placement before its ${next.outcome.status.replace('-', ' ')}`,
      });
      if (next.outcome.status !== 'infeasible') state.status = next.outcome.status;
      return;
    }
    acceptSolution(run, state, { ...next, assignment: next.assignment }, state.bounds);
  }
}

/** True when the two lists of bounds are the same. */
function sameBounds(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The proof: under the safe bounds and without the placements the evaluator rejected, no placement
 * of lower objective than the best accepted may be left; each one found is checked in turn. Skipped
 * when the search proved as much already: its first solve, under the safe bounds, found the
 * placement the evaluator accepted.
 */
export async function proveBest(
  run: RecheckRun,
  state: SearchState,
  searchBounds: readonly number[],
): Promise<void> {
  const solverStopped = state.status !== 'optimal' && state.status !== 'infeasible';
  if (solverStopped || state.chosen.foundBy === 'heuristic') return;
  if (
    state.accepted &&
    !state.tightened &&
    state.rejected.length === 0 &&
    sameBounds(searchBounds, run.safeBounds)
  ) {
    state.proven = true;
    return;
  }
  let round = state.rechecks.length > 0 ? (state.rechecks[state.rechecks.length - 1]?.round ?? 0) + 1 : 1;
  for (let k = 0; k < run.proofRounds; k++, round++) {
    const best = state.accepted?.chosen.assessment.objective;
    const below = best === undefined ? undefined : best - 1e-7 * Math.max(1, Math.abs(best));
    const next = await run.solve(run.safeBounds, state.rejected, below);
    if (!next.assignment) {
      settle(state, next.outcome.status, round);
      return;
    }
    acceptSolution(run, state, { ...next, assignment: next.assignment }, run.safeBounds);
    state.bounds.splice(0, state.bounds.length, ...run.safeBounds);
    const failing = check(run, state);
    state.rechecks.push({
      round,
      failing: failing.map((f) => f.text),
      action:
        failing.length === 0
          ? 'a placement of lower objective meets every budget: it is proposed; solved again for a better one'
          : "a placement of lower objective within the budgets' bounds breaks a budget: excluded, solved again",
    });
  }
  state.status = 'recheck-limit';
  state.rechecks.push({
    round,
    failing: [],
    action: `stopped: ${run.proofRounds} rounds did not rule out every placement of lower objective; the placement is the best found, not proven best`,
  });
}

/** The proof's last solve found nothing: the best accepted is proven, or that none is; or the solver stopped. */
function settle(state: SearchState, status: SolveOutcome['status'], round: number): void {
  if (status !== 'infeasible') {
    state.status = status;
    state.rechecks.push({
      round,
      failing: [],
      action: `the MILP found no placement of lower objective before its ${status.replace('-', ' ')}: the placement is the best found, not proven best`,
    });
    return;
  }
  state.proven = true;
  state.status = state.accepted ? 'optimal' : 'infeasible';
  if (state.rechecks.length === 0 && state.rejected.length === 0) return;
  state.rechecks.push({
    round,
    failing: [],
    action: state.accepted
      ? "accepted: every budget holds, and no placement of lower objective meets the budgets' bounds but those the evaluator rejected"
      : "none left: every placement within the budgets' bounds that the evaluator checked breaks a budget",
  });
}

/** The placement proposed after the re-checks, and why none meets the budgets when none does. */
export function concludeRechecks(state: SearchState): RequestEvaluation | undefined {
  const { accepted, leastBroken } = state;
  if (accepted) {
    state.chosen = accepted.chosen;
    state.bounds.splice(0, state.bounds.length, ...accepted.bounds);
    if (state.proven) state.status = 'optimal';
    return accepted.evaluation;
  }
  if (!leastBroken) return undefined;
  state.chosen = leastBroken.chosen;
  state.bounds.splice(0, state.bounds.length, ...leastBroken.bounds);
  const checked = state.rejected.length;
  state.infeasible.push(
    state.proven
      ? {
          kind: 'budget',
          message: `no placement meets every budget by the evaluator: of the placements within the budgets' bounds, the ${checked} it checked each break one, and no other is left; the one that breaks them least (proposed below) breaks ${leastBroken.failing.join('; ')}`,
        }
      : {
          kind: 'limit',
          message: `no placement found meets every budget by the evaluator in ${checked} checked (proposed below, the one that breaks them least: ${leastBroken.failing.join('; ')}); the re-checks ran out before ruling out the rest`,
        },
  );
  if (state.proven) state.status = 'infeasible';
  return leastBroken.evaluation;
}
