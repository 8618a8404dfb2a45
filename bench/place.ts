/**
 * Benchmark: placement of 80 services over 20 candidate locations each. The estate is generated
 * (seeded, bench/estates.ts `placementEstate`): services in four tiers across us-west-2 and
 * us-east-1 today, eight of them data stores pinned in a Phoenix or a Virginia data center; eight
 * requests from six US metros with p99 budgets on half; one service in eight asks for two places
 * (nearest routing), one in sixteen for two with a primary. Each service that may move keeps 20
 * candidates (where it runs today and the 19 best zones by RTT to its users and pinned neighbours).
 *
 * Printed: the size of the MILP; the CPU time HiGHS (WebAssembly) takes to a 1 % gap and to the
 * proof on the model as filed in issue 19 (no start, presolve on); the warm start (warm-start.ts:
 * the anchored problem, fewer candidates a service, solved to 1 %) and the full solve from it (to
 * 1 % without presolve; to the proof with it, over column bounds tightened by the reduced costs of
 * the LP relaxation against the start's objective, reduced-cost.ts), their sum against the
 * as-filed figures; the peer,
 * native HiGHS (`highspy`, run by bench/peers/place_highs.py under /usr/bin/python3 or
 * PEER_PYTHON, on the same model exported as arrays, the same options), once as filed (the
 * issue's peer: "faster than native HiGHS on today's model") and once from our warm start, each to
 * 1 % and to the proof, with our warm-started time over its; and the deterministic local search.
 * Targets (issue 19): within 1 % in < 30 s, proven in < 60 s, faster than native HiGHS on the model
 * as filed. The MILP's answer is checked against the mean-based model computed from the call
 * trees, and the warm-started optimum against the as-filed one. Last run (shared 2-core AMD EPYC,
 * load 1.1-2.1 during ours, 0.6 during the native runs): as filed 54.5 s to 1 % and 119.3 s to the
 * proof; ours 7.0 s and 21.1 s (4.8 s of warm start, 16.3 s for the proof's 6 nodes and 39,571 LP
 * iterations); native HiGHS as filed 26.6 s and 30.7 s, so ours 0.26x to 1 % and 0.69x to the proof
 * (0.42x and 0.76x in a second run right after).
 *
 *   npm run bench:place                # PLACE_SERVICES=80 PLACE_NODES=20000 by default
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseEstate } from '../src/model/index.js';
import {
  assessPlacement,
  buildMilp,
  buildPlacementProblem,
  DEFAULT_MAX_NODES,
  decodeAssignment,
  loadSolver,
  localSearchPlacement,
  type ObjectiveSpec,
  solveModel,
  todayAssignment,
} from '../src/placement/index.js';
import { startOf } from '../src/placement/milp.js';
import { anchoredProblem, warmStart } from '../src/placement/warm-start.js';
import { placementEstate } from './estates.js';
import { PYTHON, runPythonPeer } from './measure.js';

const HERE = dirname(fileURLToPath(import.meta.url));

interface NativeRun {
  readonly cpuMs: number;
  readonly status: string;
  readonly objective: number;
  readonly bound: number;
  readonly gap: number;
  readonly nodes: number;
}

/** Native HiGHS on the model (bench/peers/place_highs.py), from `start` when given. */
function nativePeer(start?: { indices: number[]; values: number[] }): NativeResult | { error: string } {
  const dir = mkdtempSync(join(tmpdir(), 'fp-bench-place-'));
  const file = join(dir, 'model.json');
  const data = model.toModelData(1e30);
  writeFileSync(
    file,
    JSON.stringify({
      numCols: data.numCols,
      numRows: data.numRows,
      offset: data.offset,
      colCost: [...data.colCost],
      colLower: [...data.colLower],
      colUpper: [...data.colUpper],
      rowLower: [...data.rowLower],
      rowUpper: [...data.rowUpper],
      starts: [...data.matrix.starts],
      indices: [...data.matrix.indices],
      values: [...data.matrix.values],
      integrality: [...data.integrality],
      maxNodes,
      ...(start ? { start } : {}),
    }),
  );
  const peer = runPythonPeer<NativeResult>(join(HERE, 'peers', 'place_highs.py'), ['--model', file]);
  rmSync(dir, { recursive: true, force: true });
  return peer;
}

interface NativeResult {
  readonly highs: string;
  readonly gap1: NativeRun;
  readonly proof: NativeRun;
}

