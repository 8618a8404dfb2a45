/**
 * The simulator's event queue: a binary min-heap in typed arrays, ordered by (time, sequence) so
 * that events at the same time leave in the order they were scheduled (first in, first out).
 *
 * An event is a time (simulated seconds, float64), a kind (a small integer the engine dispatches
 * on) and a target (an integer the handler reads: a request, a frame, a pool). Nothing is
 * allocated per event: the arrays grow by doubling when full, and `pop` leaves the event it removed
 * in `time`, `kind` and `target` fields instead of returning an object.
 *
 * Events due at the time of the last pop (zero delay: a call to a service at the same place, its
 * answer back) skip the heap: they go to a first-in-first-out ring beside it, in O(1) instead of
 * O(log n), and `pop` takes the earlier of the ring's head and the heap's root by (time, sequence).
 * Both are sorted by (time, sequence), so the order is exactly the one heap's.
 */
/** A counter of sequence numbers that several event queues share, so that together they order as one. */
export interface Sequence {
  next: number;
}

/**
 * A ring of zero-delay events (three doubles an event: time, sequence, payload) of twice the
 * length, its `n` events from `head` on copied to its front in order: how the heap's and the
 * calendar's rings grow.
 */
export function doubledRing(
  ring: Float64Array,
  head: number,
  n: number,
  mask: number,
): Float64Array<ArrayBuffer> {
  const grown = new Float64Array(6 * (mask + 1));
  for (let k = 0; k < n; k++) {
    const from = 3 * ((head + k) & mask);
    grown[3 * k] = ring[from] as number;
    grown[3 * k + 1] = ring[from + 1] as number;
    grown[3 * k + 2] = ring[from + 2] as number;
  }
  return grown;
}

export class EventHeap {
  /**
   * The events, three doubles each, side by side so that a comparison touches one cache line: the
   * time, the sequence number, and kind x 2^31 + target (an exact integer in a double).
   */
  private slots: Float64Array;
  private n = 0;
  /**
   * The ring of zero-delay events, three doubles each like `slots` (time, sequence, payload), in
   * the order they were pushed; `ringMask` is its length in events minus one (a power of two).
   */
  private ring: Float64Array;
  private ringMask: number;
  private ringHead = 0;
  private ringN = 0;
  /** Where sequence numbers come from: this heap's own, or one it shares with other queues. */
  readonly sequence: Sequence;
  /** The event `pop` removed last. */
  time = 0;
  kind = 0;
  target = 0;

  constructor(capacity = 1024, sequence: Sequence = { next: 0 }) {
    this.slots = new Float64Array(3 * Math.max(16, capacity | 0));
    this.ring = new Float64Array(3 * 256);
    this.ringMask = 255;
    this.sequence = sequence;
  }

  get size(): number {
    return this.n + this.ringN;
  }

  /**
   * The next event's time and sequence number (+Infinity when there is none), and whether it is the
   * ring's head rather than the heap's root: kept up to date by `push` and `pop`, so that the engine
   * reads two fields per event to merge its queues.
   */
  nextTime = Number.POSITIVE_INFINITY;
  nextSeq = Number.POSITIVE_INFINITY;
  private nextInRing = false;

  /** Finds the next event again: the earlier of the ring's head and the heap's root. */
  private refresh(): void {
    if (this.ringN > 0) {
      const r = 3 * this.ringHead;
      const rt = this.ring[r] as number;
      const rs = this.ring[r + 1] as number;
      if (this.n === 0) {
        this.nextInRing = true;
        this.nextTime = rt;
        this.nextSeq = rs;
        return;
      }
      const ht = this.slots[0] as number;
      const hs = this.slots[1] as number;
      this.nextInRing = rt < ht || (rt === ht && rs < hs);
      this.nextTime = this.nextInRing ? rt : ht;
      this.nextSeq = this.nextInRing ? rs : hs;
      return;
    }
    this.nextInRing = false;
    if (this.n > 0) {
      this.nextTime = this.slots[0] as number;
      this.nextSeq = this.slots[1] as number;
    } else {
      this.nextTime = Number.POSITIVE_INFINITY;
      this.nextSeq = Number.POSITIVE_INFINITY;
    }
  }

