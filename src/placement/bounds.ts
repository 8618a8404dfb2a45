/**
 * Lower bounds on what a placement can reach, without solving anything: what makes pruning a
 * candidate safe, and what proves that the candidates left out could not have done better.
 *
 * Each call's RTT is at least the least RTT between a place its caller may be at and a place its
 * callee may be at: the users' metro, a pinned service's places, the places a service may take at
 * all (its eligible places), or the one place the bound assumes for a single-place service. Two
 * bounds follow, each monotone in those RTTs:
 *
 * - per draw: every draw of the evaluator takes at least the network and payload time of the calls
 *   it makes (compute takes more than 0), a cached call at least the lesser of a hit and a miss, a
 *   parallel group its largest branch. A budget below it breaks in every draw, whatever the draws.
 * - mean-based: the mean-based latency of `assess.ts`, each call's expected RTT replaced by its least.
 *   With the least instance cost, it bounds the objective.
 */
import { itemOrThrow } from '../errors.js';
import { type ObjectiveSpec, objectiveWeights } from './objective.js';
import {
  type CallNode,
  type CallTree,
  instancesPerPlace,
  type PlacedService,
  type PlacementProblem,
  rttOf,
  type TreeStep,
} from './problem.js';

/** What the bound assumes: a single-place service at one location. */
export interface FixedPlace {
  readonly service: number;
  readonly location: number;
}

/** Which bound: of every draw, or of the mean-based latency. */
export type BoundKind = 'draw' | 'mean';

/**
 * Lower bounds over every placement that puts each service within its place set: for a pinned
 * service its places today, for one that may move the places given (its eligible places).
 */
export class LowerBounds {
  private readonly pairMin = new Map<string, number>();
  private readonly costs: number[];

  constructor(
    private readonly problem: PlacementProblem,
    /** Per service, the places it may be at. */
    private readonly sets: readonly (readonly number[])[],
  ) {
    this.costs = problem.services.map((s) => this.leastCost(s));
  }

  /** Each service's places: today's when pinned, else `eligible` of the service. */
  static of(problem: PlacementProblem, eligible: (service: PlacedService) => readonly number[]): LowerBounds {
    return new LowerBounds(
      problem,
      problem.services.map((s) => (s.pinned ? s.today.map((t) => t.location) : eligible(s))),
    );
  }

  private placesOf(service: number, fixed?: FixedPlace): readonly number[] {
    if (fixed && fixed.service === service) return [fixed.location];
    return itemOrThrow(this.sets, service, 'place set of a service');
  }

  private minBetween(from: readonly number[], to: readonly number[]): number {
    let least = Number.POSITIVE_INFINITY;
    for (const l of from) for (const m of to) least = Math.min(least, rttOf(this.problem, l, m));
    return least;
  }

  /** The least RTT of a call, from where its caller may be to where its callee may be. */
  private leastRtt(tree: CallTree, node: CallNode, metro: number, fixed?: FixedPlace): number {
    const parent = node.parent < 0 ? undefined : itemOrThrow(tree.nodes, node.parent, 'calling node');
    const callerKey = parent ? `s${parent.service}` : `m${metro}`;
    const involved = fixed && (fixed.service === node.service || fixed.service === parent?.service);
    const key = `${callerKey}>${node.service}`;
    if (!involved) {
      const known = this.pairMin.get(key);
      if (known !== undefined) return known;
    }
    const from = parent ? this.placesOf(parent.service, fixed) : [metro];
    const least = this.minBetween(from, this.placesOf(node.service, fixed));
    if (!involved) this.pairMin.set(key, least);
    return least;
  }

  /** A lower bound of a request's latency for users at `metro`: of every draw, or the mean-based one. */
  treeBound(tree: CallTree, metro: number, kind: BoundKind, fixed?: FixedPlace): number {
    const callValue = (n: number): number => {
      const node = itemOrThrow(tree.nodes, n, 'call node');
      const rtt = node.roundTrips * this.leastRtt(tree, node, metro, fixed);
      const hit = node.cacheHitRatio;
      if (kind === 'mean')
        return hit * node.cacheHitMs + (1 - hit) * (rtt + node.fixedMs + stepsValue(node.body));
      if (hit >= 1) return node.cacheHitMs;
      const miss = rtt + node.payloadMs + stepsValue(node.body);
      return hit > 0 ? Math.min(node.cacheHitMs, miss) : miss;
    };
    const stepsValue = (steps: readonly TreeStep[]): number => {
      let sum = 0;
      for (const step of steps) {
        if (step.kind === 'call') sum += callValue(step.node);
        else if (step.kind === 'series') sum += stepsValue(step.steps);
        else sum += Math.max(0, ...step.branches.map(stepsValue));
      }
      return sum;
    };
    return callValue(0);
  }

  /** A lower bound of each scenario's latency. */
  scenarioBounds(kind: BoundKind, fixed?: FixedPlace): number[] {
    return this.problem.scenarios.map((s) =>
      this.treeBound(itemOrThrow(this.problem.trees, s.request, 'call tree'), s.metro, kind, fixed),
    );
  }

