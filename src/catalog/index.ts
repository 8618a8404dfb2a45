/**
 * The embedded AWS catalog: accessors by id, every catalog place in one shape, and "nearest to a
 * point". Data lives in `./data/`; `catalog-index.ts` indexes it (lazily, once).
 */
import { type Coordinates, distanceKm } from '../geo/index.js';
import { catalogIndex, DX_PREFIX, EDGE_PREFIX, localZonesInTieOrder, METRO_PREFIX } from './catalog-index.js';
import { DX_LOCATIONS, DX_LOCATIONS_SOURCE } from './data/dx-locations.js';
import { EDGE_LOCATIONS, EDGE_LOCATIONS_SOURCE } from './data/edge-locations.js';
import { LOCAL_ZONE_OFFERINGS, LOCAL_ZONE_OFFERINGS_SOURCE } from './data/local-zone-offerings.js';
import { LOCAL_ZONES_SOURCE } from './data/local-zones.js';
import { METROS, METROS_SOURCE } from './data/metros.js';
import { PARTITIONS, PARTITIONS_SOURCE } from './data/partitions.js';
import { REGIONS, REGIONS_SOURCE } from './data/regions.js';
import type {
  AvailabilityZone,
  CatalogSource,
  DxLocation,
  EdgeLocation,
  LocalZone,
  LocalZoneOffering,
  Metro,
  Partition,
  Place,
  PlaceKind,
  Region,
} from './types.js';

export { continentOf } from './continents.js';
export { DEFAULT_LATENCY_PARAMETERS } from './data/latency-parameters.js';
export type {
  ClassAccuracy,
  HandSetLinkClass,
  LatencyParameters,
  LinkClass,
  LinkClassParameters,
  RoutedClassParameters,
  RoutedLinkClass,
} from './latency-classes.js';
export { HAND_SET_CLASSES, LINK_CLASSES } from './latency-classes.js';
export type * from './types.js';

/**
 * Where each data set of the catalog comes from and when its facts were taken, by data set name.
 * @example catalogSources().find((s) => s.data === 'regions')?.asOf // '2026-11-23'
 */
export function catalogSources(): readonly CatalogSource[] {
  return [
    PARTITIONS_SOURCE,
    REGIONS_SOURCE,
    LOCAL_ZONES_SOURCE,
    LOCAL_ZONE_OFFERINGS_SOURCE,
    DX_LOCATIONS_SOURCE,
    EDGE_LOCATIONS_SOURCE,
    METROS_SOURCE,
  ];
}

/** @example listPartitions().map((p) => p.id) // ['aws', 'aws-cn', 'aws-eusc', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-us-gov'] */
export function listPartitions(): readonly Partition[] {
  return PARTITIONS;
}

/** Every region of every partition. @example listRegions().length > 30 */
export function listRegions(): readonly Region[] {
  return REGIONS;
}

/** Every AZ, by zone ID, located at its region. */
export function listAvailabilityZones(): readonly AvailabilityZone[] {
  return [...catalogIndex().azs.values()];
}

/** Every Local Zone, a metro's newer generation first. @example listLocalZones()[0]?.name // 'af-south-1-los-1a' */
export function listLocalZones(): readonly LocalZone[] {
  return localZonesInTieOrder();
}

export function listDxLocations(): readonly DxLocation[] {
  return DX_LOCATIONS;
}

/** Every edge location (CloudFront POP metros; Global Accelerator assumed at the same). */
export function listEdgeLocations(): readonly EdgeLocation[] {
  return EDGE_LOCATIONS;
}

/**
 * An edge location by its code, with or without the `edge:` prefix, in any case.
 * @example getEdgeLocation('edge:phx')?.metro // 'metro:phoenix'
 */
export function getEdgeLocation(code: string): EdgeLocation | undefined {
  const bare = code.toLowerCase().startsWith(EDGE_PREFIX) ? code.slice(EDGE_PREFIX.length) : code;
  return catalogIndex().edges.get(bare.toUpperCase());
}

export function listMetros(): readonly Metro[] {
  return METROS;
}

export function listLocalZoneOfferings(): readonly LocalZoneOffering[] {
  return LOCAL_ZONE_OFFERINGS;
}

/** @example getRegion('us-west-2')?.name // 'US West (Oregon)' */
export function getRegion(code: string): Region | undefined {
  return catalogIndex().regions.get(code);
}

