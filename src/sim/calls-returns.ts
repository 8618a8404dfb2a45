/**
 * How call frames end (calls.ts runs them): a frame done moves its parent on, and a leg whose
 * compute and calls are done starts back to its caller, its payload's bytes counted. Steps that
 * nothing can observe before their simulated time are taken ahead of it, without an event of their
 * own (see `settle`): per page of the on-sale's event page, 8 of its 12 returns.
 */
import type { EventCalendar } from './calendar.js';
import { CallFrames } from './calls-frames.js';
import { NODE_SERIES, type SimModel, TRANSFER_CLASSES } from './model.js';

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
export const FRAME_SERIES = NODE_SERIES;
export const FRAME_LEG = 3;

/** Where a leg is. */
export const LEG_TRAVELLING = 0;
export const LEG_QUEUED = 1;
export const LEG_COMPUTING = 2;
export const LEG_BODY = 3;
export const LEG_RETURNING = 4;
export const LEG_KILLED = 5;
export const LEG_CACHED = 6;
/** Sent to, or caught at, a lost place: it never returns. */
export const LEG_LOST = 7;

/** Who hears that an attempt's call graph ended, and how. */
export interface AttemptListener {
  attemptDone(attempt: number, failure: number): void;
}

export abstract class CallReturns extends CallFrames {
  readonly model: SimModel;
  /** The call graphs' events. */
  protected readonly heap: EventCalendar;
  /** Set by the engine before each event. */
  now = 0;
  clients: AttemptListener = { attemptDone: () => {} };
  readonly endpointCount: number;
  /** The RTTs in seconds now (calls-routing.ts keeps the variants; calls.ts swaps them). */
  rttS: Float64Array = new Float64Array(0);
  /** True from the first fault on: the calls then read their pools' conditions. */
  degraded = false;
  /**
   * When the interval now open closes (the engine sets it; after the last, the run's duration): a
   * return's bytes counted ahead of time must fall in it.
   */
  closeAtS = 0;
  /** Data moved, bytes per transfer class. */
  readonly transferBytes: Float64Array;
  /**
   * True when no fault can happen in the run: a frame's steps that nothing observes are then taken
   * ahead of time (see `settle`).
   */
  protected readonly ahead: boolean;
  // The program's arrays, held directly: the hot path reads them at every call.
  protected readonly pEnd: Int32Array;
  protected readonly pPayloadBytes: Float64Array;
  protected readonly pPayloadS: Float64Array;

  constructor(model: SimModel, heap: EventCalendar) {
    super(1024);
    this.model = model;
    this.heap = heap;
    this.endpointCount = model.endpoints.length;
    this.transferBytes = new Float64Array(TRANSFER_CLASSES.length);
    this.ahead = (model.faults?.length ?? 0) === 0;
    this.pEnd = model.program.end;
    this.pPayloadBytes = model.program.payloadBytes;
    this.pPayloadS = model.program.payloadS;
  }

  /** Starts node `node` for `parent` (a frame, or -1 - attempt for the root), running at `endpoint`. */
  protected abstract startNode(node: number, parent: number, endpoint: number, attempt: number): void;

  /** `leg` answers now (computed, failed or killed): its return and what follows it. */
  protected scheduleReturn(leg: number): void {
    const back = this.returnAt(leg, this.now);
    if (back >= 0) this.settle(leg, back, false);
  }

  /**
   * `leg` starts back to its caller at `t`: counts its payload's bytes and says when it gets there;
   * -1 when the way back was cut while the call was out (the answer never arrives).
   */
  protected returnAt(leg: number, t: number): number {
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
  protected settle(child: number, t: number, due: boolean): void {
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
}
