/**
 * The sampler's generator, for both of its paths (sample.ts's interpreter and the loops
 * sample-codegen.ts generates): pure-rand's xoroshiro128+ on a shared Int32Array, and uniform and
 * standard normal draws from it (sample-codegen.test.ts checks both streams against pure-rand's).
 * Ordinary module code, not generated: V8 optimises it once for every loop rather than once per
 * shape of plan. Results go
 * to typed arrays: an int or double returned from a call that is not inlined is boxed on the heap.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

/** The generator: s01, s00, s11, s10 (as pure-rand's getState() lists them), then the last output. */
const STATE = new Int32Array(5);

/** [0]: the last uniform or normal drawn; [1]: the second normal of its pair; [2]: 1 while [1] is unused. */
export const DRAWN = new Float64Array(3);

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/**
 * Starts the stream of `xoroshiro128plus(seed)`, with no spare normal.
 * @example seedDraws(1); drawUniform(); DRAWN[0]
 */
export function seedDraws(seed: number): void {
  const state = xoroshiro128plus(seed).getState();
  for (let k = 0; k < 4; k++) STATE[k] = state[k] as number;
  DRAWN.fill(0);
}

/** pure-rand's xoroshiro128+ next() (lib/esm/generator/xoroshiro128plus.js): its output into STATE[4]. */
function advance(): void {
  const s01 = STATE[0] as number;
  const s00 = STATE[1] as number;
  const s11 = STATE[2] as number;
  const s10 = STATE[3] as number;
  STATE[4] = (s00 + s10) | 0;
  const a0 = s10 ^ s00;
  const a1 = s11 ^ s01;
  STATE[1] = (s00 << 24) ^ (s01 >>> 8) ^ a0 ^ (a0 << 16);
  STATE[0] = (s01 << 24) ^ (s00 >>> 8) ^ a1 ^ ((a1 << 16) | (a0 >>> 16));
  STATE[3] = (a1 << 5) ^ (a0 >>> 27);
  STATE[2] = (a0 << 5) ^ (a1 >>> 27);
}

/**
 * A uniform draw in (0, 1) into DRAWN[0]: 32 bits of the generator, centred in their cell, never 0
 * or 1 (a choice's draw).
 * @example drawUniform(); DRAWN[0]
 */
export function drawUniform(): void {
  advance();
  DRAWN[0] = (((STATE[4] as number) >>> 0) + 0.5) * TWO_TO_MINUS_32;
}

/**
 * A standard normal into DRAWN[0]: Marsaglia's polar method (a point uniform in the unit disc gives
 * two independent normals with a logarithm and a square root, no sine or cosine), the second of
 * each pair kept for the next call.
 * @example drawNormal(); DRAWN[0]
 */
export function drawNormal(): void {
  if (DRAWN[2] === 1) {
    DRAWN[2] = 0;
    DRAWN[0] = DRAWN[1] as number;
    return;
  }
  let u = 0;
  let v = 0;
  let s = 0;
  do {
    advance();
    u = 2 * ((((STATE[4] as number) >>> 0) + 0.5) * TWO_TO_MINUS_32) - 1;
    advance();
    v = 2 * ((((STATE[4] as number) >>> 0) + 0.5) * TWO_TO_MINUS_32) - 1;
    s = u * u + v * v;
  } while (s >= 1 || s === 0);
  const f = Math.sqrt((-2 * Math.log(s)) / s);
  DRAWN[0] = u * f;
  DRAWN[1] = v * f;
  DRAWN[2] = 1;
}
