/**
 * The simulator's event queue: a binary min-heap in typed arrays, ordered by (time, sequence) so
 * that events at the same time leave in the order they were scheduled (first in, first out).
 *
 * An event is a time (simulated seconds, float64), a kind (a small integer the engine dispatches
 * on) and a target (an integer the handler reads: a request, a frame, a pool). Nothing is
 * allocated per event: the arrays grow by doubling when full, and `pop` leaves the event it removed
 * in `time`, `kind` and `target` fields instead of returning an object.
 */
/** A counter of sequence numbers that several event queues share, so that together they order as one. */
export interface Sequence {
  next: number;
}

export class EventHeap {
  /**
   * The events, three doubles each, side by side so that a comparison touches one cache line: the
   * time, the sequence number, and kind x 2^31 + target (an exact integer in a double).
   */
  private slots: Float64Array;
  private n = 0;
  /** Where sequence numbers come from: this heap's own, or one it shares with other queues. */
  readonly sequence: Sequence;
  /** The event `pop` removed last. */
  time = 0;
  kind = 0;
  target = 0;

  constructor(capacity = 1024, sequence: Sequence = { next: 0 }) {
    this.slots = new Float64Array(3 * Math.max(16, capacity | 0));
    this.sequence = sequence;
  }

  get size(): number {
    return this.n;
  }

  /** The time of the next event; +Infinity when there is none. */
  peekTime(): number {
    return this.n > 0 ? (this.slots[0] as number) : Number.POSITIVE_INFINITY;
  }

  /** The sequence number of the next event (its place among events at the same time). */
  peekSequence(): number {
    return this.n > 0 ? (this.slots[1] as number) : Number.POSITIVE_INFINITY;
  }

  /** Takes a sequence number, for an event kept outside the heap (see {@link DelayQueue}). */
  nextSequence(): number {
    return this.sequence.next++;
  }

  /** Schedules an event: `kind` below 2^21, `target` a non-negative 31-bit integer. */
  push(time: number, kind: number, target: number): void {
    if (3 * (this.n + 1) > this.slots.length) this.grow();
    const slots = this.slots;
    const seq = this.sequence.next++;
    const payload = kind * TWO_31 + target;
    // Sift up with a hole: parents move down until the new event's place is found.
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = 3 * parent;
      const pt = slots[p] as number;
      if (pt < time || (pt === time && (slots[p + 1] as number) < seq)) break;
      const h = 3 * i;
      slots[h] = pt;
      slots[h + 1] = slots[p + 1] as number;
      slots[h + 2] = slots[p + 2] as number;
      i = parent;
    }
    const h = 3 * i;
    slots[h] = time;
    slots[h + 1] = seq;
    slots[h + 2] = payload;
  }

  /** Removes the earliest event into `time`, `kind` and `target`; false when the heap is empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const slots = this.slots;
    this.time = slots[0] as number;
    const top = slots[2] as number;
    const kind = Math.floor(top / TWO_31);
    this.kind = kind;
    this.target = top - kind * TWO_31;
    const last = --this.n;
    if (last === 0) return true;
    const l = 3 * last;
    const time = slots[l] as number;
    const seq = slots[l + 1] as number;
    const payload = slots[l + 2] as number;
    // Sift down with a hole from the root.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let c = 3 * child;
      let ct = slots[c] as number;
      let cs = slots[c + 1] as number;
      if (child + 1 < last) {
        const r = c + 3;
        const rt = slots[r] as number;
        const rs = slots[r + 1] as number;
        if (rt < ct || (rt === ct && rs < cs)) {
          child++;
          c = r;
          ct = rt;
          cs = rs;
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      const h = 3 * i;
      slots[h] = ct;
      slots[h + 1] = cs;
      slots[h + 2] = slots[c + 2] as number;
      i = child;
    }
    const h = 3 * i;
    slots[h] = time;
    slots[h + 1] = seq;
    slots[h + 2] = payload;
    return true;
  }

  /** Drops every event. */
  clear(): void {
    this.n = 0;
  }

  private grow(): void {
    const slots = new Float64Array(this.slots.length * 2);
    slots.set(this.slots);
    this.slots = slots;
  }
}

const TWO_31 = 2 ** 31;

/**
 * Events that all come a fixed delay after they are scheduled (client timeouts) leave in the order
 * they were scheduled: a ring buffer holds them in O(1) instead of the heap in O(log n). Each takes
 * its sequence number from the heap, so that the engine orders the two sources exactly as one heap
 * would.
 */
export class DelayQueue {
  private times: Float64Array;
  private seqs: Float64Array;
  private targets: Int32Array;
  private head = 0;
  private n = 0;
  /** The event `pop` removed last. */
  time = 0;
  target = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity | 0);
    this.times = new Float64Array(c);
    this.seqs = new Float64Array(c);
    this.targets = new Int32Array(c);
  }

  get size(): number {
    return this.n;
  }

  peekTime(): number {
    return this.n > 0 ? (this.times[this.head] as number) : Number.POSITIVE_INFINITY;
  }

  peekSequence(): number {
    return this.n > 0 ? (this.seqs[this.head] as number) : Number.POSITIVE_INFINITY;
  }

  /** Appends an event; its time must not be before the last one's. */
  push(time: number, seq: number, target: number): void {
    if (this.n === this.times.length) this.grow();
    const i = (this.head + this.n) % this.times.length;
    this.times[i] = time;
    this.seqs[i] = seq;
    this.targets[i] = target;
    this.n++;
  }

  pop(): boolean {
    if (this.n === 0) return false;
    this.time = this.times[this.head] as number;
    this.target = this.targets[this.head] as number;
    this.head = (this.head + 1) % this.times.length;
    this.n--;
    return true;
  }

  private grow(): void {
    const c = this.times.length;
    const times = new Float64Array(c * 2);
    const seqs = new Float64Array(c * 2);
    const targets = new Int32Array(c * 2);
    for (let k = 0; k < this.n; k++) {
      const i = (this.head + k) % c;
      times[k] = this.times[i] as number;
      seqs[k] = this.seqs[i] as number;
      targets[k] = this.targets[i] as number;
    }
    this.times = times;
    this.seqs = seqs;
    this.targets = targets;
    this.head = 0;
  }
}
