import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws, type SnapshotFile } from './index.js';

const FIXTURES = 'test/fixtures/aws';

function folder(name: string): SnapshotFile[] {
  const root = join(FIXTURES, name);
  const files: SnapshotFile[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files.push({ path: relative(root, path), text: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files;
}

/** A deterministic shuffle (mulberry32), so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let state = seed;
  const random = () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Every array in a JSON value shuffled, recursively. */
function shuffleArrays(value: unknown, seed: number): unknown {
  if (Array.isArray(value)) return shuffled(value, seed).map((v, i) => shuffleArrays(v, seed + i + 1));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v], i) => [k, shuffleArrays(v, seed + i + 7)]));
  return value;
}

const hybrid = importAws(folder('hybrid'), { name: 'hybrid', source: 'hybrid' });
const SITE = 'onprem-dxcon-fg0a0001';

describe('the acceptance snapshot: three VPCs (two in Local Zones), a TGW, two DX gateways, three VIFs', () => {
  it('imports without a warning, anything skipped, or an edit', () => {
    expect(hybrid.report.warnings).toEqual([]);
    expect(hybrid.report.skipped).toEqual({});
    expect(hybrid.report.counts).toMatchObject({
      vpcs: 3,
      subnets: 7,
      transitGateways: 1,
      dxGateways: 2,
      virtualInterfaces: 3,
      sites: 1,
      links: 3,
    });
    const network = hybrid.estate.network;
    const zones = [...(network?.subnets.values() ?? [])].filter((s) => s.zoneKind === 'local-zone');
    expect(new Set(zones.map((s) => s.vpc)).size).toBe(2);
    expect(zones.map((s) => s.zone).sort()).toEqual(['us-west-2-lax-1a', 'us-west-2-phx-2a']);
    expect(
      [...(network?.virtualInterfaces.values() ?? [])].map((v) => `${v.id}:${v.type}:${v.location}`),
    ).toEqual([
      'dxvif-fg0a0001:private:dx:ECPH1',
      'dxvif-fg0b0001:private:dx:CSOW',
      'dxvif-fg0c0001:transit:dx:ECPO1',
    ]);
  });

  it('joins subnets to the zone list: Local Zones by ZoneType, AZs by zone ID (not the per-account name)', () => {
    const subnets = hybrid.estate.network?.subnets;
    expect(subnets?.get('subnet-0aa0000000000a101')).toMatchObject({
      zone: 'us-west-2-phx-2a',
      zoneKind: 'local-zone',
    });
    // us-west-2b in this account is usw2-az1.
    expect(subnets?.get('subnet-0aa0000000000a301')).toMatchObject({ zone: 'usw2-az1', zoneKind: 'az' });
    expect(hybrid.yaml).toContain(
      'zone: us-west-2-phx-2a # Local Zone us-west-2-phx-2a (Phoenix, Arizona), parent zone usw2-az4',
    );
  });

  it('keeps AWS ids and uses Name tags as names', () => {
    const vpc = hybrid.estate.network?.vpcs.get('vpc-0f1a2b3c4d5e6f701');
    expect(vpc?.name).toBe('phx-lz-vpc');
    expect(hybrid.estate.network?.dxGateways.has('a1b2c3d4-0000-4000-8000-00000000f001')).toBe(true);
    expect(hybrid.yaml).toMatch(/dxvif-fg0c0001:\n {6}name: pdx-transit-vif\n/);
  });

  it("infers what on-prem advertises from what AWS learned, and leaves on-prem's position to fill in", () => {
    const vifs = hybrid.estate.network?.virtualInterfaces;
    const advertised = (id: string) => vifs?.get(id)?.advertisedPrefixes.map((c) => c.text);
    expect(advertised('dxvif-fg0a0001')).toEqual(['172.16.0.0/12', '192.168.0.0/16']); // via its DX gateway's VGW
    expect(advertised('dxvif-fg0b0001')).toEqual(['192.168.0.0/16']); // straight to its VGW
    expect(advertised('dxvif-fg0c0001')).toEqual(['172.16.0.0/12', '192.168.0.0/16']); // TGW routes from the DX gateway
    expect(hybrid.estate.placeholderSites?.map((s) => s.id)).toEqual([SITE]);
    expect(hybrid.estate.network?.onPrem.get(`${SITE}-net`)?.cidrs.map((c) => c.text)).toEqual([
      '172.16.0.0/12',
      '192.168.0.0/16',
    ]);
    expect(hybrid.report.placeholders[0]?.connections.map((c) => c.location)).toEqual([
      'dx:ECPH1',
      'dx:CSOW',
      'dx:ECPO1',
    ]);
  });

  it('gives every VPC route table the routes the snapshot shows, prefix lists expanded', () => {
    const snapshot = JSON.parse(
      readFileSync(join(FIXTURES, 'hybrid/111122223333/us-west-2/route-tables.json'), 'utf8'),
    ) as { RouteTables: { RouteTableId: string; Routes: Record<string, string>[] }[] };
    const lists: Record<string, string[]> = { 'pl-0123456789abcdef0': ['172.16.0.0/12', '192.168.0.0/16'] };
    for (const table of snapshot.RouteTables) {
      const expected = table.Routes.flatMap((r) => {
        const target =
          r.State === 'blackhole'
            ? 'blackhole'
            : (r.NatGatewayId ?? r.TransitGatewayId ?? (r.GatewayId as string));
        const blocks = r.DestinationPrefixListId
          ? (lists[r.DestinationPrefixListId] as string[])
          : [r.DestinationCidrBlock];
        return blocks.map((b) => `${b} -> ${target}`);
      }).sort();
      const resolved = hybrid.estate.network?.routeTables.get(table.RouteTableId)?.routes ?? [];
      expect(resolved.map((r) => `${r.destination.text} -> ${r.target}`).sort()).toEqual(expected);
    }
  });

  it('gives the TGW route table the routes search-transit-gateway-routes shows (the model recomputes the propagated ones)', () => {
    const snapshot = JSON.parse(
      readFileSync(join(FIXTURES, 'hybrid/111122223333/us-west-2/transit-gateway-routes.json'), 'utf8'),
    ) as {
      Routes: {
        DestinationCidrBlock: string;
        State: string;
        TransitGatewayAttachments?: { TransitGatewayAttachmentId: string }[];
      }[];
    };
    const expected = snapshot.Routes.map(
      (r) =>
        `${r.DestinationCidrBlock} -> ${r.State === 'blackhole' ? 'blackhole' : r.TransitGatewayAttachments?.[0]?.TransitGatewayAttachmentId}`,
    ).sort();
    const table = hybrid.estate.network?.tgwRouteTables.get('tgw-rtb-0220000000000f001');
    expect(table?.routes.map((r) => `${r.destination.text} -> ${r.target}`).sort()).toEqual(expected);
  });
});

