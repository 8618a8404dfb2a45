/**
 * Call graphs in flight: each request's compiled program run as frames in typed arrays
 * (calls-frames.ts), one leg per instance called, legs queued at their pool (FIFO, linked through the
 * frames) until a worker is free. See engine.ts for the model; this file is its hot path. Where a
 * leg goes is calls-routing.ts's to say; how long it computes, compute-times.ts's; how frames end and
 * legs return, calls-returns.ts's.
 *
 * A call picks a pool of the callee by the service's balancing, travels half the RTT (plus one RTT
 * per extra round trip), waits for a worker, computes, runs its own calls from the pool's endpoint,
 * and returns half the RTT plus its payload's time later. A worker is held while computing only.
 * A full queue turns a call away: a rejection when the users made it, an error otherwise.
 *
 * Faults (faults.ts) set the state the calls read once the first fault has started (`degraded`):
 * a pool whose place is lost answers nothing, so a call sent there, or in flight there, never
 * returns (the caller's client times out); balancing skips the pools health checks observe
 * unhealthy (calls-balancing.ts); a browned-out pool adds latency to its compute and answers a
 * share of calls with errors; a cut link swaps the RTT matrix, and a call with no path left fails
 * at once.
 */

import type { EventCalendar } from './calendar.js';
import {
  CallReturns,
  EV_LEG_ARRIVE,
  EV_LEG_COMPUTED,
  EV_LEG_RETURN,
  FRAME_LEG,
  LEG_BODY,
  LEG_CACHED,
  LEG_COMPUTING,
  LEG_KILLED,
  LEG_LOST,
  LEG_QUEUED,
  LEG_RETURNING,
  LEG_TRAVELLING,
  OUTCOME_ERROR,
  OUTCOME_REJECTED,
} from './calls-returns.js';
import { CallRouting, ROUTE_CACHED, ROUTE_FAIL } from './calls-routing.js';
import { Capacity } from './capacity.js';
import type { CapacityHost } from './capacity-state.js';
import { ComputeTimes } from './compute-times.js';
import type { EventHeap } from './heap.js';
import { NODE_CALL, NODE_SERIES, type SimModel } from './model.js';
import { PoolConditions } from './pool-conditions.js';
import { STREAM_FAULTS, Stream } from './random.js';

export {
  type AttemptListener,
  EV_LEG_ARRIVE,
  EV_LEG_COMPUTED,
  EV_LEG_RETURN,
  OUTCOME_ERROR,
  OUTCOME_REJECTED,
  OUTCOME_SUCCESS,
  OUTCOME_TIMEOUT,
} from './calls-returns.js';

export class Calls extends CallReturns implements CapacityHost {
  readonly capacity: Capacity;
  /** Where legs go (calls-routing.ts): the front doors' choice, a cache, or the balancing's. */
  readonly routing: CallRouting;
  private readonly computeTimes: ComputeTimes;
  private readonly poolEndpoint: Int32Array;
  private readonly queuePerInstance: Float64Array;
  // The program's arrays, held directly: the hot path reads them at every call.
  private readonly pKind: Uint8Array;
  private readonly pService: Int32Array;
  private readonly pFanOut: Int32Array;
  private readonly pRoundTrips: Int32Array;
  private readonly faultRng: Stream;

  /** What faults made of each pool: lost, observed health, brown-out, calls lost. */
  readonly conditions: PoolConditions;

  // Pool queues (linked through fNext) and their waits.
  private readonly qHead: Int32Array;
  private readonly qTail: Int32Array;
  readonly qLen: Int32Array;
  readonly waitSum: Float64Array;
  readonly served: Float64Array;
  readonly rejectedAt: Float64Array;

