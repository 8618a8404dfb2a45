/**
 * AWS routing rules that traces used to get wrong (issue 17), each against a small estate written
 * inline. Each rule's AWS documentation is cited where the rule is implemented.
 */
import { describe, expect, it } from 'vitest';
import { parseEstate } from '../model/index.js';
import { compileNetwork, forward, parseIpv4, traceRoute } from './index.js';
import { inlineEstate as estate } from './inline-estate.test-support.js';

describe('asymmetry counts gateways, not the region a VPC crosses (issue 17, item 2)', () => {
  it('a peering used both ways is symmetric', () => {
    const e = estate(`  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
    b: { region: us-west-2, cidrs: [10.2.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: a-rt }
    b1: { vpc: b, zone: usw2-az2, cidr: 10.2.1.0/24, routeTable: b-rt }
  routeTables:
    a-rt: { vpc: a, routes: { 10.2.0.0/16: pcx-ab } }
    b-rt: { vpc: b, routes: { 10.1.0.0/16: pcx-ab } }
  peerings:
    pcx-ab: { between: [a, b] }
`);
    const t = traceRoute(e, 'a1', 'b1');
    expect(t.reachable).toBe(true);
    expect(t.reverse.reachable).toBe(true);
    expect(t.asymmetric).toBe(false);
    expect(t.findings.map((f) => f.code)).not.toContain('asymmetric');
  });

  it('a firewall both directions pass through is symmetric', () => {
    const e = estate(`  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: a1-rt }
    a2: { vpc: a, zone: usw2-az2, cidr: 10.1.2.0/24, routeTable: a2-rt }
    fw-net: { vpc: a, zone: usw2-az3, cidr: 10.1.9.0/24 }
  routeTables:
    a1-rt: { vpc: a, routes: { 10.1.2.0/24: fw } }
    a2-rt: { vpc: a, routes: { 10.1.1.0/24: fw } }
  appliances:
    fw: { subnet: fw-net, kind: firewall }
`);
    const t = traceRoute(e, 'a1', 'a2');
    expect(t.hops.map((h) => h.element)).toContain('fw');
    expect(t.reverse.hops.map((h) => h.element)).toContain('fw');
    expect(t.asymmetric).toBe(false);
    expect(t.findings.map((f) => f.code)).not.toContain('asymmetric');
  });

  it('still reports a path that really comes back another way', () => {
    // Out through fw1, back through fw2.
    const e = estate(`  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: a1-rt }
    a2: { vpc: a, zone: usw2-az2, cidr: 10.1.2.0/24, routeTable: a2-rt }
    fw-net: { vpc: a, zone: usw2-az3, cidr: 10.1.9.0/24 }
  routeTables:
    a1-rt: { vpc: a, routes: { 10.1.2.0/24: fw1 } }
    a2-rt: { vpc: a, routes: { 10.1.1.0/24: fw2 } }
  appliances:
    fw1: { subnet: fw-net, kind: firewall }
    fw2: { subnet: fw-net, kind: firewall }
`);
    const t = traceRoute(e, 'a1', 'a2');
    expect(t.asymmetric).toBe(true);
    expect(t.findings.find((f) => f.code === 'asymmetric')?.message).toContain('out via fw1');
  });
});

describe('a static route beats a prefix-list route for the same CIDR (issue 17, item 3)', () => {
  const design = (routes: string) =>
    estate(
      `    far-net: { site: far, cidrs: [172.16.0.0/12] }
  prefixLists:
    pl-onprem: { cidrs: [192.168.0.0/16, 172.16.0.0/12] }
  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
    b: { region: us-west-2, cidrs: [10.2.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: rt }
  routeTables:
    rt: { vpc: a, routes: { ${routes} } }
  virtualPrivateGateways:
    vgw: { vpc: a }
  peerings:
    pcx: { between: [a, b] }
  virtualInterfaces:
    v1: { connection: dx1, type: private, vgw: vgw, advertisedPrefixes: [192.168.0.0/16, 172.16.0.0/12] }
`,
      { sites: '  far: { kind: datacenter, metro: metro:chicago }\n' },
    );

  it('accepts both and sends the CIDR by the static route, in either order', () => {
    for (const routes of ['pl-onprem: pcx, 192.168.0.0/16: vgw', '192.168.0.0/16: vgw, pl-onprem: pcx']) {
      const e = design(routes);
      const table = e.network?.routeTables.get('rt');
      expect(table?.routes.find((r) => r.destination.text === '192.168.0.0/16')).toMatchObject({
        via: '192.168.0.0/16',
        target: 'vgw',
      });
      // The prefix list still routes its other block.
      expect(table?.routes.find((r) => r.destination.text === '172.16.0.0/12')).toMatchObject({
        via: 'pl-onprem',
        target: 'pcx',
      });
      expect(traceRoute(e, 'a1', 'dc').hops.map((h) => h.element)).toContain('vgw');
    }
  });
});

