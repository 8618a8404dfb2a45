/**
 * The shapes of the embedded AWS catalog: partitions, regions, availability zones, Local Zones,
 * Direct Connect locations, what Local Zones offer, and world metros for user demand.
 * All data is embedded (no network at run time) and read-only.
 */
import type { Coordinates } from '../geo/index.js';

/**
 * Where one catalog data set's facts come from and when they were taken. Every data file exports
 * one (`REGIONS_SOURCE`…); `npm run refresh:catalog` sets it when it rewrites the file.
 */
export interface CatalogSource {
  /** The data set, e.g. `local-zones`. */
  readonly data: string;
  /** When the facts were taken, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Where they come from, e.g. `aws ec2 describe-availability-zones --all-availability-zones`. */
  readonly source: string;
}

/**
 * AWS partitions, as botocore's partitions.json names them. `aws-eusc` is the AWS European
 * Sovereign Cloud; `aws-iso*` are the isolated (classified) partitions, which have no public places.
 */
export type PartitionId =
  | 'aws'
  | 'aws-cn'
  | 'aws-us-gov'
  | 'aws-eusc'
  | 'aws-iso'
  | 'aws-iso-b'
  | 'aws-iso-e'
  | 'aws-iso-f';

export interface Partition {
  readonly id: PartitionId;
  readonly name: string;
  /** DNS suffix of the partition's endpoints, e.g. `amazonaws.com`. */
  readonly dnsSuffix: string;
}

/** A metro id is `metro:` followed by a lowercase ASCII slug, e.g. `metro:los-angeles`. */
export type MetroId = `metro:${string}`;

/** An AWS region, e.g. `us-west-2`. Coordinates are those of its metro (data centers sit around it). */
export interface Region extends Coordinates {
  readonly code: string;
  readonly partition: PartitionId;
  /** The console name, e.g. `US West (Oregon)`. */
  readonly name: string;
  /** Where the region's data centers are, e.g. `Boardman, Oregon`. */
  readonly city: string;
  /** The metro that holds the region. */
  readonly metro: MetroId;
  /** ISO 3166-1 alpha-2 country code. */
  readonly country: string;
  /** AZ ids (`usw2-az1`…), as AWS publishes them; real ids can skip numbers. */
  readonly azIds: readonly string[];
  /** True when the region must be enabled by the account (launched after March 2019). */
  readonly optIn: boolean;
  /** Year the region opened (informational). */
  readonly launched?: number;
}

/** An availability zone, by its zone ID (stable across accounts, unlike zone names). */
export interface AvailabilityZone extends Coordinates {
  /** Zone ID, e.g. `usw2-az1`. */
  readonly id: string;
  readonly region: string;
}

/** A Local Zone: an extension of one parent AZ, with its data plane in a metro. */
export interface LocalZone extends Coordinates {
  /** Zone name, e.g. `us-west-2-phx-2a`. */
  readonly name: string;
  /** Zone ID where known, e.g. `usw2-phx2-az1` (`ZoneId` in describe-availability-zones). */
  readonly zoneId?: string;
  readonly parentRegion: string;
  /** The parent zone id (an AZ of the parent region) where known. */
  readonly parentAzId?: string;
  /** Network border group: the zone name minus its trailing letter, e.g. `us-west-2-phx-2`. */
  readonly networkBorderGroup: string;
  /**
   * The group number of the zone's name: 1 for `us-west-2-phx-1a`, 2 for `us-west-2-phx-2a` (AWS's
   * second zone in a metro it already served; AWS lists both generations side by side).
   */
  readonly generation?: number;
  readonly city: string;
  readonly metro: MetroId;
  readonly country: string;
  /** Where this entry's facts come from: a URL of AWS's documentation, or the AWS CLI command. */
  readonly source?: string;
  /** When they were read, `YYYY-MM-DD`. */
  readonly asOf?: string;
}

/** A Direct Connect location (a colocation facility), by its AWS location code. */
export interface DxLocation extends Coordinates {
  /** The code as `describe-virtual-interfaces` reports it in `location`, e.g. `EqDC2`. Match case-insensitively. */
  readonly code: string;
  /** Facility name, e.g. `Equinix DC1-DC6, DC10-DC12, Ashburn, VA`. */
  readonly facility: string;
  /** The associated AWS region. */
  readonly region: string;
  readonly city: string;
  readonly metro: MetroId;
  readonly country: string;
}

/**
 * An AWS edge location: the CloudFront points of presence of one metro (POP names share the IATA
 * prefix, e.g. PHX50 and PHX52 are `PHX`), at the metro's coordinates.
 */
export interface EdgeLocation {
  /** The IATA prefix of the metro's POP names, e.g. `PHX`. */
  readonly code: string;
  readonly metro: MetroId;
  readonly country: string;
  /** CloudFront serves viewers here. */
  readonly cloudFront: boolean;
  /** Global Accelerator announces its addresses here (assumed: AWS does not publish its list). */
  readonly globalAccelerator: boolean;
  /** The region whose CloudFront regional edge cache is in this metro, when there is one. */
  readonly regionalEdgeCache?: string;
}

/** What a Local Zone offers. Approximate: `partial` marks a record known to be incomplete. */
export interface LocalZoneOffering {
  readonly zone: string;
  /** EC2 instance families, e.g. `c5d`, `g4dn`. */
  readonly instanceFamilies: readonly string[];
  /** Services, e.g. `ec2`, `ebs-gp2`, `direct-connect`, `eks`. */
  readonly services: readonly string[];
  /** True when the record is known to be incomplete or stands in for a newer zone. */
  readonly partial: boolean;
  /** When the record was taken, e.g. `2023-07-25`. */
  readonly asOf: string;
  /** Provenance or caveat, e.g. which older zone's record stands in. */
  readonly note?: string;
}

/** A metropolitan area where users live. */
export interface Metro extends Coordinates {
  readonly id: MetroId;
  readonly name: string;
  /** ISO 3166-1 alpha-2 country code. */
  readonly country: string;
  /** Metropolitan population (urban agglomeration), approximate. */
  readonly population: number;
}

/** The kinds of place Footprint can measure between. Catalog places plus the estate's own. */
export type PlaceKind =
  | 'region'
  | 'az'
  | 'local-zone'
  | 'dx-location'
  | 'edge-location'
  | 'metro'
  | 'site'
  | 'host';

/**
 * Any place on the map, in one shape: what the latency model and the renderers consume.
 * `id` is the canonical id in Footprint's namespace (`us-west-2`, `usw2-az1`, `us-west-2-phx-2a`,
 * `dx:EqDC2`, `edge:PHX`, `metro:phoenix`, an estate site id, or `lat,lon` for an internet host).
 */
export interface Place extends Coordinates {
  readonly id: string;
  readonly kind: PlaceKind;
  /** A human name, e.g. `US West (Oregon)` or `Phoenix`. */
  readonly name: string;
  /** The region an AZ or Local Zone belongs to, or a DX location is associated with. */
  readonly region?: string;
  readonly partition?: PartitionId;
  readonly metro?: MetroId;
  readonly country?: string;
}
