/**
 * The call graphs' event queue: a calendar queue (R. Brown, "Calendar queues: a fast O(1) priority
 * queue implementation for the simulation event set problem", CACM 31(10), 1988) in typed arrays,
 * ordered by (time, sequence) exactly as the binary heap (heap.ts) orders them, so that swapping one
 * for the other changes no result.
 *
 * Time is cut into buckets of `width` seconds; bucket k (absolute: floor(time / width)) lives in
 * slot k mod `buckets` of a ring of linked lists, each sorted by (time, sequence). A new event's
 * sequence is the largest yet, so it goes after every event of its time: insertion walks its
 * bucket's few events. The next event is found by walking the slots from the current bucket; the
 * head of a slot whose bucket is the one reached is it. Events a "year" (a full turn of the ring) or
 * more ahead share slots with nearer ones, after them in the lists; when a whole turn finds none, a
 * direct search over the slots' heads does. The ring doubles when the events outnumber its slots
 * twice and halves when they fall under half, and the width is then set to three times the mean
 * gap between the next events (Brown's rule), so that a bucket holds a few events whatever the
 * model's time scale. Where the queue is spent: a push walks a few events of one bucket, a pop steps
 * over a few empty slots, against the binary heap's log2(n) unpredictable comparisons each way.
 *
 * Events due at the time of the last pop (zero delay: a call to a pool at the caller's place, its
 * answer back) skip the buckets for a first-in-first-out ring beside them, as in heap.ts: the chain
 * of ten calls at one place pops two of its three events per call from it.
 *
 * Nothing is allocated per event; the arrays grow by doubling. The engine reads `nextTime` and
 * `nextSeq` to merge this queue with its others (see engine.ts).
 */
import { doubledRing, type Sequence } from './heap.js';

const TWO_31 = 2 ** 31;
const INV_TWO_31 = 2 ** -31;
const NONE = -1;
/** The smallest ring: fewer slots than this save nothing. */
const MIN_BUCKETS = 16;
/** Events sampled from the front of the queue to set the width when the ring is resized. */
const WIDTH_SAMPLE = 25;

export class EventCalendar {
  /** Per event four doubles: time, sequence, kind x 2^31 + target, and its bucket (floor(time / width)). */
  private nodes: Float64Array;
  /** Per event the next of its slot's list, or the next free event. */
  private link: Int32Array;
  private free = NONE;
  /** Per slot, its list's first event (NONE when empty); `mask` is the slot count minus one. */
  private heads: Int32Array;
  /**
   * Per slot, its first event's time and bucket (+Infinity when empty), side by side: a push
   * compares with the first event, and the walk for the next event reads buckets, without
   * reaching into the events.
   */
  private fronts: Float64Array;
  private mask: number;
  private invWidth: number;
  private n = 0;
  /** The next event (NONE when there is none) and its bucket. */
  private first = NONE;
  private popsSinceResize = 0;
  private firstBucket = 0;
  /** Where sequence numbers come from: this queue's own, or one it shares with other queues. */
  readonly sequence: Sequence;
  /** The event `pop` removed last. */
  time = 0;
  kind = 0;
  target = 0;
  /** The next event's time and sequence number (+Infinity when there is none). */
  nextTime = Number.POSITIVE_INFINITY;
  nextSeq = Number.POSITIVE_INFINITY;
  /** The calendar's own first event's time and sequence number (+Infinity when it has none). */
  private calTime = Number.POSITIVE_INFINITY;
  private calSeq = Number.POSITIVE_INFINITY;
  /**
   * Events due at the time of the last pop (zero delay: a call to a pool at the caller's place, its
   * answer back) skip the calendar, as in heap.ts: a first-in-first-out ring of three doubles each
   * (time, sequence, payload), sorted by (time, sequence) because times never go back; the next
   * event is the earlier of its head and the calendar's first. `ringMask`: its length in events
   * minus one (a power of two).
   */
  private ring = new Float64Array(3 * 256);
  private ringMask = 255;
  private ringHead = 0;
  private ringN = 0;
  private nextInRing = false;

  /** `widthS`: the first buckets' width, until the queue has events enough to measure its own. */
  constructor(capacity = 1024, sequence: Sequence = { next: 0 }, widthS = 1e-3) {
    const c = Math.max(16, capacity | 0);
    this.nodes = new Float64Array(4 * c);
    this.link = new Int32Array(c);
    this.chainFree(0, c);
    this.heads = new Int32Array(MIN_BUCKETS).fill(NONE);
    this.fronts = new Float64Array(2 * MIN_BUCKETS).fill(Number.POSITIVE_INFINITY);
    this.mask = MIN_BUCKETS - 1;
    this.invWidth = 1 / widthS;
    this.sequence = sequence;
  }

  get size(): number {
    return this.n + this.ringN;
  }

  peekTime(): number {
    return this.nextTime;
  }

  peekSequence(): number {
    return this.nextSeq;
  }

