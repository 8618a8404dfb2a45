/**
 * The latency model's link classes and the shape of its parameters. The parameters of the AWS
 * backbone and the internet are fitted to public measurements by `npm run fit:latency`, which
 * writes them to `data/latency-parameters.ts`; the other classes are set by hand here.
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

/**
 * A class routed over the hub graph (`hubs.ts`): the AWS backbone and the internet. `inflation`
 * stretches terrestrial routes, `hopMs` is paid once per link (end to end).
 */
export interface RoutedClassParameters extends LinkClassParameters {
  /** Path length over great-circle length along submarine cables. */
  readonly seaInflation: number;
  /** Path length over great-circle length from a place to a hub (and between near places). */
  readonly accessInflation: number;
  /** RTT added at every exchange hub a route passes, its two ends included. */
  readonly hubMs: number;
  /** RTT added where a route enters or leaves at a hub, by hub id: how well the hub is connected. */
  readonly hubAccessMs?: Readonly<Record<string, number>>;
  /**
   * RTT added (or taken off, down to light in fiber) on one route of the hub graph, by route id
   * (`from~to`, its hubs as `hubs.ts` declares them): what the measurements say about that corridor
   * beyond its length. A large cost is evidence that traffic does not use the corridor.
   */
  readonly routeMs?: Readonly<Record<string, number>>;
}

/** The classes routed over hubs, and the rest. */
export type RoutedLinkClass = 'backbone' | 'internet';

/** The classes the measurement datasets do not cover: set by hand (see {@link HAND_SET_CLASSES}). */
export type HandSetLinkClass = Exclude<LinkClass, RoutedLinkClass>;

/** How well a fitted class predicts measurements it was not fitted to (cross-validated). */
export interface ClassAccuracy {
  /** The measurements, e.g. `aws-inter-region-rtt.csv (cloudping.co, 2025)`. */
  readonly dataset: string;
  /** How the error is out-of-sample, e.g. `leave-one-region-out, 22 folds`. */
  readonly folds: string;
  readonly pairs: number;
  /** Median relative absolute error, e.g. 0.048 for 4.8 %. */
  readonly medianError: number;
  readonly p90Error: number;
}

/** The latency model's parameters per link class (fitted or set by hand), with their source and accuracy. */
export interface LatencyParameters {
  readonly classes: Readonly<
    Record<HandSetLinkClass, LinkClassParameters> & Record<RoutedLinkClass, RoutedClassParameters>
  >;
  /** Where the figures come from. */
  readonly source: string;
  /** Out-of-sample accuracy of the fitted classes, where known. */
  readonly accuracy?: Readonly<Partial<Record<RoutedLinkClass, ClassAccuracy>>>;
}

/**
 * The classes no public dataset measures, set by hand and checked against the Ticketmaster figures
 * in DESIGN.md (Phoenix DC ↔ Virginia ~60 ms over the WAN, ↔ us-west-2 30-40 ms over DX,
 * ↔ Phoenix Local Zone < 2 ms, Phoenix LZ ↔ Los Angeles LZ through the parent region ~60 ms,
 * AZs single-digit ms apart). A link's RTT = 2 × great-circle km × inflation / fiber speed
 * (~204 km/ms) + hopMs. `footprint calibrate` fits them to an estate's own pings.
 */
export const HAND_SET_CLASSES: Readonly<Record<HandSetLinkClass, LinkClassParameters>> = {
  'inter-az': { inflation: 1.0, hopMs: 0.5 },
  'local-zone': { inflation: 2.0, hopMs: 1.0 },
  metro: { inflation: 2.0, hopMs: 0.3 },
  'direct-connect': { inflation: 1.6, hopMs: 0.5 },
  wan: { inflation: 1.9, hopMs: 1.0 },
};
