import { describe, expect, it } from 'vitest';
import { distanceKm, isValidCoordinates } from '../geo/index.js';
import { HUB_ROUTES, HUBS } from './data/hubs.js';

describe('the hub and cable data', () => {
  const ids = new Set(HUBS.map((h) => h.id));

  it('is compact: dozens of hubs, not hundreds', () => {
    expect(HUBS.length).toBeGreaterThan(40);
    expect(HUBS.length).toBeLessThan(150);
  });

  it('has unique ids, valid coordinates and country codes', () => {
    expect(ids.size).toBe(HUBS.length);
    for (const h of HUBS) {
      expect(h.id).toMatch(/^[a-z]+(-[a-z]+)*$/);
      expect(isValidCoordinates(h.lat, h.lon)).toBe(true);
      expect(h.country).toMatch(/^[A-Z]{2}$/);
    }
  });

  it('joins known hubs, each route once, with its cables or corridor named', () => {
    const seen = new Set<string>();
    for (const r of HUB_ROUTES) {
      for (const end of r.between) expect(ids.has(end), `${end} in ${r.between.join('-')}`).toBe(true);
      expect(r.between[0]).not.toBe(r.between[1]);
      const key = [...r.between].sort().join('|');
      expect(seen.has(key), `route ${key} listed twice`).toBe(false);
      seen.add(key);
      expect(r.name.length).toBeGreaterThan(3);
    }
  });

  it('names a year for every submarine cable segment', () => {
    for (const r of HUB_ROUTES.filter((x) => x.medium === 'sea' && !/cables \(/.test(x.name)))
      expect(r.name, r.between.join('-')).toMatch(/\(\d{4}\)/);
  });

  it('is one connected graph, for the internet and for the backbone', () => {
    for (const backbone of [false, true]) {
      const routes = HUB_ROUTES.filter((r) => !backbone || r.backbone !== false);
      const reached = new Set([HUBS[0]?.id]);
      for (let changed = true; changed; ) {
        changed = false;
        for (const r of routes) {
          const [a, b] = r.between;
          if (reached.has(a) !== reached.has(b)) {
            reached.add(a);
            reached.add(b);
            changed = true;
          }
        }
      }
      expect([...ids].filter((id) => !reached.has(id))).toEqual([]);
    }
  });

  it('lands cables at landing stations, which carry no traffic of their own', () => {
    for (const h of HUBS.filter((x) => x.kind === 'landing')) {
      const routes = HUB_ROUTES.filter((r) => r.between.includes(h.id));
      expect(
        routes.some((r) => r.medium === 'sea'),
        h.id,
      ).toBe(true);
      expect(h.core).toBeUndefined();
    }
  });

  it('keeps terrestrial routes plausible: no land route across an ocean', () => {
    for (const r of HUB_ROUTES.filter((x) => x.medium === 'land')) {
      const [a, b] = r.between.map((id) => HUBS.find((h) => h.id === id)) as [
        (typeof HUBS)[0],
        (typeof HUBS)[0],
      ];
      expect(distanceKm(a, b), r.between.join('-')).toBeLessThan(7000);
    }
  });
});
