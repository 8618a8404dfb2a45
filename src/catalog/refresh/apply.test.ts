import { describe, expect, it } from 'vitest';
import type { LocalZone, Region } from '../types.js';
import { type RefreshableCatalog, refreshCatalog, renderCatalogChanges } from './apply.js';
import type { AwsZone, BotocorePartition, CatalogOutputs } from './outputs.js';

// Made-up catalog and outputs: the ids are test values, not facts.
const source = (data: string) => ({ data, asOf: '2026-01-01', source: 'hand' });
const region = (code: string, azIds: string[]): Region => ({
  code,
  partition: 'aws',
  name: code,
  city: 'c',
  metro: 'metro:x',
  country: 'US',
  lat: 0,
  lon: 0,
  azIds,
  optIn: false,
});
const zone = (name: string, parentRegion: string): LocalZone => ({
  name,
  parentRegion,
  networkBorderGroup: name.slice(0, -1),
  city: 'c',
  metro: 'metro:x',
  country: 'US',
  lat: 0,
  lon: 0,
});
const catalog: RefreshableCatalog = {
  partitions: [{ id: 'aws', name: 'AWS Standard', dnsSuffix: 'amazonaws.com' }],
  partitionsSource: source('partitions'),
  regions: [region('us-west-2', ['usw2-az1', 'usw2-az2']), region('us-east-1', ['use1-az1'])],
  regionsSource: source('regions'),
  localZones: [zone('us-east-1-bos-1a', 'us-east-1'), zone('us-west-2-lax-1a', 'us-west-2')],
  localZonesSource: source('local-zones'),
  offerings: [],
  offeringsSource: source('local-zone-offerings'),
  dxLocations: [],
  dxLocationsSource: source('dx-locations'),
  metros: [],
};
const az = (RegionName: string, ZoneName: string, ZoneId: string): AwsZone => ({
  RegionName,
  ZoneName,
  ZoneId,
  ZoneType: 'availability-zone',
});
const outputs = (zones: AwsZone[], partitions: BotocorePartition[] = []): CatalogOutputs => ({
  zones,
  offerings: [],
  dxLocations: [],
  partitions,
  files: { zones: 1, offerings: 0, dxLocations: 0, partitions: partitions.length > 0 ? 1 : 0 },
});