describe('two prefix lists holding one CIDR', () => {
  const design = (second: string) =>
    estate(`  prefixLists:
    pl-a: { cidrs: [192.168.0.0/16] }
    pl-b: { cidrs: [192.168.0.0/16, 172.16.0.0/12] }
  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
    b: { region: us-west-2, cidrs: [10.2.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: rt }
  routeTables:
    rt: { vpc: a, routes: { pl-a: vgw, pl-b: ${second} } }
  virtualPrivateGateways:
    vgw: { vpc: a }
  peerings:
    pcx: { between: [a, b] }
`);

  it('are one route when they agree on the target', () => {
    expect(design('vgw').network?.routeTables.get('rt')?.routes).toHaveLength(3);
  });

  it('are refused when they disagree, since AWS then picks one at random', () => {
    expect(() => design('pcx')).toThrow(
      /sends 192\.168\.0\.0\/16 to 'vgw' \(prefix list pl-a\) and to 'pcx'.*at random/,
    );
  });
});

describe('a Transit Gateway is reached from the AZs where its attachment has a subnet (issue 17, item 4)', () => {
  const design = (attachmentSubnets: string) =>
    estate(`  vpcs:
    a: { region: us-east-1, cidrs: [10.1.0.0/16] }
    b: { region: us-east-1, cidrs: [10.2.0.0/16] }
  subnets:
    a1: { vpc: a, zone: use1-az1, cidr: 10.1.1.0/24, routeTable: a-rt }
    a2: { vpc: a, zone: use1-az2, cidr: 10.1.2.0/24, routeTable: a-rt }
    a6: { vpc: a, zone: use1-az6, cidr: 10.1.6.0/24, routeTable: a-rt }
    chi: { vpc: a, zone: us-east-1-chi-2a, cidr: 10.1.9.0/24, routeTable: a-rt }
    b1: { vpc: b, zone: use1-az1, cidr: 10.2.1.0/24, routeTable: b-rt }
  routeTables:
    a-rt: { vpc: a, routes: { 10.2.0.0/16: tgw } }
    b-rt: { vpc: b, routes: { 10.1.0.0/16: tgw } }
  transitGateways:
    tgw:
      region: us-east-1
      attachments:
        att-a: { vpc: a, subnets: [${attachmentSubnets}] }
        att-b: { vpc: b, subnets: [b1] }
      routeTables:
        rt: { associations: [att-a, att-b], propagations: [att-a, att-b] }
`);

  it('from an AZ with an attachment subnet, and not from another', () => {
    const e = design('a1');
    expect(traceRoute(e, 'a1', 'b1').reachable).toBe(true);
    const t = traceRoute(e, 'a2', 'b1');
    expect(t.reachable).toBe(false);
    expect(t.findings[0]).toMatchObject({ code: 'no-attachment-subnet', element: 'att-a' });
    expect(t.findings[0]?.message).toContain('use1-az2');
    expect(t.hops.map((h) => h.element)).toEqual(['a2']);
  });

  it("from a Local Zone only with an attachment subnet in the zone's parent AZ", () => {
    // us-east-1-chi-2a's parent zone is use1-az6.
    const without = traceRoute(design('a1'), 'chi', 'b1');
    expect(without.reachable).toBe(false);
    expect(without.findings[0]).toMatchObject({ code: 'no-attachment-subnet', element: 'att-a' });
    expect(without.findings[0]?.message).toContain('use1-az6');
    const t = traceRoute(design('a1, a6'), 'chi', 'b1');
    expect(t.reachable).toBe(true);
    expect(t.hops.map((h) => h.element)).toEqual(['chi', 'tgw', 'att-b', 'b1']);
  });
});

