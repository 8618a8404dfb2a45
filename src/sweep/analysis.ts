/**
 * What a sweep's results say: the best design for each load and outage (over the seeds), and how
 * much each parameter moves each figure (its main effect: the spread of the figure's mean across
 * the parameter's values, and the share of the figure's variance those means explain).
 *
 * A design holds at a load and outage when none of its requests failed and every source kept its
 * p99 budget, in every seed. A design that holds always ranks above one that does not, whatever
 * either costs; among designs that do not, the fewest failures, then the budget, then the cost.
 */
import type { ResultsHeader } from './parquet.js';
import { FIGURES, type Figure, PARAMETERS, type Parameter, type SweepRow } from './row.js';

/** Two designs that both drop requests, with failure shares this close, fail alike (0.1 % of requests). */
export const FAILURE_TOLERANCE = 0.001;

/** A design's figures at one load and outage, averaged over its seeds. */
export interface DesignFigures {
  readonly design: string;
  readonly points: number;
  /** Mean share of requests that succeeded. */
  readonly successRatio: number;
  /** Mean of the worst source's p99. */
  readonly p99Ms: number;
  readonly costUsd: number;
  /** Share of its points whose every source kept its p99 budget. */
  readonly withinBudget: number;
  /** No request failed and every source kept its p99 budget, in every seed. */
  readonly holds: boolean;
}

/** The best design for one load and outage, and why. */
export interface BestDesign {
  readonly load: number;
  readonly outage: string;
  readonly best: string;
  /** Whether the best design holds (no request failed, the p99 budget kept, in every seed). */
  readonly holds: boolean;
  readonly why: string;
  /** Every design, best first. */
  readonly designs: readonly DesignFigures[];
}

/** How one figure moves with one parameter. */
export interface Sensitivity {
  readonly figure: Figure;
  readonly parameter: Parameter;
  /** The largest minus the smallest of the figure's means over the parameter's values. */
  readonly range: number;
  /** The share of the figure's variance the parameter's values explain (0-1; eta squared). */
  readonly share: number;
  readonly means: readonly { readonly value: string | number; readonly mean: number }[];
}

export interface SweepReport {
  readonly name: string;
  readonly fingerprint: string;
  readonly points: number;
  readonly rows: number;
  readonly missingPoints: number;
  readonly best: readonly BestDesign[];
  readonly sensitivity: readonly Sensitivity[];
}

/**
 * The report of a sweep's results.
 * @example sweepReport(results.header, results.rows).best[0].best // 'lz-burst'
 */
export function sweepReport(header: ResultsHeader, rows: readonly SweepRow[]): SweepReport {
  return {
    name: header.name,
    fingerprint: header.fingerprint,
    points: header.points,
    rows: rows.length,
    missingPoints: header.points - rows.length,
    best: bestDesigns(rows),
    sensitivity: sensitivities(rows),
  };
}

function bestDesigns(rows: readonly SweepRow[]): BestDesign[] {
  const cells = groupBy(rows, (r) => `${r.load}\0${r.outage}`);
  const best: BestDesign[] = [];
  for (const cell of cells.values()) {
    const [first] = cell;
    if (!first) continue;
    const designs = [...groupBy(cell, (r) => r.design).entries()].map(([design, points]) =>
      figuresOf(design, points),
    );
    const ranked = rank(designs);
    const [winner] = ranked;
    if (!winner) continue;
    best.push({
      load: first.load,
      outage: first.outage,
      best: winner.design,
      holds: winner.holds,
      why: why(winner, ranked),
      designs: ranked,
    });
  }
  return best.sort((a, b) => a.load - b.load || compareText(a.outage, b.outage));
}

function figuresOf(design: string, points: readonly SweepRow[]): DesignFigures {
  return {
    design,
    points: points.length,
    successRatio: mean(points.map((p) => p.successRatio)),
    p99Ms: mean(points.map((p) => p.p99Ms)),
    costUsd: mean(points.map((p) => p.costUsd)),
    withinBudget: mean(points.map((p) => (p.meetsBudget ? 1 : 0))),
    holds: points.every((p) => p.failed === 0 && p.meetsBudget),
  };
}

