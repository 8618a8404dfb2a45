import { describe, expect, it } from 'vitest';
import { deriveEstate, loadEstate, parseEstate } from '../model/index.js';
import { LintContext, lintEstate, lintFile, RULES } from './index.js';
import type { LintRule } from './types.js';

function rule(id: string): LintRule {
  const found = RULES.find((r) => r.id === id);
  if (!found) throw new Error(id);
  return found;
}

/** Findings of one rule on an estate written inline. */
function findings(id: string, yaml: string) {
  return rule(id).check(new LintContext(parseEstate(yaml, 'lint.yaml')));
}

const HEAD = `name: t
sites:
  dc: { kind: datacenter, metro: metro:phoenix }
links:
  dx1: { kind: direct-connect, between: [dc, dx:ECPH1] }
  dx2: { kind: direct-connect, between: [dc, dx:ECPO1] }
`;

const dont = loadEstate('examples/ticketmaster-phoenix/network-dont.yaml');
const doDesign = loadEstate('examples/ticketmaster-phoenix/network-do.yaml');

describe("the example's designs", () => {
  it("the don't design yields the hairpin and shared-VPC findings with their seed costs", () => {
    const result = lintEstate(dont);
    const hairpin = result.findings.find((f) => f.rule === 'lz/dx-hairpin' && f.elements[0] === 'phx-app');
    // "twice as bad": ~62 ms through Portland against ~1 ms over its own DX.
    expect(hairpin?.asIsRttMs).toBeGreaterThanOrEqual(60);
    expect(hairpin?.asIsRttMs).toBeLessThanOrEqual(80);
    expect(hairpin?.fixedRttMs).toBeLessThan(2);
    expect(hairpin?.costMs).toBeGreaterThan(55);
    expect(hairpin?.fix).toContain('dx:ECPH1');
    expect(hairpin?.location).toMatchObject({
      file: 'examples/ticketmaster-phoenix/network-dont.yaml',
      line: 37,
    });
    const shared = result.findings.find((f) => f.rule === 'lz/shared-vpc');
    // "like 60 milliseconds" through the parent region against "like 15" hairpinned over DX.
    expect(shared?.asIsRttMs).toBeGreaterThanOrEqual(50);
    expect(shared?.asIsRttMs).toBeLessThanOrEqual(70);
    expect(shared?.fixedRttMs).toBeGreaterThanOrEqual(10);
    expect(shared?.fixedRttMs).toBeLessThanOrEqual(20);
    expect(shared?.elements).toEqual(['lz-vpc', 'phx-app', 'lax-app']);
  });

  it('the do design yields none of them', () => {
    const rules = lintEstate(doDesign).findings.map((f) => f.rule);
    expect(rules).not.toContain('lz/dx-hairpin');
    expect(rules).not.toContain('lz/shared-vpc');
    expect(rules).not.toContain('dx/gateway-vpc-to-vpc');
  });
});

describe('lz/parent-firewall', () => {
  const design = (fwZone: string) => `${HEAD}network:
  onPrem:
    dc-net: { site: dc, cidrs: [192.168.0.0/16] }
  vpcs:
    v: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    lz: { vpc: v, zone: us-west-2-phx-2a, cidr: 10.1.1.0/24, routeTable: lz-rt }
    fw-sn: { vpc: v, zone: ${fwZone}, cidr: 10.1.2.0/24, routeTable: fw-rt }
  routeTables:
    lz-rt: { vpc: v, routes: { 0.0.0.0/0: fw } }
    fw-rt: { vpc: v, routes: { 0.0.0.0/0: igw, 192.168.0.0/16: vgw } }
  appliances:
    fw: { subnet: fw-sn }
  internetGateways:
    igw: { vpc: v }
  virtualPrivateGateways:
    vgw: { vpc: v }
  virtualInterfaces:
    vif: { connection: dx1, type: private, vgw: vgw, advertisedPrefixes: [192.168.0.0/16] }
`;

  it('fires when Local Zone traffic is inspected in the parent region, with the cost of the detour', () => {
    const found = findings('lz/parent-firewall', design('usw2-az1'));
    expect(found.map((f) => f.message.split(':')[0])).toEqual([
      'lz in us-west-2-phx-2a sends its traffic to dc-net through fw in usw2-az1',
      'lz in us-west-2-phx-2a sends its traffic to the internet through fw in usw2-az1',
    ]);
    // To on-prem: Phoenix to Oregon and back to Phoenix; to the internet: out of Oregon instead of Phoenix.
    expect(found[0]?.costMs).toBeGreaterThan(50);
    expect(found[1]?.costMs).toBeGreaterThan(25);
    for (const f of found) expect(f.fixedRttMs).toBeLessThan(5);
  });

  it('stays quiet when the appliance is in the Local Zone', () => {
    expect(findings('lz/parent-firewall', design('us-west-2-phx-2a'))).toEqual([]);
  });
});

