/**
 * The dense forwarding path (`dense.ts`, behind `forwardRttMs`) gives the full forwarder's RTT to
 * the bit, and its verdict, for every subnet and every address of estates that exercise each rule it
 * models (local routes between zones, Transit Gateways and their attachment subnets, peering,
 * inspection VPCs, blackholes, unassociated attachments, loops) and those it hands back (internet,
 * NAT, virtual private gateways, Direct Connect).
 */
import { describe, expect, it } from 'vitest';
import type { Estate } from '../model/index.js';
import { loadEstate, parseEstate } from '../model/index.js';
import { compileNetwork, forward, forwardFromSubnetRttMs, forwardRttMs, parseIpv4 } from './index.js';

const MESH = `name: mesh
sites:
  dc: { kind: datacenter, metro: metro:phoenix }
links:
  dx1: { kind: direct-connect, between: [dc, dx:ECPH1] }
network:
  onPrem:
    dc-net: { site: dc, cidrs: [192.168.0.0/16] }
  vpcs:
    a: { region: us-east-1, cidrs: [10.1.0.0/16] }
    b: { region: us-east-1, cidrs: [10.2.0.0/16] }
    insp: { region: us-east-1, cidrs: [10.3.0.0/16] }
    w: { region: us-west-2, cidrs: [10.9.0.0/16] }
  subnets:
    a1: { vpc: a, zone: use1-az1, cidr: 10.1.1.0/24, routeTable: a-rt }
    a2: { vpc: a, zone: use1-az2, cidr: 10.1.2.0/24, routeTable: a-rt }
    chi: { vpc: a, zone: us-east-1-chi-2a, cidr: 10.1.9.0/24, routeTable: a-rt }
    b1: { vpc: b, zone: use1-az1, cidr: 10.2.1.0/24, routeTable: b-rt }
    b2: { vpc: b, zone: use1-az6, cidr: 10.2.2.0/24, routeTable: b-rt }
    fw: { vpc: insp, zone: use1-az1, cidr: 10.3.1.0/24, routeTable: insp-rt }
    w1: { vpc: w, zone: usw2-az1, cidr: 10.9.1.0/24, routeTable: w-rt }
    w2: { vpc: w, zone: us-west-2-phx-2a, cidr: 10.9.2.0/24, routeTable: w-rt }
  routeTables:
    a-rt: { vpc: a, routes: { 10.0.0.0/8: tgw-e, 10.2.2.0/24: blackhole, 0.0.0.0/0: igw-a } }
    b-rt: { vpc: b, routes: { 10.0.0.0/8: tgw-e } }
    insp-rt: { vpc: insp, routes: { 10.0.0.0/8: tgw-e } }
    w-rt: { vpc: w, routes: { 10.0.0.0/8: tgw-w, 192.168.0.0/16: vgw-w } }
  internetGateways:
    igw-a: { vpc: a }
  virtualPrivateGateways:
    vgw-w: { vpc: w }
  virtualInterfaces:
    vif: { connection: dx1, type: private, vgw: vgw-w, advertisedPrefixes: [192.168.0.0/16] }
  transitGateways:
    tgw-e:
      region: us-east-1
      attachments:
        att-a: { vpc: a, subnets: [a1] }
        att-b: { vpc: b, subnets: [b1] }
        att-i: { vpc: insp, subnets: [fw] }
        att-lost: { vpc: insp, subnets: [fw] }
        peer-ew: { peer: tgw-w }
      routeTables:
        rt-e:
          associations: [att-a, peer-ew]
          propagations: [att-a, att-b]
          routes: { 10.3.0.0/16: att-i, 10.9.0.0/16: peer-ew, 10.4.0.0/16: blackhole }
        rt-i: { associations: [att-b, att-i], routes: { 0.0.0.0/0: att-b, 10.1.0.0/16: att-i } }
    tgw-w:
      region: us-west-2
      attachments:
        att-w: { vpc: w, subnets: [w1] }
        peer-we: { peer: tgw-e }
      routeTables:
        rt-w: { associations: [att-w, peer-we], propagations: [att-w], routes: { 10.0.0.0/8: peer-we } }
`;

