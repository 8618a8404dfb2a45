/**
 * The `cells:` section's schema (seed 004): named cell groups, each a set of services copied into N
 * cells inside fault boundaries, a router that maps users to cells by a partition key, and a cap
 * on a cell's size. Shapes only; `cells.ts` resolves the references.
 */
import { z } from 'zod';

export const PARTITION_KEYS = ['user', 'session', 'tenant'] as const;
export const CELL_ROUTERS = ['hash', 'shuffle-shard'] as const;

const placeList = z
  .array(z.string().min(1))
  .min(1)
  .describe('places: AZ ids (euw1-az1), Local Zones, regions or sites of the estate');

export const cellGroupSchema = z
  .strictObject({
    name: z.string().optional().describe('a human name for reports'),
    services: z.array(z.string().min(1)).min(1).describe('the services each cell holds a full copy of'),
    region: z
      .string()
      .min(1)
      .optional()
      .describe("with `count`: the cells spread round robin over the group's services' AZs in this region"),
    places: placeList
      .optional()
      .describe('with `count`: the cells spread round robin over these places (several cells may share one)'),
    count: z
      .number()
      .int()
      .optional()
      .describe('N: how many cells, at least 1; with `region` or `places` (not with `cells`)'),
    cells: z
      .record(z.string(), placeList)
      .optional()
      .describe('instead of `count`: each cell by name, with the places it runs in'),
    partitionKey: z
      .enum(PARTITION_KEYS)
      .optional()
      .describe('what the router maps to a cell: user, session or tenant; default user'),
    router: z
      .enum(CELL_ROUTERS)
      .optional()
      .describe(
        'hash: each key to one cell (one failure takes 1/N); shuffle-shard: each key to `shardSize` of the N cells; default hash',
      ),
    shardSize: z
      .number()
      .int()
      .optional()
      .describe('shuffle-shard only: k, the cells each key is served by (1 to N); default 2'),
    maxSize: z
      .strictObject({
        users: z
          .number()
          .gt(0)
          .max(1)
          .optional()
          .describe("the largest share of the group's users one cell may serve, 0 to 1"),
        instances: z
          .number()
          .int()
          .positive()
          .optional()
          .describe("the most instances one cell may run (its services' pools, at their desired size)"),
      })
      .optional()
      .describe('a cap on the size of a cell'),
  })
  .describe('a cell group: N full copies of a set of services, each in its own fault boundary');

export const cellsSchema = z
  .record(z.string(), cellGroupSchema)
  .describe(
    'cells, by group id (seed 004): `footprint cells` reports the blast radius of one cell and the N+2 check',
  );

export type CellGroupInput = z.infer<typeof cellGroupSchema>;
