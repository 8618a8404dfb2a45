/**
 * An indexed binary min-heap of integer ids on typed arrays, keyed by an external Float64Array:
 * insert-or-decrease and pop in O(log n), no allocation after construction. Ties break on the
 * smaller id, so the order ids leave the heap is a function of the keys alone (the order a scan
 * over the ids for the smallest key would give).
 */
export class LabelHeap {
  /** Heap order: `heap[0]` is the smallest. */
  private readonly heap: Int32Array;
  /** Position of each id in `heap`, -1 when not in it. */
  private readonly position: Int32Array;
  private count = 0;

  /** A heap of ids below `capacity`, ordered by `keys[id]` (which the caller lowers before {@link push}). */
  constructor(
    capacity: number,
    private readonly keys: Float64Array,
  ) {
    this.heap = new Int32Array(capacity);
    this.position = new Int32Array(capacity).fill(-1);
  }

  get size(): number {
    return this.count;
  }

  /** Empties the heap. */
  clear(): void {
    for (let k = 0; k < this.count; k++) this.position[this.heap[k] as number] = -1;
    this.count = 0;
  }

  /** Inserts `id`, or moves it up after its key was lowered. */
  push(id: number): void {
    let at = this.position[id] as number;
    if (at < 0) {
      at = this.count++;
      this.heap[at] = id;
      this.position[id] = at;
    }
    this.siftUp(at);
  }

  /** Removes and returns the id with the smallest key (the smallest id among equal keys); -1 when empty. */
  pop(): number {
    if (this.count === 0) return -1;
    const heap = this.heap;
    const top = heap[0] as number;
    this.position[top] = -1;
    const last = heap[--this.count] as number;
    if (this.count > 0) {
      heap[0] = last;
      this.position[last] = 0;
      this.siftDown(0);
    }
    return top;
  }

  private before(a: number, b: number): boolean {
    const ka = this.keys[a] as number;
    const kb = this.keys[b] as number;
    return ka < kb || (ka === kb && a < b);
  }

  private siftUp(from: number): void {
    const heap = this.heap;
    const id = heap[from] as number;
    let at = from;
    while (at > 0) {
      const parentAt = (at - 1) >> 1;
      const parent = heap[parentAt] as number;
      if (!this.before(id, parent)) break;
      heap[at] = parent;
      this.position[parent] = at;
      at = parentAt;
    }
    heap[at] = id;
    this.position[id] = at;
  }

  private siftDown(from: number): void {
    const heap = this.heap;
    const count = this.count;
    const id = heap[from] as number;
    let at = from;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= count) break;
      const right = child + 1;
      if (right < count && this.before(heap[right] as number, heap[child] as number)) child = right;
      const smallest = heap[child] as number;
      if (!this.before(smallest, id)) break;
      heap[at] = smallest;
      this.position[smallest] = at;
      at = child;
    }
    heap[at] = id;
    this.position[id] = at;
  }
}
