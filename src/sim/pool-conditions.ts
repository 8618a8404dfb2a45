/**
 * What faults made of each pool, as the calls and their balancing read it: lost with its place
 * (its instances answer nothing), observed healthy or not by the load balancer's health checks
 * (health.ts), browned out, and the calls it lost. faults.ts sets it; see there for the sources.
 */
export class PoolConditions {
  /** 1 while the pool's place is lost. */
  readonly down: Uint8Array;
  /** 1 while the balancer observes the pool healthy: the health checks' own array, once they run. */
  observedHealthy: Uint8Array;
  /** The workers the balancer believes a lost pool still has (the ones it had before the loss). */
  readonly ghostWorkers: Int32Array;
  /** Calls hanging at the pool now (a least-outstanding balancer sees them pile up). */
  readonly hanging: Int32Array;
  /** Calls that went to, or were at, the pool while lost, in all; and when the last was sent there. */
  readonly lostCalls: Float64Array;
  readonly lastLostCallS: Float64Array;
  /** When the pool's place was last lost (NaN: never). */
  readonly downSinceS: Float64Array;
  /** A brown-out's added compute time (s) and error rate (0-1). */
  readonly addedLatencyS: Float64Array;
  readonly errorRate: Float64Array;

  constructor(pools: number) {
    this.down = new Uint8Array(pools);
    this.observedHealthy = new Uint8Array(pools).fill(1);
    this.ghostWorkers = new Int32Array(pools);
    this.hanging = new Int32Array(pools);
    this.lostCalls = new Float64Array(pools);
    this.lastLostCallS = new Float64Array(pools).fill(Number.NaN);
    this.downSinceS = new Float64Array(pools).fill(Number.NaN);
    this.addedLatencyS = new Float64Array(pools);
    this.errorRate = new Float64Array(pools);
  }

  /** The pool's place is lost; it had `workers` workers up. */
  lose(pool: number, workers: number, now = Number.NaN): void {
    this.down[pool] = 1;
    this.downSinceS[pool] = now;
    this.ghostWorkers[pool] = Math.max(this.ghostWorkers[pool] as number, workers);
  }

  /** The pool's place is back: new calls are answered again (the ones hanging stay lost). */
  restore(pool: number): void {
    this.down[pool] = 0;
    this.hanging[pool] = 0;
    this.ghostWorkers[pool] = 0;
  }

  /** A call at the pool will never return. */
  hung(pool: number): void {
    this.hanging[pool] = (this.hanging[pool] as number) + 1;
    this.lostCalls[pool] = (this.lostCalls[pool] as number) + 1;
  }

  /** Whether a lost pool looks to the balancer like it has a free worker: it does while it had any. */
  seenWorkers(pool: number, workersUp: number): number {
    return this.down[pool] === 1 ? (this.ghostWorkers[pool] as number) : workersUp;
  }
}
