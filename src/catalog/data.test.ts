/**
 * Integrity of the embedded catalog data: unique ids, references that resolve, places near their
 * metros, valid coordinates, one offering per Local Zone, and spot checks of facts the seeds rely on.
 */
import { describe, expect, it } from 'vitest';
import { distanceKm, isValidCoordinates } from '../geo/index.js';
import { compareCodePoints } from './catalog-index.js';
import { DX_LOCATIONS } from './data/dx-locations.js';
import { LOCAL_ZONE_OFFERINGS } from './data/local-zone-offerings.js';
import { LOCAL_ZONES } from './data/local-zones.js';
import { METROS } from './data/metros.js';
import { PARTITIONS } from './data/partitions.js';
import { REGIONS } from './data/regions.js';
import type { Metro, Region } from './types.js';

const MAX_METRO_KM = 150;

const regionsByCode = new Map(REGIONS.map((r) => [r.code, r]));
const metrosById = new Map(METROS.map((m) => [m.id, m]));

function region(code: string): Region {
  const found = regionsByCode.get(code);
  if (!found) throw new Error(`no region ${code}`);
  return found;
}

function metro(id: string): Metro {
  const found = metrosById.get(id as Metro['id']);
  if (!found) throw new Error(`no metro ${id}`);
  return found;
}

function hasAtMostFourDecimals(x: number): boolean {
  return Math.abs(Math.round(x * 1e4) / 1e4 - x) < 1e-9;
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const id of ids) (seen.has(id) ? dup : seen).add(id);
  return [...dup];
}

function isSorted(ids: readonly string[]): boolean {
  return ids.every((id, i) => i === 0 || (ids[i - 1] as string) < id);
}

/** Commercial regions, their AZ id prefix and the AZ count range from aws-facts.md. */
const COMMERCIAL: ReadonlyArray<readonly [code: string, prefix: string, minAzs: number, maxAzs: number]> = [
  ['us-east-1', 'use1', 6, 6],
  ['us-east-2', 'use2', 3, 3],
  ['us-west-1', 'usw1', 2, 3],
  ['us-west-2', 'usw2', 4, 4],
  ['ca-central-1', 'cac1', 3, 3],
  ['ca-west-1', 'caw1', 3, 3],
  ['mx-central-1', 'mxc1', 3, 3],
  ['sa-east-1', 'sae1', 3, 3],
  ['eu-west-1', 'euw1', 3, 3],
  ['eu-west-2', 'euw2', 3, 3],
  ['eu-west-3', 'euw3', 3, 3],
  ['eu-central-1', 'euc1', 3, 3],
  ['eu-central-2', 'euc2', 3, 3],
  ['eu-north-1', 'eun1', 3, 3],
  ['eu-south-1', 'eus1', 3, 3],
  ['eu-south-2', 'eus2', 3, 3],
  ['il-central-1', 'ilc1', 3, 3],
  ['me-south-1', 'mes1', 3, 3],
  ['me-central-1', 'mec1', 3, 3],
  ['af-south-1', 'afs1', 3, 3],
  ['ap-south-1', 'aps1', 3, 3],
  ['ap-south-2', 'aps2', 3, 3],
  ['ap-east-1', 'ape1', 3, 3],
  ['ap-east-2', 'ape2', 3, 3],
  ['ap-northeast-1', 'apne1', 3, 4],
  ['ap-northeast-2', 'apne2', 4, 4],
  ['ap-northeast-3', 'apne3', 3, 3],
  ['ap-southeast-1', 'apse1', 3, 3],
  ['ap-southeast-2', 'apse2', 3, 3],
  ['ap-southeast-3', 'apse3', 3, 3],
  ['ap-southeast-4', 'apse4', 3, 3],
  ['ap-southeast-5', 'apse5', 3, 3],
  ['ap-southeast-6', 'apse6', 3, 3],
  ['ap-southeast-7', 'apse7', 3, 3],
];

