/**
 * What each step of a routed path costs in milliseconds, laid on the physical layer:
 * - inside AWS (zone to region, region to region, region or Local Zone to a DX location): the best
 *   path over AWS's own links only (backbone, inter-AZ, Local Zone, metro), never the internet or
 *   the customer's circuits, and never through a DX location (a Local Zone reaches its parent
 *   region over its own link, not through some colo's backbone port);
 * - a Direct Connect circuit: that link's RTT (a measurement, or physics);
 * - between sites: the best path over the company's WAN and cross-connect links.
 */
import { LINK_CLASSES, type LinkClass } from '../catalog/index.js';
import { distanceKm } from '../geo/index.js';
import {
  allocateTree,
  buildPhysicalGraph,
  type LatencyOptions,
  LINK_KIND_CLASS,
  linkIndex,
  linkRttMs,
  type PhysicalGraph,
  type SearchGraph,
  shortestPathTree,
} from '../latency/index.js';
import { type Estate, type EstateLink, findPlace } from '../model/index.js';

const AWS_CLASSES: ReadonlySet<LinkClass> = new Set(['backbone', 'inter-az', 'local-zone', 'metro']);

export class SegmentCosts {
  private readonly aws: SearchGraph & Pick<PhysicalGraph, 'indexOf'>;
  /** The full physical graph of the estate (every class, the estate's links): for the physical best. */
  private readonly physical: PhysicalGraph;
  private readonly trees = new Map<number, Float64Array>();
  private readonly physicalTrees = new Map<number, Float64Array>();
  private readonly buffers;
  private readonly linkRtt = new Map<string, number>();
  private readonly wanTrees = new Map<string, Map<string, number>>();

  constructor(
    readonly estate: Estate,
    options: LatencyOptions = {},
  ) {
    const full = buildPhysicalGraph(estate, options.parameters ? { parameters: options.parameters } : {});
    this.physical = full;
    // Keep AWS's own links only: drop the internet, the customer's links, anything outside AWS.
    const links = full.links;
    const rtt = Float64Array.from(links.rtt);
    links.cells.forEach((_, x) => {
      const cls = LINK_CLASSES[links.linkClass[x] ?? -1];
      if (cls !== undefined && (!AWS_CLASSES.has(cls) || (links.estateLink[x] ?? -1) >= 0)) {
        rtt[x] = Number.POSITIVE_INFINITY;
      }
    });
    // A DX location is where circuits meet AWS, not a waypoint for traffic between AWS places.
    const transit = Uint8Array.from(full.transit);
    full.places.forEach((place, i) => {
      if (place.kind === 'dx-location') transit[i] = 0;
    });
    this.aws = {
      size: full.size,
      indexOf: full.indexOf,
      transit,
      endOnInternet: full.endOnInternet,
      links: { ...links, rtt },
    };
    this.buffers = allocateTree(full.size);
    const parameters = full.parameters;
    for (const link of estate.links) {
      if (link.measuredRttMs !== undefined) {
        this.linkRtt.set(link.id, link.measuredRttMs);
        continue;
      }
      const a = findPlace(link.between[0], estate);
      const b = findPlace(link.between[1], estate);
      // A placeholder site has no position: its links have no RTT until it gets one.
      if (!a || !b) continue;
      this.linkRtt.set(link.id, linkRttMs(distanceKm(a, b), parameters.classes[LINK_KIND_CLASS[link.kind]]));
    }
  }

  /** RTT between two AWS places (regions, AZs, Local Zones, DX locations) over AWS's own network. */
  awsRttMs(from: string, to: string): number {
    if (from === to) return 0;
    const i = this.aws.indexOf.get(from);
    const j = this.aws.indexOf.get(to);
    if (i === undefined || j === undefined) return Number.POSITIVE_INFINITY;
    let tree = this.trees.get(i);
    if (!tree) {
      tree = Float64Array.from(shortestPathTree(this.aws, i, this.buffers).rtt);
      this.trees.set(i, tree);
    }
    return tree[j] ?? Number.POSITIVE_INFINITY;
  }

  /**
   * The best RTT physics allows between two places of the estate (zones, sites, any catalog place
   * but metros), +Infinity when nothing joins them; NaN for a place this graph lacks (a metro).
   * Equal to `physicalLatency(...).rttMs`.
   */
  physicalBestRttMs(from: string, to: string): number {
    if (from === to) return 0;
    const i = this.physical.indexOf.get(from);
    const j = this.physical.indexOf.get(to);
    if (i === undefined || j === undefined) return Number.NaN;
    let tree = this.physicalTrees.get(i);
    if (!tree) {
      tree = Float64Array.from(shortestPathTree(this.physical, i, this.buffers).rtt);
      this.physicalTrees.set(i, tree);
    }
    return tree[j] ?? Number.POSITIVE_INFINITY;
  }

  /**
   * RTT from an AWS zone out to the public internet and on to a site on it: a region or a Local
   * Zone has its own egress; an AZ's traffic leaves through its region. +Infinity when either end
   * is not on the graph.
   */
  internetRttMs(from: string, site: string): number {
    const graph = this.physical;
    const i = graph.indexOf.get(from);
    const j = graph.indexOf.get(site);
    const place = i === undefined ? undefined : graph.places[i];
    if (i === undefined || j === undefined || !place) return Number.POSITIVE_INFINITY;
    if (place.kind === 'region' || place.kind === 'local-zone') {
      const x = linkIndex(graph.links, graph.size, i, j);
      // The direct internet link: physics over hubs, or the estate's own (measured) internet link.
      return LINK_CLASSES[graph.links.linkClass[x] ?? -1] === 'internet'
        ? (graph.links.rtt[x] ?? Number.POSITIVE_INFINITY)
        : graph.routed.rttMs('internet', i, j);
    }
    return place.region === undefined
      ? Number.POSITIVE_INFINITY
      : this.awsRttMs(from, place.region) + this.internetRttMs(place.region, site);
  }

  /** RTT of one estate link. */
  linkRttMs(linkId: string): number {
    return this.linkRtt.get(linkId) ?? Number.POSITIVE_INFINITY;
  }

  /** RTT between two sites over the company's WAN and cross-connects (Dijkstra over sites). */
  wanRttMs(from: string, to: string): number {
    if (from === to) return 0;
    let tree = this.wanTrees.get(from);
    if (!tree) {
      tree = this.wanTree(from);
      this.wanTrees.set(from, tree);
    }
    return tree.get(to) ?? Number.POSITIVE_INFINITY;
  }

  private wanTree(source: string): Map<string, number> {
    const links = this.estate.links.filter((l) => l.kind === 'wan' || l.kind === 'cross-connect');
    const best = new Map<string, number>([[source, 0]]);
    const done = new Set<string>();
    for (;;) {
      let u: string | undefined;
      let du = Number.POSITIVE_INFINITY;
      for (const [node, d] of best) {
        if (!done.has(node) && (d < du || (d === du && u !== undefined && node < u))) {
          u = node;
          du = d;
        }
      }
      if (u === undefined) return best;
      done.add(u);
      for (const link of links) {
        const other = otherEnd(link, u);
        if (other === undefined) continue;
        const candidate = du + this.linkRttMs(link.id);
        if (candidate < (best.get(other) ?? Number.POSITIVE_INFINITY)) best.set(other, candidate);
      }
    }
  }
}

function otherEnd(link: EstateLink, end: string): string | undefined {
  if (link.between[0] === end) return link.between[1];
  if (link.between[1] === end) return link.between[0];
  return undefined;
}
