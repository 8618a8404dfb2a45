/**
 * Shortest paths over the physical graph: Dijkstra with an indexed binary heap on typed arrays,
 * over an adjacency list (CSR) built once per graph from its list of links (or, for a graph given
 * as dense matrices only, from a scan of them).
 *
 * The graph's structure is what makes this fast. It is dense only through the internet, and an
 * internet edge carries traffic out of few nodes: users and hosts start or end paths, and an AWS
 * place sends nothing out on the internet unless the path starts there (or at one of its AZs). So
 * each node's edges are kept in two runs, its own network's then the internet's, and a node that
 * may not use the internet never looks at the second run. Users, hosts and edge locations are
 * leaves: their labels never enter the heap (nothing leaves them), only their best RTT is kept.
 *
 * Two rules on transit. Users and hosts only start or end paths. And AWS does not carry the
 * internet's traffic: a path never passes through an AWS place (region, Local Zone) on an internet
 * link, on either side (the internet reaches a region; it does not ride the AWS backbone on to
 * somewhere else, nor the other way). The rule is symmetric, so RTTs are. Each node therefore has
 * two labels: reached in a way that lets traffic go on ("transit"), and, for AWS places, reached
 * over the internet ("end"). From a region reached over the internet, traffic still goes into the
 * region's own AZs (that is how users reach instances there), and ends there too; the other way,
 * a path that starts in an AZ may leave its region for the internet.
 *
 * Labels settle in the order a scan for the smallest (RTT, node, transit before end) would give,
 * so ties resolve as the dense O(n²) scan this replaces resolved them: the same RTTs and the same
 * paths, bit for bit (a property test holds the two to it).
 */
import { LINK_CLASSES } from '../catalog/index.js';
import type { PhysicalGraph } from './graph.js';
import { LabelHeap } from './label-heap.js';
import type { GraphLinks } from './links.js';

const INTERNET = LINK_CLASSES.indexOf('internet');
const INTER_AZ = LINK_CLASSES.indexOf('inter-az');

/** Buffers for one single-source run; reuse them across sources to avoid allocation. */
export interface ShortestPathTree {
  readonly source: number;
  /** Best RTT from the source to each node; +Infinity when unreachable. */
  readonly rtt: Float64Array;
  /** Previous node on the best path; -1 at the source and for unreachable nodes. */
  readonly previous: Int32Array;
  /** Previous node on the best path that lets traffic go on through the node (see {@link pathTo}). */
  readonly transitPrevious: Int32Array;
  /** Previous label of each node's end label: a node index, or `size + i` for the end label of i. */
  readonly endPrevious: Int32Array;
}

export interface TreeBuffers {
  readonly rtt: Float64Array;
  readonly previous: Int32Array;
  /** Best RTT of each label: `2 * node` its transit label, `2 * node + 1` its end label. */
  readonly labelRtt: Float64Array;
  readonly transitPrevious: Int32Array;
  readonly endPrevious: Int32Array;
  /** 1 where a label is settled, indexed like `labelRtt`. */
  readonly settled: Uint8Array;
  readonly heap: LabelHeap;
}

/** Allocates buffers for {@link shortestPathTree}. */
export function allocateTree(size: number): TreeBuffers {
  const labelRtt = new Float64Array(2 * size);
  return {
    rtt: new Float64Array(size),
    previous: new Int32Array(size),
    labelRtt,
    transitPrevious: new Int32Array(size),
    endPrevious: new Int32Array(size),
    settled: new Uint8Array(2 * size),
    heap: new LabelHeap(2 * size, labelRtt),
  };
}

/**
 * A graph's links as adjacency lists: node u's links are `first[u]` to `first[u + 1]`, those before
 * `internetFrom[u]` over its own networks, the rest over the internet.
 */
interface Adjacency {
  readonly first: Int32Array;
  readonly internetFrom: Int32Array;
  readonly target: Int32Array;
  readonly rtt: Float64Array;
  /** 1 where the link is an AZ's to its region (inter-AZ class). */
  readonly interAz: Uint8Array;
}

