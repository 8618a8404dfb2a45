import { describe, expect, it } from 'vitest';
import { binByLog, binOf, HISTOGRAM_BINS, valueOfBin } from './histogram.js';

describe('binOf', () => {
  it('gives the bin the logarithm gives, at every bin edge and between', () => {
    for (let b = 1; b < HISTOGRAM_BINS; b++) {
      const v = valueOfBin(b);
      for (const x of [v, v * (1 - 1e-3), v * (1 + 1e-3), v * 1.004, v * 0.996])
        expect(binOf(x)).toBe(binByLog(x));
    }
    // Each edge and the doubles either side of it.
    const f = new Float64Array(1);
    const i = new BigInt64Array(f.buffer);
    for (let b = 1; b < HISTOGRAM_BINS; b++) {
      f[0] = 0.01 * 1.01 ** (b - 1);
      const at = i[0] as bigint;
      for (let d = -3n; d <= 3n; d++) {
        i[0] = at + d;
        const x = f[0] as number;
        expect(binOf(x)).toBe(binByLog(x));
      }
    }
  });

  it('gives the same bins for random latencies, tiny, huge and odd values', () => {
    let s = 12345;
    for (let k = 0; k < 200_000; k++) {
      s = (Math.imul(s, 1103515245) + 12345) | 0;
      const x = Math.exp(((s >>> 0) / 2 ** 32) * 30 - 8);
      expect(binOf(x)).toBe(binByLog(x));
    }
    for (const x of [0, -1, 0.01, 0.010000001, 1e9, Number.POSITIVE_INFINITY, Number.NaN, 5e-324])
      expect(binOf(x)).toBe(binByLog(x));
  });
});
