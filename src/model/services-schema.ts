/**
 * The estate file's application sections (zod): services (what runs where), requests (user-facing
 * call graphs) and latency budgets. Shapes only; `resolve-services.ts` checks references, call
 * cycles, what each zone offers, residency and site capacity.
 */
import { z } from 'zod';
import { HTTP_METHODS } from './front-doors-schema.js';
import { replicationSchema, sessionsSchema } from './state-schema.js';

const serviceRef = z.string().min(1).describe('a service id of this estate');

const metroRef = z
  .string()
  .min(1)
  .describe('a metro id, e.g. metro:phoenix (see `footprint catalog metros`)');

/** A call step as written: a service id, a call with options, or a group of steps. */
export type CallStepInput =
  | string
  | {
      call?: string;
      parallel?: CallStepInput[];
      series?: CallStepInput[];
      fanOut?: number;
      roundTrips?: number;
      payloadBytes?: number;
      gbps?: number;
      cacheHitRatio?: number;
      cacheHitMs?: number;
      calls?: CallStepInput[];
      note?: string;
    };

/**
 * Upper bounds that keep every figure finite and every run short: a fan-out of a billion would run
 * for hours, a compute time of 1e308 ms turns sums into Infinity. Each is far past any real design.
 */
export const SERVICE_BOUNDS = {
  fanOut: 1000,
  roundTrips: 100,
  /** An hour, in ms: compute times, cache hits, budgets. */
  ms: 3_600_000,
  /** A terabyte. */
  payloadBytes: 1e12,
  gbps: 1000,
  instances: 100_000,
} as const;

const ms = (what: string) => z.number().nonnegative().max(SERVICE_BOUNDS.ms).describe(what);

const roundTrips = z
  .number()
  .int()
  .min(1)
  .max(SERVICE_BOUNDS.roundTrips)
  .describe('network round trips the call makes (a query in a transaction may make 3); default 1');
const payloadBytes = z
  .number()
  .nonnegative()
  .max(SERVICE_BOUNDS.payloadBytes)
  .describe('bytes the call moves, request plus response; default 0');
const gbps = z
  .number()
  .positive()
  .max(SERVICE_BOUNDS.gbps)
  .describe(
    'throughput of one flow in Gbit/s for the payload; default 5 between services (the EC2 single-flow limit), 0.1 for users',
  );

const stepList = (what: string, min = 0) =>
  z
    .array(z.lazy((): z.ZodType<CallStepInput> => callStepSchema))
    .min(min)
    .describe(what);

export const callStepSchema: z.ZodType<CallStepInput> = z
  .union([
    serviceRef,
    z.strictObject({
      call: serviceRef.optional().describe('the service called'),
      parallel: stepList(
        'steps that run at the same time; the group takes as long as the slowest',
      ).optional(),
      series: stepList('steps that run one after the other; their times add up', 1).optional(),
      fanOut: z
        .number()
        .int()
        .min(1)
        .max(SERVICE_BOUNDS.fanOut)
        .optional()
        .describe('the call goes to this many instances at once and waits for all of them; default 1'),
      roundTrips: roundTrips.optional(),
      payloadBytes: payloadBytes.optional(),
      gbps: gbps.optional(),
      cacheHitRatio: z
        .number()
        .min(0)
        .max(1)
        .optional()
        .describe('share of calls answered by a cache beside the caller, from 0 to 1; default 0'),
      cacheHitMs: ms('what a cache hit costs in ms; default 0').optional(),
      calls: stepList(
        "what the called service does for this call, in series ([] for nothing); default: the service's own `calls`",
      ).optional(),
      note: z.string().optional(),
    }),
  ])
  .describe('a call step: a service id, { call: service, ... }, { parallel: [steps] } or { series: [steps] }')
  .meta({ id: 'callStep' });

export const computeTimeSchema = z
  .union([
    ms('compute time in ms, always the same'),
    z.strictObject({
      p50: ms('median compute time in ms'),
      p99: ms('99th percentile compute time in ms'),
    }),
  ])
  .describe(
    'compute time per call in ms: a number (always the same) or { p50, p99 } (a lognormal with that median and 99th percentile)',
  );

export const placementSchema = z
  .union([
    z.string().min(1),
    z.strictObject({
      place: z
        .string()
        .min(1)
        .describe(
          'an AZ id, a Local Zone, a region code, a site of this estate, or a subnet of its network (its calls then follow the route tables)',
        ),
      instances: z
        .number()
        .int()
        .min(1)
        .max(SERVICE_BOUNDS.instances)
        .optional()
        .describe('how many instances run there; default 1'),
    }),
  ])
  .describe(
    'where instances of the service run: an AZ id (usw2-az1), a Local Zone (us-west-2-phx-2a), a region code (some AZ of it) or a site, optionally { place, instances }',
  );

export const ROUTING_POLICIES = ['nearest', 'primary', 'spread'] as const;

/** Where a service's failure reaches: one AZ, one region, or everywhere. */
export const SERVICE_SCOPES = ['zonal', 'regional', 'global'] as const;

const serviceIds = (what: string) => z.array(serviceRef).describe(what);

/** What counts as a separate fault domain for a service's replicas. */
export const FAULT_DOMAIN_LEVELS = ['zones', 'regions'] as const;

