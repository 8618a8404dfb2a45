/**
 * AZs an estate declares because the catalog does not list them. AWS zone ids can skip numbers
 * and differ between old and new accounts (usw1-az2 exists for accounts older than the zone's
 * retirement to new ones), so an AWS snapshot can name an AZ the catalog never heard of. Such a
 * zone is accepted when the estate declares it with its region, as `describe-availability-zones`
 * reports it; it sits at its region's coordinates like every AZ (Footprint does not know where an
 * AZ's buildings are). It is never mapped to another AZ.
 */
import {
  catalogPlace,
  getLocalZone,
  getRegion,
  listLocalZones,
  listRegions,
  type Place,
} from '../catalog/index.js';
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

/**
 * Resolves `localZones`: each key a Local Zone of the catalog (by name or zone ID), each parent an
 * AZ of that Local Zone's region (the catalog's or one the estate declares), and not contradicting
 * the parent the catalog knows. AWS runs some of a Local Zone's control plane (its API calls,
 * launches) in the parent zone (AWS Local Zones User Guide, "Available Local Zones": Parent Zone
 * ID; EC2 API Reference, AvailabilityZone.parentZoneId).
 */
export function resolveLocalZoneParents(
  input: EstateInput['localZones'],
  declared: readonly Place[],
  report: ReportProblem,
): Map<string, string> {
  const parents = new Map<string, string>();
  for (const [key, zone] of Object.entries(input ?? {})) {
    const path = ['localZones', key];
    const place = catalogPlace(key);
    if (place?.kind !== 'local-zone') {
      const names = listLocalZones().map((z) => z.name);
      const suggestion = didYouMean(key, names);
      report(
        path,
        {
          code: 'FP_UNKNOWN_PLACE',
          message: `'${key}' is not a Local Zone of the catalog`,
          expected:
            'a Local Zone name (us-west-2-phx-2a) or zone ID (usw2-phx2-az1); see `footprint catalog local-zones`',
          ...(suggestion ? { suggestion } : {}),
        },
        'key',
      );
      continue;
    }
    const parent = catalogPlace(zone.parentZone) ?? declared.find((z) => z.id === zone.parentZone);
    const known = getLocalZone(place.id)?.parentAzId;
    if (parent?.kind !== 'az' || parent.region !== place.region) {
      const ids = [...(getRegion(place.region ?? '')?.azIds ?? []), ...declared.map((z) => z.id)];
      const suggestion = didYouMean(zone.parentZone, ids);
      report([...path, 'parentZone'], {
        code: 'FP_INVALID_VALUE',
        message: `'${zone.parentZone}' is not an AZ of ${place.region}, the region of ${place.id}`,
        expected: `a zone ID of ${place.region}: ${ids.join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      });
      continue;
    }
    if (known !== undefined && known !== parent.id) {
      report([...path, 'parentZone'], {
        code: 'FP_INVALID_VALUE',
        message: `the parent zone of ${place.id} is ${known} (AWS's list of Local Zones), not ${parent.id}`,
        expected: known,
        suggestion: `drop the entry (the catalog knows it) or write ${known}`,
      });
      continue;
    }
    parents.set(place.id, parent.id);
  }
  return parents;
}
