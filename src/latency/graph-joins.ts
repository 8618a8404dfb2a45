/**
 * The links of the physical graph (`graph.ts`): which places each kind of link joins, at the RTT
 * physics gives it (or the estate measured), keeping the fastest between two places.
 *
 * - the AWS backbone joins the regions of a partition, and each DX location to its region, along
 *   routes over real hubs and cables (`hubs.ts`);
 * - a DX location where a virtual interface on a Direct Connect gateway lands joins, over the same
 *   backbone, the region of every gateway that DX gateway is associated with: a DX location sits
 *   on AWS's global network, and a DX gateway carries traffic from it to any region straight,
 *   not through the location's own region. "A Direct Connect gateway is a globally available
 *   resource. You can create the Direct Connect gateway in any Region and access it from all other
 *   Regions" (AWS Direct Connect User Guide, "Direct Connect gateways",
 *   https://docs.aws.amazon.com/directconnect/latest/UserGuide/direct-connect-gateways-intro.html),
 *   which "enables you to connect to a VPC in any Region, regardless of the Region in which the
 *   virtual interfaces are located" (AWS Direct Connect API Reference, CreateDirectConnectGateway).
 *   Without one, "Connecting the private virtual interface to a VGW only provides access to a
 *   single VPC within the same Region" (CreatePrivateVirtualInterface), so a DX location with no
 *   DX gateway reaches its home region only;
 * - each AZ joins its region (inter-AZ class), each Local Zone its parent region;
 * - a DX location joins the Local Zones of its own metro (metro class);
 * - the estate's links (DX circuits, WAN, cross-connects) join its sites (a placeholder site, whose
 *   position is not known yet, is not in the graph: its links carry nothing);
 * - AZs the estate declares beyond the catalog join their region like the catalog's;
 * - the internet joins users, hosts and internet-connected sites to regions, Local Zones and each
 *   other, also over hubs and cables (AWS places reach each other over the backbone, or over the
 *   internet across partitions).
 */
import { type LatencyParameters, LINK_CLASSES, type LinkClass, type Place } from '../catalog/index.js';
import { getOrThrow } from '../errors.js';
import { distanceKm, FIBER_KM_PER_MS } from '../geo/index.js';
import type { Estate, LinkKind } from '../model/index.js';
import type { PhysicalGraph } from './graph.js';
import { LinkTable } from './links.js';
import type { RoutedLinks } from './routed.js';

/** The link class of each kind of estate link. */
export const LINK_KIND_CLASS: Readonly<Record<LinkKind, LinkClass>> = {
  'direct-connect': 'direct-connect',
  wan: 'wan',
  'cross-connect': 'metro',
  internet: 'internet',
};

/** Places that carry traffic through them. Users and hosts only start or end paths. */
const TRANSIT_KINDS = new Set<Place['kind']>(['region', 'az', 'local-zone', 'dx-location', 'site']);
/** Places the public internet reaches directly. */
const AWS_INTERNET_KINDS = new Set<Place['kind']>(['region', 'local-zone']);
/**
 * Edge locations are endpoints too: a user's RTT to one is the internet path from the user's metro,
 * the same physics as to any host there (the edge's own path to the origin is the simulator's).
 */
const ENDPOINT_KINDS = new Set<Place['kind']>(['metro', 'host', 'edge-location']);

/** Same-metro joins (DX location to Local Zone) allow at most this distance. */
const METRO_JOIN_MAX_KM = 150;

/**
 * RTT of one link of a class over a great-circle distance: 2 × km × inflation / fiber speed + hop.
 * @example linkRttMs(1000, { inflation: 1.5, hopMs: 1 }) // ≈ 15.7
 */
export function linkRttMs(km: number, parameters: { inflation: number; hopMs: number }): number {
  return (2 * km * parameters.inflation) / FIBER_KM_PER_MS + parameters.hopMs;
}