  /**
   * The least instance cost of a service over its place set, at any allowed number of places;
   * with `at`, among the placements that include that location.
   */
  private leastCost(service: PlacedService, at?: number): number {
    const priceOf = (m: number) => this.problem.locations[m]?.priceUsd ?? 0;
    if (service.pinned)
      return service.today.reduce(
        (sum, t) => sum + priceOf(t.location) * instancesPerPlace(service.instances, service.today.length),
        0,
      );
    const prices = itemOrThrow(this.sets, service.index, 'place set of a service')
      .filter((m) => m !== at)
      .map(priceOf)
      .sort((a, b) => a - b);
    let least = Number.POSITIVE_INFINITY;
    for (let k = Math.max(1, service.minPlaces); k <= service.maxPlaces; k++) {
      const others = at === undefined ? k : k - 1;
      if (prices.length < others) break;
      let sum = at === undefined ? 0 : priceOf(at);
      for (let i = 0; i < others; i++) sum += prices[i] as number;
      least = Math.min(least, sum * instancesPerPlace(service.instances, k));
    }
    return least;
  }

  /**
   * A lower bound of the objective over the placements that put service `at.service` at
   * `at.location`: the latency and cost bounds, and the moves that place forces (the places of today
   * it leaves no room to keep); the tie-break for places beyond the fewest is never negative. The
   * latency part assumes that place only for a single-place service: traffic to one with several
   * places may go to another of them.
   */
  objectiveBound(spec: ObjectiveSpec, at: FixedPlace): number {
    const service = itemOrThrow(this.problem.services, at.service, 'service');
    const fixed = service.maxPlaces === 1 ? at : undefined;
    const weights = objectiveWeights(spec);
    const latency = this.scenarioBounds('mean', fixed).reduce(
      (sum, ms, i) => sum + itemOrThrow(this.problem.scenarios, i, 'scenario').weight * ms,
      0,
    );
    let cost = 0;
    this.costs.forEach((c, s) => {
      cost += s === at.service ? this.leastCost(service, at.location) : c;
    });
    const today = service.today.map((t) => t.location);
    const moves = today.includes(at.location) ? 0 : Math.max(0, today.length - (service.maxPlaces - 1));
    return weights.latency * latency + weights.cost * cost + weights.move * moves;
  }
}

/**
 * The locations of a single-place service that every placement breaks a budget from, by the
 * per-draw bound: `budgets[i]` is scenario i's tightest budget (p99 or p50), +Infinity for none.
 */
export function overBudget(
  bounds: LowerBounds,
  problem: PlacementProblem,
  service: PlacedService,
  locations: readonly number[],
  budgets: readonly number[],
): Set<number> {
  const out = new Set<number>();
  if (service.maxPlaces !== 1) return out;
  const scenarios = problem.scenarios.flatMap((s, i) => {
    const budget = itemOrThrow(budgets, i, 'budget');
    const tree = itemOrThrow(problem.trees, s.request, 'call tree');
    return Number.isFinite(budget) && tree.nodes.some((n) => n.service === service.index)
      ? [{ tree, metro: s.metro, budget }]
      : [];
  });
  for (const m of locations) {
    const fixed = { service: service.index, location: m };
    if (scenarios.some((s) => bounds.treeBound(s.tree, s.metro, 'draw', fixed) > s.budget + 1e-9)) out.add(m);
  }
  return out;
}

/** The services and locations left out that the bounds cannot show to be worse. */
export type Unproven = ReadonlyMap<number, readonly number[]>;

/**
 * Of each service's eligible places left out of its candidates, those the bounds cannot rule out:
 * a place is ruled out when every placement there breaks a scenario's bound (`bounds`, on the
 * mean-based latency), or, given the objective of the proposed placement, when none there can do
 * better than it. With `certify` false (nothing is claimed), every place left out.
 */
export function unprovenLeftOut(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  bounds: readonly number[],
  objective: number | undefined,
  certify = true,
): Unproven {
  if (!certify)
    return new Map(
      problem.services.flatMap((s) => {
        const kept = new Set(s.candidates);
        const left = s.eligible.filter((m) => !kept.has(m));
        return left.length > 0 ? [[s.index, left] as const] : [];
      }),
    );
  const lower = LowerBounds.of(problem, (s) => s.eligible);
  const out = new Map<number, number[]>();
  const tolerance = 1e-7 * Math.max(1, Math.abs(objective ?? 0));
  for (const service of problem.services) {
    if (service.pinned) continue;
    const kept = new Set(service.candidates);
    const left = service.eligible.filter((m) => !kept.has(m));
    const unproven = left.filter((m) => {
      const at = { service: service.index, location: m };
      if (service.maxPlaces === 1) {
        const scenarios = lower.scenarioBounds('mean', at);
        if (scenarios.some((ms, i) => ms > itemOrThrow(bounds, i, 'bound') + 1e-6)) return false;
      }
      return objective === undefined || lower.objectiveBound(spec, at) < objective - tolerance;
    });
    if (unproven.length > 0) out.set(service.index, unproven);
  }
  return out;
}
