/**
 * The mean-based model of a placement, computed straight from the call trees: the reference the
 * MILP must agree with, and what the brute force and the heuristic minimise.
 *
 * A call from a caller whose place is known as a distribution reaches the callee by its routing
 * policy (the nearest place, ties to the earlier in tie order; the primary; or every place alike
 * under `spread`), and costs the expected RTT times its round trips, plus its payload and the
 * callee's mean compute time, plus what the callee does in turn; a cache hit ratio h makes it
 * h x hit time + (1 - h) x that. Series add up; a parallel group takes the largest of its branches'
 * expected values. Fan-outs count once. That makes the mean-based latency a lower bound of the mean
 * the Monte Carlo evaluator draws (Jensen), and so of its p99: the evaluator has the last word.
 */
import { type ObjectiveSpec, objectiveWeights, primaryValue } from './objective.js';
import {
  type Assignment,
  type CallTree,
  instancesPerPlace,
  type PlacementProblem,
  peakInstancesPerPlace,
  rttOf,
  type TreeStep,
} from './problem.js';

/** Where something is: locations and their probabilities. */
type Distribution = readonly (readonly [number, number])[];

/** A placement measured. */
export interface Assessment {
  /** Mean-based latency of each scenario (ms). */
  readonly scenarioMs: readonly number[];
  /** Weighted over scenarios (ms). */
  readonly latencyMs: number;
  /** Instance cost (USD per hour), pinned services included. */
  readonly costUsd: number;
  /** Places the movable services run at beyond the fewest they must (replicas.min), in all. */
  readonly places: number;
  /** Places of today the movable services leave. */
  readonly moves: number;
  /** What the objective's kind measures, without tie-breaks. */
  readonly primary: number;
  /** The objective with its tie-breaks: what is minimised. */
  readonly objective: number;
  /** Why the placement is not allowed (replicas, capacity, budgets); empty when it is. */
  readonly violations: readonly string[];
}

/**
 * Measures a placement. `bounds` are upper bounds on each scenario's mean-based latency (the
 * budgets as the MILP sees them); `+Infinity` for none.
 */
export function assessPlacement(
  problem: PlacementProblem,
  assignment: Assignment,
  spec: ObjectiveSpec,
  bounds?: readonly number[],
): Assessment {
  const violations: string[] = [];
  const scenarioMs = problem.scenarios.map((scenario) =>
    treeLatency(problem, assignment, problem.trees[scenario.request] as CallTree, scenario.metro),
  );
  let latencyMs = 0;
  problem.scenarios.forEach((s, i) => {
    latencyMs += s.weight * (scenarioMs[i] as number);
    const bound = bounds?.[i] ?? Number.POSITIVE_INFINITY;
    if ((scenarioMs[i] as number) > bound + 1e-6)
      violations.push(
        `${s.requestId} from ${s.metroId}: ${(scenarioMs[i] as number).toFixed(3)} ms > ${bound.toFixed(3)} ms`,
      );
  });
  let costUsd = 0;
  let places = 0;
  let moves = 0;
  const used = new Map<number, number>();
  for (const service of problem.services) {
    const placed = assignment[service.index] ?? [];
    const k = placed.length;
    for (const m of placed) {
      const location = problem.locations[m];
      if (!location || !service.candidates.includes(m)) {
        violations.push(`${service.id}: ${problem.table.endpoints[m]?.id ?? m} is not a candidate`);
        continue;
      }
      costUsd += location.priceUsd * instancesPerPlace(service.instances, k);
      if (!service.pinned) used.set(m, (used.get(m) ?? 0) + peakInstancesPerPlace(service.instances, k));
    }
    if (new Set(placed).size !== k) violations.push(`${service.id}: a place listed twice`);
    if (service.pinned) continue;
    places += k - service.minPlaces;
    moves += service.today.filter((t) => !placed.includes(t.location)).length;
    if (k < service.minPlaces || k > service.maxPlaces)
      violations.push(`${service.id}: ${k} places, outside ${service.minPlaces}..${service.maxPlaces}`);
    if (service.routing === 'spread' && k !== service.minPlaces)
      violations.push(`${service.id}: spread routing runs at exactly ${service.minPlaces} places`);
    if (service.across === 'regions') {
      const regions = new Set(placed.map((m) => problem.locations[m]?.region));
      if (regions.size < service.minPlaces)
        violations.push(`${service.id}: ${regions.size} regions, fewer than ${service.minPlaces}`);
    } else {
      const zones = new Set(placed.map((m) => problem.locations[m]?.zone));
      if (zones.size < service.minPlaces)
        violations.push(`${service.id}: ${zones.size} zones, fewer than ${service.minPlaces}`);
    }
  }
  for (const [m, instances] of used) {
    const capacity = problem.locations[m]?.capacity ?? Number.POSITIVE_INFINITY;
    if (instances > capacity)
      violations.push(`${problem.table.endpoints[m]?.id}: ${instances} instances > capacity ${capacity}`);
  }
  const weights = objectiveWeights(spec);
  const objective =
    weights.latency * latencyMs + weights.cost * costUsd + weights.place * places + weights.move * moves;
  return {
    scenarioMs,
    latencyMs,
    costUsd,
    places,
    moves,
    primary: primaryValue(spec, latencyMs, costUsd),
    objective,
    violations,
  };
}

/** Mean-based latency of one request for users at `metro`. */
export function treeLatency(
  problem: PlacementProblem,
  assignment: Assignment,
  tree: CallTree,
  metro: number,
): number {
  const route = (service: number, from: number): Distribution => {
    const placed = assignment[service] ?? [];
    if (placed.length === 0) return [];
    if (placed.length === 1) return [[placed[0] as number, 1]];
    const policy = problem.services[service]?.routing;
    if (policy === 'primary') return [[placed[0] as number, 1]];
    if (policy === 'spread') return placed.map((m) => [m, 1 / placed.length] as const);
    let best = placed[0] as number;
    for (const m of placed) if (rttOf(problem, from, m) < rttOf(problem, from, best)) best = m;
    return [[best, 1]];
  };
  const callValue = (node: number, caller: Distribution): number => {
    const call = tree.nodes[node];
    if (!call) return 0;
    const callee = new Map<number, number>();
    let rtt = 0;
    for (const [l, p] of caller) {
      for (const [m, q] of route(call.service, l)) {
        rtt += p * q * rttOf(problem, l, m);
        callee.set(m, (callee.get(m) ?? 0) + p * q);
      }
    }
    if (callee.size === 0) return Number.POSITIVE_INFINITY;
    const where = [...callee.entries()];
    const inner = call.roundTrips * rtt + call.fixedMs + stepsValue(call.body, where);
    return call.cacheHitRatio * call.cacheHitMs + (1 - call.cacheHitRatio) * inner;
  };
  const stepsValue = (steps: readonly TreeStep[], where: Distribution): number => {
    let sum = 0;
    for (const step of steps) {
      if (step.kind === 'call') sum += callValue(step.node, where);
      else if (step.kind === 'series') sum += stepsValue(step.steps, where);
      else {
        let max = 0;
        for (const branch of step.branches) max = Math.max(max, stepsValue(branch, where));
        sum += max;
      }
    }
    return sum;
  };
  return callValue(0, [[metro, 1]]);
}

/** Today's placement as an assignment. */
export function todayAssignment(problem: PlacementProblem): number[][] {
  return problem.services.map((s) => s.today.map((t) => t.location));
}