describe('re-importing', () => {
  it('the same snapshot gives the same bytes', () => {
    expect(importAws(folder('hybrid'), { name: 'hybrid', source: 'hybrid' }).yaml).toBe(hybrid.yaml);
  });

  it('files and entries in any order give the same bytes', () => {
    for (const seed of [1, 2, 3]) {
      const files = shuffled(folder('hybrid'), seed).map((f) => ({
        path: f.path,
        text: JSON.stringify(shuffleArrays(JSON.parse(f.text), seed)),
      }));
      expect(importAws(files, { name: 'hybrid', source: 'hybrid' }).yaml).toBe(hybrid.yaml);
    }
    const multi = importAws(folder('multi')).yaml;
    const files = shuffled(folder('multi'), 9).map((f) =>
      f.path.endsWith('.json')
        ? { path: f.path, text: JSON.stringify(shuffleArrays(JSON.parse(f.text), 9)) }
        : f,
    );
    expect(importAws(files).yaml).toBe(multi);
  });
});

describe('several accounts and regions, and what cannot be imported', () => {
  const multi = importAws(folder('multi'), { name: 'multi' });

  it('counts what it does not import, by kind', () => {
    expect(multi.report.skipped).toEqual({
      CarrierGateways: 2,
      'IPv6 routes': 1,
      LocalGatewayRouteTableVpcAssociations: 3,
      'Transit Gateway routes to vpn attachments': 2,
      'Transit Gateway vpn attachments': 1,
      'gateway route table associations (ingress routing)': 1,
      'public virtual interfaces': 1,
      'routes to Outposts local gateways': 1,
      'routes to VPC endpoints (gateway or Gateway Load Balancer)': 1,
      'routes to carrier gateways (Wavelength)': 1,
      'subnets in Local Zones the catalog lacks': 1,
      'subnets in wavelength-zones': 1,
      'virtual interfaces at DX locations the catalog lacks': 1,
    });
    expect(multi.report.ignoredFiles).toEqual(['notes.txt']);
  });

  it('declares an AZ id the catalog lacks with its region, never another AZ', () => {
    expect(multi.estate.availabilityZones?.map((z) => `${z.id}@${z.region}`)).toEqual(['usw1-az2@us-west-1']);
    expect(multi.estate.network?.subnets.get('subnet-0b0000000000b0101')?.zone).toBe('usw1-az2');
  });

  it('reports an unknown DX location with the nearest codes', () => {
    expect(multi.report.warnings).toContain(
      "dxvif-ffab0001: unknown DX location 'EqXX9' (nearest codes: EQDX1, EQMX1): the VIF is left out (`footprint catalog dx` lists the locations)",
    );
  });

  it('writes a route whose target it cannot follow as blackhole, saying what it was', () => {
    const routes = multi.estate.network?.routeTables.get('rtb-0b0000000000b0001')?.routes ?? [];
    expect(routes.filter((r) => !r.implicit).map((r) => `${r.destination.text} -> ${r.target}`)).toEqual([
      '0.0.0.0/0 -> blackhole',
      '10.60.0.0/16 -> pcx-0bc0000000000bc01',
      '10.70.0.0/16 -> eni-0b0000000000b0fa1',
      '10.80.0.0/16 -> blackhole',
    ]);
    expect(multi.yaml).toContain(
      '0.0.0.0/0: blackhole # was a route to carrier gateways (Wavelength), which Footprint does not model',
    );
    expect(multi.estate.network?.appliances.get('eni-0b0000000000b0fa1')?.subnet).toBe(
      'subnet-0b0000000000b0102',
    );
  });

  it('finds the routes of each TGW route table by file name or wrapper key, and says which', () => {
    expect(multi.report.tgwRouteTables.map((t) => `${t.id}: ${t.how}`)).toEqual([
      'tgw-rtb-0e0000000000e0001: file name',
      'tgw-rtb-0e0000000000e0002: wrapper key',
    ]);
    const only = importAws(folder('only-table'));
    expect(only.report.tgwRouteTables.map((t) => `${t.id}: ${t.how}`)).toEqual([
      'tgw-rtb-0d0000000000d0001: only one in the snapshot',
    ]);
  });
});