export const replicasSchema = z
  .strictObject({
    min: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('the fewest places (fault domains) the service must run in; default 1'),
    max: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('the most places it may run in (more places can bring it nearer its callers); default: min'),
    across: z
      .enum(FAULT_DOMAIN_LEVELS)
      .optional()
      .describe(
        'zones: every place is its own fault domain (an AZ, a Local Zone, a site); regions: the places must be in min different regions (a Local Zone counts as its parent region); default zones',
      ),
  })
  .describe(
    'how many places `footprint place` runs the service in; its instances are split evenly over them',
  );

export const serviceSchema = z
  .strictObject({
    name: z.string().optional().describe('a human name for reports'),
    at: z.array(placementSchema).min(1).describe('where the service runs: one entry per place'),
    computeMs: computeTimeSchema,
    pinned: z
      .boolean()
      .optional()
      .describe(
        'true when the service cannot move (e.g. a database that must stay on-premises); default false',
      ),
    needs: z
      .strictObject({
        instanceFamilies: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe(
            'EC2 instance families the service can run on (any one of them will do), e.g. [c6i, c5d]',
          ),
        gpu: z.boolean().optional().describe('true when the service needs a GPU instance family (g*, p*)'),
        services: z
          .array(z.string().min(1))
          .min(1)
          .optional()
          .describe('AWS services the zone must offer, e.g. [elasticache]'),
      })
      .optional()
      .describe('what a zone must offer to host the service'),
    residency: z
      .array(z.string().regex(/^[A-Za-z]{2}$/, 'a two-letter ISO 3166-1 country code'))
      .min(1)
      .optional()
      .describe('countries (ISO 3166-1 alpha-2, e.g. [US]) the service and its data may be in'),
    routing: z
      .enum(ROUTING_POLICIES)
      .optional()
      .describe(
        'which instance a caller reaches: nearest (least RTT from the caller, the default), primary (always the first place of `at`, e.g. a database writer) or spread (in proportion to instances, like a load balancer across zones)',
      ),
    calls: stepList('what the service calls each time it is called, in series').optional(),
    replicas: replicasSchema.optional(),
    startup: serviceIds(
      'hard dependencies: services that must answer before this one can start (it crash-loops until they do); `footprint deps` orders the cold start by them; default none',
    ).optional(),
    requestTime: serviceIds(
      'soft dependencies: services it is degraded without once running; default: the services it calls (its `calls`)',
    ).optional(),
    scope: z
      .enum(SERVICE_SCOPES)
      .optional()
      .describe(
        "where the service's failure reaches: zonal (one AZ, like an EC2 instance), regional (like a regional endpoint) or global; default regional",
      ),
    bootstrap: z
      .boolean()
      .optional()
      .describe(
        'true when the service is brought up by hand or a bootstrap path without its start-up dependencies (it breaks a start-up cycle); default false',
      ),
    staticallyStable: z
      .boolean()
      .optional()
      .describe(
        'true when the service can start without its start-up dependencies (e.g. from a cached configuration) and catches up when they answer; default false',
      ),
    sessions: sessionsSchema.optional(),
    replication: replicationSchema.optional(),
  })
  .describe('a service: where it runs, how long it computes, what it calls');

const userSchemaForRequest = z.strictObject({
  metro: metroRef,
  weight: z.number().positive().describe('relative weight of this population (normalised over the request)'),
  name: z.string().optional(),
});

export const requestSchema = z
  .strictObject({
    name: z.string().optional().describe('a human name for reports'),
    entry: serviceRef.describe('the service users call first'),
    users: z
      .array(userSchemaForRequest)
      .min(1)
      .optional()
      .describe("who makes the request; default: the estate's users"),
    calls: stepList(
      'what the entry service does for this request, in series; default: its own `calls`',
    ).optional(),
    roundTrips: roundTrips.optional(),
    payloadBytes: payloadBytes.optional(),
    gbps: gbps.optional(),
    via: z
      .string()
      .min(1)
      .optional()
      .describe(
        'the front door users enter through (an id under `frontDoors:`); default: straight to the entry service',
      ),
    method: z
      .enum(HTTP_METHODS)
      .optional()
      .describe('the HTTP method; default GET (CloudFront fails over only GET, HEAD and OPTIONS)'),
    path: z
      .string()
      .startsWith('/')
      .optional()
      .describe("the URL path, matched against CloudFront's cache behaviors; default /"),
  })
  .describe('a user-facing request: users call the entry service, which calls others');

export const budgetSchema = z
  .strictObject({
    request: z.string().min(1).describe('a request id of this estate'),
    metro: metroRef.optional().describe("the users' metro; default: every metro of the request"),
    p50Ms: z
      .number()
      .positive()
      .max(SERVICE_BOUNDS.ms)
      .optional()
      .describe('the median end-to-end latency must not exceed this'),
    p99Ms: z
      .number()
      .positive()
      .max(SERVICE_BOUNDS.ms)
      .optional()
      .describe('the 99th percentile must not exceed this'),
    note: z.string().optional().describe('why this budget'),
  })
  .describe('a latency budget: request X from metro Y at p99 <= Z ms; `footprint check` enforces it');

export const siteCapacitySchema = z
  .strictObject({
    instances: z
      .number()
      .int()
      .nonnegative()
      .describe(
        'how many service instances the site can hold in all; spare capacity is this minus what the estate places there',
      ),
  })
  .describe('how much the site can hold');
