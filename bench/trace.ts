/**
 * Benchmark: routed traces on a generated estate of 1,000 VPCs and 10,000 subnets across four
 * regions with Transit Gateways (peered) and Direct Connect. Prints traces per second, and the
 * all-pairs routed RTT matrix over equivalence classes of subnets (10^8 pairs, never enumerated),
 * checked against direct traces of sample pairs. Peer: tracing every pair one by one, measured on
 * a sample in the same run.
 *
 *   npm run bench:trace          (BENCH_VPCS_PER_REGION=250 BENCH_SUBNETS=10 by default)
 */
import { parseEstate } from '../src/model/index.js';
import {
  classMatrix,
  classPairRttMs,
  compileNetwork,
  forward,
  type Subnet,
  subnetPairRttMs,
  traceRoute,
} from '../src/network/index.js';
import { networkEstate } from './estates.js';

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const vpcsPerRegion = Number(process.env.BENCH_VPCS_PER_REGION ?? 250);
const subnetsPerVpc = Number(process.env.BENCH_SUBNETS ?? 10);
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
console.log(
  `  load ${fmt(estate.ms)} ms (YAML, validation, resolution; generating took ${fmt(text.ms)} ms), compile ${fmt(compiled.ms)} ms`,
);

// Deterministic sample of pairs: strides through the subnet list.
const pairAt = (i: number): [Subnet, Subnet] => [
  subnets[(i * 7919) % n] as Subnet,
  subnets[(i * 104_729 + 13) % n] as Subnet,
];
const samples = Number(process.env.BENCH_TRACES ?? 50_000);
let delivered = 0;
const forwards = time(() => {
  for (let i = 0; i < samples; i++) {
    const [a, b] = pairAt(i);
    if (forward(compiled.value, { kind: 'subnet', id: a.id }, b.cidr.base, { record: false }).delivered)
      delivered++;
  }
});
console.log(
  `  forwarding: ${fmt(samples / (forwards.ms / 1000))} one-way traces/s (${fmt(samples)} sampled pairs, ${fmt(delivered)} delivered)`,
);
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
if (mismatches > 0) process.exitCode = 1;
