/**
 * Capacity over time: each pool's instances (launching, in service, draining), the worker slots
 * they offer, the controller that scales them, Spot interruptions and what it all costs.
 *
 * AWS behaviour modelled here, with its sources:
 * - Target tracking: see target-tracking.ts (the policy) and scaling.ts (its controllers).
 * - A launch takes `launchS` before the instance serves (boot, application start, health check
 *   grace); it is billed from the launch request on.
 * - A zone's finite capacity of a family: launches past it fail like InsufficientInstanceCapacity
 *   ("Troubleshoot Amazon EC2 instance launch issues", EC2 User Guide) and are tried again at the
 *   next evaluation.
 * - Spot (spot.ts): an interruption notice comes two minutes before the instance stops ("Spot
 *   Instance interruption notices", EC2 User Guide); the instance takes no new work from the notice
 *   on, a replacement is launched at once (Capacity Rebalancing, EC2 Auto Scaling User Guide;
 *   Karpenter drains and launches in parallel), and work still running at the end is lost.
 * - Karpenter (Karpenter docs, "Disruption"; EKS User Guide, "Autoscaling"): the same controller
 *   with the platform's own period and a node in under a minute.
 * - On-premises racks are fixed: bought for their peak, billed per server-hour all run long.
 * - Billing (billing.ts): instance-seconds by purchase option, from launch request to stop.
 * - Faults (faults.ts, with their sources) stop instances as a power loss does (their work never
 *   answers) and block a pool's launches while its place, or a Local Zone's parent, is lost; a
 *   server that does not scale comes back after its boot time.
 *
 * The arrays it all lives in, and the instances' states, are capacity-state.ts's.
 */

import {
  CapacityState,
  INSTANCE_DRAINING,
  INSTANCE_IN_SERVICE,
  INSTANCE_LAUNCHING,
  INSTANCE_OFF,
} from './capacity-state.js';
import type { SimPool } from './model.js';

/** Events the capacity schedules; the engine routes them back here. */
export const EV_POOL_TICK = 20;
export const EV_INSTANCE_READY = 21;
export const EV_SPOT_NOTICE = 22;
export const EV_INSTANCE_END = 23;

export class Capacity extends CapacityState {
  /** Puts every pool's starting instances in service at time 0 and starts the controllers. */
  start(): void {
    this.pools.forEach((pool, p) => {
      this.desired[p] = pool.initial;
      for (let k = 0; k < pool.initial; k++) {
        const instance = this.launch(p, 0, true);
        if (instance >= 0) this.enterService(instance, 0);
      }
      if (pool.scaling) this.heap.push(pool.scaling.periodS, EV_POOL_TICK, p);
    });
  }

  /** Free workers of a pool. */
  free(pool: number): number {
    return (this.workersUp[pool] as number) - (this.busy[pool] as number);
  }

  /** Takes a free worker slot of `pool` for `leg`; -1 when none is free. */
  take(pool: number, leg: number, now: number): number {
    const base = this.slotBase[pool] as number;
    let top = this.top[pool] as number;
    while (top > 0) {
      const slot = this.freeSlots[base + --top] as number;
      const instance = this.slotInstance[slot] as number;
      if (this.slotLeg[slot] === -1 && this.state[instance] === INSTANCE_IN_SERVICE) {
        this.top[pool] = top;
        this.integrate(pool, now);
        this.slotLeg[slot] = leg;
        this.busy[pool] = (this.busy[pool] as number) + 1;
        this.instanceBusy[instance] = (this.instanceBusy[instance] as number) + 1;
        return slot;
      }
    }
    this.top[pool] = 0;
    return -1;
  }

