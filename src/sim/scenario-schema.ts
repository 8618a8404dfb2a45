/**
 * The scenario file (zod): what happens to an estate over time. It names its estate (or several
 * designs, each an estate file, compared side by side), and says how long, with which seed, what
 * demand per request and metro over time, sessions, what clients do on timeouts, and scheduled
 * capacity changes. `footprint schema --scenario` prints it as JSON Schema.
 */
import { z } from 'zod';
import { durationSchema } from '../model/index.js';
import { TRANSFER_CLASSES } from './model.js';

/** The largest demand a source may have, in requests per second. */
export const MAX_RATE = 10_000_000;

const rate = z.number().min(0).max(MAX_RATE).describe('requests per second');

export const rateSchema = z
  .union([
    rate,
    z.strictObject({ constant: rate }),
    z.strictObject({
      ramp: z.strictObject({
        from: rate,
        to: rate,
        start: durationSchema.describe('when the ramp starts'),
        end: durationSchema.describe('when it reaches `to`'),
      }),
    }),
    z.strictObject({
      diurnal: z.strictObject({
        mean: rate.describe('the mean rate over a period'),
        amplitude: z.number().min(0).max(1).describe('the swing around the mean, as a share of it (0 to 1)'),
        peakAt: durationSchema.describe('when in each period the rate peaks, from the start of the run'),
        period: durationSchema.optional().describe('default 24h'),
      }),
    }),
    z.strictObject({
      spike: z.strictObject({
        base: rate.describe('the rate before and after'),
        peak: rate.describe('the rate at the top'),
        at: durationSchema.describe('when the rise starts'),
        ramp: durationSchema.optional().describe('how long the rise takes; default 0 (a step)'),
        hold: durationSchema.describe('how long the peak lasts'),
        down: durationSchema.optional().describe('how long the fall back to base takes; default 0'),
      }),
    }),
    z.strictObject({
      csv: z
        .string()
        .min(1)
        .describe(
          'a CSV of rates relative to the scenario file: rows `seconds,rate` (a step at each row), or one rate per second',
        ),
    }),
  ])
  .describe(
    'demand over time in requests per second: a number, { constant }, { ramp }, { diurnal }, { spike } (an on-sale) or { csv }',
  );

export const demandSchema = z
  .strictObject({
    request: z.string().min(1).describe('a request id of the estate'),
    rate: rateSchema,
    metros: z
      .record(z.string(), z.number().positive())
      .optional()
      .describe("relative weights by metro (metro:slug); default: the request's users"),
    sessions: z
      .strictObject({
        requests: z.number().int().min(1).max(10_000).describe('requests per session'),
        think: durationSchema.describe(
          'mean think time between a response and the next request (exponential)',
        ),
      })
      .optional()
      .describe(
        'users make several requests in a session: sessions start at the rate divided by the requests each makes, so the rate stays requests per second',
      ),
  })
  .describe('demand for one request');

export const clientSchema = z
  .strictObject({
    timeout: durationSchema
      .optional()
      .describe('the client gives up on an attempt after this long; default 30s'),
    attempts: z
      .number()
      .int()
      .min(1)
      .max(10)
      .optional()
      .describe('attempts in all, 1 for no retry; default 1'),
    backoff: z
      .strictObject({
        base: durationSchema.describe('the first backoff ceiling'),
        cap: durationSchema.describe('the largest backoff ceiling'),
      })
      .optional()
      .describe('exponential backoff with full jitter between attempts; default base 100ms, cap 20s'),
    retryErrors: z
      .boolean()
      .optional()
      .describe('retry errors and rejections too, not only timeouts; default true'),
    dns: z
      .strictObject({
        resolvers: z
          .number()
          .optional()
          .describe('DNS resolvers per metro, each caching answers for their TTL; default 8, 1-64'),
        stretchShare: z
          .number()
          .optional()
          .describe(
            'share of clients whose resolvers (or JVMs) keep answers longer than the TTL; default 0, 0-1',
          ),
        stretchTo: durationSchema
          .optional()
          .describe('how long those keep an answer at least; default 15m, at most 1d'),
      })
      .optional()
      .describe('how users resolve front doors (Route 53 record sets): resolvers and their caches'),
  })
  .describe('what clients do when a request is slow or fails');

export const actionSchema = z
  .strictObject({
    at: durationSchema.describe('when'),
    pool: z
      .string()
      .min(1)
      .optional()
      .describe('one pool, as service@place (e.g. event-details@us-west-2-phx-2a)'),
    service: z
      .string()
      .min(1)
      .optional()
      .describe(
        "every pool of the service that scales (ec2, karpenter), in whichever design: e.g. a burst group's min before a known peak",
      ),
    min: z.number().int().min(0).optional(),
    desired: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
  })
  .describe(
    'a scheduled capacity change (EC2 Auto Scaling scheduled action) of a pool or a service: new min, desired or max',
  );

