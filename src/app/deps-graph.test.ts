import { describe, expect, it } from 'vitest';
import {
  disjointCycleCount,
  type Edge,
  elementaryCycles,
  exactFeedbackArcSet,
  greedyFeedbackArcSet,
  hasCycle,
  minimumFeedbackArcSet,
  minimumFeedbackVertexSet,
  stronglyConnectedComponents,
  waves,
} from './deps-graph.js';

/** "a>b b>c" -> edges. */
const g = (text: string): Edge[] =>
  text.split(/\s+/).map((pair) => {
    const [from, to] = pair.split('>') as [string, string];
    return { from, to };
  });

/** Greedy 3, minimum 2: found by searching random graphs; c>e and d>e break every cycle. */
const GREEDY_LOSES = g('b>c b>d c>e d>e e>a e>b e>c e>d');

describe('strongly connected components', () => {
  it('finds each cycle group, a needed component before the one that needs it', () => {
    const sccs = stronglyConnectedComponents(['a', 'b', 'c', 'd', 'e'], g('a>b b>c c>a c>d d>e e>d'));
    expect(sccs).toEqual([
      ['d', 'e'],
      ['a', 'b', 'c'],
    ]);
  });
  it('leaves an acyclic graph as singletons, and survives a long chain', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => ({ from: `s${i}`, to: `s${i + 1}` }));
    expect(stronglyConnectedComponents([], chain)).toHaveLength(20_001);
  });
});

describe('cycles', () => {
  it('lists every elementary cycle once, from its earliest node', () => {
    const { cycles, truncated } = elementaryCycles(['a', 'b', 'c'], g('a>b b>a b>c c>a'));
    expect(cycles).toEqual([
      ['a', 'b', 'a'],
      ['a', 'b', 'c', 'a'],
    ]);
    expect(truncated).toBe(false);
  });
  it('stops at the limit and says so', () => {
    const complete = ['a', 'b', 'c', 'd', 'e'].flatMap((x) =>
      ['a', 'b', 'c', 'd', 'e'].filter((y) => y !== x).map((y) => ({ from: x, to: y })),
    );
    const { cycles, truncated } = elementaryCycles([], complete, 10);
    expect(cycles).toHaveLength(10);
    expect(truncated).toBe(true);
  });
  it('tells a cyclic graph from an acyclic one', () => {
    expect(hasCycle([], g('a>b b>c'))).toBe(false);
    expect(hasCycle([], g('a>b b>c c>a'))).toBe(true);
  });
});

describe('feedback arc sets', () => {
  it('a triangle needs one edge', () => {
    expect(exactFeedbackArcSet(g('a>b b>c c>a'))).toHaveLength(1);
  });
  it('two cycles sharing an edge need only that edge', () => {
    expect(exactFeedbackArcSet(g('a>b b>c c>a b>d d>a'))).toEqual(g('a>b'));
  });
  it('the exact answer beats the greedy one where the greedy goes wrong', () => {
    const exact = exactFeedbackArcSet(GREEDY_LOSES);
    const greedy = greedyFeedbackArcSet(GREEDY_LOSES);
    expect(exact).toEqual(g('c>e d>e'));
    expect(greedy).toHaveLength(3);
    for (const set of [exact, greedy])
      expect(
        hasCycle(
          [],
          GREEDY_LOSES.filter((e) => !set.includes(e)),
        ),
      ).toBe(false);
  });
  it('the complete graph on 5 nodes (20 edges, the exact limit) needs 10, found quickly', () => {
    const nodes = ['a', 'b', 'c', 'd', 'e'];
    const edges = nodes.flatMap((x) => nodes.filter((y) => y !== x).map((y) => ({ from: x, to: y })));
    const started = performance.now();
    const set = minimumFeedbackArcSet(edges);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(set).toMatchObject({ exact: true, lowerBound: 10 });
    expect(
      hasCycle(
        [],
        edges.filter((e) => !set.edges.includes(e)),
      ),
    ).toBe(false);
  });
  it('is exact up to the limit, greedy with a lower bound beyond', () => {
    expect(minimumFeedbackArcSet(GREEDY_LOSES)).toMatchObject({ exact: true, lowerBound: 2 });
    const beyond = minimumFeedbackArcSet(GREEDY_LOSES, 5);
    expect(beyond.exact).toBe(false);
    expect(beyond.edges).toHaveLength(3);
    expect(beyond.lowerBound).toBe(2); // c>e>c and d>e>d share no edge
  });
  it('handles 30 edges (10 disjoint triangles) greedily: 10 edges, at least 10', () => {
    const edges = Array.from({ length: 10 }, (_, i) => g(`a${i}>b${i} b${i}>c${i} c${i}>a${i}`)).flat();
    const set = minimumFeedbackArcSet(edges);
    expect(set).toMatchObject({ exact: false, lowerBound: 10 });
    expect(set.edges).toHaveLength(10);
    expect(disjointCycleCount(edges)).toBe(10);
  });
});

describe('feedback vertex sets and waves', () => {
  it('one member breaks two cycles through it', () => {
    expect(minimumFeedbackVertexSet(g('a>b b>a b>c c>b'))).toEqual(['b']);
    expect(minimumFeedbackVertexSet(GREEDY_LOSES)).toEqual(['e']);
  });
  it('layers into waves; what a cycle holds never starts', () => {
    expect(waves(['a', 'b', 'c', 'd'], g('b>a c>a c>b d>c'))).toEqual({
      waves: [['a'], ['b'], ['c'], ['d']],
      never: [],
    });
    expect(waves(['a', 'b', 'c', 'd'], g('b>a c>d d>c'))).toEqual({
      waves: [['a'], ['b']],
      never: ['c', 'd'],
    });
  });
});
