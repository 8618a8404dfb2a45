/**
 * What a run measures: per demand source (a request from a metro) the requests and how they ended,
 * latency histograms over the run and per interval; per pool its instances, utilisation, queue,
 * launches and interruptions per interval; cost per interval; and the integrals Little's law checks.
 */
import type { Capacity } from './capacity.js';
import { binOf, HISTOGRAM_BINS, percentileOf } from './histogram.js';
import type { SimModel } from './model.js';

export const OUTCOMES = ['succeeded', 'errors', 'rejected', 'timeouts'] as const;

export interface SourceSeries {
  readonly arrivals: number[];
  readonly succeeded: number[];
  readonly errors: number[];
  readonly rejected: number[];
  readonly timeouts: number[];
  readonly p50Ms: number[];
  readonly p99Ms: number[];
}

export interface PoolSeries {
  readonly instances: number[];
  readonly launching: number[];
  readonly utilisation: number[];
  readonly queue: number[];
  readonly launches: number[];
  readonly launchFailures: number[];
  readonly interruptions: number[];
}

export class Recorder {
  private readonly model: SimModel;
  readonly sessions: Float64Array;
  readonly generated: Float64Array;
  /** Per source and outcome (source * 4 + outcome). */
  readonly outcomes: Float64Array;
  readonly latencySumS: Float64Array;
  readonly runHistogram: Int32Array;
  private readonly intervalHistogram: Int32Array;
  private readonly intervalGenerated: Float64Array;
  private readonly intervalOutcomes: Float64Array;
  attempts = 0;
  retries = 0;
  attemptTimeouts = 0;
  /** Attempts that ended after their client had given up on them. */
  late = 0;
  inSystem = 0;
  inSystemArea = 0;
  private lastT = 0;
  sojournSumS = 0;
  ended = 0;
  readonly times: number[] = [];
  readonly sourceSeries: SourceSeries[];
  readonly poolSeries: PoolSeries[];
  readonly costUsd: number[] = [];
  private lastIntervalT = 0;
  private readonly lastLaunches: Int32Array;
  private readonly lastFailures: Int32Array;
  private readonly lastInterruptions: Int32Array;
  private readonly lastBusy: Float64Array;
  private readonly lastWorkers: Float64Array;
  private readonly lastOnDemand: Float64Array;
  private readonly lastSpot: Float64Array;
  private lastTransfer: Float64Array;
  /**
   * Per fault: the window whose requests it counts (from its start to its recovery; +Infinity until
   * then), how they ended (fault * 4 + outcome), and their latencies.
   */
  private readonly faultCount: number;
  private readonly faultFrom: Float64Array;
  readonly faultTo: Float64Array;
  readonly faultOutcomes: Float64Array;
  readonly faultHistogram: Int32Array;

  constructor(model: SimModel) {
    this.model = model;
    const k = model.sources.length;
    const p = model.pools.length;
    this.sessions = new Float64Array(k);
    this.generated = new Float64Array(k);
    this.outcomes = new Float64Array(k * 4);
    this.latencySumS = new Float64Array(k);
    this.runHistogram = new Int32Array(k * HISTOGRAM_BINS);
    this.intervalHistogram = new Int32Array(k * HISTOGRAM_BINS);
    this.intervalGenerated = new Float64Array(k);
    this.intervalOutcomes = new Float64Array(k * 4);
    this.sourceSeries = model.sources.map(() => ({
      arrivals: [],
      succeeded: [],
      errors: [],
      rejected: [],
      timeouts: [],
      p50Ms: [],
      p99Ms: [],
    }));
    this.poolSeries = model.pools.map(() => ({
      instances: [],
      launching: [],
      utilisation: [],
      queue: [],
      launches: [],
      launchFailures: [],
      interruptions: [],
    }));
    this.lastLaunches = new Int32Array(p);
    this.lastFailures = new Int32Array(p);
    this.lastInterruptions = new Int32Array(p);
    this.lastBusy = new Float64Array(p);
    this.lastWorkers = new Float64Array(p);
    this.lastOnDemand = new Float64Array(p);
    this.lastSpot = new Float64Array(p);
    this.lastTransfer = new Float64Array(0);
    const faults = model.faults ?? [];
    this.faultCount = faults.length;
    this.faultFrom = Float64Array.from(faults, (f) => f.startS);
    this.faultTo = new Float64Array(faults.length).fill(Number.POSITIVE_INFINITY);
    this.faultOutcomes = new Float64Array(faults.length * 4);
    this.faultHistogram = new Int32Array(faults.length * HISTOGRAM_BINS);
  }

  /** Fault `f`'s window closes: requests started from now on are not its. */
  closeFault(f: number, now: number): void {
    this.faultTo[f] = now;
  }

  /** Counts a request that started at `start` in the window of each fault it started in. */
  private faultEnded(outcome: number, start: number, sojournS: number): void {
    const bin = outcome === 0 ? binOf(sojournS * 1000) : 0;
    for (let f = 0; f < this.faultCount; f++) {
      if (start < (this.faultFrom[f] as number) || start >= (this.faultTo[f] as number)) continue;
      this.faultOutcomes[f * 4 + outcome] = (this.faultOutcomes[f * 4 + outcome] as number) + 1;
      if (outcome === 0)
        this.faultHistogram[f * HISTOGRAM_BINS + bin] =
          (this.faultHistogram[f * HISTOGRAM_BINS + bin] as number) + 1;
    }
  }

