/**
 * Forwarding through a Transit Gateway: the route table associated with the attachment the packet
 * came in by decides, and the packet leaves by a VPC attachment, a DX gateway attachment towards
 * on-prem, or a peering attachment to another Transit Gateway.
 *
 * AWS rules applied here (aws-facts.md; the full list is in `forward.ts`):
 * - a Transit Gateway is regional (its hop is at its region);
 * - a Transit Gateway delivers into a VPC attachment; a destination outside that VPC is routed by
 *   the route table of the attachment's subnet (the inspection-VPC pattern).
 */
import { assertNever, getOrThrow, InternalError } from '../errors.js';
import { closestVif, toPremisesOver } from './forward-direct-connect.js';
import { DELIVERED, type Exit, type Forwarder } from './forward-state.js';
import { fromSubnet } from './forward-subnet.js';

export function tgwForward(f: Forwarder, tgwId: string, ingress: string): Exit {
  const compiled = f.compiled;
  const routing = getOrThrow(compiled.tgwAttachmentRouting, ingress, 'Transit Gateway attachment');
  const table = routing.attachment.routeTable;
  if (!table) {
    return f.stopped(
      tgwId,
      'not-associated',
      `attachment '${ingress}' of '${tgwId}' is not associated with a route table: its traffic is dropped`,
    );
  }
  if (routing.tableIndex < 0 || !routing.table)
    throw new InternalError(`Transit Gateway route table '${table}' is missing`);
  const loop = f.enter(compiled.scratch.tgwTableStamps, routing.tableIndex, table);
  if (loop) return loop;
  const route = routing.table.lookup(f.address)?.value;
  if (!route) {
    return f.stopped(table, 'no-route', `Transit Gateway route table '${table}' has no route to ${f.dst}`);
  }
  if (route.target === 'blackhole') {
    return f.stopped(
      table,
      'blackhole',
      `Transit Gateway route table '${table}' drops ${f.dst} (${route.destination.text} is a blackhole route)`,
    );
  }
  const action = f.record
    ? { action: `${route.origin} route ${route.destination.text} -> ${route.target}`, routeTable: table }
    : undefined;
  const target = getOrThrow(f.network.tgwAttachments, route.target, 'Transit Gateway attachment');
  switch (target.kind) {
    case 'vpc': {
      const subnet = f.ownerSubnet();
      f.hop(target.id, 'tgw-attachment', f.place, 'none', action);
      if (subnet && subnet.vpc === target.vpc) {
        f.hop(subnet.id, 'subnet', subnet.zone, 'aws');
        return DELIVERED;
      }
      // Not in the attached VPC: the attachment subnet's route table decides (inspection VPCs).
      const via = f.network.subnets.get(target.subnets[0] ?? '');
      if (!via) {
        return f.stopped(
          target.id,
          'no-subnet',
          `${f.dst} is not in VPC '${target.vpc}' and attachment '${target.id}' has no subnet to route from`,
        );
      }
      f.hop(via.id, 'subnet', via.zone, 'aws');
      return fromSubnet(f, via);
    }
    case 'dx-gateway': {
      const vifs = getOrThrow(compiled.dxgwTransitToPremises, target.dxGateway, 'DX gateway').lookup(
        f.address,
      );
      f.hop(target.id, 'tgw-attachment', f.place, 'none', action);
      if (!vifs) {
        return f.stopped(
          target.dxGateway,
          'no-route',
          `no transit virtual interface on DX gateway '${target.dxGateway}' carries ${f.dst}: on-prem does not advertise it`,
        );
      }
      return toPremisesOver(
        f,
        closestVif(f, vifs.value),
        f.record ? `on-prem advertises ${vifs.cidr.text}` : undefined,
      );
    }
    case 'peering': {
      const peer = f.network.transitGateways.get(target.peer);
      const back = compiled.tgwPeerAttachment.get(`${target.peer}|${tgwId}`);
      f.hop(target.id, 'tgw-attachment', f.place, 'none', action);
      if (!peer || !back) {
        return f.stopped(
          target.id,
          'no-route',
          `peer '${target.peer}' has no peering attachment back to '${tgwId}'`,
        );
      }
      f.hop(peer.id, 'transit-gateway', peer.region, 'aws');
      return tgwForward(f, peer.id, back.id);
    }
    default:
      return assertNever(target, 'Transit Gateway attachment');
  }
}
