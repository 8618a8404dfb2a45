/**
 * The users' side: arrivals per demand source (a non-homogeneous Poisson process, exact for a rate
 * that is constant over each step), sessions with think times, requests and their attempts, client
 * timeouts (a FIFO beside the heap: they all come the same delay after they are set) and retries
 * with exponential backoff and full jitter. An abandoned attempt keeps running in the estate (the
 * servers do not know the client left): that is how a retry storm shows.
 *
 * Every generated request ends exactly once: success, error, rejection or timeout.
 */
import type { EventCalendar } from './calendar.js';
import {
  type AttemptListener,
  type Calls,
  OUTCOME_ERROR,
  OUTCOME_REJECTED,
  OUTCOME_SUCCESS,
  OUTCOME_TIMEOUT,
} from './calls.js';
import type { Doors } from './doors/doors.js';
import { DelayQueue, type EventHeap } from './heap.js';
import type { SimModel } from './model.js';
import { STREAM_ARRIVALS, STREAM_CLIENT, Stream } from './random.js';
import type { Recorder } from './recorder.js';
import { FreeList, grownFloat64, grownInt32, grownUint8 } from './tables.js';

export const EV_ARRIVAL = 0;
export const EV_RETRY = 6;
export const EV_SESSION_NEXT = 7;

/** A client timeout this long or longer is no timeout: no event is scheduled for it. */
export const NO_TIMEOUT_S = 1e9;

export class Clients implements AttemptListener {
  private readonly model: SimModel;
  private readonly heap: EventCalendar;
  /** Events far off and rare: retries after their backoff, sessions' next requests after think time. */
  private readonly later: EventHeap;
  private readonly calls: Calls;
  private readonly recorder: Recorder;
  /** The front doors, when some request enters through one (doors/doors.ts). */
  doors: Doors | null = null;
  /** Client timeouts: all the same delay, so first set, first due. */
  readonly timeouts: DelayQueue;
  /** Set by the engine before each event. */
  now = 0;
  private readonly clientRng: Stream;
  private readonly arrivalRng: Stream[];

  private readonly attempts: FreeList;
  private aRequest: Int32Array;
  private aAlive: Uint8Array;
  private aRefs: Uint8Array;
  private readonly requests: FreeList;
  private rSource: Int32Array;
  private rSession: Int32Array;
  private rAttempts: Int32Array;
  private rStart: Float64Array;
  private readonly sessions: FreeList;
  private sSource: Int32Array;
  private sRemaining: Int32Array;

  constructor(model: SimModel, heap: EventCalendar, later: EventHeap, calls: Calls, recorder: Recorder) {
    this.model = model;
    this.heap = heap;
    this.later = later;
    this.calls = calls;
    this.recorder = recorder;
    this.timeouts = new DelayQueue(4096);
    this.clientRng = new Stream(model.seed, STREAM_CLIENT);
    this.arrivalRng = model.sources.map((_, k) => new Stream(model.seed, STREAM_ARRIVALS + k));
    const rows = 256;
    this.aRequest = new Int32Array(rows);
    this.aAlive = new Uint8Array(rows);
    this.aRefs = new Uint8Array(rows);
    this.attempts = new FreeList(rows, () => {
      this.aRequest = grownInt32(this.aRequest);
      this.aAlive = grownUint8(this.aAlive);
      this.aRefs = grownUint8(this.aRefs);
    });
    this.rSource = new Int32Array(rows);
    this.rSession = new Int32Array(rows);
    this.rAttempts = new Int32Array(rows);
    this.rStart = new Float64Array(rows);
    this.requests = new FreeList(rows, () => {
      this.rSource = grownInt32(this.rSource);
      this.rSession = grownInt32(this.rSession);
      this.rAttempts = grownInt32(this.rAttempts);
      this.rStart = grownFloat64(this.rStart);
    });
    this.sSource = new Int32Array(rows);
    this.sRemaining = new Int32Array(rows);
    this.sessions = new FreeList(rows, () => {
      this.sSource = grownInt32(this.sSource);
      this.sRemaining = grownInt32(this.sRemaining);
    });
  }

  /** Requests generated and not yet ended. */
  get open(): number {
    return this.requests.inUse;
  }

  /** Schedules each source's first arrival. */
  start(): void {
    this.model.sources.forEach((_, k) => {
      const t = this.nextArrival(k, 0);
      if (t < this.model.durationS) this.heap.push(t, EV_ARRIVAL, k);
    });
  }

  /** A session's next request. */
  sessionNext(session: number): void {
    this.startRequest(this.sSource[session] as number, session);
  }

  /** Ends every request still open as a timeout (at the drain limit). */
  timeOutOpen(): void {
    for (const r of this.requests.taken()) this.endRequest(r, OUTCOME_TIMEOUT);
  }

