/**
 * Resolution of Transit Gateways: attachments (VPC, DX gateway, peering) and route tables with
 * their associations, propagations and static routes.
 */
import { assertNever, getOrThrow } from '../../errors.js';
import type { Cidr } from './cidr.js';
import type { TgwAttachment, TgwRoute, TgwRouteTable, VirtualInterface } from './network.js';
import {
  cidrAt,
  type DataPath,
  elementAt,
  type NetworkContext,
  unknownElement,
  type VpcSide,
} from './resolve-network.js';
import type { NetworkInput } from './schema-network.js';

export function resolveAttachment(
  context: NetworkContext,
  side: VpcSide,
  tgwId: string,
  region: string,
  id: string,
  attachment: NonNullable<NonNullable<NetworkInput['transitGateways']>[string]['attachments']>[string],
  path: DataPath,
): TgwAttachment | undefined {
  const { report } = context;
  const ends = [attachment.vpc, attachment.dxGateway, attachment.peer].filter((e) => e !== undefined).length;
  if (ends !== 1) {
    report(
      path,
      {
        code: 'FP_BAD_LINK',
        message: `attachment '${id}' needs exactly one of vpc, dxGateway or peer`,
      },
      'key',
    );
    return undefined;
  }
  if (attachment.vpc !== undefined) {
    const vpc = elementAt(context, side.vpcs, attachment.vpc, [...path, 'vpc'], 'vpc', 'VPC');
    if (!vpc) return undefined;
    if (vpc.region !== region) {
      report([...path, 'vpc'], {
        code: 'FP_UNATTACHED',
        message: `VPC '${vpc.id}' is in ${vpc.region}; Transit Gateway '${tgwId}' is in ${region} (a Transit Gateway is regional: peer two gateways instead)`,
      });
      return undefined;
    }
    const subnets: string[] = [];
    const zones = new Set<string>();
    for (const [i, s] of (attachment.subnets ?? []).entries()) {
      const subnet = elementAt(context, side.subnets, s, [...path, 'subnets', i], 'subnet', 'subnet');
      if (!subnet) continue;
      if (subnet.vpc !== vpc.id) {
        report([...path, 'subnets', i], {
          code: 'FP_UNATTACHED',
          message: `subnet '${s}' is in VPC '${subnet.vpc}', not in the attached VPC '${vpc.id}'`,
        });
        continue;
      }
      if (subnet.zoneKind === 'local-zone') {
        report([...path, 'subnets', i], {
          code: 'FP_INVALID_VALUE',
          message: `subnet '${s}' is in Local Zone ${subnet.zone}: a Transit Gateway attachment needs subnets in the region's AZs (Local Zone traffic reaches it through the parent region)`,
        });
        continue;
      }
      if (zones.has(subnet.zone)) {
        report([...path, 'subnets', i], {
          code: 'FP_DUPLICATE_ID',
          message: `attachment '${id}' already has a subnet in ${subnet.zone}; one subnet per AZ`,
        });
        continue;
      }
      zones.add(subnet.zone);
      subnets.push(subnet.id);
    }
    return { id, transitGateway: tgwId, kind: 'vpc', vpc: vpc.id, subnets };
  }
  if (attachment.dxGateway !== undefined) {
    if (context.kinds.get(attachment.dxGateway) !== 'dx-gateway') {
      unknownElement(context, [...path, 'dxGateway'], attachment.dxGateway, ['dx-gateway'], 'DX gateway');
      return undefined;
    }
    return { id, transitGateway: tgwId, kind: 'dx-gateway', dxGateway: attachment.dxGateway };
  }
  const peer = attachment.peer;
  if (peer === undefined || context.kinds.get(peer) !== 'transit-gateway' || peer === tgwId) {
    unknownElement(context, [...path, 'peer'], peer ?? '', ['transit-gateway'], 'peer Transit Gateway');
    return undefined;
  }
  return { id, transitGateway: tgwId, kind: 'peering', peer };
}

