/**
 * The compiled form of an estate's network: every routing decision as a longest-prefix-match table
 * built once, so that forwarding a packet is a handful of table probes.
 *
 * Routing that AWS and BGP decide for you, made explicit:
 * - a VGW sends to on-prem what on-prem advertises over its virtual interfaces (direct, or through
 *   its DX gateway); a DX gateway never hands traffic from one VPC to another;
 * - on-prem, a site's router knows its own networks, its static routes, what AWS advertises over the
 *   VIFs that end at the site, and (over the company WAN, as iBGP would) what its WAN neighbours
 *   know of their own. Among equally long prefixes it prefers local, then static, then learned
 *   directly, then over the WAN; then the higher local preference; then the candidate that reaches
 *   the destination soonest (what an operator tunes BGP for).
 */

import { getLocalZone } from '../catalog/index.js';
import { assertNever, FootprintError, getOrThrow } from '../errors.js';
import type { LatencyOptions } from '../latency/index.js';
import type { Estate } from '../model/index.js';
import { LpmTable } from './lpm.js';
import { SegmentCosts } from './segments.js';
import type {
  Cidr,
  Network,
  Route,
  Subnet,
  TgwAttachment,
  TgwRoute,
  VirtualInterface,
} from './spec/index.js';

/** Who owns an address: a subnet or an on-prem network. */
export type AddressOwner =
  | { readonly kind: 'subnet'; readonly id: string; readonly place: string; readonly cidr: Cidr }
  | {
      readonly kind: 'on-prem';
      readonly id: string;
      readonly site: string;
      readonly place: string;
      readonly cidr: Cidr;
    };

/** A way out of a site's router. */
export interface SiteRoute {
  readonly origin: 'local' | 'static' | 'learned' | 'wan';
  /** local: the on-prem network id; static/learned: the VIF, link or site; wan: the neighbour site. */
  readonly nextHop: string;
  readonly nextHopKind: 'on-prem' | 'virtual-interface' | 'link' | 'site';
  readonly localPreference: number;
}

export interface CompiledNetwork {
  readonly estate: Estate;
  readonly network: Network;
  readonly segments: SegmentCosts;
  readonly routeTables: ReadonlyMap<string, LpmTable<Route>>;
  readonly tgwRouteTables: ReadonlyMap<string, LpmTable<TgwRoute>>;
  readonly owners: LpmTable<AddressOwner>;
  /** Per VGW: on-prem prefixes -> the VIFs that carry them (direct or through the VGW's DX gateway). */
  readonly vgwToPremises: ReadonlyMap<string, LpmTable<readonly VirtualInterface[]>>;
  /** Per DX gateway: on-prem prefixes advertised over its transit VIFs. */
  readonly dxgwTransitToPremises: ReadonlyMap<string, LpmTable<readonly VirtualInterface[]>>;
  /** Per DX gateway: allowed prefixes -> the associated VGW or Transit Gateway. */
  readonly dxgwToAws: ReadonlyMap<string, LpmTable<readonly string[]>>;
  /** Per site: its router's candidate routes, best first per prefix. */
  readonly siteRoutes: ReadonlyMap<string, LpmTable<readonly SiteRoute[]>>;
  readonly vgwOfVpc: ReadonlyMap<string, string>;
  readonly igwOfVpc: ReadonlyMap<string, string>;
  /** `tgw|vpc` -> the VPC attachment. */
  readonly tgwVpcAttachment: ReadonlyMap<string, VpcAttachment>;
  /** Per VPC attachment: the AZs of its subnets (where the Transit Gateway has an interface). */
  readonly attachmentZones: ReadonlyMap<string, ReadonlySet<string>>;
  /** `tgw|dxgw` -> the DX gateway attachment. */
  readonly tgwDxAttachment: ReadonlyMap<string, TgwAttachment>;
  /** `tgw|peer` -> the peering attachment on tgw's side. */
  readonly tgwPeerAttachment: ReadonlyMap<string, TgwAttachment>;
  /** The DX gateway a VGW is associated with. */
  readonly dxgwOfVgw: ReadonlyMap<string, string>;
  /** Per subnet: its index (for loop detection) and its route table compiled, in one lookup. */
  readonly subnetRouting: ReadonlyMap<
    string,
    { readonly index: number; readonly table: LpmTable<Route> | undefined }
  >;
  /** Per Transit Gateway attachment: its route table's index and compiled table (none if not associated). */
  readonly tgwAttachmentRouting: ReadonlyMap<
    string,
    {
      readonly attachment: TgwAttachment;
      readonly tableIndex: number;
      readonly table: LpmTable<TgwRoute> | undefined;
    }
  >;
  /** Transit Gateway -> VPC -> the VPC attachment (tgwVpcAttachment without building a key). */
  readonly vpcAttachmentByTgw: ReadonlyMap<string, ReadonlyMap<string, VpcAttachment>>;
  /** Integer indices of the decision points, for loop detection without allocation. */
  readonly subnetIndex: ReadonlyMap<string, number>;
  /** The subnets' ids by index (the inverse of `subnetIndex`). */
  readonly subnetIds: readonly string[];
  readonly tgwTableIndex: ReadonlyMap<string, number>;
  readonly siteIndex: ReadonlyMap<string, number>;
  /** Sites whose position is not known yet: a packet stops at the DX location before them. */
  readonly placeholderSites: ReadonlySet<string>;
  /** Scratch space reused by every forwarding (single-threaded): visit stamps per decision point. */
  readonly scratch: {
    generation: number;
    readonly subnetStamps: Uint32Array;
    readonly tgwTableStamps: Uint32Array;
    readonly siteStamps: Uint32Array;
  };
}

