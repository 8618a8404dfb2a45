/**
 * Resolution of the `network` section, edge side: Transit Gateways (attachments, route tables,
 * propagation), Direct Connect gateways and virtual interfaces, VPC peering, on-prem networks and
 * customer routers; and the assembly of the whole {@link Network}.
 */
import { getRegion, type Place } from '../../catalog/index.js';
import { type Cidr, cidrsOverlap } from './cidr.js';
import type {
  DxGateway,
  DxGatewayAssociation,
  Network,
  NetworkElementKind,
  OnPremNetwork,
  Peering,
  Router,
  RouterRoute,
  TgwAttachment,
  TransitGateway,
  VirtualInterface,
} from './network.js';
import {
  cidrAt,
  type DataPath,
  elementAt,
  type NetworkContext,
  type Report,
  resolveVpcSide,
  unknownElement,
} from './resolve-network.js';
import { resolveRouteTables } from './resolve-routes.js';
import { resolveAttachment, resolveTgwRouteTables } from './resolve-tgw.js';
import type { NetworkInput } from './schema-network.js';

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

/** What the network needs of an estate's physical link: a direct-connect link carries virtual interfaces. */
export interface PhysicalLink {
  readonly id: string;
  readonly kind: string;
  /** Canonical place ids: a DX location is `dx:CODE`. */
  readonly between: readonly [string, string];
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
  const kinds = new Map<string, NetworkElementKind>();
  for (const { id, kind } of networkIds(input)) if (!kinds.has(id)) kinds.set(id, kind);
  const context: NetworkContext = { input, report, kinds, zones: new Map(zones.map((z) => [z.id, z])) };
  const side = resolveVpcSide(context);

  const peerings = new Map<string, Peering>();
  for (const [id, peering] of Object.entries(input.peerings ?? {})) {
    const path = ['network', 'peerings', id, 'between'];
    const a = elementAt(context, side.vpcs, peering.between[0], [...path, 0], 'vpc', 'VPC');
    const b = elementAt(context, side.vpcs, peering.between[1], [...path, 1], 'vpc', 'VPC');
    if (!a || !b) continue;
    if (a.id === b.id) {
      report(path, { code: 'FP_BAD_LINK', message: `peering '${id}' joins VPC '${a.id}' to itself` });
      continue;
    }
    const overlap = a.cidrs.find((x) => b.cidrs.some((y) => cidrsOverlap(x, y)));
    if (overlap) {
      report(path, {
        code: 'FP_OVERLAP',
        message: `peering '${id}': VPCs '${a.id}' and '${b.id}' have overlapping CIDRs (${overlap.text}); AWS refuses such a peering`,
      });
      continue;
    }
    peerings.set(id, { id, between: [a.id, b.id] });
  }

  const dxGateways = new Map<string, DxGateway>();
  const dxgwOfVgw = new Map<string, string>();
  for (const [id, gateway] of Object.entries(input.dxGateways ?? {})) {
    const associations: DxGatewayAssociation[] = [];
    (gateway.associations ?? []).forEach((association, i) => {
      const path = ['network', 'dxGateways', id, 'associations', i];
      const kind = kinds.get(association.gateway);
      if (kind !== 'virtual-private-gateway' && kind !== 'transit-gateway') {
        unknownElement(
          context,
          [...path, 'gateway'],
          association.gateway,
          ['virtual-private-gateway', 'transit-gateway'],
          'virtual private gateway or Transit Gateway',
        );
        return;
      }
      const allowed = (association.allowedPrefixes ?? [])
        .map((c, k) => cidrAt(c, [...path, 'allowedPrefixes', k], report))
        .filter((c): c is Cidr => c !== undefined);
      if (kind === 'virtual-private-gateway') {
        const vgw = side.virtualPrivateGateways.get(association.gateway);
        if (!vgw) return;
        const previous = dxgwOfVgw.get(vgw.id);
        if (previous) {
          report([...path, 'gateway'], {
            code: 'FP_DUPLICATE_ID',
            message: `virtual private gateway '${vgw.id}' is already associated with DX gateway '${previous}'; a VGW associates with one`,
          });
          return;
        }
        dxgwOfVgw.set(vgw.id, id);
        const vpcCidrs = side.vpcs.get(vgw.vpc)?.cidrs ?? [];
        associations.push({
          gateway: vgw.id,
          gatewayKind: kind,
          allowedPrefixes: association.allowedPrefixes ? allowed : vpcCidrs,
        });
      } else {
        if (!association.allowedPrefixes) {
          report([...path, 'gateway'], {
            code: 'FP_MISSING_KEY',
            message: `the association of Transit Gateway '${association.gateway}' with DX gateway '${id}' needs allowedPrefixes`,
            expected:
              'allowedPrefixes: the CIDRs advertised to on-prem (AWS requires them for Transit Gateways)',
          });
          return;
        }
        associations.push({ gateway: association.gateway, gatewayKind: kind, allowedPrefixes: allowed });
      }
    });
    dxGateways.set(id, { id, associations });
  }

