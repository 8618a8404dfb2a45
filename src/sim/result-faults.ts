/**
 * A run's figures per fault (result.ts's FaultSummary): when it hit, was noticed and was recovered
 * from, the requests that started during it, the calls lost to it, the launches while it was in
 * force, and how the services of a lost place came back (cold-start.ts).
 */
import { frontDoorFigures } from './doors/figures.js';
import type { Engine } from './engine.js';
import { HISTOGRAM_BINS, percentileOf } from './histogram.js';
import { FAULT_LOSE_PLACE, type SimFault } from './model.js';
import type { SourceSeries } from './recorder.js';
import { type ColdStartFigures, FAULT_KINDS, type FaultLaunches, type FaultSummary } from './result.js';

/** Per fault: its times, the requests that started during it, and the calls lost to it. */
export function faultSummaries(engine: Engine): FaultSummary[] {
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
