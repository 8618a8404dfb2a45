/**
 * The zone of a subnet, joined as AWS does: the subnet's AvailabilityZoneId to the zone list of
 * `describe-availability-zones --all-availability-zones`. A zone of ZoneType local-zone is a Local
 * Zone (known in the estate by its zone name, e.g. us-west-2-phx-2a, with its ParentZoneId in the
 * region); an availability-zone is an AZ known by its zone ID (zone names differ per account). An AZ
 * id the catalog lacks is declared in the estate's `availabilityZones` with its region, never
 * mapped to another AZ.
 */
import { getAvailabilityZone, getLocalZone, getRegion } from '../../catalog/index.js';
import { azIdPrefix } from '../../model/resolve-zones.js';
import type { Draft } from './draft.js';
import type { AwsSubnet, AwsZone } from './shapes.js';
import type { Records } from './snapshot.js';

export type ZoneOfSubnet =
  | {
      readonly ok: true;
      /** The estate's zone reference: an AZ id or a Local Zone name. */
      readonly zone: string;
      readonly kind: 'az' | 'local-zone';
      readonly region: string;
      /** What the join found, for a comment: e.g. `Local Zone (parent usw2-az4)`. */
      readonly note?: string;
    }
  | { readonly ok: false; readonly reason: string; readonly unsupported?: string };

export class Zones {
  private readonly byId = new Map<string, AwsZone>();
  private readonly byName = new Map<string, AwsZone[]>();
  private readonly missingListWarned = new Set<string>();

  constructor(
    records: Records,
    private readonly draft: Draft,
  ) {
    for (const { value } of records.AvailabilityZones) {
      this.byId.set(value.zoneId, value);
      this.byName.set(value.zoneName, [...(this.byName.get(value.zoneName) ?? []), value]);
    }
  }

  /** The zone list entry of a subnet: by zone ID, else by a zone name only one list uses. */
  private entryOf(subnet: AwsSubnet): AwsZone | undefined {
    if (subnet.zoneId) return this.byId.get(subnet.zoneId);
    const named = subnet.zoneName ? this.byName.get(subnet.zoneName) : undefined;
    return named?.length === 1 ? named[0] : undefined;
  }

  /** The zone of a subnet, or why it cannot be imported. */
  of(subnet: AwsSubnet): ZoneOfSubnet {
    const entry = this.entryOf(subnet);
    if (entry) return this.fromEntry(entry);
    // No zone list for it: the catalog may still know the zone; say what is missing, once per region.
    const az = subnet.zoneId ? getAvailabilityZone(subnet.zoneId) : undefined;
    const lz = subnet.zoneName ? getLocalZone(subnet.zoneName) : undefined;
    const region = az?.region ?? lz?.parentRegion ?? subnet.arnRegion;
    if (region && !this.missingListWarned.has(region)) {
      this.missingListWarned.add(region);
      this.draft.warn(
        `no zone list for ${region} (run \`aws ec2 describe-availability-zones --all-availability-zones --region ${region}\`): its subnets' zones are taken from the catalog by id and name`,
      );
    }
    if (az) return { ok: true, zone: az.id, kind: 'az', region: az.region };
    if (lz) return { ok: true, zone: lz.name, kind: 'local-zone', region: lz.parentRegion };
    return {
      ok: false,
      reason: `its zone ${subnet.zoneId ?? subnet.zoneName ?? '(none)'} is in no zone list of the snapshot and not in the catalog`,
    };
  }

  private fromEntry(entry: AwsZone): ZoneOfSubnet {
    if (entry.zoneType === 'local-zone') {
      const lz = getLocalZone(entry.zoneName);
      if (!lz) {
        return {
          ok: false,
          reason: `Local Zone ${entry.zoneName} (${entry.zoneId}) is not in Footprint's catalog, so its position is unknown`,
          unsupported: 'subnets in Local Zones the catalog lacks',
        };
      }
      if (lz.parentRegion !== entry.region) {
        this.draft.warn(
          `zone list: Local Zone ${entry.zoneName} reports region ${entry.region}, the catalog ${lz.parentRegion}: the catalog's is used`,
        );
      }
      const parent = entry.parentZoneId ?? entry.parentZoneName;
      return {
        ok: true,
        zone: lz.name,
        kind: 'local-zone',
        region: lz.parentRegion,
        note: `Local Zone ${lz.name} (${lz.city})${parent ? `, parent zone ${parent}` : ''}`,
      };
    }
    if (entry.zoneType !== 'availability-zone') {
      return {
        ok: false,
        reason: `zone ${entry.zoneName} is a ${entry.zoneType}, which Footprint does not model`,
        unsupported: `subnets in ${entry.zoneType}s`,
      };
    }
    const az = getAvailabilityZone(entry.zoneId);
    if (az) {
      if (az.region !== entry.region) {
        return {
          ok: false,
          reason: `zone ${entry.zoneId} is in ${az.region} according to the catalog, but the zone list says ${entry.region}`,
        };
      }
      return {
        ok: true,
        zone: az.id,
        kind: 'az',
        region: az.region,
        note: `${entry.zoneName} in this account`,
      };
    }
    // An AZ id the catalog does not list: declare it with its region (it sits at the region).
    const prefix = azIdPrefix(entry.region);
    if (!getRegion(entry.region) || (prefix && !entry.zoneId.startsWith(`${prefix}-az`))) {
      return {
        ok: false,
        reason: `zone ${entry.zoneId} of region ${entry.region} is not a zone id Footprint can place`,
      };
    }
    if (!(entry.zoneId in this.draft.availabilityZones)) {
      this.draft.availabilityZones[entry.zoneId] = { region: entry.region, name: entry.zoneName };
      this.draft.commentBefore(
        ['availabilityZones', entry.zoneId],
        `not in Footprint's catalog: declared from the zone list (${entry.zoneName} in this account); it sits at ${entry.region}'s coordinates like every AZ`,
      );
    }
    return {
      ok: true,
      zone: entry.zoneId,
      kind: 'az',
      region: entry.region,
      note: `${entry.zoneName} in this account`,
    };
  }
}
