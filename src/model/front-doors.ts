/**
 * Front doors and health checks, resolved: every reference checked, every default filled in. The
 * simulator reads these; the AWS behaviour each default stands for is cited beside it.
 *
 * Sources (AWS documentation; awsdocs/<guide>/doc_source where it is a file):
 * - Route 53 Developer Guide: routing-policy-*.md (weighted 0-255, geoproximity bias -99..99,
 *   IP-based CIDR collections with the default location '*'), resource-record-sets-values-alias.md
 *   ("If an alias record points to an Elastic Load Balancing load balancer, the TTL is 60 seconds";
 *   evaluate target health), health-checks-creating-values.md (interval 10 or 30 s, threshold 1-10
 *   default 3, 8 checker regions), dns-failover-determining-health-of-endpoints.md (HTTP(S): connect
 *   in 4 s, status in 2 s; TCP: connect in 10 s). The console's default TTL for a new record: 300 s.
 * - Global Accelerator Developer Guide: about-endpoint-groups-traffic-dial.md (0-100, default 100),
 *   about-endpoints-endpoint-weights.md (0-255, default 128), about-endpoint-groups-health-check-options.md
 *   (interval 10 or 30 s default 30, threshold 1-10 default 3, TCP by default),
 *   about-accelerators-client-affinity.md (NONE or SOURCE_IP).
 * - CloudFront Developer Guide: high_availability_origin_failover.md (origin groups; failover
 *   codes 400, 403, 404, 416, 500, 502, 503, 504; only GET, HEAD and OPTIONS fail over),
 *   DownloadDistValuesOrigin.md (connection attempts 1-3 default 3, connection timeout 1-10 s
 *   default 10, response timeout default 30 s), Expiration.md (default TTL 86,400 s),
 *   cloudfront-functions.md (viewer request functions can pick the origin).
 * - ALB User Guide: target-group-health-checks.md (interval 30 s, timeout 5 s, 5 healthy, 2
 *   unhealthy), sticky-sessions.md (duration cookie 1 s-7 days, default 1 day; application cookie),
 *   load-balancer-target-groups.md (deregistration delay 300 s), cross-zone on for ALB.
 * - NLB User Guide: target-group-health-checks.md (interval 30 s; timeout 6 s HTTP, 10 s TCP; 5
 *   healthy, 2 unhealthy), sticky sessions by source IP, cross-zone off by default.
 */
import type { Place } from '../catalog/index.js';
import type { CLOUDFRONT_FAILOVER_CODES, HTTP_METHODS, ROUTE53_POLICIES } from './front-doors-schema.js';
import type { DataPath } from './source.js';

export type HttpMethod = (typeof HTTP_METHODS)[number];
export type Route53Policy = (typeof ROUTE53_POLICIES)[number];
export type CloudFrontFailoverCode = (typeof CLOUDFRONT_FAILOVER_CODES)[number];

/** Route 53 defaults. */
export const ROUTE53_DEFAULTS = {
  /** A record's TTL when the estate gives none (the console's default). */
  ttlS: 300,
  /** An alias to a load balancer: fixed by Route 53. */
  aliasToLoadBalancerTtlS: 60,
  /** An alias to CloudFront or Global Accelerator: Route 53 answers with the target's own 60 s. */
  aliasToEdgeTtlS: 60,
  intervalS: 30,
  failureThreshold: 3,
  /** Healthy when more than this share of checkers say so. */
  healthyCheckerShare: 0.18,
  httpConnectTimeoutS: 4,
  httpResponseTimeoutS: 2,
  tcpConnectTimeoutS: 10,
} as const;

export const GLOBAL_ACCELERATOR_DEFAULTS = {
  trafficDial: 100,
  weight: 128,
  intervalS: 30,
  threshold: 3,
} as const;

export const CLOUDFRONT_DEFAULTS = {
  connectionAttempts: 3,
  connectionTimeoutS: 10,
  responseTimeoutS: 30,
  ttlS: 86_400,
  failoverOn: [500, 502, 503, 504] as readonly CloudFrontFailoverCode[],
  /** The methods an origin group fails over. */
  failoverMethods: ['GET', 'HEAD', 'OPTIONS'] as readonly HttpMethod[],
} as const;

export const LOAD_BALANCER_DEFAULTS = {
  alb: { crossZone: true, protocol: 'http', intervalS: 30, timeoutS: 5, healthy: 5, unhealthy: 2 },
  nlb: {
    crossZone: false,
    protocol: 'tcp',
    intervalS: 30,
    timeoutS: 10,
    httpTimeoutS: 6,
    healthy: 5,
    unhealthy: 2,
  },
  deregistrationDelayS: 300,
  stickinessDurationS: 86_400,
  maxStickinessDurationS: 7 * 86_400,
} as const;

/** What a front door or a health check points at: a pool of a service, or another front door. */
export type FrontDoorTarget =
  | { readonly kind: 'pool'; readonly service: string; readonly place: Place; readonly ref: string }
  | { readonly kind: 'front-door'; readonly id: string };

