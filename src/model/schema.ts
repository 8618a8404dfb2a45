/**
 * The estate file's schema (zod). Shapes only: references between ids are checked by `resolve.ts`,
 * which can say what exists and suggest a fix. `footprint schema` prints this as JSON Schema.
 *
 * Each capability adds its section here (network, services, requests, budgets …) so that one
 * vocabulary covers the whole file.
 */
import { z } from 'zod';
import { networkSchema } from '../network/spec/index.js';
import { capacitySchema } from './capacity-schema.js';
import { cellsSchema } from './cells-schema.js';
import { frontDoorsSchema } from './front-doors-schema.js';
import { healthChecksSchema } from './health-checks-schema.js';
import { placementSettingsSchema } from './placement-settings.js';
import { availabilityZonesSchema, localZonesSchema, placeholderSchema } from './schema-zones.js';
import { budgetSchema, requestSchema, serviceSchema, siteCapacitySchema } from './services-schema.js';

/** An estate id: letters, digits, `-`, `_` and `.`, starting with a letter or digit. */
export const ESTATE_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const placeRef = z
  .string()
  .min(1)
  .describe(
    'a place: a site of this estate, a region code (us-west-2), an AZ id (usw2-az1), a Local Zone name (us-west-2-phx-2a), dx:CODE or metro:slug',
  );

const metroRef = z
  .string()
  .min(1)
  .describe('a metro id, e.g. metro:phoenix (see `footprint catalog metros`)');

const latitude = z.number().describe('latitude in decimal degrees, -90 to 90');
const longitude = z.number().describe('longitude in decimal degrees, -180 to 180');

export const SITE_KINDS = ['datacenter', 'colo', 'office', 'edge'] as const;

export const siteSchema = z
  .strictObject({
    kind: z.enum(SITE_KINDS).describe('what the site is: datacenter, colo, office or edge'),
    name: z.string().optional().describe('a human name for reports'),
    metro: metroRef.optional().describe('the metro the site is in (the site takes its coordinates)'),
    location: z
      .tuple([latitude, longitude])
      .optional()
      .describe('[latitude, longitude] of the site, when it is not at a metro center'),
    internet: z
      .boolean()
      .optional()
      .describe('true when the site reaches the public internet (users can reach it); default false'),
    country: z
      .string()
      .regex(/^[A-Za-z]{2}$/, 'a two-letter ISO 3166-1 country code')
      .optional()
      .describe("the site's country (ISO 3166-1 alpha-2), for residency checks; default: its metro's"),
    capacity: siteCapacitySchema.optional(),
    placeholder: placeholderSchema.optional(),
  })
  .describe('a place of the company: a data center, a colocation cage, an office');

export const LINK_KINDS = ['direct-connect', 'wan', 'cross-connect', 'internet'] as const;

export const linkSchema = z
  .strictObject({
    kind: z
      .enum(LINK_KINDS)
      .describe(
        'direct-connect: a circuit from a site to a DX location; wan: the company network between sites; cross-connect: within a metro; internet: a path over the public internet',
      ),
    between: z.tuple([placeRef, placeRef]).describe('the two ends of the link: [a, b]'),
    name: z.string().optional(),
    gbps: z.number().positive().optional().describe('capacity in Gbit/s'),
    measuredRttMs: z
      .number()
      .nonnegative()
      .optional()
      .describe('a measured RTT in ms: overrides the physical model for this link'),
  })
  .describe('a physical link between two places');

export const userSchema = z
  .strictObject({
    metro: metroRef,
    weight: z.number().positive().describe('relative weight of this population (normalised over all users)'),
    name: z.string().optional(),
  })
  .describe('a user population in a metro');

export const offeringSchema = z
  .strictObject({
    instanceFamilies: z
      .array(z.string().min(1))
      .optional()
      .describe('EC2 instance families, e.g. [c5d, r5d]'),
    services: z.array(z.string().min(1)).optional().describe('services, e.g. [ec2, ebs-gp2, eks]'),
  })
  .describe("overrides the catalog's record of what a Local Zone offers");

export const expectationSchema = z
  .strictObject({
    from: placeRef,
    to: placeRef,
    rttMs: z
      .strictObject({
        min: z.number().nonnegative().optional(),
        max: z.number().nonnegative().optional(),
      })
      .describe('the acceptable RTT range in ms: { min, max }, either bound optional'),
    note: z.string().optional().describe('where the figure comes from'),
    routed: z
      .boolean()
      .optional()
      .describe(
        'true: the RTT of the routed path (trace; from/to are subnets, sites or on-prem networks); default: the physical best',
      ),
  })
  .describe('an expected RTT between two places, checked by `report`');

export const estateSchema = z
  .strictObject({
    $schema: z.string().optional(),
    name: z.string().min(1).describe('the estate name'),
    description: z.string().optional(),
    extends: z
      .string()
      .min(1)
      .optional()
      .describe('a base estate file, relative to this one, that this file changes'),
    sites: z.record(z.string(), siteSchema).optional().describe('the company places, by id'),
    links: z.record(z.string(), linkSchema).optional().describe('physical links, by id'),
    users: z.array(userSchema).optional().describe('user populations'),
    offerings: z
      .record(z.string(), offeringSchema)
      .optional()
      .describe('what Local Zones offer, by zone name, overriding the catalog'),
    expectations: z
      .record(z.string(), expectationSchema)
      .optional()
      .describe(
        'expected RTTs, by a name of your choice (a file that extends this one can add, change or drop them by name)',
      ),
    availabilityZones: availabilityZonesSchema.optional(),
    localZones: localZonesSchema.optional(),
    network: networkSchema.optional(),
    services: z.record(z.string(), serviceSchema).optional().describe('what runs where, by id'),
    requests: z.record(z.string(), requestSchema).optional().describe('user-facing call graphs, by id'),
    budgets: z.array(budgetSchema).optional().describe('latency budgets that `footprint check` enforces'),
    calibration: z
      .string()
      .min(1)
      .optional()
      .describe(
        'a latency calibration file written by `footprint calibrate` from your own pings, relative to this file',
      ),
    placement: placementSettingsSchema.optional(),
    capacity: capacitySchema.optional(),
    healthChecks: healthChecksSchema.optional(),
    frontDoors: frontDoorsSchema.optional(),
    cells: cellsSchema.optional(),
  })
  .describe('a Footprint estate');

export type EstateInput = z.infer<typeof estateSchema>;
export type SiteInput = z.infer<typeof siteSchema>;
export type LinkInput = z.infer<typeof linkSchema>;

/**
 * The JSON Schema of the estate file, for editors.
 * @example writeFileSync('estate.schema.json', JSON.stringify(estateJsonSchema(), null, 2));
 */
export function estateJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(estateSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { ...schema, title: 'Footprint estate' };
}
