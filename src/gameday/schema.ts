/**
 * The game-day file: a scenario (designs, demand, client, actions and its timeline of `faults`)
 * plus the assertions that must hold through it. Assertions name a window (a fault while it is in
 * force, the time after it ends, or explicit times) and what must hold there: availability, p99,
 * the fault's detection and recovery, or a pool's launches and instances.
 */
import { z } from 'zod';
import { durationSchema } from '../model/index.js';
import { scenarioSchema } from '../sim/index.js';

const percent = z
  .union([z.number().min(0).max(100), z.string().regex(/^\s*\d+(\.\d+)?\s*%\s*$/)])
  .describe('a percentage, e.g. 99.9 or "99.9%"');

export const windowSchema = z
  .strictObject({
    fault: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe('the fault (1 = the first of `faults`): from its start to its end'),
    after: durationSchema
      .optional()
      .describe('with `fault`: instead the time from its end for this long (e.g. 10m after power returns)'),
    from: durationSchema.optional().describe('an explicit start (with `to`)'),
    to: durationSchema.optional().describe('an explicit end (with `from`)'),
  })
  .describe(
    'when the assertion applies: { fault: N }, { fault: N, after: 10m } or { from, to }; default the whole run',
  );

const countBound = z
  .strictObject({
    min: z.number().int().min(0).optional(),
    max: z.number().int().min(0).optional(),
  })
  .describe('bounds on a count: { min }, { max } or both');

export const assertionSchema = z
  .strictObject({
    name: z.string().min(1).optional().describe('how the report and JUnit name it; default: what it checks'),
    design: z.string().min(1).optional().describe('only this design; default every design'),
    during: windowSchema.optional(),
    request: z.string().min(1).optional().describe('only this request; default every request'),
    metro: z.string().min(1).optional().describe('only users in this metro (phoenix or metro:phoenix)'),
    availability: percent
      .optional()
      .describe('at least this share of the requests that ended in the window succeeded'),
    p99: durationSchema
      .optional()
      .describe("at most this p99 latency in every interval of the window (the worst interval's p99)"),
    detected: z
      .strictObject({ fault: z.number().int().min(1), within: durationSchema })
      .optional()
      .describe('the health checks noticed fault N within this time of its start'),
    recovered: z
      .strictObject({ fault: z.number().int().min(1), within: durationSchema })
      .optional()
      .describe(
        'the estate recovered from fault N (every pool it hit healthy with its instances back) within this time of its end',
      ),
    pool: z
      .string()
      .min(1)
      .optional()
      .describe('a pool as service@place, for launches, launchFailures and instances'),
    launches: countBound.optional().describe("the pool's instances launched in the window"),
    launchFailures: countBound
      .optional()
      .describe("the pool's launches refused in the window (no capacity, or no control plane)"),
    instances: countBound
      .optional()
      .describe("the pool's instances in service at every interval end of the window"),
  })
  .describe(
    'one thing that must hold: availability and/or p99 (of requests), detected, recovered, or a pool bound',
  );

export const gamedaySchema = scenarioSchema
  .extend({
    assertions: z
      .array(assertionSchema)
      .min(1)
      .describe('what must hold; the game day fails when one breaks'),
  })
  .describe(
    'a Footprint game day: a scenario with a timeline of faults, and assertions that must hold through it',
  );

export type GamedayInput = z.infer<typeof gamedaySchema>;
export type AssertionInput = z.infer<typeof assertionSchema>;
export type WindowInput = z.infer<typeof windowSchema>;

/** The game-day file's JSON Schema (draft 2020-12), for editors. */
export function gamedayJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(gamedaySchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, title: 'Footprint game day' };
}
