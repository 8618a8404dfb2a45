/**
 * Direct Connect and hygiene rules: a DX gateway asked to carry VPC-to-VPC traffic, a single
 * circuit, blackhole routes, overlapping CIDRs (the traced paths' rules are in rules-paths.ts).
 */
import {
  attachmentReach,
  cidrsOverlap,
  type Subnet,
  type Vpc,
  type VpcAttachment,
} from '../network/index.js';
import type { LintFinding, LintRule } from './types.js';

export const dxGatewayVpcToVpc: LintRule = {
  id: 'dx/gateway-vpc-to-vpc',
  title: 'DX gateway expected to carry VPC-to-VPC traffic',
  severity: 'error',
  description:
    'A Direct Connect gateway does not carry traffic between two VPCs associated with it, not even hairpinned through on-prem, unless on-prem advertises a supernet covering the other VPC over the same virtual interface. A route that counts on it drops the traffic.',
  check(context) {
    const findings: LintFinding[] = [];
    const compiled = context.compiled;
    const network = context.network;
    if (!compiled || !network) return findings;
    // The first subnet (in estate order) of each route table and of each VPC, found once.
    const firstOfTable = new Map<string, Subnet>();
    const firstOfVpc = new Map<string, Subnet>();
    for (const subnet of network.subnets.values()) {
      if (!firstOfTable.has(subnet.routeTable)) firstOfTable.set(subnet.routeTable, subnet);
      if (!firstOfVpc.has(subnet.vpc)) firstOfVpc.set(subnet.vpc, subnet);
    }
    for (const table of network.routeTables.values()) {
      const source = firstOfTable.get(table.id);
      if (!source) continue;
      for (const route of table.routes) {
        if (route.targetKind !== 'virtual-private-gateway') continue;
        const dxgw = compiled.dxgwOfVgw.get(route.target);
        if (!dxgw) continue;
        for (const other of network.vpcs.values()) {
          if (other.id === table.vpc) continue;
          const otherVgw = compiled.vgwOfVpc.get(other.id);
          if (!otherVgw || compiled.dxgwOfVgw.get(otherVgw) !== dxgw) continue;
          if (!other.cidrs.some((c) => cidrsOverlap(c, route.destination))) continue;
          const target = firstOfVpc.get(other.id);
          if (!target) continue;
          const t = context.trace(source.id, target.id);
          const stop = t.findings.find((f) => f.code === 'dx-gateway-transit');
          if (!stop) continue;
          findings.push({
            rule: this.id,
            severity: this.severity,
            message: `route ${route.via} -> ${route.target} in ${table.id} counts on DX gateway ${dxgw} to reach VPC ${other.id}; the gateway drops it: no on-prem advertisement covers ${target.cidr.text}`,
            elements: [table.id, route.target, dxgw, other.id],
            risk: 'unreachable',
            fix: `Advertise a supernet covering ${other.cidrs.map((c) => c.text).join(', ')} from on-prem over the VIF (so the traffic hairpins at the customer router), or use separate DX gateways, or private VIFs straight to each VGW.`,
            ...context.at(['network', 'routeTables', table.id, 'routes', route.via]),
          });
        }
      }
    }
    return findings;
  },
};

