/**
 * The warm start (warm-start.ts): the anchored problem keeps, for each service that may move, a
 * subset of its candidates in tie order with where it runs today and enough fault domains for its
 * replicas; its placement is one the full problem allows, no better than the optimum; and the full
 * MILP started from it reaches the same optimum as without it (and as brute force on a tiny one).
 */
import { describe, expect, it } from 'vitest';
import { placementEstate } from '../../bench/estates.js';
import { loadEstate, parseEstate } from '../model/index.js';
import { assessPlacement, todayAssignment } from './assess.js';
import { buildPlacementProblem } from './build.js';
import { buildMilp, decodeAssignment, startOf } from './milp.js';
import type { ObjectiveSpec } from './objective.js';
import type { PlacementProblem } from './problem.js';
import { bruteForcePlacement } from './search.js';
import { solveModel } from './solver.js';
import { anchoredProblem, warmStart } from './warm-start.js';

function latencySpec(problem: PlacementProblem): ObjectiveSpec {
  const today = assessPlacement(problem, todayAssignment(problem), {
    kind: 'latency',
    costWeight: 0,
    latencyScaleMs: 1,
    costScaleUsd: 1,
  });
  return { kind: 'latency', costWeight: 0, latencyScaleMs: today.latencyMs, costScaleUsd: today.costUsd };
}

const budgetsOf = (problem: PlacementProblem) =>
  problem.scenarios.map((s) => s.p99BudgetMs ?? Number.POSITIVE_INFINITY);

/** The optimum of the full MILP, from `start` when given. */
async function optimum(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  start?: readonly (readonly number[])[],
): Promise<number> {
  const bounds = budgetsOf(problem);
  const milp = buildMilp(problem, spec, { bounds });
  const outcome = await solveModel(milp.model, {}, start ? startOf(problem, milp, start) : undefined);
  expect(outcome.status).toBe('optimal');
  const assignment = decodeAssignment(problem, milp, outcome.values ?? new Float64Array());
  return assessPlacement(problem, assignment, spec, bounds).objective;
}

describe('the anchored problem', () => {
  it("keeps a subset of each movable service's candidates, today's places and enough fault domains", () => {
    const estate = parseEstate(placementEstate({ services: 24 }), 'bench-place.yaml');
    const { problem } = buildPlacementProblem(estate, { maxCandidates: 19, radiusMs: 1000 });
    const anchored = anchoredProblem(problem);
    let fewer = 0;
    problem.services.forEach((service, s) => {
      const cut = anchored.services[s];
      if (!cut) throw new Error('a service went missing');
      if (service.pinned) {
        expect(cut).toBe(service);
        return;
      }
      // In tie order: the candidates kept, in the order they had.
      expect(cut.candidates).toEqual(service.candidates.filter((m) => cut.candidates.includes(m)));
      for (const t of service.today) expect(cut.candidates).toContain(t.location);
      const zones = new Set(cut.candidates.map((m) => problem.locations[m]?.zone));
      expect(zones.size).toBeGreaterThanOrEqual(service.minPlaces);
      if (cut.candidates.length < service.candidates.length) fewer++;
    });
    expect(fewer).toBeGreaterThan(0);
  });
});

describe('the warm start', () => {
  it('gives a placement the full problem allows, and the full MILP from it reaches the same optimum', async () => {
    const estate = parseEstate(placementEstate({ services: 12 }), 'bench-place.yaml');
    const { problem } = buildPlacementProblem(estate, { maxCandidates: 9, radiusMs: 1000 });
    const spec = latencySpec(problem);
    const bounds = budgetsOf(problem);
    // Forced: the full MILP here is below the size from which place uses it.
    const warm = await warmStart(problem, spec, bounds, {}, Number.POSITIVE_INFINITY);
    if (!warm) throw new Error('no warm start');
    expect(warm.assessment.violations).toEqual([]);
    const cold = await optimum(problem, spec);
    expect(warm.assessment.objective).toBeGreaterThanOrEqual(cold - 1e-9);
    expect(await optimum(problem, spec, warm.assignment)).toBeCloseTo(cold, 9);
  }, 120_000);

  it('reaches the optimum of brute force on a tiny problem', async () => {
    const estate = parseEstate(placementEstate({ services: 5 }), 'bench-place.yaml');
    const { problem } = buildPlacementProblem(estate, { maxCandidates: 4, radiusMs: 1000 });
    const spec = latencySpec(problem);
    const bounds = budgetsOf(problem);
    const truth = bruteForcePlacement(problem, spec, bounds).assessment?.objective;
    if (truth === undefined) throw new Error('brute force found no placement');
    const warm = await warmStart(problem, spec, bounds, {}, Number.POSITIVE_INFINITY);
    if (!warm) throw new Error('no warm start');
    expect(warm.assessment.objective).toBeGreaterThanOrEqual(truth - 1e-9);
    expect(await optimum(problem, spec, warm.assignment)).toBeCloseTo(truth, 9);
  }, 120_000);

  it('is not used below its size: the example stays as it was', async () => {
    const estate = loadEstate('examples/ticketmaster-phoenix/estate.yaml');
    const { problem } = buildPlacementProblem(estate);
    const spec = latencySpec(problem);
    const milp = buildMilp(problem, spec, { bounds: budgetsOf(problem) });
    expect(await warmStart(problem, spec, budgetsOf(problem), {}, milp.model.numCols)).toBeUndefined();
  });
});