/** What the search reads of a graph: its list of links, or dense matrices (scanned for their links). */
export type SearchGraph = Pick<PhysicalGraph, 'size' | 'transit' | 'endOnInternet'> &
  (Pick<PhysicalGraph, 'links'> | Pick<PhysicalGraph, 'rtt' | 'linkClass'>);

/** The links of a graph given by its matrices: what the search reads (no estate links). */
type SearchLinks = Pick<GraphLinks, 'cells' | 'rtt' | 'linkClass'>;

/** Adjacency lists per graph: a graph is immutable once built. */
const adjacencies = new WeakMap<SearchGraph, Adjacency>();

function adjacencyOf(graph: SearchGraph): Adjacency {
  return adjacencies.get(graph) ?? linkedAdjacency(graph, 'links' in graph ? graph.links : scanLinks(graph));
}

/**
 * The links of a graph given as dense matrices, from a scan: for a graph that does not list them.
 * A link is where its class is set (never on the diagonal).
 */
function scanLinks(graph: Pick<PhysicalGraph, 'size' | 'rtt' | 'linkClass'>): SearchLinks {
  const classes = graph.linkClass;
  const size = graph.size * graph.size;
  const cells: number[] = [];
  for (let cell = 0; cell < size; cell++) if ((classes[cell] as number) >= 0) cells.push(cell);
  return {
    cells: Int32Array.from(cells),
    rtt: Float64Array.from(cells, (cell) => graph.rtt[cell] as number),
    linkClass: Int8Array.from(cells, (cell) => classes[cell] as number),
  };
}

/**
 * The adjacency lists from the links, by cell ascending: row by row, each row's own networks
 * first, then the internet, by column.
 */
function linkedAdjacency(
  graph: SearchGraph,
  { cells, rtt: cellRtt, linkClass: classes }: SearchLinks,
): Adjacency {
  const n = graph.size;
  const links = cells.length;
  const first = new Int32Array(n + 1);
  const internetFrom = new Int32Array(n);
  const target = new Int32Array(links);
  const rtt = new Float64Array(links);
  const interAz = new Uint8Array(links);
  let k = 0;
  let c = 0;
  for (let u = 0; u < n; u++) {
    first[u] = k;
    const row = u * n;
    let end = c;
    while (end < links && (cells[end] as number) < row + n) end++;
    for (let pass = 0; pass < 2; pass++) {
      if (pass === 1) internetFrom[u] = k;
      for (let x = c; x < end; x++) {
        const cell = cells[x] as number;
        const cls = classes[x] as number;
        if ((cls === INTERNET) !== (pass === 1)) continue;
        target[k] = cell - row;
        rtt[k] = cellRtt[x] as number;
        interAz[k] = cls === INTER_AZ ? 1 : 0;
        k++;
      }
    }
    c = end;
  }
  first[n] = k;
  const adjacency = { first, internetFrom, target, rtt, interAz };
  adjacencies.set(graph, adjacency);
  return adjacency;
}

/**
 * Best RTT from `source` to every node, under the transit rules above. Given `stopAt`, a node, the
 * search stops as soon as that node's answer is final, and only its RTT and path are then read
 * from the tree: the same as the whole search gives (a single query's search, issue 19, settled
 * every label of the graph, most of them farther than its target).
 */
