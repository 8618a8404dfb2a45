/**
 * Faults of a scenario, applied to the run at their times: places lost (an AZ, a Local Zone, a
 * region, an on-premises site), instances lost, links cut, dependencies browned out; the health
 * checks that notice them (health.ts, with the load balancer's defaults); and per fault when it was
 * detected and when the estate recovered from it.
 *
 * AWS behaviour modelled here, with its sources:
 * - A place lost is a power interruption as AWS Fault Injection Service's "AZ Availability: Power
 *   Interruption" scenario runs it (FIS User Guide, "AZ Availability: Power Interruption"): the
 *   instances there stop, the subnets' connectivity is blocked and nothing launches there until it
 *   ends. Blocked connectivity drops packets rather than refusing them, so a call in flight there,
 *   or sent there before the health checks notice, gets no answer: it ends by its client's timeout
 *   (and a retry may go to the same place until then). A region lost is all its AZs.
 * - A Local Zone's control plane is in its parent AZ (EC2 User Guide, "Local Zones"; AWS Fault
 *   Isolation Boundaries whitepaper, "Local Zones"): while its parent region (or its parent AZ, where
 *   the catalog knows it) is lost, its running instances keep serving but it cannot launch.
 * - Once a place is back, EC2 Auto Scaling groups and Karpenter launch back to their desired
 *   capacity (each instance after the platform's launch time); servers that do not scale (on
 *   premises, fixed) come back after a boot time (default 5 minutes).
 * - Instances lost one by one: an Auto Scaling group (or Karpenter) replaces an impaired instance
 *   (EC2 Auto Scaling User Guide, "Health checks for instances in an Auto Scaling group"), here
 *   at once, serving after its launch time; on-premises and fixed pools are not replaced.
 * - A Direct Connect connection cut: BGP withdraws its routes and traffic takes what remains (AWS
 *   Direct Connect User Guide, "Resiliency"); the RTT matrix is recomputed without the link, and
 *   a call that has no path left fails at once.
 * - A deploy (a bad configuration or code push) reaches a service's cells all at once or one at a
 *   time with a bake time between them, and an alarm on their errors stops it and rolls it back, as
 *   AWS describes its own deployments (Amazon Builders' Library, "Automating safe, hands-off
 *   deployments": one-box and wave deployments, bake time, automatic rollback on alarms); the alarm
 *   fires after three 1-minute datapoints by default (CloudWatch User Guide, "Evaluating an alarm":
 *   datapoints to alarm). Each cell with the push answers like a brown-out of it until rolled back.
 * - Health checks: see health.ts; the balancer's choice on them: see calls-balancing.ts.
 */
import type { Calls } from './calls.js';
import type { Capacity } from './capacity.js';
import { ColdStart } from './cold-start.js';
import {
  EV_HEALTH_PROBE,
  EV_HEALTH_RESULT,
  HealthChecks,
  type HealthGroup,
  type HealthListener,
  type HealthProber,
} from './health.js';
import type { EventHeap } from './heap.js';
import {
  ELB_HEALTH_CHECK,
  FAULT_BROWNOUT,
  FAULT_CUT,
  FAULT_DEPLOY,
  FAULT_LOSE_INSTANCES,
  FAULT_LOSE_PLACE,
  type SimFault,
  type SimModel,
} from './model.js';
import { STREAM_HEALTH, Stream } from './random.js';
import type { Recorder } from './recorder.js';

export const EV_FAULT_START = 10;
export const EV_FAULT_END = 11;
export { EV_HEALTH_PROBE, EV_HEALTH_RESULT };

