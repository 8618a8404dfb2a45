/**
 * Traces of imported estates, through the library: the paths the issue names for the acceptance
 * snapshot, before and after its placeholder is filled in, and across accounts and regions.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importAws, type SnapshotFile } from '../src/import/index.js';
import { parseEstate } from '../src/model/index.js';
import { traceRoute } from '../src/network/index.js';

function folder(name: string): SnapshotFile[] {
  const root = join('test/fixtures/aws', name);
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

const hybrid = importAws(folder('hybrid'), { name: 'hybrid' });
const SUBNET = {
  phxApp: 'subnet-0aa0000000000a101',
  coreApp: 'subnet-0aa0000000000a301',
};
const SITE = 'onprem-dxcon-fg0a0001';

describe('traces of the imported acceptance snapshot', () => {
  it('traces: a Local Zone subnet reaches on-prem over its own VIF without touching the TGW', () => {
    const t = traceRoute(hybrid.estate, SUBNET.phxApp, SITE);
    expect(t.hops.map((h) => h.kind)).toEqual([
      'subnet',
      'virtual-private-gateway',
      'dx-gateway',
      'virtual-interface',
    ]);
    expect(t.hops.at(-1)).toMatchObject({ element: 'dxvif-fg0a0001', place: 'dx:ECPH1' });
    expect(t.hops.some((h) => h.kind === 'transit-gateway')).toBe(false);
    expect(t.findings.map((f) => `${f.severity} ${f.code} ${f.element}`)).toEqual([
      `warning placeholder ${SITE}`,
    ]);
  });

  it('traces: a region subnet reaches on-prem through the TGW and the transit VIF', () => {
    const t = traceRoute(hybrid.estate, SUBNET.coreApp, SITE);
    expect(t.hops.map((h) => h.element)).toEqual([
      SUBNET.coreApp,
      'tgw-0ff0000000000f001',
      'tgw-attach-0110000000000d001',
      'a1b2c3d4-0000-4000-8000-00000000f001',
      'dxvif-fg0c0001',
    ]);
    expect(t.hops.at(-1)?.place).toBe('dx:ECPO1');
  });

  it("traces: a Local Zone subnet's default route to the TGW goes to the region", () => {
    const t = traceRoute(hybrid.estate, SUBNET.phxApp, SUBNET.coreApp);
    expect(t.reachable).toBe(true);
    expect(t.hops.map((h) => `${h.kind}@${h.place}`)).toEqual([
      'subnet@us-west-2-phx-2a',
      'transit-gateway@us-west-2',
      'tgw-attachment@us-west-2',
      'subnet@usw2-az1',
    ]);
    expect(t.hops[1]?.action).toBe('route 0.0.0.0/0 -> tgw-0ff0000000000f001');
    // Phoenix to Oregon and back: about the DC-to-Oregon trip of the seed (30-40 ms).
    expect(t.rttMs).toBeGreaterThan(25);
    expect(t.rttMs).toBeLessThan(40);
  });

  it('once the placeholder is filled in (in a file that extends the import), the traces reach on-prem', () => {
    const read = (path: string) =>
      path === 'imported.yaml'
        ? hybrid.yaml
        : `extends: imported.yaml\nsites:\n  ${SITE}: { placeholder: null, metro: metro:phoenix }\n`;
    const filled = parseEstate(read('mine.yaml'), 'mine.yaml', read);
    const lz = traceRoute(filled, SUBNET.phxApp, SITE);
    expect(lz.reachable).toBe(true);
    expect(lz.rttMs).toBeLessThan(2); // seed 000: "sub 2 millisecond" over the Phoenix DX
    const region = traceRoute(filled, SUBNET.coreApp, SITE);
    expect(region.reachable).toBe(true);
    expect(region.rttMs).toBeGreaterThan(30); // seed 000: 30-40 ms to Oregon over DX
    expect(region.rttMs).toBeLessThan(40);
  });
});

describe('traces of an import of several accounts and regions', () => {
  const multi = importAws(folder('multi'));
  it('traces across regions and accounts over a VPC peering', () => {
    const t = traceRoute(multi.estate, 'subnet-0b0000000000b0101', 'subnet-0c0000000000c0101');
    expect(t.reachable).toBe(true);
    expect(t.hops.map((h) => h.element)).toContain('pcx-0bc0000000000bc01');
    expect(t.rttMs).toBeGreaterThan(50); // California to Virginia
  });
});