  /** Frees a slot; true when it is back in service (the pool may take queued work). */
  release(slot: number, now: number): boolean {
    const instance = this.slotInstance[slot] as number;
    const pool = this.instancePool[instance] as number;
    this.slotLeg[slot] = -1;
    this.instanceBusy[instance] = (this.instanceBusy[instance] as number) - 1;
    if (this.state[instance] === INSTANCE_IN_SERVICE) {
      this.integrate(pool, now);
      this.busy[pool] = (this.busy[pool] as number) - 1;
      this.pushFree(pool, slot);
      return true;
    }
    if (this.state[instance] === INSTANCE_DRAINING && this.instanceBusy[instance] === 0)
      this.end(instance, now);
    return false;
  }

  /** Counts a request routed to `pool`. */
  arrive(pool: number): void {
    this.arrivals[pool] = (this.arrivals[pool] as number) + 1;
  }

  /** Brings areas (busy workers, workers, instances) up to `now`. */
  integrate(pool: number, now: number): void {
    const dt = now - (this.lastT[pool] as number);
    if (dt > 0) {
      this.busyArea[pool] = (this.busyArea[pool] as number) + (this.busy[pool] as number) * dt;
      this.workerArea[pool] = (this.workerArea[pool] as number) + (this.workersUp[pool] as number) * dt;
      this.instanceArea[pool] = (this.instanceArea[pool] as number) + (this.inService[pool] as number) * dt;
      this.billing.accrue(pool, dt);
      this.lastT[pool] = now;
    }
  }

  /** Handles one of the capacity's events. */
  handle(kind: number, target: number, now: number): void {
    if (kind === EV_POOL_TICK) this.tick(target, now);
    else if (kind === EV_INSTANCE_READY) {
      if (this.state[target] === INSTANCE_LAUNCHING && this.readyAt[target] === now)
        this.enterService(target, now);
    } else if (kind === EV_SPOT_NOTICE) {
      if (this.endAt[target] === now && this.state[target] === INSTANCE_IN_SERVICE) this.notice(target, now);
    } else if (kind === EV_INSTANCE_END) {
      if (this.endAt[target] === now && this.state[target] !== INSTANCE_OFF) this.end(target, now);
    }
  }

  /** A scheduled change of a pool's bounds or desired capacity. */
  setCapacity(pool: number, now: number, min?: number, desired?: number, max?: number): void {
    if (min !== undefined) this.minimum[pool] = min;
    if (max !== undefined) this.maximum[pool] = Math.min(max, this.instanceCount[pool] as number);
    const lo = this.minimum[pool] as number;
    const hi = this.maximum[pool] as number;
    const want = desired ?? (this.desired[pool] as number);
    this.desired[pool] = Math.max(lo, Math.min(hi, want));
    this.reconcile(pool, now);
  }

  /** Ends the run: brings every pool's areas up to `now`. */
  finish(now: number): void {
    for (let p = 0; p < this.pools.length; p++) this.integrate(p, now);
  }

  private pushFree(pool: number, slot: number): void {
    const base = this.slotBase[pool] as number;
    const room = (this.instanceCount[pool] as number) * (this.pools[pool] as SimPool).workers;
    if ((this.top[pool] as number) >= room) this.rebuildFree(pool);
    this.freeSlots[base + (this.top[pool] as number)] = slot;
    this.top[pool] = (this.top[pool] as number) + 1;
  }

  /** Stale entries (slots of instances gone) filled the stack: list the free slots afresh. */
  private rebuildFree(pool: number): void {
    const base = this.slotBase[pool] as number;
    const room = (this.instanceCount[pool] as number) * (this.pools[pool] as SimPool).workers;
    let top = 0;
    for (let slot = base; slot < base + room; slot++)
      if (this.slotLeg[slot] === -1 && this.state[this.slotInstance[slot] as number] === INSTANCE_IN_SERVICE)
        this.freeSlots[base + top++] = slot;
    this.top[pool] = top;
  }

