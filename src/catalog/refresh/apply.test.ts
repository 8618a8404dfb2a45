import { describe, expect, it } from 'vitest';
import type { LocalZone, Region } from '../types.js';
import { type RefreshableCatalog, refreshCatalog, renderCatalogChanges } from './apply.js';
import type { AwsZone, CatalogOutputs } from './outputs.js';

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
const outputs = (zones: AwsZone[]): CatalogOutputs => ({
  zones,
  offerings: [],
  dxLocations: [],
  files: { zones: 1, offerings: 0, dxLocations: 0 },
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
});
