/**
 * The MILP against brute force: on small generated estates (3 to 4 services, 3 to 5 candidates
 * each, every routing policy, replicas within and across regions, caches, parallel groups, a site
 * with little room, budgets), HiGHS's optimum has the objective of the best of every placement
 * enumerated, computed from the call trees without the MILP; and the MILP's latency columns equal
 * the mean-based latency of the placement it returns. The columns it marks implied binary are 0 or 1
 * whatever the LP does once the placement's binaries are fixed (reduced-cost.ts rounds them so).
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { parseEstate } from '../model/index.js';
import { assessPlacement, todayAssignment, treeLatency } from './assess.js';
import { buildPlacementProblem } from './build.js';
import { buildMilp, decodeAssignment, startOf } from './milp.js';
import type { ObjectiveKind, ObjectiveSpec } from './objective.js';
import type { PlacementProblem } from './problem.js';
import { bruteForcePlacement, localSearchPlacement, searchSpaceSize } from './search.js';
import { loadSolver, solveModel } from './solver.js';

const ZONES = [
  'usw2-az1',
  'usw2-az2',
  'us-west-2-phx-2a',
  'us-west-2-lax-1a',
  'us-west-2-las-1a',
  'usw1-az1',
  'use1-az1',
];
const METROS = ['metro:phoenix', 'metro:los-angeles', 'metro:las-vegas', 'metro:new-york', 'metro:chicago'];

/** A small estate to place, from a seed. */
function smallEstate(seed: number): string {
  const rng = xoroshiro128plus(seed);
  const uniform = () => ((rng.next() >>> 0) + 0.5) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(uniform() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(uniform() * (hi - lo + 1));
  const count = between(3, 4);
  const ids = Array.from({ length: count }, (_, i) => `s${i}`);
  const services: Record<string, unknown> = {};
  ids.forEach((id, i) => {
    const service: Record<string, unknown> = { computeMs: { p50: between(1, 5), p99: between(6, 20) } };
    const kind = i === 0 ? 0 : between(0, 9);
    if (i === count - 1 && seed % 3 === 0) {
      service.at = [{ place: 'phx-dc', instances: 2 }];
      service.pinned = true;
    } else {
      const first = pick(ZONES);
      service.at = [{ place: first, instances: between(2, 4) }];
      if (kind === 1) service.replicas = { min: 1, max: 2 };
      if (kind === 2) service.replicas = { min: 2 };
      if (kind === 3) service.replicas = { min: 2, across: 'regions' };
      if (kind === 4) {
        service.replicas = { min: 2 };
        service.routing = 'primary';
      }
      if (kind === 5) {
        service.replicas = { min: 2 };
        service.routing = 'spread';
      }
    }
    const later = ids.slice(i + 1);
    if (later.length > 0) {
      // Each service calls the next, so that the request reaches every service.
      const calls: unknown[] = [later[0]];
      for (let k = between(0, 1); k > 0; k--) {
        const target = pick(later);
        const r = uniform();
        if (r < 0.25 && later.length > 1) calls.push({ parallel: [later[0], later[later.length - 1]] });
        else if (r < 0.45) calls.push({ call: target, cacheHitRatio: 0.5, roundTrips: between(1, 2) });
        else calls.push(target);
      }
      service.calls = calls;
    }
    services[id] = service;
  });
  const metros = METROS.slice(0, between(2, 4));
  return stringify({
    name: `small-${seed}`,
    sites: {
      'phx-dc': {
        kind: 'datacenter',
        metro: 'metro:phoenix',
        internet: true,
        capacity: { instances: between(2, 5) },
      },
    },
    links: { 'dx-phx': { kind: 'direct-connect', between: ['phx-dc', 'dx:ECPH1'] } },
    users: metros.map((metro, i) => ({ metro, weight: i + 1 })),
    services,
    requests: { page: { entry: 's0' } },
  });
}

function specFor(problem: PlacementProblem, kind: ObjectiveKind): ObjectiveSpec {
  const today = assessPlacement(problem, todayAssignment(problem), {
    kind: 'latency',
    costWeight: 0,
    latencyScaleMs: 1,
    costScaleUsd: 1,
  });
  return { kind, costWeight: 0.4, latencyScaleMs: today.latencyMs, costScaleUsd: today.costUsd };
}

/** Equal up to a millionth of the larger: the solver's optimality tolerances are about that. */
function expectSame(actual: number | undefined, expected: number | undefined) {
  expect(actual).toBeDefined();
  expect(expected).toBeDefined();
  const a = actual as number;
  const b = expected as number;
  expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(a), Math.abs(b)));
}

async function solve(problem: PlacementProblem, spec: ObjectiveSpec, bounds: readonly number[]) {
  const milp = buildMilp(problem, spec, { bounds });
  const outcome = await solveModel(milp.model);
  if (!outcome.values) return { outcome };
  const assignment = decodeAssignment(problem, milp, outcome.values);
  return { outcome, milp, assignment, assessment: assessPlacement(problem, assignment, spec, bounds) };
}

/**
 * Fixes the binaries of placements of `problem` (every placement of a small search space, sampled)
 * and checks that each implied-binary column is the same 0 or 1 when the LP pushes all of them up
 * and when it pushes them down: the rows force them, as lp.ts's addImpliedBinary promises.
 */
