/**
 * The estate's `healthChecks:` section (zod): Route 53 health checks, by id. Shapes, ranges and
 * defaults only; `resolve-health-checks.ts` checks what each one watches.
 *
 * AWS sources (Amazon Route 53 Developer Guide):
 * - "Values that you specify when you create or update health checks" (health-checks-creating-values.md):
 *   request interval 10 (fast) or 30 seconds; failure threshold 1-10, default 3; the checker regions,
 *   at least 3, default the 8 Route 53 uses; an endpoint is healthy when more than 18 % of checkers
 *   say so.
 * - "How Amazon Route 53 determines whether a health check is healthy" (dns-failover-determining-health-of-endpoints.md):
 *   HTTP and HTTPS checks must connect within 4 seconds and get a 2xx or 3xx status within 2 seconds
 *   after connecting; TCP checks must connect within 10 seconds; calculated checks are healthy when
 *   at least the health threshold of their child checks are (all of them: AND; one: OR).
 */
import { z } from 'zod';

/**
 * The regions Route 53's checkers run in by default (Route 53 API: HealthCheckRegion; Route 53
 * Developer Guide, "Values that you specify when you create a health check").
 */
export const ROUTE53_CHECKER_REGIONS = [
  'us-east-1',
  'us-west-1',
  'us-west-2',
  'eu-west-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
] as const;

export const HEALTH_CHECK_PROTOCOLS = ['http', 'https', 'tcp'] as const;

const childList = (what: string) =>
  z.array(z.string().min(1)).min(1).max(256).describe(`${what} (health check ids; at most 256)`);

export const calculatedHealthCheckSchema = z
  .union([
    z.strictObject({
      all: childList('healthy when every child check is healthy (AND)'),
    }),
    z.strictObject({
      any: childList('healthy when at least one child check is healthy (OR)'),
    }),
    z.strictObject({
      atLeast: z.number().int().min(0).max(256).describe('how many children must be healthy'),
      of: childList('the child checks'),
    }),
  ])
  .describe(
    'a calculated check over other checks: { all: [...] }, { any: [...] } or { atLeast: x, of: [...] }',
  );

export const healthCheckSchema = z
  .strictObject({
    protocol: z
      .enum(HEALTH_CHECK_PROTOCOLS)
      .optional()
      .describe('http, https or tcp; default https (ignored for calculated checks)'),
    target: z
      .string()
      .min(1)
      .optional()
      .describe(
        'what the check probes: a front door id (a load balancer, an accelerator) or a pool service@place',
      ),
    path: z.string().startsWith('/').optional().describe('the HTTP(S) path to request, e.g. /health'),
    interval: z
      .literal([10, 30])
      .optional()
      .describe('seconds between checks from each checker: 10 (fast) or 30; default 30'),
    failureThreshold: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .describe('consecutive failures (or successes) that flip the status, 1 to 10; default 3'),
    regions: z
      .array(z.enum(ROUTE53_CHECKER_REGIONS))
      .min(3)
      .optional()
      .describe(
        `the regions checkers run in, at least 3; default all 8: ${ROUTE53_CHECKER_REGIONS.join(', ')}`,
      ),
    calculated: calculatedHealthCheckSchema.optional(),
  })
  .describe('a Route 53 health check: one that probes a target, or one calculated from others');

export const healthChecksSchema = z
  .record(z.string(), healthCheckSchema)
  .describe('Route 53 health checks, by id (records of `frontDoors` name them)');

export type HealthCheckInput = z.infer<typeof healthCheckSchema>;
export type HealthChecksInput = z.infer<typeof healthChecksSchema>;