  /**
   * Starts an instance (a pool's starting instances are in service at once; later ones serve after
   * the launch time); -1 when the zone has no capacity left or the pool has no room.
   */
  private launch(pool: number, now: number, initial = false): number {
    const spec = this.pools[pool] as SimPool;
    if (
      (this.blocked[pool] as number) > 0 ||
      (spec.limit >= 0 && (this.limitUsed[spec.limit] as number) >= (this.limitMax[spec.limit] as number))
    ) {
      this.launchFailures[pool] = (this.launchFailures[pool] as number) + 1;
      return -1;
    }
    const base = this.instanceBase[pool] as number;
    let instance = -1;
    for (let i = base; i < base + (this.instanceCount[pool] as number); i++)
      if (this.state[i] === INSTANCE_OFF && this.instanceBusy[i] === 0) {
        instance = i;
        break;
      }
    if (instance < 0) {
      this.launchFailures[pool] = (this.launchFailures[pool] as number) + 1;
      return -1;
    }
    if (spec.limit >= 0) this.limitUsed[spec.limit] = (this.limitUsed[spec.limit] as number) + 1;
    this.integrate(pool, now);
    const up = (this.inService[pool] as number) + (this.launching[pool] as number);
    this.billing.start(pool, this.spot.assign(pool, spec, instance, up));
    this.state[instance] = INSTANCE_LAUNCHING;
    this.launching[pool] = (this.launching[pool] as number) + 1;
    if (!initial) this.launches[pool] = (this.launches[pool] as number) + 1;
    const launchS = spec.scaling?.launchS ?? (this.bootS[pool] as number);
    if (!initial) {
      this.readyAt[instance] = now + launchS;
      this.heap.push(now + launchS, EV_INSTANCE_READY, instance);
    }
    return instance;
  }

  private enterService(instance: number, now: number): void {
    const pool = this.instancePool[instance] as number;
    const spec = this.pools[pool] as SimPool;
    this.integrate(pool, now);
    this.state[instance] = INSTANCE_IN_SERVICE;
    this.launching[pool] = (this.launching[pool] as number) - 1;
    this.inService[pool] = (this.inService[pool] as number) + 1;
    this.workersUp[pool] = (this.workersUp[pool] as number) + spec.workers;
    const up = (this.inService[pool] as number) + (this.draining[pool] as number);
    if (up > (this.peak[pool] as number)) this.peak[pool] = up;
    const first =
      (this.slotBase[pool] as number) + (instance - (this.instanceBase[pool] as number)) * spec.workers;
    for (let w = spec.workers - 1; w >= 0; w--) this.pushFree(pool, first + w);
    const at = this.spot.interruptionAt(instance, spec, now);
    if (!Number.isNaN(at)) {
      this.endAt[instance] = at;
      this.heap.push(at, EV_SPOT_NOTICE, instance);
    }
    this.host.dispatch(pool);
  }

  /** A Spot notice: no new work; stopped two minutes later; a replacement launches now. */
  private notice(instance: number, now: number): void {
    const pool = this.instancePool[instance] as number;
    const spec = this.pools[pool] as SimPool;
    this.spot.interrupted(pool);
    this.withdraw(instance, now);
    const at = now + (spec.spot?.noticeS ?? 120);
    this.endAt[instance] = at;
    this.heap.push(at, EV_INSTANCE_END, instance);
    this.reconcile(pool, now);
  }

  /** Takes an instance out of service: it finishes what it holds but takes nothing new. */
  private withdraw(instance: number, now: number): void {
    const pool = this.instancePool[instance] as number;
    const spec = this.pools[pool] as SimPool;
    this.integrate(pool, now);
    if (this.state[instance] === INSTANCE_IN_SERVICE) {
      this.inService[pool] = (this.inService[pool] as number) - 1;
      this.workersUp[pool] = (this.workersUp[pool] as number) - spec.workers;
      this.busy[pool] = (this.busy[pool] as number) - (this.instanceBusy[instance] as number);
    } else if (this.state[instance] === INSTANCE_LAUNCHING)
      this.launching[pool] = (this.launching[pool] as number) - 1;
    // Spot instances counted toward the pool's Spot share: the ones launching or serving.
    this.spot.released(pool, instance);
    this.state[instance] = INSTANCE_DRAINING;
    this.draining[pool] = (this.draining[pool] as number) + 1;
  }

