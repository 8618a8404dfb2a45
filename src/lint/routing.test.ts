/**
 * Lint over routing (issue 17): findings that traces support, with fixes that fit what they found.
 */
import { describe, expect, it } from 'vitest';
import { parseEstate } from '../model/index.js';
import { LintContext, lintEstate, RULES } from './index.js';

const HEAD = `name: t
sites:
  dc: { kind: datacenter, metro: metro:phoenix }
links:
  dx1: { kind: direct-connect, between: [dc, dx:ECPH1] }
network:
  onPrem:
    dc-net: { site: dc, cidrs: [192.168.0.0/16] }
`;

function asymmetric(yaml: string) {
  const rule = RULES.find((r) => r.id === 'hygiene/asymmetric-path');
  if (!rule) throw new Error('hygiene/asymmetric-path');
  return rule.check(new LintContext(parseEstate(yaml, 'lint.yaml')));
}

const firewalls = (back: string) => `${HEAD}  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: a1-rt }
    a2: { vpc: a, zone: usw2-az2, cidr: 10.1.2.0/24, routeTable: a2-rt }
    fw-net: { vpc: a, zone: usw2-az3, cidr: 10.1.9.0/24 }
  routeTables:
    a1-rt: { vpc: a, routes: { 10.1.2.0/24: fw1 } }
    a2-rt: { vpc: a, routes: { 10.1.1.0/24: ${back} } }
  appliances:
    fw1: { subnet: fw-net, kind: firewall }
    fw2: { subnet: fw-net, kind: firewall }
`;

describe('hygiene/asymmetric-path (issue 17, item 2)', () => {
  it('says nothing of a peering or a firewall that both directions use', () => {
    const peering = `${HEAD}  vpcs:
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
`;
    expect(asymmetric(peering)).toEqual([]);
    expect(asymmetric(firewalls('fw1'))).toEqual([]);
  });

  it('fixes a path that returns through another appliance with the appliance, not the circuits', () => {
    const [finding] = asymmetric(firewalls('fw2'));
    expect(finding?.message).toContain('out via fw1');
    expect(finding?.fix).toContain('fw1');
    expect(finding?.fix).not.toMatch(/circuit|local preference|VIF/);
  });
});

describe('hygiene/routing-loop (issue 17, item 5)', () => {
  it('turns a loop that a trace finds into an error at the router where it closes', () => {
    const yaml = `name: t
sites:
  dc: { kind: datacenter, metro: metro:phoenix }
  dc2: { kind: datacenter, metro: metro:denver }
  far: { kind: datacenter, metro: metro:chicago }
links:
  wan: { kind: wan, between: [dc, dc2] }
network:
  onPrem:
    dc-net: { site: dc, cidrs: [192.168.0.0/16] }
    far-net: { site: far, cidrs: [10.9.0.0/16] }
  routers:
    r1: { site: dc, routes: { 10.9.0.0/16: dc2 } }
    r2: { site: dc2, routes: { 10.9.0.0/16: dc } }
`;
    const result = lintEstate(parseEstate(yaml, 'loop.yaml'));
    const loops = result.findings.filter((f) => f.rule === 'hygiene/routing-loop');
    expect(loops).toHaveLength(1);
    expect(loops[0]).toMatchObject({ severity: 'error', risk: 'unreachable' });
    expect(loops[0]?.elements).toContain('dc');
    expect(loops[0]?.message).toContain('10.9.0.1');
    expect(loops[0]?.location).toMatchObject({ file: 'loop.yaml', line: 13 });
    expect(result.summary.errors).toBeGreaterThan(0);
  });

  it('finds a loop between a VPC and its Transit Gateway', () => {
    const yaml = `${HEAD}  vpcs:
    a: { region: us-west-2, cidrs: [10.1.0.0/16] }
    b: { region: us-west-2, cidrs: [10.2.0.0/16] }
  subnets:
    a1: { vpc: a, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: a-rt }
    b-tgw: { vpc: b, zone: usw2-az1, cidr: 10.2.0.0/28, routeTable: b-rt }
  routeTables:
    a-rt: { vpc: a, routes: { 192.168.0.0/16: tgw } }
    b-rt: { vpc: b, routes: { 192.168.0.0/16: tgw } }
  transitGateways:
    tgw:
      region: us-west-2
      attachments:
        att-a: { vpc: a, subnets: [a1] }
        att-b: { vpc: b, subnets: [b-tgw] }
      routeTables:
        rt: { associations: [att-a, att-b], routes: { 192.168.0.0/16: att-b } }
`;
    const loops = lintEstate(parseEstate(yaml, 'loop.yaml')).findings.filter(
      (f) => f.rule === 'hygiene/routing-loop',
    );
    expect(loops.map((f) => f.elements[0])).toEqual(['rt']);
  });

  it('says nothing of an estate without loops', () => {
    const rules = lintEstate(parseEstate(firewalls('fw2'), 'ok.yaml')).findings.map((f) => f.rule);
    expect(rules).not.toContain('hygiene/routing-loop');
  });
});

describe('tgw/attachment-zone (issue 17, item 4)', () => {
  const design = (attachmentSubnets: string) => `${HEAD}  vpcs:
    a: { region: us-east-1, cidrs: [10.1.0.0/16] }
    b: { region: us-east-1, cidrs: [10.2.0.0/16] }
  subnets:
    a1: { vpc: a, zone: use1-az1, cidr: 10.1.1.0/24, routeTable: a-rt }
    a2: { vpc: a, zone: use1-az2, cidr: 10.1.2.0/24, routeTable: a-rt }
    a3: { vpc: a, zone: use1-az2, cidr: 10.1.3.0/24, routeTable: a-rt }
    a6: { vpc: a, zone: use1-az6, cidr: 10.1.6.0/24 }
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
`;
  const check = (yaml: string) => {
    const rule = RULES.find((r) => r.id === 'tgw/attachment-zone');
    if (!rule) throw new Error('tgw/attachment-zone');
    return rule.check(new LintContext(parseEstate(yaml, 'tgw.yaml')));
  };

  it('reports each AZ whose subnets route to the Transit Gateway without an attachment subnet, at the attachment', () => {
    const findings = check(design('a1'));
    expect(findings.map((f) => [f.severity, f.elements])).toEqual([
      ['error', ['att-a', 'a2', 'a3']],
      ['error', ['att-a', 'chi']],
    ]);
    expect(findings[0]?.fix).toContain('use1-az2');
    expect(findings[1]?.message).toContain('parent zone use1-az6');
    expect(findings[0]?.location).toMatchObject({ file: 'tgw.yaml', line: 26 });
  });

  it('says nothing when every such AZ has one', () => {
    expect(check(design('a1, a2, a6'))).toEqual([]);
    // us-east-1-chi-2a's parent zone is use1-az6.
    expect(check(design('a1, a2')).map((f) => f.elements)).toEqual([['att-a', 'chi']]);
  });
});