export function shortestPathTree(
  graph: SearchGraph,
  source: number,
  buffers = allocateTree(graph.size),
  stopAt = -1,
): ShortestPathTree {
  const n = graph.size;
  const { first, internetFrom, target, rtt: linkRtt, interAz } = adjacencyOf(graph);
  const { labelRtt, transitPrevious, endPrevious, settled, heap } = buffers;
  const transit = graph.transit;
  const endOnInternet = graph.endOnInternet;
  labelRtt.fill(Number.POSITIVE_INFINITY);
  transitPrevious.fill(-1);
  endPrevious.fill(-1);
  settled.fill(0);
  heap.clear();
  labelRtt[2 * source] = 0;
  heap.push(2 * source);
  for (let label = heap.pop(); label >= 0; label = heap.pop()) {
    const best = labelRtt[label] as number;
    if (stopAt >= 0 && isFinal(labelRtt, stopAt, best)) break;
    settled[label] = 1;
    const u = label >> 1;
    const last = first[u + 1] as number;
    if ((label & 1) === 1) {
      // An AWS place reached over the internet: only into its own AZs, and the path ends there.
      for (let k = first[u] as number; k < last; k++) {
        if (interAz[k] === 0) continue;
        const v = target[k] as number;
        const candidate = best + (linkRtt[k] as number);
        if (settled[2 * v + 1] === 0 && candidate < (labelRtt[2 * v + 1] as number)) {
          labelRtt[2 * v + 1] = candidate;
          endPrevious[v] = n + u;
          heap.push(2 * v + 1);
        }
      }
      continue;
    }
    if (u !== source && transit[u] === 0) continue;
    // The mirror of the end labels' rule: an AZ's traffic leaves for the internet through its region.
    const fromOwnAz =
      transitPrevious[u] === source && isInterAz(first, internetFrom, target, interAz, source, u);
    const noInternetOut = u !== source && endOnInternet[u] === 1 && !fromOwnAz;
    const end = noInternetOut ? (internetFrom[u] as number) : last;
    const internetStart = internetFrom[u] as number;
    for (let k = first[u] as number; k < end; k++) {
      const v = target[k] as number;
      const candidate = best + (linkRtt[k] as number);
      if (k >= internetStart && endOnInternet[v] === 1) {
        if (settled[2 * v + 1] === 0 && candidate < (labelRtt[2 * v + 1] as number)) {
          labelRtt[2 * v + 1] = candidate;
          endPrevious[v] = u;
          heap.push(2 * v + 1);
        }
      } else if (settled[2 * v] === 0 && candidate < (labelRtt[2 * v] as number)) {
        labelRtt[2 * v] = candidate;
        transitPrevious[v] = u;
        // A leaf (a user, a host) goes no further: keep its RTT, skip the heap.
        if (transit[v] === 1) heap.push(2 * v);
      }
    }
  }
  const { rtt, previous } = buffers;
  for (let v = 0; v < n; v++) {
    const transitRtt = labelRtt[2 * v] as number;
    const endRtt = labelRtt[2 * v + 1] as number;
    const viaEnd = endRtt < transitRtt;
    rtt[v] = viaEnd ? endRtt : transitRtt;
    previous[v] = viaEnd ? (endPrevious[v] as number) : (transitPrevious[v] as number);
  }
  return { source, rtt, previous, transitPrevious, endPrevious };
}

/**
 * Whether node v's answer is final when the search is about to settle a label at `best`: labels
 * settle in order of RTT and links are never negative, so a label is lowered from here on only to
 * `best` or more, and only when strictly lower. v's answer is its transit label, or its end label
 * when strictly lower: final once the transit label is at most `best` (neither can then come in
 * under it), or the end label under `best` (the transit label can no longer reach it, not even tie).
 */
function isFinal(labelRtt: Float64Array, v: number, best: number): boolean {
  return (labelRtt[2 * v] as number) <= best || (labelRtt[2 * v + 1] as number) < best;
}

/** Whether the link from `from` to `to` (one of `from`'s own networks) is an AZ's to its region. */
function isInterAz(
  first: Int32Array,
  internetFrom: Int32Array,
  target: Int32Array,
  interAz: Uint8Array,
  from: number,
  to: number,
): boolean {
  for (let k = first[from] as number; k < (internetFrom[from] as number); k++)
    if (target[k] === to) return interAz[k] === 1;
  return false;
}

/** The node indices of the best path from the tree's source to `target`, or undefined if unreachable. */
export function pathTo(tree: ShortestPathTree, target: number): number[] | undefined {
  if (!Number.isFinite(tree.rtt[target] as number)) return undefined;
  const n = tree.rtt.length;
  const nodes = [target];
  // A label below n is a node reached so that traffic goes on (its transit label); n + i is the
  // end label of i (a region reached over the internet, on the way into one of its AZs).
  for (let v = tree.previous[target] as number; v !== -1; ) {
    if (v >= n) {
      nodes.push(v - n);
      v = tree.endPrevious[v - n] as number;
    } else {
      nodes.push(v);
      v = tree.transitPrevious[v] as number;
    }
  }
  return nodes.reverse();
}
