/**
 * Resolution of the whole `network` section, as the algorithm's steps in order: know every id and
 * its kind; resolve the VPC side (`resolve-network.ts`); VPC peering; Direct Connect gateways;
 * Transit Gateways and their attachments; route tables, once every gateway they may name is known;
 * virtual interfaces; Transit Gateway route tables, whose propagated routes need the VIFs; and the
 * customer's side (on-prem networks and routers). Every problem is reported with its location.
 */
import { getRegion, type Place } from '../../catalog/index.js';
import { cidrsOverlap } from './cidr.js';
import type {
  Network,
  NetworkElementKind,
  Peering,
  TgwAttachment,
  TgwRouteTable,
  TransitGateway,
} from './network.js';
import {
  checkDxGatewayAttachments,
  type PhysicalLink,
  resolveDxGateways,
  resolveVirtualInterfaces,
} from './resolve-direct-connect.js';
import {
  type DataPath,
  elementAt,
  type NetworkContext,
  type Report,
  resolveVpcSide,
  type VpcSide,
} from './resolve-network.js';
import { resolveOnPrem, resolveRouters } from './resolve-premises.js';
import { resolveRouteTables } from './resolve-routes.js';
import { resolveAttachment, resolveTgwRouteTables } from './resolve-tgw.js';
import type { NetworkInput } from './schema-network.js';

export type { PhysicalLink } from './resolve-direct-connect.js';

const SECTION_KINDS: readonly [keyof NetworkInput, NetworkElementKind][] = [
  ['vpcs', 'vpc'],
  ['subnets', 'subnet'],
  ['routeTables', 'route-table'],
  ['prefixLists', 'prefix-list'],
  ['internetGateways', 'internet-gateway'],
  ['natGateways', 'nat-gateway'],
  ['virtualPrivateGateways', 'virtual-private-gateway'],
  ['transitGateways', 'transit-gateway'],
  ['dxGateways', 'dx-gateway'],
  ['virtualInterfaces', 'virtual-interface'],
  ['peerings', 'peering'],
  ['appliances', 'appliance'],
  ['onPrem', 'on-prem'],
  ['routers', 'router'],
];

/** Every id the network section declares, with its path and kind (Transit Gateway children included). */
export function networkIds(input: NetworkInput): { id: string; path: DataPath; kind: NetworkElementKind }[] {
  const out: { id: string; path: DataPath; kind: NetworkElementKind }[] = [];
  for (const [section, kind] of SECTION_KINDS) {
    for (const id of Object.keys(input[section] ?? {}))
      out.push({ id, path: ['network', section, id], kind });
  }
  for (const [tgw, gateway] of Object.entries(input.transitGateways ?? {})) {
    for (const id of Object.keys(gateway.attachments ?? {}))
      out.push({ id, path: ['network', 'transitGateways', tgw, 'attachments', id], kind: 'tgw-attachment' });
    for (const id of Object.keys(gateway.routeTables ?? {}))
      out.push({ id, path: ['network', 'transitGateways', tgw, 'routeTables', id], kind: 'tgw-route-table' });
  }
  return out;
}

/**
 * Resolves the network section. `sites` are the estate's sites, placeholders included (only their
 * ids matter here); `links` its resolved links; `zones` the AZs the estate declares beyond the catalog.
 */
export function resolveNetwork(
  input: NetworkInput,
  report: Report,
  sites: readonly { readonly id: string }[],
  links: readonly PhysicalLink[],
  zones: readonly Place[] = [],
): Network {
  const context = networkContext(input, report, zones);
  const side = resolveVpcSide(context);
  const peerings = resolvePeerings(context, side);
  const dxGateways = resolveDxGateways(context, side);
  const transit = resolveTransitGateways(context, side);
  checkDxGatewayAttachments(context, dxGateways, new Set(transit.gateways.keys()), transit.attachments);
  resolveRouteTables(context, side, peerings, transit.vpcAttachments);
  const virtualInterfaces = resolveVirtualInterfaces(context, side, dxGateways, links);
  const tgwRouteTables = resolveTgwRouteTables(context, side, transit.attachments, virtualInterfaces);
  const siteIds = new Set(sites.map((s) => s.id));
  const onPrem = resolveOnPrem(context, siteIds);
  const routers = resolveRouters(context, siteIds, virtualInterfaces, links);
  return {
    vpcs: side.vpcs,
    subnets: side.subnets,
    routeTables: side.routeTables,
    prefixLists: side.prefixLists,
    internetGateways: side.internetGateways,
    natGateways: side.natGateways,
    virtualPrivateGateways: side.virtualPrivateGateways,
    transitGateways: transit.gateways,
    tgwAttachments: associate(transit.attachments, tgwRouteTables),
    tgwRouteTables,
    dxGateways,
    virtualInterfaces,
    peerings,
    appliances: side.appliances,
    onPrem,
    routers,
    kinds: context.kinds,
  };
}

