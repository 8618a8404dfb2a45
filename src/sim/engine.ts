/**
 * The discrete-event engine: requests through the estate over time.
 *
 * One loop pops events from a typed-array heap ordered by (time, sequence) and dispatches them by
 * integer kind. All state lives in typed arrays indexed by integers (frames of call graphs in
 * flight, attempts, requests, sessions, pools, instances), recycled through free lists, so the loop
 * allocates nothing per event. Each stream of randomness has its own seeded generator.
 *
 * A request from a metro runs its compiled call graph: a call picks a pool of the callee by the
 * service's balancing policy, travels half the RTT (plus any extra round trips), waits in the pool's
 * queue for a worker, computes, runs its own calls from there, and returns half the RTT later plus
 * the time its payload takes. A worker is held while computing only (the callee's own calls wait
 * without a thread). The client gives up on an attempt after its timeout and retries with
 * exponential backoff and full jitter; abandoned attempts keep running in the estate (servers do not
 * know the client left), which is what makes a retry storm. A call turned away by a full queue, or
 * lost with its instance, fails the attempt: a rejection when it is the users' own call, an error
 * otherwise.
 *
 * Every generated request ends exactly once: success, error, timeout or rejection.
 */
import {
  Capacity,
  type CapacityHost,
  EV_INSTANCE_END,
  EV_INSTANCE_READY,
  EV_POOL_TICK,
  EV_SPOT_NOTICE,
} from './capacity.js';
import { grownFloat64, grownInt32, grownUint8 } from './grow.js';
import { DelayQueue, EventHeap } from './heap.js';
import {
  BALANCE_LEAST_OUTSTANDING,
  BALANCE_ROUND_ROBIN,
  DIST_CONSTANT,
  DIST_EXPONENTIAL,
  NODE_CALL,
  NODE_SERIES,
  type SimModel,
  TRANSFER_CLASSES,
} from './model.js';
import {
  STREAM_ARRIVALS,
  STREAM_CACHE,
  STREAM_CLIENT,
  STREAM_ROUTING,
  STREAM_SERVICE,
  Stream,
} from './random.js';
import { Recorder } from './recorder.js';

const EV_ARRIVAL = 0;
const EV_LEG_ARRIVE = 1;
const EV_LEG_COMPUTED = 2;
const EV_LEG_RETURN = 3;
const EV_CACHE_HIT = 4;
const EV_RETRY = 6;
const EV_SESSION_NEXT = 7;
const EV_INTERVAL = 8;
const EV_ACTION = 9;

/** A client timeout this long or longer is no timeout: no event is scheduled for it. */
export const NO_TIMEOUT_S = 1e9;

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

/** How a request ended; also failure codes of frames (0 success, 1 error, 2 rejected). */
export const OUTCOME_SUCCESS = 0;
export const OUTCOME_ERROR = 1;
export const OUTCOME_REJECTED = 2;
export const OUTCOME_TIMEOUT = 3;

export class Engine implements CapacityHost {
  readonly model: SimModel;
  readonly heap: EventHeap;
  /** Client timeouts: all the same delay, so first scheduled, first due. */
  private readonly timeouts: DelayQueue;
  readonly capacity: Capacity;
  readonly recorder: Recorder;
  now = 0;
  events = 0;
  /** The end of the run: the last request's end, or the drain limit. */
  endS = 0;

  private readonly endpointCount: number;
  private readonly rttS: Float64Array;
  /** Per service and caller endpoint: its pools in the order the caller prefers them, -1 padded. */
  private readonly order: Int32Array;
  private readonly orderWidth: number;
  private readonly balancing: Int32Array;
  private readonly computeDist: Int32Array;
  private readonly computeA: Float64Array;
  private readonly computeB: Float64Array;
  private readonly poolEndpoint: Int32Array;
  private readonly queuePerInstance: Float64Array;

  private readonly serviceRng: Stream;
  private readonly routingRng: Stream;
  private readonly clientRng: Stream;
  private readonly cacheRng: Stream;
  private readonly arrivalRng: Stream[];

