/**
 * Seeded randomness for the simulator: one generator per stream (arrivals of each source, service
 * times, client backoff, Spot interruptions, ...), so that adding a stream or drawing more from one
 * does not shift the others. Each stream is pure-rand's xoroshiro128+, seeded from the run's seed and
 * the stream's number through SplitMix32, so that neighbouring seeds give unrelated streams.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';

type Generator = ReturnType<typeof xoroshiro128plus>;

const TWO_TO_MINUS_32 = 2.3283064365386963e-10;

/** SplitMix32's finaliser: a well-mixed 32-bit integer from any 32-bit integer. */
export function mix32(x: number): number {
  let z = (x + 0x9e3779b9) | 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) | 0;
}

/** The streams the simulator draws from; a stream's number is fixed so that runs stay comparable. */
export const STREAM_SERVICE = 1;
export const STREAM_ROUTING = 2;
export const STREAM_CLIENT = 3;
export const STREAM_CAPACITY = 4;
export const STREAM_CACHE = 5;
export const STREAM_FAULTS = 6;
export const STREAM_HEALTH = 7;
/** Arrivals of source k draw from stream STREAM_ARRIVALS + k. */
export const STREAM_ARRIVALS = 1000;

/**
 * One stream of draws.
 * @example const r = new Stream(42, STREAM_SERVICE); r.exponential(2) // mean 2
 */
export class Stream {
  private readonly rng: Generator;
  private spare = 0;
  private hasSpare = false;

  constructor(seed: number, stream: number) {
    this.rng = xoroshiro128plus(mix32(mix32(seed | 0) ^ Math.imul(stream | 0, 0x27d4eb2d)));
  }

  /** Uniform in (0, 1): never 0 or 1. */
  uniform(): number {
    return ((this.rng.next() >>> 0) + 0.5) * TWO_TO_MINUS_32;
  }

  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(this.uniform());
  }

  /** Standard normal (Marsaglia's polar method; the second of each pair is kept). */
  normal(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u = 0;
    let v = 0;
    let s = 0;
    do {
      u = 2 * this.uniform() - 1;
      v = 2 * this.uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }

  /** An integer in [0, n). */
  below(n: number): number {
    return Math.floor(this.uniform() * n);
  }
}
