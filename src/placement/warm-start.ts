/**
 * A warm start for a large MILP: the same problem over fewer candidates per service, solved first,
 * whose placement (one the full problem allows: every rule holds over a subset of the candidates)
 * seeds the full solve. With an incumbent near the optimum, HiGHS stops at a 1 % gap right after
 * its root LP instead of searching for a first placement with its sub-MIP heuristics, and prunes
 * with it from the start. It changes neither the model nor its optimum: only where the search starts.
 *
 * The fewer candidates ("anchored"): where the service runs today, where the local search put it,
 * its candidate nearest to each fixed point of the problem (each users' metro and each pinned
 * service's place: where the traffic starts and ends), its best two by RTT to its users, and enough
 * for its replicas. On the bench model (80 services x 20 candidates) that is 9 a service, a MILP a
 * fifth the size, whose answer lies within 0.1 % of the optimum.
 */
import { type Assessment, assessPlacement } from './assess.js';
import { buildMilp, decodeAssignment } from './milp.js';
import type { ObjectiveSpec } from './objective.js';
import {
  type Assignment,
  type PlacedService,
  type PlacementProblem,
  rttOf,
  servicesOfTree,
} from './problem.js';
import { type SolverLimits, solveModel } from './solver.js';

/** Columns from which a warm start pays for its own solve (the example's MILP has 598; the bench's 51,023). */
export const WARM_START_MIN_COLUMNS = 10_000;

/** Candidates kept by their RTT to the service's users, besides those nearest each fixed point. */
const BEST_BY_USERS = 2;

/** The problem with each movable service's candidates cut to its anchored ones (tie order kept). */
export function anchoredProblem(problem: PlacementProblem, placed?: Assignment): PlacementProblem {
  const anchors = [
    ...new Set([
      ...problem.scenarios.map((s) => s.metro),
      ...problem.services.filter((s) => s.pinned).flatMap((s) => s.today.map((t) => t.location)),
    ]),
  ].sort((a, b) => a - b);
  const rtt = (a: number, b: number) => rttOf(problem, a, b);
  const nearest = (service: PlacedService, from: number) =>
    [...service.candidates].sort((a, b) => rtt(from, a) - rtt(from, b) || a - b);
  const services = problem.services.map((service) => {
    if (service.pinned) return service;
    const keep = new Set<number>([
      ...service.today.map((t) => t.location),
      ...(placed?.[service.index] ?? []),
    ]);
    for (const anchor of anchors) {
      const first = nearest(service, anchor)[0];
      if (first !== undefined) keep.add(first);
    }
    const byUsers = byUserRtt(problem, service);
    for (const m of byUsers.slice(0, BEST_BY_USERS)) keep.add(m);
    enoughPlaces(problem, service, byUsers, keep);
    return { ...service, candidates: service.candidates.filter((m) => keep.has(m)) };
  });
  return { ...problem, services };
}

/** A service's candidates by RTT to the metros of the requests that reach it, weighted by their users. */
function byUserRtt(problem: PlacementProblem, service: PlacedService): number[] {
  const weight = new Map<number, number>();
  problem.trees.forEach((tree, r) => {
    if (!servicesOfTree(tree).has(service.index)) return;
    for (const s of problem.scenarios)
      if (s.request === r) weight.set(s.metro, (weight.get(s.metro) ?? 0) + s.share);
  });
  const score = (m: number) => {
    let sum = 0;
    for (const [metro, w] of weight) sum += w * rttOf(problem, metro, m);
    return sum;
  };
  return [...service.candidates].sort((a, b) => score(a) - score(b) || a - b);
}

/** Adds candidates in `order` until there are enough places, and regions when asked, for the replicas. */
function enoughPlaces(
  problem: PlacementProblem,
  service: PlacedService,
  order: readonly number[],
  keep: Set<number>,
): void {
  const level = (m: number) =>
    (service.across === 'regions' ? problem.locations[m]?.region : problem.locations[m]?.zone) ?? String(m);
  for (const m of order) {
    const domains = new Set([...keep].map(level));
    if (domains.size >= service.minPlaces) break;
    if (!domains.has(level(m))) keep.add(m);
  }
}

/** The anchored problem's placement, its assessment in the full problem, and the solve's work. */
export interface WarmStart {
  readonly assignment: Assignment;
  readonly assessment: Assessment;
  readonly nodes: number;
  readonly lpIterations: number;
}

/**
 * The placement of the anchored problem, solved to a 1 % gap within the limits, with its assessment
 * in the full problem; undefined when the full MILP is too small to gain from it, or none is found.
 */
export async function warmStart(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  bounds: readonly number[],
  limits: SolverLimits,
  fullColumns: number,
  placed?: Assignment,
): Promise<WarmStart | undefined> {
  if (fullColumns < WARM_START_MIN_COLUMNS) return undefined;
  const anchored = anchoredProblem(problem, placed);
  const milp = buildMilp(anchored, spec, { bounds });
  if (milp.model.numCols >= fullColumns) return undefined;
  const outcome = await solveModel(milp.model, { ...limits, relativeGap: 0.01 });
  if (!outcome.values) return undefined;
  const assignment = decodeAssignment(anchored, milp, outcome.values);
  const assessment = assessPlacement(problem, assignment, spec, bounds);
  if (assessment.violations.length > 0) return undefined;
  return { assignment, assessment, nodes: outcome.nodes, lpIterations: outcome.lpIterations };
}