function groupTable<T>(entries: Iterable<{ cidr: Cidr; value: T }>): LpmTable<readonly T[]> {
  const groups = new Map<string, { cidr: Cidr; value: T[] }>();
  for (const entry of entries) {
    const group = groups.get(entry.cidr.text);
    if (group) group.value.push(entry.value);
    else groups.set(entry.cidr.text, { cidr: entry.cidr, value: [entry.value] });
  }
  return new LpmTable([...groups.values()]);
}

/** A Transit Gateway attachment of a VPC. */
export type VpcAttachment = Extract<TgwAttachment, { readonly kind: 'vpc' }>;

/** The estate's network; a user error when the estate has none. */
export function networkOf(estate: Estate): Network {
  if (!estate.network) {
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `estate '${estate.name}' has no network section to trace through`,
      suggestion:
        'add network: { vpcs, subnets, routeTables, ... } to the estate, or use `footprint latency` for the physical RTT',
    });
  }
  return estate.network;
}

/** Compiles the estate's network. The estate must have a `network` section. */
export function compileNetwork(estate: Estate, options: LatencyOptions = {}): CompiledNetwork {
  const network = networkOf(estate);
  const segments = new SegmentCosts(estate, options);
  const routeTables = lpmRouteTables(network.routeTables);
  const tgwRouteTables = lpmRouteTables(network.tgwRouteTables);
  const owners = addressOwners(network);
  const { dxgwOfVgw, vgwToPremises, dxgwTransitToPremises, dxgwToAws } = directConnectTables(network);
  const vgwOfVpc = new Map([...network.virtualPrivateGateways.values()].map((g) => [g.vpc, g.id]));
  const igwOfVpc = new Map([...network.internetGateways.values()].map((g) => [g.vpc, g.id]));
  const { tgwVpcAttachment, attachmentZones, tgwDxAttachment, tgwPeerAttachment } =
    tgwAttachmentsByEnds(network);
  const subnetIndex = new Map([...network.subnets.keys()].map((id, i) => [id, i]));
  const tgwTableIndex = new Map([...network.tgwRouteTables.keys()].map((id, i) => [id, i]));
  const siteIndex = new Map(estate.sites.map((site, i) => [site.id, i]));
  const subnetRouting = new Map(
    [...network.subnets.values()].map((s, index) => [s.id, { index, table: routeTables.get(s.routeTable) }]),
  );
  const tgwAttachmentRouting = new Map(
    [...network.tgwAttachments.values()].map((attachment) => {
      const table = attachment.routeTable;
      return [
        attachment.id,
        {
          attachment,
          tableIndex: table === undefined ? -1 : (tgwTableIndex.get(table) ?? -1),
          table: table === undefined ? undefined : tgwRouteTables.get(table),
        },
      ];
    }),
  );
  const vpcAttachmentByTgw = new Map<string, Map<string, VpcAttachment>>();
  for (const a of tgwVpcAttachment.values()) {
    const byVpc = vpcAttachmentByTgw.get(a.transitGateway) ?? new Map<string, VpcAttachment>();
    if (!byVpc.has(a.vpc)) byVpc.set(a.vpc, a);
    vpcAttachmentByTgw.set(a.transitGateway, byVpc);
  }
  const compiled: Omit<CompiledNetwork, 'siteRoutes'> = {
    estate,
    network,
    segments,
    routeTables,
    tgwRouteTables,
    owners,
    vgwToPremises,
    dxgwTransitToPremises,
    dxgwToAws,
    vgwOfVpc,
    igwOfVpc,
    tgwVpcAttachment,
    attachmentZones,
    tgwDxAttachment,
    tgwPeerAttachment,
    dxgwOfVgw,
    subnetIndex,
    subnetIds: [...network.subnets.keys()],
    tgwTableIndex,
    siteIndex,
    subnetRouting,
    tgwAttachmentRouting,
    vpcAttachmentByTgw,
    placeholderSites: new Set((estate.placeholderSites ?? []).map((s) => s.id)),
    scratch: {
      generation: 0,
      subnetStamps: new Uint32Array(subnetIndex.size),
      tgwTableStamps: new Uint32Array(tgwTableIndex.size),
      siteStamps: new Uint32Array(siteIndex.size),
    },
  };
  return { ...compiled, siteRoutes: compileSiteRoutes(compiled) };
}

