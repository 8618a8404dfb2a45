/**
 * AZs an estate declares because the catalog does not list them. AWS zone ids can skip numbers
 * and differ between old and new accounts (usw1-az2 exists for accounts older than the zone's
 * retirement to new ones), so an AWS snapshot can name an AZ the catalog never heard of. Such a
 * zone is accepted when the estate declares it with its region, as `describe-availability-zones`
 * reports it; it sits at its region's coordinates like every AZ (Footprint does not know where an
 * AZ's buildings are). It is never mapped to another AZ.
 */
import { catalogPlace, getRegion, listRegions, type Place } from '../catalog/index.js';
import { InternalError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { EstateInput } from './schema.js';
import type { ReportProblem } from './users.js';

const AZ_ID = /^([a-z]+[0-9]+)-az([0-9]+)$/;

/** The zone-id prefix of a region's AZs, e.g. `usw1` for us-west-1 (from the catalog's ids). */
export function azIdPrefix(region: string): string | undefined {
  const first = getRegion(region)?.azIds[0];
  return first ? AZ_ID.exec(first)?.[1] : undefined;
}

/** The place of a declared AZ: at its region, like every catalog AZ. */
export function declaredZonePlace(id: string, region: string, name?: string): Place | undefined {
  const r = getRegion(region);
  if (!r) return undefined;
  return {
    id,
    kind: 'az',
    name: `${id} (${r.name}${name ? `, ${name}` : ''}; declared by the estate)`,
    lat: r.lat,
    lon: r.lon,
    region: r.code,
    partition: r.partition,
    metro: r.metro,
    country: r.country,
  };
}

/** Resolves `availabilityZones`: each id well formed and of its region (ids the catalog knows are reported by resolve.ts). */
export function resolveDeclaredZones(
  input: EstateInput['availabilityZones'],
  report: ReportProblem,
): Place[] {
  const zones: Place[] = [];
  for (const [id, zone] of Object.entries(input ?? {})) {
    const path = ['availabilityZones', id];
    // An id the catalog knows is reported with the other ids (FP_RESERVED_ID).
    if (catalogPlace(id)) continue;
    const region = getRegion(zone.region);
    if (!region) {
      const suggestion = didYouMean(
        zone.region,
        listRegions().map((r) => r.code),
      );
      report([...path, 'region'], {
        code: 'FP_UNKNOWN_PLACE',
        message: `unknown region '${zone.region}'`,
        expected: 'a region code, e.g. us-west-1 (see `footprint catalog regions`)',
        ...(suggestion ? { suggestion } : {}),
      });
      continue;
    }
    const prefix = azIdPrefix(region.code);
    const match = AZ_ID.exec(id);
    if (!match || (prefix !== undefined && match[1] !== prefix)) {
      report(
        path,
        {
          code: 'FP_INVALID_VALUE',
          message: `'${id}' is not an AZ id of ${region.code}`,
          expected: `a zone ID as describe-availability-zones reports it (ZoneId), e.g. ${prefix ?? 'usw1'}-az2`,
        },
        'key',
      );
      continue;
    }
    const place = declaredZonePlace(id, region.code, zone.name);
    if (!place) throw new InternalError(`the catalog region '${region.code}' of zone '${id}' is missing`);
    zones.push(place);
  }
  return zones;
}
