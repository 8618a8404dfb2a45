/**
 * Benchmark: the full-catalog all-pairs RTT matrix (every region, AZ, Local Zone, DX location and
 * metro), printing pairs per second. Peer: answering the same pairs one query at a time through
 * the public single-pair API, measured on a sample in the same run.
 *
 *   npm run bench:matrix
 */
import { catalogPlaces } from '../src/catalog/index.js';
import { latencyMatrix, physicalLatency } from '../src/latency/index.js';
import { EMPTY_ESTATE } from '../src/model/index.js';

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
const places = catalogPlaces().length;
let best = Number.POSITIVE_INFINITY;
let pairs = 0;
for (let r = 0; r < runs; r++) {
  const { value, ms } = time(() => latencyMatrix(EMPTY_ESTATE));
  pairs = value.places.length * value.places.length;
  best = Math.min(best, ms);
}
const sample = catalogPlaces(['region']).slice(0, 12);
const single = time(() => {
  let sum = 0;
  for (const a of sample) for (const b of sample) sum += physicalLatency(EMPTY_ESTATE, a, b).rttMs;
  return sum;
});
const singleRate = (sample.length * sample.length) / (single.ms / 1000);
const matrixRate = pairs / (best / 1000);
console.log(`bench/matrix: ${places} catalog places, ${pairs.toLocaleString('en-US')} pairs`);
console.log(
  `  all-pairs matrix: ${best.toFixed(0)} ms (best of ${runs}), ${Math.round(matrixRate).toLocaleString('en-US')} pairs/s`,
);
console.log(`  peer, one query per pair: ${Math.round(singleRate).toLocaleString('en-US')} pairs/s`);
console.log(`  ratio: ${(matrixRate / singleRate).toFixed(0)}x`);