/** Each route table (VPC or Transit Gateway) as a longest-prefix-match table of its routes, by id. */
function lpmRouteTables<R extends { readonly destination: Cidr }>(
  tables: ReadonlyMap<string, { readonly id: string; readonly routes: readonly R[] }>,
): Map<string, LpmTable<R>> {
  return new Map(
    [...tables.values()].map((t) => [
      t.id,
      new LpmTable(t.routes.map((r) => ({ cidr: r.destination, value: r }))),
    ]),
  );
}

/** Who owns each address: the subnets' CIDRs and the on-prem networks'. */
function addressOwners(network: Network): LpmTable<AddressOwner> {
  const entries: { cidr: Cidr; value: AddressOwner }[] = [];
  for (const subnet of network.subnets.values()) {
    entries.push({
      cidr: subnet.cidr,
      value: { kind: 'subnet', id: subnet.id, place: subnet.zone, cidr: subnet.cidr },
    });
  }
  for (const premises of network.onPrem.values()) {
    for (const cidr of premises.cidrs) {
      entries.push({
        cidr,
        value: { kind: 'on-prem', id: premises.id, site: premises.site, place: premises.site, cidr },
      });
    }
  }
  return new LpmTable(entries);
}

/**
 * What Direct Connect routes: each VGW's DX gateway; per VGW, the on-prem prefixes its private VIFs
 * carry (its own, or its DX gateway's); per DX gateway, the on-prem prefixes of its transit VIFs and
 * the prefixes allowed towards each associated gateway.
 */
