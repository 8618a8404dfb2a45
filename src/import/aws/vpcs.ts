/**
 * VPCs, subnets and the gateways attached to VPCs (internet, virtual private, NAT), and VPC
 * peering. A VPC's region is not in describe-vpcs: it is taken from its subnets' zones, else the
 * folder or file name, else the Transit Gateway or DX gateway association it belongs to.
 */
import { getRegion } from '../../catalog/index.js';
import { cidrCovers, cidrsOverlap, isCidr, parseCidr } from '../../network/spec/index.js';
import { type Draft, named } from './draft.js';
import { compareCidrs } from './order.js';
import type { Records } from './snapshot.js';
import type { Zones } from './zones.js';

/** What later steps need to know about the VPC side that was imported. */
export interface VpcSide {
  readonly vpcRegion: ReadonlyMap<string, string>;
  readonly vpcCidrs: ReadonlyMap<string, readonly string[]>;
  readonly subnetVpc: ReadonlyMap<string, string>;
  readonly subnetKind: ReadonlyMap<string, 'az' | 'local-zone'>;
  readonly igwOfVpc: ReadonlyMap<string, string>;
  readonly vgwOfVpc: ReadonlyMap<string, string>;
  readonly vpcOfVgw: ReadonlyMap<string, string>;
  readonly natVpc: ReadonlyMap<string, string>;
  readonly peeringVpcs: ReadonlyMap<string, readonly [string, string]>;
}

const LIVE_NAT = new Set(['available', 'pending']);

/**
 * The VPC side in the order its pieces depend on each other: each VPC's region from the clues to
 * it, the VPCs, their subnets, the gateways attached to them, and the peerings between them.
 */
export function importVpcSide(records: Records, zones: Zones, draft: Draft): VpcSide {
  const zoneOfSubnet = new Map(records.Subnets.map((s) => [s.value.id, zones.of(s.value)]));
  const clues = regionClues(records, zoneOfSubnet);
  const { vpcRegion, vpcCidrs } = importVpcs(records, clues, draft);
  const { subnetVpc, subnetKind } = importSubnets(records, zoneOfSubnet, vpcRegion, vpcCidrs, draft);
  const { igwOfVpc, vgwOfVpc, vpcOfVgw, natVpc } = importGateways(records, vpcRegion, subnetVpc, draft);
  const peeringVpcs = importPeerings(records, vpcRegion, vpcCidrs, draft);
  return { vpcRegion, vpcCidrs, subnetVpc, subnetKind, igwOfVpc, vgwOfVpc, vpcOfVgw, natVpc, peeringVpcs };
}

type ZoneOfSubnet = ReadonlyMap<string, ReturnType<Zones['of']>>;

/** Clues to each VPC's region, each list best first. */
interface RegionClues {
  /** Its subnets' zones and ARNs. */
  readonly fromSubnets: ReadonlyMap<string, readonly string[]>;
  /** The Transit Gateways it is attached to, its VGW's DX gateway association, its peerings. */
  readonly fromOthers: ReadonlyMap<string, readonly string[]>;
}

/**
 * Every clue to a VPC's region, best first: its subnets' zones and ARNs, the folder, then the
 * Transit Gateways it is attached to, its VGW's DX gateway association, its peerings.
 */
function regionClues(records: Records, zoneOfSubnet: ZoneOfSubnet): RegionClues {
  const tgwRegion = new Map(records.TransitGateways.map((t) => [t.value.id, t.value.region]));
  const fromSubnets = new Map<string, string[]>();
  const fromOthers = new Map<string, string[]>();
  const clue = (map: Map<string, string[]>, vpc: string | undefined, region: string | undefined) => {
    if (vpc && region) map.set(vpc, [...(map.get(vpc) ?? []), region]);
  };
  for (const { value: s } of records.Subnets) {
    const zone = zoneOfSubnet.get(s.id);
    clue(fromSubnets, s.vpcId, zone?.ok ? zone.region : undefined);
  }
  for (const { value: s } of records.Subnets) clue(fromSubnets, s.vpcId, s.arnRegion);
  for (const { value: a } of records.TransitGatewayAttachments) {
    if (a.resourceType === 'vpc') clue(fromOthers, a.resourceId, tgwRegion.get(a.transitGatewayId));
  }
  const vpcOfVgwRecord = new Map(records.VpnGateways.map((g) => [g.value.id, g.value.vpcId]));
  for (const { value: a } of records.directConnectGatewayAssociations) {
    clue(fromOthers, vpcOfVgwRecord.get(a.gatewayId), a.region);
  }
  for (const { value: p } of records.VpcPeeringConnections) {
    clue(fromOthers, p.requesterVpc, p.requesterRegion);
    clue(fromOthers, p.accepterVpc, p.accepterRegion);
  }
  return { fromSubnets, fromOthers };
}

