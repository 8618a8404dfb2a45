/**
 * A DX location sits on AWS's global network: through a Direct Connect gateway it reaches the
 * regions of the gateways it is associated with directly, not through its home region (issue 17,
 * item 6). Without one, a DX location reaches its home region only.
 */
import { describe, expect, it } from 'vitest';
import { EMPTY_ESTATE, loadEstate, parseEstate } from '../model/index.js';
import { physicalLatency } from './index.js';

/** A us-west-2 VPC whose VGW is on a DX gateway with a VIF at CoreSite Chicago (home region us-east-2). */
const chicago = parseEstate(
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
  subnets:
    west-a: { vpc: west, zone: usw2-az1, cidr: 10.1.1.0/24, routeTable: west-rt }
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

describe('DX locations on the global network', () => {
  it('a DX gateway joins its VIF locations to the regions of its gateways, not through their home region', () => {
    const toChicago = physicalLatency(chicago, 'us-west-2', 'dx:CSCH1');
    // Chicago lies on the way from Oregon to Virginia.
    expect(toChicago.rttMs).toBeLessThan(physicalLatency(chicago, 'us-west-2', 'us-east-1').rttMs);
    expect(toChicago.path.map((s) => s.place)).toEqual(['us-west-2', 'dx:CSCH1']);
  });

  it('without a DX gateway a DX location reaches its home region only', () => {
    const home = physicalLatency(EMPTY_ESTATE, 'us-west-2', 'dx:CSCH1');
    expect(home.path.map((s) => s.place)).toEqual(['us-west-2', 'us-east-2', 'dx:CSCH1']);
  });

  it("keeps the seed's figures: the Phoenix DC is 55-65 ms from us-east-1, 30-40 ms from us-west-2", () => {
    const example = loadEstate('examples/ticketmaster-phoenix/estate.yaml');
    const east = physicalLatency(example, 'phx-dc', 'us-east-1').rttMs;
    expect(east).toBeGreaterThanOrEqual(55);
    expect(east).toBeLessThanOrEqual(65);
    const west = physicalLatency(example, 'phx-dc', 'us-west-2').rttMs;
    expect(west).toBeGreaterThanOrEqual(30);
    expect(west).toBeLessThanOrEqual(40);
  });
});
