/**
 * The compiled form of an estate's network: every routing decision as a longest-prefix-match table
 * built once, so that forwarding a packet is a handful of table probes. What Direct Connect and the
 * sites' routers route (the routing AWS and BGP decide) is compiled in `compile-premises.ts`; this
 * file compiles the rest (route tables, address owners, Transit Gateway attachments, the indices
 * of the decision points) and puts it all together.
 */

import { getLocalZone } from '../catalog/index.js';
import { assertNever, FootprintError, getOrThrow } from '../errors.js';
import type { LatencyOptions } from '../latency/index.js';
import type { Estate } from '../model/index.js';
import { compileSiteRoutes, directConnectTables, type SiteRoute } from './compile-premises.js';
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
