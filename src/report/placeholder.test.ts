import { describe, expect, it } from 'vitest';
import { parseEstate } from '../model/index.js';
import { traceRoute } from '../network/index.js';
import { buildEstateReport } from './estate.js';
import { renderTrace } from './trace.js';

/** A Local Zone VPC on a private VIF, a region VPC on a transit VIF, on-prem at a placeholder site. */
const ESTATE = (dc: string) => `name: t
sites:
  dc: ${dc}
  office: { kind: office, metro: metro:denver }
links:
  dx-phx: { kind: direct-connect, between: [dc, dx:ECPH1] }
  dx-pdx: { kind: direct-connect, between: [dc, dx:ECPO1] }
  wan: { kind: wan, between: [office, dc] }
network:
  onPrem:
    dc-net: { site: dc, cidrs: [192.168.0.0/16] }
    office-net: { site: office, cidrs: [172.20.0.0/16] }
  routers:
    office-router: { site: office, routes: { 192.168.0.0/16: dc } }
  vpcs:
    lz: { region: us-west-2, cidrs: [10.10.0.0/16] }
    core: { region: us-west-2, cidrs: [10.0.0.0/16] }
  subnets:
    lz-app: { vpc: lz, zone: us-west-2-phx-2a, cidr: 10.10.1.0/24, routeTable: lz-rt }
    core-a: { vpc: core, zone: usw2-az1, cidr: 10.0.1.0/24, routeTable: core-rt }
  routeTables:
    lz-rt: { vpc: lz, routes: { 192.168.0.0/16: vgw-lz } }
    core-rt: { vpc: core, routes: { 192.168.0.0/16: tgw } }
  virtualPrivateGateways:
    vgw-lz: { vpc: lz }
  transitGateways:
    tgw:
      region: us-west-2
      attachments:
        att-core: { vpc: core, subnets: [core-a] }
        att-dx: { dxGateway: dxgw }
      routeTables:
        rt: { associations: [att-core, att-dx], propagations: [att-core, att-dx] }
  dxGateways:
    dxgw: { associations: [ { gateway: tgw, allowedPrefixes: [10.0.0.0/8] } ] }
  virtualInterfaces:
    vif-phx: { connection: dx-phx, type: private, vgw: vgw-lz, advertisedPrefixes: [192.168.0.0/16] }
    vif-pdx: { connection: dx-pdx, type: transit, dxGateway: dxgw, advertisedPrefixes: [192.168.0.0/16] }
`;

const placeholder = parseEstate(ESTATE('{ kind: datacenter, placeholder: "fill me in" }'), 'p.yaml');
const filled = parseEstate(ESTATE('{ kind: datacenter, metro: metro:phoenix }'), 'f.yaml');

describe('a placeholder site', () => {
  it('stops a packet from a Local Zone at the DX location of its own VIF, with a warning that says so', () => {
    const t = traceRoute(placeholder, 'lz-app', 'dc');
    expect(t.reachable).toBe(false);
    expect(t.hops.map((h) => `${h.element}@${h.place}`)).toEqual([
      'lz-app@us-west-2-phx-2a',
      'vgw-lz@us-west-2-phx-2a',
      'vif-phx@dx:ECPH1',
    ]);
    // One finding (not one per direction), a warning: the estate is incomplete, not wrong.
    expect(t.findings).toHaveLength(1);
    expect(t.findings[0]).toMatchObject({ code: 'placeholder', severity: 'warning', element: 'dc' });
    expect(t.findings[0]?.message).toContain("stops at dx:ECPH1, before 'dc'");
    expect(t.reverse.stop).toMatchObject({ reason: 'placeholder', element: 'dc' });
    expect(Number.isNaN(t.physicalBestRttMs)).toBe(true);
    expect(renderTrace(t)).toContain("stops at dx:ECPH1 (0.52 ms RTT so far): 'dc' is a placeholder site");
  });

  it('stops a packet from the region at the transit VIF, after the Transit Gateway', () => {
    const t = traceRoute(placeholder, 'core-a', 'dc-net');
    expect(t.hops.map((h) => h.element)).toEqual(['core-a', 'tgw', 'att-dx', 'dxgw', 'vif-pdx']);
    expect(t.hops.at(-1)?.place).toBe('dx:ECPO1');
    expect(t.findings.map((f) => f.code)).toEqual(['placeholder']);
  });

  it('stops a packet routed over the WAN to it, at the site that sends it', () => {
    const t = traceRoute(placeholder, 'office', 'dc');
    expect(t.hops.map((h) => h.element)).toEqual(['office']);
    expect(t.findings[0]?.message).toContain("stops at office, before 'dc'");
  });

  it('once filled in, the same paths go through: the Local Zone reaches it in under 2 ms', () => {
    const t = traceRoute(filled, 'lz-app', 'dc');
    expect(t.reachable).toBe(true);
    expect(t.rttMs).toBeLessThan(2);
    expect(t.hops.map((h) => h.element)).toEqual(['lz-app', 'vgw-lz', 'vif-phx', 'dc', 'dc-net']);
    // The hops before the DX location cost the same either way.
    const before = traceRoute(placeholder, 'lz-app', 'dc').hops.at(-1)?.rttMs;
    expect(t.hops[2]?.rttMs).toBeCloseTo(before as number, 9);
  });

  it('leaves the estate report working, without the placeholder and its links', () => {
    const report = buildEstateReport(placeholder);
    expect(report.places.map((p) => p.id)).toEqual(['office']);
    expect(report.links.map((l) => l.id)).toEqual([]);
  });
});
