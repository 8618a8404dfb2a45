/**
 * Spot capacity of the pools: which launches are Spot (keeping each pool's Spot share), the family
 * each Spot instance runs on, when it is interrupted, and the interruptions counted.
 *
 * AWS behaviour (EC2 User Guide, "Spot Instance interruption notices"; EC2 Auto Scaling User Guide,
 * "Capacity Rebalancing"): interruptions come at the pool's rate, a notice two minutes before the
 * instance stops; capacity.ts withdraws the instance at the notice and launches its replacement.
 */
import type { SimPool } from './model.js';
import type { Stream } from './random.js';

export class SpotFleet {
  /** Per pool: Spot instances launching or in service (the share is kept over these). */
  private readonly count: Int32Array;
  /** Per pool: interruptions so far. */
  readonly interruptions: Int32Array;
  /** Per instance: 1 when it runs on Spot. */
  readonly onSpot: Uint8Array;
  /** Per instance: the index of its family among the pool's Spot families. */
  readonly family: Int16Array;
  private readonly rng: Stream;

  constructor(pools: number, instances: number, rng: Stream) {
    this.count = new Int32Array(pools);
    this.interruptions = new Int32Array(pools);
    this.onSpot = new Uint8Array(instances);
    this.family = new Int16Array(instances);
    this.rng = rng;
  }

  /**
   * A launch of `instance` into `pool` (which has `up` instances launching or in service): whether
   * it is Spot, keeping the pool's share, and on which family.
   */
  assign(pool: number, spec: SimPool, instance: number, up: number): boolean {
    const spot = spec.spot;
    const onSpot =
      spot !== undefined && (this.count[pool] as number) + 1 <= Math.round(spot.share * (up + 1));
    this.onSpot[instance] = onSpot ? 1 : 0;
    if (onSpot) {
      this.count[pool] = (this.count[pool] as number) + 1;
      const families = spot.families.length;
      this.family[instance] = families > 0 ? this.rng.below(families) : 0;
    }
    return onSpot;
  }

  /** When an instance entering service now will be interrupted; NaN when it will not. */
  interruptionAt(instance: number, spec: SimPool, now: number): number {
    if (!this.onSpot[instance] || !spec.spot || spec.spot.interruptionsPerHour <= 0) return Number.NaN;
    return now + this.rng.exponential(3600 / spec.spot.interruptionsPerHour);
  }

  /** The instance no longer counts toward the pool's Spot share (it is draining or stopped). */
  released(pool: number, instance: number): void {
    if (this.onSpot[instance]) this.count[pool] = (this.count[pool] as number) - 1;
  }

  interrupted(pool: number): void {
    this.interruptions[pool] = (this.interruptions[pool] as number) + 1;
  }
}
