/**
 * Two designs side by side (`footprint report A --against B`): per request and metro, each
 * design's p50 and p99 and the difference (B minus A, in ms), held or broken in each and which
 * verdicts changed; the lint findings only one design has (by rule and elements); the expected
 * figures that hold in each; and the instance cost per hour when both reports carry a placement.
 * Pure: built from two estate reports; `compare-text.ts` renders it.
 */
import type { EstateReport } from './estate.js';

/** One design's figures for a request and metro. */
export interface ComparedBudgetSide {
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly held: boolean;
  readonly marginMs: number;
}

/** A request and metro with a budget in either design. */
export interface ComparedBudget {
  readonly request: string;
  readonly metro: string;
  /** Null when this design has no budget for the request and metro. */
  readonly a: ComparedBudgetSide | null;
  readonly b: ComparedBudgetSide | null;
  /** B minus A, in ms: negative, B is faster; null when one side has no figure. */
  readonly p50DeltaMs: number | null;
  readonly p99DeltaMs: number | null;
  /** `fixed` (broken in A, held in B), `broken` (held in A, broken in B), or null (same, or one side only). */
  readonly verdictChange: 'fixed' | 'broken' | null;
}

/** A lint finding, by rule and elements. */
export interface ComparedFinding {
  readonly rule: string;
  readonly severity: string;
  readonly elements: readonly string[];
  readonly costMs: number | null;
  readonly message: string;
}

/** An expected figure (from -> to), checked in each design; null where a design does not expect it. */
export interface ComparedExpectation {
  readonly from: string;
  readonly to: string;
  readonly a: { readonly rttMs: number; readonly ok: boolean } | null;
  readonly b: { readonly rttMs: number; readonly ok: boolean } | null;
}

/** The comparison of design B against design A (`comparison` of `report --against --json`). */
export interface ReportComparison {
  readonly a: { readonly name: string; readonly files: readonly string[] };
  readonly b: { readonly name: string; readonly files: readonly string[] };
  /** Every request and metro with a budget, the largest p99 improvement (most negative delta) first. */
  readonly budgets: readonly ComparedBudget[];
  readonly budgetsHeld: { readonly a: number; readonly b: number };
  readonly findings: {
    readonly onlyInA: readonly ComparedFinding[];
    readonly onlyInB: readonly ComparedFinding[];
    readonly inBoth: number;
  };
  readonly expectations: {
    readonly held: { readonly a: number; readonly b: number };
    readonly total: { readonly a: number; readonly b: number };
    readonly rows: readonly ComparedExpectation[];
  };
  /**
   * Each design's instance cost per hour as it places its services, at the placement's prices
   * (`decisions.cost`); null when a report carries none.
   */
  readonly costUsdPerHour: { readonly a: number; readonly b: number; readonly deltaUsd: number } | null;
}

/**
 * Compares design B against design A: every difference is B minus A.
 * @example
 * const c = compareReports(buildEstateReport(loadEstate(a)), buildEstateReport(loadEstate(b)));
 * c.budgets.filter((x) => x.verdictChange === 'fixed') // budgets B holds that A breaks
 */
export function compareReports(a: EstateReport, b: EstateReport): ReportComparison {
  const held = (r: EstateReport) => r.decisions.budgets.filter((x) => x.held).length;
  const heldExp = (r: EstateReport) => r.expectations.filter((e) => e.ok).length;
  // Each design's instances at the placement's prices, as the report gives them (older reports:
  // their placement's figure for today).
  const costA = a.decisions.cost?.usdPerHour ?? a.decisions.placement?.costUsdPerHour.today;
  const costB = b.decisions.cost?.usdPerHour ?? b.decisions.placement?.costUsdPerHour.today;
  return {
    a: { name: a.estate.name, files: a.estate.files },
    b: { name: b.estate.name, files: b.estate.files },
    budgets: compareBudgets(a, b),
    budgetsHeld: { a: held(a), b: held(b) },
    findings: compareFindings(a, b),
    expectations: {
      held: { a: heldExp(a), b: heldExp(b) },
      total: { a: a.expectations.length, b: b.expectations.length },
      rows: compareExpectations(a, b),
    },
    costUsdPerHour:
      costA !== undefined && costB !== undefined ? { a: costA, b: costB, deltaUsd: costB - costA } : null,
  };
}

function compareBudgets(a: EstateReport, b: EstateReport): ComparedBudget[] {
  const key = (x: { request: string; metro: string }) => `${x.request}\u0000${x.metro}`;
  const side = (x: ComparedBudgetSide): ComparedBudgetSide => ({
    p50Ms: x.p50Ms,
    p99Ms: x.p99Ms,
    held: x.held,
    marginMs: x.marginMs,
  });
  const rows = new Map<
    string,
    { request: string; metro: string; a: ComparedBudgetSide | null; b: ComparedBudgetSide | null }
  >();
  for (const x of a.decisions.budgets)
    rows.set(key(x), { request: x.request, metro: x.metro, a: side(x), b: null });
  for (const x of b.decisions.budgets) {
    const row = rows.get(key(x));
    if (row) row.b = side(x);
    else rows.set(key(x), { request: x.request, metro: x.metro, a: null, b: side(x) });
  }
  const out: ComparedBudget[] = [...rows.values()].map((r) => ({
    ...r,
    p50DeltaMs: r.a && r.b ? r.b.p50Ms - r.a.p50Ms : null,
    p99DeltaMs: r.a && r.b ? r.b.p99Ms - r.a.p99Ms : null,
    verdictChange: r.a && r.b && r.a.held !== r.b.held ? (r.b.held ? 'fixed' : 'broken') : null,
  }));
  const order = (d: number | null) => (d === null ? Number.POSITIVE_INFINITY : d);
  return out.sort(
    (x, y) =>
      order(x.p99DeltaMs) - order(y.p99DeltaMs) ||
      x.request.localeCompare(y.request) ||
      x.metro.localeCompare(y.metro),
  );
}

function compareFindings(a: EstateReport, b: EstateReport): ReportComparison['findings'] {
  const key = (f: { rule: string; elements: readonly string[] }) => `${f.rule}\u0000${f.elements.join(',')}`;
  const keysA = new Set(a.findings.map(key));
  const keysB = new Set(b.findings.map(key));
  const shown = (f: EstateReport['findings'][number]): ComparedFinding => ({
    rule: f.rule,
    severity: f.severity,
    elements: f.elements,
    costMs: f.costMs ?? null,
    message: f.message,
  });
  return {
    onlyInA: a.findings.filter((f) => !keysB.has(key(f))).map(shown),
    onlyInB: b.findings.filter((f) => !keysA.has(key(f))).map(shown),
    inBoth: a.findings.filter((f) => keysB.has(key(f))).length,
  };
}

function compareExpectations(a: EstateReport, b: EstateReport): ComparedExpectation[] {
  const key = (e: { from: string; to: string }) => `${e.from}\u0000${e.to}`;
  const rows = new Map<
    string,
    { from: string; to: string; a: ComparedExpectation['a']; b: ComparedExpectation['b'] }
  >();
  for (const e of a.expectations)
    rows.set(key(e), { from: e.from, to: e.to, a: { rttMs: e.rttMs, ok: e.ok }, b: null });
  for (const e of b.expectations) {
    const row = rows.get(key(e));
    if (row) row.b = { rttMs: e.rttMs, ok: e.ok };
    else rows.set(key(e), { from: e.from, to: e.to, a: null, b: { rttMs: e.rttMs, ok: e.ok } });
  }
  return [...rows.values()];
}
