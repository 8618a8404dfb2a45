/**
 * The estate's `frontDoors:` section (zod): how users' requests get in, by id. Each front door has
 * a `kind`: a Route 53 record set, a Global Accelerator, a CloudFront distribution, or an
 * application or network load balancer. A target is a pool (`service@place`) or another front door
 * (an alias). Shapes, ranges and defaults only; `resolve-front-doors.ts` and its helpers check
 * references, alias cycles and what each kind may point at. The defaults are documented in
 * `front-doors.ts` with their AWS sources.
 */
import { z } from 'zod';
import { durationSchema } from './duration.js';

const targetRef = z
  .string()
  .min(1)
  .describe('a front door id (an alias), or a pool as service@place (e.g. search@euw1-az1)');
const healthCheckRef = z.string().min(1).describe('a health check id under `healthChecks:`');

export const ROUTE53_POLICIES = [
  'simple',
  'weighted',
  'latency',
  'failover',
  'geolocation',
  'geoproximity',
  'multivalue',
  'ip-based',
] as const;

const geolocationSchema = z
  .union([
    z.literal('default'),
    z.strictObject({
      continent: z.enum(['AF', 'AN', 'AS', 'EU', 'NA', 'OC', 'SA']).optional().describe('a continent code'),
      country: z
        .string()
        .regex(/^[A-Z]{2}$/, 'a two-letter ISO 3166-1 country code')
        .optional()
        .describe('an ISO 3166-1 alpha-2 country code'),
      subdivision: z
        .string()
        .regex(/^[A-Z0-9]{1,3}$/, 'a subdivision code such as WA')
        .optional()
        .describe('a subdivision of the country, e.g. a US state (WA)'),
    }),
  ])
  .describe('geolocation: { continent } or { country[, subdivision] }, or default for everyone else');

export const route53RecordSchema = z
  .strictObject({
    target: targetRef,
    weight: z.number().int().min(0).max(255).optional().describe('weighted: 0 to 255 (share = weight / sum)'),
    region: z
      .string()
      .min(1)
      .optional()
      .describe(
        "latency: the AWS region the record answers for; geoproximity: a region or Local Zone (default: the target's)",
      ),
    failover: z.enum(['primary', 'secondary']).optional().describe('failover: primary or secondary'),
    geolocation: geolocationSchema.optional(),
    coordinates: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('geoproximity: [latitude, longitude] instead of a region'),
    bias: z.number().int().min(-99).max(99).optional().describe('geoproximity: -99 to 99, default 0'),
    cidrLocation: z
      .string()
      .min(1)
      .optional()
      .describe("ip-based: a location of the record set's cidrCollection, or '*' for every other address"),
    healthCheck: healthCheckRef.optional(),
    evaluateTargetHealth: z
      .boolean()
      .optional()
      .describe(
        'alias records: answer only while the target has a healthy record or endpoint; default false',
      ),
  })
  .describe('one record of a record set');

export const route53Schema = z
  .strictObject({
    kind: z.literal('route53'),
    name: z.string().optional().describe('the DNS name, e.g. api.example.com'),
    policy: z.enum(ROUTE53_POLICIES).describe('how Route 53 picks among the records'),
    ttl: z
      .number()
      .int()
      .min(0)
      .max(2_147_483_647)
      .optional()
      .describe(
        'seconds resolvers cache a non-alias answer; default 300 (alias records take the target’s: 60 for a load balancer)',
      ),
    cidrCollection: z
      .record(z.string(), z.array(z.string().min(1)).min(1))
      .optional()
      .describe('ip-based: CIDR blocks by location name'),
    records: z.array(route53RecordSchema).min(1).describe('the records, each with its target'),
  })
  .describe('a Route 53 record set: one name, a routing policy, records that point at targets');

const gaHealthCheckSchema = z
  .strictObject({
    protocol: z.enum(['tcp', 'http', 'https']).optional().describe('default tcp'),
    path: z.string().startsWith('/').optional(),
    interval: z.literal([10, 30]).optional().describe('10 or 30 seconds; default 30'),
    threshold: z.number().int().min(1).max(10).optional().describe('1 to 10; default 3'),
  })
  .describe("an endpoint group's health check");

const gaEndpointSchema = z
  .union([
    targetRef,
    z.strictObject({
      target: targetRef,
      weight: z.number().int().min(0).max(255).optional().describe('0 to 255; default 128'),
    }),
  ])
  .describe('an endpoint: a target, or { target, weight }');

export const globalAcceleratorSchema = z
  .strictObject({
    kind: z.literal('global-accelerator'),
    name: z.string().optional(),
    clientAffinity: z
      .enum(['none', 'source-ip'])
      .optional()
      .describe(
        'none (a 5-tuple hash spreads a client’s connections) or source-ip (a client sticks to one endpoint); default none',
      ),
    endpointGroups: z
      .record(
        z.string(),
        z.strictObject({
          trafficDial: z
            .number()
            .min(0)
            .max(100)
            .optional()
            .describe('percent of the traffic headed here that the group takes; default 100'),
          healthCheck: gaHealthCheckSchema.optional(),
          endpoints: z.array(gaEndpointSchema).min(1),
        }),
      )
      .describe('endpoint groups by region code'),
  })
  .describe('a Global Accelerator: anycast addresses at the edge, endpoint groups by region');

export const CLOUDFRONT_FAILOVER_CODES = [400, 403, 404, 416, 500, 502, 503, 504] as const;
export const HTTP_METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'] as const;

