/**
 * The decision summary: what the report says to do, before any detail. Each latency budget per
 * request and metro, held or broken and by how many milliseconds; the lint finding that costs the
 * most milliseconds; and, with a placement (`report --place`), what it changes per metro (p99 today
 * and proposed) and the headline latency it optimises, defined here and shown in the same rows.
 * Built from the report's own parts, so `--json`, the text and the page carry the same figures.
 */
import type { RequestLatency } from '../app/index.js';
import type { LintFinding } from '../lint/index.js';
import type { PlacementReport } from './placement.js';

/** One request and metro with a budget: held or broken, and by how much. */
export interface BudgetVerdict {
  readonly request: string;
  readonly metro: string;
  /** The metro's share of the request's users. */
  readonly share: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p99BudgetMs: number | null;
  readonly p50BudgetMs: number | null;
  readonly held: boolean;
  /**
   * The tightest budget minus its figure (p99 against the p99 budget, p50 against the p50 budget),
   * in ms: positive, held with that much to spare; negative, broken by that much.
   */
  readonly marginMs: number;
}

/** What the proposed placement changes for one request and metro. */
export interface PlacementMetroChange {
  readonly request: string;
  readonly metro: string;
  /** Weight in the headline latency: the metro's share of the request's users over the number of requests. */
  readonly weight: number;
  readonly p99TodayMs: number;
  readonly p99ProposedMs: number;
  /** The mean-based latency (the placement's measure) today and proposed. */
  readonly modelTodayMs: number;
  readonly modelProposedMs: number;
  readonly p99BudgetMs: number | null;
  readonly heldToday: boolean;
  readonly heldProposed: boolean;
}

/** The summary the page shows first (`decisions` of `footprint report --json`). */
export interface DecisionSummary {
  /** Every request and metro with a budget, the most broken first. */
  readonly budgets: readonly BudgetVerdict[];
  readonly findings: { readonly errors: number; readonly warnings: number; readonly notes: number };
  /** The finding that costs the most milliseconds; null when none is costed in ms. */
  readonly worstFinding: {
    readonly rule: string;
    readonly severity: LintFinding['severity'];
    readonly costMs: number;
    readonly message: string;
    readonly fix: string;
  } | null;
  /**
   * What the design's instances cost an hour, as the estate places them, at the placement's
   * instance-hour prices (the estate's `placement.instanceHourUsd`, else illustrative defaults).
   */
  readonly cost: { readonly usdPerHour: number; readonly instances: number };
  /** With `report --place`: what the proposed placement changes. */
  readonly placement?: {
    /** False when no placement is proposed (the rules clash, or every service stays). */
    readonly proposed: boolean;
    /** The services that move, with their places today and proposed. */
    readonly moves: readonly {
      readonly service: string;
      readonly today: readonly string[];
      readonly proposed: readonly string[];
    }[];
    /**
     * The headline latency: the users-weighted mean, over requests and metros, of each request's
     * mean-based latency (the sum of `weight x modelMs` of `metros`); what placement minimises.
     */
    readonly latencyMs: { readonly today: number; readonly proposed: number };
    readonly costUsdPerHour: { readonly today: number; readonly proposed: number };
    readonly metros: readonly PlacementMetroChange[];
  };
}

/** How the headline latency is defined, in the words the text report and the page use. */
export const HEADLINE_LATENCY =
  "users-weighted mean latency: each request's mean-based latency per metro, weighted by the metro's share of its users (each request counts once)";

/**
 * The decision summary of a report's requests, findings and, when given, placement.
 * @example decisionSummary(report.requests, report.findings).budgets.filter((b) => !b.held)
 */
export function decisionSummary(
  requests: readonly RequestLatency[],
  findings: readonly LintFinding[],
  placement?: PlacementReport,
  cost: DecisionSummary['cost'] = { usdPerHour: 0, instances: 0 },
): DecisionSummary {
  const budgets = requests
    .filter((r) => r.budgetMs !== null || r.p50BudgetMs !== null)
    .map(budgetVerdict)
    .sort((a, b) => a.marginMs - b.marginMs || a.request.localeCompare(b.request));
  const costed = findings
    .filter((f): f is LintFinding & { costMs: number } => f.costMs !== undefined)
    .sort((a, b) => b.costMs - a.costMs || a.rule.localeCompare(b.rule));
  const worst = costed[0];
  const count = (severity: LintFinding['severity']) => findings.filter((f) => f.severity === severity).length;
  return {
    budgets,
    findings: { errors: count('error'), warnings: count('warning'), notes: count('note') },
    worstFinding: worst
      ? {
          rule: worst.rule,
          severity: worst.severity,
          costMs: worst.costMs,
          message: worst.message,
          fix: worst.fix,
        }
      : null,
    cost,
    ...(placement ? { placement: placementChanges(placement) } : {}),
  };
}

function budgetVerdict(r: RequestLatency): BudgetVerdict {
  const margins = [
    ...(r.budgetMs !== null ? [r.budgetMs - r.p99Ms] : []),
    ...(r.p50BudgetMs !== null ? [r.p50BudgetMs - r.p50Ms] : []),
  ];
  return {
    request: r.request,
    metro: r.metro,
    share: r.share,
    p50Ms: r.p50Ms,
    p99Ms: r.p99Ms,
    p99BudgetMs: r.budgetMs,
    p50BudgetMs: r.p50BudgetMs,
    held: r.ok,
    marginMs: Math.min(...margins),
  };
}

function placementChanges(p: PlacementReport): NonNullable<DecisionSummary['placement']> {
  const proposed = p.objective.foundBy !== 'today';
  return {
    proposed,
    moves: proposed
      ? p.services
          .filter((s) => s.moved)
          .map((s) => ({
            service: s.service,
            today: s.today.map((x) => x.place),
            proposed: s.proposed.map((x) => x.place),
          }))
      : [],
    latencyMs: p.objective.latencyMs,
    costUsdPerHour: p.objective.costUsdPerHour,
    metros: p.budgets.map((b) => ({
      request: b.request,
      metro: b.metro,
      weight: b.weight,
      p99TodayMs: b.today.p99Ms,
      p99ProposedMs: b.proposed.p99Ms,
      modelTodayMs: b.todayModelMs,
      modelProposedMs: b.modelMs,
      p99BudgetMs: b.p99BudgetMs,
      heldToday: b.today.ok,
      heldProposed: b.proposed.ok,
    })),
  };
}