/**
 * Best first: the designs that hold (cheapest first), then the rest by the fewest failures (within
 * {@link FAILURE_TOLERANCE} of the fewest count as equal, but a design that drops nothing never ties
 * with one that drops requests), then the most points within the p99 budget, then the cheapest,
 * then the fastest, then by id.
 */
function rank(designs: readonly DesignFigures[]): DesignFigures[] {
  const fewest = Math.min(...designs.map(failedShare));
  const fails = (d: DesignFigures) => {
    const share = failedShare(d);
    if (share === fewest) return 0;
    return fewest > 0 && share <= fewest + FAILURE_TOLERANCE ? 0 : share;
  };
  return [...designs].sort(
    (a, b) =>
      Number(b.holds) - Number(a.holds) ||
      fails(a) - fails(b) ||
      b.withinBudget - a.withinBudget ||
      a.costUsd - b.costUsd ||
      a.p99Ms - b.p99Ms ||
      compareText(a.design, b.design),
  );
}

function why(winner: DesignFigures, ranked: readonly DesignFigures[]): string {
  const runnerUp = ranked[1];
  const verdict = winner.holds
    ? `holds (p99 ${winner.p99Ms.toFixed(1)} ms)`
    : `none holds; ${percentFailed(winner)}, within the p99 budget in ${pct(winner.withinBudget)} of seeds`;
  if (!runnerUp) return `${verdict}; the only design`;
  if (winner.holds && !runnerUp.holds)
    return `${verdict}; the next, ${runnerUp.design}, ${brokenBy(runnerUp)}`;
  if (!winner.holds && fewerFailures(winner, runnerUp))
    return `${verdict}; ${runnerUp.design}: ${percentFailed(runnerUp)}`;
  if (winner.withinBudget > runnerUp.withinBudget)
    return `${verdict}; ${runnerUp.design} within it in ${pct(runnerUp.withinBudget)}`;
  return `${verdict}; $${winner.costUsd.toFixed(4)} a run, against $${runnerUp.costUsd.toFixed(4)} for ${runnerUp.design}`;
}

/** Why a design does not hold: its failures, or its p99 over the budget. */
function brokenBy(d: DesignFigures): string {
  if (d.successRatio < 1) return percentFailed(d);
  return `p99 ${d.p99Ms.toFixed(1)} ms, over the budget in ${pct(1 - d.withinBudget)} of seeds`;
}

function fewerFailures(a: DesignFigures, b: DesignFigures): boolean {
  return failedShare(b) - failedShare(a) > (failedShare(a) > 0 ? FAILURE_TOLERANCE : 0);
}

function percentFailed(d: DesignFigures): string {
  return `${(failedShare(d) * 100).toFixed(2)} % failed`;
}

function failedShare(d: DesignFigures): number {
  return 1 - d.successRatio;
}

function sensitivities(rows: readonly SweepRow[]): Sensitivity[] {
  const out: Sensitivity[] = [];
  for (const figure of FIGURES) {
    const values = rows.map((r) => r[figure]);
    const overall = mean(values);
    const total = values.reduce((sum, v) => sum + (v - overall) ** 2, 0);
    for (const parameter of PARAMETERS) {
      const groups = groupBy(rows, (r) => String(r[parameter]));
      const means = [...groups.values()].map((g) => ({
        value: (g[0] as SweepRow)[parameter],
        mean: mean(g.map((r) => r[figure])),
        n: g.length,
      }));
      const between = means.reduce((sum, m) => sum + m.n * (m.mean - overall) ** 2, 0);
      const ms = means.map((m) => m.mean);
      out.push({
        figure,
        parameter,
        range: ms.length > 0 ? Math.max(...ms) - Math.min(...ms) : 0,
        share: total > 0 ? Math.min(1, between / total) : 0,
        means: means
          .map(({ value, mean: m }) => ({ value, mean: m }))
          .sort((a, b) =>
            typeof a.value === 'number' && typeof b.value === 'number'
              ? a.value - b.value
              : compareText(String(a.value), String(b.value)),
          ),
      });
    }
  }
  return out;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

function mean(values: readonly number[]): number {
  return values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : 0;
}

function pct(share: number): string {
  return `${Math.round(share * 100)} %`;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