export const faultSchema = z
  .strictObject({
    at: durationSchema.describe('when it starts'),
    for: durationSchema
      .optional()
      .describe(
        'how long it lasts; default: till the end of the run (not for instances lost: they are replaced or not)',
      ),
    lose: z
      .strictObject({
        region: z.string().min(1).optional().describe('a region: all its AZs (e.g. us-west-2)'),
        zone: z
          .string()
          .min(1)
          .optional()
          .describe('an AZ by zone id (usw2-az1) or a Local Zone (us-west-2-phx-2a)'),
        site: z.string().min(1).optional().describe('an on-premises site of the estate (e.g. phx-dc)'),
        pool: z
          .string()
          .min(1)
          .optional()
          .describe('a pool, as service@place, that loses `instances` of its instances'),
        instances: z.number().int().min(1).max(10_000).optional().describe('with `pool`: how many'),
        boot: durationSchema
          .optional()
          .describe(
            'how long servers that do not scale (on-premises, fixed) take to come back once the place is back; default 5m',
          ),
      })
      .optional()
      .describe(
        'a place lost (its instances stop, nothing launches there; a Local Zone whose parent region is lost keeps running but cannot launch), or instances of a pool',
      ),
    cut: z
      .strictObject({
        link: z.string().min(1).describe('a link of the estate (e.g. dx-phx)'),
      })
      .optional()
      .describe('a link cut: traffic takes the paths that remain; calls with none fail'),
    brownout: z
      .strictObject({
        service: z.string().min(1).describe('the service browned out'),
        place: z.string().min(1).optional().describe('only its pool at this place; default every pool'),
        latency: durationSchema.optional().describe('added to each call it serves (e.g. 200ms)'),
        errorRate: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe('the share of its calls answered with an error'),
      })
      .optional()
      .describe("a dependency's brown-out: slower answers and/or errors"),
    deploy: z
      .strictObject({
        service: z.string().min(1).describe('the service whose configuration (or code) is pushed'),
        errorRate: z
          .number()
          .min(0)
          .max(1)
          .optional()
          .describe(
            'the share of calls a pool with the bad push answers with an error; default 1 (e.g. its namespaces deleted)',
          ),
        latency: durationSchema.optional().describe('added to each call a pool with the bad push serves'),
        strategy: z
          .enum(['all-at-once', 'one-at-a-time'])
          .optional()
          .describe('every cell at once (default), or one cell after another with `bake` between'),
        bake: durationSchema
          .optional()
          .describe('one-at-a-time: how long each cell runs it before the next gets it; default 10m'),
        alarm: durationSchema
          .optional()
          .describe(
            'how long after a cell gets it an alarm on its errors fires and stops the push; default 3m (three 1-minute datapoints); 0: no alarm',
          ),
        rollback: durationSchema
          .optional()
          .describe('how long the rollback takes once the alarm fires; default 2m'),
      })
      .optional()
      .describe(
        "a bad push to a service's cells (its cell group's cells, or each pool): all at once, or one at a time with a bake time, rolled back on an alarm",
      ),
  })
  .describe('a fault: one of lose, cut, brownout or deploy, from `at` for `for`');

export const designSchema = z
  .strictObject({
    estate: z
      .string()
      .min(1)
      .describe('an estate file relative to the scenario (usually one that extends the base)'),
    name: z.string().optional().describe('a human name for reports'),
  })
  .describe('one design compared in the scenario');

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('the scenario name'),
    description: z.string().optional(),
    estate: z
      .string()
      .min(1)
      .optional()
      .describe('the estate file, relative to this one (or give `designs`)'),
    designs: z
      .record(z.string(), designSchema)
      .optional()
      .describe('several designs run through the same scenario, side by side, by id'),
    duration: durationSchema.describe(
      'how long demand lasts (the run goes on until every request has ended)',
    ),
    seed: z
      .number()
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional()
      .describe('the seed; the same seed gives the same bytes; default 1'),
    interval: durationSchema
      .optional()
      .describe('the time series step; default: the duration / 120, rounded'),
    demand: z.array(demandSchema).min(1).describe('demand per request'),
    client: clientSchema.optional(),
    actions: z.array(actionSchema).optional().describe('scheduled capacity changes'),
    faults: z
      .array(faultSchema)
      .optional()
      .describe(
        'what fails and when: places, instances, links, brown-outs; the load balancers notice through their health checks',
      ),
    coldStart: z
      .strictObject({
        order: z
          .enum(['batch', 'strict'])
          .optional()
          .describe(
            'batch (default): every service starts with its servers and crash-loops until its start-up dependencies answer; strict: each starts as soon as they do',
          ),
        backoff: z
          .strictObject({
            base: durationSchema.optional().describe('the first restart delay; default 10s'),
            cap: durationSchema.optional().describe('the longest; default 5m'),
          })
          .optional()
          .describe('the crash loop: the delay between restarts doubles from base to cap'),
      })
      .optional()
      .describe(
        "how services with start-up dependencies come back after their place does (the estate's `startup:`)",
      ),
    prices: z
      .strictObject({
        transferPerGb: z
          .partialRecord(z.enum(TRANSFER_CLASSES), z.number().min(0).max(100))
          .optional()
          .describe('USD per GB by transfer class, over the defaults'),
      })
      .optional(),
  })
  .describe('a Footprint scenario: what happens to an estate over time');

export type ScenarioInput = z.infer<typeof scenarioSchema>;
export type RateInput = z.infer<typeof rateSchema>;
export type FaultInput = z.infer<typeof faultSchema>;

/** The JSON Schema of scenario files, for editors. */
export function scenarioJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(scenarioSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, title: 'Footprint scenario' };
}
