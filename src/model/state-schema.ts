/**
 * Where state lives (zod), on a service: its users' sessions and, for a data store, how its writes
 * reach its other places. Shapes only; `resolve-state.ts` checks them against the service's places.
 *
 * AWS sources: Aurora Global Database ("Using Amazon Aurora Global Database", Aurora User Guide:
 * replication lag typically under a second; a managed failover may lose writes not yet replicated;
 * a switchover loses none), DynamoDB global tables (DynamoDB Developer Guide, "Global tables":
 * multi-Region eventual consistency replicates in about a second, last writer wins; multi-Region
 * strong consistency has an RPO of zero), Aurora DSQL (synchronous across linked Regions).
 */
import { z } from 'zod';
import { durationSchema } from './duration.js';

const lagSchema = z
  .union([
    z.number().nonnegative(),
    z.strictObject({
      p50: z.number().nonnegative().describe('median lag in ms'),
      p99: z.number().nonnegative().describe('99th percentile lag in ms'),
    }),
  ])
  .describe('replication lag in ms: a number, or { p50, p99 } (a lognormal)');

export const SESSION_STORES = ['none', 'memory'] as const;

export const sessionsSchema = z
  .union([
    z.enum(SESSION_STORES),
    z.strictObject({
      replicated: z
        .strictObject({ lagMs: lagSchema })
        .describe('sessions written to a store replicated to the service’s other places'),
    }),
  ])
  .describe(
    "where the service keeps its users' sessions: none (stateless), memory (in the instance: lost when the instance or its place fails, and a user moved elsewhere starts again) or { replicated: { lagMs } } (survive a move, minus what the lag had not copied)",
  );

export const replicationSchema = z
  .union([
    z.strictObject({
      mode: z.literal('async'),
      lagMs: lagSchema,
      promotion: durationSchema
        .optional()
        .describe(
          'from the decision to fail over to a writable replica; default 60s (Aurora Global Database: under a minute)',
        ),
    }),
    z.strictObject({
      mode: z.literal('sync'),
      quorum: z
        .number()
        .int()
        .min(1)
        .optional()
        .describe(
          'places that must acknowledge a write, the writer included; default a majority of its places',
        ),
    }),
  ])
  .describe(
    "how a data store's writes reach its other places: { mode: async, lagMs, promotion } (writes not yet replicated are lost on failover) or { mode: sync, quorum } (none lost; each write waits for the quorum)",
  );

export type SessionsInput = z.infer<typeof sessionsSchema>;
export type ReplicationInput = z.infer<typeof replicationSchema>;
