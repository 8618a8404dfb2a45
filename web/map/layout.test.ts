import { describe, expect, it } from 'vitest';
import { fitTransform, niceScaleBar, placeLabels, spreadColocated } from './layout.js';

describe('spreadColocated', () => {
  it('keeps the lowest rank at its true position and stacks the others below it', () => {
    const placed = spreadColocated(
      [
        { id: 'dx', x: 101, y: 50, rank: 4 },
        { id: 'region', x: 100, y: 50, rank: 0 },
        { id: 'far', x: 300, y: 50, rank: 0 },
        { id: 'az', x: 100, y: 50, rank: 5 },
      ],
      13,
      16,
    );
    const at = Object.fromEntries(placed.map((p) => [p.id, p]));
    expect(at.region).toMatchObject({ x: 100, y: 50, group: 'region' });
    expect(at.dx).toMatchObject({ x: 100, y: 66, anchorX: 101, anchorY: 50, group: 'region' });
    expect(at.az).toMatchObject({ x: 100, y: 82, group: 'region' });
    expect(at.far).toMatchObject({ x: 300, y: 50, group: 'far' });
  });

  it('chains: a point near any member joins the group', () => {
    const placed = spreadColocated(
      [
        { id: 'a', x: 0, y: 0, rank: 0 },
        { id: 'b', x: 10, y: 0, rank: 1 },
        { id: 'c', x: 20, y: 0, rank: 2 },
      ],
      12,
      16,
    );
    expect(new Set(placed.map((p) => p.group))).toEqual(new Set(['a']));
  });
});

describe('placeLabels', () => {
  it('takes the first candidate that is free and inside the bounds, or none', () => {
    const boxes = placeLabels(
      [
        {
          id: 'blocked-then-free',
          candidates: [
            { x: 0, y: 0, width: 10, height: 10 },
            { x: 20, y: 0, width: 10, height: 10 },
          ],
        },
        {
          id: 'takes-what-is-left',
          candidates: [
            { x: 20, y: 0, width: 10, height: 10 },
            { x: 40, y: 0, width: 10, height: 10 },
          ],
        },
        { id: 'outside', candidates: [{ x: 95, y: 0, width: 10, height: 10 }] },
        { id: 'nothing-fits', candidates: [{ x: 5, y: 5, width: 4, height: 4 }] },
      ],
      [{ x: 0, y: 0, width: 12, height: 12 }],
      { x: 0, y: 0, width: 100, height: 100 },
    );
    expect(boxes.get('blocked-then-free')).toMatchObject({ x: 20 });
    expect(boxes.get('takes-what-is-left')).toMatchObject({ x: 40 });
    expect(boxes.get('outside')).toBeUndefined();
    expect(boxes.get('nothing-fits')).toBeUndefined();
  });
});

describe('fitTransform', () => {
  it('fits the points inside the padded area, centred', () => {
    const padding = { top: 10, right: 30, bottom: 10, left: 10 };
    const t = fitTransform(
      [
        { x: 10, y: 10 },
        { x: 30, y: 20 },
      ],
      200,
      100,
      padding,
      0.5,
      100,
    );
    // Width is the binding side: 160 px for 20 units.
    expect(t.k).toBeCloseTo(8, 9);
    const x = (v: number) => t.k * v + t.x;
    const y = (v: number) => t.k * v + t.y;
    expect(x(10)).toBeCloseTo(10, 9);
    expect(x(30)).toBeCloseTo(170, 9);
    expect((y(10) + y(20)) / 2).toBeCloseTo(50, 9);
  });

  it('caps the zoom of a single point', () => {
    const t = fitTransform([{ x: 5, y: 5 }], 200, 100, { top: 0, right: 0, bottom: 0, left: 0 }, 0.5, 42);
    expect(t.k).toBe(42);
    expect(t.k * 5 + t.x).toBeCloseTo(100, 9);
  });
});

describe('niceScaleBar', () => {
  it('picks 1, 2 or 5 times a power of ten that fits', () => {
    expect(niceScaleBar(0.5, 120)).toEqual({ km: 50, px: 100 });
    expect(niceScaleBar(10, 110)).toEqual({ km: 1000, px: 100 });
    expect(niceScaleBar(3, 110)).toEqual({ km: 200, px: 200 / 3 });
  });
});
