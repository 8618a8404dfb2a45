/**
 * Latency budgets, checked: each budget of the estate against each metro it covers, with what the
 * evaluation measured. `footprint check` turns these into an exit code and a JUnit report.
 */
import type { Estate, LatencyBudget } from '../model/index.js';
import type { RequestEvaluation, RequestLatency } from './evaluate.js';

/** One budget for one metro, checked. */
export interface BudgetCheck {
  readonly request: string;
  readonly metro: string;
  /** The bounds the budget sets. */
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly note?: string;
  /** `file:line` of the budget in the estate, when known. */
  readonly location?: string;
  readonly ok: boolean;
  /** What broke, e.g. `p99 187.3 ms > 100 ms`; empty when the budget holds. */
  readonly failures: readonly string[];
  /** What the evaluation measured for this request and metro. */
  readonly latency: RequestLatency;
}

/**
 * Checks every budget against an evaluation of the estate. A budget without a metro is checked for
 * every metro of its request.
 * @example checkBudgets(estate, evaluateRequests(estate)).filter((c) => !c.ok)
 */
export function checkBudgets(estate: Estate, evaluation: RequestEvaluation): BudgetCheck[] {
  const checks: BudgetCheck[] = [];
  for (const budget of estate.budgets) {
    const rows = evaluation.requests.filter(
      (r) => r.request === budget.request && (budget.metro === undefined || r.metro === budget.metro),
    );
    for (const latency of rows) checks.push(check(estate, budget, latency));
  }
  return checks;
}

function check(estate: Estate, budget: LatencyBudget, latency: RequestLatency): BudgetCheck {
  const failures: string[] = [];
  const fmt = (v: number) => (Math.round(v * 10) / 10).toFixed(1);
  if (budget.p50Ms !== undefined && latency.p50Ms > budget.p50Ms)
    failures.push(`p50 ${fmt(latency.p50Ms)} ms > ${budget.p50Ms} ms`);
  if (budget.p99Ms !== undefined && latency.p99Ms > budget.p99Ms)
    failures.push(`p99 ${fmt(latency.p99Ms)} ms > ${budget.p99Ms} ms`);
  const at = estate.source?.locate(budget.path);
  return {
    request: budget.request,
    metro: latency.metro,
    ...(budget.p50Ms !== undefined ? { p50Ms: budget.p50Ms } : {}),
    ...(budget.p99Ms !== undefined ? { p99Ms: budget.p99Ms } : {}),
    ...(budget.note !== undefined ? { note: budget.note } : {}),
    ...(at ? { location: `${at.file}:${at.line}` } : {}),
    ok: failures.length === 0,
    failures,
    latency,
  };
}
