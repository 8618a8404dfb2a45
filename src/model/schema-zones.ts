/**
 * Two things an estate may say that the catalog cannot: an AZ the catalog does not list (AWS zone
 * ids skip numbers, and old accounts have zones newer ones do not, e.g. usw1-az2), and a site whose
 * position is not known yet (what `footprint import aws` leaves for the user to fill in).
 */
import { z } from 'zod';

export const availabilityZoneSchema = z
  .strictObject({
    region: z.string().min(1).describe('the region code the AZ belongs to, e.g. us-west-1'),
    name: z
      .string()
      .optional()
      .describe('a label, e.g. the zone name in one account (zone names differ per account)'),
  })
  .describe("an AZ the catalog does not list, by zone ID; it sits at its region's coordinates like every AZ");

export const availabilityZonesSchema = z
  .record(z.string(), availabilityZoneSchema)
  .describe(
    'AZs the catalog does not list, by zone ID (e.g. usw1-az2: { region: us-west-1 }), as describe-availability-zones reports them',
  );

export const localZoneSchema = z
  .strictObject({
    parentZone: z
      .string()
      .min(1)
      .describe(
        "the zone ID of the AZ that runs the Local Zone's control plane (ParentZoneId in describe-availability-zones), e.g. usw2-az1",
      ),
  })
  .describe('what the estate knows of a Local Zone that the catalog does not');

export const localZonesSchema = z
  .record(z.string(), localZoneSchema)
  .describe(
    "Local Zones' parent AZs, by Local Zone name or zone ID, as describe-availability-zones reports them (ParentZoneId); the catalog knows some. While the parent AZ is lost the Local Zone keeps serving but cannot launch",
  );

export const placeholderSchema = z
  .string()
  .min(1)
  .describe(
    'instead of metro or location: the site position is not known yet, and this says what to fill in. Latency and traces stop at the DX locations of its links until it has a position',
  );
