import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LINK_CLASSES } from '../catalog/index.js';
import { EMPTY_ESTATE, loadEstate } from '../model/index.js';
import { buildPhysicalGraph, type PhysicalGraph } from './graph.js';
import { LabelHeap } from './label-heap.js';
import {
  allocateTree,
  pathTo,
  type SearchGraph,
  type ShortestPathTree,
  shortestPathTree,
} from './shortest.js';

const INTERNET = LINK_CLASSES.indexOf('internet');
const INTER_AZ = LINK_CLASSES.indexOf('inter-az');

/** A graph given as dense matrices: what the reference reads. */
type DenseGraph = Pick<PhysicalGraph, 'size' | 'rtt' | 'linkClass' | 'transit' | 'endOnInternet'>;

/** The O(n²) dense Dijkstra the heap replaced, kept as the reference it must agree with bit for bit. */
function denseShortestPathTree(graph: DenseGraph, source: number): ShortestPathTree {
  const n = graph.size;
  const transitRtt = new Float64Array(n);
  const endRtt = new Float64Array(n);
  const transitPrevious = new Int32Array(n);
  const endPrevious = new Int32Array(n);
  const settled = new Uint8Array(2 * n);
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
  const rtt = new Float64Array(n);
  const previous = new Int32Array(n);
  for (let v = 0; v < n; v++) {
    const viaEnd = (endRtt[v] as number) < (transitRtt[v] as number);
    rtt[v] = viaEnd ? (endRtt[v] as number) : (transitRtt[v] as number);
    previous[v] = viaEnd ? (endPrevious[v] as number) : (transitPrevious[v] as number);
  }
  return { source, rtt, previous, transitPrevious, endPrevious };
}

/**
 * The heap's tree against the dense one: the RTT and predecessor of every node, and (when asked)
 * every path, which reads the transit and end predecessors. Returns what differs, for the message.
 */
function treeDifferences(
  graph: DenseGraph & SearchGraph,
  source: number,
  withPaths: boolean,
  buffers = allocateTree(graph.size),
): string[] {
  const dense = denseShortestPathTree(graph, source);
  const heap = shortestPathTree(graph, source, buffers);
  const differences: string[] = [];
  for (let v = 0; v < graph.size; v++) {
    if (!Object.is(heap.rtt[v], dense.rtt[v]) || heap.previous[v] !== dense.previous[v])
      differences.push(
        `${source}->${v}: ${heap.rtt[v]} via ${heap.previous[v]}, dense ${dense.rtt[v]} via ${dense.previous[v]}`,
      );
    else if (withPaths && String(pathTo(heap, v)) !== String(pathTo(dense, v)))
      differences.push(`${source}->${v}: path ${pathTo(heap, v)}, dense ${pathTo(dense, v)}`);
  }
  return differences;
}

/**
 * The search stopped at each target against the dense tree: the target's RTT (bit for bit) and
 * path. Returns what differs.
 */
function stoppedDifferences(
  graph: DenseGraph & SearchGraph,
  source: number,
  buffers = allocateTree(graph.size),
) {
  const dense = denseShortestPathTree(graph, source);
  const differences: string[] = [];
  for (let target = 0; target < graph.size; target++) {
    const stopped = shortestPathTree(graph, source, buffers, target);
    if (!Object.is(stopped.rtt[target], dense.rtt[target]))
      differences.push(`${source}->${target}: ${stopped.rtt[target]}, dense ${dense.rtt[target]}`);
    else if (String(pathTo(stopped, target)) !== String(pathTo(dense, target)))
      differences.push(
        `${source}->${target}: path ${pathTo(stopped, target)}, dense ${pathTo(dense, target)}`,
      );
  }
  return differences;
}