const cloudFrontOriginSchema = z
  .strictObject({
    target: targetRef,
    connectionAttempts: z.number().int().min(1).max(3).optional().describe('1 to 3; default 3'),
    connectionTimeout: z.number().int().min(1).max(10).optional().describe('seconds, 1 to 10; default 10'),
    responseTimeout: z
      .number()
      .int()
      .min(1)
      .max(180)
      .optional()
      .describe('seconds to wait for a response, 1 to 60 (up to 180 with a quota increase); default 30'),
  })
  .describe('an origin: where CloudFront fetches from');

const cloudFrontOriginGroupSchema = z
  .strictObject({
    primary: z.string().min(1).describe('an origin of this distribution'),
    secondary: z.string().min(1).describe('an origin of this distribution'),
    failoverOn: z
      .array(z.literal(CLOUDFRONT_FAILOVER_CODES))
      .min(1)
      .optional()
      .describe(
        `status codes that send the request to the secondary, from ${CLOUDFRONT_FAILOVER_CODES.join(', ')}; default 500, 502, 503, 504`,
      ),
  })
  .describe('an origin group: the primary, then the secondary on a failure (GET, HEAD and OPTIONS only)');

const cacheBehaviorSchema = z
  .strictObject({
    path: z.string().min(1).describe("the path pattern, e.g. /api/* ('*' is the default behavior)"),
    origin: z.string().min(1).optional().describe('an origin or origin group of this distribution'),
    methods: z
      .enum(['GET_HEAD', 'GET_HEAD_OPTIONS', 'ALL'])
      .optional()
      .describe('allowed methods: GET_HEAD, GET_HEAD_OPTIONS or ALL; default GET_HEAD'),
    cacheHitRatio: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe('share of requests the edge answers from cache; default 0'),
    ttl: durationSchema.optional().describe('how long the edge keeps an object; default 86400s (1 day)'),
    viewerFunction: z
      .strictObject({
        cookie: z.string().min(1).describe('the cookie whose value picks the origin'),
        origins: z.record(z.string(), z.string().min(1)).describe('origin (or origin group) by cookie value'),
        default: z
          .string()
          .min(1)
          .optional()
          .describe("the origin when the cookie is absent; default the behavior's"),
      })
      .optional()
      .describe('a CloudFront Function at viewer request that routes on a cookie'),
  })
  .describe('a cache behavior: requests whose path matches go to its origin');

export const cloudFrontSchema = z
  .strictObject({
    kind: z.literal('cloudfront'),
    name: z.string().optional(),
    origins: z.record(z.string(), cloudFrontOriginSchema).describe('origins by name'),
    originGroups: z
      .record(z.string(), cloudFrontOriginGroupSchema)
      .optional()
      .describe('origin groups by name'),
    behaviors: z
      .array(cacheBehaviorSchema)
      .min(1)
      .describe("cache behaviors, in order of precedence; the last is the default ('*')"),
  })
  .describe('a CloudFront distribution: edges near users, origins behind them');

const lbHealthCheckSchema = z
  .strictObject({
    protocol: z.enum(['http', 'https', 'tcp']).optional().describe('default http (ALB), tcp (NLB)'),
    path: z.string().startsWith('/').optional(),
    interval: z.number().int().min(5).max(300).optional().describe('seconds, 5 to 300; default 30'),
    timeout: z
      .number()
      .int()
      .min(2)
      .max(120)
      .optional()
      .describe('seconds; default 5 (ALB), 6 HTTP or 10 TCP (NLB)'),
    healthyThreshold: z.number().int().min(2).max(10).optional().describe('default 5'),
    unhealthyThreshold: z.number().int().min(2).max(10).optional().describe('default 2'),
  })
  .describe("the target group's health check");

const stickinessSchema = z
  .union([
    z.strictObject({
      type: z.literal('duration-cookie'),
      duration: durationSchema.optional().describe('1s to 7d; default 1d'),
    }),
    z.strictObject({
      type: z.literal('app-cookie'),
      cookie: z.string().min(1).describe("the application's cookie"),
      duration: durationSchema.optional().describe('1s to 7d; default 1d'),
    }),
    z.strictObject({ type: z.literal('source-ip') }),
  ])
  .describe('stickiness: duration-cookie or app-cookie (ALB), source-ip (NLB)');

export const loadBalancerSchema = z
  .strictObject({
    kind: z.enum(['alb', 'nlb']).describe('alb (HTTP, layer 7) or nlb (TCP, layer 4)'),
    name: z.string().optional(),
    targets: z.array(targetRef).min(1).describe('the pools behind it, as service@place'),
    crossZone: z
      .boolean()
      .optional()
      .describe('spread over every zone’s targets; default on for ALB, off for NLB'),
    stickiness: stickinessSchema.optional(),
    healthCheck: lbHealthCheckSchema.optional(),
    deregistrationDelay: durationSchema.optional().describe('0 to 3600s; default 300s'),
  })
  .describe('an Elastic Load Balancing load balancer in one region');

export const frontDoorSchema = z
  .discriminatedUnion('kind', [route53Schema, globalAcceleratorSchema, cloudFrontSchema, loadBalancerSchema])
  .describe('a front door: kind route53, global-accelerator, cloudfront, alb or nlb');

export const frontDoorsSchema = z
  .record(z.string(), frontDoorSchema)
  .describe('how users get in, by id: Route 53 record sets, accelerators, distributions, load balancers');

export type FrontDoorInput = z.infer<typeof frontDoorSchema>;
export type FrontDoorsInput = z.infer<typeof frontDoorsSchema>;
export type Route53Input = z.infer<typeof route53Schema>;
export type Route53RecordInput = z.infer<typeof route53RecordSchema>;
export type GlobalAcceleratorInput = z.infer<typeof globalAcceleratorSchema>;
export type CloudFrontInput = z.infer<typeof cloudFrontSchema>;
export type LoadBalancerInput = z.infer<typeof loadBalancerSchema>;
