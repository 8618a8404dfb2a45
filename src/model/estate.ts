/**
 * The resolved estate: validated, with every reference checked against the catalog and the
 * estate's own ids. Immutable plain data plus the source map for later layers' errors.
 */
import type { LatencyParameters, LocalZoneOffering, Metro, Place } from '../catalog/index.js';
import type { LINK_KINDS, SITE_KINDS } from './schema.js';
import type { EstateSource } from './source.js';

export type SiteKind = (typeof SITE_KINDS)[number];
export type LinkKind = (typeof LINK_KINDS)[number];

/** A place of the company's own. */
export interface Site extends Place {
  readonly kind: 'site';
  readonly siteKind: SiteKind;
  /** True when the site reaches the public internet. */
  readonly internet: boolean;
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

/** An expected physical RTT range between two places. */
export interface LatencyExpectation {
  readonly from: string;
  readonly to: string;
  readonly minMs?: number;
  readonly maxMs?: number;
  readonly note?: string;
}

export interface Estate {
  readonly name: string;
  readonly description?: string;
  /** The files the estate was read from, most derived first (empty for an in-memory estate). */
  readonly files: readonly string[];
  readonly sites: readonly Site[];
  readonly links: readonly EstateLink[];
  readonly users: readonly UserPopulation[];
  /** What Local Zones offer, where the estate overrides the catalog, by zone name. */
  readonly offerings: ReadonlyMap<string, LocalZoneOffering>;
  readonly expectations: readonly LatencyExpectation[];
  /** The latency parameters of the estate's `calibration` file over the defaults, when it has one. */
  readonly latencyParameters?: LatencyParameters;
  /** Where each part of the estate came from; undefined for the empty estate. */
  readonly source?: EstateSource;
}

/** An estate with nothing of its own: the catalog alone. */
export const EMPTY_ESTATE: Estate = {
  name: 'catalog',
  files: [],
  sites: [],
  links: [],
  users: [],
  offerings: new Map(),
  expectations: [],
};
