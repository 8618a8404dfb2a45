import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventCalendar } from './calendar.js';
import { EventHeap } from './heap.js';

/** Delays over many scales, ties and zero delays among them, so that widths are measured again. */
const delay = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 5 }),
  fc.double({ min: 0, max: 1e-4, noNaN: true }),
  fc.double({ min: 0, max: 2, noNaN: true }),
  fc.double({ min: 0, max: 5e3, noNaN: true }),
);

describe('EventCalendar', () => {
  it('pops exactly as the binary heap does: by time, ties first in first out', () => {
    // Each step pops, or pushes an event some delay after the last pop (or before it: a unit test
    // may); the reference is the binary heap, fed the same events.
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), delay), { maxLength: 600 }), (steps) => {
        const calendar = new EventCalendar(16);
        const heap = new EventHeap(16);
        let now = 0;
        let target = 0;
        for (const [op, d] of steps) {
          if (op === 0) {
            const popped = heap.pop();
            expect(calendar.pop()).toBe(popped);
            if (!popped) continue;
            expect([calendar.time, calendar.kind, calendar.target]).toEqual([
              heap.time,
              heap.kind,
              heap.target,
            ]);
            now = heap.time;
          } else {
            const t = op === 3 ? Math.max(0, now - d) : now + d;
            calendar.push(t, op, target);
            heap.push(t, op, target);
            target++;
          }
          expect([calendar.nextTime, calendar.size]).toEqual([heap.peekTime(), heap.size]);
        }
        while (heap.pop()) {
          expect(calendar.pop()).toBe(true);
          expect([calendar.time, calendar.kind, calendar.target]).toEqual([
            heap.time,
            heap.kind,
            heap.target,
          ]);
        }
        expect(calendar.pop()).toBe(false);
        expect(calendar.nextTime).toBe(Number.POSITIVE_INFINITY);
      }),
      { numRuns: 300 },
    );
  });

  it('grows and shrinks its ring and its events through a swell of events, in order', () => {
    const calendar = new EventCalendar(16);
    const heap = new EventHeap(16);
    let now = 0;
    let x = 1;
    const random = () => {
      x = (x * 48_271) % 2_147_483_647;
      return x / 2_147_483_647;
    };
    // A swell to 8,000 events in flight at a millisecond's scale, then a drain at a second's scale.
    let wrong = 0;
    for (let i = 0; i < 80_000; i++) {
      const swelling = i < 40_000;
      if (swelling ? random() < 0.6 : random() < 0.4 || heap.size === 0) {
        const t = now + (swelling ? random() * 0.01 : -Math.log(random()));
        calendar.push(t, 1, i);
        heap.push(t, 1, i);
      } else {
        if (calendar.pop() !== heap.pop() || calendar.time !== heap.time || calendar.target !== heap.target)
          wrong++;
        now = heap.time;
      }
    }
    while (heap.pop())
      if (!calendar.pop() || calendar.time !== heap.time || calendar.target !== heap.target) wrong++;
    expect(wrong).toBe(0);
    expect(calendar.size).toBe(0);
    calendar.push(3, 2, 7);
    calendar.clear();
    expect(calendar.pop()).toBe(false);
  });

  it('shares its sequence with other queues, ordering ties across them by scheduling', () => {
    const sequence = { next: 0 };
    const calendar = new EventCalendar(16, sequence);
    const heap = new EventHeap(16, sequence);
    calendar.push(1, 0, 0);
    heap.push(1, 0, 1);
    calendar.push(1, 0, 2);
    expect(calendar.nextSeq).toBeLessThan(heap.nextSeq);
    calendar.pop();
    expect(calendar.nextSeq).toBeGreaterThan(heap.nextSeq);
    expect(calendar.nextSequence()).toBe(3);
  });

  it('keeps events due at the last pop in a ring of their own, first in first out, beside earlier ones', () => {
    const calendar = new EventCalendar(16);
    calendar.push(2, 1, 0);
    calendar.pop();
    // 1,000 events due now (the ring doubles past 256), one due earlier (a test may push it) and one later.
    for (let k = 1; k <= 1000; k++) calendar.push(2, 1, k);
    calendar.push(1.5, 2, 1001);
    calendar.push(2.5, 3, 1002);
    expect(calendar.size).toBe(1002);
    const popped: number[] = [];
    while (calendar.pop()) popped.push(calendar.target);
    expect(popped).toEqual([1001, ...Array.from({ length: 1000 }, (_, k) => k + 1), 1002]);
  });
});
