/**
 * Benchmark: routed traces, against a plain Python longest-prefix-match walk in the same run.
 *
 * 1. Forwarding at three sizes of a generated estate (four regions, peered Transit Gateways,
 *    Direct Connect; 10 subnets per VPC): 120, 10,000 and 20,000 subnets. The same 200,000 sampled
 *    pairs per size, one-way: Footprint's `forwardFromSubnetRttMs` (the integer-indexed path of
 *    `forwardRttMs`, sources as subnet indices; medians of 7 runs after a warm-up run, CPU time,
 *    the sizes taking turns run by run so that a burst of other work slows them alike)
 *    and the peer, bench/peers/trace_lpm.py (a dict per prefix length per table, the walk through
 *    route tables and Transit Gateway tables adding the same AWS segment RTTs), timed
 *    inside Python the same way. The first 2,000 pairs' RTTs must agree. Targets (issue 19): at
 *    least 1,000,000 traces/s and 3x the peer; cost per trace within 1.5x from 100 to 20,000 subnets.
 * 2. On the 10,000-subnet estate: full traces (both ways, physical best, findings), and the
 *    all-pairs routed RTT over equivalence classes of subnets (10^8 pairs, never enumerated),
 *    checked against direct traces of sample pairs.
 *
 *   npm run bench:trace          (BENCH_SIZES=3,250,500 VPCs per region; BENCH_TRACES=200000)
 */
import { parseEstate } from '../src/model/index.js';
import {
  classMatrix,
  classPairRttMs,
  compileNetwork,
  type Subnet,
  subnetPairRttMs,
  traceRoute,
} from '../src/network/index.js';
import { networkEstate } from './estates.js';
import { fmt, machine, steadyState } from './measure.js';
import { forwardingAtSize, setUpSize, timeSizes } from './trace-peer.js';

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

console.log(`bench/trace: routed traces; machine: ${machine()}`);
const sizes = (process.env.BENCH_SIZES ?? '3,250,500').split(',').map(Number);
const traces = Number(process.env.BENCH_TRACES ?? 200_000);
/** Timed rounds per size, after a warm-up round; the sizes take turns within a round. */
const RUNS = 7;
const perTrace: number[] = [];
let failed = false;
const setups = sizes.map((size) => setUpSize(size, 10, traces));
const timings = timeSizes(setups, RUNS);
setups.forEach((setup, k) => {
  const result = forwardingAtSize(setup, timings[k] as number[]);
  perTrace.push(1e6 / result.rate);
  failed ||= result.mismatches > 0;
  console.log(
    `  ${fmt(result.subnets)} subnets: footprint ${fmt(result.rate)} one-way traces/s CPU (median of ${RUNS}), peer ${result.peer}`,
  );
});
const flat = Math.max(...perTrace) / Math.min(...perTrace);
console.log(`  cost per trace, largest over smallest across sizes: ${flat.toFixed(2)}x (target <= 1.5x)`);

const vpcsPerRegion = 250;
const subnetsPerVpc = 10;
const text = time(() => networkEstate({ vpcsPerRegion, subnetsPerVpc }));
const estate = time(() => parseEstate(text.value, 'generated.yaml'));
const network = estate.value.network;
if (!network) throw new Error('generated estate has no network');
const compiled = time(() => compileNetwork(estate.value));
const subnets = [...network.subnets.values()];
const n = subnets.length;
console.log(
  `bench/trace: ${fmt(network.vpcs.size)} VPCs, ${fmt(n)} subnets, ${fmt(network.routeTables.size)} route tables, ${network.transitGateways.size} Transit Gateways, ${fmt(network.tgwAttachments.size)} attachments`,
);
const loading = steadyState(() => parseEstate(text.value, 'generated.yaml'), 5, 1);
console.log(
  `  load ${fmt(loading.cpuMs)} ms CPU (median of ${loading.runs} after a warm-up; the first, cold: ${fmt(estate.ms)} ms wall; YAML, validation, resolution; target < 500 ms; generating took ${fmt(text.ms)} ms), compile ${fmt(compiled.ms)} ms`,
);

// Deterministic sample of pairs: strides through the subnet list.
const pairAt = (i: number): [Subnet, Subnet] => [
  subnets[(i * 7919) % n] as Subnet,
  subnets[(i * 104_729 + 13) % n] as Subnet,
];
const full = time(() => {
  for (let i = 0; i < 500; i++) {
    const [a, b] = pairAt(i);
    traceRoute(estate.value, a.id, b.id, { compiled: compiled.value });
  }
});
console.log(`  full traces (both ways, physical best, findings): ${fmt(500 / (full.ms / 1000))} /s`);

const matrix = time(() => classMatrix(compiled.value));
const m = matrix.value;
console.log(
  `  all-pairs matrix: ${fmt(m.pairs)} ordered pairs in ${fmt(m.classes.members.length)} classes, ${fmt(m.traces)} representative traces, ${fmt(matrix.ms)} ms`,
);
// Check the classes: sample pairs traced directly must match the matrix exactly.
let mismatches = 0;
const checks = 2_000;
const verify = time(() => {
  for (let i = 0; i < checks; i++) {
    const [a, b] = pairAt(i * 31 + 7);
    if (a.id === b.id) continue;
    if (classPairRttMs(compiled.value, m, a.id, b.id) !== subnetPairRttMs(compiled.value, a, b)) mismatches++;
  }
});
const peerRate = (2 * checks) / (verify.ms / 1000) / 2; // pairs/s when every pair is traced both ways
console.log(`  verified ${fmt(checks)} sampled pairs against direct traces: ${mismatches} mismatches`);
console.log(
  `  peer, tracing every pair: ${fmt(peerRate)} pairs/s, ${(m.pairs / peerRate / 3600).toFixed(1)} h for all pairs; matrix ${fmt(m.pairs / (matrix.ms / 1000))} pairs/s, ratio ${fmt(m.pairs / (matrix.ms / 1000) / peerRate)}x`,
);
if (mismatches > 0 || failed) process.exitCode = 1;
