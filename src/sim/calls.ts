/**
 * Call graphs in flight: each request's compiled program run as frames in typed arrays
 * (calls-frames.ts), one leg per instance called, legs queued at their pool (FIFO, linked through the
 * frames) until a worker is free. See engine.ts for the model; this file is its hot path. Where a
 * leg goes is calls-routing.ts's to say; how long it computes, compute-times.ts's.
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
import { CallFrames } from './calls-frames.js';
import { CallRouting, ROUTE_CACHED, ROUTE_FAIL } from './calls-routing.js';
import { Capacity, type CapacityHost } from './capacity.js';
import { ComputeTimes } from './compute-times.js';
import type { EventHeap } from './heap.js';
import { NODE_CALL, NODE_SERIES, type SimModel, TRANSFER_CLASSES } from './model.js';
import { PoolConditions } from './pool-conditions.js';
import { STREAM_FAULTS, Stream } from './random.js';

/** Events of call graphs. */
export const EV_LEG_ARRIVE = 1;
export const EV_LEG_COMPUTED = 2;
export const EV_LEG_RETURN = 3;

/** How a frame ended (and a request: see clients.ts). */
export const OUTCOME_SUCCESS = 0;
export const OUTCOME_ERROR = 1;
export const OUTCOME_REJECTED = 2;
export const OUTCOME_TIMEOUT = 3;

/** Frame kinds: the program's nodes, and one leg of a call (one instance called). */
const FRAME_SERIES = NODE_SERIES;
const FRAME_LEG = 3;

/** Where a leg is. */
const LEG_TRAVELLING = 0;
const LEG_QUEUED = 1;
const LEG_COMPUTING = 2;
const LEG_BODY = 3;
const LEG_RETURNING = 4;
const LEG_KILLED = 5;
const LEG_CACHED = 6;
/** Sent to, or caught at, a lost place: it never returns. */
const LEG_LOST = 7;

/** Who hears that an attempt's call graph ended, and how. */
export interface AttemptListener {
  attemptDone(attempt: number, failure: number): void;
}

export class Calls extends CallFrames implements CapacityHost {
  readonly model: SimModel;
  readonly capacity: Capacity;
  private readonly heap: EventCalendar;
  /** Set by the engine before each event. */
  now = 0;
  clients: AttemptListener = { attemptDone: () => {} };

  readonly endpointCount: number;
  /** Where legs go (calls-routing.ts): the front doors' choice, a cache, or the balancing's. */
  readonly routing: CallRouting;
  private readonly computeTimes: ComputeTimes;
  private readonly poolEndpoint: Int32Array;
  private readonly queuePerInstance: Float64Array;
  // The program's arrays, held directly: the hot path reads them at every call.
  private readonly pKind: Uint8Array;
  private readonly pEnd: Int32Array;
  private readonly pService: Int32Array;
  private readonly pFanOut: Int32Array;
  private readonly pRoundTrips: Int32Array;
  private readonly pPayloadBytes: Float64Array;
  private readonly pPayloadS: Float64Array;
  private readonly faultRng: Stream;

  /**
   * True when no fault can happen in the run: a frame's steps that nothing observes are then taken
   * ahead of time (see `settle`).
   */
  private readonly ahead: boolean;
  /**
   * When the interval now open closes (the engine sets it; after the last, the run's duration): a
   * return's bytes counted ahead of time must fall in it.
   */
  closeAtS = 0;

  /** True from the first fault on: the calls then read `conditions`. */
  degraded = false;
  /** What faults made of each pool: lost, observed health, brown-out, calls lost. */
  readonly conditions: PoolConditions;

  // Pool queues (linked through fNext) and their waits.
  private readonly qHead: Int32Array;
  private readonly qTail: Int32Array;
  readonly qLen: Int32Array;
  readonly waitSum: Float64Array;
  readonly served: Float64Array;
  readonly rejectedAt: Float64Array;
  /** Data moved, bytes per transfer class. */
  readonly transferBytes: Float64Array;

  /** `heap` takes the call graphs' events; `later`, capacity's (the far-off, rarer ones). */
  constructor(model: SimModel, heap: EventCalendar, later: EventHeap) {
    super(1024);
    this.model = model;
    this.heap = heap;
    this.capacity = new Capacity(model, later, this);
    this.endpointCount = model.endpoints.length;
    this.pKind = model.program.kind;
    this.pEnd = model.program.end;
    this.pService = model.program.service;
    this.pFanOut = model.program.fanOut;
    this.pRoundTrips = model.program.roundTrips;
    this.pPayloadBytes = model.program.payloadBytes;
    this.pPayloadS = model.program.payloadS;
    this.computeTimes = new ComputeTimes(model);
    this.faultRng = new Stream(model.seed, STREAM_FAULTS);
    this.ahead = (model.faults?.length ?? 0) === 0;
    this.poolEndpoint = Int32Array.from(model.pools.map((p) => p.endpoint));
    this.queuePerInstance = Float64Array.from(model.pools.map((p) => p.queuePerInstance));
    const pools = model.pools.length;
    this.qHead = new Int32Array(pools).fill(-1);
    this.qTail = new Int32Array(pools).fill(-1);
    this.qLen = new Int32Array(pools);
    this.waitSum = new Float64Array(pools);
    this.served = new Float64Array(pools);
    this.rejectedAt = new Float64Array(pools);
    this.transferBytes = new Float64Array(TRANSFER_CLASSES.length);
    this.conditions = new PoolConditions(pools);
    this.routing = new CallRouting(model, this.capacity, this.qLen, this.conditions);
    this.rttS = this.routing.rttS;
  }

