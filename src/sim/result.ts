/**
 * A run's result as plain data: a summary (per demand source, per pool, cost, the checks every run
 * makes) and the per-interval time series. Figures are rounded where they are printed, not here;
 * the same model and seed give the same result.
 */
import { type FrontDoorFigures, frontDoorFigures } from './doors/figures.js';
import type { Engine } from './engine.js';
import { HISTOGRAM_BINS, percentileOf } from './histogram.js';
import { FAULT_LOSE_PLACE, type SimFault, TRANSFER_CLASSES, type TransferClass } from './model.js';
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

/** The result of a finished engine. */
export function simRun(engine: Engine): SimRun {
  const model = engine.model;
  const recorder = engine.recorder;
  const sources = sourceSummaries(engine);
  const pools = poolSummaries(engine);
  const total = (key: 'generated' | 'succeeded' | 'errors' | 'rejected' | 'timeouts') =>
    sources.reduce((sum, s) => sum + s[key], 0);
  const generated = total('generated');
  return {
    seed: model.seed,
    durationS: model.durationS,
    intervalS: model.intervalS,
    summary: {
      requests: {
        generated,
        succeeded: total('succeeded'),
        errors: total('errors'),
        rejected: total('rejected'),
        timeouts: total('timeouts'),
        attempts: recorder.attempts,
        retries: recorder.retries,
        abandonedAttemptsFinished: recorder.late,
      },
      sources,
      pools,
      cost: costSummary(engine, pools),
      littlesLaw: {
        l: recorder.inSystemArea / engine.endS,
        lambdaW: (generated / engine.endS) * (recorder.ended > 0 ? recorder.sojournSumS / recorder.ended : 0),
      },
      events: engine.events,
      endS: engine.endS,
      ...(model.faults?.length ? { faults: faultSummaries(engine) } : {}),
    },
    series: {
      t: recorder.times,
      sources: model.sources.map((s, k) => ({
        request: s.request,
        metro: s.metro,
        ...(recorder.sourceSeries[k] as SourceSeries),
      })),
      pools: model.pools.map((pool, p) => ({ id: pool.id, ...(recorder.poolSeries[p] as PoolSeries) })),
      costUsd: recorder.costUsd,
    },
  };
}

/** Per fault: its times, the requests that started during it, and the calls lost to it. */
function faultSummaries(engine: Engine): FaultSummary[] {
  const recorder = engine.recorder;
  const faults = engine.faults;
  const calls = engine.calls;
  const time = (t: number) => (Number.isFinite(t) ? t : null);
  return faults.faults.map((f, i) => {
    const count = (o: number) => recorder.faultOutcomes[i * 4 + o] as number;
    const succeeded = count(0);
    let lost = 0;
    let last = Number.NaN;
    for (const p of f.pools) {
      lost += calls.conditions.lostCalls[p] as number;
      const at = calls.conditions.lastLostCallS[p] as number;
      if (at >= f.startS && !(at <= last)) last = at;
    }
    return {
      fault: f.label,
      kind: FAULT_KINDS[f.kind] ?? 'brownout',
      startS: f.startS,
      endS: time(f.endS),
      detectedS: time(faults.detectedS[i] as number),
      recoveredS: time(faults.recoveredS[i] as number),
      requests: {
        started: succeeded + count(1) + count(2) + count(3),
        succeeded,
        errors: count(1),
        rejected: count(2),
        timeouts: count(3),
      },
      p50Ms: percentileOf(recorder.faultHistogram, i * HISTOGRAM_BINS, succeeded, 0.5),
      p99Ms: percentileOf(recorder.faultHistogram, i * HISTOGRAM_BINS, succeeded, 0.99),
      lostCalls: lost - (faults.lostCallsBefore[i] as number),
      lastLostCallS: time(last),
      ...(engine.doors ? { frontDoors: frontDoorFigures(engine, engine.doors, f, i) } : {}),
      ...launchesDuring(engine, i),
      ...coldStartFigures(engine, f),
    };
  });
}

/** The cold start after a place lost comes back; nothing for other faults or when no service waits on another. */
function coldStartFigures(engine: Engine, f: SimFault): { coldStart?: ColdStartFigures } {
  const cold = engine.faults.coldStart;
  if (!cold || f.kind !== FAULT_LOSE_PLACE || !Number.isFinite(f.endS) || f.pools.length === 0) return {};
  const model = engine.model;
  const pools = f.pools.map((p) => {
    const started = cold.startedS[p] as number;
    return {
      pool: model.pools[p]?.id ?? '',
      service: model.services[model.pools[p]?.service ?? -1]?.id ?? '',
      attempts: cold.attempts[p] as number,
      startedS: started >= f.endS ? started : null,
    };
  });
  const recorder = engine.recorder;
  const requests = model.sources.map((source, k) => {
    const series = recorder.sourceSeries[k] as SourceSeries;
    let servedS: number | null = null;
    for (let i = recorder.times.length - 1; i >= 0; i--) {
      const t = recorder.times[i] as number;
      if (t <= f.endS) break;
      const ok = series.succeeded[i] as number;
      const ended =
        ok + (series.errors[i] as number) + (series.rejected[i] as number) + (series.timeouts[i] as number);
      if (ended > 0 && ok < 0.99 * ended) break;
      if (ended > 0) servedS = i > 0 ? (recorder.times[i - 1] as number) : 0;
    }
    return { request: source.request, metro: source.metro, servedS };
  });
  return { coldStart: { pools, requests } };
}

