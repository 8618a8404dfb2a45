/**
 * Shortest paths over the dense physical graph. O(n²) Dijkstra on typed arrays: with a few hundred
 * nodes and near-complete connectivity (the internet), a dense scan beats a heap.
 *
 * Two rules on transit. Users and hosts only start or end paths. And AWS does not carry the
 * internet's traffic: a path never passes through an AWS place (region, Local Zone) on an internet
 * link, on either side (the internet reaches a region; it does not ride the AWS backbone on to
 * somewhere else, nor the other way). The rule is symmetric, so RTTs are. Each node therefore has
 * two labels: reached in a way that lets traffic go on ("transit"), and, for AWS places, reached
 * over the internet ("end"). From a region reached over the internet, traffic still goes into the
 * region's own AZs (that is how users reach instances there), and ends there too; the other way,
 * a path that starts in an AZ may leave its region for the internet.
 */
import { LINK_CLASSES } from '../catalog/index.js';
import type { PhysicalGraph } from './graph.js';

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
  readonly transitRtt: Float64Array;
  readonly transitPrevious: Int32Array;
  readonly endRtt: Float64Array;
  readonly endPrevious: Int32Array;
  readonly settled: Uint8Array;
}

/** Allocates buffers for {@link shortestPathTree}. */
export function allocateTree(size: number): TreeBuffers {
  return {
    rtt: new Float64Array(size),
    previous: new Int32Array(size),
    transitRtt: new Float64Array(size),
    transitPrevious: new Int32Array(size),
    endRtt: new Float64Array(size),
    endPrevious: new Int32Array(size),
    settled: new Uint8Array(2 * size),
  };
}

/** Best RTT from `source` to every node, under the transit rules above. */
export function shortestPathTree(
  graph: PhysicalGraph,
  source: number,
  buffers = allocateTree(graph.size),
): ShortestPathTree {
  const n = graph.size;
  const { transitRtt, transitPrevious, endRtt, endPrevious, settled } = buffers;
  const weights = graph.rtt;
  const classes = graph.linkClass;
  const transit = graph.transit;
  const endOnInternet = graph.endOnInternet;
  transitRtt.fill(Number.POSITIVE_INFINITY);
  endRtt.fill(Number.POSITIVE_INFINITY);
  transitPrevious.fill(-1);
  endPrevious.fill(-1);
  settled.fill(0);
  transitRtt[source] = 0;
  for (;;) {
    // The unsettled label nearest the source: a transit label (u) or an end label (n + u).
    let u = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let v = 0; v < n; v++) {
      if (settled[v] === 0 && (transitRtt[v] as number) < best) {
        best = transitRtt[v] as number;
        u = v;
      }
      if (settled[n + v] === 0 && (endRtt[v] as number) < best) {
        best = endRtt[v] as number;
        u = n + v;
      }
    }
    if (u < 0) break;
    settled[u] = 1;
    if (u >= n) {
      // An AWS place reached over the internet: only into its own AZs, and the path ends there.
      const row = (u - n) * n;
      for (let v = 0; v < n; v++) {
        if (classes[row + v] !== INTER_AZ || settled[n + v] !== 0) continue;
        const candidate = best + (weights[row + v] as number);
        if (candidate < (endRtt[v] as number)) {
          endRtt[v] = candidate;
          endPrevious[v] = u;
        }
      }
      continue;
    }
    if (u !== source && transit[u] === 0) continue;
    const row = u * n;
    // The mirror of the end labels' rule: an AZ's traffic leaves for the internet through its region.
    const fromOwnAz = transitPrevious[u] === source && classes[source * n + u] === INTER_AZ;
    const noInternetOut = u !== source && endOnInternet[u] === 1 && !fromOwnAz;
    for (let v = 0; v < n; v++) {
      const w = weights[row + v] as number;
      if (w === Number.POSITIVE_INFINITY) continue;
      const internet = classes[row + v] === INTERNET;
      if (internet && noInternetOut) continue;
      const candidate = best + w;
      if (internet && endOnInternet[v] === 1) {
        if (settled[n + v] === 0 && candidate < (endRtt[v] as number)) {
          endRtt[v] = candidate;
          endPrevious[v] = u;
        }
      } else if (settled[v] === 0 && candidate < (transitRtt[v] as number)) {
        transitRtt[v] = candidate;
        transitPrevious[v] = u;
      }
    }
  }
  const { rtt, previous } = buffers;
  for (let v = 0; v < n; v++) {
    const viaEnd = (endRtt[v] as number) < (transitRtt[v] as number);
    rtt[v] = viaEnd ? (endRtt[v] as number) : (transitRtt[v] as number);
    previous[v] = viaEnd ? (endPrevious[v] as number) : (transitPrevious[v] as number);
  }
  return { source, rtt, previous, transitPrevious, endPrevious };
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
