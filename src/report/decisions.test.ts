import { describe, expect, it } from 'vitest';
import type { RequestLatency } from '../app/index.js';
import type { LintFinding } from '../lint/index.js';
import { decisionSummary } from './decisions.js';
import { decisionsSection } from './decisions-text.js';

function latency(
  metro: string,
  p50Ms: number,
  p99Ms: number,
  budgetMs: number | null,
  p50BudgetMs: number | null = null,
): RequestLatency {
  const ok = (budgetMs === null || p99Ms <= budgetMs) && (p50BudgetMs === null || p50Ms <= p50BudgetMs);
  return {
    request: 'page',
    name: 'page',
    metro,
    share: 0.5,
    entry: 'az',
    meanMs: p50Ms,
    p50Ms,
    p99Ms,
    budgetMs,
    p50BudgetMs,
    ok,
    criticalPath: [],
  };
}

function finding(rule: string, costMs?: number): LintFinding {
  return {
    rule,
    severity: 'warning',
    message: `${rule} found`,
    elements: [],
    fix: 'fix it',
    ...(costMs !== undefined ? { costMs } : {}),
  };
}

describe('decisionSummary', () => {
  it('gives each budget its margin, the most broken first, and leaves out requests without one', () => {
    const summary = decisionSummary(
      [
        latency('metro:a', 40, 90, 100),
        latency('metro:b', 60, 130, 100),
        latency('metro:c', 30, 50, null),
        // A p50 budget broken while the p99 one holds: the tightest margin counts.
        latency('metro:d', 45, 95, 100, 40),
      ],
      [],
    );
    expect(summary.budgets.map((b) => [b.metro, b.held, b.marginMs])).toEqual([
      ['metro:b', false, -30],
      ['metro:d', false, -5],
      ['metro:a', true, 10],
    ]);
    expect(summary.worstFinding).toBeNull();
    expect(summary.placement).toBeUndefined();
    const text = decisionsSection(summary).join('\n');
    expect(text).toContain('latency budgets: 1 of 3 hold');
    expect(text).toMatch(/page · metro:b\s+130\.0\s+p99 <= 100\s+broken by 30\.0 ms/);
    expect(text).toMatch(/page · metro:a\s+90\.0\s+p99 <= 100\s+held, 10\.0 ms to spare/);
    expect(text).toContain('lint: no findings');
  });

  it('names the finding that costs the most milliseconds, and counts those without a cost', () => {
    const summary = decisionSummary(
      [],
      [finding('a', 12.5), finding('b'), finding('c', 61.9), finding('d', 3)],
    );
    expect(summary.worstFinding).toMatchObject({ rule: 'c', costMs: 61.9, fix: 'fix it' });
    expect(summary.findings).toEqual({ errors: 0, warnings: 4, notes: 0 });
    expect(decisionSummary([], [finding('b')]).worstFinding).toBeNull();
    expect(decisionsSection(decisionSummary([], [finding('b')])).join('\n')).toContain(
      'none costed in milliseconds',
    );
  });
});