  /** `heap` takes the call graphs' events; `later`, capacity's (the far-off, rarer ones). */
  constructor(model: SimModel, heap: EventCalendar, later: EventHeap) {
    super(model, heap);
    this.capacity = new Capacity(model, later, this);
    this.pKind = model.program.kind;
    this.pService = model.program.service;
    this.pFanOut = model.program.fanOut;
    this.pRoundTrips = model.program.roundTrips;
    this.computeTimes = new ComputeTimes(model);
    this.faultRng = new Stream(model.seed, STREAM_FAULTS);
    this.poolEndpoint = Int32Array.from(model.pools.map((p) => p.endpoint));
    this.queuePerInstance = Float64Array.from(model.pools.map((p) => p.queuePerInstance));
    const pools = model.pools.length;
    this.qHead = new Int32Array(pools).fill(-1);
    this.qTail = new Int32Array(pools).fill(-1);
    this.qLen = new Int32Array(pools);
    this.waitSum = new Float64Array(pools);
    this.served = new Float64Array(pools);
    this.rejectedAt = new Float64Array(pools);
    this.conditions = new PoolConditions(pools);
    this.routing = new CallRouting(model, this.capacity, this.qLen, this.conditions);
    this.rttS = this.routing.rttS;
  }

  /** Routes calls over RTT variant `v` of the model from now on (a link cut or restored). */
  useRtt(v: number): void {
    this.routing.useRtt(v);
    this.rttS = this.routing.rttS;
  }

  /** Starts a request's call graph (from `root`, at the users' endpoint) for `attempt`. */
  startRoot(root: number, endpoint: number, attempt: number): void {
    this.startNode(root, -1 - attempt, endpoint, attempt);
  }

  /**
   * Starts a request's call graph whose users' call the front doors routed (doors.ts): to `pool`
   * after `delayS` more, or failing (-2) or answered by the edge's cache (-3) after `delayS`.
   */
  startRootVia(root: number, endpoint: number, attempt: number, pool: number, delayS: number): void {
    this.routing.enterVia(pool, delayS);
    this.startNode(root, -1 - attempt, endpoint, attempt);
    this.routing.enterVia(-1, 0);
  }

  /** A leg that reaches no pool: it fails, back at the caller after `delayS`. */
  private failLeg(leg: number, from: number, delayS: number): void {
    this.fPool[leg] = -1;
    this.fEndpoint[leg] = from;
    this.fFailed[leg] = OUTCOME_ERROR;
    this.fState[leg] = LEG_RETURNING;
    this.heap.push(this.now + delayS, EV_LEG_RETURN, leg);
  }

  /** A leg on its way to `pool`: it arrives after `delayS`, then half the RTT per round trip. */
  private sendLeg(leg: number, node: number, from: number, pool: number, delayS: number): void {
    if (this.degraded && this.conditions.down[pool] === 1) this.conditions.lastLostCallS[pool] = this.now;
    const to = this.poolEndpoint[pool] as number;
    this.fPool[leg] = pool;
    this.fEndpoint[leg] = to;
    this.fState[leg] = LEG_TRAVELLING;
    this.capacity.arrive(pool);
    const rtt = this.rttS[from * this.endpointCount + to] as number;
    this.heap.push(this.now + delayS + rtt * ((this.pRoundTrips[node] as number) - 0.5), EV_LEG_ARRIVE, leg);
  }

  /** Starts node `node` for `parent` (a frame, or -1 - attempt for the root), running at `endpoint`. */
  protected startNode(node: number, parent: number, endpoint: number, attempt: number): void {
    const kind = this.pKind[node] as number;
    // A call of one leg needs no frame of its own: the leg reports to `parent` directly, which is
    // what the call's frame would have done with its one leg's outcome.
    if (kind === NODE_CALL && this.pFanOut[node] === 1) {
      this.startLeg(node, parent, endpoint, attempt);
      return;
    }
    const f = this.frames.take();
    this.fKind[f] = kind;
    this.fNode[f] = node;
    this.fParent[f] = parent;
    this.fAttempt[f] = attempt;
    this.fEndpoint[f] = endpoint;
    this.fFailed[f] = 0;
    this.fT[f] = this.now;
    const end = this.pEnd[node] as number;
    if (kind === NODE_CALL) {
      const legs = this.pFanOut[node] as number;
      this.fPending[f] = legs;
      for (let i = 0; i < legs; i++) this.startLeg(node, f, endpoint, attempt);
    } else if (kind === NODE_SERIES) {
      const first = node + 1;
      if (first >= end) this.completeFrame(f);
      else {
        this.fPending[f] = first;
        this.startNode(first, f, endpoint, attempt);
      }
    } else {
      let children = 0;
      for (let c = node + 1; c < end; c = this.pEnd[c] as number) children++;
      if (children === 0) {
        this.completeFrame(f);
        return;
      }
      this.fPending[f] = children;
      for (let c = node + 1; c < end; c = this.pEnd[c] as number) this.startNode(c, f, endpoint, attempt);
    }
  }