  sessionStarted(k: number): void {
    this.sessions[k] = (this.sessions[k] as number) + 1;
  }

  requestStarted(k: number, now: number): void {
    this.integrate(now);
    this.inSystem++;
    this.generated[k] = (this.generated[k] as number) + 1;
    this.intervalGenerated[k] = (this.intervalGenerated[k] as number) + 1;
  }

  requestEnded(k: number, outcome: number, now: number, sojournS: number): void {
    this.integrate(now);
    this.inSystem--;
    this.ended++;
    this.sojournSumS += sojournS;
    this.outcomes[k * 4 + outcome] = (this.outcomes[k * 4 + outcome] as number) + 1;
    this.intervalOutcomes[k * 4 + outcome] = (this.intervalOutcomes[k * 4 + outcome] as number) + 1;
    if (this.faultCount > 0) this.faultEnded(outcome, now - sojournS, sojournS);
    if (outcome === 0) {
      this.latencySumS[k] = (this.latencySumS[k] as number) + sojournS;
      const bin = binOf(sojournS * 1000);
      this.runHistogram[k * HISTOGRAM_BINS + bin] =
        (this.runHistogram[k * HISTOGRAM_BINS + bin] as number) + 1;
      this.intervalHistogram[k * HISTOGRAM_BINS + bin] =
        (this.intervalHistogram[k * HISTOGRAM_BINS + bin] as number) + 1;
    }
  }

  private integrate(now: number): void {
    this.inSystemArea += this.inSystem * (now - this.lastT);
    this.lastT = now;
  }

  /** Closes the interval ending at `now`. */
  closeInterval(now: number, capacity: Capacity, queue: Int32Array, transferBytes: Float64Array): void {
    const model = this.model;
    this.times.push(now);
    model.sources.forEach((_, k) => {
      const series = this.sourceSeries[k] as SourceSeries;
      const succeeded = this.intervalOutcomes[k * 4] as number;
      series.arrivals.push(this.intervalGenerated[k] as number);
      series.succeeded.push(succeeded);
      series.errors.push(this.intervalOutcomes[k * 4 + 1] as number);
      series.rejected.push(this.intervalOutcomes[k * 4 + 2] as number);
      series.timeouts.push(this.intervalOutcomes[k * 4 + 3] as number);
      series.p50Ms.push(percentileOf(this.intervalHistogram, k * HISTOGRAM_BINS, succeeded, 0.5));
      series.p99Ms.push(percentileOf(this.intervalHistogram, k * HISTOGRAM_BINS, succeeded, 0.99));
    });
    this.intervalHistogram.fill(0);
    this.intervalGenerated.fill(0);
    this.intervalOutcomes.fill(0);
    let cost = 0;
    const dt = now - this.lastIntervalT;
    model.pools.forEach((pool, p) => {
      const series = this.poolSeries[p] as PoolSeries;
      const busy = (capacity.busyArea[p] as number) - (this.lastBusy[p] as number);
      const workers = (capacity.workerArea[p] as number) - (this.lastWorkers[p] as number);
      series.instances.push(capacity.inService[p] as number);
      series.launching.push(capacity.launching[p] as number);
      series.utilisation.push(workers > 0 ? busy / workers : 0);
      series.queue.push(queue[p] as number);
      series.launches.push((capacity.launches[p] as number) - (this.lastLaunches[p] as number));
      series.launchFailures.push((capacity.launchFailures[p] as number) - (this.lastFailures[p] as number));
      series.interruptions.push(
        (capacity.spot.interruptions[p] as number) - (this.lastInterruptions[p] as number),
      );
      if (pool.owned) cost += (pool.initial * pool.onDemandHourly * dt) / 3600;
      else
        cost +=
          (((capacity.billing.onDemandSeconds[p] as number) - (this.lastOnDemand[p] as number)) *
            pool.onDemandHourly +
            ((capacity.billing.spotSeconds[p] as number) - (this.lastSpot[p] as number)) * pool.spotHourly) /
          3600;
      this.lastBusy[p] = capacity.busyArea[p] as number;
      this.lastWorkers[p] = capacity.workerArea[p] as number;
      this.lastLaunches[p] = capacity.launches[p] as number;
      this.lastFailures[p] = capacity.launchFailures[p] as number;
      this.lastInterruptions[p] = capacity.spot.interruptions[p] as number;
      this.lastOnDemand[p] = capacity.billing.onDemandSeconds[p] as number;
      this.lastSpot[p] = capacity.billing.spotSeconds[p] as number;
    });
    if (this.lastTransfer.length !== transferBytes.length)
      this.lastTransfer = new Float64Array(transferBytes.length);
    for (let c = 0; c < transferBytes.length; c++) {
      cost +=
        (((transferBytes[c] as number) - (this.lastTransfer[c] as number)) / 1e9) *
        (model.transferUsdPerGb[c] ?? 0);
      this.lastTransfer[c] = transferBytes[c] as number;
    }
    this.costUsd.push(cost);
    this.lastIntervalT = now;
  }

  finish(endS: number): void {
    this.integrate(endS);
  }
}
