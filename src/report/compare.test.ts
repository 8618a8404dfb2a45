import { describe, expect, it } from 'vitest';
import { compareReports } from './compare.js';
import { renderComparisonReport } from './compare-text.js';
import type { EstateReport } from './estate.js';

type Budget = { request: string; metro: string; p50Ms: number; p99Ms: number; held: boolean };
type Finding = { rule: string; elements: string[]; costMs?: number };

/** The parts of a report the comparison reads; the rest is never touched. */
function report(
  name: string,
  budgets: Budget[],
  findings: Finding[],
  expectations: { from: string; to: string; rttMs: number; ok: boolean }[],
  cost?: number,
): EstateReport {
  return {
    estate: { name, files: [`${name}.yaml`] },
    decisions: {
      budgets: budgets.map((b) => ({
        ...b,
        share: 1,
        p99BudgetMs: 100,
        p50BudgetMs: null,
        marginMs: 100 - b.p99Ms,
      })),
      findings: { errors: 0, warnings: findings.length, notes: 0 },
      worstFinding: null,
      ...(cost !== undefined
        ? {
            placement: {
              proposed: false,
              moves: [],
              latencyMs: { today: 0, proposed: 0 },
              costUsdPerHour: { today: cost, proposed: cost },
              metros: [],
            },
          }
        : {}),
    },
    expectations,
    findings: findings.map((f) => ({ ...f, severity: 'warning', message: 'm', fix: 'f' })),
  } as unknown as EstateReport;
}

const A = report(
  'a',
  [
    { request: 'page', metro: 'phx', p50Ms: 80, p99Ms: 120, held: false },
    { request: 'page', metro: 'lax', p50Ms: 40, p99Ms: 60, held: true },
    { request: 'buy', metro: 'phx', p50Ms: 20, p99Ms: 30, held: true },
    { request: 'old', metro: 'phx', p50Ms: 1, p99Ms: 2, held: true },
  ],
  [
    { rule: 'lz/dx-hairpin', elements: ['phx-app', 'lz'], costMs: 61.9 },
    { rule: 'redundancy/single-zone', elements: ['db'] },
  ],
  [
    { from: 'x', to: 'y', rttMs: 5, ok: true },
    { from: 'x', to: 'z', rttMs: 50, ok: false },
  ],
  1.5,
);
const B = report(
  'b',
  [
    { request: 'page', metro: 'phx', p50Ms: 50, p99Ms: 90.25, held: true },
    { request: 'page', metro: 'lax', p50Ms: 45, p99Ms: 110, held: false },
    { request: 'buy', metro: 'phx', p50Ms: 20, p99Ms: 30, held: true },
  ],
  [
    { rule: 'redundancy/single-zone', elements: ['db'] },
    { rule: 'lz/dx-hairpin', elements: ['lax-app', 'lz'], costMs: 49.2 },
  ],
  [
    { from: 'x', to: 'y', rttMs: 6, ok: true },
    { from: 'x', to: 'z', rttMs: 20, ok: true },
  ],
  2.25,
);

describe('compareReports', () => {
  const c = compareReports(A, B);

  it('gives B minus A per request and metro, the largest p99 improvement first, one-sided rows last', () => {
    expect(c.budgets.map((x) => [x.request, x.metro, x.p99DeltaMs, x.p50DeltaMs])).toEqual([
      ['page', 'phx', -29.75, -30],
      ['buy', 'phx', 0, 0],
      ['page', 'lax', 50, 5],
      ['old', 'phx', null, null],
    ]);
    expect(c.budgets[3]?.b).toBeNull();
    expect(c.budgetsHeld).toEqual({ a: 3, b: 2 });
  });

  it('names the verdicts that changed, and only those', () => {
    expect(
      c.budgets.filter((x) => x.verdictChange).map((x) => [x.metro, x.request, x.verdictChange]),
    ).toEqual([
      ['phx', 'page', 'fixed'],
      ['lax', 'page', 'broken'],
    ]);
  });

  it('lists the findings only one design has, by rule and elements', () => {
    expect(c.findings.onlyInA.map((f) => [f.rule, f.elements[0], f.costMs])).toEqual([
      ['lz/dx-hairpin', 'phx-app', 61.9],
    ]);
    expect(c.findings.onlyInB.map((f) => [f.rule, f.elements[0]])).toEqual([['lz/dx-hairpin', 'lax-app']]);
    expect(c.findings.inBoth).toBe(1);
  });

  it('counts the expected figures that hold in each, and the cost per hour when both have it', () => {
    expect(c.expectations.held).toEqual({ a: 1, b: 2 });
    expect(c.expectations.total).toEqual({ a: 2, b: 2 });
    expect(c.costUsdPerHour).toEqual({ a: 1.5, b: 2.25, deltaUsd: 0.75 });
    expect(compareReports(A, report('c', [], [], [])).costUsdPerHour).toBeNull();
  });

  it('is antisymmetric: A against B is minus B against A', () => {
    const back = compareReports(B, A);
    const p99 = (x: typeof c, m: string) =>
      x.budgets.find((r) => r.request === 'page' && r.metro === m)?.p99DeltaMs;
    expect(p99(back, 'phx')).toBeCloseTo(29.75, 9);
    expect(p99(back, 'lax')).toBeCloseTo(-50, 9);
    expect(back.budgets.find((r) => r.metro === 'phx' && r.request === 'page')?.verdictChange).toBe('broken');
  });

  it('renders the changed verdicts marked, the improvement first', () => {
    const text = renderComparisonReport(c);
    expect(text.split('\n')[0]).toBe(
      'Comparison: a against b (differences are B minus A; negative: B is faster)',
    );
    const rows = text.split('\n').filter((l) => / · (phx|lax)/.test(l));
    expect(rows[0]).toMatch(/^ {4}\* {2}page · phx .* -29\.8 .* broken {2}held$/);
    expect(rows[1]).toMatch(/^ {7}buy · phx .* 0 /);
    expect(rows[2]).toMatch(/^ {4}\* {2}page · lax .* \+50\.0 .* held {4}broken$/);
    expect(text).toContain('2 verdict(s) changed (*)');
    expect(text).toContain('* x -> z: 50.0 ms fails in A, 20.0 ms holds in B');
    expect(text).toContain('instance cost: 1.50 USD/h in A, 2.25 in B (+0.75)');
  });
});