describe('dx/gateway-vpc-to-vpc', () => {
  // Two Local Zone VPCs on one DX gateway route to each other through it; on-prem advertises
  // only its own networks.
  const twoVpcs = loadEstate('test/fixtures/dx-gateway-two-vpcs.yaml');
  const check = (estate: typeof twoVpcs) => rule('dx/gateway-vpc-to-vpc').check(new LintContext(estate));

  it('fires when a route counts on the DX gateway to reach another VPC', () => {
    const found = check(twoVpcs);
    expect(found.map((f) => f.elements)).toEqual([
      ['phx-rt', 'vgw-phx', 'dxgw', 'lax'],
      ['lax-rt', 'vgw-lax', 'dxgw', 'phx'],
    ]);
    expect(found[0]).toMatchObject({ severity: 'error', risk: 'unreachable' });
    expect(found[0]?.location).toMatchObject({ file: 'test/fixtures/dx-gateway-two-vpcs.yaml', line: 19 });
  });

  it('stays quiet when on-prem advertises a covering supernet', () => {
    const supernet = { advertisedPrefixes: ['192.168.0.0/16', '10.0.0.0/8'] };
    const fixed = deriveEstate(twoVpcs, {
      network: { virtualInterfaces: { 'vif-phx': supernet, 'vif-lax': supernet } },
    });
    expect(check(fixed)).toEqual([]);
  });
});

describe('redundancy/single-dx-circuit', () => {
  it('fires for a site with one circuit and not for one with two', () => {
    const one = findings(
      'redundancy/single-dx-circuit',
      'name: t\nsites:\n  dc: { kind: datacenter, metro: metro:phoenix }\nlinks:\n  dx1: { kind: direct-connect, between: [dc, dx:ECPH1] }\n',
    );
    expect(one).toMatchObject([{ elements: ['dc', 'dx1'], replicas: 1, risk: 'single point of failure' }]);
    expect(findings('redundancy/single-dx-circuit', HEAD)).toEqual([]);
  });
});