describe('a private subnet reaches public addresses through a NAT gateway and an internet gateway (issue 17, item 1)', () => {
  const design = (officeInternet: boolean) =>
    estate(
      `    office-net: { site: office, cidrs: [203.0.113.0/24] }
  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: private }
    p1: { vpc: a, zone: usw2-az2, cidr: 10.1.100.0/24, routeTable: public }
  routeTables:
    private: { vpc: a, routes: { 0.0.0.0/0: nat } }
    public: { vpc: a, routes: { 0.0.0.0/0: igw } }
  natGateways:
    nat: { subnet: p1 }
  internetGateways:
    igw: { vpc: a }
`,
      { sites: `  office: { kind: datacenter, metro: metro:denver, internet: ${officeInternet} }\n` },
    );

  it('to a public block of a site on the internet, both ways', () => {
    const e = design(true);
    const t = traceRoute(e, 'a1', 'office');
    expect(t.findings).toEqual([]);
    expect(t.reachable).toBe(true);
    expect(t.hops.map((h) => `${h.element}:${h.kind}`)).toEqual([
      'a1:subnet',
      'nat:nat-gateway',
      'igw:internet-gateway',
      'office:site',
      'office-net:on-prem',
    ]);
    // Oregon to Denver over the internet: some tens of ms, and no less than physics allows.
    expect(t.rttMs).toBeGreaterThan(15);
    expect(t.rttMs).toBeLessThan(80);
    expect(t.rttMs).toBeGreaterThanOrEqual(t.physicalBestRttMs);
    // The replies come back to the NAT gateway's public address, the way the request went.
    expect(t.reverse.reachable).toBe(true);
    expect(t.reverse.hops.map((h) => h.element)).toEqual(['office-net', 'office', 'igw', 'nat', 'a1']);
    expect(t.asymmetric).toBe(false);
  });

  it('not to a site that is not on the internet', () => {
    const t = traceRoute(design(false), 'a1', 'office');
    expect(t.reachable).toBe(false);
    expect(t.findings[0]).toMatchObject({ code: 'not-on-internet', element: 'office' });
    expect(t.hops.map((h) => h.element)).toEqual(['a1', 'nat', 'igw']);
  });

  it('to an address outside the estate, and never to a private one', () => {
    const compiled = compileNetwork(design(true));
    const out = forward(compiled, { kind: 'subnet', id: 'a1' }, parseIpv4('8.8.8.8') ?? 0);
    expect(out).toMatchObject({ delivered: true, internet: true });
    expect(out.hops.map((h) => h.element)).toEqual(['a1', 'nat', 'igw']);
    const private10 = forward(compiled, { kind: 'subnet', id: 'a1' }, parseIpv4('10.99.0.1') ?? 0);
    expect(private10).toMatchObject({
      delivered: false,
      stop: { reason: 'private-to-internet', element: 'igw' },
    });
  });
});

describe('a DX location is on the global network (issue 17, item 6)', () => {
  it('a us-west-2 subnet reaches a Chicago DX location sooner than us-east-1, not through us-east-2', () => {
    const e = parseEstate(
      `name: chicago
sites:
  chi-dc: { kind: datacenter, metro: metro:chicago }
links:
  dx-chi: { kind: direct-connect, between: [chi-dc, dx:CSCH1] }
network:
  onPrem:
    chi-net: { site: chi-dc, cidrs: [192.168.0.0/16] }
  vpcs:
    west: { region: us-west-2, cidrs: [10.1.0.0/16] }
    east: { region: us-east-1, cidrs: [10.2.0.0/16] }
  subnets:
    west-a: { vpc: west, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: west-rt }
    east-a: { vpc: east, zone: use1-az1, cidr: 10.2.1.0/24 }
  routeTables:
    west-rt: { vpc: west, routes: { 192.168.0.0/16: vgw-west } }
  virtualPrivateGateways:
    vgw-west: { vpc: west }
  dxGateways:
    dxgw: { associations: [{ gateway: vgw-west }] }
  virtualInterfaces:
    vif-chi: { connection: dx-chi, type: private, dxGateway: dxgw, advertisedPrefixes: [192.168.0.0/16] }
`,
      'chicago.yaml',
    );
    const t = traceRoute(e, 'west-a', 'chi-dc');
    expect(t.reachable).toBe(true);
    const atChicago = t.hops.find((h) => h.element === 'vif-chi');
    const westToEast = compileNetwork(e).segments.awsRttMs('usw2-az1', 'use1-az1');
    expect(atChicago?.rttMs).toBeLessThan(westToEast);
    expect(t.findings.map((f) => f.code)).not.toContain('detour');
  });
});