/** A Route 53 health check. */
export interface HealthCheck {
  readonly id: string;
  readonly kind: 'endpoint' | 'calculated';
  readonly protocol: 'http' | 'https' | 'tcp';
  readonly target?: FrontDoorTarget;
  readonly urlPath?: string;
  readonly intervalS: number;
  readonly failureThreshold: number;
  readonly regions: readonly string[];
  readonly connectTimeoutS: number;
  /** HTTP(S): time for the status after connecting; 0 for TCP. */
  readonly responseTimeoutS: number;
  /** Calculated checks: their children, and how many must be healthy. */
  readonly children: readonly string[];
  readonly healthyThreshold: number;
  readonly path: DataPath;
}

/** One record of a Route 53 record set. */
export interface Route53Record {
  readonly target: FrontDoorTarget;
  /** True when the target is an AWS resource named by alias (a front door); pools are IP records. */
  readonly alias: boolean;
  readonly evaluateTargetHealth: boolean;
  /** Seconds resolvers cache the answer. */
  readonly ttlS: number;
  readonly weight?: number;
  readonly region?: string;
  readonly failover?: 'primary' | 'secondary';
  /** Geolocation: 'default', or the most specific of continent, country and subdivision. */
  readonly geolocation?:
    | 'default'
    | { readonly continent?: string; readonly country?: string; readonly subdivision?: string };
  readonly coordinates?: { readonly lat: number; readonly lon: number };
  readonly bias: number;
  readonly cidrLocation?: string;
  readonly healthCheck?: string;
  readonly path: DataPath;
}

export interface Route53RecordSet {
  readonly kind: 'route53';
  readonly id: string;
  readonly name: string;
  readonly policy: Route53Policy;
  /** The TTL the estate gave (non-alias records), when it gave one. */
  readonly ttlS?: number;
  readonly cidrCollection: ReadonlyMap<string, readonly string[]>;
  readonly records: readonly Route53Record[];
  readonly path: DataPath;
}

export interface AcceleratorEndpoint {
  readonly target: FrontDoorTarget;
  readonly weight: number;
}

export interface EndpointGroup {
  readonly region: string;
  readonly trafficDial: number;
  readonly healthCheck: {
    readonly protocol: 'tcp' | 'http' | 'https';
    readonly urlPath?: string;
    readonly intervalS: number;
    readonly threshold: number;
  };
  readonly endpoints: readonly AcceleratorEndpoint[];
  readonly path: DataPath;
}

export interface GlobalAccelerator {
  readonly kind: 'global-accelerator';
  readonly id: string;
  readonly name: string;
  readonly clientAffinity: 'none' | 'source-ip';
  readonly endpointGroups: readonly EndpointGroup[];
  readonly path: DataPath;
}

export interface CloudFrontOrigin {
  readonly name: string;
  readonly target: FrontDoorTarget;
  readonly connectionAttempts: number;
  readonly connectionTimeoutS: number;
  readonly responseTimeoutS: number;
}

export interface CloudFrontOriginGroup {
  readonly name: string;
  readonly primary: string;
  readonly secondary: string;
  readonly failoverOn: readonly CloudFrontFailoverCode[];
}

export interface CacheBehavior {
  readonly pathPattern: string;
  /** An origin or origin group of the distribution. */
  readonly origin: string;
  readonly methods: readonly HttpMethod[];
  readonly cacheHitRatio: number;
  readonly ttlS: number;
  readonly viewerFunction?: {
    readonly cookie: string;
    readonly origins: ReadonlyMap<string, string>;
    readonly fallback: string;
  };
  readonly path: DataPath;
}

export interface CloudFrontDistribution {
  readonly kind: 'cloudfront';
  readonly id: string;
  readonly name: string;
  readonly origins: ReadonlyMap<string, CloudFrontOrigin>;
  readonly originGroups: ReadonlyMap<string, CloudFrontOriginGroup>;
  readonly behaviors: readonly CacheBehavior[];
  readonly path: DataPath;
}

export type Stickiness =
  | { readonly type: 'duration-cookie'; readonly durationS: number }
  | { readonly type: 'app-cookie'; readonly cookie: string; readonly durationS: number }
  | { readonly type: 'source-ip' };

export interface LoadBalancer {
  readonly kind: 'alb' | 'nlb';
  readonly id: string;
  readonly name: string;
  readonly region: string;
  readonly targets: readonly (FrontDoorTarget & { readonly kind: 'pool' })[];
  readonly crossZone: boolean;
  readonly stickiness?: Stickiness;
  readonly healthCheck: {
    readonly protocol: 'http' | 'https' | 'tcp';
    readonly urlPath?: string;
    readonly intervalS: number;
    readonly timeoutS: number;
    readonly healthyThreshold: number;
    readonly unhealthyThreshold: number;
  };
  readonly deregistrationDelayS: number;
  readonly path: DataPath;
}

export type FrontDoor = Route53RecordSet | GlobalAccelerator | CloudFrontDistribution | LoadBalancer;

/** How a request enters: through a front door, with an HTTP method and path. */
export interface RequestEntry {
  readonly request: string;
  readonly via: string;
  readonly method: HttpMethod;
  readonly urlPath: string;
  readonly path: DataPath;
}

/** The targets a front door points at directly (aliases not followed). */
export function frontDoorTargets(door: FrontDoor): FrontDoorTarget[] {
  switch (door.kind) {
    case 'route53':
      return door.records.map((r) => r.target);
    case 'global-accelerator':
      return door.endpointGroups.flatMap((g) => g.endpoints.map((e) => e.target));
    case 'cloudfront':
      return [...door.origins.values()].map((o) => o.target);
    default:
      return [...door.targets];
  }
}
