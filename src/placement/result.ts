/**
 * What `footprint place` answers, as plain data: where each service runs today and where it should,
 * how the objective and the requests' latency change, how sure the solver is, and why not when no
 * placement can meet the budgets.
 */
import type { RequestLatency } from '../app/index.js';
import type { CandidateSummary } from './build.js';
import type { ObjectiveKind } from './objective.js';
import type { SolveStatus } from './solver.js';

/** Instances at one place. */
export interface PlacedInstances {
  readonly place: string;
  readonly instances: number;
}

/** One service's placement today and proposed. */
export interface ServicePlacementChange {
  readonly service: string;
  readonly pinned: boolean;
  readonly today: readonly PlacedInstances[];
  readonly proposed: readonly PlacedInstances[];
  /** True when the places change (instances alone do not count). */
  readonly moved: boolean;
  /** How many candidates the optimiser could choose from. */
  readonly candidates: number;
}

/** One request and metro: today, proposed, the budgets, and the mean-based figure the MILP saw. */
export interface BudgetOutcome {
  readonly request: string;
  readonly metro: string;
  readonly share: number;
  readonly p50BudgetMs: number | null;
  readonly p99BudgetMs: number | null;
  readonly today: {
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly meanMs: number;
    readonly ok: boolean;
  };
  readonly proposed: {
    readonly p50Ms: number;
    readonly p99Ms: number;
    readonly meanMs: number;
    readonly ok: boolean;
  };
  /**
   * This scenario's weight in the latency objective: its metro's share of the request's users over
   * the number of requests, so that the objective's `latencyMs` is the sum of `weight x modelMs`.
   */
  readonly weight: number;
  /** The mean-based latency today (the MILP's measure). */
  readonly todayModelMs: number;
  /** The mean-based latency of the proposed placement (the MILP's measure). */
  readonly modelMs: number;
  /**
   * The bound on the mean-based latency under which the proposed placement was found (the budget as
   * a bound, or tightened after a failed p99 check); null for none.
   */
  readonly boundMs: number | null;
}

/** How the solution was found and how good it is known to be. */
export interface ObjectiveOutcome {
  readonly kind: ObjectiveKind;
  /** Under `blend`: the weight of cost. */
  readonly costWeight?: number;
  readonly unit: string;
  readonly today: number;
  readonly proposed: number;
  /** The best proven bound on the objective (the solver's dual bound); null when unknown. */
  readonly bound: number | null;
  /** Relative gap between the proposed placement's objective and the bound; null when unknown. */
  readonly gap: number | null;
  /**
   * `optimal` (the proposed placement is the best whose budgets the evaluator accepts), `infeasible`
   * (none is), why the solver stopped, or `recheck-limit`: the evaluator's re-checks ran out before
   * every placement of lower objective was ruled out.
   */
  readonly status: SolveStatus | 'heuristic' | 'recheck-limit';
  /**
   * What `optimal` or `infeasible` holds over: `all` the placements the rules allow (the places left
   * out of the candidates are shown, by lower bounds, to be no better), or only the `candidates`
   * considered (`leftOut` then says which places could not be shown to be worse).
   */
  readonly scope: 'all' | 'candidates';
  /** Per service, the places left out of its candidates that could not be shown to be worse, nearest first. */
  readonly leftOut: readonly { readonly service: string; readonly places: readonly string[] }[];
  /** Which method found the proposed placement. */
  readonly foundBy: 'milp' | 'heuristic' | 'today';
  /**
   * True when the evaluator's p99 checks tightened some budgets' mean-based bounds to find a
   * placement that meets them. The tightening is a search heuristic: `optimal` is then proven
   * without it, over the budgets' own bounds and the placements the evaluator rejected.
   */
  readonly tightened: boolean;
  /** The weighted mean-based latency (ms) and the instance cost (USD/h), today and proposed. */
  readonly latencyMs: { readonly today: number; readonly proposed: number };
  readonly costUsdPerHour: { readonly today: number; readonly proposed: number };
}

/** One round of the evaluator's p99 check. */
export interface RecheckRound {
  readonly round: number;
  /** Budgets the evaluator found broken, e.g. `event-page from metro:phoenix: p99 104.2 ms > 100 ms`. */
  readonly failing: readonly string[];
  /** What was done: `accepted`, or the bounds tightened and the placement excluded. */
  readonly action: string;
}

/** Why no placement meets the rules. */
export interface InfeasibilityReason {
  readonly kind: 'replicas' | 'budget' | 'budgets' | 'residency' | 'capacity' | 'limit';
  readonly message: string;
  /** The budgets involved, as `request from metro`. */
  readonly budgets?: readonly string[];
}

export interface SolverFigures {
  readonly name: string;
  readonly columns: number;
  readonly rows: number;
  readonly nonzeros: number;
  readonly integers: number;
  readonly nodes: number;
  readonly lpIterations: number;
  /** Solves in all: the first, p99 re-checks, explanations. */
  readonly solves: number;
  readonly maxNodes: number;
  readonly timeLimitS: number | null;
}

/** What `placeServices` recommends: where each service runs today and proposed, the objective, the budgets, and why. */
export interface PlacementResult {
  readonly estate: string;
  readonly files: readonly string[];
  readonly seed: number;
  readonly samples: number;
  /** Where the RTTs came from: physics between zones, or the route tables between subnets. */
  readonly rtt: 'physical' | 'routed';
  /** True when the proposed placement meets every budget (by the evaluator). */
  readonly feasible: boolean;
  readonly objective: ObjectiveOutcome;
  readonly services: readonly ServicePlacementChange[];
  readonly budgets: readonly BudgetOutcome[];
  /** The evaluator's figures per request and metro, today and proposed. */
  readonly today: readonly RequestLatency[];
  readonly proposed: readonly RequestLatency[];
  readonly candidates: readonly CandidateSummary[];
  readonly rechecks: readonly RecheckRound[];
  /** The heuristic's figure, for comparison. */
  readonly heuristic: {
    readonly objective: number | null;
    readonly passes: number;
    readonly evaluated: number;
  };
  readonly solver: SolverFigures;
  readonly infeasible: readonly InfeasibilityReason[];
  readonly notes: readonly string[];
  readonly timings?: PlacementTimings;
}

/** Wall-clock figures (dropped by `--no-timings`). */
export interface PlacementTimings {
  readonly buildMs: number;
  readonly heuristicMs: number;
  readonly solveMs: number;
  readonly evaluateMs: number;
  readonly explainMs: number;
  readonly totalMs: number;
}
