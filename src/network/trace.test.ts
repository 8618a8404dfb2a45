import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { deriveEstate, loadEstate, parseEstate } from '../model/index.js';
import { traceRoute } from './index.js';
import { inlineEstate as estate } from './inline-estate.test-support.js';

const dont = loadEstate('examples/ticketmaster-phoenix/network-dont.yaml');
const doDesign = loadEstate('examples/ticketmaster-phoenix/network-do.yaml');

describe('the seed traces', () => {
  it("don't: a Phoenix Local Zone subnet reaches the Phoenix DC through Portland, about twice the DC-Portland trip", () => {
    const t = traceRoute(dont, 'phx-app', 'phx-dc');
    expect(t.reachable).toBe(true);
    expect(t.rttMs).toBeGreaterThanOrEqual(60);
    expect(t.rttMs).toBeLessThanOrEqual(80);
    expect(t.hops.map((h) => h.element)).toEqual([
      'phx-app',
      'tgw-usw2',
      'att-dx',
      'dxgw-main',
      'vif-pdx',
      'phx-dc',
      'phx-net',
    ]);
    expect(t.hops.find((h) => h.element === 'vif-pdx')?.place).toBe('dx:ECPO1');
    expect(t.physicalBestRttMs).toBeLessThan(2);
    expect(t.findings.map((f) => f.code)).toEqual(['detour']);
    expect(t.asymmetric).toBe(false);
    // "twice as bad": about twice the data center's own trip to us-west-2 over the Portland DX.
    const dcToRegion = traceRoute(dont, 'phx-dc', 'lz-tgw-a');
    expect((t.rttMs as number) / (dcToRegion.rttMs as number)).toBeGreaterThan(1.7);
    expect((t.rttMs as number) / (dcToRegion.rttMs as number)).toBeLessThan(2.3);
  });

  it("don't: two Local Zones in one VPC talk through the parent region, about 60 ms", () => {
    const t = traceRoute(dont, 'phx-app', 'lax-app');
    expect(t.hops.map((h) => `${h.element}@${h.place}`)).toEqual([
      'phx-app@us-west-2-phx-2a',
      'lz-vpc@us-west-2',
      'lax-app@us-west-2-lax-1a',
    ]);
    expect(t.rttMs).toBeGreaterThanOrEqual(50);
    expect(t.rttMs).toBeLessThanOrEqual(70);
  });

  it('do: the Phoenix Local Zone reaches the Phoenix DC under 2 ms over its own DX', () => {
    const t = traceRoute(doDesign, 'phx-app', 'phx-dc');
    expect(t.rttMs).toBeLessThan(2);
    expect(t.hops.map((h) => h.element)).toEqual([
      'phx-app',
      'vgw-phx',
      'dxgw-lz',
      'vif-phx',
      'phx-dc',
      'phx-net',
    ]);
    expect(t.findings).toEqual([]);
  });

  it('do: a VPC per Local Zone, hairpinned over DX: about 15 ms (10-20)', () => {
    const t = traceRoute(doDesign, 'phx-app', 'lax-app');
    expect(t.rttMs).toBeGreaterThanOrEqual(10);
    expect(t.rttMs).toBeLessThanOrEqual(20);
    expect(t.hops.map((h) => h.element)).toEqual([
      'phx-app',
      'vgw-phx',
      'dxgw-lz',
      'vif-phx',
      'phx-dc',
      'vif-lax',
      'dxgw-lz',
      'vgw-lax',
      'lax-app',
    ]);
    expect(t.asymmetric).toBe(false);
    expect(t.reverse.hops.map((h) => h.element)).toContain('vif-lax');
  });

  it('do: the region is still reached through the Transit Gateway', () => {
    const t = traceRoute(doDesign, 'phx-app', 'core-a');
    expect(t.hops.map((h) => h.element)).toEqual(['phx-app', 'tgw-usw2', 'att-core', 'core-a']);
    expect(t.rttMs).toBeGreaterThan(25);
  });

  it('accepts addresses as endpoints and says which element holds them', () => {
    const t = traceRoute(doDesign, '10.10.1.20', '192.168.4.4');
    expect(t.source).toMatchObject({ element: 'phx-app', kind: 'subnet', address: '10.10.1.20' });
    expect(t.destination).toMatchObject({ element: 'phx-dc', kind: 'site', address: '192.168.4.4' });
    expect(t.reachable).toBe(true);
  });
});

