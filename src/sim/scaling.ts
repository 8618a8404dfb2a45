/**
 * The pools' scaling controllers: each scaling pool's target-tracking policy (target-tracking.ts)
 * evaluated once a period over its own window of the pools it watches (itself, or with
 * `over: service` every pool of its service), with the alarms' consecutive periods above and below
 * the target and the time of its last scale-in. Sources: see target-tracking.ts.
 */
import type { Capacity } from './capacity.js';
import type { SimModel, SimPool } from './model.js';
import { targetTracking } from './target-tracking.js';

export class ScalingControllers {
  private readonly pools: readonly SimPool[];
  /** Service -> its pools, for service-wide metrics. */
  private readonly servicePools: readonly (readonly number[])[];
  // Per pool: the totals at the controller's last evaluation (its window starts there).
  private readonly windowBusy: Float64Array;
  private readonly windowWorkers: Float64Array;
  private readonly windowInstances: Float64Array;
  private readonly windowArrivals: Float64Array;
  private readonly above: Int32Array;
  private readonly below: Int32Array;
  private readonly lastScaleIn: Float64Array;

  constructor(model: SimModel) {
    const n = model.pools.length;
    this.pools = model.pools;
    this.servicePools = model.services.map((s) => s.pools);
    this.windowBusy = new Float64Array(n);
    this.windowWorkers = new Float64Array(n);
    this.windowInstances = new Float64Array(n);
    this.windowArrivals = new Float64Array(n);
    this.above = new Int32Array(n);
    this.below = new Int32Array(n);
    this.lastScaleIn = new Float64Array(n).fill(Number.NEGATIVE_INFINITY);
  }

  /** One evaluation of `pool`'s policy: the desired capacity it asks for (before min and max). */
  evaluate(capacity: Capacity, pool: number, now: number): number {
    const spec = this.pools[pool] as SimPool;
    const scaling = spec.scaling;
    if (!scaling) return capacity.desired[pool] as number;
    const members = scaling.overService ? (this.servicePools[spec.service] as readonly number[]) : [pool];
    // The window is this controller's own: sums over its members since its last evaluation.
    let busyTotal = 0;
    let workerTotal = 0;
    let instanceTotal = 0;
    let arrivalTotal = 0;
    let inService = 0;
    for (const p of members) {
      capacity.integrate(p, now);
      busyTotal += capacity.busyArea[p] as number;
      workerTotal += capacity.workerArea[p] as number;
      instanceTotal += capacity.instanceArea[p] as number;
      arrivalTotal += capacity.arrivals[p] as number;
      inService += capacity.inService[p] as number;
    }
    const busy = busyTotal - (this.windowBusy[pool] as number);
    const workers = workerTotal - (this.windowWorkers[pool] as number);
    const instances = instanceTotal - (this.windowInstances[pool] as number);
    const arrivals = arrivalTotal - (this.windowArrivals[pool] as number);
    this.windowBusy[pool] = busyTotal;
    this.windowWorkers[pool] = workerTotal;
    this.windowInstances[pool] = instanceTotal;
    this.windowArrivals[pool] = arrivalTotal;
    const decision = targetTracking(
      scaling,
      { busy, workers, instances, arrivals, inService },
      {
        desired: capacity.desired[pool] as number,
        inService: capacity.inService[pool] as number,
        others: scaling.overService ? othersCapacity(capacity, members, pool) : 0,
        maximum: capacity.maximum[pool] as number,
        above: this.above[pool] as number,
        below: this.below[pool] as number,
        sinceScaleInS: now - (this.lastScaleIn[pool] as number),
      },
    );
    this.above[pool] = decision.above;
    this.below[pool] = decision.below;
    if (decision.scaledIn) this.lastScaleIn[pool] = now;
    return decision.desired;
  }
}

/** Instances the other pools of the service have or are getting. */
function othersCapacity(capacity: Capacity, members: readonly number[], pool: number): number {
  let total = 0;
  for (const p of members)
    if (p !== pool)
      total += Math.max(
        capacity.desired[p] as number,
        (capacity.inService[p] as number) + (capacity.launching[p] as number),
      );
  return total;
}
