/**
 * The resolved estate: validated, with every reference checked against the catalog and the
 * estate's own ids. Immutable plain data plus the source map for later layers' errors.
 */
import type { LatencyParameters, LocalZoneOffering, Metro, Place } from '../catalog/index.js';
import type { Network } from '../network/spec/index.js';
import type { ServiceCapacity } from './capacity.js';
import type { CellGroup } from './cells.js';
import type { FrontDoor, HealthCheck } from './front-doors.js';
import type { PlacementSettings } from './placement-settings.js';
import type { EstateInput, LINK_KINDS, SITE_KINDS } from './schema.js';
import type { AppRequest, LatencyBudget, Service, SiteCapacity } from './services.js';
import type { EstateSource } from './source.js';

export type SiteKind = (typeof SITE_KINDS)[number];
export type LinkKind = (typeof LINK_KINDS)[number];

/** A place of the company's own. */
export interface Site extends Place {
  readonly kind: 'site';
  readonly siteKind: SiteKind;
  /** True when the site reaches the public internet. */
  readonly internet: boolean;
  /** How many service instances the site can hold; undefined when the estate does not say. */
  readonly capacity?: SiteCapacity;
}

/**
 * A site whose position is not known yet (e.g. the on-prem end of a Direct Connect circuit found in
 * an AWS snapshot). It has no coordinates: links to it have no RTT, physical queries to it fail with
 * FP_PLACEHOLDER_SITE, and traces stop at the DX location before it.
 */
export interface PlaceholderSite {
  readonly id: string;
  readonly siteKind: SiteKind;
  readonly name: string;
  /** What the user has to fill in. */
  readonly placeholder: string;
}

/** A physical link the estate declares. `between` holds canonical place ids. */
export interface EstateLink {
  readonly id: string;
  readonly kind: LinkKind;
  readonly name?: string;
  readonly between: readonly [string, string];
  readonly gbps?: number;
  /** A user's measurement that overrides physics for this link. */
  readonly measuredRttMs?: number;
}

/** Users in a metro, with their share of all users (weights normalised to sum to 1). */
export interface UserPopulation {
  readonly metro: Metro;
  readonly name: string;
  readonly weight: number;
  readonly share: number;
}

/**
 * An expected RTT range between two places: the physical best, or with `routed` the RTT of the
 * path the route tables give (then from and to are subnets, sites or on-prem networks).
 */
export interface LatencyExpectation {
  /** The name the estate gives it. */
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly routed: boolean;
  readonly minMs?: number;
  readonly maxMs?: number;
  readonly note?: string;
}

/** An estate, validated and resolved: every reference points to a catalog place or an element of the estate. */
export interface Estate {
  readonly name: string;
  readonly description?: string;
  /** The files the estate was read from, most derived first (empty for an in-memory estate). */
  readonly files: readonly string[];
  readonly sites: readonly Site[];
  /** Sites whose position is still to be filled in; absent when there are none. */
  readonly placeholderSites?: readonly PlaceholderSite[];
  /** AZs the estate declares because the catalog does not list them (kind `az`); absent when none. */
  readonly availabilityZones?: readonly Place[];
  /** Parent AZ (zone ID) of Local Zones, by Local Zone name, where the estate declares it; absent when none. */
  readonly localZoneParents?: ReadonlyMap<string, string>;
  readonly links: readonly EstateLink[];
  readonly users: readonly UserPopulation[];
  /** What Local Zones offer, where the estate overrides the catalog, by zone name. */
  readonly offerings: ReadonlyMap<string, LocalZoneOffering>;
  readonly expectations: readonly LatencyExpectation[];
  /** The logical network (VPCs, route tables, gateways), when the estate models one. */
  readonly network?: Network;
  /** What runs where. */
  readonly services: readonly Service[];
  /** User-facing requests and their call graphs. */
  readonly requests: readonly AppRequest[];
  readonly budgets: readonly LatencyBudget[];
  /** The latency parameters of the estate's `calibration` file over the defaults, when it has one. */
  readonly latencyParameters?: LatencyParameters;
  /** Prices and zone capacities for placement, when the estate gives any. */
  readonly placement?: PlacementSettings;
  /** Capacity over time, by service: pools, platforms, scaling, Spot (read by the simulator). */
  readonly capacity?: ReadonlyMap<string, ServiceCapacity>;
  /** How users get in, by id: Route 53 record sets, accelerators, distributions, load balancers. */
  readonly frontDoors?: ReadonlyMap<string, FrontDoor>;
  /** Route 53 health checks, by id. */
  readonly healthChecks?: ReadonlyMap<string, HealthCheck>;
  /** Cell groups (seed 004): N copies of a set of services, each in a fault boundary. */
  readonly cells?: readonly CellGroup[];
  /** Where each part of the estate came from; undefined for the empty estate. */
  readonly source?: EstateSource;
  /**
   * The validated input the estate was resolved from (after `extends`), for tools that derive
   * variants of a design (lint's "as the fix would make it"); undefined for the empty estate.
   */
  readonly input?: EstateInput;
}

/**
 * An estate with nothing of its own: the catalog alone, for questions about AWS places and
 * internet hosts.
 * @example physicalLatency(EMPTY_ESTATE, 'us-east-1', 'eu-west-1').rttMs // ≈ 75
 */
export const EMPTY_ESTATE: Estate = {
  name: 'catalog',
  files: [],
  sites: [],
  links: [],
  users: [],
  offerings: new Map(),
  expectations: [],
  services: [],
  requests: [],
  budgets: [],
};
