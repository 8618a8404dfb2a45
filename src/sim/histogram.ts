/**
 * Latency histograms with 1 % relative resolution from 10 µs to over 10 minutes, in a fixed
 * Int32Array: recording allocates nothing, and percentiles are the same for the same draws, byte for
 * byte. A percentile is the geometric centre of the bin that holds the nearest-rank sample, so it is
 * within 0.5 % of that sample.
 *
 * A value's bin is 1 + floor(log(ms / 0.01) / log(1.01)) (`binByLog`). Recording reads it from
 * tables instead of taking a logarithm per request: each bin's lowest value, found once by bisection
 * over the doubles with `binByLog` itself, and a first guess per 1/64 of an octave (the double's
 * exponent and top six bits of its mantissa), from which at most two steps reach the bin. The same
 * bin for every double as the logarithm gives (test: src/sim/histogram.test.ts).
 */
const MIN_MS = 0.01;
const GROWTH = 1.01;
const INV_LOG_GROWTH = 1 / Math.log(GROWTH);
export const HISTOGRAM_BINS = 1800;

/** The bin of a latency in ms, by its logarithm: what the tables reproduce. */
export function binByLog(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const bin = 1 + Math.floor(Math.log(ms / MIN_MS) * INV_LOG_GROWTH);
  return bin < HISTOGRAM_BINS ? bin : HISTOGRAM_BINS - 1;
}

/** Reads a double's high 32 bits (sign, exponent, top 20 bits of the mantissa). */
const bits = new Float64Array(1);
const high = new Int32Array(bits.buffer, new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 4 : 0, 1);
/** Cells of 1/64 of an octave: the high word shifted right by 14 bits (sign 0). */
const CELL_SHIFT = 14;
let cellBase = 0;
let cellFirst: Int32Array | null = null;
/** Per bin, the lowest double in it (+Infinity past the last). */
let lowest: Float64Array = new Float64Array(0);

function cellOf(ms: number): number {
  bits[0] = ms;
  return ((high[0] as number) >> CELL_SHIFT) - cellBase;
}

/** Builds the tables (once, on first use: about 100,000 logarithms). */
function buildTables(): Int32Array {
  lowest = new Float64Array(HISTOGRAM_BINS + 1).fill(Number.POSITIVE_INFINITY);
  lowest[0] = Number.NEGATIVE_INFINITY;
  let below = MIN_MS;
  for (let b = 1; b < HISTOGRAM_BINS; b++) {
    // The lowest double of bin b: between `below` (in a lower bin) and a value surely in b or above.
    let lo = below;
    let hi = MIN_MS * GROWTH ** (b + 1);
    while (binByLog(hi) < b) hi *= GROWTH;
    for (;;) {
      const mid = lo + (hi - lo) / 2;
      if (mid === lo || mid === hi) break;
      if (binByLog(mid) >= b) hi = mid;
      else lo = mid;
    }
    lowest[b] = hi;
    below = lo;
  }
  bits[0] = MIN_MS;
  cellBase = (high[0] as number) >> CELL_SHIFT;
  const top = cellOf(lowest[HISTOGRAM_BINS - 1] as number) + 1;
  const first = new Int32Array(top + 1);
  let b = 0;
  for (let c = 0; c <= top; c++) {
    // The bin of the cell's lowest double: every double of the cell is in it or a later one.
    bits[0] = 0;
    high[0] = (c + cellBase) << CELL_SHIFT;
    const start = bits[0] as number;
    while (b + 1 < HISTOGRAM_BINS && (lowest[b + 1] as number) <= start) b++;
    first[c] = b;
  }
  cellFirst = first;
  return first;
}

/** The bin of a latency in ms. */
export function binOf(ms: number): number {
  if (!(ms > MIN_MS)) return 0;
  const first = cellFirst ?? buildTables();
  const c = cellOf(ms);
  if (c >= first.length) return HISTOGRAM_BINS - 1;
  let bin = first[c] as number;
  while (ms >= (lowest[bin + 1] as number)) bin++;
  return bin;
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