describe('AWS rules', () => {
  it('a DX gateway carries no VPC-to-VPC traffic without a covering supernet from on-prem', () => {
    const e = loadEstate('test/fixtures/dx-gateway-two-vpcs.yaml');
    const t = traceRoute(e, 'phx-app', 'lax-app');
    expect(t.reachable).toBe(false);
    expect(t.findings[0]).toMatchObject({
      code: 'dx-gateway-transit',
      severity: 'error',
      element: 'vgw-phx',
    });
    expect(t.findings[0]?.message).toContain('unless on-prem advertises a prefix covering 10.2.1.1');
    expect(t.hops.at(-1)?.element).toBe('vgw-phx');
    // On-prem itself is fine.
    expect(traceRoute(e, 'phx-app', 'dc').reachable).toBe(true);
  });

  it('the same design with a supernet advertised hairpins through the on-prem router', () => {
    const supernet = { advertisedPrefixes: ['192.168.0.0/16', '10.0.0.0/8'] };
    const e = deriveEstate(loadEstate('test/fixtures/dx-gateway-two-vpcs.yaml'), {
      network: { virtualInterfaces: { 'vif-phx': supernet, 'vif-lax': supernet } },
    });
    const t = traceRoute(e, 'phx-app', 'lax-app');
    expect(t.reachable).toBe(true);
    expect(t.hops.map((h) => h.element)).toContain('dc');
  });

  it('a blackhole route and a missing route stop the packet where they are', () => {
    const e = estate(`  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: rt }
  routeTables:
    rt: { vpc: a, routes: { 192.168.0.0/16: blackhole } }
`);
    const t = traceRoute(e, 'a1', 'dc');
    expect(t).toMatchObject({ reachable: false });
    expect(t.findings[0]).toMatchObject({ code: 'blackhole', element: 'rt' });
    expect(t.reverse.stop).toMatchObject({ reason: 'no-route', element: 'dc' });
  });

  it('VPC peering is not transitive', () => {
    const e = estate(`  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
    b: { region: us-west-2, cidrs: [10.2.0.0/16] }
    c: { region: us-east-1, cidrs: [10.3.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: a-rt }
    b1: { vpc: b, zone: usw2-az2, cidr: 10.2.1.0/24, routeTable: b-rt }
    c1: { vpc: c, zone: use1-az1, cidr: 10.3.1.0/24, routeTable: c-rt }
  routeTables:
    a-rt: { vpc: a, routes: { 10.2.0.0/16: pcx-ab, 10.3.0.0/16: pcx-ab } }
    b-rt: { vpc: b, routes: { 10.1.0.0/16: pcx-ab, 10.3.0.0/16: pcx-bc } }
    c-rt: { vpc: c, routes: { 10.2.0.0/16: pcx-bc } }
  peerings:
    pcx-ab: { between: [a, b] }
    pcx-bc: { between: [b, c] }
`);
    expect(traceRoute(e, 'a1', 'b1').reachable).toBe(true);
    const t = traceRoute(e, 'a1', 'c1');
    expect(t.reachable).toBe(false);
    expect(t.findings[0]).toMatchObject({ code: 'not-transitive', element: 'pcx-ab' });
    const cross = traceRoute(e, 'b1', 'c1');
    expect(cross.reachable).toBe(true);
    expect(cross.rttMs).toBeGreaterThan(50); // Oregon to Virginia
  });

  it('detects a routing loop between two routers', () => {
    const e = estate(
      `    far-net: { site: far, cidrs: [10.9.0.0/16] }
  routers:
    r1: { site: dc, routes: { 10.9.0.0/16: dc2 } }
    r2: { site: dc2, routes: { 10.9.0.0/16: dc } }
`,
      {
        sites:
          '  dc2: { kind: datacenter, metro: metro:denver }\n  far: { kind: datacenter, metro: metro:chicago }\n',
        links: '  wan: { kind: wan, between: [dc, dc2] }\n',
      },
    );
    const t = traceRoute(e, 'dc', 'far');
    expect(t.reachable).toBe(false);
    expect(t.findings[0]).toMatchObject({ code: 'loop', element: 'dc' });
    expect(t.hops.map((h) => h.element)).toEqual(['dc', 'dc2', 'dc']);
  });

  it('a private address sent to the internet gateway is dropped there', () => {
    const e = estate(`  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: rt }
  routeTables:
    rt: { vpc: a, routes: { 0.0.0.0/0: igw } }
  internetGateways:
    igw: { vpc: a }
`);
    const t = traceRoute(e, 'a1', 'dc');
    expect(t.findings[0]).toMatchObject({ code: 'private-to-internet', element: 'igw' });
  });

  it('routes through an inspection appliance in a VPC attached to a Transit Gateway', () => {
    const e = estate(`  vpcs:
    app: { region: us-west-2, cidrs: [10.1.0.0/16] }
    insp: { region: us-west-2, cidrs: [10.50.0.0/16] }
  subnets:
    app1: { vpc: app, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: app-rt }
    insp-tgw: { vpc: insp, zone: usw2-az2, cidr: 10.50.0.0/28, routeTable: insp-rt }
    insp-fw: { vpc: insp, zone: usw2-az2, cidr: 10.50.1.0/24, routeTable: fw-rt }
  routeTables:
    app-rt: { vpc: app, routes: { 192.168.0.0/16: tgw } }
    insp-rt: { vpc: insp, routes: { 0.0.0.0/0: fw } }
    fw-rt: { vpc: insp, routes: { 0.0.0.0/0: tgw } }
  appliances:
    fw: { subnet: insp-fw, kind: firewall }
  transitGateways:
    tgw:
      region: us-west-2
      attachments:
        att-app: { vpc: app, subnets: [app1] }
        att-insp: { vpc: insp, subnets: [insp-tgw] }
        att-dx: { dxGateway: dxgw }
      routeTables:
        from-spokes: { associations: [att-app, att-dx], routes: { 0.0.0.0/0: att-insp } }
        from-inspection: { associations: [att-insp], propagations: [att-app, att-dx] }
  dxGateways:
    dxgw: { associations: [ { gateway: tgw, allowedPrefixes: [10.0.0.0/8] } ] }
  virtualInterfaces:
    v1: { connection: dx1, type: transit, dxGateway: dxgw, advertisedPrefixes: [192.168.0.0/16] }
`);
    const t = traceRoute(e, 'app1', 'dc');
    expect(t.reachable).toBe(true);
    expect(t.hops.map((h) => h.element)).toEqual([
      'app1',
      'tgw',
      'att-insp',
      'insp-tgw',
      'fw',
      'tgw',
      'att-dx',
      'dxgw',
      'v1',
      'dc',
      'dc-net',
    ]);
    expect(t.reverse.reachable).toBe(true);
    expect(t.reverse.hops.map((h) => h.element)).toContain('fw');
  });

  it('reports an asymmetric path', () => {
    // Out through the Phoenix VIF, back through the Portland one (the DC prefers it by local preference).
    const e = estate(
      `  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: us-west-2-phx-2a, cidr: 10.1.1.0/24, routeTable: rt }
  routeTables:
    rt: { vpc: a, routes: { 192.168.0.0/16: vgw } }
  virtualPrivateGateways:
    vgw: { vpc: a }
  virtualInterfaces:
    v-phx: { connection: dx1, type: private, vgw: vgw, advertisedPrefixes: [192.168.0.0/24] }
    v-pdx: { connection: dx2, type: private, vgw: vgw, advertisedPrefixes: [192.168.0.0/16], localPreference: 200 }
`,
      { links: '  dx2: { kind: direct-connect, between: [dc, dx:ECPO1] }\n' },
    );
    const t = traceRoute(e, 'a1', 'dc');
    expect(t.reachable).toBe(true);
    expect(t.asymmetric).toBe(true);
    expect(t.findings.map((f) => f.code)).toContain('asymmetric');
    expect(t.hops.map((h) => h.element)).toContain('v-phx');
    expect(t.reverse.hops.map((h) => h.element)).toContain('v-pdx');
    expect(t.rttMs).toBeCloseTo((t.hops.at(-1)?.rttMs as number) / 2 + (t.reverse.rttMs as number) / 2, 9);
  });

  it('refuses to trace an estate without a network, or an unknown endpoint', () => {
    const plain = parseEstate('name: p\n');
    expect(() => traceRoute(plain, 'a', 'b')).toThrow(FootprintError);
    expect(() => traceRoute(doDesign, 'phx-ap', 'phx-dc')).toThrow(/unknown trace endpoint 'phx-ap'/);
    expect(() => traceRoute(doDesign, '8.8.8.8', 'phx-dc')).toThrow(/no subnet or on-prem network/);
  });
});
