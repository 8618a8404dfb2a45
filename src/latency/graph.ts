/**
 * The physical graph: places as integer-indexed nodes, links as a list by cell (`links.ts`), and
 * as dense RTT matrices for those who read them. Its nodes are the catalog's AWS places, the
 * estate's AZs and sites, then the endpoints; which of them a link joins, and at what RTT, is
 * `graph-joins.ts` (the AWS backbone, DX locations and the regions their DX gateways reach, AZs
 * and Local Zones to their regions, the estate's links, the internet; the AWS rules and their
 * sources are in that file's header). With the default parameters the links among the catalog's
 * own places come from the build (`precomputed.bin`) rather than being made again.
 *
 * Users (metros) and internet hosts are endpoints only: paths start or end there but never pass
 * through them. An AWS place reached over the internet ends the path too (see `shortest.ts`).
 */
import {
  catalogPlaces,
  DEFAULT_LATENCY_PARAMETERS,
  type LatencyParameters,
  type Place,
} from '../catalog/index.js';
import type { Estate } from '../model/index.js';
import {
  emptyMatrices,
  joinBackbone,
  joinDxGatewayReach,
  joinEstateLinks,
  joinInternet,
  joinToRegions,
  linker,
  type Matrices,
} from './graph-joins.js';
import { ACCESS_HUBS } from './hubs.js';
import { denseOnDemand, type GraphLinks } from './links.js';
import { type CatalogLinks, precomputed } from './precomputed.js';
import { type RoutedLinks, routedLinks } from './routed.js';