export function getPartition(id: string): Partition | undefined {
  return catalogIndex().partitions.get(id);
}

/** @example getAvailabilityZone('usw2-az1')?.region // 'us-west-2' */
export function getAvailabilityZone(id: string): AvailabilityZone | undefined {
  return catalogIndex().azs.get(id);
}

/** @example getLocalZone('us-west-2-phx-2a')?.parentRegion // 'us-west-2' */
export function getLocalZone(name: string): LocalZone | undefined {
  return catalogIndex().localZones.get(name);
}

/**
 * A Direct Connect location by its code, with or without the `dx:` prefix, in any case.
 * @example getDxLocation('dx:ecph1')?.code // 'ECPH1'
 */
export function getDxLocation(code: string): DxLocation | undefined {
  const bare = code.toLowerCase().startsWith(DX_PREFIX) ? code.slice(DX_PREFIX.length) : code;
  return catalogIndex().dx.get(bare.toLowerCase());
}

/** A metro by id (`metro:phoenix`) or bare slug (`phoenix`). */
export function getMetro(idOrSlug: string): Metro | undefined {
  const id = idOrSlug.startsWith(METRO_PREFIX) ? idOrSlug : `${METRO_PREFIX}${idOrSlug}`;
  return catalogIndex().metros.get(id.toLowerCase());
}

/** What a Local Zone offers according to the catalog (the estate may override it). */
export function getLocalZoneOffering(zone: string): LocalZoneOffering | undefined {
  return catalogIndex().offerings.get(zone);
}

/**
 * Any catalog place by id: region code, AZ id, Local Zone name, `dx:CODE` or `edge:CODE` (any case)
 * or `metro:slug`.
 * @example catalogPlace('dx:eqdc2')?.id // 'dx:EqDC2'
 */
export function catalogPlace(id: string): Place | undefined {
  return catalogIndex().placesById.get(id.toLowerCase());
}

/**
 * The other names catalog places answer to, for did-you-mean: Local Zone zone IDs (`usw2-phx2-az1`,
 * as describe-subnets prints them) and the short codes of suffixed DX locations (`dx:EQSE2`, as AWS
 * lists them publicly, for `dx:EqSe2-EQ`).
 * @example catalogAliases().includes('dx:EQSE2') // true
 */
export function catalogAliases(): readonly string[] {
  return catalogIndex().aliases;
}

/**
 * Every catalog place, optionally of the given kinds, in catalog order.
 * @example catalogPlaces(['local-zone']).length // 50
 */
export function catalogPlaces(kinds?: readonly PlaceKind[]): readonly Place[] {
  const all = catalogIndex().places;
  return kinds ? all.filter((p) => kinds.includes(p.kind)) : all;
}

/** A catalog place and its distance from the point asked about. */
export interface NearbyPlace {
  readonly place: Place;
  readonly distanceKm: number;
}

/**
 * A Local Zone's generation (0 for any other place): a metro's newer zone sorts before its older.
 * @example generationOf(catalogPlace('us-west-2-phx-2a') as Place) // 2
 */
export function generationOf(place: Place): number {
  return place.kind === 'local-zone' ? (catalogIndex().localZones.get(place.id)?.generation ?? 0) : 0;
}

/**
 * Catalog places nearest to a point, closest first; ties go to the newer generation of a metro's
 * Local Zones (us-west-2-phx-2a before us-west-2-phx-1a, at the same point), then by id.
 * @example nearestPlaces({ lat: 33.45, lon: -112.07 }, { kinds: ['local-zone'], limit: 1 })[0]?.place.id
 * // 'us-west-2-phx-2a'
 */
export function nearestPlaces(
  point: Coordinates,
  options: { kinds?: readonly PlaceKind[]; limit?: number; maxKm?: number } = {},
): NearbyPlace[] {
  const { limit = 5, maxKm = Number.POSITIVE_INFINITY } = options;
  return catalogPlaces(options.kinds)
    .map((place) => ({ place, distanceKm: distanceKm(point, place) }))
    .filter((n) => n.distanceKm <= maxKm)
    .sort(
      (a, b) =>
        a.distanceKm - b.distanceKm ||
        generationOf(b.place) - generationOf(a.place) ||
        a.place.id.localeCompare(b.place.id),
    )
    .slice(0, limit);
}
