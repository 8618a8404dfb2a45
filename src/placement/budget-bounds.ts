/**
 * The budgets as bounds on the mean-based latency, which the MILP can hold a placement to.
 *
 * The evaluator's p99 (or p50) and the mean-based latency differ by a gap that in general depends
 * on the placement: a parallel group's slowest branch, a cache's hits and misses, spread routing's
 * choice of place each mix the network's share with compute's in ways a placement changes. But in a
 * call tree with none of them (calls in series, fan-outs, nearest or primary routing), every draw is
 * the placement's network and payload time, the same for every draw, plus compute time drawn the
 * same way whatever the placement: the evaluator draws the same compute for every placement (one
 * seeded stream per request and metro, leaves in the same order). The gap is then the same for
 * every placement, and today's gives the exact bound: a placement meets the budget if and only if
 * its mean-based latency is within `budget - gap`.
 *
 * Otherwise the p99 budget itself bounds the mean-based latency (the mean-based latency is a lower
 * bound of the mean, and of the p99 for the tails compute times have), and a p50 budget gives no
 * safe bound: the evaluator's re-checks decide. For the search, a p50 budget is taken as a bound
 * with today's mean-over-median gap, a heuristic the proof then goes without.
 */
import type { RequestEvaluation, RequestLatency } from '../app/index.js';
import { itemOrThrow } from '../errors.js';
import type { Assessment } from './assess.js';
import type { PlacementProblem, Scenario } from './problem.js';

/** Slack on an exact bound against rounding (ms): a placement within it is left to the evaluator. */
const EXACT_SLACK_MS = 1e-6;

/** The evaluator's row of a scenario. */
export function rowOf(problem: PlacementProblem, evaluation: RequestEvaluation, i: number): RequestLatency {
  const s = problem.scenarios[i];
  const row = evaluation.requests.find((r) => r.request === s?.requestId && r.metro === s?.metroId);
  if (!row) throw new Error(`no evaluation of scenario ${i}`);
  return row;
}

/**
 * True when the gap between the evaluator's percentiles and the mean-based latency of a scenario is
 * the same for every placement: no parallel group, no cache that sometimes hits, no spread routing
 * over several places.
 */
export function hasFixedGap(problem: PlacementProblem, scenario: Scenario): boolean {
  const tree = itemOrThrow(problem.trees, scenario.request, 'call tree');
  if (tree.groups > 0) return false;
  return tree.nodes.every((node) => {
    if (node.cacheHitRatio > 0 && node.cacheHitRatio < 1) return false;
    const service = itemOrThrow(problem.services, node.service, 'service');
    const places = service.pinned ? service.today.length : service.maxPlaces;
    return !(service.routing === 'spread' && places > 1);
  });
}

/** The budgets' bounds on the mean-based latency: `safe` for proofs, `search` to look with. */
export interface BudgetBounds {
  /** Every placement the evaluator accepts meets them. */
  readonly safe: readonly number[];
  /** Tighter where a p50 budget gives no safe bound: today's mean-over-median gap taken as a guide. */
  readonly search: readonly number[];
  /** Scenarios whose gap is the same for every placement (their bounds are exact). */
  readonly exact: readonly boolean[];
  /** Which budget the safe bound comes from, when one does. */
  readonly binding: readonly ('p99' | 'p50' | undefined)[];
  /** For an exact bound, the gap between that percentile and the mean-based latency (ms); else 0. */
  readonly gap: readonly number[];
}

/** Each scenario's budgets as bounds on its mean-based latency, from today's figures. */
export function budgetBounds(
  problem: PlacementProblem,
  today: Assessment,
  todayEvaluation: RequestEvaluation,
): BudgetBounds {
  const exact = problem.scenarios.map((s) => hasFixedGap(problem, s));
  const none = Number.POSITIVE_INFINITY;
  const safe: number[] = [];
  const search: number[] = [];
  const binding: ('p99' | 'p50' | undefined)[] = [];
  const gap: number[] = [];
  problem.scenarios.forEach((s, i) => {
    const row = rowOf(problem, todayEvaluation, i);
    const model = itemOrThrow(today.scenarioMs, i, 'scenario latency');
    if (exact[i]) {
      const p99 = s.p99BudgetMs === null ? none : s.p99BudgetMs - (row.p99Ms - model) + EXACT_SLACK_MS;
      const p50 = s.p50BudgetMs === null ? none : s.p50BudgetMs - (row.p50Ms - model) + EXACT_SLACK_MS;
      safe.push(Math.min(p99, p50));
      search.push(Math.min(p99, p50));
      const which = s.p99BudgetMs === null && s.p50BudgetMs === null ? undefined : p99 <= p50 ? 'p99' : 'p50';
      binding.push(which);
      gap.push(which === 'p99' ? row.p99Ms - model : which === 'p50' ? row.p50Ms - model : 0);
      return;
    }
    const p50 = s.p50BudgetMs === null ? none : s.p50BudgetMs + Math.max(0, row.meanMs - row.p50Ms);
    safe.push(s.p99BudgetMs ?? none);
    search.push(Math.min(s.p99BudgetMs ?? none, p50));
    binding.push(s.p99BudgetMs === null ? undefined : 'p99');
    gap.push(0);
  });
  return { safe, search, exact, binding, gap };
}