function directConnectTables(
  network: Network,
): Pick<CompiledNetwork, 'dxgwOfVgw' | 'vgwToPremises' | 'dxgwTransitToPremises' | 'dxgwToAws'> {
  const dxgwOfVgw = new Map<string, string>();
  for (const gateway of network.dxGateways.values()) {
    for (const a of gateway.associations)
      if (a.gatewayKind === 'virtual-private-gateway') dxgwOfVgw.set(a.gateway, gateway.id);
  }
  const vifs = [...network.virtualInterfaces.values()];
  const advertised = (carrying: readonly VirtualInterface[]) =>
    groupTable(carrying.flatMap((v) => v.advertisedPrefixes.map((cidr) => ({ cidr, value: v }))));
  const vgwToPremises = new Map<string, LpmTable<readonly VirtualInterface[]>>();
  for (const vgw of network.virtualPrivateGateways.values()) {
    const dxgw = dxgwOfVgw.get(vgw.id);
    vgwToPremises.set(
      vgw.id,
      advertised(
        vifs.filter((v) => v.type === 'private' && (v.vgw === vgw.id || (dxgw && v.dxGateway === dxgw))),
      ),
    );
  }
  const dxgwTransitToPremises = new Map<string, LpmTable<readonly VirtualInterface[]>>();
  const dxgwToAws = new Map<string, LpmTable<readonly string[]>>();
  for (const gateway of network.dxGateways.values()) {
    dxgwTransitToPremises.set(
      gateway.id,
      advertised(vifs.filter((v) => v.type === 'transit' && v.dxGateway === gateway.id)),
    );
    dxgwToAws.set(
      gateway.id,
      groupTable(
        gateway.associations.flatMap((a) => a.allowedPrefixes.map((cidr) => ({ cidr, value: a.gateway }))),
      ),
    );
  }
  return { dxgwOfVgw, vgwToPremises, dxgwTransitToPremises, dxgwToAws };
}

/** Transit Gateway attachments by what they join (`tgw|vpc`, `tgw|dxgw`, `tgw|peer`), and the AZs of each VPC attachment. */
function tgwAttachmentsByEnds(
  network: Network,
): Pick<CompiledNetwork, 'tgwVpcAttachment' | 'attachmentZones' | 'tgwDxAttachment' | 'tgwPeerAttachment'> {
  const tgwVpcAttachment = new Map<string, VpcAttachment>();
  const attachmentZones = new Map<string, ReadonlySet<string>>();
  const tgwDxAttachment = new Map<string, TgwAttachment>();
  const tgwPeerAttachment = new Map<string, TgwAttachment>();
  for (const a of network.tgwAttachments.values()) {
    switch (a.kind) {
      case 'vpc':
        tgwVpcAttachment.set(`${a.transitGateway}|${a.vpc}`, a);
        attachmentZones.set(
          a.id,
          new Set(a.subnets.map((s) => getOrThrow(network.subnets, s, 'subnet').zone)),
        );
        break;
      case 'dx-gateway':
        tgwDxAttachment.set(`${a.transitGateway}|${a.dxGateway}`, a);
        break;
      case 'peering':
        tgwPeerAttachment.set(`${a.transitGateway}|${a.peer}`, a);
        break;
      default:
        assertNever(a, 'Transit Gateway attachment');
    }
  }
  return { tgwVpcAttachment, attachmentZones, tgwDxAttachment, tgwPeerAttachment };
}

/** What AWS advertises to on-prem over a VIF: the CIDRs on-prem can reach through it. */
export function awsPrefixesOverVif(network: Network, vif: VirtualInterface): Cidr[] {
  if (vif.vgw) {
    const vgw = network.virtualPrivateGateways.get(vif.vgw);
    return vgw ? [...(network.vpcs.get(vgw.vpc)?.cidrs ?? [])] : [];
  }
  const gateway = vif.dxGateway ? network.dxGateways.get(vif.dxGateway) : undefined;
  if (!gateway) return [];
  const wanted = vif.type === 'transit' ? 'transit-gateway' : 'virtual-private-gateway';
  return gateway.associations.filter((a) => a.gatewayKind === wanted).flatMap((a) => [...a.allowedPrefixes]);
}

