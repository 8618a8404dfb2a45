import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { parseShard, pointAt, shardIndices } from './points.js';

const grid = {
  designs: [{ id: 'a' }, { id: 'b' }],
  loads: [1, 2.5],
  outages: [{ id: 'none' }, { id: 'lost' }],
  seeds: [7, 8, 9],
} as unknown as Parameters<typeof pointAt>[0];

describe('points', () => {
  it('numbers the grid design-major, seeds fastest, each id unique', () => {
    const points = Array.from({ length: 24 }, (_, i) => pointAt(grid, i));
    expect(points[0]).toEqual({
      index: 0,
      id: 'a/x1/none/seed-7',
      design: 'a',
      load: 1,
      outage: 'none',
      seed: 7,
    });
    expect(points[1]?.seed).toBe(8);
    expect(points[3]?.outage).toBe('lost');
    expect(points[6]?.load).toBe(2.5);
    expect(points[23]?.id).toBe('b/x2.5/lost/seed-9');
    expect(new Set(points.map((p) => p.id)).size).toBe(24);
    expect(() => pointAt(grid, 24)).toThrow(RangeError);
  });

  it('splits the points into shards that cover each once, whatever N', () => {
    for (const n of [1, 2, 3, 5, 24, 30]) {
      const all = Array.from({ length: n }, (_, k) => shardIndices(24, { k: k + 1, n })).flat();
      expect(all.sort((x, y) => x - y)).toEqual([...Array(24).keys()]);
    }
    expect(shardIndices(7, { k: 2, n: 3 })).toEqual([1, 4]);
  });

  it('parses k/N and refuses what is not a shard', () => {
    expect(parseShard('3/12')).toEqual({ k: 3, n: 12 });
    for (const bad of ['0/3', '4/3', '1', '1/0', 'a/b', '-1/3', '1.5/3'])
      expect(() => parseShard(bad), bad).toThrow(FootprintError);
  });
});
