/**
 * Parameters of the physical latency model, per link class. Data, not code: the calibration
 * script (`scripts/fit-latency.ts`) rewrites this file, and an estate may override it.
 *
 * A link's RTT = 2 × great-circle km × inflation / fiber speed (~204 km/ms) + hopMs.
 *
 * Provenance of these defaults: a first least-error fit of one factor per class to the public
 * inter-region medians (cloudping.co, 2025) and city pings (WonderNetwork, 2020), then checked
 * against the Ticketmaster figures in DESIGN.md (Phoenix DC ↔ Virginia ~60 ms over the WAN,
 * ↔ us-west-2 30-40 ms over DX, ↔ Phoenix Local Zone < 2 ms, Phoenix LZ ↔ Los Angeles LZ
 * through the parent region ~60 ms).
 */

/** The classes of physical link. Each has its own inflation and per-hop cost. */
export type LinkClass =
  /** AWS backbone between regions, and from a DX location to its associated region. */
  | 'backbone'
  /** Between an AZ and its region's core: AZs of a region are single-digit ms apart. */
  | 'inter-az'
  /** Between a Local Zone and its parent region. */
  | 'local-zone'
  /** Within a metro: a DX location to the Local Zones of its metro, a cross-connect. */
  | 'metro'
  /** A customer's Direct Connect circuit from a site to a DX location. */
  | 'direct-connect'
  /** A customer's private WAN between its sites. */
  | 'wan'
  /** The public internet: users, hosts and internet-connected sites to places. */
  | 'internet';

export const LINK_CLASSES: readonly LinkClass[] = [
  'backbone',
  'inter-az',
  'local-zone',
  'metro',
  'direct-connect',
  'wan',
  'internet',
];

export interface LinkClassParameters {
  /** Path length over great-circle length (>= 1): how far real fiber strays from the geodesic. */
  readonly inflation: number;
  /** RTT added per traversal of a link of this class (routers, serialisation, access), ms. */
  readonly hopMs: number;
}

export interface LatencyParameters {
  readonly classes: Readonly<Record<LinkClass, LinkClassParameters>>;
  /** Where the figures come from. */
  readonly source: string;
}

export const DEFAULT_LATENCY_PARAMETERS: LatencyParameters = {
  source: 'first fit to cloudping.co inter-region medians (2025) and WonderNetwork city pings (2020)',
  classes: {
    backbone: { inflation: 1.5, hopMs: 2.0 },
    'inter-az': { inflation: 1.0, hopMs: 0.5 },
    'local-zone': { inflation: 2.0, hopMs: 1.0 },
    metro: { inflation: 2.0, hopMs: 0.3 },
    'direct-connect': { inflation: 1.6, hopMs: 0.5 },
    wan: { inflation: 1.9, hopMs: 1.0 },
    internet: { inflation: 1.8, hopMs: 6.0 },
  },
};