/** Every subnet to every subnet's first address, and to a few addresses no subnet holds. */
function agreeEverywhere(estate: Estate): number {
  const compiled = compileNetwork(estate);
  const subnets = [...(estate.network?.subnets.values() ?? [])];
  const extra = ['192.168.1.1', '10.4.0.1', '10.250.0.1', '8.8.8.8', '10.1.200.1'].map(
    (a) => parseIpv4(a) ?? 0,
  );
  const addresses = [...subnets.map((s) => s.cidr.base), ...extra];
  let checked = 0;
  subnets.forEach((source, i) => {
    for (const address of addresses) {
      const full = forward(compiled, { kind: 'subnet', id: source.id }, address, { record: false });
      const expected = full.delivered ? full.rttMs : Number.NaN;
      const label = `${source.id} -> ${address >>> 0}`;
      expect(forwardRttMs(compiled, { kind: 'subnet', id: source.id }, address), label).toBe(expected);
      expect(forwardFromSubnetRttMs(compiled, i, address), label).toBe(expected);
      checked++;
    }
  });
  return checked;
}

describe('the dense forwarding path', () => {
  it('agrees with the full forwarder on a Transit Gateway mesh with every rule it models', () => {
    const estate = parseEstate(MESH, 'mesh.yaml');
    expect(agreeEverywhere(estate)).toBe(8 * 13);
    // It really is the dense path's: delivered over two peered Transit Gateways, and stopped ones.
    const compiled = compileNetwork(estate);
    const at = (id: string) => [...(estate.network?.subnets.keys() ?? [])].indexOf(id);
    const w1 = parseIpv4('10.9.1.1') ?? 0;
    expect(forwardFromSubnetRttMs(compiled, at('a1'), w1)).toBeGreaterThan(50);
    expect(forwardFromSubnetRttMs(compiled, at('a1'), w1)).toBeLessThan(90);
    expect(forwardFromSubnetRttMs(compiled, at('a2'), w1)).toBeNaN(); // no attachment subnet in use1-az2
    expect(forwardFromSubnetRttMs(compiled, at('a1'), parseIpv4('10.2.2.9') ?? 0)).toBeNaN(); // blackhole
  });

  it('agrees with the full forwarder where a route table is too large to scan', () => {
    const many = Array.from({ length: 18 }, (_, k) => `10.7.${k}.0/24: blackhole`).join(', ');
    const large = MESH.replace(
      'b-rt: { vpc: b, routes: { 10.0.0.0/8: tgw-e } }',
      `b-rt: { vpc: b, routes: { 10.0.0.0/8: tgw-e, 10.1.1.0/24: blackhole, ${many} } }`,
    );
    expect(large).not.toBe(MESH);
    const estate = parseEstate(large, 'large.yaml');
    expect(agreeEverywhere(estate)).toBe(8 * 13);
    const compiled = compileNetwork(estate);
    const b1 = [...(estate.network?.subnets.keys() ?? [])].indexOf('b1');
    expect(forwardFromSubnetRttMs(compiled, b1, parseIpv4('10.1.1.1') ?? 0)).toBeNaN();
    expect(forwardFromSubnetRttMs(compiled, b1, parseIpv4('10.1.2.1') ?? 0)).toBeNaN(); // through the inspection VPC and back to rt-i: a loop
  });

  it('agrees with the full forwarder on the examples', () => {
    for (const file of ['network-do.yaml', 'network-dont.yaml']) {
      expect(agreeEverywhere(loadEstate(`examples/ticketmaster-phoenix/${file}`))).toBeGreaterThan(20);
    }
  });

  it('agrees with the full forwarder on an imported estate', () => {
    expect(agreeEverywhere(loadEstate('test/golden/import-hybrid-filled.yaml'))).toBeGreaterThan(10);
  });
});
