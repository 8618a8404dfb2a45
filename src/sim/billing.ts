/**
 * What instances cost as they run: per pool, the instances billed on demand and on Spot, and the
 * instance-seconds of each, accrued whenever the pool's state changes (capacity.ts calls `accrue`
 * before every change). An instance is billed from its launch request to its stop (Amazon EC2
 * On-Demand and Spot pricing: per-second billing); owned servers are billed for the whole run in
 * result-summary.ts, not here.
 */
export class Billing {
  /** Instance-seconds billed, per pool, by purchase option. */
  readonly onDemandSeconds: Float64Array;
  readonly spotSeconds: Float64Array;
  /** Instances billed now, per pool. */
  private readonly onDemand: Int32Array;
  private readonly spot: Int32Array;

  constructor(pools: number) {
    this.onDemandSeconds = new Float64Array(pools);
    this.spotSeconds = new Float64Array(pools);
    this.onDemand = new Int32Array(pools);
    this.spot = new Int32Array(pools);
  }

  /** An instance of `pool` is launched: billed from now on. */
  start(pool: number, onSpot: boolean): void {
    if (onSpot) this.spot[pool] = (this.spot[pool] as number) + 1;
    else this.onDemand[pool] = (this.onDemand[pool] as number) + 1;
  }

  /** An instance of `pool` stopped: no longer billed. */
  stop(pool: number, onSpot: boolean): void {
    if (onSpot) this.spot[pool] = (this.spot[pool] as number) - 1;
    else this.onDemand[pool] = (this.onDemand[pool] as number) - 1;
  }

  /** Bills `dt` seconds of the pool's instances. */
  accrue(pool: number, dt: number): void {
    this.onDemandSeconds[pool] =
      (this.onDemandSeconds[pool] as number) + (this.onDemand[pool] as number) * dt;
    this.spotSeconds[pool] = (this.spotSeconds[pool] as number) + (this.spot[pool] as number) * dt;
  }
}
