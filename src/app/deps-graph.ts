/**
 * Directed-graph algorithms for the start-up graph, pure and generic over string node ids:
 * strongly connected components (Tarjan), elementary cycles, a minimum feedback arc set (exact by
 * brute force on small graphs, Eades-Lin-Smyth greedy beyond, with a lower bound from edge-disjoint
 * cycles), a minimum feedback vertex set, and layering into waves.
 */

/** A directed edge: `from` needs `to` (it cannot start before `to` answers). */
export interface Edge {
  readonly from: string;
  readonly to: string;
}

/** A feedback arc set: removing these edges leaves the graph acyclic. */
export interface FeedbackArcSet {
  readonly edges: readonly Edge[];
  /** True when `edges` is a minimum; false when it is a greedy answer. */
  readonly exact: boolean;
  /** No feedback arc set has fewer edges than this (equal to `edges.length` when exact). */
  readonly lowerBound: number;
}

/** Above this many edges, the exact search (2^edges subsets at worst) gives way to the greedy one. */
export const MAX_EXACT_EDGES = 20;

function adjacency(nodes: readonly string[], edges: readonly Edge[]): Map<string, string[]> {
  const adj = new Map<string, string[]>(nodes.map((n) => [n, []]));
  for (const e of edges) {
    if (!adj.has(e.from)) adj.set(e.from, []);
    if (!adj.has(e.to)) adj.set(e.to, []);
    adj.get(e.from)?.push(e.to);
  }
  return adj;
}

/** Nodes of `edges` and `nodes`, once each, in order of appearance. */
function nodesOf(edges: readonly Edge[], nodes: readonly string[] = []): string[] {
  return [...new Set([...nodes, ...edges.flatMap((e) => [e.from, e.to])])];
}

/**
 * The strongly connected components (Tarjan, iterative), each in order of first appearance in
 * `nodes`; components listed in reverse topological order (a component before those that need it).
 */
export function stronglyConnectedComponents(nodes: readonly string[], edges: readonly Edge[]): string[][] {
  const all = nodesOf(edges, nodes);
  const adj = adjacency(all, edges);
  const order = new Map(all.map((n, i) => [n, i]));
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const root of all) {
    if (index.has(root)) continue;
    const work: { node: string; child: number }[] = [{ node: root, child: 0 }];
    index.set(root, next);
    low.set(root, next++);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const top = work[work.length - 1] as { node: string; child: number };
      const out = adj.get(top.node) ?? [];
      if (top.child < out.length) {
        const to = out[top.child++] as string;
        if (!index.has(to)) {
          index.set(to, next);
          low.set(to, next++);
          stack.push(to);
          onStack.add(to);
          work.push({ node: to, child: 0 });
        } else if (onStack.has(to)) low.set(top.node, Math.min(low.get(top.node) ?? 0, index.get(to) ?? 0));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.node, Math.min(low.get(parent.node) ?? 0, low.get(top.node) ?? 0));
      if (low.get(top.node) === index.get(top.node)) {
        const component: string[] = [];
        let member: string | undefined;
        do {
          member = stack.pop() as string;
          onStack.delete(member);
          component.push(member);
        } while (member !== top.node);
        components.push(component.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0)));
      }
    }
  }
  return components;
}

/** True when the graph has a cycle (self-loops included). */
export function hasCycle(nodes: readonly string[], edges: readonly Edge[]): boolean {
  const all = nodesOf(edges, nodes);
  const indegree = new Map(all.map((n) => [n, 0]));
  for (const e of edges) indegree.set(e.to, (indegree.get(e.to) ?? 0) + 1);
  const adj = adjacency(all, edges);
  const ready = all.filter((n) => indegree.get(n) === 0);
  let seen = 0;
  while (ready.length > 0) {
    const n = ready.pop() as string;
    seen++;
    for (const to of adj.get(n) ?? []) {
      const d = (indegree.get(to) ?? 0) - 1;
      indegree.set(to, d);
      if (d === 0) ready.push(to);
    }
  }
  return seen < all.length;
}

/**
 * The elementary cycles, each a path that starts and ends at the same node (`a -> b -> a`), at most
 * `limit` of them: each cycle starts at its earliest node in `nodes` order, so each appears once.
 */
