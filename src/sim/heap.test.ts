import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DelayQueue, EventHeap } from './heap.js';

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

  it('orders events due now (the ring beside the heap) exactly as one heap would', () => {
    // Each step pushes an event at the time of the last pop (zero delay), later, or even earlier
    // (a unit test may; the engine never does), or pops; the reference is a list sorted by
    // (time, order of pushing).
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 5 })), {
          maxLength: 400,
        }),
        (steps) => {
          const heap = new EventHeap(16);
          const reference: { t: number; seq: number }[] = [];
          let seq = 0;
          let now = 0;
          for (const [op, delta] of steps) {
            if (op === 0) {
              const popped = heap.pop();
              expect(popped).toBe(reference.length > 0);
              if (!popped) continue;
              reference.sort((a, b) => a.t - b.t || a.seq - b.seq);
              const expected = reference.shift() as { t: number; seq: number };
              expect([heap.time, heap.target]).toEqual([expected.t, expected.seq]);
              now = heap.time;
              continue;
            }
            const t = op === 1 || op === 2 ? now : op === 3 ? now + delta / 2 : Math.max(0, now - delta);
            heap.push(t, 3, seq);
            reference.push({ t, seq });
            seq++;
          }
          expect(heap.size).toBe(reference.length);
          reference.sort((a, b) => a.t - b.t || a.seq - b.seq);
          for (const expected of reference) {
            expect(heap.peekTime()).toBe(expected.t);
            expect(heap.pop()).toBe(true);
            expect([heap.time, heap.kind, heap.target]).toEqual([expected.t, 3, expected.seq]);
          }
          expect(heap.pop()).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('grows its ring of events due now past its first capacity', () => {
    const heap = new EventHeap(16);
    heap.push(1, 0, 0);
    expect(heap.pop()).toBe(true);
    heap.push(5, 1, 99_999);
    for (let i = 0; i < 10_000; i++) heap.push(1, 2, i);
    expect(heap.size).toBe(10_001);
    for (let i = 0; i < 10_000; i++) {
      expect(heap.pop()).toBe(true);
      expect([heap.time, heap.kind, heap.target]).toEqual([1, 2, i]);
    }
    expect(heap.pop()).toBe(true);
    expect([heap.time, heap.kind, heap.target]).toEqual([5, 1, 99_999]);
  });
});

describe('DelayQueue', () => {
  it('keeps first in, first out across wrapping around and growing', () => {
    const queue = new DelayQueue(20); // rounded up to 32
    let pushed = 0;
    let popped = 0;
    // Fill and drain unevenly so that the head wraps around several times before and after growing.
    for (let round = 0; round < 40; round++) {
      const pushes = round < 20 ? 13 : 57;
      for (let k = 0; k < pushes; k++) {
        queue.push(pushed * 0.5, 2 * pushed + 1, pushed);
        pushed++;
      }
      const pops = round < 20 ? 11 : 50;
      for (let k = 0; k < pops; k++) {
        expect(queue.peekTime()).toBe(popped * 0.5);
        expect(queue.peekSequence()).toBe(2 * popped + 1);
        expect(queue.pop()).toBe(true);
        expect([queue.time, queue.target]).toEqual([popped * 0.5, popped]);
        popped++;
      }
    }
    expect(queue.size).toBe(pushed - popped);
    while (queue.pop()) popped++;
    expect(popped).toBe(pushed);
    expect(queue.peekTime()).toBe(Number.POSITIVE_INFINITY);
  });
});
