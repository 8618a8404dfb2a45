/**
 * `npm run refresh:catalog`: the fixture outputs of test/fixtures/aws-catalog (two regions; their
 * zone ids, parent zone ids, new zones and DX changes are fixture values, not facts) applied to a
 * copy of the catalog's data files in a temporary folder, never to the repository's own.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runRefreshCatalog } from '../scripts/refresh-catalog.js';
import { DX_LOCATIONS } from '../src/catalog/data/dx-locations.js';
import { LOCAL_ZONES } from '../src/catalog/data/local-zones.js';
import type { DxLocation, LocalZone, LocalZoneOffering, Region } from '../src/catalog/index.js';

const FIXTURES = 'test/fixtures/aws-catalog';
const DATA_FILES = [
  'partitions.ts',
  'regions.ts',
  'local-zones.ts',
  'local-zone-offerings.ts',
  'dx-locations.ts',
  'metros.ts',
];
const root = mkdtempSync(join(tmpdir(), 'footprint-refresh-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let copies = 0;
/** A fresh copy of the repository's data files. */
function dataCopy(): string {
  const dir = join(root, `data-${copies++}`);
  mkdirSync(dir);
  for (const f of DATA_FILES) copyFileSync(join('src/catalog/data', f), join(dir, f));
  return dir;
}

async function refresh(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runRefreshCatalog(argv, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
  });
  return { code, stdout, stderr };
}

async function load<T>(dir: string, file: string, name: string): Promise<T> {
  const module = (await import(`${pathToFileURL(join(dir, file)).href}?v=${copies}`)) as Record<string, T>;
  return module[name] as T;
}