export function elementaryCycles(
  nodes: readonly string[],
  edges: readonly Edge[],
  limit = 50,
): { cycles: string[][]; truncated: boolean } {
  const all = nodesOf(edges, nodes);
  const rank = new Map(all.map((n, i) => [n, i]));
  const adj = adjacency(all, edges);
  const cycles: string[][] = [];
  let truncated = false;
  for (const start of all) {
    const startRank = rank.get(start) ?? 0;
    const path = [start];
    const onPath = new Set(path);
    const walk = (node: string): void => {
      for (const to of adj.get(node) ?? []) {
        if (truncated) return;
        if (to === start) {
          if (cycles.length >= limit) truncated = true;
          else cycles.push([...path, start]);
        } else if ((rank.get(to) ?? 0) > startRank && !onPath.has(to)) {
          path.push(to);
          onPath.add(to);
          walk(to);
          path.pop();
          onPath.delete(to);
        }
      }
    };
    walk(start);
  }
  return { cycles, truncated };
}

/** Every k-subset of 0..n-1, in lexicographic order, until `visit` returns true. */
function someSubset(n: number, k: number, visit: (chosen: readonly number[]) => boolean): boolean {
  const chosen: number[] = [];
  const pick = (from: number): boolean => {
    if (chosen.length === k) return visit(chosen);
    for (let i = from; i <= n - (k - chosen.length); i++) {
      chosen.push(i);
      if (pick(i + 1)) return true;
      chosen.pop();
    }
    return false;
  };
  return pick(0);
}

/** A minimum feedback arc set by brute force: subsets of the edges by increasing size. */
export function exactFeedbackArcSet(edges: readonly Edge[]): Edge[] {
  const acyclic = acyclicityTest(edges);
  for (let k = 0; k <= edges.length; k++) {
    let found: Edge[] | undefined;
    someSubset(edges.length, k, (chosen) => {
      if (!acyclic(chosen)) return false;
      found = chosen.map((i) => edges[i] as Edge);
      return true;
    });
    if (found) return found;
  }
  return [...edges];
}

/**
 * A fast test of "acyclic without these edges" (indices in increasing order) for the brute force:
 * nodes as bits (up to 31; beyond, the general test), peeling nodes whose remaining out-edges all
 * lead to peeled nodes; a cycle leaves nodes that cannot be peeled.
 */
function acyclicityTest(edges: readonly Edge[]): (removed: readonly number[]) => boolean {
  const nodes = nodesOf(edges);
  if (nodes.length > 31)
    return (removed) => {
      const out = new Set(removed);
      return !hasCycle(
        nodes,
        edges.filter((_, i) => !out.has(i)),
      );
    };
  const index = new Map(nodes.map((n, i) => [n, i]));
  const from = edges.map((e) => index.get(e.from) ?? 0);
  const to = edges.map((e) => index.get(e.to) ?? 0);
  const out = new Int32Array(nodes.length);
  return (removed) => {
    out.fill(0);
    let skip = 0;
    for (let i = 0; i < edges.length; i++) {
      if (removed[skip] === i) {
        skip++;
        continue;
      }
      out[from[i] as number] = (out[from[i] as number] as number) | (1 << (to[i] as number));
    }
    let left = nodes.length === 31 ? 0x7fffffff : (1 << nodes.length) - 1;
    for (let changed = true; changed && left !== 0; ) {
      changed = false;
      for (let n = 0; n < nodes.length; n++) {
        if ((left & (1 << n)) !== 0 && ((out[n] as number) & left) === 0) {
          left &= ~(1 << n);
          changed = true;
        }
      }
    }
    return left === 0;
  };
}

/**
 * A feedback arc set by the Eades-Lin-Smyth heuristic (an order that peels sinks and sources and
 * otherwise takes the node with most out- over in-edges; the edges that point back are the set),
 * then pruned: an edge whose return would leave the graph acyclic goes back in.
 */