describe('shortestPathTree (binary heap)', () => {
  it("reads a graph's links from its list: every cell with a link class, once, ascending", () => {
    for (const estate of [EMPTY_ESTATE, loadEstate('examples/ticketmaster-phoenix/network-do.yaml')]) {
      const graph = buildPhysicalGraph(estate, { allMetros: true });
      const scanned: number[] = [];
      graph.linkClass.forEach((cls, cell) => {
        if (cls >= 0) scanned.push(cell);
      });
      expect(Array.from(graph.linkedCells)).toEqual(scanned);
      expect(Array.from(graph.links.rtt)).toEqual(scanned.map((cell) => graph.rtt[cell]));
      // The same trees as from the matrix scanned (a copy without the list is scanned).
      const { links: _, ...unlisted } = graph;
      for (const source of [0, 7, graph.size - 1]) {
        const listed = shortestPathTree(graph, source);
        const scannedTree = shortestPathTree(unlisted, source);
        expect(listed.rtt).toEqual(scannedTree.rtt);
        expect(listed.previous).toEqual(scannedTree.previous);
      }
    }
  });

  it('agrees with the dense Dijkstra bit for bit on the whole catalog, from every source', () => {
    const graph = buildPhysicalGraph(EMPTY_ESTATE, { allMetros: true });
    expect(graph.size).toBeGreaterThan(600);
    const buffers = allocateTree(graph.size);
    const differences: string[] = [];
    for (let source = 0; source < graph.size; source++)
      differences.push(...treeDifferences(graph, source, source % 16 === 0, buffers));
    expect(differences).toEqual([]);
  });

  it('stopped at a target, gives that target the RTT and path of the whole search, on the catalog', () => {
    for (const estate of [EMPTY_ESTATE, loadEstate('examples/ticketmaster-phoenix/network-do.yaml')]) {
      const graph = buildPhysicalGraph(estate, { allMetros: true });
      const buffers = allocateTree(graph.size);
      for (const source of [0, 7, 40, 150, 300, graph.size - 1])
        expect(stoppedDifferences(graph, source, buffers)).toEqual([]);
    }
  });

  it('agrees with the dense Dijkstra on random graphs with ties, leaves and the internet rules', () => {
    const graphs = fc.integer({ min: 1, max: 14 }).chain((n) =>
      fc.record({
        n: fc.constant(n),
        // Small integer weights make equal-RTT paths common: ties must break the same way.
        cells: fc.array(
          fc.record({
            w: fc.integer({ min: 0, max: 6 }),
            link: fc.integer({ min: -1, max: LINK_CLASSES.length - 1 }),
          }),
          { minLength: (n * (n - 1)) / 2, maxLength: (n * (n - 1)) / 2 },
        ),
        transit: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
        endOnInternet: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
      }),
    );
    fc.assert(
      fc.property(graphs, ({ n, cells, transit, endOnInternet }) => {
        const rtt = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
        const linkClass = new Int8Array(n * n).fill(-1);
        let k = 0;
        for (let i = 0; i < n; i++) {
          rtt[i * n + i] = 0;
          for (let j = i + 1; j < n; j++) {
            const cell = cells[k++] as { w: number; link: number };
            if (cell.link < 0) continue;
            rtt[i * n + j] = rtt[j * n + i] = cell.w;
            linkClass[i * n + j] = linkClass[j * n + i] = cell.link;
          }
        }
        const graph: DenseGraph = {
          size: n,
          rtt,
          linkClass,
          // An AWS place the internet reaches always carries traffic through it, as in the catalog.
          transit: Uint8Array.from(transit, (t, i) => (t || endOnInternet[i] ? 1 : 0)),
          endOnInternet: Uint8Array.from(endOnInternet, (e) => (e ? 1 : 0)),
        };
        for (let source = 0; source < n; source++) {
          expect(treeDifferences(graph, source, true)).toEqual([]);
          expect(stoppedDifferences(graph, source)).toEqual([]);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('LabelHeap', () => {
  it('pops ids in (key, id) order after any pushes and decreases', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ id: fc.integer({ min: 0, max: 31 }), key: fc.integer({ min: 0, max: 8 }) }), {
          maxLength: 80,
        }),
        (operations) => {
          const keys = new Float64Array(32).fill(Number.POSITIVE_INFINITY);
          const heap = new LabelHeap(32, keys);
          for (const { id, key } of operations) {
            // Keys only go down while an id is in the heap, as in Dijkstra.
            if (key < (keys[id] as number)) keys[id] = key;
            heap.push(id);
          }
          const expected = [...new Set(operations.map((o) => o.id))].sort(
            (a, b) => (keys[a] as number) - (keys[b] as number) || a - b,
          );
          const popped: number[] = [];
          for (let id = heap.pop(); id >= 0; id = heap.pop()) popped.push(id);
          expect(popped).toEqual(expected);
          expect(heap.size).toBe(0);
        },
      ),
    );
  });
});
