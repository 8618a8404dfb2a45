/**
 * A run's result as plain data: a summary (per demand source, per pool, cost, the checks every run
 * makes) and the per-interval time series. Figures are rounded where they are printed, not here;
 * the same model and seed give the same result. These are its types; result-summary.ts builds it
 * from a finished engine, result-faults.ts its per-fault figures.
 */
import type { FrontDoorFigures } from './doors/figures.js';
import type { TransferClass } from './model.js';
import { OUTCOMES, type PoolSeries, type SourceSeries } from './recorder.js';

export interface SourceSummary {
  readonly request: string;
  readonly metro: string;
  readonly generated: number;
  readonly succeeded: number;
  readonly errors: number;
  readonly rejected: number;
  readonly timeouts: number;
  /** Latency of successful requests (retries included), over the run. */
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The worst interval's p99, and when it ended. */
  readonly worstP99Ms: number;
  readonly worstP99AtS: number;
  readonly budgetP99Ms?: number;
  /** Intervals whose p99 was over the budget. */
  readonly intervalsOverBudget?: number;
}

export interface PoolSummary {
  readonly id: string;
  readonly service: string;
  readonly place: string;
  readonly platform: string;
  readonly startInstances: number;
  readonly peakInstances: number;
  readonly endInstances: number;
  readonly instanceHours: number;
  readonly meanUtilisation: number;
  /** Mean wait in the pool's queue, in ms. */
  readonly meanWaitMs: number;
  readonly served: number;
  readonly rejected: number;
  readonly launches: number;
  readonly launchFailures: number;
  readonly interruptions: number;
  readonly costUsd: number;
}

export interface CostSummary {
  readonly totalUsd: number;
  readonly onDemandUsd: number;
  readonly spotUsd: number;
  readonly onPremisesUsd: number;
  readonly transferUsd: number;
  readonly transferGb: Readonly<Record<TransferClass, number>>;
  readonly sessions: number;
  /** Cost per 1,000 sessions started in the run. */
  readonly per1000SessionsUsd: number;
}

/** Fault kinds as the output names them, by their number in the model. */
export const FAULT_KINDS = ['lose-place', 'lose-instances', 'cut', 'brownout', 'deploy'] as const;

/** One fault of the scenario: when it hit, was noticed and was recovered from, and what it cost. */
export interface FaultSummary {
  /** What it was, e.g. `lose region us-west-2`. */
  readonly fault: string;
  readonly kind: (typeof FAULT_KINDS)[number];
  readonly startS: number;
  /** When it ended; null when it lasted till the end of the run. */
  readonly endS: number | null;
  /** When a pool it hit was first observed unhealthy by the health checks; null if never. */
  readonly detectedS: number | null;
  /** When every pool it hit was observed healthy again with its instances back; null if not in the run. */
  readonly recoveredS: number | null;
  /**
   * The requests that started while it was in force (from its start to its recovery, or to the end
   * of the run), how they ended, and the latency of the ones that succeeded.
   */
  readonly requests: {
    readonly started: number;
    readonly succeeded: number;
    readonly errors: number;
    readonly rejected: number;
    readonly timeouts: number;
  };
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Calls that went to (or were at) a lost pool and never returned, and when the last was sent there. */
  readonly lostCalls: number;
  readonly lastLostCallS: number | null;
  /** For users entering through front doors: detection, time to be served elsewhere, what was lost. */
  readonly frontDoors?: FrontDoorFigures;
  /**
   * Pools that launched, or were refused launches, while it was in force (from its start to its
   * end, exactly); absent when none did.
   */
  readonly launches?: readonly FaultLaunches[];
  /** When the fault lost places whose services have start-up dependencies: how they came back. */
  readonly coldStart?: ColdStartFigures;
}

/** How the services a lost place ran came back: each pool's start (cold-start.ts), each request's service. */
export interface ColdStartFigures {
  /** Per pool the fault stopped: starts tried after its place came back, and when it started (null: never). */
  readonly pools: readonly {
    readonly pool: string;
    readonly service: string;
    readonly attempts: number;
    readonly startedS: number | null;
  }[];
  /**
   * Per request and metro: from when its requests succeed again (99 % of those ending in each
   * interval, from then to the end of the run); null when they never do in the run.
   */
  readonly requests: readonly {
    readonly request: string;
    readonly metro: string;
    readonly servedS: number | null;
  }[];
}

/** A pool's launches while a fault was in force. */
export interface FaultLaunches {
  readonly pool: string;
  readonly launches: number;
  readonly launchFailures: number;
}

export interface SimSummary {
  readonly requests: {
    readonly generated: number;
    readonly succeeded: number;
    readonly errors: number;
    readonly rejected: number;
    readonly timeouts: number;
    readonly attempts: number;
    readonly retries: number;
    /** Attempts that finished after their client had given up (work the estate did for nobody). */
    readonly abandonedAttemptsFinished: number;
  };
  readonly sources: readonly SourceSummary[];
  readonly pools: readonly PoolSummary[];
  readonly cost: CostSummary;
  /** L (time-average requests in the estate) against λW (arrival rate x mean time in it). */
  readonly littlesLaw: { readonly l: number; readonly lambdaW: number };
  readonly events: number;
  /** When the last request ended (the run goes on past its duration until every request has ended). */
  readonly endS: number;
  /** The scenario's faults, in its order; absent when it has none. */
  readonly faults?: readonly FaultSummary[];
}

export interface SimSeries {
  /** The end of each interval, in seconds. */
  readonly t: readonly number[];
  readonly sources: readonly (SourceSeries & { readonly request: string; readonly metro: string })[];
  readonly pools: readonly (PoolSeries & { readonly id: string })[];
  readonly costUsd: readonly number[];
}

/** One run of the engine: its seed, duration, summary and per-interval series. */
export interface SimRun {
  readonly seed: number;
  readonly durationS: number;
  readonly intervalS: number;
  readonly summary: SimSummary;
  readonly series: SimSeries;
}

export { OUTCOMES };
