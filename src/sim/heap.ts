/**
 * The simulator's event queue: a binary min-heap in typed arrays, ordered by (time, sequence) so
 * that events at the same time leave in the order they were scheduled (first in, first out).
 *
 * An event is a time (simulated seconds, float64), a kind (a small integer the engine dispatches
 * on) and a target (an integer the handler reads: a request, a frame, a pool). Nothing is
 * allocated per event: the arrays grow by doubling when full, and `pop` leaves the event it removed
 * in `time`, `kind` and `target` fields instead of returning an object.
 */
export class EventHeap {
  private times: Float64Array;
  private seqs: Float64Array;
  private kinds: Int32Array;
  private targets: Int32Array;
  private n = 0;
  private nextSeq = 0;
  /** The event `pop` removed last. */
  time = 0;
  kind = 0;
  target = 0;

  constructor(capacity = 1024) {
    const c = Math.max(16, capacity | 0);
    this.times = new Float64Array(c);
    this.seqs = new Float64Array(c);
    this.kinds = new Int32Array(c);
    this.targets = new Int32Array(c);
  }

  get size(): number {
    return this.n;
  }

  /** The time of the next event; +Infinity when there is none. */
  peekTime(): number {
    return this.n > 0 ? (this.times[0] as number) : Number.POSITIVE_INFINITY;
  }

  /** The sequence number of the next event (its place among events at the same time). */
  peekSequence(): number {
    return this.n > 0 ? (this.seqs[0] as number) : Number.POSITIVE_INFINITY;
  }

  /** Takes a sequence number, for an event kept outside the heap (see {@link DelayQueue}). */
  nextSequence(): number {
    return this.nextSeq++;
  }

  /** Schedules an event. */
  push(time: number, kind: number, target: number): void {
    this.pushWithSequence(time, kind, target, this.nextSeq++);
  }

  private pushWithSequence(time: number, kind: number, target: number, seq: number): void {
    if (this.n === this.times.length) this.grow();
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const targets = this.targets;
    // Sift up with a hole: parents move down until the new event's place is found.
    let i = this.n++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pt = times[parent] as number;
      if (pt < time || (pt === time && (seqs[parent] as number) < seq)) break;
      times[i] = pt;
      seqs[i] = seqs[parent] as number;
      kinds[i] = kinds[parent] as number;
      targets[i] = targets[parent] as number;
      i = parent;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    targets[i] = target;
  }

  /** Removes the earliest event into `time`, `kind` and `target`; false when the heap is empty. */
  pop(): boolean {
    if (this.n === 0) return false;
    const times = this.times;
    const seqs = this.seqs;
    const kinds = this.kinds;
    const targets = this.targets;
    this.time = times[0] as number;
    this.kind = kinds[0] as number;
    this.target = targets[0] as number;
    const last = --this.n;
    if (last === 0) return true;
    const time = times[last] as number;
    const seq = seqs[last] as number;
    const kind = kinds[last] as number;
    const target = targets[last] as number;
    // Sift down with a hole from the root.
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let child = 2 * i + 1;
      let ct = times[child] as number;
      let cs = seqs[child] as number;
      const right = child + 1;
      if (right < last) {
        const rt = times[right] as number;
        const rs = seqs[right] as number;
        if (rt < ct || (rt === ct && rs < cs)) {
          child = right;
          ct = rt;
          cs = rs;
        }
      }
      if (time < ct || (time === ct && seq < cs)) break;
      times[i] = ct;
      seqs[i] = cs;
      kinds[i] = kinds[child] as number;
      targets[i] = targets[child] as number;
      i = child;
    }
    times[i] = time;
    seqs[i] = seq;
    kinds[i] = kind;
    targets[i] = target;
    return true;
  }

  /** Drops every event. */
  clear(): void {
    this.n = 0;
    this.nextSeq = 0;
  }

  private grow(): void {
    const c = this.times.length * 2;
    const times = new Float64Array(c);
    times.set(this.times);
    const seqs = new Float64Array(c);
    seqs.set(this.seqs);
    const kinds = new Int32Array(c);
    kinds.set(this.kinds);
    const targets = new Int32Array(c);
    targets.set(this.targets);
    this.times = times;
    this.seqs = seqs;
    this.kinds = kinds;
    this.targets = targets;
  }
}

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
