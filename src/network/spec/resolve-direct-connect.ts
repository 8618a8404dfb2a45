/**
 * Resolution of Direct Connect: DX gateways (their associations with VGWs and Transit Gateways, and
 * the prefixes allowed each way) and virtual interfaces (on a direct-connect link, to a VGW or a DX
 * gateway).
 */
import type { Cidr } from './cidr.js';
import type { DxGateway, DxGatewayAssociation, TgwAttachment, VirtualInterface } from './network.js';
import {
  cidrAt,
  type DataPath,
  type NetworkContext,
  unknownElement,
  type VpcSide,
} from './resolve-network.js';
import type { NetworkInput } from './schema-network.js';

/** What the network needs of an estate's physical link: a direct-connect link carries virtual interfaces. */
export interface PhysicalLink {
  readonly id: string;
  readonly kind: string;
  /** Canonical place ids: a DX location is `dx:CODE`. */
  readonly between: readonly [string, string];
}

/** DX gateways with their associations; a VGW associates with one DX gateway at most. */
export function resolveDxGateways(context: NetworkContext, side: VpcSide): Map<string, DxGateway> {
  const dxGateways = new Map<string, DxGateway>();
  const dxgwOfVgw = new Map<string, string>();
  for (const [id, gateway] of Object.entries(context.input.dxGateways ?? {})) {
    const associations: DxGatewayAssociation[] = [];
    (gateway.associations ?? []).forEach((association, i) => {
      const resolved = resolveAssociation(context, side, dxgwOfVgw, id, association, [
        'network',
        'dxGateways',
        id,
        'associations',
        i,
      ]);
      if (resolved) associations.push(resolved);
    });
    dxGateways.set(id, { id, associations });
  }
  return dxGateways;
}

type AssociationInput = NonNullable<NonNullable<NetworkInput['dxGateways']>[string]['associations']>[number];

function resolveAssociation(
  context: NetworkContext,
  side: VpcSide,
  dxgwOfVgw: Map<string, string>,
  dxgw: string,
  association: AssociationInput,
  path: DataPath,
): DxGatewayAssociation | undefined {
  const { report } = context;
  const kind = context.kinds.get(association.gateway);
  if (kind !== 'virtual-private-gateway' && kind !== 'transit-gateway') {
    unknownElement(
      context,
      [...path, 'gateway'],
      association.gateway,
      ['virtual-private-gateway', 'transit-gateway'],
      'virtual private gateway or Transit Gateway',
    );
    return undefined;
  }
  const allowed = (association.allowedPrefixes ?? [])
    .map((c, k) => cidrAt(c, [...path, 'allowedPrefixes', k], report))
    .filter((c): c is Cidr => c !== undefined);
  if (kind === 'virtual-private-gateway') {
    const vgw = side.virtualPrivateGateways.get(association.gateway);
    if (!vgw) return undefined; // its own resolution reported why
    const previous = dxgwOfVgw.get(vgw.id);
    if (previous) {
      report([...path, 'gateway'], {
        code: 'FP_DUPLICATE_ID',
        message: `virtual private gateway '${vgw.id}' is already associated with DX gateway '${previous}'; a VGW associates with one`,
      });
      return undefined;
    }
    dxgwOfVgw.set(vgw.id, dxgw);
    const vpcCidrs = side.vpcs.get(vgw.vpc)?.cidrs ?? [];
    return {
      gateway: vgw.id,
      gatewayKind: kind,
      allowedPrefixes: association.allowedPrefixes ? allowed : vpcCidrs,
    };
  }
  if (!association.allowedPrefixes) {
    report([...path, 'gateway'], {
      code: 'FP_MISSING_KEY',
      message: `the association of Transit Gateway '${association.gateway}' with DX gateway '${dxgw}' needs allowedPrefixes`,
      expected: 'allowedPrefixes: the CIDRs advertised to on-prem (AWS requires them for Transit Gateways)',
    });
    return undefined;
  }
  return { gateway: association.gateway, gatewayKind: kind, allowedPrefixes: allowed };
}