export type Matrices = Pick<PhysicalGraph, 'transit' | 'endOnInternet'> & {
  /** The links so far. */
  readonly table: LinkTable;
};

/** No links yet, and which nodes carry traffic through them. */
export function emptyMatrices(places: readonly Place[]): Matrices {
  const n = places.length;
  const transit = new Uint8Array(n);
  const endOnInternet = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    transit[i] = TRANSIT_KINDS.has((places[i] as Place).kind) ? 1 : 0;
    endOnInternet[i] = AWS_INTERNET_KINDS.has((places[i] as Place).kind) ? 1 : 0;
  }
  return { table: new LinkTable(n), transit, endOnInternet };
}

/** Adds links to the matrices, keeping the fastest between two nodes. */
export interface Linker {
  /** A link between i and j with this RTT (and its index into `estate.links` for an estate link). */
  connect(i: number, j: number, cls: LinkClass, value: number, link?: number): void;
  /** A link of class `cls` at the RTT physics gives it. */
  physical(i: number, j: number, cls: LinkClass): void;
  /** The RTT physics gives a link of class `cls` between i and j: routed over hubs for the backbone and the internet. */
  physicsRttMs(i: number, j: number, cls: LinkClass): number;
}

export function linker(
  places: readonly Place[],
  { table }: Matrices,
  parameters: LatencyParameters,
  routed: RoutedLinks,
): Linker {
  const classIndex = new Map(LINK_CLASSES.map((c, i) => [c, i]));
  const connect = (i: number, j: number, cls: LinkClass, value: number, link = -1) => {
    if (i === j || value >= table.rttMs(i, j)) return;
    table.set(i, j, value, getOrThrow(classIndex, cls, 'link class'), link);
  };
  const physicsRttMs = (i: number, j: number, cls: LinkClass) =>
    cls === 'backbone' || cls === 'internet'
      ? routed.rttMs(cls, i, j)
      : linkRttMs(distanceKm(places[i] as Place, places[j] as Place), parameters.classes[cls]);
  const physical = (i: number, j: number, cls: LinkClass) => connect(i, j, cls, physicsRttMs(i, j, cls));
  return { connect, physical, physicsRttMs };
}

/** The backbone between the regions of one partition. */
export function joinBackbone(places: readonly Place[], links: Linker): void {
  const regions: number[] = [];
  places.forEach((place, i) => {
    if (place.kind === 'region') regions.push(i);
  });
  for (let x = 0; x < regions.length; x++) {
    for (let y = x + 1; y < regions.length; y++) {
      const i = regions[x] as number;
      const j = regions[y] as number;
      if ((places[i] as Place).partition === (places[j] as Place).partition) links.physical(i, j, 'backbone');
    }
  }
}

/**
 * AZs, Local Zones and DX locations to their region; DX locations to the Local Zones of their metro.
 * Places before `from` are joined already.
 */
export function joinToRegions(
  places: readonly Place[],
  indexOf: ReadonlyMap<string, number>,
  links: Linker,
  from = 0,
): void {
  const localZonesByMetro = new Map<string, number[]>();
  places.forEach((place, i) => {
    if (place.kind === 'local-zone' && place.metro) {
      localZonesByMetro.set(place.metro, [...(localZonesByMetro.get(place.metro) ?? []), i]);
    }
  });
  places.forEach((place, i) => {
    if (i < from) return;
    const region = place.region !== undefined ? indexOf.get(place.region) : undefined;
    if (region === undefined || region === i) return;
    if (place.kind === 'az') links.physical(i, region, 'inter-az');
    else if (place.kind === 'local-zone') links.physical(i, region, 'local-zone');
    else if (place.kind === 'dx-location') {
      links.physical(i, region, 'backbone');
      for (const zone of localZonesByMetro.get(place.metro ?? '') ?? []) {
        if (distanceKm(place, places[zone] as Place) <= METRO_JOIN_MAX_KM) links.physical(i, zone, 'metro');
      }
    }
  });
}

