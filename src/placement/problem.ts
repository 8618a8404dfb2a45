/**
 * The placement problem as plain indexed data: the places services may run at (with price, capacity
 * and fault domain), the services (candidates, fleet, replicas, routing), the requests' call trees
 * (expanded once, independent of where anything runs) and the scenarios (a request for the users of
 * one metro, with its weight and budgets). The MILP, the brute force and the heuristic all read this.
 *
 * Locations share one index space with the RTT table: `rttMs[a * size + b]`.
 */
import { DEFAULT_SERVICE_GBPS, DEFAULT_USER_GBPS, type EndpointTable, lognormalOf } from '../app/index.js';
import type { Place } from '../catalog/index.js';
import type {
  AppRequest,
  CallStep,
  Estate,
  FaultDomainLevel,
  RoutingPolicy,
  Service,
  ServiceCall,
} from '../model/index.js';
import { formatPath } from '../model/index.js';

/** The RTT charged for a pair of places with no physical path between them (100 s). */
export const UNREACHABLE_MS = 100_000;

/** A place a service may run at. */
export interface Location {
  /** Index in the RTT table. */
  readonly index: number;
  readonly place: Place;
  readonly kind: 'az' | 'local-zone' | 'region' | 'site';
  /** The region a zone belongs to (its parent for a Local Zone); a site's own id: its fault domain at region level. */
  readonly region: string;
  /**
   * Its fault domain at zone level: the zone (or site) itself, shared by the subnets of one zone
   * when the estate places services in subnets.
   */
  readonly zone: string;
  /** The subnet, when the location is one (an estate that places services in subnets). */
  readonly subnet?: string;
  /** USD per instance-hour. */
  readonly priceUsd: number;
  /**
   * Instances the services that may move can still put here: a site's (or a limited zone's)
   * capacity minus what pinned services use; +Infinity when unlimited.
   */
  readonly capacity: number;
}

/** A service as placement sees it. */
export interface PlacedService {
  readonly index: number;
  readonly id: string;
  readonly pinned: boolean;
  readonly routing: RoutingPolicy;
  /** Its fleet: the instances it runs today, in all; placement keeps the number and splits it evenly. */
  readonly instances: number;
  readonly minPlaces: number;
  readonly maxPlaces: number;
  readonly across: FaultDomainLevel;
  /**
   * Location indices it may run at, in tie order: among places at the same RTT from a caller, the
   * earlier one is reached (for a movable service, `at` is written in this order; a pinned one keeps
   * its `at` order). A pinned service's candidates are its places today.
   */
  readonly candidates: readonly number[];
  /**
   * Every location it may take in a placement that meets the rules and could meet the budgets:
   * those the rules allow (needs, residency, room at sites) but for the ones a budget rules out
   * whatever else runs where; the candidates are some of them. A pinned service's places today.
   */
  readonly eligible: readonly number[];
  /** Where it runs today, in `at` order. */
  readonly today: readonly { readonly location: number; readonly instances: number }[];
}

/** A step of a callee's work: a call, or a group of steps. */
export type TreeStep =
  | { readonly kind: 'call'; readonly node: number }
  | { readonly kind: 'series'; readonly steps: readonly TreeStep[] }
  | { readonly kind: 'parallel'; readonly id: number; readonly branches: readonly (readonly TreeStep[])[] };

/** One call in a request's expanded call tree. */
export interface CallNode {
  readonly service: number;
  /** The calling node; -1 for the users' call to the entry service. */
  readonly parent: number;
  readonly roundTrips: number;
  readonly cacheHitRatio: number;
  readonly cacheHitMs: number;
  /** What does not depend on placement: payload time plus the callee's mean compute time. */
  readonly fixedMs: number;
  /** The payload time alone: what every draw of the call takes besides the network and compute. */
  readonly payloadMs: number;
  /** What the callee does for this call, in series. */
  readonly body: readonly TreeStep[];
  /** `caller -> callee`, and where the call is written. */
  readonly label: string;
  readonly path: string;
}

/** A request's call tree: node 0 is the users' call to the entry service. */
export interface CallTree {
  readonly request: string;
  readonly nodes: readonly CallNode[];
  /** How many parallel groups it has (their ids run from 0). */
  readonly groups: number;
}

/** A request for the users of one metro. */
export interface Scenario {
  readonly request: number;
  readonly requestId: string;
  /** The users' metro: an index in the RTT table. */
  readonly metro: number;
  readonly metroId: string;
  /** The metro's share of the request's users. */
  readonly share: number;
  /** Weight in the latency objective: each request counts once, its metros by their share. */
  readonly weight: number;
  readonly p99BudgetMs: number | null;
  readonly p50BudgetMs: number | null;
}

export interface PlacementProblem {
  /** Every endpoint of the RTT table (the first `hosting` flags say which can host). */
  readonly table: EndpointTable;
  /** Locations by table index; undefined for endpoints that cannot host (metros). */
  readonly locations: readonly (Location | undefined)[];
  readonly services: readonly PlacedService[];
  readonly trees: readonly CallTree[];
  readonly scenarios: readonly Scenario[];
}

