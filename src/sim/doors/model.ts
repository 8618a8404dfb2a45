/**
 * Front doors, compiled: the door graph every request with `via` enters through, as typed arrays
 * the engine reads per attempt (see compile-doors.ts and pack-doors.ts for how an estate's front
 * doors become this, and doors.ts for what the engine does with it). Nodes are doors (a Route 53
 * record set, a load balancer, a Global Accelerator and its endpoint groups, a CloudFront
 * distribution's behaviour for one request) or pools; edges are a node's records, targets,
 * endpoints or origins.
 */
import type { SimHealthCheck } from '../model.js';

export const DOOR_POOL = 0;
export const DOOR_ROUTE53 = 1;
export const DOOR_LB = 2;
export const DOOR_ACCELERATOR = 3;
export const DOOR_GROUP = 4;
export const DOOR_CLOUDFRONT = 5;

/** Route 53 policies the engine distinguishes (simple and multivalue answer like weighted, see route53.ts). */
export const POLICY_SIMPLE = 0;
export const POLICY_WEIGHTED = 1;
export const POLICY_FAILOVER = 2;
export const POLICY_LATENCY = 3;
export const POLICY_MULTIVALUE = 4;
export const POLICY_GEOLOCATION = 5;
export const POLICY_GEOPROXIMITY = 6;
export const POLICY_IP_BASED = 7;

/** A geolocation record's level (more specific is higher); IP-based records: the default location `*`. */
export const GEO_NONE = 0;
export const GEO_DEFAULT = 1;
export const GEO_CONTINENT = 2;
export const GEO_COUNTRY = 3;
export const GEO_SUBDIVISION = 4;

/** Load balancer stickiness and accelerator client affinity. */
export const STICKY_NONE = 0;
export const STICKY_COOKIE = 1;
export const STICKY_SOURCE_IP = 2;

/** An edge's failover role (Route 53 failover records; CloudFront origin groups). */
export const ROLE_NONE = 0;
export const ROLE_PRIMARY = 1;
export const ROLE_SECONDARY = 2;

/** One health-check group: targets checked alike, from the same checkers. */
export interface SimDoorCheckGroup {
  readonly check: SimHealthCheck;
  readonly targets: readonly number[];
  /** Checker endpoints; -1 beside the target. */
  readonly checkers: readonly number[];
  readonly minHealthyShare: number;
}

export interface SimDoors {
  /** Per node. */
  readonly kind: Uint8Array;
  /** Route 53: its policy; LB and accelerator: stickiness / affinity. */
  readonly policy: Uint8Array;
  /** Pool nodes: the pool; else -1. */
  readonly pool: Int32Array;
  /** Accelerator groups: the region's endpoint (proximity); CloudFront: unused. */
  readonly endpoint: Int32Array;
  /** Accelerator groups: the traffic dial (0-1). CloudFront: the behaviour's cache hit ratio. */
  readonly share: Float64Array;
  /** CloudFront: 1 when the request's method fails over (GET, HEAD, OPTIONS). */
  readonly failoverMethod: Uint8Array;
  /**
   * CloudFront: the delay of a primary that does not connect (attempts x connection timeout). Its
   * edges come in pairs per origin option (primary, then secondary or -1): the default option first,
   * then those a viewer function's cookie picks.
   */
  readonly connectS: Float64Array;
  /** Per node: its edges are first[n] .. first[n + 1] - 1. */
  readonly first: Int32Array;
  readonly label: readonly string[];
  /** Per edge. */
  readonly child: Int32Array;
  readonly weight: Float64Array;
  readonly role: Uint8Array;
  /** Latency records: the record's region endpoint; else -1. */
  readonly region: Int32Array;
  /** The health target whose view gates the edge; -1 none (healthy). */
  readonly check: Int32Array;
  /** Alias with evaluate target health: the child's own health counts too. */
  readonly evaluate: Uint8Array;
  /** Route 53 records: the TTL resolvers cache the answer for. */
  readonly ttlS: Float64Array;
  /** Health targets: the pools each probes (any up: healthy), as ranges into `targetPools`. */
  readonly targetFirst: Int32Array;
  readonly targetPools: Int32Array;
  readonly targetLabel: readonly string[];
  readonly groups: readonly SimDoorCheckGroup[];
  /** Resolvers per metro, the share of clients that stretch TTLs, and to what. */
  readonly resolvers: number;
  readonly stretchShare: number;
  readonly stretchToS: number;
  /** Replicated data stores: the writer pool, and what its loss costs. */
  readonly stores: readonly SimStore[];
  /** Per demand source: how it enters, or null when its request names no front door. */
  readonly entries: readonly (SimSourceDoor | null)[];
  /** Geolocation, geoproximity and IP-based records' data; absent when the graph has none. */
  readonly geo?: SimDoorGeo;
}

/**
 * Where records and endpoints are, for geolocation and geoproximity answers. Codes are interned:
 * a record's code and an endpoint's code of the same level are equal when they name the same place.
 */
export interface SimDoorGeo {
  /** Per edge: its {@link GEO_NONE} .. {@link GEO_SUBDIVISION} level, and the code at that level (-1 none). */
  readonly level: Uint8Array;
  readonly code: Int32Array;
  /** Per edge: geoproximity bias (-99..99), and its column in `km` (-1: not a geoproximity record). */
  readonly bias: Float64Array;
  readonly slot: Int32Array;
  /** Per endpoint: its subdivision, country and continent codes (-1 unknown). */
  readonly subdivision: Int32Array;
  readonly country: Int32Array;
  readonly continent: Int32Array;
  /** Row-major endpoints x slots: the geodesic distance (km) from the endpoint to the record's location. */
  readonly km: Float64Array;
  readonly slots: number;
}

/** Where a session's state lives, for what a lost pool costs it. */
export const SESSIONS_NONE = 0;
export const SESSIONS_MEMORY = 1;
export const SESSIONS_REPLICATED = 2;

/** How a demand source enters. */
export interface SimSourceDoor {
  /** Its first door. */
  readonly node: number;
  /** The users' metro endpoint (their resolvers' place). */
  readonly metro: number;
  /** The edge location it enters at (CloudFront, Global Accelerator), or -1. */
  readonly edge: number;
  /** A response from the edge's cache: the metro's RTT to the edge. */
  readonly hitS: number;
  readonly sessions: number;
  /**
   * The option a CloudFront viewer function's cookie picks for these users (0: its default): the
   * origin whose primary is nearest their edge, as an application that sets a home-region cookie would.
   */
  readonly cookie: number;
  /** Replicated sessions: the lag's median (s) and lognormal sigma. */
  readonly lagMedianS: number;
  readonly lagSigma: number;
}

/** A replicated data store's writer: asynchronous (lag, promotion) or synchronous (nothing lost). */
export interface SimStore {
  readonly service: string;
  readonly writer: number;
  readonly sync: boolean;
  readonly lagMedianS: number;
  readonly promotionS: number;
}
