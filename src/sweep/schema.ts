/**
 * The sweep file (zod): a grid of simulations. It names a scenario, and the axes its points span:
 * designs (estate files, or an estate with a JSON Merge Patch), load levels (multipliers of the
 * scenario's demand), outages (named lists of faults, each in place of the scenario's) and seeds.
 * Every combination is one point, one simulation. `set` changes the scenario for every point (a
 * shorter run, another demand curve) without editing it.
 */
import { z } from 'zod';
import { scenarioSchema } from '../sim/index.js';

/** The most points a sweep may have. */
export const MAX_POINTS = 1_000_000;

const id = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, dots, dashes and underscores')
  .max(64)
  .describe('an id: letters, digits, dots, dashes and underscores');

const shape = scenarioSchema.shape;

export const sweepDesignSchema = z
  .strictObject({
    estate: z.string().min(1).describe('an estate file, relative to the sweep file'),
    name: z.string().optional().describe('a human name for reports'),
    patch: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('a JSON Merge Patch over the estate: a variant without a file of its own'),
  })
  .describe('one design of the grid: an estate file, optionally patched');

export const sweepSetSchema = z
  .strictObject({
    duration: shape.duration.optional(),
    interval: shape.interval,
    demand: shape.demand.optional(),
    client: shape.client,
    actions: shape.actions,
    prices: shape.prices,
  })
  .describe("the scenario's keys changed for every point (a shorter run, another demand curve)");

export const sweepSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('the sweep name'),
    description: z.string().optional(),
    scenario: z.string().min(1).describe('the scenario file, relative to this one'),
    set: sweepSetSchema.optional(),
    designs: z
      .record(id, sweepDesignSchema)
      .optional()
      .describe("the designs, by id; default: the scenario's own"),
    loads: z
      .array(z.number().positive().max(1000))
      .min(1)
      .max(1000)
      .optional()
      .describe("load levels: multipliers of the scenario's demand (1 = as the scenario says); default [1]"),
    outages: z
      .record(id, shape.faults.unwrap())
      .optional()
      .describe(
        "named outages, each a list of faults (as a scenario's `faults:`) in place of the scenario's; [] for none; default: the scenario's own faults, as 'scenario'",
      ),
    seeds: z
      .union([
        z
          .array(
            z
              .number()
              .int()
              .min(0)
              .max(2 ** 31 - 1),
          )
          .min(1)
          .max(100_000),
        z.strictObject({
          from: z
            .number()
            .int()
            .min(0)
            .max(2 ** 31 - 1),
          count: z.number().int().min(1).max(100_000),
        }),
      ])
      .optional()
      .describe("the seeds: a list, or { from, count }; default: the scenario's seed"),
  })
  .describe('a Footprint sweep: a grid of simulations over designs, load levels, outages and seeds');

export type SweepInput = z.infer<typeof sweepSchema>;
export type SweepDesignInput = z.infer<typeof sweepDesignSchema>;
