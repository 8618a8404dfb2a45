import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventHeap } from './heap.js';

describe('EventHeap', () => {
  it('pops events in time order, ties first in first out', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 20 }), { maxLength: 300 }), (times) => {
        const heap = new EventHeap(16);
        times.forEach((t, i) => {
          heap.push(t, 7, i);
        });
        const out: [number, number][] = [];
        while (heap.pop()) {
          expect(heap.kind).toBe(7);
          out.push([heap.time, heap.target]);
        }
        const expected = times
          .map((t, i) => [t, i] as [number, number])
          .sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(out).toEqual(expected);
      }),
    );
  });

  it('interleaves pushes and pops and grows past its first capacity', () => {
    const heap = new EventHeap(16);
    let now = 0;
    let popped = 0;
    for (let i = 0; i < 10_000; i++) {
      heap.push(now + (i % 97) * 0.5, i % 3, i);
      if (i % 3 === 0) {
        expect(heap.pop()).toBe(true);
        expect(heap.time).toBeGreaterThanOrEqual(now);
        now = heap.time;
        popped++;
      }
    }
    expect(heap.size).toBe(10_000 - popped);
    expect(heap.peekTime()).toBeGreaterThanOrEqual(now);
    heap.clear();
    expect(heap.pop()).toBe(false);
    expect(heap.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });
});