describe('catalog data: ids', () => {
  it('every array is sorted by id', () => {
    expect(isSorted(PARTITIONS.map((p) => p.id))).toBe(true);
    expect(isSorted(REGIONS.map((r) => r.code))).toBe(true);
    expect(isSorted(LOCAL_ZONES.map((z) => z.name))).toBe(true);
    expect(isSorted(DX_LOCATIONS.map((d) => d.code.toLowerCase()))).toBe(true);
    expect(isSorted(LOCAL_ZONE_OFFERINGS.map((o) => o.zone))).toBe(true);
    expect(isSorted(METROS.map((m) => m.id))).toBe(true);
  });

  it('ids are unique within and across kinds (case-insensitively)', () => {
    const kinds = {
      partition: PARTITIONS.map((p) => p.id),
      region: REGIONS.map((r) => r.code),
      az: REGIONS.flatMap((r) => r.azIds),
      localZone: LOCAL_ZONES.map((z) => z.name),
      dx: DX_LOCATIONS.map((d) => `dx:${d.code}`),
      metro: METROS.map((m) => m.id),
    };
    for (const [kind, ids] of Object.entries(kinds)) {
      expect(duplicates(ids.map((id) => id.toLowerCase())), kind).toEqual([]);
    }
    const places = [...kinds.region, ...kinds.az, ...kinds.localZone, ...kinds.dx, ...kinds.metro];
    expect(duplicates(places.map((id) => id.toLowerCase()))).toEqual([]);
  });

  it('ids have their documented shapes', () => {
    for (const r of REGIONS) expect(r.code).toMatch(/^[a-z]{2,4}(-[a-z]+)+-\d$/);
    for (const z of LOCAL_ZONES) expect(z.name).toMatch(/^[a-z]{2}-[a-z]+-\d-[a-z]{3}-\d[a-z]$/);
    for (const d of DX_LOCATIONS) expect(d.code).toMatch(/^[A-Za-z0-9-]+$/);
    for (const m of METROS) expect(m.id).toMatch(/^metro:[a-z0-9]+(-[a-z0-9]+)*$/);
  });
});