export function greedyFeedbackArcSet(edges: readonly Edge[]): Edge[] {
  const remaining = new Set(nodesOf(edges));
  const live = () => edges.filter((e) => remaining.has(e.from) && remaining.has(e.to));
  const head: string[] = [];
  const tail: string[] = [];
  while (remaining.size > 0) {
    const now = live();
    const out = (n: string) => now.filter((e) => e.from === n).length;
    const inn = (n: string) => now.filter((e) => e.to === n).length;
    const sink = [...remaining].find((n) => out(n) === 0);
    const source = [...remaining].find((n) => inn(n) === 0);
    let chosen: string;
    if (sink !== undefined) {
      chosen = sink;
      tail.unshift(sink);
    } else if (source !== undefined) {
      chosen = source;
      head.push(source);
    } else {
      const nodes = [...remaining];
      chosen = nodes.reduce(
        (best, n) => (out(n) - inn(n) > out(best) - inn(best) ? n : best),
        nodes[0] as string,
      );
      head.push(chosen);
    }
    remaining.delete(chosen);
  }
  const position = new Map([...head, ...tail].map((n, i) => [n, i]));
  const back = edges.filter((e) => (position.get(e.from) ?? 0) >= (position.get(e.to) ?? 0));
  const kept = edges.filter((e) => !back.includes(e));
  const removed: Edge[] = [];
  for (const e of back) {
    if (hasCycle([], [...kept, e])) removed.push(e);
    else kept.push(e);
  }
  return removed;
}

/** How many edge-disjoint cycles a greedy search finds (shortest first): a lower bound on any feedback arc set. */
export function disjointCycleCount(edges: readonly Edge[]): number {
  let left = [...edges];
  let count = 0;
  for (;;) {
    const cycle = shortestCycle(left);
    if (!cycle) return count;
    count++;
    left = left.filter((e) => !cycle.includes(e));
  }
}

/** The edges of a shortest cycle (breadth first from each node), or undefined when acyclic. */
function shortestCycle(edges: readonly Edge[]): Edge[] | undefined {
  let best: Edge[] | undefined;
  for (const start of nodesOf(edges)) {
    const via = new Map<string, Edge>();
    const queue = [start];
    for (let i = 0; i < queue.length; i++) {
      const node = queue[i] as string;
      for (const e of edges.filter((x) => x.from === node)) {
        if (e.to === start) {
          const cycle = [e];
          for (let n = node; n !== start; n = (via.get(n) as Edge).from) cycle.unshift(via.get(n) as Edge);
          if (!best || cycle.length < best.length) best = cycle;
          queue.length = 0;
          break;
        }
        if (!via.has(e.to) && e.to !== start) {
          via.set(e.to, e);
          queue.push(e.to);
        }
      }
    }
  }
  return best;
}

/** The fewest edges whose removal leaves the graph acyclic: exact up to {@link MAX_EXACT_EDGES} edges, greedy beyond. */
export function minimumFeedbackArcSet(
  edges: readonly Edge[],
  maxExactEdges = MAX_EXACT_EDGES,
): FeedbackArcSet {
  if (edges.length <= maxExactEdges) {
    const exact = exactFeedbackArcSet(edges);
    return { edges: exact, exact: true, lowerBound: exact.length };
  }
  return { edges: greedyFeedbackArcSet(edges), exact: false, lowerBound: disjointCycleCount(edges) };
}

/**
 * The fewest nodes whose out-edges removed leave the graph acyclic (the members to make statically
 * stable): exact up to 16 candidates, else the sources of a feedback arc set.
 */
export function minimumFeedbackVertexSet(edges: readonly Edge[]): string[] {
  const candidates = nodesOf(edges).filter((n) => edges.some((e) => e.from === n));
  if (candidates.length > 16) return [...new Set(minimumFeedbackArcSet(edges).edges.map((e) => e.from))];
  for (let k = 0; k <= candidates.length; k++) {
    let found: string[] | undefined;
    someSubset(candidates.length, k, (chosen) => {
      const picked = new Set(chosen.map((i) => candidates[i] as string));
      if (
        hasCycle(
          [],
          edges.filter((e) => !picked.has(e.from)),
        )
      )
        return false;
      found = [...picked];
      return true;
    });
    if (found) return found;
  }
  return candidates;
}

/**
 * Layers into waves: wave 0 needs nothing, wave k needs only earlier waves. What never gets a wave
 * (in a cycle, or waiting on something that is) is returned apart, in `nodes` order.
 */
export function waves(
  nodes: readonly string[],
  edges: readonly Edge[],
): { waves: string[][]; never: string[] } {
  const needs = adjacency(nodes, edges);
  const wave = new Map<string, number>();
  const out: string[][] = [];
  for (let k = 0; ; k++) {
    const ready = nodes.filter(
      (n) => !wave.has(n) && (needs.get(n) ?? []).every((d) => (wave.get(d) ?? k) < k),
    );
    if (ready.length === 0) break;
    for (const n of ready) wave.set(n, k);
    out.push(ready);
  }
  return { waves: out, never: nodes.filter((n) => !wave.has(n)) };
}
