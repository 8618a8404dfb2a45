import { describe, expect, it } from 'vitest';
import { assignFolds, leaveLocationOutFolds } from './crossval.js';

const ids = Array.from({ length: 23 }, (_, i) => `loc-${String(i).padStart(2, '0')}`);
const observations = ids.flatMap((_, a) => ids.map((__, b) => ({ from: a, to: b })));

describe('leave-location-out cross-validation', () => {
  const foldOf = assignFolds(ids, 5);
  const folds = leaveLocationOutFolds(observations, foldOf, 5);

  it('puts every location in exactly one fold, folds of near-equal size', () => {
    const held = folds.flatMap((f) => f.heldOut).sort((a, b) => a - b);
    expect(held).toEqual(ids.map((_, i) => i));
    const sizes = folds.map((f) => f.heldOut.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
  });

  it('never fits on a measurement that touches a held-out location', () => {
    for (const fold of folds) {
      const out = new Set(fold.heldOut);
      expect(fold.fitted.length).toBeGreaterThan(0);
      for (const k of fold.fitted) {
        const o = observations[k] as { from: number; to: number };
        expect(out.has(o.from) || out.has(o.to)).toBe(false);
      }
    }
  });

  it('judges exactly the measurements that touch a held-out location', () => {
    for (const fold of folds) {
      const out = new Set(fold.heldOut);
      const touching = observations
        .map((o, k) => ({ o, k }))
        .filter(({ o }) => out.has(o.from) || out.has(o.to))
        .map(({ k }) => k);
      expect(fold.tested).toEqual(touching);
      expect(fold.fitted.length + fold.tested.length).toBe(observations.length);
    }
  });

  it('judges every measurement at least once', () => {
    const judged = new Set(folds.flatMap((f) => f.tested));
    expect(judged.size).toBe(observations.length);
  });

  it('is deterministic, and the seed changes the folds', () => {
    expect(assignFolds(ids, 5)).toEqual(foldOf);
    expect(assignFolds([...ids].reverse(), 5)).toEqual(Int32Array.from([...foldOf].reverse()));
    expect(assignFolds(ids, 5, 2)).not.toEqual(foldOf);
  });

  it('with one fold per location, holds out one location at a time', () => {
    const single = leaveLocationOutFolds(observations, assignFolds(ids, ids.length), ids.length);
    for (const fold of single) {
      expect(fold.heldOut).toHaveLength(1);
      const [only] = fold.heldOut;
      for (const k of fold.fitted) {
        const o = observations[k] as { from: number; to: number };
        expect(o.from).not.toBe(only);
        expect(o.to).not.toBe(only);
      }
    }
  });
});