  /** The RTTs in seconds now (calls-routing.ts keeps the variants). */
  rttS: Float64Array;

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
  private startNode(node: number, parent: number, endpoint: number, attempt: number): void {
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

  /** `leg` answers now (computed, failed or killed): its return and what follows it. */
  private scheduleReturn(leg: number): void {
    const back = this.returnAt(leg, this.now);
    if (back >= 0) this.settle(leg, back, false);
  }

  /**
   * `leg` starts back to its caller at `t`: counts its payload's bytes and says when it gets there;
   * -1 when the way back was cut while the call was out (the answer never arrives).
   */
  private returnAt(leg: number, t: number): number {
    const node = this.fNode[leg] as number;
    const from = this.fFrom[leg] as number;
    const to = this.fEndpoint[leg] as number;
    const e = this.endpointCount;
    const rtt = this.rttS[from * e + to] as number;
    if (this.degraded && !(rtt < Number.POSITIVE_INFINITY)) {
      this.fState[leg] = LEG_LOST;
      return -1;
    }
    this.fState[leg] = LEG_RETURNING;
    if (this.fFailed[leg] !== 0) return t + rtt / 2;
    const transferClass = this.model.transferClass[to * e + from] as number;
    this.transferBytes[transferClass] =
      (this.transferBytes[transferClass] as number) + (this.pPayloadBytes[node] as number);
    return t + rtt / 2 + (this.pPayloadS[node] as number);
  }

  /** Frame `f` is done now (its event, or at once): frees it and moves its parent on. */
  completeFrame(f: number): void {
    this.settle(f, this.now, true);
  }

  /**
   * Frame `child` ended at `t`: frees it and moves its parent on, up the tree as far as that goes.
   * With `due`, `t` is now and the first step is taken at once. Otherwise (`t` now or later) a step
   * nothing can observe between now and `t` is taken ahead of time, without an event of its own:
   * a leg of a parallel block or fan-out that is not the last back (the last one's time, the latest
   * of theirs, is the join's), a series or block that ends with its child, and a leg whose body
   * ended starting back to its caller (when its bytes count in the interval now open). A step that
   * can be observed waits for an event at `t`, as do all of them once faults are possible (a place
   * lost or a link cut while the answer is on its way changes what it does): starting a series'
   * next node (its routing reads the pools and draws numbers at `t`) and the attempt's end (its
   * client, and its timeout, hear it at `t`).
   */
  private settle(child: number, t: number, due: boolean): void {
    for (;;) {
      const parent = this.fParent[child] as number;
      const kind = parent < 0 ? -1 : (this.fKind[parent] as number);
      if (!due) {
        const later =
          !this.ahead ||
          parent < 0 ||
          (kind === FRAME_LEG
            ? t >= this.closeAtS
            : kind === FRAME_SERIES &&
              this.fFailed[child] === 0 &&
              (this.pEnd[this.fPending[parent] as number] as number) <
                (this.pEnd[this.fNode[parent] as number] as number));
        if (later) {
          this.heap.push(t, EV_LEG_RETURN, child);
          return;
        }
      }
      const failure = this.fFailed[child] as number;
      this.frames.give(child);
      if (parent < 0) {
        this.clients.attemptDone(-1 - parent, failure);
        return;
      }
      if (kind === FRAME_LEG) {
        // An instance lost while its own calls were out answers nothing.
        if (this.fState[parent] === LEG_LOST) return;
        if (failure !== 0) this.fFailed[parent] = OUTCOME_ERROR;
        const back = this.returnAt(parent, t);
        if (back < 0) return;
        child = parent;
        t = back;
        due = false;
        continue;
      }
      if (failure > (this.fFailed[parent] as number)) this.fFailed[parent] = failure;
      if (kind === FRAME_SERIES) {
        if (failure === 0) {
          const next = this.pEnd[this.fPending[parent] as number] as number;
          if (next < (this.pEnd[this.fNode[parent] as number] as number)) {
            this.fPending[parent] = next;
            this.startNode(next, parent, this.fEndpoint[parent] as number, this.fAttempt[parent] as number);
            return;
          }
        }
      } else {
        const pending = (this.fPending[parent] as number) - 1;
        this.fPending[parent] = pending;
        // The block joins when its last child is back: at the latest of their times.
        if (t > (this.fT[parent] as number)) this.fT[parent] = t;
        if (pending > 0) return;
        t = this.fT[parent] as number;
        if (t > this.now) due = false;
      }
      child = parent;
    }
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