describe('refresh:catalog on fixture outputs', async () => {
  const dir = dataCopy();
  const before = Object.fromEntries(DATA_FILES.map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
  const run = await refresh(FIXTURES, '--data', dir, '--as-of', '2026-12-05');
  const zones = await load<LocalZone[]>(dir, 'local-zones.ts', 'LOCAL_ZONES');
  const zone = (name: string) => zones.find((z) => z.name === name);

  it('prints what changed, data set by data set', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    expect(lines[0]).toBe(
      'read 7 files: 2 of zones, 2 of instance-type offerings, 1 of DX locations, 2 of botocore partition data',
    );
    for (const line of [
      'partitions: 0 added, 0 removed, 0 changed, 5 skipped',
      "  ! aws-cn: not in botocore's data: kept",
      '  ~ eusc-de-east-1: name: EU (Germany) -> AWS European Sovereign Cloud (Germany)',
      '  ! us-iso-east-1: in aws-iso (US ISO East): add it by hand (city, metro, coordinates, AZ ids)',
      "  ! us-east-1: not in botocore's data for aws: kept",
      '  ~ ap-south-1: azIds: aps1-az1 aps1-az2 aps1-az3 -> aps1-az1 aps1-az2 aps1-az3 aps1-az4',
      'local-zones: 1 added, 1 removed, 13 changed, 1 skipped',
      '  ~ us-west-2-phx-2a: zoneId: (none) -> usw2-phx2-az1; parentAzId: (none) -> usw2-az4',
      '  ~ us-west-2-las-1b: zoneId: (none) -> usw2-las1-az2; parentAzId: (none) -> usw2-az1',
      '  + us-west-2-den-2a: zone id usw2-den2-az1, parent usw2-az3, Denver, Colorado (metro of us-west-2-den-1a)',
      '  - us-west-2-sea-1a: not listed by aws ec2 describe-availability-zones --all-availability-zones in us-west-2',
      '  ! ap-south-1-zzz-1a: its metro is not known (Asia Pacific (Atlantis) 1): add it by hand',
      'local-zone-offerings: 1 added, 1 removed, 1 changed, 0 skipped',
      '  ~ us-west-2-phx-2a: instanceFamilies: c5d g4dn p5e r5d t3 -> c6i g4dn m6i r6i t3; partial: true -> false; asOf: 2023-07-25 -> 2026-12-05',
      '  + us-west-2-las-1b: c6i t3 (services: none known)',
      'dx-locations: 0 added, 1 removed, 1 changed, 1 skipped',
      '  ~ DBLV1: facility: DataBank LAS1 -> DataBank LAS1, Las Vegas, NV',
      '  - TPS19: not listed by aws directconnect describe-locations in us-west-2',
      '  ! FIXT1: Fixture Colo 1, Tucson, AZ (us-west-2): no coordinates in the outputs, add it by hand',
    ]) {
      expect(lines).toContain(line);
    }
  });

  it('rewrites the covered Local Zones with zone ids and parent zone ids, and adds and removes zones', () => {
    expect(zone('us-west-2-phx-2a')).toMatchObject({ zoneId: 'usw2-phx2-az1', parentAzId: 'usw2-az4' });
    expect(zone('us-west-2-den-2a')).toEqual({
      name: 'us-west-2-den-2a',
      zoneId: 'usw2-den2-az1',
      parentRegion: 'us-west-2',
      parentAzId: 'usw2-az3',
      networkBorderGroup: 'us-west-2-den-2',
      generation: 2,
      city: 'Denver, Colorado',
      metro: 'metro:denver',
      country: 'US',
      lat: 39.74,
      lon: -104.99,
      source: 'aws ec2 describe-availability-zones --all-availability-zones --region us-west-2',
      asOf: '2026-12-05',
    });
    // A zone the outputs list is dated and sourced by them; its documentation source is replaced.
    expect(zone('us-west-2-las-1b')).toMatchObject({ parentAzId: 'usw2-az1', asOf: '2026-12-05' });
    expect(zone('us-west-2-las-1b')?.source).toMatch(/^aws ec2 describe-availability-zones/);
    expect(zone('us-west-2-sea-1a')).toBeUndefined();
    expect(zone('ap-south-1-zzz-1a')).toBeUndefined();
    expect(zones.map((z) => z.name)).toEqual([...zones.map((z) => z.name)].sort());
  });

  it('leaves the zones of regions the outputs do not cover as they are', () => {
    const untouched = (z: LocalZone) => !['us-west-2', 'ap-south-1'].includes(z.parentRegion);
    expect(zones.filter(untouched)).toEqual(LOCAL_ZONES.filter(untouched));
    expect(zone('us-east-1-bos-1a')?.parentAzId).toBe('use1-az4');
  });

  it('rewrites AZ ids, offerings and DX locations, and dates what it read', async () => {
    const regions = await load<Region[]>(dir, 'regions.ts', 'REGIONS');
    expect(regions.find((r) => r.code === 'ap-south-1')?.azIds).toEqual([
      'aps1-az1',
      'aps1-az2',
      'aps1-az3',
      'aps1-az4',
    ]);
    expect(regions.find((r) => r.code === 'us-west-2')?.azIds).toEqual([
      'usw2-az1',
      'usw2-az2',
      'usw2-az3',
      'usw2-az4',
    ]);
    const offerings = await load<LocalZoneOffering[]>(dir, 'local-zone-offerings.ts', 'LOCAL_ZONE_OFFERINGS');
    expect(offerings.find((o) => o.zone === 'us-west-2-phx-2a')).toMatchObject({
      instanceFamilies: ['c6i', 'g4dn', 'm6i', 'r6i', 't3'],
      partial: false,
      asOf: '2026-12-05',
    });
    expect(offerings.find((o) => o.zone === 'us-west-2-lax-1a')?.asOf).toBe('2023-07-25');
    const dx = await load<DxLocation[]>(dir, 'dx-locations.ts', 'DX_LOCATIONS');
    expect(dx.length).toBe(DX_LOCATIONS.length - 1);
    expect(dx.find((d) => d.code === 'DBLV1')?.facility).toBe('DataBank LAS1, Las Vegas, NV');
    const source = await load<{ asOf: string; source: string }>(dir, 'local-zones.ts', 'LOCAL_ZONES_SOURCE');
    expect(source.asOf).toBe('2026-12-05');
    expect(source.source).toMatch(
      /^aws ec2 describe-availability-zones --all-availability-zones for ap-south-1, us-west-2, 2026-12-05; other entries as before: AWS documentation read 2026-12-05/,
    );
    expect(readFileSync(join(dir, 'metros.ts'), 'utf8')).toBe(before['metros.ts']);
    // botocore's partition data (test/fixtures/aws-catalog/botocore: a few partitions of the real files)
    const partitions = await load<{ id: string; name: string; dnsSuffix: string }[]>(
      dir,
      'partitions.ts',
      'PARTITIONS',
    );
    expect(partitions.map((p) => p.id)).toEqual([
      'aws',
      'aws-cn',
      'aws-eusc',
      'aws-iso',
      'aws-iso-b',
      'aws-iso-e',
      'aws-iso-f',
      'aws-us-gov',
    ]);
    expect(partitions.find((p) => p.id === 'aws-iso')).toEqual({
      id: 'aws-iso',
      name: 'AWS ISO (US)',
      dnsSuffix: 'c2s.ic.gov',
    });
    expect(regions.find((r) => r.code === 'eusc-de-east-1')).toMatchObject({
      partition: 'aws-eusc',
      name: 'AWS European Sovereign Cloud (Germany)',
    });
    const regionsSource = await load<{ source: string }>(dir, 'regions.ts', 'REGIONS_SOURCE');
    expect(regionsSource.source).toMatch(
      /^botocore's data\/partitions\.json and data\/endpoints\.json for aws, aws-eusc, aws-iso; aws ec2 describe-availability-zones --all-availability-zones for ap-south-1, us-west-2, 2026-12-05; other entries as before: /,
    );
  });

  it('writes files biome leaves as they are', () => {
    for (const f of DATA_FILES) {
      const text = readFileSync(join(dir, f), 'utf8');
      const formatted = spawnSync(
        'node_modules/.bin/biome',
        ['format', `--stdin-file-path=src/catalog/data/${f}`],
        {
          input: text,
          encoding: 'utf8',
        },
      );
      expect(formatted.stdout, f).toBe(text);
    }
  });

  it('finds nothing to change on a second run', async () => {
    const again = await refresh(FIXTURES, '--data', dir, '--as-of', '2026-12-05');
    expect(again.stdout).toContain('local-zones: 0 added, 0 removed, 0 changed, 1 skipped');
    expect(again.stdout).toMatch(/\nregions: 0 added, 0 removed, 0 changed, \d+ skipped\n/);
    expect(again.stdout).toContain('partitions: 0 added, 0 removed, 0 changed, 5 skipped');
    expect(again.stdout.trimEnd().split('\n').at(-1)).toBe('no data file changed');
  });
});