  // Frames of call graphs in flight.
  private fKind: Uint8Array;
  private fState: Uint8Array;
  private fFailed: Uint8Array;
  private fNode: Int32Array;
  private fParent: Int32Array;
  private fAttempt: Int32Array;
  private fEndpoint: Int32Array;
  private fFrom: Int32Array;
  private fPending: Int32Array;
  private fPool: Int32Array;
  private fSlot: Int32Array;
  private fNext: Int32Array;
  private fT: Float64Array;
  private frameFree: Int32Array;
  private frameTop = 0;
  private frameCount = 0;

  // Attempts, requests, sessions.
  private aRequest: Int32Array;
  private aAlive: Uint8Array;
  private aRefs: Uint8Array;
  private attemptFree: Int32Array;
  private attemptTop = 0;
  private attemptCount = 0;
  private rSource: Int32Array;
  private rSession: Int32Array;
  private rAttempts: Int32Array;
  private rStart: Float64Array;
  private requestFree: Int32Array;
  private requestTop = 0;
  private requestCount = 0;
  private sSource: Int32Array;
  private sRemaining: Int32Array;
  private sessionFree: Int32Array;
  private sessionTop = 0;
  private sessionCount = 0;

  // Pool queues (linked through fNext) and their waits.
  private readonly qHead: Int32Array;
  private readonly qTail: Int32Array;
  readonly qLen: Int32Array;
  readonly waitSum: Float64Array;
  readonly served: Float64Array;
  readonly rejectedAt: Float64Array;
  readonly queueArea: Float64Array;
  private readonly queueT: Float64Array;

  /** Data moved, bytes per transfer class. */
  readonly transferBytes: Float64Array;
  private nextInterval = 0;

  constructor(model: SimModel) {
    this.model = model;
    this.heap = new EventHeap(4096);
    this.timeouts = new DelayQueue(4096);
    this.capacity = new Capacity(model, this.heap, this);
    this.recorder = new Recorder(model);
    const e = model.endpoints.length;
    this.endpointCount = e;
    this.rttS = Float64Array.from(model.rttMs, (ms) => ms / 1000);
    this.serviceRng = new Stream(model.seed, STREAM_SERVICE);
    this.routingRng = new Stream(model.seed, STREAM_ROUTING);
    this.clientRng = new Stream(model.seed, STREAM_CLIENT);
    this.cacheRng = new Stream(model.seed, STREAM_CACHE);
    this.arrivalRng = model.sources.map((_, k) => new Stream(model.seed, STREAM_ARRIVALS + k));

    const services = model.services;
    this.orderWidth = Math.max(1, ...services.map((s) => s.pools.length));
    this.order = new Int32Array(services.length * e * this.orderWidth).fill(-1);
    services.forEach((service, s) => {
      for (let from = 0; from < e; from++) {
        const reachable = service.pools.filter((p) =>
          Number.isFinite(model.rttMs[from * e + (model.pools[p]?.endpoint as number)] as number),
        );
        // Nearest first (ties in listed order); `primary` keeps the listed order.
        if (service.balancing !== 1)
          reachable.sort(
            (a, b) =>
              (model.rttMs[from * e + (model.pools[a]?.endpoint as number)] as number) -
                (model.rttMs[from * e + (model.pools[b]?.endpoint as number)] as number) || a - b,
          );
        reachable.forEach((p, k) => {
          this.order[(s * e + from) * this.orderWidth + k] = p;
        });
      }
    });
    this.balancing = Int32Array.from(services.map((s) => s.balancing));
    this.computeDist = Int32Array.from(services.map((s) => s.compute.dist));
    this.computeA = Float64Array.from(services.map((s) => s.compute.a));
    this.computeB = Float64Array.from(services.map((s) => s.compute.b));
    this.poolEndpoint = Int32Array.from(model.pools.map((p) => p.endpoint));
    this.queuePerInstance = Float64Array.from(model.pools.map((p) => p.queuePerInstance));

    const frames = 1024;
    this.fKind = new Uint8Array(frames);
    this.fState = new Uint8Array(frames);
    this.fFailed = new Uint8Array(frames);
    this.fNode = new Int32Array(frames);
    this.fParent = new Int32Array(frames);
    this.fAttempt = new Int32Array(frames);
    this.fEndpoint = new Int32Array(frames);
    this.fFrom = new Int32Array(frames);
    this.fPending = new Int32Array(frames);
    this.fPool = new Int32Array(frames);
    this.fSlot = new Int32Array(frames);
    this.fNext = new Int32Array(frames);
    this.fT = new Float64Array(frames);
    this.frameFree = new Int32Array(frames);
    const small = 256;
    this.aRequest = new Int32Array(small);
    this.aAlive = new Uint8Array(small);
    this.aRefs = new Uint8Array(small);
    this.attemptFree = new Int32Array(small);
    this.rSource = new Int32Array(small);
    this.rSession = new Int32Array(small);
    this.rAttempts = new Int32Array(small);
    this.rStart = new Float64Array(small);
    this.requestFree = new Int32Array(small);
    this.sSource = new Int32Array(small);
    this.sRemaining = new Int32Array(small);
    this.sessionFree = new Int32Array(small);
    const pools = model.pools.length;
    this.qHead = new Int32Array(pools).fill(-1);
    this.qTail = new Int32Array(pools).fill(-1);
    this.qLen = new Int32Array(pools);
    this.waitSum = new Float64Array(pools);
    this.served = new Float64Array(pools);
    this.rejectedAt = new Float64Array(pools);
    this.queueArea = new Float64Array(pools);
    this.queueT = new Float64Array(pools);
    this.transferBytes = new Float64Array(TRANSFER_CLASSES.length);
  }

