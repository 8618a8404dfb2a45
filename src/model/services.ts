/**
 * The resolved application model: services (what runs where), requests (user-facing call graphs)
 * and latency budgets. Every reference is checked; each part keeps the data path it came from so
 * that later layers can locate their errors in the estate file.
 */
import type { MetroId, Place } from '../catalog/index.js';
import type { UserPopulation } from './estate.js';
import type { HttpMethod } from './front-doors.js';
import type { FAULT_DOMAIN_LEVELS, ROUTING_POLICIES, SERVICE_SCOPES } from './services-schema.js';
import type { DataPath } from './source.js';

/** Which instance a caller reaches. */
export type RoutingPolicy = (typeof ROUTING_POLICIES)[number];

/**
 * Compute time per call: a lognormal with median `p50Ms` and 99th percentile `p99Ms`; a constant
 * when the two are equal.
 */
export interface ComputeTime {
  readonly p50Ms: number;
  readonly p99Ms: number;
}

/** Instances of a service at one place (a zone or a site). */
export interface ServicePlacement {
  /** Where the instances are: an AZ, a Local Zone, a region (some AZ of it) or a site. */
  readonly place: Place;
  /**
   * The subnet the instances sit in, when the estate models its network and the service names a
   * subnet (`place` is then the subnet's zone): their calls follow the route tables.
   */
  readonly subnet?: string;
  readonly instances: number;
  readonly path: DataPath;
}

/** Where a service's failure reaches. */
export type ServiceScope = (typeof SERVICE_SCOPES)[number];

/**
 * What a service depends on (seed 002): hard start-up dependencies it cannot start without,
 * soft request-time ones it is degraded without, and whether it can start without the hard ones
 * (bootstrapped, or statically stable from a cached configuration).
 */
export interface ServiceDependencies {
  /** Services that must answer before this one can start. */
  readonly startup: readonly string[];
  /** Services it is degraded without once running (default: the ones it calls). */
  readonly requestTime: readonly string[];
  readonly scope: ServiceScope;
  /** Brought up by a bootstrap path, without its start-up dependencies. */
  readonly bootstrap: boolean;
  /** Starts without its start-up dependencies (e.g. from a cached configuration). */
  readonly staticallyStable: boolean;
}

/** What counts as a separate fault domain: each place, or each region. */
export type FaultDomainLevel = (typeof FAULT_DOMAIN_LEVELS)[number];

/** How many places placement runs a service in (its instances split evenly over them). */
export interface Replicas {
  readonly min: number;
  readonly max: number;
  readonly across: FaultDomainLevel;
}

/** What a zone must offer to host a service. */
export interface ServiceNeeds {
  /** Any one of these instance families will do. */
  readonly instanceFamilies?: readonly string[];
  readonly gpu?: boolean;
  /** Every one of these AWS services must be offered. */
  readonly services?: readonly string[];
}

/** A service: where it runs, how long it computes, what it calls and needs. */
export interface Service {
  readonly id: string;
  readonly name: string;
  readonly placements: readonly ServicePlacement[];
  readonly computeMs: ComputeTime;
  /** True when the service cannot move (e.g. an on-premises database). */
  readonly pinned: boolean;
  readonly needs: ServiceNeeds;
  /** Allowed countries (ISO 3166-1 alpha-2, upper case); undefined when unrestricted. */
  readonly residency?: readonly string[];
  readonly routing: RoutingPolicy;
  /** What the service calls each time it is called, in series (a request may say otherwise). */
  readonly calls: readonly CallStep[];
  /** How many places placement may run it in: default one. */
  readonly replicas: Replicas;
  /** Start-up and request-time dependencies and scope; set by resolution (absent: none declared). */
  readonly dependencies?: ServiceDependencies;
  /** Where its users' sessions live, when the estate says. */
  readonly sessions?: SessionState;
  /** How a data store's writes reach its other places, when the estate says. */
  readonly replication?: Replication;
  readonly path: DataPath;
}

/**
 * Sessions: none (stateless), in the instance's memory (lost with the instance or its place), or in
 * a store replicated to the service's other places with a lag.
 */
export type SessionState =
  | { readonly kind: 'none' }
  | { readonly kind: 'memory' }
  | { readonly kind: 'replicated'; readonly lagMs: ComputeTime };

/**
 * A data store's replication: asynchronous (writes within the lag are lost on failover, and a
 * replica takes `promotionS` to become the writer) or synchronous (no loss; a write waits for
 * `quorum` places, the writer included).
 */
export type Replication =
  | { readonly mode: 'async'; readonly lagMs: ComputeTime; readonly promotionS: number }
  | { readonly mode: 'sync'; readonly quorum: number; readonly places: number };

/** One call from a caller to a service. */
export interface ServiceCall {
  readonly kind: 'call';
  readonly service: string;
  /** The call goes to this many instances at once and waits for all of them. */
  readonly fanOut: number;
  readonly roundTrips: number;
  /** Bytes moved, request plus response. */
  readonly payloadBytes: number;
  /** Throughput of one flow for the payload; undefined means the evaluator's default. */
  readonly gbps?: number;
  /** Share of calls a cache beside the caller answers. */
  readonly cacheHitRatio: number;
  /** What a cache hit costs. */
  readonly cacheHitMs: number;
  /** What the callee does for this call; undefined means the callee's own `calls`. */
  readonly calls?: readonly CallStep[];
  readonly note?: string;
  readonly path: DataPath;
}

/** Steps that run at the same time (`parallel`) or one after the other (`series`). */
export interface StepGroup {
  readonly kind: 'parallel' | 'series';
  readonly steps: readonly CallStep[];
  readonly note?: string;
  readonly path: DataPath;
}

export type CallStep = ServiceCall | StepGroup;

/** A user-facing request: users call the entry service, which calls others. */
export interface AppRequest {
  readonly id: string;
  readonly name: string;
  /** The users' call to the entry service; its `calls` override the entry's own. */
  readonly entry: ServiceCall;
  /** Who makes the request: its own users, or the estate's. Shares sum to 1. */
  readonly users: readonly UserPopulation[];
  /** The front door users enter through; undefined: straight to the entry service. */
  readonly via?: string;
  /** The HTTP method (GET when the estate says only `via`); undefined when it says neither. */
  readonly method?: HttpMethod;
  /** The URL path CloudFront matches behaviors against. */
  readonly urlPath?: string;
  readonly path: DataPath;
}

/** "Request X from metro Y at p99 <= Z ms." */
export interface LatencyBudget {
  readonly request: string;
  /** Undefined: every metro of the request. */
  readonly metro?: MetroId;
  readonly p50Ms?: number;
  readonly p99Ms?: number;
  readonly note?: string;
  readonly path: DataPath;
}

/** How much a site can hold. */
export interface SiteCapacity {
  /** Service instances the site can hold in all. */
  readonly instances: number;
}