describe('refresh:catalog options and bad input', () => {
  it('--dry-run prints the report and writes nothing', async () => {
    const dir = dataCopy();
    const before = readFileSync(join(dir, 'local-zones.ts'), 'utf8');
    const run = await refresh(FIXTURES, '--data', dir, '--as-of', '2026-12-05', '--dry-run');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('local-zones: 1 added, 1 removed, 13 changed, 1 skipped');
    expect(run.stdout.trimEnd().split('\n').at(-1)).toBe('dry run: nothing written');
    expect(readFileSync(join(dir, 'local-zones.ts'), 'utf8')).toBe(before);
  });

  it('--out writes every data file there and leaves --data as it is', async () => {
    const dir = dataCopy();
    const out = join(root, 'out');
    const before = readFileSync(join(dir, 'dx-locations.ts'), 'utf8');
    const run = await refresh(FIXTURES, '--data', dir, '--out', out, '--as-of', '2026-12-05');
    expect(run.code).toBe(0);
    expect(readFileSync(join(dir, 'dx-locations.ts'), 'utf8')).toBe(before);
    expect(readFileSync(join(out, 'dx-locations.ts'), 'utf8')).toContain(
      "facility: 'DataBank LAS1, Las Vegas, NV'",
    );
  });

  const bad = (name: string, text: string): string => {
    const dir = join(root, `bad-${name}`);
    mkdirSync(dir);
    writeFileSync(join(dir, `${name}.json`), text);
    return dir;
  };

  it.each([
    ['not-json', '{"AvailabilityZones": [', 'not JSON'],
    [
      'wrong-shape',
      '{"AvailabilityZones": [{"ZoneName": "us-west-2a", "RegionName": "us-west-2"}]}',
      'not the shape of `aws ec2 describe-availability-zones --all-availability-zones`: AvailabilityZones.0.ZoneId',
    ],
    [
      'locations-wrong-shape',
      '{"locations": [{"locationCode": "EqDC2", "locationName": 7, "region": "us-east-1"}]}',
      'not the shape of `aws directconnect describe-locations`: locations.0.locationName',
    ],
    [
      'botocore-wrong-shape',
      '{"partitions": [{"partitionName": "AWS Standard", "regions": {}}], "version": 3}',
      "not the shape of `botocore's data/partitions.json or data/endpoints.json`: partitions.0.id",
    ],
    ['other-output', '{"Vpcs": []}', 'not an AWS CLI output the catalog refresh reads (top-level keys Vpcs)'],
  ])('%s: a clear error naming the file, exit 2', async (name, text, message) => {
    const dir = bad(name, text);
    const data = dataCopy();
    const before = readFileSync(join(data, 'regions.ts'), 'utf8');
    const run = await refresh(dir, '--data', data, '--as-of', '2026-12-05');
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`error[FP_BAD_JSON]: ${join(dir, `${name}.json`)}: ${message}`);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(join(data, 'regions.ts'), 'utf8')).toBe(before);
  });

  it('usage errors', async () => {
    expect((await refresh()).stderr).toContain('error[FP_USAGE]: expected one folder of AWS CLI outputs');
    expect((await refresh('no/such/dir')).stderr).toContain(
      'error[FP_FILE_NOT_FOUND]: no/such/dir: no such folder',
    );
    const missing = await refresh(FIXTURES, '--data', join(root, 'none'), '--dry-run');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      `error[FP_FILE_NOT_FOUND]: ${join(root, 'none', 'partitions.ts')}: no such catalog data file`,
    );
    const run = await refresh(FIXTURES, '--as-of', 'today', '--dry-run');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--as-of today: expected a date, YYYY-MM-DD');
  });
});