describe('refreshCatalog', () => {
  it('keeps the Local Zones of a region whose output lists none (no --all-availability-zones)', () => {
    const { catalog: next, changes } = refreshCatalog(
      catalog,
      outputs([az('us-east-1', 'us-east-1a', 'use1-az1'), az('us-east-1', 'us-east-1b', 'use1-az2')]),
      '2026-12-05',
    );
    expect(next.localZones).toEqual(catalog.localZones);
    expect(next.regions.map((r) => r.azIds)).toEqual([
      ['usw2-az1', 'usw2-az2'],
      ['use1-az1', 'use1-az2'],
    ]);
    expect(renderCatalogChanges(changes)).toBe(
      [
        'partitions: 0 added, 0 removed, 0 changed, 0 skipped',
        'regions: 0 added, 0 removed, 1 changed, 0 skipped',
        '  ~ us-east-1: azIds: use1-az1 -> use1-az1 use1-az2',
        'local-zones: 0 added, 0 removed, 0 changed, 1 skipped',
        '  ! us-east-1-bos-1a: kept: no Local Zone of us-east-1 is listed (was --all-availability-zones left out?)',
        'local-zone-offerings: 0 added, 0 removed, 0 changed, 0 skipped',
        'dx-locations: 0 added, 0 removed, 0 changed, 0 skipped',
        '',
      ].join('\n'),
    );
    expect(next.regionsSource).toEqual({
      data: 'regions',
      asOf: '2026-12-05',
      source:
        'aws ec2 describe-availability-zones --all-availability-zones for us-east-1, 2026-12-05; other entries as before: hand (as of 2026-01-01)',
    });
    expect(next.localZonesSource.asOf).toBe('2026-12-05');
  });

  it('changes nothing, sources included, when the outputs cover nothing', () => {
    const { catalog: next, changes } = refreshCatalog(catalog, outputs([]), '2026-12-05');
    expect(changes).toEqual([]);
    expect(next).toEqual(catalog);
  });

  it('reports a region the catalog does not hold, and does not add it', () => {
    const { catalog: next, changes } = refreshCatalog(
      catalog,
      outputs([az('xx-test-1', 'xx-test-1a', 'xxt1-az1')]),
      '2026-12-05',
    );
    expect(next.regions).toEqual(catalog.regions);
    expect(changes).toEqual([
      {
        data: 'regions',
        kind: 'skipped',
        id: 'xx-test-1',
        detail: 'not in the catalog: add it by hand (name, city, metro, coordinates, partition)',
      },
    ]);
  });

  it("takes partitions and regions' partitions and names from botocore's data, merged across its two files", () => {
    // The shapes of partitions.json (no name) and endpoints.json (partitionName), made-up values.
    const fromPartitionsJson: BotocorePartition = {
      id: 'aws',
      dnsSuffix: 'amazonaws.com',
      regions: { 'aws-global': 'aws global region', 'us-west-2': 'US West (Oregon)' },
    };
    const fromEndpointsJson: BotocorePartition[] = [
      {
        id: 'aws',
        name: 'AWS Standard',
        dnsSuffix: 'amazonaws.com',
        regions: { 'us-east-1': 'US East (N. Virginia)' },
      },
      {
        id: 'aws-iso',
        name: 'AWS ISO (US)',
        dnsSuffix: 'c2s.ic.gov',
        regions: { 'us-iso-east-1': 'US ISO East' },
      },
    ];
    const { catalog: next, changes } = refreshCatalog(
      catalog,
      outputs([], [fromPartitionsJson, ...fromEndpointsJson]),
      '2026-12-05',
    );
    expect(next.partitions).toEqual([
      { id: 'aws', name: 'AWS Standard', dnsSuffix: 'amazonaws.com' },
      { id: 'aws-iso', name: 'AWS ISO (US)', dnsSuffix: 'c2s.ic.gov' },
    ]);
    expect(next.regions.map((r) => [r.code, r.name])).toEqual([
      ['us-west-2', 'US West (Oregon)'],
      ['us-east-1', 'US East (N. Virginia)'],
    ]);
    expect(renderCatalogChanges(changes).split('\n').slice(0, 6)).toEqual([
      'partitions: 1 added, 0 removed, 0 changed, 0 skipped',
      '  + aws-iso: AWS ISO (US), c2s.ic.gov, 1 regions',
      'regions: 0 added, 0 removed, 2 changed, 1 skipped',
      '  ~ us-east-1: name: us-east-1 -> US East (N. Virginia)',
      '  ! us-iso-east-1: in aws-iso (US ISO East): add it by hand (city, metro, coordinates, AZ ids)',
      '  ~ us-west-2: name: us-west-2 -> US West (Oregon)',
    ]);
    expect(next.partitionsSource.source).toBe(
      "botocore's data/partitions.json and data/endpoints.json for aws, aws-iso, 2026-12-05; other entries as before: hand (as of 2026-01-01)",
    );
    expect(next.regionsSource.source).toMatch(
      /^botocore's data\/partitions\.json and data\/endpoints\.json for aws, aws-iso, 2026-12-05;/,
    );
    // A second refresh with the same data changes nothing.
    const again = refreshCatalog(next, outputs([], [fromPartitionsJson, ...fromEndpointsJson]), '2026-12-05');
    expect(again.changes.filter((c) => c.kind !== 'skipped')).toEqual([]);
    expect(again.catalog).toEqual(next);
  });

  it('keeps and reports a partition botocore does not list', () => {
    const only = { id: 'aws-cn', dnsSuffix: 'amazonaws.com.cn', regions: {} };
    const { catalog: next, changes } = refreshCatalog(catalog, outputs([], [only]), '2026-12-05');
    expect(next.partitions.map((p) => p.id)).toEqual(['aws', 'aws-cn']);
    expect(changes).toContainEqual({
      data: 'partitions',
      kind: 'skipped',
      id: 'aws',
      detail: "not in botocore's data: kept",
    });
  });
});
