/**
 * Benchmark: the all-pairs RTT matrix of the whole catalog (every region, AZ, Local Zone, DX
 * location and metro), against scipy.sparse.csgraph.dijkstra on the same graph in the same run.
 *
 * Footprint: `latencyMatrix(EMPTY_ESTATE)` (building the physical graph, then a shortest-path tree
 * from every place), and the search alone on a built graph. Peer: scipy's Dijkstra from every node
 * on the graph's links (bench/peers/matrix_scipy.py, Debian's python3-scipy), timed inside Python
 * (its start-up and the file transfer not counted). Both: medians of BENCH_RUNS runs (15) after
 * three warm-up runs, CPU time (user + system) and wall time. scipy knows nothing of the transit
 * rules (users and hosts end paths, AWS does not carry internet traffic): its RTTs are lower bounds
 * of Footprint's, and the bench counts the pairs where the two agree. When scipy is missing, the
 * peer's columns say so.
 *
 * Targets (issue 19): under 100 ms warm, at most 1.5x scipy.
 *
 *   npm run bench:matrix
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { allocateTree, buildPhysicalGraph, latencyMatrix, shortestPathTree } from '../src/latency/index.js';
import { EMPTY_ESTATE } from '../src/model/index.js';
import { machine, median, PYTHON, runPythonPeer, steadyState } from './measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const runs = Number(process.env.BENCH_RUNS ?? 15);

const graph = buildPhysicalGraph(EMPTY_ESTATE, { allMetros: true });
const n = graph.size;
const matrix = latencyMatrix(EMPTY_ESTATE);
if (matrix.places.length !== n) throw new Error('the matrix and the graph disagree on the places');

const whole = steadyState(() => latencyMatrix(EMPTY_ESTATE), runs);
const buffers = allocateTree(n);
const search = steadyState(() => {
  for (let source = 0; source < n; source++) shortestPathTree(graph, source, buffers);
}, runs);

// The graph's links, each direction, for the peer.
const sources: number[] = [];
const targets: number[] = [];
const rtts: number[] = [];
for (let i = 0; i < n; i++) {
  for (let j = 0; j < n; j++) {
    const w = graph.rtt[i * n + j] as number;
    if (i === j || !Number.isFinite(w)) continue;
    sources.push(i);
    targets.push(j);
    rtts.push(w);
  }
}
const dir = mkdtempSync(join(tmpdir(), 'fp-bench-matrix-'));
const graphFile = join(dir, 'graph.bin');
const outFile = join(dir, 'distances.bin');
writeFileSync(
  graphFile,
  Buffer.concat([
    Buffer.from(Int32Array.from([n, sources.length]).buffer),
    Buffer.from(Int32Array.from(sources).buffer),
    Buffer.from(Int32Array.from(targets).buffer),
    Buffer.from(Float64Array.from(rtts).buffer),
  ]),
);
interface ScipyRun {
  readonly python: string;
  readonly scipy: string;
  readonly wallMs: readonly number[];
  readonly cpuMs: readonly number[];
}
const peer = runPythonPeer<ScipyRun>(join(HERE, 'peers', 'matrix_scipy.py'), [
  '--graph',
  graphFile,
  '--out',
  outFile,
  '--runs',
  String(runs),
]);
let agreement = '';
if (!('error' in peer)) {
  const bytes = readFileSync(outFile);
  const scipy = new Float64Array(bytes.buffer, bytes.byteOffset, n * n);
  let same = 0;
  let lower = 0;
  for (let cell = 0; cell < n * n; cell++) {
    const ours = matrix.rttMs[cell] as number;
    const theirs = scipy[cell] as number;
    if (ours === theirs || Math.abs(ours - theirs) <= 1e-9 * Math.max(1, ours)) same++;
    else if (theirs < ours) lower++;
  }
  agreement = `${((100 * same) / (n * n)).toFixed(1)} % of pairs equal; scipy lower on ${((100 * lower) / (n * n)).toFixed(1)} % (paths through users, or AWS carrying internet traffic, which Footprint's rules forbid)`;
}
rmSync(dir, { recursive: true, force: true });

const pairs = n * n;
console.log(
  `bench/matrix: ${n} catalog places, ${pairs.toLocaleString('en-US')} pairs, ${sources.length.toLocaleString('en-US')} directed links`,
);
console.log(`  machine: ${machine()}`);
console.log(`  medians of ${runs} runs after 3 warm-up runs; CPU = user + system time of the process`);
console.log(
  `  footprint latencyMatrix (graph + search): ${whole.cpuMs.toFixed(1)} ms CPU, ${whole.wallMs.toFixed(1)} ms wall`,
);
console.log(
  `  footprint search alone (built graph):      ${search.cpuMs.toFixed(1)} ms CPU, ${search.wallMs.toFixed(1)} ms wall`,
);
if ('error' in peer) {
  console.log(`  peer scipy.sparse.csgraph.dijkstra: not run: ${peer.error}`);
} else {
  const cpu = median(peer.cpuMs);
  const wall = median(peer.wallMs);
  console.log(
    `  peer scipy ${peer.scipy} (Python ${peer.python}, ${PYTHON}) csgraph.dijkstra: ${cpu.toFixed(1)} ms CPU, ${wall.toFixed(1)} ms wall`,
  );
  console.log(`  agreement: ${agreement}`);
  console.log(
    `  ratio footprint/scipy (CPU): ${(whole.cpuMs / cpu).toFixed(2)}x with the graph's build, ${(search.cpuMs / cpu).toFixed(2)}x the search alone (target <= 1.5x)`,
  );
}
console.log(
  `  target < 100 ms warm: ${whole.cpuMs < 100 ? 'met' : 'NOT met'} (${whole.cpuMs.toFixed(1)} ms CPU)`,
);