  /** Takes a sequence number, for an event kept outside the queue (see DelayQueue in heap.ts). */
  nextSequence(): number {
    return this.sequence.next++;
  }

  /** Schedules an event: `kind` below 2^21, `target` a non-negative 31-bit integer, `time` not NaN. */
  push(time: number, kind: number, target: number): void {
    const seq = this.sequence.next++;
    // Due now: the ring keeps (time, sequence) order as long as its times do not go back (a pop
    // may go back in a unit test that pushes before the last pop; never in a run).
    const ringN = this.ringN;
    if (
      time === this.time &&
      (ringN === 0 || (this.ring[3 * ((this.ringHead + ringN - 1) & this.ringMask)] as number) <= time)
    ) {
      if (ringN > this.ringMask) this.growRing();
      const r = 3 * ((this.ringHead + ringN) & this.ringMask);
      const ring = this.ring;
      ring[r] = time;
      ring[r + 1] = seq;
      ring[r + 2] = kind * TWO_31 + target;
      this.ringN = ringN + 1;
      if (ringN === 0) this.refresh();
      return;
    }
    if (this.free === NONE) this.growNodes();
    const e = this.free;
    const link = this.link;
    this.free = link[e] as number;
    const bucket = Math.floor(time * this.invWidth);
    const nodes = this.nodes;
    const o = 4 * e;
    nodes[o] = time;
    nodes[o + 1] = seq;
    nodes[o + 2] = kind * TWO_31 + target;
    nodes[o + 3] = bucket;
    // Its sequence is the largest yet: it goes after every event of its slot not later than it.
    const slot = bucket & this.mask;
    const fronts = this.fronts;
    if (time < (fronts[2 * slot] as number)) {
      link[e] = this.heads[slot] as number;
      this.heads[slot] = e;
      fronts[2 * slot] = time;
      fronts[2 * slot + 1] = bucket;
    } else {
      let p = this.heads[slot] as number;
      let q = link[p] as number;
      while (q !== NONE && (nodes[4 * q] as number) <= time) {
        p = q;
        q = link[q] as number;
      }
      link[e] = q;
      link[p] = e;
    }
    if (++this.n > 2 * (this.mask + 1)) this.resize(2 * (this.mask + 1));
    else if (time < this.calTime) this.setFirst(e, bucket);
  }