  const transitGateways = new Map<string, TransitGateway>();
  const attachments = new Map<string, TgwAttachment>();
  const tgwVpcAttachments = new Set<string>();
  for (const [tgwId, tgw] of Object.entries(input.transitGateways ?? {})) {
    const path = ['network', 'transitGateways', tgwId];
    if (!getRegion(tgw.region)) {
      report([...path, 'region'], {
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
      if (resolved.kind === 'vpc') tgwVpcAttachments.add(`${tgwId}|${resolved.vpc}`);
    }
    transitGateways.set(tgwId, {
      id: tgwId,
      region: tgw.region,
      attachments: Object.keys(tgw.attachments ?? {}).filter((a) => attachments.has(a)),
      routeTables: Object.keys(tgw.routeTables ?? {}),
    });
  }
  // A Transit Gateway associated with a DX gateway needs the attachment between them.
  for (const gateway of dxGateways.values()) {
    gateway.associations.forEach((association, i) => {
      if (association.gatewayKind !== 'transit-gateway') return;
      const has = [...attachments.values()].some(
        (a) =>
          a.kind === 'dx-gateway' && a.transitGateway === association.gateway && a.dxGateway === gateway.id,
      );
      if (!has && transitGateways.has(association.gateway)) {
        report(['network', 'dxGateways', gateway.id, 'associations', i, 'gateway'], {
          code: 'FP_UNATTACHED',
          message: `Transit Gateway '${association.gateway}' is associated with DX gateway '${gateway.id}' but has no attachment to it`,
          suggestion: `add an attachment { dxGateway: ${gateway.id} } under transitGateways.${association.gateway}.attachments`,
        });
      }
    });
  }

  resolveRouteTables(context, side, peerings, tgwVpcAttachments);

  const linkById = new Map(links.map((l) => [l.id, l]));
  const siteIds = new Set(sites.map((s) => s.id));
  const virtualInterfaces = new Map<string, VirtualInterface>();
  for (const [id, vif] of Object.entries(input.virtualInterfaces ?? {})) {
    const path = ['network', 'virtualInterfaces', id];
    const link = linkById.get(vif.connection);
    if (link?.kind !== 'direct-connect') {
      report([...path, 'connection'], {
        code: 'FP_UNKNOWN_ELEMENT',
        message: link
          ? `'${vif.connection}' is a ${link.kind} link; a virtual interface rides on a direct-connect link`
          : `unknown direct-connect link '${vif.connection}'`,
        expected: `a link of kind direct-connect: ${
          links
            .filter((l) => l.kind === 'direct-connect')
            .map((l) => l.id)
            .join(', ') || 'none is declared in links'
        }`,
      });
      continue;
    }
    const [a, b] = link.between;
    const location = a.startsWith('dx:') ? a : b;
    const site = a.startsWith('dx:') ? b : a;
    const targets = [vif.vgw, vif.dxGateway].filter((t) => t !== undefined).length;
    if (vif.type === 'transit' && (vif.vgw !== undefined || vif.dxGateway === undefined)) {
      report(
        path,
        {
          code: 'FP_BAD_LINK',
          message: `transit virtual interface '${id}' must end at a DX gateway (dxGateway), not a VGW`,
        },
        'key',
      );
      continue;
    }
    if (targets !== 1) {
      report(
        path,
        {
          code: 'FP_BAD_LINK',
          message: `private virtual interface '${id}' needs exactly one of vgw or dxGateway`,
        },
        'key',
      );
      continue;
    }
    if (vif.vgw !== undefined && !side.virtualPrivateGateways.has(vif.vgw)) {
      unknownElement(
        context,
        [...path, 'vgw'],
        vif.vgw,
        ['virtual-private-gateway'],
        'virtual private gateway',
      );
      continue;
    }
    if (vif.dxGateway !== undefined && !dxGateways.has(vif.dxGateway)) {
      unknownElement(context, [...path, 'dxGateway'], vif.dxGateway, ['dx-gateway'], 'DX gateway');
      continue;
    }
    const advertised = (vif.advertisedPrefixes ?? [])
      .map((c, i) => cidrAt(c, [...path, 'advertisedPrefixes', i], report))
      .filter((c): c is Cidr => c !== undefined);
    const common = {
      id,
      connection: link.id,
      advertisedPrefixes: advertised,
      localPreference: vif.localPreference ?? 100,
      location,
      site,
    };
    if (vif.dxGateway !== undefined)
      virtualInterfaces.set(id, { ...common, type: vif.type, dxGateway: vif.dxGateway });
    else if (vif.vgw !== undefined && vif.type === 'private')
      virtualInterfaces.set(id, { ...common, type: 'private', vgw: vif.vgw });
  }

  const tgwRouteTables = resolveTgwRouteTables(context, side, attachments, virtualInterfaces);
  for (const table of tgwRouteTables.values()) {
    for (const a of table.associations) {
      const attachment = attachments.get(a);
      if (attachment) attachments.set(a, { ...attachment, routeTable: table.id });
    }
  }

  const onPrem = new Map<string, OnPremNetwork>();
  for (const [id, network] of Object.entries(input.onPrem ?? {})) {
    const path = ['network', 'onPrem', id];
    if (!siteIds.has(network.site)) {
      report([...path, 'site'], {
        code: 'FP_UNKNOWN_PLACE',
        message: `unknown site '${network.site}'`,
        expected: `a site of the estate: ${[...siteIds].join(', ')}`,
      });
      continue;
    }
    const cidrs = network.cidrs
      .map((c, i) => cidrAt(c, [...path, 'cidrs', i], report))
      .filter((c): c is Cidr => c !== undefined);
    onPrem.set(id, { id, site: network.site, cidrs });
  }

  const routers = new Map<string, Router>();
  for (const [id, router] of Object.entries(input.routers ?? {})) {
    const path = ['network', 'routers', id];
    if (!siteIds.has(router.site)) {
      report([...path, 'site'], {
        code: 'FP_UNKNOWN_PLACE',
        message: `unknown site '${router.site}'`,
        expected: `a site of the estate: ${[...siteIds].join(', ')}`,
      });
      continue;
    }
    const previous = [...routers.values()].find((r) => r.site === router.site);
    if (previous) {
      report([...path, 'site'], {
        code: 'FP_DUPLICATE_ID',
        message: `site '${router.site}' already has router '${previous.id}'; declare one router per site`,
      });
      continue;
    }
    const routes: RouterRoute[] = [];
    for (const [destination, nextHop] of Object.entries(router.routes ?? {})) {
      const routePath = [...path, 'routes', destination];
      const cidr = cidrAt(destination, routePath, (p, d) => report(p, d, 'key'));
      if (!cidr) continue;
      const vif = virtualInterfaces.get(nextHop);
      const link = linkById.get(nextHop);
      if (vif) {
        if (vif.site !== router.site) {
          report(routePath, {
            code: 'FP_UNATTACHED',
            message: `virtual interface '${nextHop}' ends at site '${vif.site}', not at '${router.site}'`,
          });
          continue;
        }
        routes.push({ destination: cidr, nextHop, nextHopKind: 'virtual-interface' });
      } else if (link) {
        if (!link.between.includes(router.site)) {
          report(routePath, {
            code: 'FP_UNATTACHED',
            message: `link '${nextHop}' joins ${link.between.join(' and ')}, not site '${router.site}'`,
          });
          continue;
        }
        routes.push({ destination: cidr, nextHop, nextHopKind: 'link' });
      } else if (siteIds.has(nextHop) && nextHop !== router.site) {
        routes.push({ destination: cidr, nextHop, nextHopKind: 'site' });
      } else {
        report(routePath, {
          code: 'FP_UNKNOWN_ELEMENT',
          message: `unknown next hop '${nextHop}'`,
          expected: 'a virtual interface, a link or another site',
        });
      }
    }
    routers.set(router.site, { id, site: router.site, routes });
  }

  return {
    vpcs: side.vpcs,
    subnets: side.subnets,
    routeTables: side.routeTables,
    prefixLists: side.prefixLists,
    internetGateways: side.internetGateways,
    natGateways: side.natGateways,
    virtualPrivateGateways: side.virtualPrivateGateways,
    transitGateways,
    tgwAttachments: attachments,
    tgwRouteTables,
    dxGateways,
    virtualInterfaces,
    peerings,
    appliances: side.appliances,
    onPrem,
    routers,
    kinds,
  };
}
