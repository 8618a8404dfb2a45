/**
 * Health checks: checkers probe targets periodically, count consecutive results against
 * thresholds, and vote; a target's observed health is what the votes say. Reusable by anything
 * that routes on health: the simulator's internal balancing (a load balancer's target groups) now,
 * DNS and accelerator front doors next (several checker locations whose votes combine).
 *
 * AWS behaviour modelled here, with its sources:
 * - Elastic Load Balancing (ELB User Guide for Application Load Balancers, "Health checks for your
 *   target groups"; Network Load Balancers the same with their own defaults): a probe every
 *   `HealthCheckIntervalSeconds` (default 30 s) that fails when no answer comes within
 *   `HealthCheckTimeoutSeconds` (default 5 s) or the answer is an error; `UnhealthyThresholdCount`
 *   (default 2) consecutive failures mark a healthy target unhealthy, `HealthyThresholdCount`
 *   (default 5) consecutive successes mark it healthy again. One checker, beside the targets.
 * - Route 53 (Developer Guide, "How Amazon Route 53 determines whether a health check is
 *   healthy"): checkers in several regions each keep their own count; the endpoint is healthy when
 *   more than 18 % of them consider it healthy: here `minHealthyShare` over a group's checkers.
 * - Each checker probes at its own phase (checkers are not synchronised): a uniform offset within
 *   the first interval, from the run's health stream.
 *
 * A probe's outcome is what the target is when the probe is sent; the checker learns it when the
 * answer comes (the RTT, plus any added latency) or when the timeout expires. Probes and results are
 * events of the engine's `later` heap, indexed by checker: nothing is allocated per probe.
 */
import type { EventHeap } from './heap.js';
import type { SimHealthCheck } from './model.js';
import type { Stream } from './random.js';

export const EV_HEALTH_PROBE = 30;
export const EV_HEALTH_RESULT = 31;

/** Checkers of a set of targets with one check configuration. */
export interface HealthGroup {
  readonly check: SimHealthCheck;
  readonly targets: readonly number[];
  /** Where the checkers probe from (endpoints); -1 for "beside the target" (a load balancer's node). */
  readonly checkers: readonly number[];
  /** A target is healthy while more than this share of its checkers consider it healthy (ELB: 0). */
  readonly minHealthyShare: number;
}

/** What a probe finds. */
export interface HealthProber {
  /**
   * Probes `target` from endpoint `from` (-1: beside it), with the check's timeout: 1 healthy, 0
   * unhealthy, -1 nothing to check (no instance: the checker's count stays as it is). Sets
   * `probeDelayS`: when the checker learns the result.
   */
  probe(target: number, from: number, timeoutS: number): number;
  probeDelayS: number;
}

/** Hears a target's observed health change. */
export interface HealthListener {
  healthChanged(target: number, healthy: boolean, now: number): void;
}

export class HealthChecks {
  /** Per target: 1 while observed healthy. Every target starts healthy. */
  readonly healthy: Uint8Array;
  private readonly heap: EventHeap;
  private readonly prober: HealthProber;
  private readonly listener: HealthListener;
  private readonly rng: Stream;
  private readonly groups: readonly HealthGroup[];
  /** The event kinds of this set's probes and results (several sets share the engine's heap). */
  private readonly probeKind: number;
  private readonly resultKind: number;
  // Per target.
  private readonly votes: Int32Array;
  private readonly voters: Int32Array;
  private readonly minShare: Float64Array;
  // Per checker.
  private readonly cTarget: Int32Array;
  private readonly cFrom: Int32Array;
  private readonly cGroup: Int32Array;
  private readonly cUp: Uint8Array;
  /** Consecutive results against the checker's current view. */
  private readonly cStreak: Int32Array;
  /** The result on its way: 1 healthy, 0 unhealthy, -1 none. */
  private readonly cPending: Int8Array;

  constructor(
    targets: number,
    groups: readonly HealthGroup[],
    heap: EventHeap,
    prober: HealthProber,
    listener: HealthListener,
    rng: Stream,
    kinds: { readonly probe: number; readonly result: number } = {
      probe: EV_HEALTH_PROBE,
      result: EV_HEALTH_RESULT,
    },
  ) {
    this.probeKind = kinds.probe;
    this.resultKind = kinds.result;
    this.heap = heap;
    this.prober = prober;
    this.listener = listener;
    this.rng = rng;
    this.groups = groups;
    this.healthy = new Uint8Array(targets).fill(1);
    this.votes = new Int32Array(targets);
    this.voters = new Int32Array(targets);
    this.minShare = new Float64Array(targets);
    const n = groups.reduce((sum, g) => sum + g.targets.length * g.checkers.length, 0);
    this.cTarget = new Int32Array(n);
    this.cFrom = new Int32Array(n);
    this.cGroup = new Int32Array(n);
    this.cUp = new Uint8Array(n).fill(1);
    this.cStreak = new Int32Array(n);
    this.cPending = new Int8Array(n).fill(-1);
    let c = 0;
    groups.forEach((group, g) => {
      for (const target of group.targets) {
        this.voters[target] = (this.voters[target] as number) + group.checkers.length;
        this.votes[target] = (this.votes[target] as number) + group.checkers.length;
        this.minShare[target] = group.minHealthyShare;
        for (const from of group.checkers) {
          this.cTarget[c] = target;
          this.cFrom[c] = from;
          this.cGroup[c] = g;
          c++;
        }
      }
    });
  }

  /** Schedules every checker's first probe at a random phase within its first interval. */
  start(now: number): void {
    for (let c = 0; c < this.cTarget.length; c++) {
      const check = (this.groups[this.cGroup[c] as number] as HealthGroup).check;
      this.heap.push(now + this.rng.uniform() * check.intervalS, this.probeKind, c);
    }
  }

  /** Handles a probe or a result of checker `c`. */
  handle(kind: number, c: number, now: number): void {
    const check = (this.groups[this.cGroup[c] as number] as HealthGroup).check;
    if (kind === this.probeKind) {
      this.heap.push(now + check.intervalS, this.probeKind, c);
      const found = this.prober.probe(this.cTarget[c] as number, this.cFrom[c] as number, check.timeoutS);
      if (found < 0) return;
      this.cPending[c] = found;
      // The result is known before the next probe even when the timeout is not shorter than the
      // interval (ELB refuses that; a Route 53 check at 10 s has 4 + 2 s): one pending result each.
      const known = Math.min(this.prober.probeDelayS, check.timeoutS, check.intervalS * 0.999);
      this.heap.push(now + known, this.resultKind, c);
      return;
    }
    const result = this.cPending[c] as number;
    this.cPending[c] = -1;
    if (result < 0) return;
    if (result === this.cUp[c]) {
      this.cStreak[c] = 0;
      return;
    }
    const streak = (this.cStreak[c] as number) + 1;
    const threshold = result === 1 ? check.healthyThreshold : check.unhealthyThreshold;
    if (streak < threshold) {
      this.cStreak[c] = streak;
      return;
    }
    this.cStreak[c] = 0;
    this.cUp[c] = result;
    const target = this.cTarget[c] as number;
    this.votes[target] = (this.votes[target] as number) + (result === 1 ? 1 : -1);
    const healthy =
      (this.votes[target] as number) > (this.minShare[target] as number) * (this.voters[target] as number)
        ? 1
        : 0;
    if (healthy !== this.healthy[target]) {
      this.healthy[target] = healthy;
      this.listener.healthChanged(target, healthy === 1, now);
    }
  }
}