export const tgwAttachmentZone: LintRule = {
  id: 'tgw/attachment-zone',
  title: 'Subnets route to a Transit Gateway from an AZ its attachment has no subnet in',
  severity: 'error',
  description:
    "A subnet reaches a Transit Gateway only from an AZ where the VPC's attachment has a subnet, and a Local Zone subnet only when the attachment has one in the Local Zone's parent zone: a route to the Transit Gateway from anywhere else drops the traffic.",
  check(context) {
    const findings: LintFinding[] = [];
    const compiled = context.compiled;
    const network = context.network;
    if (!compiled || !network) return findings;
    /** Per attachment and zone: the subnets that route to the gateway from there, in estate order. */
    const stranded = new Map<string, { attachment: VpcAttachment; zone: string; subnets: Subnet[] }>();
    for (const subnet of network.subnets.values()) {
      const table = network.routeTables.get(subnet.routeTable);
      const gateways = new Set(
        (table?.routes ?? []).filter((r) => r.targetKind === 'transit-gateway').map((r) => r.target),
      );
      for (const tgw of gateways) {
        const attachment = compiled.tgwVpcAttachment.get(`${tgw}|${subnet.vpc}`);
        if (!attachment) continue;
        const { zone, reached } = attachmentReach(compiled, subnet, attachment);
        if (reached || zone === undefined) continue;
        const key = `${attachment.id}|${zone}`;
        const entry = stranded.get(key) ?? { attachment, zone, subnets: [] };
        entry.subnets.push(subnet);
        stranded.set(key, entry);
      }
    }
    for (const { attachment, zone, subnets } of stranded.values()) {
      const ids = subnets.map((s) => s.id);
      const localZones = [...new Set(subnets.filter((s) => s.zoneKind === 'local-zone').map((s) => s.zone))];
      findings.push({
        rule: this.id,
        severity: this.severity,
        message: `${ids.join(', ')} route${ids.length === 1 ? 's' : ''} to Transit Gateway ${attachment.transitGateway}, but attachment ${attachment.id} has no subnet in ${localZones.length ? `${localZones.join(', ')}'s parent zone ${zone}` : zone}: the traffic is dropped`,
        elements: [attachment.id, ...ids],
        risk: 'unreachable',
        fix: `Add a subnet of ${attachment.vpc} in ${zone} to attachment ${attachment.id} (one per AZ).`,
        ...context.at([
          'network',
          'transitGateways',
          attachment.transitGateway,
          'attachments',
          attachment.id,
        ]),
      });
    }
    return findings;
  },
};

export const singleDxCircuit: LintRule = {
  id: 'redundancy/single-dx-circuit',
  title: 'A site reaches AWS over a single Direct Connect circuit',
  severity: 'warning',
  description:
    'One circuit is one failure away from losing the site: AWS recommends at least two connections at two DX locations for critical workloads.',
  check(context) {
    const findings: LintFinding[] = [];
    for (const site of context.estate.sites) {
      const circuits = context.estate.links.filter(
        (l) => l.kind === 'direct-connect' && l.between.includes(site.id),
      );
      if (circuits.length !== 1) continue;
      const circuit = circuits[0];
      if (!circuit) continue;
      const location = circuit.between.find((e) => e !== site.id);
      findings.push({
        rule: this.id,
        severity: this.severity,
        message: `${site.id} reaches AWS over one circuit only (${circuit.id} to ${location})`,
        elements: [site.id, circuit.id],
        replicas: 1,
        risk: 'single point of failure',
        fix: `Add a second Direct Connect circuit from ${site.id}, at a different DX location, with its own virtual interfaces.`,
        ...context.at(['links', circuit.id]),
      });
    }
    return findings;
  },
};

export const blackholeRoute: LintRule = {
  id: 'hygiene/blackhole-route',
  title: 'Blackhole route',
  severity: 'warning',
  description: 'A route that drops its traffic: deliberate sometimes, a leftover of a deleted gateway often.',
  check(context) {
    const findings: LintFinding[] = [];
    const network = context.network;
    if (!network) return findings;
    for (const table of network.routeTables.values()) {
      for (const route of table.routes) {
        if (route.targetKind !== 'blackhole') continue;
        findings.push({
          rule: this.id,
          severity: this.severity,
          message: `route table ${table.id} drops traffic to ${route.via}`,
          elements: [table.id],
          risk: 'traffic dropped',
          fix: `Point ${route.via} at the gateway it should use, or delete the route if dropping is not intended.`,
          ...context.at(['network', 'routeTables', table.id, 'routes', route.via]),
        });
      }
    }
    for (const table of network.tgwRouteTables.values()) {
      for (const route of table.routes) {
        if (route.target !== 'blackhole') continue;
        findings.push({
          rule: this.id,
          severity: this.severity,
          message: `Transit Gateway route table ${table.id} drops traffic to ${route.destination.text}`,
          elements: [table.id, table.transitGateway],
          risk: 'traffic dropped',
          fix: `Point ${route.destination.text} at an attachment, or delete the route if dropping is not intended.`,
          ...context.at([
            'network',
            'transitGateways',
            table.transitGateway,
            'routeTables',
            table.id,
            'routes',
            route.destination.text,
          ]),
        });
      }
    }
    return findings;
  },
};

