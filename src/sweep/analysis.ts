/**
 * What a sweep's results say: the best design for each load and outage (over the seeds), and how
 * much each parameter moves each figure (its main effect: the spread of the figure's mean across
 * the parameter's values, and the share of the figure's variance those means explain).
 */
import type { ResultsHeader } from './parquet.js';
import { FIGURES, type Figure, PARAMETERS, type Parameter, type SweepRow } from './row.js';

/** Two designs whose failure shares are this close fail alike (0.1 % of requests). */
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
}

/** The best design for one load and outage, and why. */
export interface BestDesign {
  readonly load: number;
  readonly outage: string;
  readonly best: string;
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
  };
}

/**
 * Best first: the fewest failures (within {@link FAILURE_TOLERANCE} of the fewest), then the most
 * points within the p99 budget, then the cheapest, then the fastest, then by id.
 */
function rank(designs: readonly DesignFigures[]): DesignFigures[] {
  const fewest = Math.min(...designs.map((d) => 1 - d.successRatio));
  const fails = (d: DesignFigures) =>
    1 - d.successRatio <= fewest + FAILURE_TOLERANCE ? 0 : 1 - d.successRatio;
  return [...designs].sort(
    (a, b) =>
      fails(a) - fails(b) ||
      b.withinBudget - a.withinBudget ||
      a.costUsd - b.costUsd ||
      a.p99Ms - b.p99Ms ||
      compareText(a.design, b.design),
  );
}

function why(winner: DesignFigures, ranked: readonly DesignFigures[]): string {
  const runnerUp = ranked[1];
  const failed = `${((1 - winner.successRatio) * 100).toFixed(2)} % failed`;
  if (!runnerUp) return `${failed}; the only design`;
  const gap = 1 - runnerUp.successRatio - (1 - winner.successRatio);
  if (gap > FAILURE_TOLERANCE)
    return `${failed}, against ${((1 - runnerUp.successRatio) * 100).toFixed(2)} % for ${runnerUp.design}`;
  if (winner.withinBudget > runnerUp.withinBudget)
    return `${failed}; within the p99 budget in ${pct(winner.withinBudget)} of seeds, ${runnerUp.design} in ${pct(runnerUp.withinBudget)}`;
  return `${failed}; $${winner.costUsd.toFixed(4)} a run, against $${runnerUp.costUsd.toFixed(4)} for ${runnerUp.design}`;
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