describe('hygiene rules', () => {
  it('blackhole routes, in VPC and Transit Gateway route tables', () => {
    const found = findings(
      'hygiene/blackhole-route',
      `${HEAD}network:
  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24 }
  routeTables:
    rt: { vpc: a, main: true, routes: { 172.16.0.0/12: blackhole } }
  transitGateways:
    tgw:
      region: us-west-2
      attachments:
        att: { vpc: a, subnets: [a1] }
      routeTables:
        trt: { associations: [att], routes: { 0.0.0.0/0: blackhole } }
`,
    );
    expect(found.map((f) => f.elements[0])).toEqual(['rt', 'trt']);
    expect(
      findings(
        'hygiene/blackhole-route',
        `${HEAD}network:\n  vpcs:\n    a: { region: us-west-2, cidrs: [10.1.0.0/16] }\n`,
      ),
    ).toEqual([]);
  });

  it('overlapping CIDRs between VPCs and with on-prem', () => {
    const found = findings(
      'hygiene/overlapping-cidrs',
      `${HEAD}network:
  onPrem:
    dc-net: { site: dc, cidrs: [10.1.128.0/17] }
  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
    b: { region: us-east-1, cidrs: [10.1.0.0/20] }
    c: { region: us-east-1, cidrs: [10.9.0.0/16] }
`,
    );
    expect(found.map((f) => f.elements)).toEqual([
      ['a', 'b'],
      ['a', 'dc-net'],
    ]);
  });

  it('asymmetric paths between the estate endpoints', () => {
    const asymmetric = (pref: number) => `${HEAD}network:
  onPrem:
    dc-net: { site: dc, cidrs: [192.168.0.0/16] }
  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: us-west-2-phx-2a, cidr: 10.1.1.0/24, routeTable: rt }
  routeTables:
    rt: { vpc: a, routes: { 192.168.0.0/16: vgw } }
  virtualPrivateGateways:
    vgw: { vpc: a }
  virtualInterfaces:
    v-phx: { connection: dx1, type: private, vgw: vgw, advertisedPrefixes: [192.168.0.0/24] }
    v-pdx: { connection: dx2, type: private, vgw: vgw, advertisedPrefixes: [192.168.0.0/16], localPreference: ${pref} }
`;
    expect(findings('hygiene/asymmetric-path', asymmetric(200)).map((f) => f.elements)).toEqual([
      ['a1', 'dc-net'],
    ]);
    // Equal preference: the DC's router sends the replies over the circuit nearest the subnet.
    expect(findings('hygiene/asymmetric-path', asymmetric(100))).toEqual([]);
  });

  it('an estate that does not load gives its errors as findings', () => {
    const result = lintFile('test/fixtures/bad/net-route-unattached-gateway.yaml');
    expect(result.loaded).toBe(false);
    expect(result.findings).toMatchObject([
      { rule: 'hygiene/unattached-gateway', severity: 'error', location: { line: 12, col: 25 } },
    ]);
    expect(lintFile('test/fixtures/bad/net-route-unknown-gateway.yaml').findings[0]?.rule).toBe(
      'hygiene/unknown-reference',
    );
  });
});

describe('redundancy/single-zone', () => {
  const design = (at: string, pinned = false) => `name: t
sites:
  dc: { kind: datacenter, metro: metro:phoenix, internet: true }
users:
  - { metro: metro:phoenix, weight: 1 }
services:
  api:
    at: ${at}
    computeMs: { p50: 2, p99: 5 }
    pinned: ${pinned}
requests:
  page: { entry: api }
budgets:
  - { request: page, p99Ms: 100 }
`;

  it('fires for a budgeted service in one zone, as a note when it is pinned', () => {
    const found = findings('redundancy/single-zone', design('[{ place: us-west-2-phx-2a, instances: 4 }]'));
    expect(found).toMatchObject([
      { severity: 'warning', elements: ['api', 'us-west-2-phx-2a', 'page'], replicas: 1 },
    ]);
    expect(found[0]?.location).toMatchObject({ file: 'lint.yaml', line: 8 });
    const pinned = findings('redundancy/single-zone', design('[{ place: dc, instances: 2 }]', true));
    expect(pinned).toMatchObject([{ severity: 'note', elements: ['api', 'dc', 'page'] }]);
  });

  it('stays quiet for a service in two zones, or one no budget depends on', () => {
    expect(
      findings(
        'redundancy/single-zone',
        design('[{ place: usw2-az1, instances: 2 }, { place: usw2-az2, instances: 2 }]'),
      ),
    ).toEqual([]);
    const unbudgeted = design('[{ place: usw2-az1, instances: 2 }]').replace(/budgets:[\s\S]*$/, '');
    expect(findings('redundancy/single-zone', unbudgeted)).toEqual([]);
  });
});

describe('placement rules of an estate that does not load', () => {
  it('report services placed where their family is not offered, outside residency, over capacity', () => {
    expect(lintFile('test/fixtures/bad/family-not-offered.yaml').findings[0]).toMatchObject({
      rule: 'placement/not-offered',
      severity: 'error',
    });
    expect(lintFile('test/fixtures/bad/residency-breach.yaml').findings[0]?.rule).toBe('placement/residency');
    expect(lintFile('test/fixtures/bad/site-over-capacity.yaml').findings[0]?.rule).toBe(
      'placement/capacity',
    );
    // The example's own placements are all offered.
    expect(
      lintFile('examples/ticketmaster-phoenix/event-page-local-zone.yaml').findings.map((f) => f.rule),
    ).not.toContain('placement/not-offered');
  });
});
