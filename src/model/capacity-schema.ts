/**
 * The estate's `capacity:` section (zod): for each service, the pools that run it over time (where,
 * on what platform, how many instances and workers, how they scale, Spot, prices). Shapes only;
 * `capacity.ts` resolves places and checks each pool against its platform. The simulator reads it;
 * the static evaluator keeps reading `services.<id>.at`.
 */
import { z } from 'zod';
import { durationSchema } from './duration.js';

/** Who adds and removes a pool's instances. */
export const PLATFORMS = ['on-premises', 'eks-hybrid', 'fixed', 'ec2', 'karpenter'] as const;
export type Platform = (typeof PLATFORMS)[number];
/** Platforms whose instance count never changes during a run. */
export const FIXED_PLATFORMS: readonly Platform[] = ['on-premises', 'eks-hybrid', 'fixed'];
/** Platforms that run at the company's own sites. */
export const SITE_PLATFORMS: readonly Platform[] = ['on-premises', 'eks-hybrid'];

/** How a caller picks among a service's pools in the simulator. */
export const BALANCING_POLICIES = ['nearest', 'primary', 'round-robin', 'least-outstanding'] as const;
export type BalancingPolicy = (typeof BALANCING_POLICIES)[number];

export const SCALING_METRICS = ['utilisation', 'requests-per-instance'] as const;

/** Bounds that keep a run's memory in reason: instances of a pool, workers of an instance. */
export const MAX_POOL_INSTANCES = 10_000;
export const MAX_WORKERS = 10_000;

const count = (what: string) => z.number().int().min(0).max(MAX_POOL_INSTANCES).describe(what);

export const scalingSchema = z
  .strictObject({
    metric: z
      .enum(SCALING_METRICS)
      .optional()
      .describe(
        'what the policy tracks: utilisation (busy workers / workers, like average CPU) or requests-per-instance (per second, like ALBRequestCountPerTarget); default utilisation',
      ),
    target: z
      .number()
      .positive()
      .max(1_000_000)
      .describe(
        'the target value: a utilisation from 0 to 1 (e.g. 0.6), or requests per instance per second',
      ),
    over: z
      .enum(['pool', 'service'])
      .optional()
      .describe(
        "measure the metric over this pool only, or over all the service's pools (a burst pool that starts empty scales on the whole service's load); default pool",
      ),
    period: durationSchema
      .optional()
      .describe(
        'how often the policy evaluates the metric; default 60s for ec2 (CloudWatch), 15s for karpenter (HPA)',
      ),
    outPeriods: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe(
        'periods above the target before scaling out; default 3 for ec2 (the policy alarm: 3 of 3), 1 for karpenter',
      ),
    inPeriods: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .describe(
        'periods below 90 % of the target before scaling in; default 15 for ec2, 20 for karpenter (5 minutes)',
      ),
    launch: durationSchema
      .optional()
      .describe('from the launch request to serving traffic; default 120s for ec2, 60s for karpenter'),
    cooldown: durationSchema
      .optional()
      .describe('the least time between two scale-ins; default 300s for ec2, 0 for karpenter'),
    scaleInShare: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe(
        'the largest share of in-service instances one scale-in removes; default 0.1 for ec2, 1 for karpenter',
      ),
  })
  .describe('target tracking: add instances when the metric is above the target, remove them when below');

export const spotSchema = z
  .strictObject({
    share: z.number().min(0).max(1).describe('share of the instances that run on Spot, from 0 to 1'),
    hourly: z.number().nonnegative().max(10_000).describe('what a Spot instance-hour costs in USD'),
    interruptionsPerHour: z
      .number()
      .min(0)
      .max(10)
      .optional()
      .describe(
        'interruptions per Spot instance per hour (the Spot Instance Advisor bands: under 5 % a month is about 0.00007); default 0.0003 (about 20 % a month)',
      ),
    families: z
      .array(z.string().regex(/^[a-z][a-z0-9-]*$/, 'an instance family, e.g. c6i'))
      .min(1)
      .max(1000)
      .optional()
      .describe(
        'instance families the Spot instances are spread over (an interruption wave takes one); default: the pool’s own',
      ),
  })
  .describe(
    'Spot instances: their share, price and interruptions (a 2-minute notice, then the instance stops)',
  );

