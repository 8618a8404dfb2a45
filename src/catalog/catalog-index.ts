/**
 * The catalog's index: the data of `./data/` keyed by id (lazily, once), every catalog place in one
 * shape (regions, AZs, Local Zones, DX locations, edge locations, metros), and the other names they
 * answer to (Local Zone zone IDs, DX short codes). The accessors over it are `index.ts`.
 */
import { getOrThrow } from '../errors.js';
import { DX_LOCATIONS } from './data/dx-locations.js';
import { EDGE_LOCATIONS } from './data/edge-locations.js';
import { LOCAL_ZONE_OFFERINGS } from './data/local-zone-offerings.js';
import { LOCAL_ZONES } from './data/local-zones.js';
import { METROS } from './data/metros.js';
import { PARTITIONS } from './data/partitions.js';
import { REGIONS } from './data/regions.js';
import type {
  AvailabilityZone,
  DxLocation,
  EdgeLocation,
  LocalZone,
  LocalZoneOffering,
  Metro,
  Partition,
  Place,
  Region,
} from './types.js';

/** The prefix of Direct Connect location ids: `dx:EqDC2`. */
export const DX_PREFIX = 'dx:';
/** The prefix of edge location ids: `edge:PHX`. */
export const EDGE_PREFIX = 'edge:';
/** The prefix of metro ids: `metro:phoenix`. */
export const METRO_PREFIX = 'metro:';

export interface CatalogIndex {
  readonly regions: Map<string, Region>;
  readonly azs: Map<string, AvailabilityZone>;
  readonly localZones: Map<string, LocalZone>;
  /** Keyed by lowercased code. */
  readonly dx: Map<string, DxLocation>;
  readonly metros: Map<string, Metro>;
  /** Keyed by upper-case code. */
  readonly edges: Map<string, EdgeLocation>;
  readonly offerings: Map<string, LocalZoneOffering>;
  readonly partitions: Map<string, Partition>;
  readonly places: readonly Place[];
  /** Keyed by lowercased id, aliases included. */
  readonly placesById: Map<string, Place>;
  /** Other names of catalog places: Local Zone zone IDs, DX short codes. */
  readonly aliases: readonly string[];
}

let index: CatalogIndex | undefined;

export function catalogIndex(): CatalogIndex {
  if (index) return index;
  const azs = new Map<string, AvailabilityZone>();
  for (const region of REGIONS) {
    for (const id of region.azIds) azs.set(id, { id, region: region.code, lat: region.lat, lon: region.lon });
  }
  const places: Place[] = [];
  for (const r of REGIONS) {
    places.push({
      id: r.code,
      kind: 'region',
      name: r.name,
      lat: r.lat,
      lon: r.lon,
      region: r.code,
      ...meta(r),
    });
  }
  const regionByCode = new Map(REGIONS.map((r) => [r.code, r]));
  for (const az of azs.values()) {
    const region = getOrThrow(regionByCode, az.region, 'region of an AZ');
    places.push({
      id: az.id,
      kind: 'az',
      name: `${az.id} (${region.name})`,
      lat: az.lat,
      lon: az.lon,
      region: az.region,
      ...meta(region),
    });
  }
  const partitionOf = new Map(REGIONS.map((r) => [r.code, r.partition]));
  for (const lz of localZonesInTieOrder()) {
    places.push({
      id: lz.name,
      kind: 'local-zone',
      name: `${lz.city} Local Zone`,
      lat: lz.lat,
      lon: lz.lon,
      region: lz.parentRegion,
      partition: partitionOf.get(lz.parentRegion) ?? 'aws',
      metro: lz.metro,
      country: lz.country,
    });
  }
  for (const dx of DX_LOCATIONS) {
    places.push({
      id: `${DX_PREFIX}${dx.code}`,
      kind: 'dx-location',
      name: dx.facility,
      lat: dx.lat,
      lon: dx.lon,
      region: dx.region,
      partition: partitionOf.get(dx.region) ?? 'aws',
      metro: dx.metro,
      country: dx.country,
    });
  }
  const metroById = new Map(METROS.map((m) => [m.id, m]));
  for (const edge of EDGE_LOCATIONS) {
    // An edge stands at its metro's coordinates, so users' RTT to it comes from the same physics.
    const metro = getOrThrow(metroById, edge.metro, 'metro of an edge location');
    places.push({
      id: `${EDGE_PREFIX}${edge.code}`,
      kind: 'edge-location',
      name: `${metro.name} edge (${edge.code})`,
      lat: metro.lat,
      lon: metro.lon,
      partition: 'aws',
      metro: edge.metro,
      country: edge.country,
    });
  }
  for (const m of METROS) {
    places.push({
      id: m.id,
      kind: 'metro',
      name: m.name,
      lat: m.lat,
      lon: m.lon,
      metro: m.id,
      country: m.country,
    });
  }
  const dx = dxByCode();
  const placesById = new Map(places.map((p) => [p.id.toLowerCase(), p]));
  // A Local Zone's zone ID names it too: usw2-phx2-az1 is us-west-2-phx-2a (what describe-subnets
  // prints as AvailabilityZoneId).
  const aliases: string[] = [];
  for (const lz of LOCAL_ZONES) {
    const id = lz.zoneId ?? localZoneId(lz, regionByCode.get(lz.parentRegion));
    const place = placesById.get(lz.name.toLowerCase());
    if (id && place && !placesById.has(id.toLowerCase())) {
      placesById.set(id.toLowerCase(), place);
      aliases.push(id);
    }
  }
  // A DX location's short code (see dxByCode) names its place too: dx:EQSE2 is dx:EqSe2-EQ.
  for (const [code, location] of dx) {
    const place = placesById.get(`${DX_PREFIX}${location.code}`.toLowerCase());
    if (place && !placesById.has(`${DX_PREFIX}${code}`)) {
      placesById.set(`${DX_PREFIX}${code}`, place);
      aliases.push(`${DX_PREFIX}${code.toUpperCase()}`);
    }
  }
  index = {
    regions: new Map(REGIONS.map((r) => [r.code, r])),
    azs,
    localZones: new Map(LOCAL_ZONES.map((z) => [z.name, z])),
    dx,
    metros: metroById,
    edges: new Map(EDGE_LOCATIONS.map((e) => [e.code, e])),
    offerings: new Map(LOCAL_ZONE_OFFERINGS.map((o) => [o.zone, o])),
    partitions: new Map(PARTITIONS.map((p) => [p.id, p])),
    places,
    placesById,
    aliases,
  };
  return index;
}