  /** Starts a leg of call `node`, reporting to `parent` (the call's frame, or what encloses a one-leg call). */
  private startLeg(node: number, parent: number, from: number, attempt: number): void {
    const leg = this.frames.take();
    this.fKind[leg] = FRAME_LEG;
    this.fNode[leg] = node;
    this.fParent[leg] = parent;
    this.fAttempt[leg] = attempt;
    this.fFrom[leg] = from;
    this.fFailed[leg] = 0;
    this.fSlot[leg] = -1;
    const routing = this.routing;
    const pool = routing.route(node, from, this.degraded);
    if (pool >= 0) this.sendLeg(leg, node, from, pool, routing.delayS);
    else if (pool === ROUTE_CACHED) {
      this.fPool[leg] = -1;
      this.fEndpoint[leg] = from;
      this.fState[leg] = LEG_CACHED;
      this.settle(leg, this.now + routing.delayS, false);
    } else if (pool === ROUTE_FAIL) this.failLeg(leg, from, routing.delayS);
  }

  legArrive(leg: number): void {
    const pool = this.fPool[leg] as number;
    if (this.degraded && this.conditions.down[pool] === 1) {
      this.hang(leg, pool);
      return;
    }
    const slot = this.capacity.take(pool, leg, this.now);
    if (slot >= 0) {
      this.fT[leg] = this.now;
      this.startCompute(leg, slot);
      return;
    }
    const inService = this.capacity.inService[pool] as number;
    const limit = inService > 0 ? (this.queuePerInstance[pool] as number) * inService : 0;
    if ((this.qLen[pool] as number) < limit) {
      this.fState[leg] = LEG_QUEUED;
      this.fT[leg] = this.now;
      this.fNext[leg] = -1;
      const tail = this.qTail[pool] as number;
      if (tail >= 0) this.fNext[tail] = leg;
      else this.qHead[pool] = leg;
      this.qTail[pool] = leg;
      this.qLen[pool] = (this.qLen[pool] as number) + 1;
      return;
    }
    // Turned away: the users' own call is a rejection, a call inside the estate an error.
    this.rejectedAt[pool] = (this.rejectedAt[pool] as number) + 1;
    this.fFailed[leg] = this.calledByUsers(leg) ? OUTCOME_REJECTED : OUTCOME_ERROR;
    this.fState[leg] = LEG_RETURNING;
    const from = this.fFrom[leg] as number;
    const rtt = this.rttS[from * this.endpointCount + (this.poolEndpoint[pool] as number)] as number;
    this.heap.push(this.now + rtt / 2, EV_LEG_RETURN, leg);
  }

  /** True when no call encloses the leg's call: the users made it (only walked on a rejection). */
  private calledByUsers(leg: number): boolean {
    for (let f = this.fParent[leg] as number; f >= 0; f = this.fParent[f] as number)
      if (this.fKind[f] === FRAME_LEG) return false;
    return true;
  }

  private startCompute(leg: number, slot: number): void {
    const pool = this.fPool[leg] as number;
    this.fSlot[leg] = slot;
    this.fState[leg] = LEG_COMPUTING;
    this.waitSum[pool] = (this.waitSum[pool] as number) + this.now - (this.fT[leg] as number);
    this.served[pool] = (this.served[pool] as number) + 1;
    let s = this.computeTimes.draw(this.pService[this.fNode[leg] as number] as number);
    if (this.degraded) s += this.conditions.addedLatencyS[pool] as number;
    this.heap.push(this.now + s, EV_LEG_COMPUTED, leg);
  }

