/**
 * Benchmark: placement of 80 services over 20 candidate locations each. The estate is generated
 * (seeded, bench/estates.ts `placementEstate`): services in four tiers across us-west-2 and
 * us-east-1 today, eight of them data stores pinned in a Phoenix or a Virginia data center; eight
 * requests from six US metros with p99 budgets on half; one service in eight asks for two places
 * (nearest routing), one in sixteen for two with a primary. Each service that may move keeps 20
 * candidates (where it runs today and the 19 best zones by RTT to its users and pinned neighbours).
 *
 * Printed: the size of the MILP, the time HiGHS takes to prove the optimum (or the gap it leaves at
 * the node limit), and the peer: the deterministic local search on the same objective, its time and
 * how far its answer is above the optimum. The MILP's answer is checked against the mean-based
 * model computed from the call trees.
 *
 *   npm run bench:place                # PLACE_SERVICES=80 PLACE_NODES=20000 by default
 */
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
import { placementEstate } from './estates.js';

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

async function run(label: string, start?: ReturnType<typeof startOf>) {
  const began = performance.now();
  const outcome = await solveModel(model, { maxNodes }, start);
  const ms = performance.now() - began;
  const assignment = outcome.values ? decodeAssignment(problem, milp.value, outcome.values) : undefined;
  const assessment = assignment ? assessPlacement(problem, assignment, spec, bounds) : undefined;
  const verdict =
    outcome.status === 'optimal'
      ? `proven optimal in ${(ms / 1000).toFixed(1)} s`
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
const cold = await run(`alone (node limit ${maxNodes.toLocaleString('en-US')})`);
const seeded = local.value.assignment
  ? await run('seeded with the local search', startOf(problem, milp.value, local.value.assignment))
  : undefined;

const best = cold.assessment?.latencyMs;
if (best !== undefined && heuristic) {
  const above = ((heuristic.latencyMs - best) / best) * 100;
  console.log(
    `  peer: the local search's placement is ${above.toFixed(3)} % above ${cold.outcome.status === 'optimal' ? 'the optimum' : "the MILP's"} and takes ${(local.ms / cold.ms).toFixed(3)}x the MILP's time; the MILP moves ${cold.assessment?.moves} of today's places`,
  );
}
if (best !== undefined && !heuristic)
  console.log(
    `  peer: the local search finds no placement within the budgets where the MILP proves the best one; it takes ${(local.ms / cold.ms).toFixed(3)}x the MILP's time`,
  );
if (seeded)
  console.log(
    `  seeding the MILP with the local search: ${(seeded.ms / 1000).toFixed(1)} s against ${(cold.ms / 1000).toFixed(1)} s`,
  );
