/**
 * The frames of call graphs in flight (calls.ts runs them): one row per frame in a column of typed
 * arrays per field, recycled through a free list and doubled when every row is taken. A frame is a
 * node of a request's program (a series or a parallel block, a call of several legs) or one leg of
 * a call (one instance called); a call of one leg has no frame of its own, its leg reports to what
 * encloses the call.
 */
import { FreeList, grownFloat64, grownInt32, grownUint8 } from './tables.js';

export class CallFrames {
  protected readonly frames: FreeList;
  /** The program node's kind, or FRAME_LEG (calls.ts). */
  protected fKind: Uint8Array;
  /** A leg: where it is (LEG_*). */
  protected fState: Uint8Array;
  /** How the frame failed so far (an OUTCOME_*), 0 while it has not. */
  protected fFailed: Uint8Array;
  protected fNode: Int32Array;
  /** The enclosing frame, or -1 - attempt for a request's root. */
  protected fParent: Int32Array;
  protected fAttempt: Int32Array;
  /** Where the frame runs (a leg: its pool's endpoint once sent). */
  protected fEndpoint: Int32Array;
  /** A leg: its caller's endpoint. */
  protected fFrom: Int32Array;
  /** Children still running (parallel, call), or the child running (series). */
  protected fPending: Int32Array;
  protected fPool: Int32Array;
  /** A leg: the worker slot computing it, -1 when none. */
  protected fSlot: Int32Array;
  /** A queued leg: the next one in its pool's queue. */
  protected fNext: Int32Array;
  /** A leg: when it reached its pool (its wait in queue starts). */
  protected fT: Float64Array;

  constructor(rows: number) {
    this.fKind = new Uint8Array(rows);
    this.fState = new Uint8Array(rows);
    this.fFailed = new Uint8Array(rows);
    this.fNode = new Int32Array(rows);
    this.fParent = new Int32Array(rows);
    this.fAttempt = new Int32Array(rows);
    this.fEndpoint = new Int32Array(rows);
    this.fFrom = new Int32Array(rows);
    this.fPending = new Int32Array(rows);
    this.fPool = new Int32Array(rows);
    this.fSlot = new Int32Array(rows);
    this.fNext = new Int32Array(rows);
    this.fT = new Float64Array(rows);
    this.frames = new FreeList(rows, () => this.growFrames());
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
  }
}