async function expectImpliedBinariesForced(problem: PlacementProblem, spec: ObjectiveSpec): Promise<number> {
  const highs = await loadSolver();
  const milp = buildMilp(problem, spec, { bounds: problem.scenarios.map(() => Number.POSITIVE_INFINITY) });
  const implied = [...milp.model.impliedBinary];
  const data = milp.model.toModelData(highs.infinity);
  const { integrality: _, ...relaxed } = data;
  const places = problem.services.map((s) =>
    s.pinned ? [s.today.map((t) => t.location)] : placesOf(s.candidates, s.minPlaces, s.maxPlaces),
  );
  let checked = 0;
  for (let n = 0; n < 24; n++) {
    const assignment = places.map((options) => options[(n * 7 + 3 * n * n) % options.length] ?? []);
    const start = startOf(problem, milp, assignment);
    const colLower = Float64Array.from(data.colLower);
    const colUpper = Float64Array.from(data.colUpper);
    start.indices.forEach((j, k) => {
      colLower[j] = start.values[k] as number;
      colUpper[j] = start.values[k] as number;
    });
    const values: Float64Array[] = [];
    for (const sign of [1, -1]) {
      const colCost = new Float64Array(data.numCols);
      for (const j of implied) colCost[j] = sign;
      const lp = highs.createModel({ ...relaxed, colCost, colLower, colUpper });
      try {
        lp.options.set({ output_flag: false });
        lp.run();
        if (lp.getModelStatus() !== highs.constants.modelStatus.optimal) break;
        values.push(Float64Array.from(lp.getSolution().colValue));
      } finally {
        lp.dispose();
      }
    }
    if (values.length < 2) continue; // a placement the rows rule out (capacity, regions)
    for (const j of implied) {
      const [up, down] = [values[0]?.[j] ?? Number.NaN, values[1]?.[j] ?? Number.NaN];
      expect(Math.abs(up - down), `implied binary ${j}`).toBeLessThan(1e-7);
      expect(Math.min(Math.abs(up), Math.abs(up - 1)), `implied binary ${j}`).toBeLessThan(1e-7);
    }
    checked++;
  }
  return checked;
}

/** Every set of between min and max of `candidates`, in order. */
function placesOf(candidates: readonly number[], min: number, max: number): number[][] {
  const out: number[][] = [];
  const grow = (from: number, chosen: number[]) => {
    if (chosen.length >= min) out.push(chosen);
    if (chosen.length === max) return;
    for (let i = from; i < candidates.length; i++) grow(i + 1, [...chosen, candidates[i] as number]);
  };
  grow(0, []);
  return out;
}

describe('the MILP matches brute force on small problems', () => {
  const seeds = Array.from({ length: Number(process.env.PLACE_SEEDS ?? 12) }, (_, i) => 101 + i);
  for (const seed of seeds) {
    it(`estate ${seed}`, async () => {
      const estate = parseEstate(smallEstate(seed), `small-${seed}.yaml`);
      const { problem } = buildPlacementProblem(estate, { maxCandidates: 3, radiusMs: 500 });
      for (const service of problem.services)
        if (!service.pinned) expect(service.candidates.length).toBeGreaterThanOrEqual(3);
      expect(searchSpaceSize(problem)).toBeLessThan(60_000);
      const free = problem.scenarios.map(() => Number.POSITIVE_INFINITY);
      for (const kind of ['latency', 'cost', 'blend'] as const) {
        const spec = specFor(problem, kind);
        const brute = bruteForcePlacement(problem, spec, free);
        const milp = await solve(problem, spec, free);
        if (!brute.assessment) {
          // Only capacity can rule every placement out here.
          expect(milp.outcome.status).toBe('infeasible');
          continue;
        }
        expect(milp.outcome.status).toBe('optimal');
        const a = milp.assessment;
        expect(a?.violations).toEqual([]);
        expectSame(a?.objective, brute.assessment.objective);
        expectSame(a?.primary, brute.assessment.primary);
        expectSame(milp.outcome.objective, brute.assessment.objective);
        // The MILP's latency columns are the mean-based latency of what it returns.
        problem.scenarios.forEach((s, i) => {
          const column = milp.outcome.values?.[milp.milp?.scenario[i] as number] as number;
          const direct = treeLatency(
            problem,
            milp.assignment ?? [],
            problem.trees[s.request] as never,
            s.metro,
          );
          expect(column).toBeCloseTo(direct, 6);
        });
      }
      expect(await expectImpliedBinariesForced(problem, specFor(problem, 'blend'))).toBeGreaterThan(0);
      // With a budget between the best and today's: the same answer as brute force under it.
      const spec = specFor(problem, 'cost');
      const best = bruteForcePlacement(problem, specFor(problem, 'latency'), free);
      if (best.assessment) {
        const bounds = best.assessment.scenarioMs.map((ms) => ms + 5);
        const brute = bruteForcePlacement(problem, spec, bounds);
        const milp = await solve(problem, spec, bounds);
        expect(milp.outcome.status).toBe('optimal');
        expectSame(milp.assessment?.objective, brute.assessment?.objective);
      }
    });
  }

  it('the local search reaches a placement within the rules, no better than the optimum', async () => {
    const estate = parseEstate(smallEstate(104), 'small.yaml');
    const { problem } = buildPlacementProblem(estate, { maxCandidates: 3, radiusMs: 500 });
    const spec = specFor(problem, 'latency');
    const free = problem.scenarios.map(() => Number.POSITIVE_INFINITY);
    const local = localSearchPlacement(problem, spec, free);
    const brute = bruteForcePlacement(problem, spec, free);
    expect(local.assessment?.violations).toEqual([]);
    expect(local.assessment?.objective).toBeGreaterThanOrEqual(
      (brute.assessment?.objective as number) - 1e-9,
    );
  });
});