/** The VPCs whose region is known, with their IPv4 blocks (the primary one first). */
function importVpcs(
  records: Records,
  { fromSubnets, fromOthers }: RegionClues,
  draft: Draft,
): { vpcRegion: Map<string, string>; vpcCidrs: Map<string, readonly string[]> } {
  const net = draft.network;
  const vpcRegion = new Map<string, string>();
  const vpcCidrs = new Map<string, readonly string[]>();
  for (const { value: vpc, pathRegion } of records.Vpcs) {
    const region = [
      ...(fromSubnets.get(vpc.id) ?? []),
      ...(pathRegion ? [pathRegion] : []),
      ...(fromOthers.get(vpc.id) ?? []),
    ].find((r) => getRegion(r) !== undefined);
    if (!region) {
      draft.warn(
        `${vpc.id}: its region is unknown (no subnets, folder name, Transit Gateway or DX association tells it): skipped; put describe-vpcs output in a folder named after its region`,
      );
      continue;
    }
    // The primary block first (the model reads it so), the others in address order.
    const [primary, ...others] = vpc.cidrs;
    const listed = primary === undefined ? [] : [primary, ...others.sort(compareCidrs)];
    const cidrs = listed.filter((c) => {
      const parsed = parseCidr(c);
      if (isCidr(parsed)) return true;
      draft.warn(`${vpc.id}: CIDR ${c} does not parse: left out`);
      return false;
    });
    if (cidrs.length === 0) {
      draft.warn(`${vpc.id}: no IPv4 CIDR block: skipped`);
      continue;
    }
    vpcRegion.set(vpc.id, region);
    vpcCidrs.set(vpc.id, cidrs);
    net.vpcs[vpc.id] = { region, cidrs, ...named(vpc.tags) };
  }
  return { vpcRegion, vpcCidrs };
}

/** The subnets of imported VPCs, in a zone of the VPC's region, inside the VPC's blocks. */
function importSubnets(
  records: Records,
  zoneOfSubnet: ZoneOfSubnet,
  vpcRegion: ReadonlyMap<string, string>,
  vpcCidrs: ReadonlyMap<string, readonly string[]>,
  draft: Draft,
): { subnetVpc: Map<string, string>; subnetKind: Map<string, 'az' | 'local-zone'> } {
  const net = draft.network;
  const subnetVpc = new Map<string, string>();
  const subnetKind = new Map<string, 'az' | 'local-zone'>();
  for (const { value: subnet } of records.Subnets) {
    const region = vpcRegion.get(subnet.vpcId);
    if (!region) {
      draft.warn(`${subnet.id}: its VPC ${subnet.vpcId} is not imported: skipped`);
      continue;
    }
    const zone = zoneOfSubnet.get(subnet.id);
    if (!zone?.ok) {
      if (zone?.unsupported) draft.skip(zone.unsupported);
      draft.warn(`${subnet.id}: ${zone?.reason ?? 'no zone'}: skipped`);
      continue;
    }
    if (zone.region !== region) {
      draft.warn(
        `${subnet.id}: its zone ${zone.zone} is in ${zone.region}, its VPC ${subnet.vpcId} in ${region}: skipped`,
      );
      continue;
    }
    const cidr = parseCidr(subnet.cidr);
    const blocks = (vpcCidrs.get(subnet.vpcId) ?? []).map((c) => parseCidr(c));
    if (!isCidr(cidr)) {
      // Say what is wrong with the block itself (an IPv6 or /33 block is not "outside the VPC").
      draft.warn(`${subnet.id}: CIDR ${subnet.cidr}: ${cidr.problem}: skipped`);
      continue;
    }
    if (!blocks.some((b) => isCidr(b) && cidrCovers(b, cidr))) {
      draft.warn(`${subnet.id}: CIDR ${subnet.cidr} is not inside its VPC's blocks: skipped`);
      continue;
    }
    subnetVpc.set(subnet.id, subnet.vpcId);
    subnetKind.set(subnet.id, zone.kind);
    net.subnets[subnet.id] = { vpc: subnet.vpcId, zone: zone.zone, cidr: subnet.cidr, ...named(subnet.tags) };
    if (zone.note) draft.commentAfter(['network', 'subnets', subnet.id, 'zone'], zone.note);
  }
  return { subnetVpc, subnetKind };
}

