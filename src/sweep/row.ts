/**
 * A point's result: one row, its parameters and the summary figures of its run. The columns are
 * fixed and typed (they become the Parquet file's schema); the same point and seed, the same row.
 */
import type { SimRun } from '../sim/index.js';
import type { SweepPoint } from './points.js';

/** One row of a sweep's results: its point, and what the point's simulation gave. */
export interface SweepRow extends SweepPoint {
  /** Requests generated, and how they ended. */
  readonly generated: number;
  readonly succeeded: number;
  /** Errors, rejections and timeouts. */
  readonly failed: number;
  readonly timeouts: number;
  readonly retries: number;
  /** succeeded / generated (1 when nothing was generated). */
  readonly successRatio: number;
  /** Mean latency of the successful requests, every source. */
  readonly meanMs: number;
  /** The worst source's p99 over the run (a source is a request from a metro). */
  readonly p99Ms: number;
  /** The worst interval's p99 of any source. */
  readonly worstIntervalP99Ms: number;
  /** Whether every source with a budget kept its p99 within it over the run. */
  readonly meetsBudget: boolean;
  readonly costUsd: number;
  readonly per1000SessionsUsd: number;
  /** The instances at the peak of each pool, added up. */
  readonly peakInstances: number;
  /** Requests that started during a fault and failed. */
  readonly faultFailed: number;
  readonly events: number;
}

/** The columns of a row, in order, with their Parquet types. */
export const ROW_COLUMNS = [
  ['index', 'INT32'],
  ['id', 'STRING'],
  ['design', 'STRING'],
  ['load', 'DOUBLE'],
  ['outage', 'STRING'],
  ['seed', 'INT32'],
  ['generated', 'INT32'],
  ['succeeded', 'INT32'],
  ['failed', 'INT32'],
  ['timeouts', 'INT32'],
  ['retries', 'INT32'],
  ['successRatio', 'DOUBLE'],
  ['meanMs', 'DOUBLE'],
  ['p99Ms', 'DOUBLE'],
  ['worstIntervalP99Ms', 'DOUBLE'],
  ['meetsBudget', 'BOOLEAN'],
  ['costUsd', 'DOUBLE'],
  ['per1000SessionsUsd', 'DOUBLE'],
  ['peakInstances', 'INT32'],
  ['faultFailed', 'INT32'],
  ['events', 'DOUBLE'],
] as const satisfies readonly (readonly [keyof SweepRow, 'INT32' | 'DOUBLE' | 'STRING' | 'BOOLEAN'])[];

/** The figures a report ranks and compares designs by. */
export const FIGURES = ['successRatio', 'p99Ms', 'costUsd'] as const satisfies readonly (keyof SweepRow)[];
export type Figure = (typeof FIGURES)[number];

/** The parameters of a point, as columns. */
export const PARAMETERS = ['design', 'load', 'outage', 'seed'] as const satisfies readonly (keyof SweepRow)[];
export type Parameter = (typeof PARAMETERS)[number];

/**
 * A point's row from its run.
 * @example sweepRow(pointAt(plan, 0), run).successRatio // 1
 */
export function sweepRow(point: SweepPoint, run: SimRun): SweepRow {
  const s = run.summary;
  const r = s.requests;
  const failed = r.errors + r.rejected + r.timeouts;
  let weighted = 0;
  let p99Ms = 0;
  let worstIntervalP99Ms = 0;
  let meetsBudget = true;
  for (const source of s.sources) {
    weighted += source.meanMs * source.succeeded;
    if (source.succeeded > 0) p99Ms = Math.max(p99Ms, source.p99Ms);
    worstIntervalP99Ms = Math.max(worstIntervalP99Ms, source.worstP99Ms);
    if (source.budgetP99Ms !== undefined && (source.p99Ms > source.budgetP99Ms || source.succeeded === 0))
      meetsBudget = false;
  }
  return {
    index: point.index,
    id: point.id,
    design: point.design,
    load: point.load,
    outage: point.outage,
    seed: point.seed,
    generated: r.generated,
    succeeded: r.succeeded,
    failed,
    timeouts: r.timeouts,
    retries: r.retries,
    successRatio: r.generated > 0 ? r.succeeded / r.generated : 1,
    meanMs: r.succeeded > 0 ? weighted / r.succeeded : 0,
    p99Ms,
    worstIntervalP99Ms,
    meetsBudget,
    costUsd: s.cost.totalUsd,
    per1000SessionsUsd: s.cost.per1000SessionsUsd,
    peakInstances: s.pools.reduce((sum, pool) => sum + pool.peakInstances, 0),
    faultFailed: (s.faults ?? []).reduce(
      (sum, f) => sum + f.requests.errors + f.requests.rejected + f.requests.timeouts,
      0,
    ),
    events: s.events,
  };
}
