/**
 * Latency histograms with 1 % relative resolution from 10 µs to over 10 minutes, in a fixed
 * Int32Array: recording allocates nothing, and percentiles are the same for the same draws, byte for
 * byte. A percentile is the geometric centre of the bin that holds the nearest-rank sample, so it is
 * within 0.5 % of that sample.
 */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const INV_LOG_GROWTH = 1 / Math.log(GROWTH);
export const HISTOGRAM_BINS = 1800;

/** The bin of a latency in ms. */
export function binOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const bin = 1 + Math.floor(Math.log(ms / MIN_MS) * INV_LOG_GROWTH);
  return bin < HISTOGRAM_BINS ? bin : HISTOGRAM_BINS - 1;
}

/** The value a bin stands for. */
export function valueOfBin(bin: number): number {
  if (bin <= 0) return MIN_MS;
  return MIN_MS * GROWTH ** (bin - 0.5);
}

/** Nearest-rank percentile `q` (0-1) of `count` samples in `counts` (offset `base`); NaN when empty. */
export function percentileOf(counts: Int32Array, base: number, count: number, q: number): number {
  if (count <= 0) return Number.NaN;
  const rank = Math.max(1, Math.ceil(q * count));
  let seen = 0;
  for (let b = 0; b < HISTOGRAM_BINS; b++) {
    seen += counts[base + b] as number;
    if (seen >= rank) return valueOfBin(b);
  }
  return valueOfBin(HISTOGRAM_BINS - 1);
}