/**
 * For each VPC (by index), the later VPCs whose CIDRs overlap one of its own, ascending: a sweep
 * over the blocks sorted by first address instead of every pair of VPCs. Two CIDR blocks are
 * nested or disjoint, so a block overlaps exactly the open blocks that contain its first address.
 */
export function overlappingVpcs(vpcs: readonly Vpc[]): Map<number, number[]> {
  const blocks = vpcs.flatMap((vpc, index) =>
    vpc.cidrs.map((cidr) => {
      const first = cidr.base >>> 0;
      return { index, first, last: first + 2 ** (32 - cidr.length) - 1 };
    }),
  );
  blocks.sort((x, y) => x.first - y.first || y.last - x.last);
  const pairs = new Map<number, Set<number>>();
  const open: (typeof blocks)[number][] = [];
  for (const block of blocks) {
    while (open.length > 0 && (open[open.length - 1] as (typeof blocks)[number]).last < block.first)
      open.pop();
    for (const other of open) {
      if (other.index === block.index) continue;
      const [i, j] = other.index < block.index ? [other.index, block.index] : [block.index, other.index];
      let set = pairs.get(i);
      if (!set) {
        set = new Set();
        pairs.set(i, set);
      }
      set.add(j);
    }
    open.push(block);
  }
  return new Map([...pairs].map(([i, set]) => [i, [...set].sort((x, y) => x - y)]));
}

export const overlappingCidrs: LintRule = {
  id: 'hygiene/overlapping-cidrs',
  title: 'Overlapping CIDRs between networks',
  severity: 'warning',
  description:
    'Two VPCs, or a VPC and an on-prem network, with overlapping address space cannot reach each other without NAT and make routing ambiguous.',
  check(context) {
    const findings: LintFinding[] = [];
    const network = context.network;
    if (!network) return findings;
    const vpcs = [...network.vpcs.values()];
    const overlapping = overlappingVpcs(vpcs);
    for (let i = 0; i < vpcs.length; i++) {
      const a = vpcs[i];
      if (!a) continue;
      for (const j of overlapping.get(i) ?? []) {
        const b = vpcs[j] as Vpc;
        const clash = a.cidrs.flatMap((x) =>
          b.cidrs.filter((y) => cidrsOverlap(x, y)).map((y) => [x, y] as const),
        )[0];
        if (!clash) continue;
        findings.push({
          rule: this.id,
          severity: this.severity,
          message: `VPCs ${a.id} (${clash[0].text}) and ${b.id} (${clash[1].text}) overlap`,
          elements: [a.id, b.id],
          risk: 'ambiguous routing',
          fix: `Renumber ${b.id} into address space no other network uses.`,
          ...context.at(['network', 'vpcs', b.id]),
        });
      }
      for (const premises of network.onPrem.values()) {
        const clash = a.cidrs.flatMap((x) =>
          premises.cidrs.filter((y) => cidrsOverlap(x, y)).map((y) => [x, y] as const),
        )[0];
        if (!clash) continue;
        findings.push({
          rule: this.id,
          severity: this.severity,
          message: `VPC ${a.id} (${clash[0].text}) overlaps on-prem network ${premises.id} (${clash[1].text})`,
          elements: [a.id, premises.id],
          risk: 'ambiguous routing',
          fix: `Renumber ${a.id} into address space the data centers do not use.`,
          ...context.at(['network', 'vpcs', a.id]),
        });
      }
    }
    return findings;
  },
};