describe('Direct Connect locations', () => {
  const vif = (location: string) => [
    { path: 'vpcs.json', text: '{"Vpcs": []}' },
    {
      path: 'vifs.json',
      text: JSON.stringify({
        virtualInterfaces: [
          {
            virtualInterfaceId: 'dxvif-1',
            virtualInterfaceType: 'transit',
            connectionId: 'dxcon-1',
            location,
            directConnectGatewayId: 'a1b2c3d4-0000-4000-8000-000000000001',
            virtualInterfaceState: 'available',
          },
        ],
      }),
    },
  ];

  it('match the catalog whatever the case', () => {
    const result = importAws(vif('ecph1'));
    expect(result.estate.links[0]?.between).toEqual(['onprem-dxcon-1', 'dx:ECPH1']);
    expect(result.report.warnings).toContain(
      'dxvif-1: nothing learned from on-prem over it in the snapshot (no propagated routes): fill in its advertisedPrefixes with what on-prem advertises over BGP',
    );
  });

  it('an unknown one is reported with the nearest codes', () => {
    const result = importAws(vif('EqDC9'));
    expect(result.report.warnings.join('\n')).toMatch(/unknown DX location 'EqDC9' \(nearest codes: .*EqDC2/);
    expect(result.estate.links).toEqual([]);
  });
});