function launchesDuring(engine: Engine, i: number): { launches?: FaultLaunches[] } {
  const out: FaultLaunches[] = [];
  engine.model.pools.forEach((pool, p) => {
    const { launches, failures } = engine.faults.launchesWhile(i, p);
    if (launches > 0 || failures > 0) out.push({ pool: pool.id, launches, launchFailures: failures });
  });
  return out.length ? { launches: out } : {};
}

/** Per request and metro: how requests ended, latency over the run, the worst interval against the budget. */
function sourceSummaries(engine: Engine): SourceSummary[] {
  const recorder = engine.recorder;
  return engine.model.sources.map((source, k) => {
    const count = (o: number) => recorder.outcomes[k * 4 + o] as number;
    const succeeded = count(0);
    const series = recorder.sourceSeries[k] as SourceSeries;
    let worst = Number.NaN;
    let worstAt = Number.NaN;
    series.p99Ms.forEach((p99, i) => {
      if (Number.isFinite(p99) && !(p99 <= worst)) {
        worst = p99;
        worstAt = recorder.times[i] as number;
      }
    });
    const budget = source.budgetP99Ms;
    return {
      request: source.request,
      metro: source.metro,
      generated: recorder.generated[k] as number,
      succeeded,
      errors: count(1),
      rejected: count(2),
      timeouts: count(3),
      meanMs: succeeded > 0 ? ((recorder.latencySumS[k] as number) / succeeded) * 1000 : Number.NaN,
      p50Ms: percentileOf(recorder.runHistogram, k * HISTOGRAM_BINS, succeeded, 0.5),
      p99Ms: percentileOf(recorder.runHistogram, k * HISTOGRAM_BINS, succeeded, 0.99),
      worstP99Ms: worst,
      worstP99AtS: worstAt,
      ...(budget !== undefined
        ? { budgetP99Ms: budget, intervalsOverBudget: series.p99Ms.filter((p) => p > budget).length }
        : {}),
    };
  });
}

/** Per pool: instances, utilisation, waits, launches, interruptions and cost (owned servers for the whole run). */
function poolSummaries(engine: Engine): PoolSummary[] {
  const model = engine.model;
  const capacity = engine.capacity;
  const durationH = model.durationS / 3600;
  return model.pools.map((pool, p) => {
    const series = engine.recorder.poolSeries[p] as PoolSeries;
    const onDemandH = (capacity.billing.onDemandSeconds[p] as number) / 3600;
    const spotH = (capacity.billing.spotSeconds[p] as number) / 3600;
    const instanceHours = pool.owned ? pool.initial * durationH : onDemandH + spotH;
    const costUsd = pool.owned
      ? instanceHours * pool.onDemandHourly
      : onDemandH * pool.onDemandHourly + spotH * pool.spotHourly;
    const workers = capacity.workerArea[p] as number;
    const served = engine.calls.served[p] as number;
    return {
      id: pool.id,
      service: model.services[pool.service]?.id ?? '',
      place: pool.place,
      platform: pool.platform,
      startInstances: pool.initial,
      peakInstances: capacity.peak[p] as number,
      endInstances: series.instances.at(-1) ?? pool.initial,
      instanceHours,
      meanUtilisation: workers > 0 ? (capacity.busyArea[p] as number) / workers : 0,
      meanWaitMs: served > 0 ? ((engine.calls.waitSum[p] as number) / served) * 1000 : 0,
      served,
      rejected: engine.calls.rejectedAt[p] as number,
      launches: capacity.launches[p] as number,
      launchFailures: capacity.launchFailures[p] as number,
      interruptions: capacity.spot.interruptions[p] as number,
      costUsd,
    };
  });
}

/** The run's cost: instances by purchase option, owned servers, data transfer by class, per 1,000 sessions. */
function costSummary(engine: Engine, pools: readonly PoolSummary[]): CostSummary {
  const model = engine.model;
  const capacity = engine.capacity;
  let onDemandUsd = 0;
  let spotUsd = 0;
  let onPremisesUsd = 0;
  model.pools.forEach((pool, p) => {
    if (pool.owned) onPremisesUsd += pools[p]?.costUsd ?? 0;
    else {
      onDemandUsd += ((capacity.billing.onDemandSeconds[p] as number) / 3600) * pool.onDemandHourly;
      spotUsd += ((capacity.billing.spotSeconds[p] as number) / 3600) * pool.spotHourly;
    }
  });
  const bytes = engine.calls.transferBytes;
  const transferGb = Object.fromEntries(
    TRANSFER_CLASSES.map((c, i) => [c, (bytes[i] as number) / 1e9]),
  ) as Record<TransferClass, number>;
  const transferUsd = TRANSFER_CLASSES.reduce(
    (sum, _, i) => sum + ((bytes[i] as number) / 1e9) * (model.transferUsdPerGb[i] ?? 0),
    0,
  );
  const sessions = engine.recorder.sessions.reduce((a, b) => a + b, 0);
  const totalUsd = onDemandUsd + spotUsd + onPremisesUsd + transferUsd;
  return {
    totalUsd,
    onDemandUsd,
    spotUsd,
    onPremisesUsd,
    transferUsd,
    transferGb,
    sessions,
    per1000SessionsUsd: sessions > 0 ? (totalUsd / sessions) * 1000 : Number.NaN,
  };
}

export { OUTCOMES };