  /** Runs the scenario to its end and past it until every request has ended. */
  run(onProgress?: (fraction: number) => void): void {
    const model = this.model;
    const heap = this.heap;
    this.capacity.start();
    model.sources.forEach((_, k) => {
      const t = this.nextArrival(k, 0);
      if (t < model.durationS) heap.push(t, EV_ARRIVAL, k);
    });
    model.actions.forEach((action, i) => {
      heap.push(action.atS, EV_ACTION, i);
    });
    this.nextInterval = Math.min(model.intervalS, model.durationS);
    heap.push(this.nextInterval, EV_INTERVAL, 0);
    const client = model.client;
    const drainLimit =
      client.timeoutS < NO_TIMEOUT_S
        ? model.durationS + client.attempts * (client.timeoutS + client.backoffCapS) + 1
        : 2 * model.durationS + 86_400;
    let progressAt = 0;
    const progressStep = model.durationS / 100;
    const timeouts = this.timeouts;
    for (;;) {
      // The next event of the heap or of the timeouts, as one heap would order them.
      const heapT = heap.peekTime();
      const timeoutT = timeouts.peekTime();
      if (
        timeoutT < heapT ||
        (timeoutT === heapT &&
          timeoutT !== Number.POSITIVE_INFINITY &&
          timeouts.peekSequence() < heap.peekSequence())
      ) {
        timeouts.pop();
        const t = timeouts.time;
        if (t > drainLimit) break;
        this.now = t;
        this.events++;
        this.clientTimeout(timeouts.target);
        if (t >= model.durationS && this.requestCount - this.requestTop === 0) break;
        continue;
      }
      if (!heap.pop()) break;
      const t = heap.time;
      if (t > drainLimit) break;
      this.now = t;
      this.events++;
      const target = heap.target;
      switch (heap.kind) {
        case EV_LEG_ARRIVE:
          this.legArrive(target);
          break;
        case EV_LEG_COMPUTED:
          this.legComputed(target);
          break;
        case EV_LEG_RETURN:
        case EV_CACHE_HIT:
          this.completeFrame(target);
          break;
        case EV_ARRIVAL:
          this.arrival(target);
          break;
        case EV_RETRY:
          this.startAttempt(target);
          break;
        case EV_SESSION_NEXT:
          this.startRequest(this.sSource[target] as number, target);
          break;
        case EV_INTERVAL:
          this.interval();
          break;
        case EV_ACTION: {
          const action = model.actions[target];
          if (action) this.capacity.setCapacity(action.pool, t, action.min, action.desired, action.max);
          break;
        }
        case EV_POOL_TICK:
        case EV_INSTANCE_READY:
        case EV_SPOT_NOTICE:
        case EV_INSTANCE_END:
          this.capacity.handle(heap.kind, target, t);
          break;
      }
      if (t >= model.durationS && this.requestCount - this.requestTop === 0) break;
      if (onProgress && t >= progressAt) {
        onProgress(Math.min(1, t / model.durationS));
        progressAt = t + progressStep;
      }
    }
    this.endS = Math.max(this.now, model.durationS);
    // Requests still open at the drain limit (only when the estate holds them past every timeout).
    this.forEachOpenRequest((r) => this.endRequest(r, OUTCOME_TIMEOUT));
    this.capacity.finish(this.endS);
    for (let p = 0; p < model.pools.length; p++) this.integrateQueue(p);
    this.recorder.finish(this.endS);
  }