  /** The next arrival of source k after `t` (non-homogeneous Poisson, piecewise-constant rate). */
  nextArrival(k: number, from: number): number {
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

  arrival(k: number): void {
    const source = this.model.sources[k];
    if (!source) return;
    const next = this.nextArrival(k, this.now);
    if (next < this.model.durationS) this.heap.push(next, EV_ARRIVAL, k);
    let session = -1;
    const doors = this.doors;
    if (source.sessionRequests > 1 || doors?.d.entries[k]) {
      session = this.sessions.take();
      this.sSource[session] = k;
      this.sRemaining[session] = source.sessionRequests;
      if (doors !== null) doors.newSession(session);
    }
    this.recorder.sessionStarted(k);
    this.startRequest(k, session);
  }

  startRequest(k: number, session: number): void {
    const r = this.requests.take();
    this.rSource[r] = k;
    this.rSession[r] = session;
    this.rAttempts[r] = 0;
    this.rStart[r] = this.now;
    this.recorder.requestStarted(k, this.now);
    this.startAttempt(r);
  }

  startAttempt(r: number): void {
    const k = this.rSource[r] as number;
    const source = this.model.sources[k];
    if (!source) return;
    const a = this.attempts.take();
    this.aRequest[a] = r;
    this.aAlive[a] = 1;
    this.rAttempts[r] = (this.rAttempts[r] as number) + 1;
    this.recorder.attempts++;
    const timeoutS = this.model.client.timeoutS;
    if (timeoutS < NO_TIMEOUT_S) {
      this.aRefs[a] = 2;
      this.timeouts.push(this.now + timeoutS, this.heap.nextSequence(), a);
    } else this.aRefs[a] = 1;
    const doors = this.doors;
    const session = this.rSession[r] as number;
    if (doors !== null && session >= 0 && doors.d.entries[k]) {
      doors.route(k, session, (this.rAttempts[r] as number) > 1, this.now);
      this.calls.startRootVia(source.root, source.endpoint, a, doors.entryPool, doors.entryDelayS);
    } else this.calls.startRoot(source.root, source.endpoint, a);
  }

  clientTimeout(a: number): void {
    if (this.aAlive[a]) {
      this.aAlive[a] = 0;
      const r = this.aRequest[a] as number;
      this.recorder.attemptTimeouts++;
      if ((this.rAttempts[r] as number) < this.model.client.attempts) this.scheduleRetry(r);
      else this.endRequest(r, OUTCOME_TIMEOUT);
    }
    this.releaseAttempt(a);
  }

  attemptDone(a: number, failure: number): void {
    if (this.aAlive[a]) {
      this.aAlive[a] = 0;
      const r = this.aRequest[a] as number;
      if (failure === 0) this.endRequest(r, OUTCOME_SUCCESS);
      else if (this.model.client.retryErrors && (this.rAttempts[r] as number) < this.model.client.attempts)
        this.scheduleRetry(r);
      else this.endRequest(r, failure === OUTCOME_REJECTED ? OUTCOME_REJECTED : OUTCOME_ERROR);
    } else this.recorder.late++;
    this.releaseAttempt(a);
    this.dropSettled();
  }

  /**
   * Drops the timeouts at the head of their queue whose attempts have ended: they would do nothing
   * when due but let their attempt go, so they need not be events. Attempts end in about the order
   * they started, so the head is mostly one that just ended: amortised, a check per attempt.
   */
  private dropSettled(): void {
    const timeouts = this.timeouts;
    for (let a = timeouts.peekTarget(); a >= 0 && this.aAlive[a] === 0; a = timeouts.peekTarget()) {
      timeouts.pop();
      this.releaseAttempt(a);
    }
  }

  /** An attempt is held by its root frame and by its timeout event; freed when both are done. */
  private releaseAttempt(a: number): void {
    const refs = (this.aRefs[a] as number) - 1;
    this.aRefs[a] = refs;
    if (refs === 0) this.attempts.give(a);
  }

  private scheduleRetry(r: number): void {
    const client = this.model.client;
    const exponent = (this.rAttempts[r] as number) - 1;
    const ceiling = Math.min(client.backoffCapS, client.backoffBaseS * 2 ** exponent);
    this.recorder.retries++;
    this.later.push(this.now + this.clientRng.uniform() * ceiling, EV_RETRY, r);
  }

  private endRequest(r: number, outcome: number): void {
    const k = this.rSource[r] as number;
    this.recorder.requestEnded(k, outcome, this.now, this.now - (this.rStart[r] as number));
    const session = this.rSession[r] as number;
    this.requests.give(r);
    if (session < 0) return;
    const source = this.model.sources[k];
    const remaining = (this.sRemaining[session] as number) - 1;
    this.sRemaining[session] = remaining;
    if (remaining > 0 && source) {
      const at = this.now + this.clientRng.exponential(source.thinkS);
      if (at < this.model.durationS) {
        this.later.push(at, EV_SESSION_NEXT, session);
        return;
      }
    }
    this.sessions.give(session);
  }
}