export class Faults implements HealthProber, HealthListener {
  readonly health: HealthChecks;
  readonly faults: readonly SimFault[];
  /** Per fault: when a pool it hit was first observed unhealthy, and when the estate recovered (NaN: not). */
  readonly detectedS: Float64Array;
  readonly recoveredS: Float64Array;
  /** Per fault, per pool of it: calls it had served when the fault started (writes before the loss). */
  readonly servedAtStart: Float64Array[];
  /** Per fault: calls lost at its pools before it started (the figure is the growth from there). */
  readonly lostCallsBefore: Float64Array;
  /**
   * Per fault, per pool of the model: instances launched and launches refused while it was in force
   * (from its start to its end, or the end of the run), exactly, not by interval.
   */
  private readonly launchesDuring: Int32Array[];
  private readonly launchFailuresDuring: Int32Array[];
  probeDelayS = 0;
  /** Services that wait on start-up dependencies when their place comes back; absent when none does. */
  readonly coldStart?: ColdStart;
  private readonly model: SimModel;
  private readonly later: EventHeap;
  private readonly calls: Calls;
  private readonly capacity: Capacity;
  private readonly recorder: Recorder;
  private readonly rng: Stream;
  /** Per pool: place losses in force. */
  private readonly downCount: Int32Array;
  private readonly active: Uint8Array;
  /** Per fault, per pool of it: its instances in service when the fault started. */
  private readonly before: Int32Array[];
  private awaitingRecovery = 0;
  /** A push reaching a pool after its fault began: an EV_FAULT_START event whose target is past the faults'. */
  private readonly pushes: { readonly fault: number; readonly k: number }[] = [];
  /** Per fault, per pool of it: 1 once a push reached it. */
  private readonly reached: Uint8Array[];

  constructor(model: SimModel, later: EventHeap, calls: Calls, recorder: Recorder) {
    this.model = model;
    this.later = later;
    this.calls = calls;
    this.capacity = calls.capacity;
    this.recorder = recorder;
    this.faults = model.faults ?? [];
    this.rng = new Stream(model.seed, STREAM_HEALTH);
    const n = this.faults.length;
    this.detectedS = new Float64Array(n).fill(Number.NaN);
    this.recoveredS = new Float64Array(n).fill(Number.NaN);
    this.lostCallsBefore = new Float64Array(n);
    this.active = new Uint8Array(n);
    this.before = this.faults.map((f) => new Int32Array(f.pools.length));
    this.servedAtStart = this.faults.map((f) => new Float64Array(f.pools.length));
    this.launchesDuring = this.faults.map(() => new Int32Array(model.pools.length));
    this.launchFailuresDuring = this.faults.map(() => new Int32Array(model.pools.length));
    this.downCount = new Int32Array(model.pools.length);
    this.reached = this.faults.map((f) => new Uint8Array(f.pools.length));
    this.faults.forEach((f, i) => {
      f.poolStartS?.forEach((t, k) => {
        if (t > f.startS && Number.isFinite(t)) this.pushes.push({ fault: i, k });
      });
    });
    // The balancer checks every pool of every service, from beside it, with the service's check.
    const groups: HealthGroup[] = model.services.map((s) => ({
      check: s.healthCheck ?? ELB_HEALTH_CHECK,
      targets: s.pools,
      checkers: [-1],
      minHealthyShare: 0,
    }));
    this.health = new HealthChecks(model.pools.length, groups, later, this, this, this.rng);
    // A cold start's next try is an EV_FAULT_END event whose target is past the faults' numbers.
    if (ColdStart.applies(model))
      this.coldStart = new ColdStart(model, later, calls, EV_FAULT_END, this.faults.length);
    calls.conditions.observedHealthy = this.health.healthy;
  }

  /** Schedules the faults, and the health checks when there is any fault to notice. */
  start(): void {
    if (this.faults.length === 0) return;
    this.faults.forEach((f, i) => {
      this.later.push(f.startS, EV_FAULT_START, i);
      if (Number.isFinite(f.endS)) this.later.push(f.endS, EV_FAULT_END, i);
    });
    this.pushes.forEach((push, j) => {
      const f = this.faults[push.fault] as SimFault;
      this.later.push(f.poolStartS?.[push.k] as number, EV_FAULT_START, this.faults.length + j);
    });
    this.health.start(0);
  }

