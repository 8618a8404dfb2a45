/**
 * The physical graph's links, kept as a list rather than dense n x n matrices. A query's graph
 * joins 361 places with about 1,400 links: dense matrices of it were 1.7 MB that a cold start of
 * `footprint latency` filled and then scanned (fresh memory, page by page: 10-15 ms of the process,
 * issue 19), for 2 % of cells that hold a link. The list is built with an index from each pair of
 * places to its link, then sorted by cell (`i * size + j`, both directions), which is the order the
 * dense scan gave, so everything read from it comes in the same order.
 *
 * The dense matrices are still there for whoever reads them (`denseMatrices`): made from the list,
 * the same values as before.
 */

/** A graph's links, each direction, by cell (`i * size + j`) ascending. */
export interface GraphLinks {
  /** The cells that hold a link, ascending (never the diagonal). */
  readonly cells: Int32Array;
  /** Each link's RTT, by index into `cells`. */
  readonly rtt: Float64Array;
  /** Each link's class (index into LINK_CLASSES), by index into `cells`. */
  readonly linkClass: Int8Array;
  /** Index into `estate.links` when the link is one of the estate's; -1 otherwise. By index into `cells`. */
  readonly estateLink: Int32Array;
}

/** Links between the places of a graph while it is built: the fastest between two places is kept. */
export class LinkTable {
  /**
   * Each joined pair's slot + 1 (0: none), at its cell with the lower index first. A typed array:
   * a map of the catalog's all-pairs graph (70,000 links) made its matrix 2.5x slower; this is
   * zeroed by the system and touched only where links are (half the matrix, a quarter of the bytes
   * of the dense RTTs).
   */
  private readonly slots: Int32Array;
  /** How many slots are used; the arrays below grow by doubling. */
  private count = 0;
  private lower = new Int32Array(64);
  private upper = new Int32Array(64);
  private rtt = new Float64Array(64);
  private linkClass = new Int8Array(64);
  private estateLink = new Int32Array(64);

  constructor(readonly size: number) {
    this.slots = new Int32Array(size * size);
  }

  /** The RTT of the link between i and j, +Infinity when none. */
  rttMs(i: number, j: number): number {
    const slot = (this.slots[i < j ? i * this.size + j : j * this.size + i] as number) - 1;
    return slot < 0 ? Number.POSITIVE_INFINITY : (this.rtt[slot] as number);
  }

  /** Sets the link between i and j (i !== j), replacing any. */
  set(i: number, j: number, rttMs: number, linkClass: number, estateLink: number): void {
    const key = i < j ? i * this.size + j : j * this.size + i;
    let slot = (this.slots[key] as number) - 1;
    if (slot < 0) {
      if (this.count === this.rtt.length) this.grow();
      slot = this.count++;
      this.slots[key] = slot + 1;
      this.lower[slot] = Math.min(i, j);
      this.upper[slot] = Math.max(i, j);
    }
    this.rtt[slot] = rttMs;
    this.linkClass[slot] = linkClass;
    this.estateLink[slot] = estateLink;
  }

  private grow(): void {
    const twice = <T extends Int32Array | Float64Array | Int8Array>(array: T): T => {
      const bigger = new (array.constructor as new (length: number) => T)(2 * array.length);
      bigger.set(array);
      return bigger;
    };
    this.lower = twice(this.lower);
    this.upper = twice(this.upper);
    this.rtt = twice(this.rtt);
    this.linkClass = twice(this.linkClass);
    this.estateLink = twice(this.estateLink);
  }

  /** The links, each direction, by cell ascending. */
  links(): GraphLinks {
    const n = this.size;
    const count = this.count;
    const cells = new Int32Array(2 * count);
    for (let slot = 0; slot < count; slot++) {
      const i = this.lower[slot] as number;
      const j = this.upper[slot] as number;
      cells[2 * slot] = i * n + j;
      cells[2 * slot + 1] = j * n + i;
    }
    cells.sort();
    const rtt = new Float64Array(cells.length);
    const linkClass = new Int8Array(cells.length);
    const estateLink = new Int32Array(cells.length);
    for (let x = 0; x < cells.length; x++) {
      const cell = cells[x] as number;
      const i = Math.floor(cell / n);
      const j = cell - i * n;
      const slot = (this.slots[i < j ? cell : j * n + i] as number) - 1;
      rtt[x] = this.rtt[slot] as number;
      linkClass[x] = this.linkClass[slot] as number;
      estateLink[x] = this.estateLink[slot] as number;
    }
    return { cells, rtt, linkClass, estateLink };
  }
}

/** Index into `links.cells` of the link from i to j in a graph of `size` places; -1 when none. */
export function linkIndex(links: GraphLinks, size: number, i: number, j: number): number {
  const cell = i * size + j;
  const at = firstCellFrom(links.cells, cell);
  return at < links.cells.length && links.cells[at] === cell ? at : -1;
}

/** Whether place i has any link in a graph of `size` places. */
export function hasLinks(links: GraphLinks, size: number, i: number): boolean {
  const row = i * size;
  const at = firstCellFrom(links.cells, row);
  return at < links.cells.length && (links.cells[at] as number) < row + size;
}

/** The index of the first of the ascending `cells` at or after `cell` (their length when none). */
function firstCellFrom(cells: Int32Array, cell: number): number {
  let lo = 0;
  let hi = cells.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((cells[mid] as number) < cell) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The dense matrices of {@link GraphLinks}: +Infinity, -1 and -1 where no link, 0 RTT on the diagonal. */
export interface DenseLinks {
  readonly rtt: Float64Array;
  readonly linkClass: Int8Array;
  readonly estateLink: Int32Array;
}

/** The links as dense `size` x `size` matrices. */
export function denseMatrices(links: GraphLinks, size: number): DenseLinks {
  const rtt = new Float64Array(size * size).fill(Number.POSITIVE_INFINITY);
  const linkClass = new Int8Array(size * size).fill(-1);
  const estateLink = new Int32Array(size * size).fill(-1);
  for (let i = 0; i < size; i++) rtt[i * size + i] = 0;
  links.cells.forEach((cell, x) => {
    rtt[cell] = links.rtt[x] as number;
    linkClass[cell] = links.linkClass[x] as number;
    estateLink[cell] = links.estateLink[x] as number;
  });
  return { rtt, linkClass, estateLink };
}

/** The dense matrices of the links as getters that make them when first read (a query reads none). */
export function denseOnDemand(links: GraphLinks, size: number): DenseLinks {
  let dense: DenseLinks | undefined;
  const once = () => {
    dense ??= denseMatrices(links, size);
    return dense;
  };
  return {
    get rtt() {
      return once().rtt;
    },
    get linkClass() {
      return once().linkClass;
    },
    get estateLink() {
      return once().estateLink;
    },
  };
}
