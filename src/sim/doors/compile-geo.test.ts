/**
 * What compile-geo.ts lays out for Route 53's geographic answers: interned codes that match between
 * records and endpoints, geodesic distances to geoproximity records, and the notes of what cannot be
 * modelled (IP-based addresses, geolocation subdivisions).
 */
import { describe, expect, it } from 'vitest';
import { catalogPlace, continentOf, type Place } from '../../catalog/index.js';
import type { Estate, Route53Record, Route53RecordSet } from '../../model/index.js';
import { buildGeo, recordGeo, recordSetNotes } from './compile-geo.js';
import { GEO_CONTINENT, GEO_COUNTRY, GEO_DEFAULT, GEO_SUBDIVISION } from './model.js';

const estate = { sites: [] } as unknown as Estate;

function record(fields: Partial<Route53Record>): Route53Record {
  return {
    alias: false,
    evaluateTargetHealth: false,
    ttlS: 60,
    bias: 0,
    path: [],
    ...fields,
  } as Route53Record;
}

function set(policy: Route53RecordSet['policy'], records: Route53Record[]): Route53RecordSet {
  return { kind: 'route53', id: 'www', name: 'www', policy, cidrCollection: new Map(), records, path: [] };
}

const place = (id: string) => ({ id, place: catalogPlace(id) as Place });

describe('compiling geographic Route 53 records', () => {
  it('maps countries to Route 53 continents', () => {
    expect(continentOf('FR')).toBe('EU');
    expect(continentOf('jp')).toBe('AS');
    expect(continentOf('BR')).toBe('SA');
    expect(continentOf('XX')).toBeUndefined();
  });

  it('gives endpoints the codes of the records that name their country and continent', () => {
    const edges = [
      recordGeo(record({ geolocation: 'default' }), 'geolocation', estate),
      recordGeo(record({ geolocation: { continent: 'EU' } }), 'geolocation', estate),
      recordGeo(record({ geolocation: { country: 'FR' } }), 'geolocation', estate),
      recordGeo(record({ geolocation: { country: 'US', subdivision: 'WA' } }), 'geolocation', estate),
    ];
    expect(edges.map((e) => e.level)).toEqual([GEO_DEFAULT, GEO_CONTINENT, GEO_COUNTRY, GEO_SUBDIVISION]);
    const geo = buildGeo(edges, [place('metro:paris'), place('metro:frankfurt'), place('metro:tokyo')]);
    expect(geo?.country[0]).toBe(geo?.code[2]);
    expect(geo?.continent[0]).toBe(geo?.code[1]);
    expect(geo?.country[1]).toBe(-1); // no record names Germany
    expect(geo?.continent[1]).toBe(geo?.code[1]);
    expect([geo?.country[2], geo?.continent[2]]).toEqual([-1, -1]);
    expect(geo?.subdivision[0]).toBe(-1);
  });

  it('measures each endpoint to each geoproximity record, and has nothing for a graph without geography', () => {
    const edges = [
      recordGeo(record({ region: 'eu-west-1' }), 'geoproximity', estate),
      recordGeo(record({ coordinates: { lat: 0, lon: 0 }, bias: 30 }), 'geoproximity', estate),
    ];
    const geo = buildGeo(edges, [place('metro:london')]);
    expect(geo?.slots).toBe(2);
    expect(geo?.bias[1]).toBe(30);
    expect(geo?.km[0]).toBeGreaterThan(400);
    expect(geo?.km[0]).toBeLessThan(500); // London to Dublin
    expect(
      buildGeo([recordGeo(record({ weight: 1 }), 'weighted', estate)], [place('metro:london')]),
    ).toBeUndefined();
  });

  it('notes what cannot be modelled: IP-based addresses, geolocation subdivisions', () => {
    expect(recordSetNotes(set('ip-based', [record({ cidrLocation: '*' })]))).toEqual([
      "ip-based record set www answers with its default location: users' addresses are not modelled",
    ]);
    const geo = set('geolocation', [record({ geolocation: { country: 'US', subdivision: 'WA' } })]);
    expect(recordSetNotes(geo)[0]).toContain('subdivision records (US-WA) match no users');
    expect(recordSetNotes(set('weighted', [record({ weight: 1 })]))).toEqual([]);
  });
});