  /** Workers of `pool` became free: hands them queued legs, first come first served. */
  dispatch(pool: number): void {
    while ((this.qLen[pool] as number) > 0) {
      const leg = this.qHead[pool] as number;
      const slot = this.capacity.take(pool, leg, this.now);
      if (slot < 0) return;
      this.qHead[pool] = this.fNext[leg] as number;
      if (this.qHead[pool] === -1) this.qTail[pool] = -1;
      this.qLen[pool] = (this.qLen[pool] as number) - 1;
      this.startCompute(leg, slot);
    }
  }

  /** The instance computing `leg` stopped: the leg fails when its compute would have ended. */
  killLeg(leg: number): void {
    if (this.fState[leg] !== LEG_COMPUTING) return;
    this.fState[leg] = LEG_KILLED;
    const slot = this.fSlot[leg] as number;
    this.fSlot[leg] = -1;
    this.capacity.slotLeg[slot] = -1;
  }

  legComputed(leg: number): void {
    const state = this.fState[leg];
    if (state !== LEG_COMPUTING) {
      if (state === LEG_KILLED) {
        this.fFailed[leg] = OUTCOME_ERROR;
        this.scheduleReturn(leg);
      }
      return;
    }
    const pool = this.fPool[leg] as number;
    if (this.capacity.release(this.fSlot[leg] as number, this.now)) this.dispatch(pool);
    this.fSlot[leg] = -1;
    if (
      this.degraded &&
      (this.conditions.errorRate[pool] as number) > 0 &&
      this.faultRng.uniform() < (this.conditions.errorRate[pool] as number)
    ) {
      this.fFailed[leg] = OUTCOME_ERROR;
      this.scheduleReturn(leg);
      return;
    }
    const body = (this.fNode[leg] as number) + 1;
    if ((this.pEnd[body] as number) === body + 1) {
      this.scheduleReturn(leg);
      return;
    }
    this.fState[leg] = LEG_BODY;
    this.startNode(body, leg, this.fEndpoint[leg] as number, this.fAttempt[leg] as number);
  }

  /** `leg` reached a lost place, or was there when it was lost: it never returns. */
  private hang(leg: number, pool: number): void {
    this.fState[leg] = LEG_LOST;
    this.conditions.hung(pool);
  }

  /**
   * `pool`'s place is lost: its instances answer nothing from now on. The calls queued or computing
   * there, or there waiting on their own calls, never return; the balancer keeps believing the pool
   * has the workers it had until the health checks say otherwise. Capacity stops the instances.
   * Walks the frames in flight (allocates; once per fault).
   */
  losePool(pool: number): void {
    this.conditions.lose(pool, this.capacity.workersUp[pool] as number, this.now);
    for (const f of this.frames.taken()) {
      if (this.fKind[f] !== FRAME_LEG || this.fPool[f] !== pool) continue;
      const state = this.fState[f];
      if (state === LEG_QUEUED || state === LEG_COMPUTING || state === LEG_BODY || state === LEG_KILLED) {
        const slot = this.fSlot[f] as number;
        if (slot >= 0) this.capacity.slotLeg[slot] = -1;
        this.fSlot[f] = -1;
        this.hang(f, pool);
      }
    }
    this.qHead[pool] = -1;
    this.qTail[pool] = -1;
    this.qLen[pool] = 0;
  }

  /** The instance computing `leg` was lost with its place or by itself: the leg never returns. */
  loseLeg(leg: number): void {
    if (this.fState[leg] !== LEG_COMPUTING) return;
    const pool = this.fPool[leg] as number;
    const slot = this.fSlot[leg] as number;
    this.fSlot[leg] = -1;
    if (slot >= 0) this.capacity.slotLeg[slot] = -1;
    this.hang(leg, pool);
  }
}
