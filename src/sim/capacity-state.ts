/**
 * The state of a pool's capacity (capacity.ts changes it): per pool its instances by state, the
 * workers they offer and the areas under them, its bounds and launch counts; per instance its state
 * and when it is ready or ends; per worker slot the leg it serves, with a stack of free slots per
 * pool; per launch limit (a zone's finite capacity) the instances it counts. Every pool gets room
 * for all the instances it may hold at once, plus, when it scales or runs Spot, the ones draining
 * beside their replacements; the arrays are laid out once, when the run starts.
 */
import { Billing } from './billing.js';
import type { EventHeap } from './heap.js';
import type { SimModel, SimPool } from './model.js';
import { STREAM_CAPACITY, Stream } from './random.js';
import { ScalingControllers } from './scaling.js';
import { SpotFleet } from './spot.js';

/** An instance's state: off (a free row), launching, in service, draining (no new work). */
export const INSTANCE_OFF = 0;
export const INSTANCE_LAUNCHING = 1;
export const INSTANCE_IN_SERVICE = 2;
export const INSTANCE_DRAINING = 3;

/** What capacity asks of the engine. */
export interface CapacityHost {
  /** Workers became free in `pool`: hand them queued work. */
  dispatch(pool: number): void;
  /** The instance running `leg` is gone: the leg fails. */
  killLeg(leg: number): void;
  /** The instance running `leg` was lost (its place, or itself): the leg never returns. */
  loseLeg(leg: number): void;
}

/** The arrays of a model's capacity, laid out for its pools; Capacity (capacity.ts) works on them. */
export class CapacityState {
  readonly pools: readonly SimPool[];
  protected readonly heap: EventHeap;
  protected host: CapacityHost;
  readonly billing: Billing;
  readonly spot: SpotFleet;
  protected readonly controllers: ScalingControllers;
  // Per pool.
  readonly inService: Int32Array;
  readonly launching: Int32Array;
  readonly draining: Int32Array;
  readonly desired: Int32Array;
  readonly minimum: Int32Array;
  readonly maximum: Int32Array;
  /** Workers on in-service instances, and how many of those are busy. */
  readonly workersUp: Int32Array;
  readonly busy: Int32Array;
  /** Requests routed to the pool (the requests-per-instance metric). */
  readonly arrivals: Float64Array;
  readonly busyArea: Float64Array;
  readonly workerArea: Float64Array;
  readonly instanceArea: Float64Array;
  protected readonly lastT: Float64Array;
  readonly peak: Int32Array;
  readonly launches: Int32Array;
  readonly launchFailures: Int32Array;
  /** Per pool: faults that stop its launches now (its place, or a Local Zone's parent, is lost). */
  readonly blocked: Int32Array;
  /** Per pool that does not scale: how long a server takes to come back after its place is back. */
  readonly bootS: Float64Array;
  protected readonly instanceBase: Int32Array;
  protected readonly instanceCount: Int32Array;
  protected readonly slotBase: Int32Array;
  protected readonly top: Int32Array;
  // Per instance.
  protected readonly state: Uint8Array;
  protected readonly instanceBusy: Int32Array;
  protected readonly readyAt: Float64Array;
  protected readonly endAt: Float64Array;
  protected readonly instancePool: Int32Array;
  // Per worker slot.
  /** The leg a slot serves, -1 when free. */
  readonly slotLeg: Int32Array;
  protected readonly slotInstance: Int32Array;
  protected readonly freeSlots: Int32Array;
  // Per launch limit.
  protected readonly limitUsed: Int32Array;
  protected readonly limitMax: Int32Array;

  constructor(model: SimModel, heap: EventHeap, host: CapacityHost) {
    this.pools = model.pools;
    this.heap = heap;
    this.host = host;
    const n = model.pools.length;
    this.inService = new Int32Array(n);
    this.launching = new Int32Array(n);
    this.draining = new Int32Array(n);
    this.desired = new Int32Array(n);
    this.minimum = new Int32Array(n);
    this.maximum = new Int32Array(n);
    this.workersUp = new Int32Array(n);
    this.busy = new Int32Array(n);
    this.arrivals = new Float64Array(n);
    this.busyArea = new Float64Array(n);
    this.workerArea = new Float64Array(n);
    this.instanceArea = new Float64Array(n);
    this.lastT = new Float64Array(n);
    this.peak = new Int32Array(n);
    this.launches = new Int32Array(n);
    this.launchFailures = new Int32Array(n);
    this.blocked = new Int32Array(n);
    this.bootS = new Float64Array(n);
    this.instanceBase = new Int32Array(n);
    this.instanceCount = new Int32Array(n);
    this.slotBase = new Int32Array(n);
    this.top = new Int32Array(n);
    let instances = 0;
    let slots = 0;
    model.pools.forEach((pool, p) => {
      // Room for every instance the pool may hold, plus the ones draining beside their replacements.
      const room = pool.scaling || pool.spot ? 2 * pool.max + 2 : pool.max;
      this.instanceBase[p] = instances;
      this.instanceCount[p] = room;
      this.slotBase[p] = slots;
      instances += room;
      slots += room * pool.workers;
      this.minimum[p] = pool.min;
      this.maximum[p] = pool.max;
    });
    this.state = new Uint8Array(instances);
    this.billing = new Billing(n);
    this.controllers = new ScalingControllers(model);
    this.spot = new SpotFleet(n, instances, new Stream(model.seed, STREAM_CAPACITY));
    this.instanceBusy = new Int32Array(instances);
    this.readyAt = new Float64Array(instances);
    this.endAt = new Float64Array(instances);
    this.instancePool = new Int32Array(instances);
    this.slotLeg = new Int32Array(slots).fill(-1);
    this.slotInstance = new Int32Array(slots);
    this.freeSlots = new Int32Array(slots);
    model.pools.forEach((pool, p) => {
      const base = this.instanceBase[p] as number;
      for (let i = 0; i < (this.instanceCount[p] as number); i++) {
        this.instancePool[base + i] = p;
        for (let w = 0; w < pool.workers; w++)
          this.slotInstance[(this.slotBase[p] as number) + i * pool.workers + w] = base + i;
      }
    });
    this.limitUsed = new Int32Array(model.limits.length);
    this.limitMax = Int32Array.from(model.limits.map((l) => l.max));
  }
}
