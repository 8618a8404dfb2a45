import { describe, expect, it } from 'vitest';
import { EMPTY_ESTATE } from '../model/index.js';
import { buildPhysicalGraph } from './graph.js';
import { denseMatrices, hasLinks, LinkTable, linkIndex } from './links.js';

describe('LinkTable', () => {
  it('lists each link both ways by cell, the last set between two places kept', () => {
    const table = new LinkTable(4);
    table.set(2, 0, 5, 1, -1);
    table.set(1, 3, 7, 2, 0);
    table.set(0, 2, 4, 3, -1);
    expect(table.rttMs(2, 0)).toBe(4);
    expect(table.rttMs(0, 1)).toBe(Number.POSITIVE_INFINITY);
    const links = table.links();
    expect(Array.from(links.cells)).toEqual([2, 7, 8, 13]);
    expect(Array.from(links.rtt)).toEqual([4, 7, 4, 7]);
    expect(Array.from(links.linkClass)).toEqual([3, 2, 3, 2]);
    expect(Array.from(links.estateLink)).toEqual([-1, 0, -1, 0]);
    expect(linkIndex(links, 4, 3, 1)).toBe(3);
    expect(linkIndex(links, 4, 0, 1)).toBe(-1);
    expect([0, 1, 2, 3].map((i) => hasLinks(links, 4, i))).toEqual([true, true, true, true]);
    expect(hasLinks(new LinkTable(2).links(), 2, 1)).toBe(false);
    const dense = denseMatrices(links, 4);
    expect(Array.from(dense.rtt.subarray(0, 4))).toEqual([
      0,
      Number.POSITIVE_INFINITY,
      4,
      Number.POSITIVE_INFINITY,
    ]);
    expect(Array.from(dense.linkClass.subarray(4, 8))).toEqual([-1, -1, -1, 2]);
  });

  it("gives a graph's dense matrices exactly its links, and finds each of them", () => {
    const graph = buildPhysicalGraph(EMPTY_ESTATE);
    const { links, size } = graph;
    links.cells.forEach((cell, x) => {
      const i = Math.floor(cell / size);
      expect(linkIndex(links, size, i, cell - i * size)).toBe(x);
      expect(graph.rtt[cell]).toBe(links.rtt[x]);
      expect(graph.estateLink[cell]).toBe(-1);
    });
    const linked = graph.linkClass.reduce((count, cls) => count + (cls >= 0 ? 1 : 0), 0);
    expect(linked).toBe(links.cells.length);
  });
});