/** Native HiGHS's figures, ours over its time, and whether its optimum is ours. */
function nativeLine(
  label: string,
  peer: NativeResult | { error: string },
  gap1Ms: number,
  proofMs: number,
  optimum: number | undefined,
): string {
  if ('error' in peer) return `  native HiGHS (${PYTHON} with highspy) ${label}: not run: ${peer.error}`;
  const line = (r: NativeRun, ours: number) =>
    `${r.status} in ${(r.cpuMs / 1000).toFixed(1)} s CPU (objective ${r.objective.toFixed(6)}, gap ${(r.gap * 100).toFixed(3)} %, ${r.nodes.toLocaleString('en-US')} nodes); ours ${(ours / r.cpuMs).toFixed(2)}x its time`;
  const same =
    optimum !== undefined && Math.abs(peer.proof.objective - optimum) <= 1e-6 * Math.abs(optimum)
      ? 'the same optimum as ours'
      : `a different optimum from ours (${optimum})`;
  return `  native HiGHS ${peer.highs} (${PYTHON}, highspy) ${label}: to 1 %: ${line(peer.gap1, gap1Ms)}; to the proof: ${line(peer.proof, proofMs)}; ${same}`;
}

const services = Number(process.env.PLACE_SERVICES ?? 80);
const maxNodes = Number(process.env.PLACE_NODES ?? DEFAULT_MAX_NODES);
const CANDIDATES = 20;

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const estate = parseEstate(placementEstate({ services }), 'bench-place.yaml');
const built = time(() => buildPlacementProblem(estate, { maxCandidates: CANDIDATES - 1, radiusMs: 1000 }));
const problem = built.value.problem;
const movable = problem.services.filter((s) => !s.pinned);
const counts = movable.map((s) => s.candidates.length);
const unscaled = assessPlacement(problem, todayAssignment(problem), {
  kind: 'latency',
  costWeight: 0,
  latencyScaleMs: 1,
  costScaleUsd: 1,
});
const spec: ObjectiveSpec = {
  kind: 'latency',
  costWeight: 0,
  latencyScaleMs: unscaled.latencyMs,
  costScaleUsd: unscaled.costUsd,
};
const bounds = problem.scenarios.map((s) => s.p99BudgetMs ?? Number.POSITIVE_INFINITY);
const nodes = problem.trees.reduce((n, t) => n + t.nodes.length, 0);

console.log(
  `bench/place: ${problem.services.length} services (${movable.length} may move, ${problem.services.length - movable.length} pinned), ${Math.min(...counts)}-${Math.max(...counts)} candidate locations each; ${problem.trees.length} requests x 6 metros = ${problem.scenarios.length} scenarios (${bounds.filter(Number.isFinite).length} with a p99 budget), ${nodes} calls in the call trees`,
);
console.log(
  `  build the problem (RTT table over ${problem.table.endpoints.length} endpoints, candidates, call trees): ${built.ms.toFixed(0)} ms`,
);

const local = time(() => localSearchPlacement(problem, spec, bounds));
const heuristic = local.value.assessment;
console.log(
  `  local search (peer): ${heuristic ? `${heuristic.latencyMs.toFixed(3)} ms mean-based latency` : `no placement within the budgets (it stops at ${local.value.last.latencyMs.toFixed(3)} ms, ${local.value.last.excessMs.toFixed(1)} ms over the budgets in all)`} in ${local.ms.toFixed(0)} ms (${local.value.passes} passes, ${local.value.evaluated.toLocaleString('en-US')} placements evaluated); today: ${unscaled.latencyMs.toFixed(3)} ms`,
);

const milp = time(() => buildMilp(problem, spec, { bounds }));
const model = milp.value.model;
console.log(
  `  MILP: ${model.numCols.toLocaleString('en-US')} columns (${model.integrality.filter((v) => v === 1).length.toLocaleString('en-US')} integer), ${model.numRows.toLocaleString('en-US')} rows, ${model.numNonzeros.toLocaleString('en-US')} nonzeros; built in ${milp.ms.toFixed(0)} ms`,
);
const loaded = performance.now();
await loadSolver();
const loadMs = performance.now() - loaded;

async function run(
  label: string,
  start?: ReturnType<typeof startOf>,
  relativeGap?: number,
  presolve?: boolean,
) {
  const began = process.cpuUsage();
  const outcome = await solveModel(
    model,
    {
      maxNodes,
      ...(relativeGap !== undefined ? { relativeGap } : {}),
      ...(presolve !== undefined ? { presolve } : {}),
    },
    start,
  );
  const spent = process.cpuUsage(began);
  const ms = (spent.user + spent.system) / 1000;
  const assignment = outcome.values ? decodeAssignment(problem, milp.value, outcome.values) : undefined;
  const assessment = assignment ? assessPlacement(problem, assignment, spec, bounds) : undefined;
  const verdict =
    outcome.status === 'optimal'
      ? `${relativeGap !== undefined ? `within ${relativeGap * 100} % (gap ${((outcome.gap ?? 0) * 100).toFixed(3)} %)` : 'proven optimal'} in ${(ms / 1000).toFixed(1)} s CPU`
      : `stopped at the ${outcome.status.replace('-', ' ')} after ${(ms / 1000).toFixed(1)} s with a gap of ${((outcome.gap ?? 0) * 100).toFixed(3)} %`;
  const ties = assessment ? assessment.objective - assessment.primary : 0;
  console.log(
    `  HiGHS ${label}: ${verdict}: ${assessment ? `${assessment.latencyMs.toFixed(3)} ms` : 'no placement'}, bound ${outcome.bound !== undefined ? (outcome.bound - ties).toFixed(3) : '-'}; ${outcome.nodes.toLocaleString('en-US')} node${outcome.nodes === 1 ? '' : 's'}, ${outcome.lpIterations.toLocaleString('en-US')} LP iterations`,
  );
  if (
    assessment &&
    outcome.objective !== undefined &&
    Math.abs(assessment.objective - outcome.objective) > 1e-6 * outcome.objective
  )
    throw new Error(
      `the MILP's objective ${outcome.objective} differs from the model's ${assessment.objective}`,
    );
  if (assessment && assessment.violations.length > 0)
    throw new Error(`the MILP's placement breaks ${assessment.violations[0]}`);
  return { outcome, ms, assessment };
}