  // ---- arrivals, sessions, requests, attempts ----

  /** The next arrival of source k after `t` (non-homogeneous Poisson, piecewise-constant rate). */
  private nextArrival(k: number, from: number): number {
    const source = this.model.sources[k];
    const rng = this.arrivalRng[k];
    if (!source || !rng) return Number.POSITIVE_INFINITY;
    const { stepS, rates } = source.profile;
    let mass = rng.exponential(1);
    let t = from;
    let segment = Math.floor(t / stepS);
    while (segment < rates.length) {
      const rate = rates[segment] as number;
      const segmentEnd = (segment + 1) * stepS;
      const available = rate * (segmentEnd - t);
      if (rate > 0 && mass <= available) return t + mass / rate;
      mass -= available;
      t = segmentEnd;
      segment++;
    }
    return Number.POSITIVE_INFINITY;
  }

  private arrival(k: number): void {
    const source = this.model.sources[k];
    if (!source) return;
    const next = this.nextArrival(k, this.now);
    if (next < this.model.durationS) this.heap.push(next, EV_ARRIVAL, k);
    let session = -1;
    if (source.sessionRequests > 1) {
      session = this.allocSession();
      this.sSource[session] = k;
      this.sRemaining[session] = source.sessionRequests;
    }
    this.recorder.sessionStarted(k);
    this.startRequest(k, session);
  }

  private startRequest(k: number, session: number): void {
    const r = this.allocRequest();
    this.rSource[r] = k;
    this.rSession[r] = session;
    this.rAttempts[r] = 0;
    this.rStart[r] = this.now;
    this.recorder.requestStarted(k, this.now);
    this.startAttempt(r);
  }

  private startAttempt(r: number): void {
    const k = this.rSource[r] as number;
    const source = this.model.sources[k];
    if (!source) return;
    const a = this.allocAttempt();
    this.aRequest[a] = r;
    this.aAlive[a] = 1;
    this.rAttempts[r] = (this.rAttempts[r] as number) + 1;
    this.recorder.attempts++;
    const timeoutS = this.model.client.timeoutS;
    if (timeoutS < NO_TIMEOUT_S) {
      this.aRefs[a] = 2;
      this.timeouts.push(this.now + timeoutS, this.heap.nextSequence(), a);
    } else this.aRefs[a] = 1;
    this.startNode(source.root, -1 - a, source.endpoint, a);
  }

  private clientTimeout(a: number): void {
    if (this.aAlive[a]) {
      this.aAlive[a] = 0;
      const r = this.aRequest[a] as number;
      this.recorder.attemptTimeouts++;
      if ((this.rAttempts[r] as number) < this.model.client.attempts) this.scheduleRetry(r);
      else this.endRequest(r, OUTCOME_TIMEOUT);
    }
    this.releaseAttempt(a);
  }

  private attemptDone(a: number, failure: number): void {
    if (this.aAlive[a]) {
      this.aAlive[a] = 0;
      const r = this.aRequest[a] as number;
      if (failure === 0) this.endRequest(r, OUTCOME_SUCCESS);
      else if (this.model.client.retryErrors && (this.rAttempts[r] as number) < this.model.client.attempts)
        this.scheduleRetry(r);
      else this.endRequest(r, failure === OUTCOME_REJECTED ? OUTCOME_REJECTED : OUTCOME_ERROR);
    } else this.recorder.late++;
    this.releaseAttempt(a);
  }

  /** An attempt is held by its root frame and by its timeout event; freed when both are done. */
  private releaseAttempt(a: number): void {
    const refs = (this.aRefs[a] as number) - 1;
    this.aRefs[a] = refs;
    if (refs === 0) this.freeAttempt(a);
  }

  private scheduleRetry(r: number): void {
    const client = this.model.client;
    const exponent = (this.rAttempts[r] as number) - 1;
    const ceiling = Math.min(client.backoffCapS, client.backoffBaseS * 2 ** exponent);
    this.recorder.retries++;
    this.heap.push(this.now + this.clientRng.uniform() * ceiling, EV_RETRY, r);
  }