/**
 * A Local Zone's zone ID, by the rule AWS's IDs follow: the parent region's AZ-id prefix, the zone
 * name's city code and group number, and `az` with the letter's place (us-west-2-phx-2a ->
 * usw2-phx2-az1, us-west-2-lax-1b -> usw2-lax1-az2). Undefined when the name does not fit.
 */
export function localZoneId(
  zone: Pick<LocalZone, 'name' | 'parentRegion'>,
  region: Region | undefined,
): string | undefined {
  const prefix = region?.azIds[0]?.split('-az')[0];
  const rest = zone.name.slice(zone.parentRegion.length + 1);
  const match = /^([a-z]+)-(\d+)([a-z])$/.exec(rest);
  if (!prefix || !match) return undefined;
  const [, city, group, letter] = match as unknown as [string, string, string, string];
  return `${prefix}-${city}${group}-az${letter.charCodeAt(0) - 96}`;
}

function meta(r: Region): Pick<Place, 'partition' | 'metro' | 'country'> {
  return { partition: r.partition, metro: r.metro, country: r.country };
}

let tieOrder: readonly LocalZone[] | undefined;

/**
 * The Local Zones by name, but a metro's newer generation before its older (us-west-2-phx-2a, then
 * us-west-2-phx-1a): the two stand at the same point, and where a choice between equals is made in
 * list order (the nearest zone, a placement's tie) it goes to the zone AWS opened last.
 */
export function localZonesInTieOrder(): readonly LocalZone[] {
  const metroKey = (z: LocalZone) => z.name.replace(/-\d+[a-z]$/, '');
  tieOrder ??= [...LOCAL_ZONES].sort(
    (a, b) =>
      compareCodePoints(metroKey(a), metroKey(b)) ||
      (b.generation ?? 0) - (a.generation ?? 0) ||
      compareCodePoints(a.name, b.name),
  );
  return tieOrder;
}

/**
 * Orders strings by code point. Zone names are lowercase letters, digits and hyphens, which
 * `localeCompare` orders the same way (data.test.ts checks it on the catalog), without the ten
 * milliseconds its collator takes to start in a fresh process (every CLI command indexes the
 * catalog).
 */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Direct Connect locations by code, lower-cased. A code with a suffix (`EqSe2-EQ`, as the
 * Direct Connect API lists it) is also found by its part before the dash (`EQSE2`, as AWS's public
 * location list writes it) unless another location has that code.
 */
function dxByCode(): Map<string, DxLocation> {
  const byCode = new Map(DX_LOCATIONS.map((d) => [d.code.toLowerCase(), d]));
  for (const d of DX_LOCATIONS) {
    const short = d.code.split('-')[0]?.toLowerCase();
    if (short && short !== d.code.toLowerCase() && !byCode.has(short)) byCode.set(short, d);
  }
  return byCode;
}