export function resolveTgwRouteTables(
  context: NetworkContext,
  side: VpcSide,
  attachments: ReadonlyMap<string, TgwAttachment>,
  virtualInterfaces: ReadonlyMap<string, VirtualInterface>,
): Map<string, TgwRouteTable> {
  const { input, report } = context;
  const tables = new Map<string, TgwRouteTable>();
  const associatedWith = new Map<string, string>();
  for (const [tgwId, tgw] of Object.entries(input.transitGateways ?? {})) {
    for (const [id, table] of Object.entries(tgw.routeTables ?? {})) {
      const path = ['network', 'transitGateways', tgwId, 'routeTables', id];
      const ownAttachment = (ref: string, at: DataPath): TgwAttachment | undefined => {
        const attachment = attachments.get(ref);
        if (!attachment || attachment.transitGateway !== tgwId) {
          unknownElement(context, at, ref, ['tgw-attachment'], `attachment of Transit Gateway '${tgwId}'`);
          return undefined;
        }
        return attachment;
      };
      const associations: string[] = [];
      (table.associations ?? []).forEach((ref, i) => {
        const attachment = ownAttachment(ref, [...path, 'associations', i]);
        if (!attachment) return;
        const previous = associatedWith.get(ref);
        if (previous) {
          report([...path, 'associations', i], {
            code: 'FP_DUPLICATE_ID',
            message: `attachment '${ref}' is already associated with route table '${previous}'; an attachment has one`,
          });
          return;
        }
        associatedWith.set(ref, id);
        associations.push(ref);
      });
      const propagations = (table.propagations ?? []).filter((ref, i) =>
        ownAttachment(ref, [...path, 'propagations', i]),
      );
      const routes: TgwRoute[] = [];
      /** Destinations already routed: static routes first, then the first propagation of a block. */
      const staticBlocks = new Set<string>();
      for (const [destination, target] of Object.entries(table.routes ?? {})) {
        const routePath = [...path, 'routes', destination];
        const cidr = cidrAt(destination, routePath, (p, d) => report(p, d, 'key'));
        if (!cidr) continue;
        if (target !== 'blackhole' && !ownAttachment(target, routePath)) continue;
        staticBlocks.add(cidr.text);
        routes.push({ destination: cidr, target, origin: 'static' });
      }
      // Propagated routes: a VPC attachment brings its VPC CIDRs, a DX gateway attachment the
      // prefixes on-prem advertises over the gateway's transit VIFs. Static routes win.
      for (const ref of propagations) {
        const attachment = getOrThrow(attachments, ref, 'Transit Gateway attachment');
        for (const block of propagatedBlocks(side, attachment, virtualInterfaces)) {
          if (staticBlocks.has(block.text)) continue;
          staticBlocks.add(block.text);
          routes.push({ destination: block, target: ref, origin: 'propagated' });
        }
      }
      tables.set(id, { id, transitGateway: tgwId, associations, propagations, routes });
    }
  }
  return tables;
}

/**
 * What an attachment propagates: a VPC its CIDRs, a DX gateway the prefixes on-prem advertises over
 * its transit VIFs; a peering nothing (AWS does not propagate over Transit Gateway peering).
 */
function propagatedBlocks(
  side: VpcSide,
  attachment: TgwAttachment,
  virtualInterfaces: ReadonlyMap<string, VirtualInterface>,
): readonly Cidr[] {
  switch (attachment.kind) {
    case 'vpc':
      return getOrThrow(side.vpcs, attachment.vpc, 'VPC').cidrs;
    case 'dx-gateway':
      return [...virtualInterfaces.values()]
        .filter((v) => v.type === 'transit' && v.dxGateway === attachment.dxGateway)
        .flatMap((v) => v.advertisedPrefixes);
    case 'peering':
      return [];
    default:
      return assertNever(attachment, 'Transit Gateway attachment');
  }
}