/** Step 1: every id the section declares and its kind (the first declaration wins; duplicates are the model's to report). */
function networkContext(input: NetworkInput, report: Report, zones: readonly Place[]): NetworkContext {
  const kinds = new Map<string, NetworkElementKind>();
  for (const { id, kind } of networkIds(input)) if (!kinds.has(id)) kinds.set(id, kind);
  return { input, report, kinds, zones: new Map(zones.map((z) => [z.id, z])) };
}

/** VPC peering: two distinct VPCs whose CIDRs do not overlap (AWS refuses the others). */
function resolvePeerings(context: NetworkContext, side: VpcSide): Map<string, Peering> {
  const peerings = new Map<string, Peering>();
  for (const [id, peering] of Object.entries(context.input.peerings ?? {})) {
    const path = ['network', 'peerings', id, 'between'];
    const a = elementAt(context, side.vpcs, peering.between[0], [...path, 0], 'vpc', 'VPC');
    const b = elementAt(context, side.vpcs, peering.between[1], [...path, 1], 'vpc', 'VPC');
    if (!a || !b) continue;
    if (a.id === b.id) {
      context.report(path, { code: 'FP_BAD_LINK', message: `peering '${id}' joins VPC '${a.id}' to itself` });
      continue;
    }
    const overlap = a.cidrs.find((x) => b.cidrs.some((y) => cidrsOverlap(x, y)));
    if (overlap) {
      context.report(path, {
        code: 'FP_OVERLAP',
        message: `peering '${id}': VPCs '${a.id}' and '${b.id}' have overlapping CIDRs (${overlap.text}); AWS refuses such a peering`,
      });
      continue;
    }
    peerings.set(id, { id, between: [a.id, b.id] });
  }
  return peerings;
}

interface TransitSide {
  readonly gateways: Map<string, TransitGateway>;
  readonly attachments: Map<string, TgwAttachment>;
  /** `tgw|vpc` of every VPC attachment: what a route to a Transit Gateway needs. */
  readonly vpcAttachments: Set<string>;
}

/** Transit Gateways (regional) and their attachments; route tables come once the VIFs are known. */
function resolveTransitGateways(context: NetworkContext, side: VpcSide): TransitSide {
  const gateways = new Map<string, TransitGateway>();
  const attachments = new Map<string, TgwAttachment>();
  const vpcAttachments = new Set<string>();
  for (const [tgwId, tgw] of Object.entries(context.input.transitGateways ?? {})) {
    const path = ['network', 'transitGateways', tgwId];
    if (!getRegion(tgw.region)) {
      context.report([...path, 'region'], {
        code: 'FP_UNKNOWN_PLACE',
        message: `unknown region '${tgw.region}'`,
        expected: 'a region code, e.g. us-west-2',
      });
      continue;
    }
    for (const [id, attachment] of Object.entries(tgw.attachments ?? {})) {
      const resolved = resolveAttachment(context, side, tgwId, tgw.region, id, attachment, [
        ...path,
        'attachments',
        id,
      ]);
      if (!resolved) continue;
      attachments.set(id, resolved);
      if (resolved.kind === 'vpc') vpcAttachments.add(`${tgwId}|${resolved.vpc}`);
    }
    gateways.set(tgwId, {
      id: tgwId,
      region: tgw.region,
      attachments: Object.keys(tgw.attachments ?? {}).filter((a) => attachments.has(a)),
      routeTables: Object.keys(tgw.routeTables ?? {}),
    });
  }
  return { gateways, attachments, vpcAttachments };
}

/** Each attachment with the Transit Gateway route table it is associated with. */
function associate(
  attachments: ReadonlyMap<string, TgwAttachment>,
  tables: ReadonlyMap<string, TgwRouteTable>,
): Map<string, TgwAttachment> {
  const associated = new Map(attachments);
  for (const table of tables.values()) {
    for (const a of table.associations) {
      const attachment = associated.get(a);
      if (attachment) associated.set(a, { ...attachment, routeTable: table.id });
    }
  }
  return associated;
}
