import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DX_LOCATIONS, DX_LOCATIONS_SOURCE } from '../data/dx-locations.js';
import { LOCAL_ZONE_OFFERINGS, LOCAL_ZONE_OFFERINGS_SOURCE } from '../data/local-zone-offerings.js';
import { LOCAL_ZONES, LOCAL_ZONES_SOURCE } from '../data/local-zones.js';
import { REGIONS, REGIONS_SOURCE } from '../data/regions.js';
import { dataFileSource, headerOf } from './emit.js';

describe('dataFileSource', () => {
  // A refresh rewrites these four files: written from their own data, they must come out byte for
  // byte as committed, or a refresh would reformat entries it did not change.
  it.each([
    ['regions', 'Region', 'REGIONS', REGIONS_SOURCE, REGIONS],
    ['local-zones', 'LocalZone', 'LOCAL_ZONES', LOCAL_ZONES_SOURCE, LOCAL_ZONES],
    [
      'local-zone-offerings',
      'LocalZoneOffering',
      'LOCAL_ZONE_OFFERINGS',
      LOCAL_ZONE_OFFERINGS_SOURCE,
      LOCAL_ZONE_OFFERINGS,
    ],
    ['dx-locations', 'DxLocation', 'DX_LOCATIONS', DX_LOCATIONS_SOURCE, DX_LOCATIONS],
  ] as const)('writes %s.ts as committed', (file, typeName, listConst, source, entries) => {
    const text = readFileSync(new URL(`../data/${file}.ts`, import.meta.url), 'utf8');
    const layout = { header: headerOf(text), typeName, sourceConst: `${listConst}_SOURCE`, listConst };
    expect(dataFileSource(layout, source, entries)).toBe(text);
  });

  it('breaks lines as biome does', () => {
    const layout = { header: '', typeName: 'T', sourceConst: 'S', listConst: 'L' };
    const long = 'x'.repeat(100);
    const text = dataFileSource(layout, { data: 'd', asOf: '2026-01-01', source: "it's" }, [
      { note: long, longer: long, list: Array.from({ length: 20 }, (_, i) => `family-${i}`) },
    ]);
    expect(text).toContain(`source: "it's",`);
    expect(text).toContain(`    note: '${long}',\n`);
    expect(text).toContain(`    longer:\n      '${long}',\n`);
    expect(text).toContain(`    list: [\n      'family-0',\n`);
  });
});