  handle(kind: number, target: number, now: number): void {
    if (kind === EV_FAULT_START) {
      if (target < this.faults.length) this.begin(target, now);
      else this.pushReaches(target - this.faults.length);
    } else if (kind === EV_FAULT_END) {
      if (target < this.faults.length) this.end(target, now);
      else this.coldStart?.attempt(target - this.faults.length, now);
    } else {
      this.health.handle(kind, target, now);
      if (kind === EV_HEALTH_RESULT && this.awaitingRecovery > 0) this.checkRecoveries(now);
    }
  }

  private begin(i: number, now: number): void {
    const f = this.faults[i] as SimFault;
    const calls = this.calls;
    const capacity = this.capacity;
    calls.degraded = true;
    this.active[i] = 1;
    this.countLaunches(i, -1);
    const before = this.before[i] as Int32Array;
    f.pools.forEach((p, k) => {
      before[k] = capacity.inService[p] as number;
      (this.servedAtStart[i] as Float64Array)[k] = calls.served[p] as number;
      this.lostCallsBefore[i] =
        (this.lostCallsBefore[i] as number) + (calls.conditions.lostCalls[p] as number);
    });
    if (f.kind === FAULT_LOSE_PLACE) {
      for (const p of f.pools) {
        capacity.blocked[p] = (capacity.blocked[p] as number) + 1;
        this.downCount[p] = (this.downCount[p] as number) + 1;
        if (this.downCount[p] !== 1) continue;
        this.coldStart?.lost(p);
        calls.losePool(p);
        capacity.stopInstances(p, Number.POSITIVE_INFINITY, now, true);
      }
      for (const p of f.launchBlocked) capacity.blocked[p] = (capacity.blocked[p] as number) + 1;
    } else if (f.kind === FAULT_LOSE_INSTANCES) {
      for (const p of f.pools) {
        capacity.stopInstances(p, f.instances, now, false);
        // The platform replaces what it scales; on-premises and fixed servers stay lost.
        if (this.model.pools[p]?.scaling) capacity.reconcile(p, now);
      }
    } else if (f.kind === FAULT_CUT) calls.useRtt(f.rttAtStart);
    else {
      if (f.kind === FAULT_DEPLOY)
        f.poolStartS?.forEach((t, k) => {
          if (t <= now) (this.reached[i] as Uint8Array)[k] = 1;
        });
      this.brownOut(f.pools);
    }
  }

  /** A push reaches its next pool while its fault is in force. */
  private pushReaches(j: number): void {
    const push = this.pushes[j];
    if (!push || this.active[push.fault] !== 1) return;
    const f = this.faults[push.fault] as SimFault;
    (this.reached[push.fault] as Uint8Array)[push.k] = 1;
    this.brownOut([f.pools[push.k] as number]);
  }

  private end(i: number, now: number): void {
    const f = this.faults[i] as SimFault;
    const calls = this.calls;
    const capacity = this.capacity;
    this.active[i] = 0;
    this.countLaunches(i, 1);
    if (f.kind === FAULT_LOSE_PLACE) {
      for (const p of f.pools) {
        capacity.blocked[p] = (capacity.blocked[p] as number) - 1;
        this.downCount[p] = (this.downCount[p] as number) - 1;
        if (this.downCount[p] !== 0) continue;
        const scaling = this.model.pools[p]?.scaling;
        if (!this.coldStart) calls.conditions.restore(p);
        if (!scaling) capacity.bootS[p] = f.bootS;
        capacity.reconcile(p, now);
        this.coldStart?.placeBack(p, now, scaling ? scaling.launchS : f.bootS);
      }
      for (const p of f.launchBlocked) {
        capacity.blocked[p] = (capacity.blocked[p] as number) - 1;
        capacity.reconcile(p, now);
      }
    } else if (f.kind === FAULT_CUT) calls.useRtt(f.rttAtEnd);
    else if (f.kind === FAULT_BROWNOUT || f.kind === FAULT_DEPLOY) this.brownOut(f.pools);
    if (f.kind === FAULT_CUT) this.recovered(i, now);
    else this.awaitRecovery(i);
  }