/** The internet, virtual private and NAT gateways of the imported VPCs. */
function importGateways(
  records: Records,
  vpcRegion: ReadonlyMap<string, string>,
  subnetVpc: ReadonlyMap<string, string>,
  draft: Draft,
): Pick<VpcSide, 'igwOfVpc' | 'vgwOfVpc' | 'vpcOfVgw' | 'natVpc'> {
  const net = draft.network;
  const igwOfVpc = new Map<string, string>();
  for (const { value: igw } of records.InternetGateways) {
    if (!igw.vpcId || !vpcRegion.has(igw.vpcId)) {
      draft.skip(igw.vpcId ? 'internet gateways of VPCs not imported' : 'internet gateways not attached');
      continue;
    }
    igwOfVpc.set(igw.vpcId, igw.id);
    net.internetGateways[igw.id] = { vpc: igw.vpcId, ...named(igw.tags) };
  }
  const vgwOfVpc = new Map<string, string>();
  const vpcOfVgw = new Map<string, string>();
  for (const { value: vgw } of records.VpnGateways) {
    if (vgw.state === 'deleted' || vgw.state === 'deleting') continue;
    if (!vgw.vpcId || !vpcRegion.has(vgw.vpcId)) {
      draft.skip(
        vgw.vpcId ? 'virtual private gateways of VPCs not imported' : 'virtual private gateways not attached',
      );
      continue;
    }
    vgwOfVpc.set(vgw.vpcId, vgw.id);
    vpcOfVgw.set(vgw.id, vgw.vpcId);
    net.virtualPrivateGateways[vgw.id] = { vpc: vgw.vpcId, ...named(vgw.tags) };
  }
  const natVpc = new Map<string, string>();
  for (const { value: nat } of records.NatGateways) {
    if (nat.state && !LIVE_NAT.has(nat.state)) continue;
    const vpc = subnetVpc.get(nat.subnetId);
    if (!vpc) {
      draft.warn(`${nat.id}: its subnet ${nat.subnetId} is not imported: skipped`);
      continue;
    }
    natVpc.set(nat.id, vpc);
    net.natGateways[nat.id] = { subnet: nat.subnetId, ...named(nat.tags) };
  }
  return { igwOfVpc, vgwOfVpc, vpcOfVgw, natVpc };
}

/** The active peerings between imported VPCs whose blocks do not overlap. */
function importPeerings(
  records: Records,
  vpcRegion: ReadonlyMap<string, string>,
  vpcCidrs: ReadonlyMap<string, readonly string[]>,
  draft: Draft,
): Map<string, readonly [string, string]> {
  const net = draft.network;
  const peeringVpcs = new Map<string, readonly [string, string]>();
  for (const { value: peering } of records.VpcPeeringConnections) {
    if (peering.status && peering.status !== 'active') {
      draft.skip(`VPC peering connections not active`);
      continue;
    }
    const ends = [peering.requesterVpc, peering.accepterVpc] as const;
    const missing = ends.filter((v) => !vpcRegion.has(v));
    if (missing.length > 0) {
      draft.warn(
        `${peering.id}: VPC ${missing.join(' and ')} is not in the snapshot: the peering is left out`,
      );
      continue;
    }
    const overlap = (vpcCidrs.get(ends[0]) ?? []).some((a) =>
      (vpcCidrs.get(ends[1]) ?? []).some((b) => {
        const x = parseCidr(a);
        const y = parseCidr(b);
        return isCidr(x) && isCidr(y) && cidrsOverlap(x, y);
      }),
    );
    if (overlap) {
      draft.warn(`${peering.id}: its VPCs have overlapping CIDRs: left out`);
      continue;
    }
    peeringVpcs.set(peering.id, ends);
    net.peerings[peering.id] = { between: [ends[0], ends[1]], ...named(peering.tags) };
  }
  return peeringVpcs;
}
