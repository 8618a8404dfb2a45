/**
 * Cold starts after a place comes back (seed 002, static stability): a service with start-up (hard)
 * dependencies does not serve until they answer. Its pool's servers boot with the place (the
 * fault's boot time, or the platform's launch time), then the service starts; if a start-up
 * dependency has no pool answering, it exits and is restarted after a back-off that doubles from
 * 10 s to at most 5 minutes (a crash loop, as Kubernetes restarts a failing container: Kubernetes
 * documentation, "Pod Lifecycle", container restart policy: "exponential back-off delay (10s, 20s,
 * 40s, ...), that is capped at five minutes"). Bring-up in batches settles by itself this way;
 * `order: strict` starts each service instead as soon as its dependencies answer (an orchestrator
 * that knows the graph), without back-off. A service that is bootstrapped or statically stable
 * starts without them; a start-up cycle with neither never starts (a cold-start deadlock).
 *
 * A dependency answers when a pool of it is up, started and has instances in service; a zonal
 * dependency must answer in the same place when it has a pool there. A pool that has not started
 * is down as a lost place is to its callers (calls there get no answer; the health checks mark it
 * unhealthy until it starts).
 */
import type { Calls } from './calls.js';
import type { Capacity } from './capacity.js';
import type { EventHeap } from './heap.js';
import type { SimModel, SimPool } from './model.js';

export interface ColdStartPolicy {
  /** Start each service as soon as its dependencies answer (no crash loop). */
  readonly strict: boolean;
  readonly backoffBaseS: number;
  readonly backoffCapS: number;
}

export const DEFAULT_COLD_START: ColdStartPolicy = { strict: false, backoffBaseS: 10, backoffCapS: 300 };

const NOT_WAITING = 0;
/** Its servers are booting; the first start is scheduled. */
const BOOTING = 1;
/** Started and exited: the next start is scheduled after the back-off. */
const CRASH_LOOP = 2;
/** Strict order: booted, waiting for its dependencies to answer. */
const HELD = 3;

export class ColdStart {
  /** Per pool: starts tried and when it started (NaN: not since it was last lost). */
  readonly attempts: Int32Array;
  readonly startedS: Float64Array;
  /** Per pool: when it was last waiting to start from (its place back), NaN when never. */
  readonly backS: Float64Array;
  private readonly state: Uint8Array;
  /** Per pool: when its next start is due (an earlier event for it is stale: it was lost again since). */
  private readonly dueS: Float64Array;
  private readonly model: SimModel;
  private readonly policy: ColdStartPolicy;
  private readonly later: EventHeap;
  private readonly calls: Calls;
  private readonly capacity: Capacity;
  private readonly kind: number;
  private readonly targetBase: number;

  /** Attempts are events of `kind` with targets `targetBase + pool`. */
  constructor(model: SimModel, later: EventHeap, calls: Calls, kind: number, targetBase: number) {
    const n = model.pools.length;
    this.model = model;
    this.policy = model.coldStart ?? DEFAULT_COLD_START;
    this.later = later;
    this.calls = calls;
    this.capacity = calls.capacity;
    this.kind = kind;
    this.targetBase = targetBase;
    this.attempts = new Int32Array(n);
    this.startedS = new Float64Array(n).fill(Number.NaN);
    this.backS = new Float64Array(n).fill(Number.NaN);
    this.state = new Uint8Array(n);
    this.dueS = new Float64Array(n).fill(Number.NaN);
  }

  /** Whether any service has start-up dependencies: otherwise a place back serves as its servers do. */
  static applies(model: SimModel): boolean {
    return model.services.some((s) => (s.startup?.length ?? 0) > 0);
  }

  /** Pool `p`'s place is back: its servers boot for `bootS`, then its service starts (or tries to). */
  placeBack(p: number, now: number, bootS: number): void {
    this.state[p] = BOOTING;
    this.attempts[p] = 0;
    this.backS[p] = now;
    this.startedS[p] = Number.NaN;
    this.schedule(p, now + bootS);
  }

  private schedule(p: number, at: number): void {
    this.dueS[p] = at;
    this.later.push(at, this.kind, this.targetBase + p);
  }

  /** Pool `p` is lost again before it started: nothing is pending for it. */
  lost(p: number): void {
    this.state[p] = NOT_WAITING;
  }

  /** A scheduled start of pool `p`. */
  attempt(p: number, now: number): void {
    const state = this.state[p];
    if ((state !== BOOTING && state !== CRASH_LOOP) || now !== this.dueS[p]) return;
    if (this.dependenciesAnswer(p)) {
      this.attempts[p] = (this.attempts[p] as number) + 1;
      this.start(p, now);
      return;
    }
    if (this.policy.strict) {
      this.state[p] = HELD;
      return;
    }
    const tries = this.attempts[p] as number;
    this.attempts[p] = tries + 1;
    this.state[p] = CRASH_LOOP;
    const delay = Math.min(this.policy.backoffBaseS * 2 ** tries, this.policy.backoffCapS);
    this.schedule(p, now + delay);
  }

  private start(p: number, now: number): void {
    this.state[p] = NOT_WAITING;
    this.startedS[p] = now;
    this.calls.conditions.restore(p);
    if (!this.policy.strict) return;
    // An orchestrator starts what was held on this service at once; that may free others.
    for (let q = 0; q < this.state.length; q++)
      if (this.state[q] === HELD && this.dependenciesAnswer(q)) {
        this.attempts[q] = (this.attempts[q] as number) + 1;
        this.start(q, now);
      }
  }

  /** Every start-up dependency of pool `p`'s service has a pool that answers (in its place when zonal). */
  private dependenciesAnswer(p: number): boolean {
    const pool = this.model.pools[p] as SimPool;
    const needs = this.model.services[pool.service]?.startup ?? [];
    for (const d of needs) {
      const dependency = this.model.services[d];
      if (!dependency) continue;
      const local = dependency.zonal
        ? dependency.pools.filter((q) => this.model.pools[q]?.place === pool.place)
        : [];
      const candidates = local.length > 0 ? local : dependency.pools;
      if (!candidates.some((q) => this.answers(q))) return false;
    }
    return true;
  }

  private answers(q: number): boolean {
    return (
      this.calls.conditions.down[q] === 0 &&
      this.state[q] === NOT_WAITING &&
      (this.capacity.inService[q] as number) > 0
    );
  }
}