  /**
   * Adds (sign 1, at its end) or takes away (sign -1, at its start) the launches so far from fault
   * `i`'s counts: what is left is what happened while it was in force.
   */
  private countLaunches(i: number, sign: number): void {
    const launches = this.launchesDuring[i] as Int32Array;
    const failures = this.launchFailuresDuring[i] as Int32Array;
    for (let p = 0; p < launches.length; p++) {
      launches[p] = (launches[p] as number) + sign * (this.capacity.launches[p] as number);
      failures[p] = (failures[p] as number) + sign * (this.capacity.launchFailures[p] as number);
    }
  }

  /**
   * Pool `p`'s launches and launches refused while fault `i` was in force: to its end, or to now
   * when it still is.
   */
  launchesWhile(i: number, p: number): { launches: number; failures: number } {
    const open = this.active[i] === 1 ? 1 : 0;
    return {
      launches:
        ((this.launchesDuring[i] as Int32Array)[p] as number) + open * (this.capacity.launches[p] as number),
      failures:
        ((this.launchFailuresDuring[i] as Int32Array)[p] as number) +
        open * (this.capacity.launchFailures[p] as number),
    };
  }

  /** The brown-out of each pool from the brown-outs in force: added latencies add up, error rates combine. */
  private brownOut(pools: readonly number[]): void {
    for (const p of pools) {
      let latency = 0;
      let ok = 1;
      this.faults.forEach((f, i) => {
        if (this.active[i] !== 1) return;
        const k = f.pools.indexOf(p);
        if (k < 0) return;
        if (f.kind !== FAULT_BROWNOUT && !(f.kind === FAULT_DEPLOY && this.reached[i]?.[k] === 1)) return;
        latency += f.addedLatencyS;
        ok *= 1 - f.errorRate;
      });
      this.calls.conditions.addedLatencyS[p] = latency;
      this.calls.conditions.errorRate[p] = 1 - ok;
    }
  }

  /** What a probe of `pool` from `from` (-1: beside it) finds. */
  probe(pool: number, from: number, timeoutS: number): number {
    const calls = this.calls;
    const conditions = calls.conditions;
    this.probeDelayS = timeoutS;
    if (conditions.down[pool] === 1) return 0;
    if (this.capacity.inService[pool] === 0) return -1;
    const to = this.model.pools[pool]?.endpoint as number;
    const rtt = calls.rttS[(from < 0 ? to : from) * calls.endpointCount + to] as number;
    const delay = rtt + (conditions.addedLatencyS[pool] as number);
    if (!(delay < timeoutS)) return 0;
    this.probeDelayS = delay;
    const errorRate = conditions.errorRate[pool] as number;
    return errorRate > 0 && this.rng.uniform() < errorRate ? 0 : 1;
  }

  healthChanged(pool: number, healthy: boolean, now: number): void {
    if (healthy) return;
    this.faults.forEach((f, i) => {
      if (this.active[i] === 1 && Number.isNaN(this.detectedS[i] as number) && f.pools.includes(pool))
        this.detectedS[i] = now;
    });
  }

  private awaitRecovery(i: number): void {
    if (!Number.isNaN(this.recoveredS[i] as number)) return;
    this.awaitingRecovery++;
    this.recoveredS[i] = Number.NEGATIVE_INFINITY;
  }

  /**
   * Faults waiting to be recovered from, checked at each health-check result: recovered when every
   * pool the fault hit is observed healthy with its instances back (at least as many as it had, or
   * as it wants now if fewer).
   */
  private checkRecoveries(now: number): void {
    this.faults.forEach((f, i) => {
      if (this.recoveredS[i] !== Number.NEGATIVE_INFINITY || this.active[i] === 1) return;
      const before = this.before[i] as Int32Array;
      const back = f.pools.every((p, k) => {
        const want = Math.min(before[k] as number, this.capacity.desired[p] as number);
        return this.health.healthy[p] === 1 && (this.capacity.inService[p] as number) >= want;
      });
      if (back) {
        this.awaitingRecovery--;
        this.recovered(i, now);
      }
    });
  }

  private recovered(i: number, now: number): void {
    this.recoveredS[i] = now;
    this.recorder.closeFault(i, now);
  }
}
