/**
 * Shortest paths over the dense physical graph. O(n²) Dijkstra on typed arrays: with a few hundred
 * nodes and near-complete connectivity (the internet), a dense scan beats a heap.
 */
import type { PhysicalGraph } from './graph.js';

/** Buffers for one single-source run; reuse them across sources to avoid allocation. */
export interface ShortestPathTree {
  readonly source: number;
  /** Best RTT from the source to each node; +Infinity when unreachable. */
  readonly rtt: Float64Array;
  /** Previous node on the best path; -1 at the source and for unreachable nodes. */
  readonly previous: Int32Array;
}

/** Allocates buffers for {@link shortestPathTree}. */
export function allocateTree(size: number): { rtt: Float64Array; previous: Int32Array; settled: Uint8Array } {
  return { rtt: new Float64Array(size), previous: new Int32Array(size), settled: new Uint8Array(size) };
}

/**
 * Best RTT from `source` to every node. Nodes that are not transit (users, hosts) are reached but
 * never relaxed from, except the source itself.
 */
export function shortestPathTree(
  graph: PhysicalGraph,
  source: number,
  buffers = allocateTree(graph.size),
): ShortestPathTree {
  const n = graph.size;
  const { rtt: dist, previous, settled } = buffers;
  const weights = graph.rtt;
  const transit = graph.transit;
  dist.fill(Number.POSITIVE_INFINITY);
  previous.fill(-1);
  settled.fill(0);
  dist[source] = 0;
  for (let round = 0; round < n; round++) {
    let u = -1;
    let best = Number.POSITIVE_INFINITY;
    for (let v = 0; v < n; v++) {
      if (settled[v] === 0 && (dist[v] as number) < best) {
        best = dist[v] as number;
        u = v;
      }
    }
    if (u < 0) break;
    settled[u] = 1;
    if (u !== source && transit[u] === 0) continue;
    const row = u * n;
    for (let v = 0; v < n; v++) {
      if (settled[v] !== 0) continue;
      const candidate = best + (weights[row + v] as number);
      if (candidate < (dist[v] as number)) {
        dist[v] = candidate;
        previous[v] = u;
      }
    }
  }
  return { source, rtt: dist, previous };
}

/** The node indices of the best path from the tree's source to `target`, or undefined if unreachable. */
export function pathTo(tree: ShortestPathTree, target: number): number[] | undefined {
  if (!Number.isFinite(tree.rtt[target] as number)) return undefined;
  const nodes: number[] = [];
  for (let v = target; v !== -1; v = tree.previous[v] as number) nodes.push(v);
  return nodes.reverse();
}
