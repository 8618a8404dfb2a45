/**
 * A game day's assertions evaluated against one design's run, from its per-interval series:
 * - availability: succeeded / ended over the requests that ended in the window's intervals;
 * - p99: the worst interval p99 in the window (every interval must hold it);
 * - detected / recovered: the fault's times from the run (health checks, instances back);
 * - a pool's launches and launch failures in the window (exactly in a fault's own window), its
 *   instances at each interval end.
 * A window is widened to whole intervals: every interval that overlaps it counts.
 */
import { formatDuration } from '../model/index.js';
import type { SimRun } from '../sim/index.js';
import {
  type AssertionCheck,
  type AssertionWindow,
  boundText,
  type CountBound,
  type GamedayAssertion,
} from './assertions.js';

/** One figure an assertion measured, against its bound. */
export interface Measure {
  readonly what: string;
  /** null when there was nothing to measure (no request ended in the window; never recovered). */
  readonly value: number | null;
  readonly unit: '%' | 'ms' | 's' | 'count';
  readonly bound: string;
  readonly holds: boolean;
}

export interface AssertionResult {
  readonly name: string;
  readonly design: string;
  readonly window: string;
  readonly holds: boolean;
  readonly measures: readonly Measure[];
}

/** The indices of the intervals that overlap [fromS, toS). */
function intervalsIn(run: SimRun, window: AssertionWindow): number[] {
  const out: number[] = [];
  const t = run.series.t;
  for (let i = 0; i < t.length; i++) {
    const end = t[i] as number;
    const start = i === 0 ? 0 : (t[i - 1] as number);
    if (end > window.fromS && start < window.toS) out.push(i);
  }
  return out;
}

/** Evaluates one assertion on one design's run. */
export function evaluateAssertion(assertion: GamedayAssertion, design: string, run: SimRun): AssertionResult {
  const measures = measure(assertion, run);
  return {
    name: assertion.name,
    design,
    window: assertion.window.label,
    holds: measures.every((m) => m.holds),
    measures,
  };
}

function measure(assertion: GamedayAssertion, run: SimRun): Measure[] {
  const check = assertion.check;
  if (check.kind === 'requests') return requestMeasures(check, run, intervalsIn(run, assertion.window));
  if (check.kind === 'pool') return poolMeasures(check, run, assertion.window);
  const fault = run.summary.faults?.[check.fault];
  const at = check.kind === 'detected' ? fault?.detectedS : fault?.recoveredS;
  const from = check.kind === 'detected' ? fault?.startS : fault?.endS;
  const value = at === null || at === undefined || from === null || from === undefined ? null : at - from;
  // Not recovered by the end of the run: say when the run is too short to tell.
  const left = from === null || from === undefined ? 0 : run.summary.endS - from;
  const short = value === null && left < check.withinS;
  return [
    {
      what:
        check.kind === 'detected'
          ? 'time to detect'
          : short
            ? `time to recover (not by the run's end, ${formatDuration(Math.round(left))} after the fault's: lengthen the run to tell)`
            : 'time to recover',
      value,
      unit: 's',
      bound: `<= ${formatDuration(check.withinS)}`,
      holds: value !== null && value <= check.withinS,
    },
  ];
}

function requestMeasures(
  check: Extract<AssertionCheck, { kind: 'requests' }>,
  run: SimRun,
  intervals: readonly number[],
): Measure[] {
  const sources = run.series.sources.filter(
    (s) =>
      (check.request === undefined || s.request === check.request) &&
      (check.metro === undefined || s.metro === check.metro),
  );
  let ok = 0;
  let ended = 0;
  let worst = 0;
  for (const s of sources)
    for (const i of intervals) {
      const succeeded = s.succeeded[i] as number;
      ok += succeeded;
      ended += succeeded + (s.errors[i] as number) + (s.rejected[i] as number) + (s.timeouts[i] as number);
      if (succeeded > 0) worst = Math.max(worst, s.p99Ms[i] as number);
    }
  const measures: Measure[] = [];
  if (check.availability !== undefined) {
    const value = ended > 0 ? (100 * ok) / ended : null;
    measures.push({
      what: `availability (${ended} requests ended)`,
      value,
      unit: '%',
      bound: `>= ${check.availability} %`,
      holds: value !== null && value >= check.availability,
    });
  }
  if (check.p99S !== undefined) {
    const value = ok > 0 ? worst : null;
    measures.push({
      what: 'worst interval p99',
      value,
      unit: 'ms',
      bound: `<= ${Math.round(check.p99S * 1e4) / 10} ms`,
      holds: value !== null && value <= check.p99S * 1000,
    });
  }
  return measures;
}

/**
 * A pool's launches and launch failures in the window (exactly for a fault's own window, else by
 * interval), and its instances at each interval end.
 */
function poolMeasures(
  check: Extract<AssertionCheck, { kind: 'pool' }>,
  run: SimRun,
  window: AssertionWindow,
): Measure[] {
  const series = run.series.pools.find((p) => p.id === check.pool);
  if (!series) return [];
  const intervals = intervalsIn(run, window);
  const exact =
    window.fault === undefined
      ? undefined
      : (run.summary.faults?.[window.fault]?.launches?.find((l) => l.pool === check.pool) ?? {
          launches: 0,
          launchFailures: 0,
        });
  const sum = (xs: readonly number[]) => intervals.reduce((t, i) => t + (xs[i] as number), 0);
  const out: Measure[] = [];
  const bounded = (what: string, value: number, b: CountBound | undefined, low = value, high = value) => {
    if (!b) return;
    out.push({
      what,
      value,
      unit: 'count',
      bound: boundText(b),
      holds: (b.min === undefined || low >= b.min) && (b.max === undefined || high <= b.max),
    });
  };
  bounded('launches', exact ? exact.launches : sum(series.launches), check.launches);
  bounded('launch failures', exact ? exact.launchFailures : sum(series.launchFailures), check.launchFailures);
  const counts = intervals.map((i) => series.instances[i] as number);
  const low = counts.length ? Math.min(...counts) : 0;
  const high = counts.length ? Math.max(...counts) : 0;
  if (check.instances)
    bounded(
      check.instances.min !== undefined ? 'fewest instances' : 'most instances',
      check.instances.min !== undefined ? low : high,
      check.instances,
      low,
      high,
    );
  return out;
}