  private endRequest(r: number, outcome: number): void {
    const k = this.rSource[r] as number;
    this.recorder.requestEnded(k, outcome, this.now, this.now - (this.rStart[r] as number));
    const session = this.rSession[r] as number;
    this.freeRequest(r);
    if (session < 0) return;
    const source = this.model.sources[k];
    const remaining = (this.sRemaining[session] as number) - 1;
    this.sRemaining[session] = remaining;
    if (remaining > 0 && source) {
      const at = this.now + this.clientRng.exponential(source.thinkS);
      if (at < this.model.durationS) {
        this.heap.push(at, EV_SESSION_NEXT, session);
        return;
      }
    }
    this.freeSession(session);
  }

  private forEachOpenRequest(each: (r: number) => void): void {
    const open = new Uint8Array(this.requestCount).fill(1);
    for (let i = 0; i < this.requestTop; i++) open[this.requestFree[i] as number] = 0;
    for (let r = 0; r < this.requestCount; r++) if (open[r]) each(r);
  }

  // ---- call graphs ----

  /** Starts node `node` for `parent` (a frame, or -1 - attempt for the root), running at `endpoint`. */
  private startNode(node: number, parent: number, endpoint: number, attempt: number): void {
    const program = this.model.program;
    const kind = program.kind[node] as number;
    const f = this.allocFrame();
    this.fKind[f] = kind;
    this.fNode[f] = node;
    this.fParent[f] = parent;
    this.fAttempt[f] = attempt;
    this.fEndpoint[f] = endpoint;
    this.fFailed[f] = 0;
    const end = program.end[node] as number;
    if (kind === NODE_CALL) {
      const legs = program.fanOut[node] as number;
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
      for (let c = node + 1; c < end; c = program.end[c] as number) children++;
      if (children === 0) {
        this.completeFrame(f);
        return;
      }
      this.fPending[f] = children;
      for (let c = node + 1; c < end; c = program.end[c] as number) this.startNode(c, f, endpoint, attempt);
    }
  }

  private startLeg(node: number, callFrame: number, from: number, attempt: number): void {
    const program = this.model.program;
    const leg = this.allocFrame();
    this.fKind[leg] = FRAME_LEG;
    this.fNode[leg] = node;
    this.fParent[leg] = callFrame;
    this.fAttempt[leg] = attempt;
    this.fFrom[leg] = from;
    this.fFailed[leg] = 0;
    this.fSlot[leg] = -1;
    const hit = program.cacheHitRatio[node] as number;
    if (hit > 0 && this.cacheRng.uniform() < hit) {
      this.fPool[leg] = -1;
      this.fEndpoint[leg] = from;
      this.fState[leg] = LEG_CACHED;
      this.heap.push(this.now + (program.cacheHitS[node] as number), EV_CACHE_HIT, leg);
      return;
    }
    const pool = this.choosePool(program.service[node] as number, from);
    const to = this.poolEndpoint[pool] as number;
    this.fPool[leg] = pool;
    this.fEndpoint[leg] = to;
    this.fState[leg] = LEG_TRAVELLING;
    this.capacity.arrive(pool);
    const rtt = this.rttS[from * this.endpointCount + to] as number;
    this.heap.push(this.now + rtt * ((program.roundTrips[node] as number) - 0.5), EV_LEG_ARRIVE, leg);
  }

  /** The pool a call from `from` goes to, by the service's balancing policy. */
  private choosePool(service: number, from: number): number {
    const width = this.orderWidth;
    const base = (service * this.endpointCount + from) * width;
    const order = this.order;
    const capacity = this.capacity;
    const policy = this.balancing[service] as number;
    if (policy === BALANCE_ROUND_ROBIN) {
      let total = 0;
      for (let k = 0; k < width; k++) {
        const p = order[base + k] as number;
        if (p < 0) break;
        total += capacity.workersUp[p] as number;
      }
      if (total > 0) {
        let pick = this.routingRng.uniform() * total;
        for (let k = 0; k < width; k++) {
          const p = order[base + k] as number;
          if (p < 0) break;
          pick -= capacity.workersUp[p] as number;
          if (pick < 0) return p;
        }
      }
    } else if (policy !== BALANCE_LEAST_OUTSTANDING) {
      // Nearest (or primary): the first pool in the caller's order with a free worker.
      for (let k = 0; k < width; k++) {
        const p = order[base + k] as number;
        if (p < 0) break;
        if (capacity.free(p) > 0) return p;
      }
    }
    // Least outstanding work per worker among pools with workers; else the first pool (it rejects).
    let best = order[base] as number;
    let bestLoad = Number.POSITIVE_INFINITY;
    for (let k = 0; k < width; k++) {
      const p = order[base + k] as number;
      if (p < 0) break;
      const workers = capacity.workersUp[p] as number;
      if (workers === 0) continue;
      const load = ((capacity.busy[p] as number) + (this.qLen[p] as number) + 1) / workers;
      if (load < bestLoad) {
        bestLoad = load;
        best = p;
      }
    }
    return best;
  }

