/**
 * Leave-location-out cross-validation of a fit: locations are split into folds; for each fold,
 * every measurement touching a location of the fold is held out of the fit, and the fit is judged
 * on exactly those. A pair whose two ends fall in different folds is held out twice (the fit
 * script takes the mean of its two predictions). The error is then out-of-sample by location:
 * what a user should expect at a place the fit has never seen.
 */

/** One fold: the locations held out, the measurements fitted and the measurements judged. */
export interface Fold {
  readonly heldOut: readonly number[];
  readonly fitted: readonly number[];
  readonly tested: readonly number[];
}

/**
 * Deterministic assignment of locations to `count` folds: ids sorted, shuffled by a seeded
 * generator, dealt round-robin. Same ids and seed, same folds.
 * @example assignFolds(['a', 'b', 'c', 'd'], 2) // e.g. Int32Array [1, 0, 0, 1]
 */
export function assignFolds(ids: readonly string[], count: number, seed = 1): Int32Array {
  const order = ids
    .map((id, i) => ({ id, i }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : a.i - b.i));
  const random = mulberry32(seed);
  for (let k = order.length - 1; k > 0; k--) {
    const j = Math.floor(random() * (k + 1));
    [order[k], order[j]] = [order[j] as (typeof order)[number], order[k] as (typeof order)[number]];
  }
  const fold = new Int32Array(ids.length);
  order.forEach(({ i }, position) => {
    fold[i] = position % count;
  });
  return fold;
}

/** The folds of a problem: for each, which measurements are fitted and which are judged. */
export function leaveLocationOutFolds(
  observations: readonly { readonly from: number; readonly to: number }[],
  foldOfLocation: Int32Array,
  count: number,
): Fold[] {
  const folds: Fold[] = [];
  for (let f = 0; f < count; f++) {
    const heldOut: number[] = [];
    foldOfLocation.forEach((g, i) => {
      if (g === f) heldOut.push(i);
    });
    const fitted: number[] = [];
    const tested: number[] = [];
    observations.forEach((o, k) => {
      if (foldOfLocation[o.from] === f || foldOfLocation[o.to] === f) tested.push(k);
      else fitted.push(k);
    });
    folds.push({ heldOut, fitted, tested });
  }
  return folds;
}

/** A small, fast, seeded PRNG (Mulberry32): deterministic folds without Math.random. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