describe('catalog data: partitions and regions', () => {
  it("has botocore's partitions with their DNS suffixes", () => {
    expect(Object.fromEntries(PARTITIONS.map((p) => [p.id, p.dnsSuffix]))).toEqual({
      aws: 'amazonaws.com',
      'aws-cn': 'amazonaws.com.cn',
      'aws-eusc': 'amazonaws.eu',
      'aws-iso': 'c2s.ic.gov',
      'aws-iso-b': 'sc2s.sgov.gov',
      'aws-iso-e': 'cloud.adc-e.uk',
      'aws-iso-f': 'csp.hci.ic.gov',
      'aws-us-gov': 'amazonaws.com',
    });
  });

  it('every region is in a known partition and has AZ ids of its own', () => {
    const partitions = new Set(PARTITIONS.map((p) => p.id));
    for (const r of REGIONS) {
      expect(partitions.has(r.partition), r.code).toBe(true);
      expect(r.azIds.length, r.code).toBeGreaterThanOrEqual(2);
      const prefix = r.azIds[0]?.replace(/-az\d+$/, '');
      for (const az of r.azIds) expect(az, r.code).toMatch(new RegExp(`^${prefix}-az\\d+$`));
      expect(r.country, r.code).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('has all 34 commercial regions with the AZ ids and counts of aws-facts.md', () => {
    expect(REGIONS.filter((r) => r.partition === 'aws').map((r) => r.code)).toHaveLength(COMMERCIAL.length);
    for (const [code, prefix, min, max] of COMMERCIAL) {
      const r = region(code);
      expect(r.partition, code).toBe('aws');
      expect(r.azIds.length, code).toBeGreaterThanOrEqual(min);
      expect(r.azIds.length, code).toBeLessThanOrEqual(max);
      for (const az of r.azIds) expect(az.startsWith(`${prefix}-az`), az).toBe(true);
    }
  });

  it('knows the AZ ids that skip numbers', () => {
    expect(region('us-west-1').azIds).toEqual(['usw1-az1', 'usw1-az3']);
    expect(region('ap-northeast-1').azIds).toEqual(['apne1-az1', 'apne1-az2', 'apne1-az4']);
    expect(region('ca-central-1').azIds).toEqual(['cac1-az1', 'cac1-az2', 'cac1-az4']);
    expect(region('us-east-1').azIds).toHaveLength(6);
  });

  it('has the other partitions’ regions', () => {
    expect(region('cn-north-1').partition).toBe('aws-cn');
    expect(region('cn-northwest-1').partition).toBe('aws-cn');
    expect(region('us-gov-west-1').partition).toBe('aws-us-gov');
    expect(region('us-gov-east-1').partition).toBe('aws-us-gov');
    expect(region('eusc-de-east-1').partition).toBe('aws-eusc');
  });

  it('marks regions launched after March 2019 as opt-in', () => {
    for (const code of [
      'af-south-1',
      'ap-east-1',
      'me-south-1',
      'eu-south-1',
      'ap-southeast-7',
      'mx-central-1',
    ]) {
      expect(region(code).optIn, code).toBe(true);
    }
    for (const code of ['us-east-1', 'us-west-2', 'eu-north-1', 'ap-northeast-3']) {
      expect(region(code).optIn, code).toBe(false);
    }
  });

  it('puts us-west-2 in Boardman, Oregon', () => {
    const oregon = region('us-west-2');
    expect(oregon.name).toBe('US West (Oregon)');
    expect(oregon.metro).toBe('metro:boardman');
    expect(metro('metro:boardman').population).toBeLessThan(10_000);
  });
});

describe('catalog data: Local Zones', () => {
  it('zone names are lowercase letters, digits and hyphens, which code points order as localeCompare does', () => {
    // listLocalZones sorts them by code point (compareCodePoints), for a faster start.
    const names = LOCAL_ZONES.map((z) => z.name);
    for (const name of names) expect(name).toMatch(/^[a-z0-9-]+$/);
    const keys = [...names, ...names.map((n) => n.replace(/-\d+[a-z]$/, ''))];
    expect([...keys].sort(compareCodePoints)).toEqual([...keys].sort((a, b) => a.localeCompare(b)));
  });

  it('has every Local Zone AWS documents, first and second generations side by side', () => {
    expect(LOCAL_ZONES).toHaveLength(50);
    const names = new Set(LOCAL_ZONES.map((z) => z.name));
    const documented = [
      ...['us-west-2-lax-1a', 'us-west-2-lax-1b', 'us-east-1-qro-1a', 'us-west-2-phx-2a'],
      // issue 20: the zones opened in 2026, the first generation beside the second, and new second zones
      ...['eu-central-1-ist-1a', 'eu-central-1-ath-1a', 'ap-southeast-1-han-1a'],
      ...['us-east-1-atl-1a', 'us-east-1-chi-1a', 'us-east-1-dfw-1a', 'us-east-1-iah-1a', 'us-east-1-mia-1a'],
      ...[
        'us-east-1-nyc-1a',
        'us-west-2-phx-1a',
        'us-west-2-las-1b',
        'ap-south-1-ccu-2a',
        'ap-south-1-del-2a',
      ],
      ...['us-east-2-mci-1a', 'us-east-2-mci-1b'],
    ];
    for (const name of documented) expect(names.has(name), name).toBe(true);
  });

  it('every entry names its source and date; the generation is the group number of its name', () => {
    for (const z of LOCAL_ZONES) {
      expect(z.source, z.name).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
      expect(z.asOf, z.name).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(z.generation, z.name).toBe(Number(/-(\d+)[a-z]$/.exec(z.name)?.[1]));
    }
    const byName = new Map(LOCAL_ZONES.map((z) => [z.name, z]));
    // Read from AWS's table: the first Atlanta zone's parent differs from the second's.
    expect(byName.get('us-east-1-atl-1a')?.parentAzId).toBe('use1-az4');
    expect(byName.get('us-east-1-atl-2a')?.parentAzId).toBe('use1-az5');
    expect(byName.get('us-east-1-chi-1a')?.zoneId).toBe('use1-chi1-az1');
    // Not read: unknown, not invented.
    expect(byName.get('eu-central-1-ist-1a')?.parentAzId).toBeUndefined();
    expect(byName.get('eu-central-1-ist-1a')?.metro).toBe('metro:istanbul');
    expect(byName.get('us-east-2-mci-1b')?.metro).toBe('metro:kansas-city');
  });

  it('every Local Zone has an existing parent region and, when set, one of its AZs as parent', () => {
    for (const z of LOCAL_ZONES) {
      const parent = region(z.parentRegion);
      expect(z.name.startsWith(`${z.parentRegion}-`), z.name).toBe(true);
      if (z.parentAzId !== undefined) expect(parent.azIds, z.name).toContain(z.parentAzId);
    }
  });

  it("parent zone ids are AZ ids of the parent region; zone ids follow AWS's pattern", () => {
    const withParent = LOCAL_ZONES.filter((z) => z.parentAzId !== undefined);
    // Read from AWS's Available Local Zones table (2026-12-05): 7 of 50; the rest unknown.
    expect(withParent.length).toBe(7);
    for (const z of withParent) expect(region(z.parentRegion).azIds, z.name).toContain(z.parentAzId);
    for (const z of LOCAL_ZONES) {
      if (z.zoneId === undefined) continue;
      // usw2-phx2-az1: the parent region's AZ-id prefix, the city code and group number, az + letter index.
      const prefix = region(z.parentRegion).azIds[0]?.split('-az')[0];
      const [, city, group, letter] = /-([a-z]+)-(\d+)([a-z])$/.exec(z.name) ?? [];
      expect(z.zoneId, z.name).toMatch(/^[a-z]+\d-[a-z]+\d+-az\d+$/);
      expect(z.zoneId, z.name).toBe(`${prefix}-${city}${group}-az${(letter ?? 'a').charCodeAt(0) - 96}`);
      expect(z.parentAzId, z.name).toBeDefined();
    }
  });

  it('network border group is the zone name minus its trailing letter', () => {
    for (const z of LOCAL_ZONES) {
      expect(z.name).toMatch(/[a-z]$/);
      expect(z.networkBorderGroup).toBe(z.name.slice(0, -1));
    }
  });
});

describe('catalog data: Direct Connect locations', () => {
  it('every DX location is associated with an existing region', () => {
    for (const d of DX_LOCATIONS) expect(regionsByCode.has(d.region), d.code).toBe(true);
  });

  it('has the seed’s DX locations in the right metros', () => {
    const byCode = new Map(DX_LOCATIONS.map((d) => [d.code.toLowerCase(), d]));
    expect(byCode.get('ecph1')?.metro).toBe('metro:phoenix');
    expect(byCode.get('ecpo1')?.metro).toBe('metro:portland');
    expect(byCode.get('csow')?.metro).toBe('metro:los-angeles');
    expect(byCode.get('eqdc2')?.metro).toBe('metro:washington');
    expect(byCode.get('eqdc2')?.code).toBe('EqDC2');
  });

  it('facility coordinates are rounded to 4 decimals', () => {
    for (const d of DX_LOCATIONS) {
      expect(hasAtMostFourDecimals(d.lat) && hasAtMostFourDecimals(d.lon), d.code).toBe(true);
    }
  });
});

describe('catalog data: places and metros', () => {
  const placed = [
    ...REGIONS.map((r) => ({ id: r.code, metro: r.metro, lat: r.lat, lon: r.lon, country: r.country })),
    ...LOCAL_ZONES.map((z) => ({ id: z.name, metro: z.metro, lat: z.lat, lon: z.lon, country: z.country })),
    ...DX_LOCATIONS.map((d) => ({
      id: `dx:${d.code}`,
      metro: d.metro,
      lat: d.lat,
      lon: d.lon,
      country: d.country,
    })),
  ];

  it('coordinates are valid everywhere', () => {
    for (const p of [...placed, ...METROS]) expect(isValidCoordinates(p.lat, p.lon), p.id).toBe(true);
  });

  it('every metro reference resolves to a metro within 150 km', () => {
    for (const p of placed) {
      const m = metro(p.metro);
      expect(distanceKm(p, m), `${p.id} -> ${p.metro}`).toBeLessThanOrEqual(MAX_METRO_KM);
    }
  });

  it('a place and its metro are in the same country', () => {
    for (const p of placed) expect(metro(p.metro).country, p.id).toBe(p.country);
  });

  it('metros have names, integer populations and coordinates of at most 4 decimals', () => {
    for (const m of METROS) {
      expect(m.name.length, m.id).toBeGreaterThan(0);
      expect(Number.isInteger(m.population) && m.population > 0, m.id).toBe(true);
      expect(hasAtMostFourDecimals(m.lat) && hasAtMostFourDecimals(m.lon), m.id).toBe(true);
      expect(m.country, m.id).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('covers the world’s largest agglomerations', () => {
    expect(METROS.length).toBeGreaterThanOrEqual(200);
    expect(METROS.filter((m) => m.population >= 2_000_000).length).toBeGreaterThanOrEqual(200);
    const megacities = ['tokyo', 'delhi', 'shanghai', 'sao-paulo', 'mexico-city', 'cairo', 'mumbai'];
    for (const slug of [...megacities, 'beijing', 'dhaka', 'osaka']) {
      expect(metro(`metro:${slug}`).population, slug).toBeGreaterThan(15_000_000);
    }
    const largest = [...METROS].sort((a, b) => b.population - a.population);
    expect(largest[0]?.id).toBe('metro:tokyo');
    const large = [
      'new-york',
      'karachi',
      'istanbul',
      'buenos-aires',
      'kolkata',
      'lagos',
      'kinshasa',
      'manila',
      'rio-de-janeiro',
      'moscow',
      'los-angeles',
      'bengaluru',
      'paris',
      'jakarta',
      'lima',
      'bangkok',
      'seoul',
      'london',
      'tehran',
      'chicago',
      'ho-chi-minh-city',
      'kuala-lumpur',
      'hong-kong',
      'riyadh',
      'madrid',
      'toronto',
      'singapore',
      'johannesburg',
      'sydney',
      'nairobi',
      'berlin',
      'washington',
    ];
    for (const slug of large) expect(metrosById.has(`metro:${slug}`), slug).toBe(true);
  });

  it('disambiguates metros that share a name', () => {
    expect(metro('metro:hyderabad').country).toBe('IN');
    expect(metro('metro:hyderabad-pk').country).toBe('PK');
    expect(metro('metro:portland').lat).toBeGreaterThan(45);
  });
});

describe('catalog data: Local Zone offerings', () => {
  it('every Local Zone has at most one offering and every offering names a Local Zone', () => {
    const zones = new Set(LOCAL_ZONES.map((z) => z.name));
    expect(duplicates(LOCAL_ZONE_OFFERINGS.map((o) => o.zone))).toEqual([]);
    for (const o of LOCAL_ZONE_OFFERINGS) expect(zones.has(o.zone), o.zone).toBe(true);
    // The zones opened since the 2023 record have none: their families are not known, not guessed.
    const without = [...zones].filter((z) => !LOCAL_ZONE_OFFERINGS.some((o) => o.zone === z));
    expect(without.sort()).toEqual([
      'ap-south-1-ccu-2a',
      'ap-south-1-del-2a',
      'ap-southeast-1-han-1a',
      'eu-central-1-ath-1a',
      'eu-central-1-ist-1a',
      'us-east-2-mci-1a',
      'us-east-2-mci-1b',
      'us-west-2-las-1b',
    ]);
  });

  it('offerings are non-empty and dated', () => {
    for (const o of LOCAL_ZONE_OFFERINGS) {
      expect(o.instanceFamilies.length, o.zone).toBeGreaterThan(0);
      expect(o.services, o.zone).toContain('ec2');
      expect(o.asOf, o.zone).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('us-west-2-phx-2a takes the 2023 record of us-west-2-phx-1a and is partial', () => {
    const phoenix = LOCAL_ZONE_OFFERINGS.find((o) => o.zone === 'us-west-2-phx-2a');
    expect(phoenix?.partial).toBe(true);
    expect(phoenix?.instanceFamilies).toEqual(expect.arrayContaining(['c5d', 'g4dn', 'r5d', 't3']));
    expect(phoenix?.note).toContain('us-west-2-phx-1a');
  });
});
