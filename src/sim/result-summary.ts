/**
 * Building a run's result (result.ts) from a finished engine: the requests' outcomes, per demand
 * source (latency over the run, the worst interval against the budget), per pool (instances,
 * utilisation, waits, launches, cost), the run's cost, Little's law, and the per-interval series.
 */
import type { Engine } from './engine.js';
import { HISTOGRAM_BINS, percentileOf } from './histogram.js';
import { TRANSFER_CLASSES, type TransferClass } from './model.js';
import type { PoolSeries, SourceSeries } from './recorder.js';
import type { CostSummary, PoolSummary, SimRun, SourceSummary } from './result.js';
import { faultSummaries } from './result-faults.js';

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