console.log(`  loading HiGHS (WebAssembly): ${loadMs.toFixed(0)} ms`);
const cpuMs = (from: NodeJS.CpuUsage) => {
  const spent = process.cpuUsage(from);
  return (spent.user + spent.system) / 1000;
};
// As filed (issue 19): the model alone, no start.
// As filed: HiGHS's presolve on, as it was.
const gap1 = await run('as filed (no start, presolve), to a 1 % gap', undefined, 0.01, true);
const cold = await run(
  `as filed (no start, presolve), to the proof (node limit ${maxNodes.toLocaleString('en-US')})`,
  undefined,
  undefined,
  true,
);
// Warm-started: the anchored problem (fewer candidates) solved first, its placement the start.
const warmBegan = process.cpuUsage();
const warm = await warmStart(problem, spec, bounds, { maxNodes }, model.numCols, local.value.assignment);
const warmMs = cpuMs(warmBegan);
// With its objective, as `footprint place` gives it: the proof tightens bounds by reduced costs against it.
const start = warm
  ? { ...startOf(problem, milp.value, warm.assignment), objective: warm.assessment.objective }
  : undefined;
console.log(
  `  warm start: the anchored problem (${anchoredProblem(problem, local.value.assignment)
    .services.filter((s) => !s.pinned)
    .map((s) => s.candidates.length)
    .reduce(
      (a, b) => Math.max(a, b),
      0,
    )} candidates a service at most) to 1 % in ${(warmMs / 1000).toFixed(1)} s CPU: ${warm ? `${warm.assessment.latencyMs.toFixed(3)} ms` : 'no placement'}`,
);
const warm1 = await run('warm-started, no presolve, to a 1 % gap', start, 0.01);
const warmProof = await run('warm-started, to the proof (with presolve)', start);
const warmGap1Ms = warmMs + warm1.ms;
const warmProofMs = warmMs + warmProof.ms;
console.log(
  `  ours, warm start included: to 1 % in ${(warmGap1Ms / 1000).toFixed(1)} s CPU (${(warmGap1Ms / gap1.ms).toFixed(2)}x as filed), proven in ${(warmProofMs / 1000).toFixed(1)} s CPU (${(warmProofMs / cold.ms).toFixed(2)}x as filed); targets < 30 s and < 60 s`,
);
if (
  warmProof.outcome.objective !== undefined &&
  cold.outcome.objective !== undefined &&
  Math.abs(warmProof.outcome.objective - cold.outcome.objective) > 1e-6 * Math.abs(cold.outcome.objective)
)
  throw new Error(
    `the warm-started optimum ${warmProof.outcome.objective} differs from ${cold.outcome.objective}`,
  );
console.log(
  nativeLine(
    '(peer) on the model as filed, no start',
    nativePeer(),
    warmGap1Ms,
    warmProofMs,
    cold.outcome.objective,
  ),
);
console.log(
  nativeLine(
    'on the same model from our warm start (the anchored solve not counted for it)',
    start ? nativePeer(start) : { error: 'no warm start' },
    warmGap1Ms,
    warmProofMs,
    cold.outcome.objective,
  ),
);

const best = cold.assessment?.latencyMs;
if (best !== undefined && heuristic) {
  const above = ((heuristic.latencyMs - best) / best) * 100;
  console.log(
    `  peer: the local search's placement is ${above.toFixed(3)} % above ${cold.outcome.status === 'optimal' ? 'the optimum' : "the MILP's"} and takes ${(local.ms / cold.ms).toFixed(3)}x the MILP's time; the MILP moves ${cold.assessment?.moves} of today's places`,
  );
}
if (best !== undefined && !heuristic)
  console.log(
    `  local search: no placement within the budgets where the MILP proves the best one; it takes ${(local.ms / cold.ms).toFixed(3)}x the MILP's time`,
  );