/** DX locations to the regions their DX gateways reach, over the global network. */
export function joinDxGatewayReach(
  estate: Estate,
  indexOf: ReadonlyMap<string, number>,
  links: Linker,
): void {
  for (const [location, region] of dxGatewayReach(estate)) {
    const i = indexOf.get(location);
    const j = indexOf.get(region);
    if (i !== undefined && j !== undefined) links.physical(i, j, 'backbone');
  }
}

/** The estate's own links, a measurement overriding physics; returns each one's RTT (NaN where a place is not in the graph). */
export function joinEstateLinks(
  estate: Estate,
  indexOf: ReadonlyMap<string, number>,
  links: Linker,
): Float64Array {
  const estateLinkRtt = new Float64Array(estate.links.length).fill(Number.NaN);
  estate.links.forEach((link, k) => {
    const i = indexOf.get(link.between[0]);
    const j = indexOf.get(link.between[1]);
    if (i === undefined || j === undefined) return;
    const cls = LINK_KIND_CLASS[link.kind];
    const value = link.measuredRttMs ?? links.physicsRttMs(i, j, cls);
    estateLinkRtt[k] = value;
    links.connect(i, j, cls, value, k);
  });
  return estateLinkRtt;
}

/**
 * The internet between the places it reaches (AWS regions and Local Zones, endpoints,
 * internet-connected sites), except between two AWS places of one partition (they use the backbone).
 */
export function joinInternet(places: readonly Place[], links: Linker, stored?: StoredInternet): void {
  const internet: number[] = [];
  places.forEach((place, i) => {
    if (
      AWS_INTERNET_KINDS.has(place.kind) ||
      ENDPOINT_KINDS.has(place.kind) ||
      (place.kind === 'site' && (place as { internet?: boolean }).internet)
    ) {
      internet.push(i);
    }
  });
  let next = 0;
  for (let x = 0; x < internet.length; x++) {
    for (let y = x + 1; y < internet.length; y++) {
      const i = internet[x] as number;
      const j = internet[y] as number;
      const a = places[i] as Place;
      const b = places[j] as Place;
      if (AWS_INTERNET_KINDS.has(a.kind) && AWS_INTERNET_KINDS.has(b.kind) && a.partition === b.partition)
        continue;
      // Two catalog places: the build's figure, in this same order (see catalogLinks).
      if (stored && j < stored.places && next < stored.rttMs.length)
        links.connect(i, j, 'internet', stored.rttMs[next++] as number);
      else links.physical(i, j, 'internet');
    }
  }
}

/** The internet links among the first `places` places, in the order `joinInternet` makes them. */
export interface StoredInternet {
  readonly places: number;
  readonly rttMs: Float64Array;
}

/**
 * The (DX location, region) pairs a Direct Connect gateway joins: for each virtual interface on a
 * DX gateway, the location where its circuit lands and the region of each gateway (a VGW's VPC, a
 * Transit Gateway) the DX gateway is associated with. Sorted, for a deterministic graph.
 */
function dxGatewayReach(estate: Estate): [string, string][] {
  const network = estate.network;
  if (!network) return [];
  const regionOf = (gateway: string): string | undefined => {
    const vgw = network.virtualPrivateGateways.get(gateway);
    if (vgw) return network.vpcs.get(vgw.vpc)?.region;
    return network.transitGateways.get(gateway)?.region;
  };
  const pairs = new Set<string>();
  for (const vif of network.virtualInterfaces.values()) {
    if (vif.dxGateway === undefined) continue;
    for (const association of network.dxGateways.get(vif.dxGateway)?.associations ?? []) {
      const region = regionOf(association.gateway);
      if (region !== undefined) pairs.add(`${vif.location}\u0000${region}`);
    }
  }
  return [...pairs].sort().map((pair) => {
    const [location = '', region = ''] = pair.split('\u0000');
    return [location, region];
  });
}