  /**
   * Stops up to `count` of the pool's instances at once, as a power loss does: the in-service ones
   * (and with `all`, the launching and draining ones too); the work they hold never returns.
   * Returns how many stopped.
   */
  stopInstances(pool: number, count: number, now: number, all: boolean): number {
    const base = this.instanceBase[pool] as number;
    let stopped = 0;
    for (let i = base; i < base + (this.instanceCount[pool] as number) && stopped < count; i++) {
      const state = this.state[i];
      if (state === INSTANCE_IN_SERVICE || (all && state !== INSTANCE_OFF)) {
        this.end(i, now, true);
        stopped++;
      }
    }
    return stopped;
  }

  /** The instance stops: work it still holds fails (or with `lost`, never returns); billing stops. */
  private end(instance: number, now: number, lost = false): void {
    const pool = this.instancePool[instance] as number;
    const spec = this.pools[pool] as SimPool;
    if (this.state[instance] !== INSTANCE_DRAINING) this.withdraw(instance, now);
    this.integrate(pool, now);
    this.state[instance] = INSTANCE_OFF;
    this.draining[pool] = (this.draining[pool] as number) - 1;
    this.billing.stop(pool, this.spot.onSpot[instance] === 1);
    if (spec.limit >= 0) this.limitUsed[spec.limit] = (this.limitUsed[spec.limit] as number) - 1;
    this.endAt[instance] = Number.NaN;
    if (this.instanceBusy[instance] !== 0) {
      const first =
        (this.slotBase[pool] as number) + (instance - (this.instanceBase[pool] as number)) * spec.workers;
      for (let w = 0; w < spec.workers; w++) {
        const leg = this.slotLeg[first + w] as number;
        if (leg >= 0) {
          if (lost) this.host.loseLeg(leg);
          else this.host.killLeg(leg);
        }
      }
      this.instanceBusy[instance] = 0;
    }
  }

  /** One evaluation of a pool's target-tracking policy. */
  private tick(pool: number, now: number): void {
    const scaling = (this.pools[pool] as SimPool).scaling;
    if (!scaling) return;
    this.heap.push(now + scaling.periodS, EV_POOL_TICK, pool);
    const next = this.controllers.evaluate(this, pool, now);
    this.desired[pool] = Math.max(this.minimum[pool] as number, Math.min(this.maximum[pool] as number, next));
    this.reconcile(pool, now);
  }

  /** Launches or removes instances until the pool has what it wants. */
  reconcile(pool: number, now: number): void {
    const want = this.desired[pool] as number;
    let have = (this.inService[pool] as number) + (this.launching[pool] as number);
    while (have < want) {
      if (this.launch(pool, now) < 0) return;
      have++;
    }
    if (have <= want) return;
    const base = this.instanceBase[pool] as number;
    const count = this.instanceCount[pool] as number;
    // Cancel launches first, newest first; then drain the in-service instances that hold the least.
    for (let i = base + count - 1; i >= base && have > want; i--)
      if (this.state[i] === INSTANCE_LAUNCHING) {
        this.withdraw(i, now);
        this.end(i, now);
        have--;
      }
    while (have > want) {
      let pick = -1;
      for (let i = base; i < base + count; i++)
        if (
          this.state[i] === INSTANCE_IN_SERVICE &&
          (pick < 0 || (this.instanceBusy[i] as number) < (this.instanceBusy[pick] as number))
        )
          pick = i;
      if (pick < 0) return;
      this.withdraw(pick, now);
      if (this.instanceBusy[pick] === 0) this.end(pick, now);
      have--;
    }
  }
}
