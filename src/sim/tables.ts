/**
 * The simulator's growable tables: typed arrays that double when full (amortised, never per event),
 * and the free lists that recycle their rows.
 */
export function grownInt32(a: Int32Array): Int32Array {
  const b = new Int32Array(a.length * 2);
  b.set(a);
  return b;
}

export function grownFloat64(a: Float64Array): Float64Array {
  const b = new Float64Array(a.length * 2);
  b.set(a);
  return b;
}

export function grownUint8(a: Uint8Array): Uint8Array {
  const b = new Uint8Array(a.length * 2);
  b.set(a);
  return b;
}

/**
 * Rows of a table in use and free: `take` hands out a free row (a recycled one first), growing the
 * table through `grow(capacity)` when every row is taken; `give` returns one.
 * @example const rows = new FreeList(16, (n) => { names = grownInt32(names); }); const r = rows.take();
 */
export class FreeList {
  private free: Int32Array;
  private top = 0;
  private count = 0;
  private capacity: number;
  private readonly grow: (capacity: number) => void;

  constructor(capacity: number, grow: (capacity: number) => void) {
    this.capacity = capacity;
    this.free = new Int32Array(capacity);
    this.grow = grow;
  }

  /** Rows taken and not given back. */
  get inUse(): number {
    return this.count - this.top;
  }

  take(): number {
    if (this.top > 0) return this.free[--this.top] as number;
    if (this.count === this.capacity) {
      this.capacity *= 2;
      this.free = grownInt32(this.free);
      this.grow(this.capacity);
    }
    return this.count++;
  }

  give(row: number): void {
    this.free[this.top++] = row;
  }

  /** The rows in use, in order (for the end of a run; allocates). */
  taken(): number[] {
    const isFree = new Uint8Array(this.count);
    for (let i = 0; i < this.top; i++) isFree[this.free[i] as number] = 1;
    const rows: number[] = [];
    for (let r = 0; r < this.count; r++) if (!isFree[r]) rows.push(r);
    return rows;
  }
}