const ORIGIN_RANK: Record<SiteRoute['origin'], number> = { local: 0, static: 1, learned: 2, wan: 3 };

function compileSiteRoutes(
  compiled: Omit<CompiledNetwork, 'siteRoutes'>,
): Map<string, LpmTable<readonly SiteRoute[]>> {
  const { network, estate } = compiled;
  const own = new Map<string, { cidr: Cidr; route: SiteRoute }[]>();
  const add = (site: string, cidr: Cidr, route: SiteRoute) => {
    const list = own.get(site) ?? [];
    list.push({ cidr, route });
    own.set(site, list);
  };
  for (const premises of network.onPrem.values()) {
    for (const cidr of premises.cidrs) {
      add(premises.site, cidr, {
        origin: 'local',
        nextHop: premises.id,
        nextHopKind: 'on-prem',
        localPreference: 100,
      });
    }
  }
  for (const vif of network.virtualInterfaces.values()) {
    for (const cidr of awsPrefixesOverVif(network, vif)) {
      add(vif.site, cidr, {
        origin: 'learned',
        nextHop: vif.id,
        nextHopKind: 'virtual-interface',
        localPreference: vif.localPreference,
      });
    }
  }
  const result = new Map<string, LpmTable<readonly SiteRoute[]>>();
  for (const site of estate.sites) {
    const entries: { cidr: Cidr; value: SiteRoute }[] = [];
    const router = network.routers.get(site.id);
    for (const r of router?.routes ?? []) {
      entries.push({
        cidr: r.destination,
        value: { origin: 'static', nextHop: r.nextHop, nextHopKind: r.nextHopKind, localPreference: 100 },
      });
    }
    for (const { cidr, route } of own.get(site.id) ?? []) entries.push({ cidr, value: route });
    // iBGP over the WAN: what the other sites know of their own (not what they learned over the WAN).
    for (const other of estate.sites) {
      if (other.id === site.id || !Number.isFinite(compiled.segments.wanRttMs(site.id, other.id))) continue;
      for (const { cidr, route } of own.get(other.id) ?? []) {
        entries.push({
          cidr,
          value: {
            origin: 'wan',
            nextHop: other.id,
            nextHopKind: 'site',
            localPreference: route.localPreference,
          },
        });
      }
    }
    const table = groupTable(entries);
    result.set(
      site.id,
      new LpmTable(
        table.entries.map((e) => ({
          cidr: e.cidr,
          value: [...e.value].sort(
            (a, b) =>
              ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] ||
              b.localPreference - a.localPreference ||
              a.nextHop.localeCompare(b.nextHop),
          ),
        })),
      ),
    );
  }
  return result;
}

/**
 * Whether `subnet` can reach the Transit Gateway of its VPC's `attachment`: the AZ it needs an
 * attachment subnet in (its own, or a Local Zone's parent zone) and whether there is one. Always
 * reached when the attachment lists no subnets (not known), or for a Local Zone whose parent zone
 * the catalog does not know. (AWS's rule and its sources: see `forward.ts`.)
 */
export function attachmentReach(
  compiled: CompiledNetwork,
  subnet: Subnet,
  attachment: VpcAttachment,
): { readonly zone?: string; readonly reached: boolean; readonly zones: ReadonlySet<string> } {
  const zones = getOrThrow(compiled.attachmentZones, attachment.id, 'zones of attachment');
  const zone = subnet.zoneKind === 'local-zone' ? getLocalZone(subnet.zone)?.parentAzId : subnet.zone;
  if (zones.size === 0 || zone === undefined) return { reached: true, zones };
  return { zone, reached: zones.has(zone), zones };
}

/** The subnet or on-prem network an address belongs to. */
export function ownerOf(compiled: CompiledNetwork, address: number): AddressOwner | undefined {
  return compiled.owners.lookup(address)?.value;
}

/** The place (zone) of a subnet. */
export function subnetPlace(subnet: Subnet): string {
  return subnet.zone;
}