/** A Transit Gateway associated with a DX gateway needs the attachment between them. */
export function checkDxGatewayAttachments(
  context: NetworkContext,
  dxGateways: ReadonlyMap<string, DxGateway>,
  transitGateways: ReadonlySet<string>,
  attachments: ReadonlyMap<string, TgwAttachment>,
): void {
  for (const gateway of dxGateways.values()) {
    gateway.associations.forEach((association, i) => {
      if (association.gatewayKind !== 'transit-gateway') return;
      const has = [...attachments.values()].some(
        (a) =>
          a.kind === 'dx-gateway' && a.transitGateway === association.gateway && a.dxGateway === gateway.id,
      );
      if (!has && transitGateways.has(association.gateway)) {
        context.report(['network', 'dxGateways', gateway.id, 'associations', i, 'gateway'], {
          code: 'FP_UNATTACHED',
          message: `Transit Gateway '${association.gateway}' is associated with DX gateway '${gateway.id}' but has no attachment to it`,
          suggestion: `add an attachment { dxGateway: ${gateway.id} } under transitGateways.${association.gateway}.attachments`,
        });
      }
    });
  }
}

/** Virtual interfaces: each on a direct-connect link, ending at a VGW or a DX gateway. */
export function resolveVirtualInterfaces(
  context: NetworkContext,
  side: VpcSide,
  dxGateways: ReadonlyMap<string, DxGateway>,
  links: readonly PhysicalLink[],
): Map<string, VirtualInterface> {
  const linkById = new Map(links.map((l) => [l.id, l]));
  const virtualInterfaces = new Map<string, VirtualInterface>();
  for (const [id, vif] of Object.entries(context.input.virtualInterfaces ?? {})) {
    const resolved = resolveVirtualInterface(context, side, dxGateways, linkById, links, id, vif);
    if (resolved) virtualInterfaces.set(id, resolved);
  }
  return virtualInterfaces;
}

type VirtualInterfaceInput = NonNullable<NetworkInput['virtualInterfaces']>[string];

function resolveVirtualInterface(
  context: NetworkContext,
  side: VpcSide,
  dxGateways: ReadonlyMap<string, DxGateway>,
  linkById: ReadonlyMap<string, PhysicalLink>,
  links: readonly PhysicalLink[],
  id: string,
  vif: VirtualInterfaceInput,
): VirtualInterface | undefined {
  const { report } = context;
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
    return undefined;
  }
  const transitOnVgw = () =>
    report(
      path,
      {
        code: 'FP_BAD_LINK',
        message: `transit virtual interface '${id}' must end at a DX gateway (dxGateway), not a VGW`,
      },
      'key',
    );
  const notExactlyOne = () =>
    report(
      path,
      {
        code: 'FP_BAD_LINK',
        message: `private virtual interface '${id}' needs exactly one of vgw or dxGateway`,
      },
      'key',
    );
  const [a, b] = link.between;
  const common = () => ({
    id,
    connection: link.id,
    advertisedPrefixes: (vif.advertisedPrefixes ?? [])
      .map((c, i) => cidrAt(c, [...path, 'advertisedPrefixes', i], report))
      .filter((c): c is Cidr => c !== undefined),
    localPreference: vif.localPreference ?? 100,
    location: a.startsWith('dx:') ? a : b,
    site: a.startsWith('dx:') ? b : a,
  });
  if (vif.vgw !== undefined) {
    if (vif.type === 'transit') transitOnVgw();
    else if (vif.dxGateway !== undefined) notExactlyOne();
    else if (!side.virtualPrivateGateways.has(vif.vgw))
      unknownElement(
        context,
        [...path, 'vgw'],
        vif.vgw,
        ['virtual-private-gateway'],
        'virtual private gateway',
      );
    else return { ...common(), type: 'private', vgw: vif.vgw };
    return undefined;
  }
  if (vif.dxGateway === undefined) {
    if (vif.type === 'transit') transitOnVgw();
    else notExactlyOne();
    return undefined;
  }
  if (!dxGateways.has(vif.dxGateway)) {
    unknownElement(context, [...path, 'dxGateway'], vif.dxGateway, ['dx-gateway'], 'DX gateway');
    return undefined;
  }
  return { ...common(), type: vif.type, dxGateway: vif.dxGateway };
}