/** RTT from location a to location b, with {@link UNREACHABLE_MS} for no path. */
export function rttOf(problem: PlacementProblem, a: number, b: number): number {
  return rttIn(problem.table, a, b);
}

/** RTT between two endpoints of a table, with {@link UNREACHABLE_MS} for no path. */
export function rttIn(table: EndpointTable, a: number, b: number): number {
  const size = table.endpoints.length;
  const v = table.rttMs[a * size + b] as number;
  return Number.isFinite(v) ? v : UNREACHABLE_MS;
}

/** Mean of a lognormal compute time given by its median and 99th percentile. */
export function meanComputeMs(compute: { p50Ms: number; p99Ms: number }): number {
  const { medianMs, sigma } = lognormalOf(compute);
  return medianMs * Math.exp((sigma * sigma) / 2);
}

/**
 * Expands a request into its call tree: every call, with its callee's own calls (or the calls the
 * caller writes for it), independent of placement.
 */
export function expandRequest(
  request: AppRequest,
  services: ReadonlyMap<string, { index: number; service: Service }>,
  gbps: { readonly serviceGbps?: number; readonly userGbps?: number } = {},
): CallTree {
  const nodes: CallNode[] = [];
  let groups = 0;
  const serviceGbps = gbps.serviceGbps ?? DEFAULT_SERVICE_GBPS;
  const userGbps = gbps.userGbps ?? DEFAULT_USER_GBPS;
  const addCall = (call: ServiceCall, parent: number, caller: string): number => {
    const entry = services.get(call.service);
    if (!entry) throw new Error(`unknown service '${call.service}'`);
    const rate = call.gbps ?? (parent < 0 ? userGbps : serviceGbps);
    const payloadMs = (call.payloadBytes * 8) / (rate * 1e6);
    const index = nodes.length;
    // Reserve the slot so that children get higher indices than their parent.
    nodes.push(undefined as unknown as CallNode);
    const body = steps(call.calls ?? entry.service.calls, index, entry.service.id);
    nodes[index] = {
      service: entry.index,
      parent,
      roundTrips: call.roundTrips,
      cacheHitRatio: call.cacheHitRatio,
      cacheHitMs: call.cacheHitMs,
      fixedMs: payloadMs + meanComputeMs(entry.service.computeMs),
      payloadMs,
      body,
      label: `${caller} -> ${entry.service.id}`,
      path: formatPath(call.path),
    };
    return index;
  };
  const steps = (list: readonly CallStep[], parent: number, caller: string): TreeStep[] =>
    list.map((step): TreeStep => {
      if (step.kind === 'call') return { kind: 'call', node: addCall(step, parent, caller) };
      if (step.kind === 'series') return { kind: 'series', steps: steps(step.steps, parent, caller) };
      const id = groups++;
      return { kind: 'parallel', id, branches: step.steps.map((s) => steps([s], parent, caller)) };
    });
  addCall(request.entry, -1, 'users');
  return { request: request.id, nodes, groups };
}

/** The services each tree calls, by tree. */
export function servicesOfTree(tree: CallTree): Set<number> {
  return new Set(tree.nodes.map((n) => n.service));
}

/** Scenarios of an estate's requests, with weights and the tightest budgets. */
export function scenariosOf(estate: Estate, table: EndpointTable): Scenario[] {
  const scenarios: Scenario[] = [];
  const requests = estate.requests.length;
  estate.requests.forEach((request, r) => {
    for (const users of request.users) {
      const budgets = estate.budgets.filter(
        (b) => b.request === request.id && (b.metro === undefined || b.metro === users.metro.id),
      );
      const tightest = (key: 'p50Ms' | 'p99Ms') => {
        const bounds = budgets.map((b) => b[key]).filter((v): v is number => v !== undefined);
        return bounds.length > 0 ? Math.min(...bounds) : null;
      };
      const metro = table.indexOf.get(users.metro.id);
      if (metro === undefined) throw new Error(`the RTT table has no endpoint '${users.metro.id}'`);
      scenarios.push({
        request: r,
        requestId: request.id,
        metro,
        metroId: users.metro.id,
        share: users.share,
        weight: users.share / requests,
        p99BudgetMs: tightest('p99Ms'),
        p50BudgetMs: tightest('p50Ms'),
      });
    }
  });
  return scenarios;
}

/** A placement: for each service, the locations it runs at, in tie order; the primary first for `primary` routing. */
export type Assignment = readonly (readonly number[])[];

/**
 * The instances of a fleet of `instances` over `places` places: split evenly, the first places
 * taking one more when it does not divide; at least one per place.
 * @example splitInstances(12, 2) // [6, 6]; splitInstances(7, 3) // [3, 2, 2]
 */
export function splitInstances(instances: number, places: number): number[] {
  const base = Math.floor(instances / places);
  const extra = instances - base * places;
  return Array.from({ length: places }, (_, i) => Math.max(1, base + (i < extra ? 1 : 0)));
}

/** Instances per place for cost: the fleet over the places (at least one each). */
export function instancesPerPlace(instances: number, places: number): number {
  return Math.max(1, instances / places);
}

/** Instances per place for capacity: the most any place gets. */
export function peakInstancesPerPlace(instances: number, places: number): number {
  return Math.max(1, Math.ceil(instances / places));
}
