import { describe, expect, it } from 'vitest';
import { MASKS, narrow, OTHER, packRoute, TRANSIT } from './dense-build.js';

describe('the dense network layout', () => {
  it('keeps ids 16-bit while they fit and 32-bit past that', () => {
    expect(narrow([-1, 0, 32_767])).toBeInstanceOf(Int16Array);
    expect(narrow([-32_768, 5])).toBeInstanceOf(Int16Array);
    expect(narrow([-1, 32_768])).toBeInstanceOf(Int32Array);
    expect([...narrow([-1, 40_000, 7])]).toEqual([-1, 40_000, 7]);
    expect([...narrow([-32_769])]).toEqual([-32_769]);
  });

  it('packs a route record into one integer, and leaves a target it cannot hold to the full forwarder', () => {
    for (const [length, kind, target] of [
      [0, TRANSIT, 0],
      [32, TRANSIT, 4_194_302],
      [20, 1, -1],
      [8, TRANSIT, 123],
    ] as const) {
      const packed = packRoute(length, kind, target);
      expect([packed & 63, (packed >> 6) & 3, (packed >>> 8) - 1]).toEqual([length, kind, target]);
    }
    const tooFar = packRoute(16, TRANSIT, 4_194_303);
    expect((tooFar >> 6) & 3).toBe(OTHER);
    expect(tooFar & 63).toBe(16);
  });

  it('has the mask of every prefix length', () => {
    expect(MASKS[0]).toBe(0);
    expect(MASKS[8]).toBe(0xff000000 | 0);
    expect(MASKS[24]).toBe(0xffffff00 | 0);
    expect(MASKS[32]).toBe(-1);
  });
});