export interface PhysicalGraph {
  readonly places: readonly Place[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly size: number;
  /**
   * Best direct-link RTT between i and j at `i * size + j`; +Infinity where there is no link. This
   * and the other dense matrices are made from `links` when first read.
   */
  readonly rtt: Float64Array;
  /** Class index (into LINK_CLASSES) of the best direct link; -1 where none. */
  readonly linkClass: Int8Array;
  /** Index into `estate.links` of the best direct link when it is an estate link; -1 otherwise. */
  readonly estateLink: Int32Array;
  /** The cells (`i * size + j`) that hold a link, ascending: the links without a scan of the matrix. */
  readonly linkedCells: Int32Array;
  /** The links, by cell ascending (`linkedCells`), with their RTT, class and estate link: what a search reads. */
  readonly links: GraphLinks;
  /** Each estate link's own RTT (its measurement, or physics for its class), by index into `estate.links`. */
  readonly estateLinkRtt: Float64Array;
  /** 1 where a node carries traffic through it. */
  readonly transit: Uint8Array;
  /** 1 at AWS places the internet reaches (regions, Local Zones): reached over the internet, a path ends there. */
  readonly endOnInternet: Uint8Array;
  readonly parameters: LatencyParameters;
  readonly estate: Estate;
  /** The backbone and internet routes over hubs, for these places and parameters. */
  readonly routed: RoutedLinks;
}

export interface GraphOptions {
  /** Extra endpoint places (users, hosts) to include; catalog metros are not included otherwise. */
  readonly endpoints?: readonly Place[];
  /** Include every catalog metro as an endpoint. */
  readonly allMetros?: boolean;
  readonly parameters?: LatencyParameters;
}

/** Builds the physical graph of the catalog plus an estate. */
export function buildPhysicalGraph(estate: Estate, options: GraphOptions = {}): PhysicalGraph {
  // The caller's parameters, else the estate's calibration, else the fitted defaults.
  const parameters = options.parameters ?? estate.latencyParameters ?? DEFAULT_LATENCY_PARAMETERS;
  const { places, indexOf } = graphPlaces(estate, options);
  const matrices = emptyMatrices(places);
  const routed = routedLinks(places, parameters);
  const links = linker(places, matrices, parameters, routed);
  // In this order: a link replaces one of equal RTT only when it is faster.
  const stored = storedCatalogLinks(parameters);
  if (stored) writeCatalogLinks(stored, matrices);
  else joinBackbone(places, links);
  joinToRegions(places, indexOf, links, stored?.places ?? 0);
  joinDxGatewayReach(estate, indexOf, links);
  const estateLinkRtt = joinEstateLinks(estate, indexOf, links);
  joinInternet(places, links, stored ? { places: stored.places, rttMs: stored.internetRttMs } : undefined);
  const size = places.length;
  const graphLinks = matrices.table.links();
  return Object.assign(denseOnDemand(graphLinks, size), {
    places,
    indexOf,
    size,
    estateLinkRtt,
    transit: matrices.transit,
    endOnInternet: matrices.endOnInternet,
    linkedCells: graphLinks.cells,
    links: graphLinks,
    parameters,
    estate,
    routed,
  });
}

/** The graph's nodes, each place once (the first of an id): the catalog's AWS places, the estate's AZs and sites, then the endpoints. */
function graphPlaces(
  estate: Estate,
  options: GraphOptions,
): { places: Place[]; indexOf: Map<string, number> } {
  const candidates: Place[] = [
    ...catalogPlaces(['region', 'az', 'local-zone', 'dx-location']),
    ...(estate.availabilityZones ?? []),
    ...estate.sites,
  ];
  if (options.allMetros) candidates.push(...catalogPlaces(['metro']));
  for (const endpoint of options.endpoints ?? []) candidates.push(endpoint);
  const indexOf = new Map<string, number>();
  const places: Place[] = [];
  for (const place of candidates) {
    if (indexOf.has(place.id)) continue;
    indexOf.set(place.id, places.length);
    places.push(place);
  }
  return { places, indexOf };
}

/** The places whose links among themselves come from the catalog alone, in graph order. */
function catalogTransitPlaces(): readonly Place[] {
  return catalogPlaces(['region', 'az', 'local-zone', 'dx-location']);
}

/**
 * The links among the catalog's places alone (the backbone, and each AZ, Local Zone and DX location
 * to its region and metro), as `buildPhysicalGraph` makes them before the estate's: what
 * `precomputed.bin` stores for the default parameters.
 */
export function catalogLinks(parameters: LatencyParameters): CatalogLinks {
  const places = catalogTransitPlaces();
  const indexOf = new Map(places.map((p, i) => [p.id, i]));
  const matrices = emptyMatrices(places);
  const links = linker(places, matrices, parameters, routedLinks(places, parameters));
  joinBackbone(places, links);
  joinToRegions(places, indexOf, links);
  // The internet links among them too, recorded in the order joinInternet makes them (it makes
  // them last, after the estate's links, so they are not written into the matrices here).
  const internetRttMs: number[] = [];
  joinInternet(places, {
    ...links,
    physical: (i, j, cls) => internetRttMs.push(links.physicsRttMs(i, j, cls)),
  });
  const n = places.length;
  const ends: number[] = [];
  const rttMs: number[] = [];
  const linkClass: number[] = [];
  // By cell ascending, the upper triangle's: row by row, each row by column.
  const made = matrices.table.links();
  made.cells.forEach((cell, x) => {
    const i = Math.floor(cell / n);
    const j = cell - i * n;
    if (j <= i) return;
    ends.push(i, j);
    rttMs.push(made.rtt[x] as number);
    linkClass.push(made.linkClass[x] as number);
  });
  return {
    places: n,
    ends: Int32Array.from(ends),
    rttMs: Float64Array.from(rttMs),
    linkClass: Int32Array.from(linkClass),
    internetRttMs: Float64Array.from(internetRttMs),
  };
}

/** With the default parameters, the build's links among the catalog's places (see {@link catalogLinks}), if it made them. */
function storedCatalogLinks(parameters: LatencyParameters): CatalogLinks | undefined {
  if (parameters !== DEFAULT_LATENCY_PARAMETERS) return undefined;
  const stored = precomputed(ACCESS_HUBS)?.catalogLinks;
  return stored && stored.places === catalogTransitPlaces().length ? stored : undefined;
}

/** Writes the catalog's links among its own places (the graph's first) into the table. */
function writeCatalogLinks(stored: CatalogLinks, matrices: Matrices): void {
  const { ends, rttMs, linkClass } = stored;
  for (let e = 0; e < rttMs.length; e++)
    matrices.table.set(
      ends[2 * e] as number,
      ends[2 * e + 1] as number,
      rttMs[e] as number,
      linkClass[e] as number,
      -1,
    );
}
