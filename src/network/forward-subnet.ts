/**
 * Forwarding from a subnet: its route table's longest match decides, and the packet stays in the
 * VPC (the `local` route), goes to a NAT gateway or an appliance and on from its subnet, to a
 * peered VPC, or to a gateway whose step takes it further (`forward-internet.ts`,
 * `forward-direct-connect.ts`, `forward-tgw.ts`).
 *
 * AWS rules applied here (aws-facts.md; the full list is in `forward.ts`):
 * - the `local` route joins subnets of a VPC; between two zones the VPC's traffic passes through
 *   the region (so two Local Zones of one VPC talk through the parent region);
 * - a Transit Gateway is regional: a Local Zone subnet reaches it through the parent region;
 * - a subnet reaches a Transit Gateway only from an AZ where the VPC's attachment has a subnet
 *   ("any resources in Availability Zones where there is no transit gateway attachment cannot
 *   reach the transit gateway": Amazon VPC Transit Gateways, "Amazon VPC attachments",
 *   https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html), and a Local Zone subnet
 *   only when the attachment has a subnet in the Local Zone's parent zone ("You must create a
 *   transit gateway attachment in the parent zone": AWS Local Zones User Guide,
 *   https://docs.aws.amazon.com/local-zones/latest/ug/local-zones-connectivity-transit-gateway-lzs.html).
 *   An attachment that lists no subnets (an import without its VPC attachment details) is taken to
 *   cover every AZ, and a Local Zone whose parent zone the catalog does not know any of its AZs;
 * - a VPC peering reaches the peer VPC only: peering is not transitive.
 */
import { assertNever, getOrThrow, InternalError } from '../errors.js';
import { attachmentReach, type VpcAttachment } from './compile.js';
import { vgwToPremises } from './forward-direct-connect.js';
import { toInternet } from './forward-internet.js';
import { DELIVERED, type Decision, type Exit, type Forwarder } from './forward-state.js';
import { tgwForward } from './forward-tgw.js';
import type { Subnet } from './spec/index.js';

export function fromSubnet(f: Forwarder, subnet: Subnet): Exit {
  const table = subnet.routeTable;
  const compiled = f.compiled;
  const routing = getOrThrow(compiled.subnetRouting, subnet.id, 'index of subnet');
  const loop = f.enter(compiled.scratch.subnetStamps, routing.index, table);
  if (loop) return loop;
  if (!routing.table) throw new InternalError(`route table '${table}' is missing`);
  const route = routing.table.lookup(f.address)?.value;
  if (!route) return f.stopped(table, 'no-route', `route table '${table}' has no route to ${f.dst}`);
  const action = f.record
    ? { action: `route ${route.via} -> ${route.target}`, routeTable: table }
    : undefined;
  switch (route.targetKind) {
    case 'blackhole':
      return f.stopped(
        table,
        'blackhole',
        `route table '${table}' drops ${f.dst}: ${route.via} is a blackhole route`,
      );
    case 'local': {
      const target = f.ownerSubnet();
      if (!target || target.vpc !== subnet.vpc) {
        return f.stopped(table, 'no-subnet', `${f.dst} is inside VPC '${subnet.vpc}' but no subnet holds it`);
      }
      return deliverInVpc(f, target, action);
    }
    case 'internet-gateway':
      return toInternet(f, route.target, subnet, table, action);
    case 'nat-gateway': {
      const nat = getOrThrow(f.network.natGateways, route.target, 'NAT gateway');
      const natSubnet = getOrThrow(f.network.subnets, nat.subnet, 'subnet');
      f.hop(route.target, 'nat-gateway', natSubnet.zone, 'aws', action);
      return fromSubnet(f, natSubnet);
    }
    case 'appliance': {
      const appliance = getOrThrow(f.network.appliances, route.target, 'appliance');
      const home = getOrThrow(f.network.subnets, appliance.subnet, 'subnet');
      f.hop(route.target, 'appliance', home.zone, 'aws', action);
      return fromSubnet(f, home);
    }
    case 'virtual-private-gateway':
      f.hop(route.target, 'virtual-private-gateway', f.place, 'none', action);
      return vgwToPremises(f, route.target, subnet.vpc);
    case 'transit-gateway': {
      const tgw = getOrThrow(f.network.transitGateways, route.target, 'Transit Gateway');
      const attachment = compiled.vpcAttachmentByTgw.get(route.target)?.get(subnet.vpc);
      if (!attachment)
        throw new InternalError(
          `Transit Gateway attachment (tgw|vpc) '${route.target}|${subnet.vpc}' is missing`,
        );
      const unattached = outsideAttachment(f, subnet, attachment);
      if (unattached) return unattached;
      f.hop(route.target, 'transit-gateway', tgw.region, 'aws', action);
      return tgwForward(f, tgw.id, attachment.id);
    }
    case 'peering': {
      const peering = getOrThrow(f.network.peerings, route.target, 'peering');
      const vpc = getOrThrow(f.network.vpcs, subnet.vpc, 'VPC');
      const other = peering.between[0] === subnet.vpc ? peering.between[1] : peering.between[0];
      const target = f.ownerSubnet();
      f.hop(route.target, 'peering', vpc.region, 'aws', action);
      if (!target || target.vpc !== other) {
        return f.stopped(
          route.target,
          'not-transitive',
          `peering '${route.target}' reaches VPC '${other}' only, and ${f.dst} is not in it (peering is not transitive)`,
        );
      }
      return deliverInVpc(f, target);
    }
    default:
      return assertNever(route.targetKind, 'route target kind');
  }
}

/**
 * The stop when `subnet` cannot reach the Transit Gateway of `attachment`: no attachment subnet in
 * its AZ, or for a Local Zone in its parent zone; undefined when it can.
 */
export function outsideAttachment(f: Forwarder, subnet: Subnet, attachment: VpcAttachment): Exit | undefined {
  const { zone, reached, zones } = attachmentReach(f.compiled, subnet, attachment);
  if (reached || zone === undefined) return undefined;
  const where =
    subnet.zoneKind === 'local-zone'
      ? `subnet '${subnet.id}' is in Local Zone ${subnet.zone}, whose parent zone is ${zone}, and attachment '${attachment.id}'`
      : `attachment '${attachment.id}'`;
  return f.stopped(
    attachment.id,
    'no-attachment-subnet',
    `${where} of Transit Gateway '${attachment.transitGateway}' has no subnet in ${zone} (only in ${[...zones].join(', ')}): from ${subnet.id} the packet to ${f.dst} cannot reach the Transit Gateway; add a subnet of VPC '${attachment.vpc}' in ${zone} to the attachment`,
  );
}

/** Into a subnet of the VPC (the destination's): through the region when the zones differ. */
export function deliverInVpc(f: Forwarder, target: Subnet, action?: Decision): Exit {
  if (target.zone !== f.place) {
    const vpc = getOrThrow(f.network.vpcs, target.vpc, 'VPC');
    f.hop(vpc.id, 'vpc', vpc.region, 'aws', action);
    f.hop(target.id, 'subnet', target.zone, 'aws');
  } else f.hop(target.id, 'subnet', target.zone, 'aws', action);
  return DELIVERED;
}