export const poolSchema = z
  .strictObject({
    platform: z
      .enum(PLATFORMS)
      .describe(
        'who runs the instances: on-premises (fixed racks at a site), eks-hybrid (EKS hybrid nodes at a site), fixed (a constant number of cloud instances), ec2 (an EC2 Auto Scaling group) or karpenter (EKS nodes by Karpenter)',
      ),
    instances: z
      .union([
        count('how many instances, always'),
        z
          .strictObject({
            min: count('the fewest instances').optional(),
            desired: count('instances at the start of a run; default min'),
            max: count('the most instances'),
          })
          .partial({ desired: true }),
      ])
      .describe('instances: a number (fixed), or { min, desired, max } for a pool that scales'),
    workers: z
      .number()
      .int()
      .min(1)
      .max(MAX_WORKERS)
      .describe(
        'requests one instance serves at once (threads, event-loop concurrency, pods x their workers)',
      ),
    queuePerInstance: z
      .number()
      .int()
      .min(0)
      .max(1_000_000)
      .optional()
      .describe(
        'requests one instance may hold waiting for a worker before it turns more away; default no limit',
      ),
    instanceType: z
      .string()
      .regex(/^[a-z][a-z0-9-]*\.[a-z0-9]+$/, 'an EC2 instance type such as c6i.2xlarge')
      .optional()
      .describe(
        'the EC2 instance type, e.g. c6i.2xlarge (its family is checked against the zone, and counts toward its capacity)',
      ),
    hourly: z
      .number()
      .nonnegative()
      .max(10_000)
      .optional()
      .describe(
        "what an instance-hour costs in USD (on-premises: the server's cost amortised per hour); default: placement.instanceHourUsd",
      ),
    scaling: scalingSchema.optional(),
    spot: spotSchema.optional(),
  })
  .describe('a pool of instances of one service at one place');

export const healthCheckSchema = z
  .strictObject({
    interval: durationSchema.optional().describe('time between probes of a pool; default 30s (5s-300s)'),
    timeout: durationSchema
      .optional()
      .describe('a probe that has no answer within this fails; default 5s (2s-120s, less than the interval)'),
    unhealthy: z
      .number()
      .int()
      .min(2)
      .max(10)
      .optional()
      .describe('consecutive failed probes before a pool is taken out; default 2'),
    healthy: z
      .number()
      .int()
      .min(2)
      .max(10)
      .optional()
      .describe('consecutive good probes before it is put back; default 5'),
  })
  .describe(
    "the load balancer's health check of the pools (simulator, with faults); default Elastic Load Balancing's: 30s, 5s, 2 unhealthy, 5 healthy",
  );

export const serviceCapacitySchema = z
  .strictObject({
    balancing: z
      .enum(BALANCING_POLICIES)
      .optional()
      .describe(
        "how callers pick among the pools: nearest (the nearest pool with a free worker, then the least loaded), primary (the same in the listed order), round-robin (in proportion to workers) or least-outstanding; default from the service's routing",
      ),
    healthCheck: healthCheckSchema.optional(),
    pools: z
      .record(z.string(), poolSchema)
      .describe(
        'the pools, by place (an AZ id, a Local Zone, a region, a site or a subnet), in order of preference',
      ),
  })
  .describe("a service's capacity over time");

export const capacitySchema = z
  .record(z.string(), serviceCapacitySchema)
  .describe(
    'capacity over time, by service id: pools, platforms, scaling, Spot and prices (read by `footprint simulate`)',
  );

export type CapacityInput = z.infer<typeof capacitySchema>;
export type PoolInput = z.infer<typeof poolSchema>;