  /** Removes the earliest event into `time`, `kind` and `target`; false when the queue is empty. */
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
    const e = this.first;
    if (e === NONE) return false;
    const nodes = this.nodes;
    const o = 4 * e;
    this.time = nodes[o] as number;
    const payload = nodes[o + 2] as number;
    const kind = (payload * INV_TWO_31) | 0;
    this.kind = kind;
    this.target = payload - kind * TWO_31;
    // The earliest event heads its slot's list.
    const link = this.link;
    const slot = this.firstBucket & this.mask;
    const h = link[e] as number;
    this.heads[slot] = h;
    this.fronts[2 * slot] = h === NONE ? Number.POSITIVE_INFINITY : (nodes[4 * h] as number);
    this.fronts[2 * slot + 1] = h === NONE ? Number.POSITIVE_INFINITY : (nodes[4 * h + 3] as number);
    link[e] = this.free;
    this.free = e;
    this.popsSinceResize++;
    const n = --this.n;
    if (n < (this.mask + 1) >> 1 && this.mask + 1 > MIN_BUCKETS) this.resize((this.mask + 1) >> 1);
    else this.findFirst();
    return true;
  }

  /** Drops every event. */
  clear(): void {
    this.heads.fill(NONE);
    this.fronts.fill(Number.POSITIVE_INFINITY);
    this.free = NONE;
    this.chainFree(0, this.link.length);
    this.n = 0;
    this.ringN = 0;
    this.ringHead = 0;
    this.setFirst(NONE, 0);
  }

  private setFirst(e: number, bucket: number): void {
    this.first = e;
    this.firstBucket = bucket;
    if (e === NONE) {
      this.calTime = Number.POSITIVE_INFINITY;
      this.calSeq = Number.POSITIVE_INFINITY;
    } else {
      this.calTime = this.nodes[4 * e] as number;
      this.calSeq = this.nodes[4 * e + 1] as number;
    }
    this.refresh();
  }

  /** The next event: the earlier of the ring's head and the calendar's first, by (time, sequence). */
  private refresh(): void {
    if (this.ringN > 0) {
      const r = 3 * this.ringHead;
      const rt = this.ring[r] as number;
      const rs = this.ring[r + 1] as number;
      const inRing = rt < this.calTime || (rt === this.calTime && rs < this.calSeq);
      this.nextInRing = inRing;
      this.nextTime = inRing ? rt : this.calTime;
      this.nextSeq = inRing ? rs : this.calSeq;
    } else {
      this.nextInRing = false;
      this.nextTime = this.calTime;
      this.nextSeq = this.calSeq;
    }
  }

  private growRing(): void {
    this.ring = doubledRing(this.ring, this.ringHead, this.ringN, this.ringMask);
    this.ringMask = 2 * this.ringMask + 1;
    this.ringHead = 0;
  }

  /**
   * Finds the earliest event: no event is in a bucket before `firstBucket`, so the first slot from
   * there whose head is in the bucket the walk has reached holds it; after a whole turn without one,
   * the earliest of the heads.
   */
  private findFirst(): void {
    if (this.n === 0) {
      this.setFirst(NONE, 0);
      return;
    }
    const fronts = this.fronts;
    const mask = this.mask;
    let bucket = this.firstBucket;
    for (let k = 0; k <= mask; k++, bucket++) {
      const slot = bucket & mask;
      const front = fronts[2 * slot + 1] as number;
      if (front <= bucket) {
        this.setFirst(this.heads[slot] as number, front);
        return;
      }
    }
    // A turn without the next event: buckets too narrow for how far apart the events are now.
    // Measure the width again, at most once per turn's worth of pops so that it pays for itself.
    if (this.popsSinceResize > mask) {
      this.resize(mask + 1);
      return;
    }
    let best = NONE;
    for (let s = 0; s <= mask; s++) {
      const h = this.heads[s] as number;
      if (h !== NONE && (best === NONE || this.before(h, best))) best = h;
    }
    this.setFirst(best, this.nodes[4 * best + 3] as number);
  }

  /** True when event `a` comes before event `b` by (time, sequence). */
  private before(a: number, b: number): boolean {
    const ta = this.nodes[4 * a] as number;
    const tb = this.nodes[4 * b] as number;
    return ta < tb || (ta === tb && (this.nodes[4 * a + 1] as number) < (this.nodes[4 * b + 1] as number));
  }

  /**
   * Rebuilds the ring with `buckets` slots and a width of three times the mean gap between the
   * next events (gaps over twice the mean left out, as Brown does), keeping the old width when the
   * next events are all at one time.
   */
  private resize(buckets: number): void {
    this.popsSinceResize = 0;
    const events = this.takeAll();
    const nodes = this.nodes;
    const times = new Float64Array(events.length);
    for (let i = 0; i < events.length; i++) times[i] = nodes[4 * (events[i] as number)] as number;
    times.sort();
    const sample = Math.min(times.length, WIDTH_SAMPLE);
    if (sample >= 2) {
      const front = times[0] as number;
      const mean = ((times[sample - 1] as number) - front) / (sample - 1);
      let sum = 0;
      let gaps = 0;
      for (let i = 1; i < sample; i++) {
        const gap = (times[i] as number) - (times[i - 1] as number);
        if (gap <= 2 * mean) {
          sum += gap;
          gaps++;
        }
      }
      const width = gaps > 0 ? (3 * sum) / gaps : 0;
      // A width that makes buckets past 2^52 would lose the integers: keep the old one then.
      if (width > 0 && Number.isFinite(width) && front / width < 2 ** 52) this.invWidth = 1 / width;
    }
    this.heads = new Int32Array(buckets).fill(NONE);
    this.fronts = new Float64Array(2 * buckets).fill(Number.POSITIVE_INFINITY);
    this.mask = buckets - 1;
    for (const e of events) this.reinsert(e);
    let best = NONE;
    for (const e of events) if (best === NONE || this.before(e, best)) best = e;
    this.setFirst(best, best === NONE ? 0 : (nodes[4 * best + 3] as number));
  }

  /** Every event, unlinked from the slots (allocates: once per resize). */
  private takeAll(): number[] {
    const events: number[] = [];
    const heads = this.heads;
    for (let s = 0; s <= this.mask; s++)
      for (let e = heads[s] as number; e !== NONE; e = this.link[e] as number) events.push(e);
    return events;
  }

  /** Puts event `e` back in its slot by (time, sequence), with its bucket at the current width. */
  private reinsert(e: number): void {
    const nodes = this.nodes;
    const link = this.link;
    const bucket = Math.floor((nodes[4 * e] as number) * this.invWidth);
    nodes[4 * e + 3] = bucket;
    const slot = bucket & this.mask;
    let p = NONE;
    let q = this.heads[slot] as number;
    while (q !== NONE && this.before(q, e)) {
      p = q;
      q = link[q] as number;
    }
    link[e] = q;
    if (p === NONE) {
      this.heads[slot] = e;
      this.fronts[2 * slot] = nodes[4 * e] as number;
      this.fronts[2 * slot + 1] = bucket;
    } else link[p] = e;
  }

  /** Links events [from, to) into the free list, ahead of what it holds. */
  private chainFree(from: number, to: number): void {
    for (let e = from; e < to - 1; e++) this.link[e] = e + 1;
    if (to > from) {
      this.link[to - 1] = this.free;
      this.free = from;
    }
  }

  private growNodes(): void {
    const c = this.link.length;
    const nodes = new Float64Array(8 * c);
    nodes.set(this.nodes);
    const link = new Int32Array(2 * c);
    link.set(this.link);
    this.nodes = nodes;
    this.link = link;
    this.chainFree(c, 2 * c);
  }
}
