/**
 * Lint over routing (issue 17): findings that traces support, with fixes that fit what they found.
 */
import { describe, expect, it } from 'vitest';
import { parseEstate } from '../model/index.js';
import { LintContext, RULES } from './index.js';

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