  /** The time of the next event; +Infinity when there is none. */
  peekTime(): number {
    return this.nextTime;
  }

  /** The sequence number of the next event (its place among events at the same time). */
  peekSequence(): number {
    return this.nextSeq;
  }

  /** Takes a sequence number, for an event kept outside the heap (see {@link DelayQueue}). */
  nextSequence(): number {
    return this.sequence.next++;
  }

  /** Schedules an event: `kind` below 2^21, `target` a non-negative 31-bit integer. */
  push(time: number, kind: number, target: number): void {
    const seq = this.sequence.next++;
    const payload = kind * TWO_31 + target;
    if (time === this.time) {
      // Due now: the ring keeps (time, sequence) order as long as its times do not go back.
      const ringN = this.ringN;
      if (ringN === 0 || (this.ring[3 * ((this.ringHead + ringN - 1) & this.ringMask)] as number) <= time) {
        if (ringN > this.ringMask) this.growRing();
        const r = 3 * ((this.ringHead + ringN) & this.ringMask);
        const ring = this.ring;
        ring[r] = time;
        ring[r + 1] = seq;
        ring[r + 2] = payload;
        this.ringN = ringN + 1;
        if (ringN === 0) this.refresh();
        return;
      }
    }
    if (3 * (this.n + 1) > this.slots.length) this.grow();
    const slots = this.slots;
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
    if (i === 0) this.refresh();
  }

  /** Removes the earliest event into `time`, `kind` and `target`; false when the heap is empty. */
  pop(): boolean {
    if (this.nextInRing) {
      const r = 3 * this.ringHead;
      const ring = this.ring;
      this.time = ring[r] as number;
      const payload = ring[r + 2] as number;
      const kind = (payload * INV_TWO_31) | 0;
      this.kind = kind;
      this.target = payload - kind * TWO_31;
      this.ringHead = (this.ringHead + 1) & this.ringMask;
      this.ringN--;
      this.refresh();
      return true;
    }
    if (this.n === 0) return false;
    const slots = this.slots;
    this.time = slots[0] as number;
    const top = slots[2] as number;
    const kind = (top * INV_TWO_31) | 0;
    this.kind = kind;
    this.target = top - kind * TWO_31;
    const last = --this.n;
    if (last === 0) {
      this.refresh();
      return true;
    }
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
    this.refresh();
    return true;
  }

  /** Drops every event. */
  clear(): void {
    this.n = 0;
    this.ringN = 0;
    this.ringHead = 0;
    this.refresh();
  }

  private growRing(): void {
    this.ring = doubledRing(this.ring, this.ringHead, this.ringN, this.ringMask);
    this.ringMask = 2 * this.ringMask + 1;
    this.ringHead = 0;
  }

  private grow(): void {
    const slots = new Float64Array(this.slots.length * 2);
    slots.set(this.slots);
    this.slots = slots;
  }
}

const TWO_31 = 2 ** 31;
/** Multiplying by a power of two is exact, and cheaper than dividing. */
const INV_TWO_31 = 2 ** -31;

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
    // A power of two, so that wrapping around is a mask rather than a division.
    const c = 2 ** Math.ceil(Math.log2(Math.max(16, capacity | 0)));
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

  /** The target of the next event; -1 when there is none. */
  peekTarget(): number {
    return this.n > 0 ? (this.targets[this.head] as number) : -1;
  }

  /** Appends an event; its time must not be before the last one's. */
  push(time: number, seq: number, target: number): void {
    if (this.n === this.times.length) this.grow();
    const i = (this.head + this.n) & (this.times.length - 1);
    this.times[i] = time;
    this.seqs[i] = seq;
    this.targets[i] = target;
    this.n++;
  }

  pop(): boolean {
    if (this.n === 0) return false;
    this.time = this.times[this.head] as number;
    this.target = this.targets[this.head] as number;
    this.head = (this.head + 1) & (this.times.length - 1);
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