  private legArrive(leg: number): void {
    const pool = this.fPool[leg] as number;
    const slot = this.capacity.take(pool, leg, this.now);
    if (slot >= 0) {
      this.fT[leg] = this.now;
      this.startCompute(leg, slot);
      return;
    }
    const inService = this.capacity.inService[pool] as number;
    const limit = inService > 0 ? (this.queuePerInstance[pool] as number) * inService : 0;
    if ((this.qLen[pool] as number) < limit) {
      this.integrateQueue(pool);
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
    const service = this.model.program.service[this.fNode[leg] as number] as number;
    const dist = this.computeDist[service] as number;
    const a = this.computeA[service] as number;
    let s: number;
    if (dist === DIST_CONSTANT) s = a;
    else if (dist === DIST_EXPONENTIAL) s = this.serviceRng.exponential(a);
    else s = a * Math.exp((this.computeB[service] as number) * this.serviceRng.normal());
    this.heap.push(this.now + s, EV_LEG_COMPUTED, leg);
  }

  /** Workers of `pool` became free: hands them queued legs, first come first served. */
  dispatch(pool: number): void {
    while ((this.qLen[pool] as number) > 0) {
      const leg = this.qHead[pool] as number;
      const slot = this.capacity.take(pool, leg, this.now);
      if (slot < 0) return;
      this.integrateQueue(pool);
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

  private legComputed(leg: number): void {
    if (this.fState[leg] === LEG_KILLED) {
      this.fFailed[leg] = OUTCOME_ERROR;
      this.scheduleReturn(leg);
      return;
    }
    const pool = this.fPool[leg] as number;
    if (this.capacity.release(this.fSlot[leg] as number, this.now)) this.dispatch(pool);
    this.fSlot[leg] = -1;
    const body = (this.fNode[leg] as number) + 1;
    if ((this.model.program.end[body] as number) === body + 1) {
      this.scheduleReturn(leg);
      return;
    }
    this.fState[leg] = LEG_BODY;
    this.startNode(body, leg, this.fEndpoint[leg] as number, this.fAttempt[leg] as number);
  }

  private scheduleReturn(leg: number): void {
    const program = this.model.program;
    const node = this.fNode[leg] as number;
    const from = this.fFrom[leg] as number;
    const to = this.fEndpoint[leg] as number;
    const e = this.endpointCount;
    this.fState[leg] = LEG_RETURNING;
    if (this.fFailed[leg] === 0) {
      const transferClass = this.model.transferClass[to * e + from] as number;
      this.transferBytes[transferClass] =
        (this.transferBytes[transferClass] as number) + (program.payloadBytes[node] as number);
      this.heap.push(
        this.now + (this.rttS[from * e + to] as number) / 2 + (program.payloadS[node] as number),
        EV_LEG_RETURN,
        leg,
      );
    } else this.heap.push(this.now + (this.rttS[from * e + to] as number) / 2, EV_LEG_RETURN, leg);
  }

  /** Frame `f` is done: frees it and moves its parent on, up the tree as far as that goes. */
  private completeFrame(f: number): void {
    const program = this.model.program;
    let child = f;
    for (;;) {
      const failure = this.fFailed[child] as number;
      const parent = this.fParent[child] as number;
      this.freeFrame(child);
      if (parent < 0) {
        this.attemptDone(-1 - parent, failure);
        return;
      }
      const kind = this.fKind[parent] as number;
      if (kind === FRAME_LEG) {
        if (failure !== 0) this.fFailed[parent] = OUTCOME_ERROR;
        this.scheduleReturn(parent);
        return;
      }
      if (failure > (this.fFailed[parent] as number)) this.fFailed[parent] = failure;
      if (kind === FRAME_SERIES) {
        if (failure === 0) {
          const next = program.end[this.fPending[parent] as number] as number;
          if (next < (program.end[this.fNode[parent] as number] as number)) {
            this.fPending[parent] = next;
            this.startNode(next, parent, this.fEndpoint[parent] as number, this.fAttempt[parent] as number);
            return;
          }
        }
      } else {
        const pending = (this.fPending[parent] as number) - 1;
        this.fPending[parent] = pending;
        if (pending > 0) return;
      }
      child = parent;
    }
  }

  // ---- measurement ----

  private integrateQueue(pool: number): void {
    const dt = this.now - (this.queueT[pool] as number);
    if (dt > 0) {
      this.queueArea[pool] = (this.queueArea[pool] as number) + (this.qLen[pool] as number) * dt;
      this.queueT[pool] = this.now;
    }
  }

  private interval(): void {
    const model = this.model;
    for (let p = 0; p < model.pools.length; p++) {
      this.capacity.integrate(p, this.now);
      this.integrateQueue(p);
    }
    this.recorder.closeInterval(this.now, this.capacity, this.qLen, this.transferBytes);
    if (this.now < model.durationS) {
      this.nextInterval = Math.min(this.now + model.intervalS, model.durationS);
      this.heap.push(this.nextInterval, EV_INTERVAL, 0);
    }
  }

  // ---- tables ----

  private allocFrame(): number {
    if (this.frameTop > 0) return this.frameFree[--this.frameTop] as number;
    if (this.frameCount === this.fNode.length) this.growFrames();
    return this.frameCount++;
  }

  private freeFrame(f: number): void {
    this.frameFree[this.frameTop++] = f;
  }

  private growFrames(): void {
    this.fKind = grownUint8(this.fKind);
    this.fState = grownUint8(this.fState);
    this.fFailed = grownUint8(this.fFailed);
    this.fNode = grownInt32(this.fNode);
    this.fParent = grownInt32(this.fParent);
    this.fAttempt = grownInt32(this.fAttempt);
    this.fEndpoint = grownInt32(this.fEndpoint);
    this.fFrom = grownInt32(this.fFrom);
    this.fPending = grownInt32(this.fPending);
    this.fPool = grownInt32(this.fPool);
    this.fSlot = grownInt32(this.fSlot);
    this.fNext = grownInt32(this.fNext);
    this.fT = grownFloat64(this.fT);
    this.frameFree = grownInt32(this.frameFree);
  }

  private allocAttempt(): number {
    if (this.attemptTop > 0) return this.attemptFree[--this.attemptTop] as number;
    if (this.attemptCount === this.aRequest.length) {
      this.aRequest = grownInt32(this.aRequest);
      this.aAlive = grownUint8(this.aAlive);
      this.aRefs = grownUint8(this.aRefs);
      this.attemptFree = grownInt32(this.attemptFree);
    }
    return this.attemptCount++;
  }

  private freeAttempt(a: number): void {
    this.attemptFree[this.attemptTop++] = a;
  }

  private allocRequest(): number {
    if (this.requestTop > 0) return this.requestFree[--this.requestTop] as number;
    if (this.requestCount === this.rSource.length) {
      this.rSource = grownInt32(this.rSource);
      this.rSession = grownInt32(this.rSession);
      this.rAttempts = grownInt32(this.rAttempts);
      this.rStart = grownFloat64(this.rStart);
      this.requestFree = grownInt32(this.requestFree);
    }
    return this.requestCount++;
  }

  private freeRequest(r: number): void {
    this.requestFree[this.requestTop++] = r;
  }

  private allocSession(): number {
    if (this.sessionTop > 0) return this.sessionFree[--this.sessionTop] as number;
    if (this.sessionCount === this.sSource.length) {
      this.sSource = grownInt32(this.sSource);
      this.sRemaining = grownInt32(this.sRemaining);
      this.sessionFree = grownInt32(this.sessionFree);
    }
    return this.sessionCount++;
  }

  private freeSession(s: number): void {
    this.sessionFree[this.sessionTop++] = s;
  }
}
