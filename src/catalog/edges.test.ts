import { describe, expect, it } from 'vitest';
import { distanceKm } from '../geo/index.js';
import {
  catalogPlace,
  catalogPlaces,
  getEdgeLocation,
  getMetro,
  getRegion,
  listEdgeLocations,
  nearestPlaces,
} from './index.js';

describe('edge locations', () => {
  it('cover more than 90 metros (AWS: "over 90 cities"), each a catalog metro of the same country', () => {
    const edges = listEdgeLocations();
    expect(edges.length).toBeGreaterThan(90);
    expect(new Set(edges.map((e) => e.metro)).size).toBe(edges.length);
    for (const edge of edges) {
      expect(edge.code, edge.code).toMatch(/^[A-Z]{3}$/);
      expect(getMetro(edge.metro)?.country, edge.code).toBe(edge.country);
    }
  });

  it('name regional edge caches by real regions, at most the 13 AWS counts', () => {
    const caches = listEdgeLocations().flatMap((e) => (e.regionalEdgeCache ? [e] : []));
    expect(caches.length).toBeLessThanOrEqual(13);
    for (const edge of caches) {
      const region = getRegion(edge.regionalEdgeCache as string);
      expect(region, edge.code).toBeDefined();
      // The cache sits in the region: its metro is the edge's, or near it (Oregon, N. Virginia).
      const metro = getMetro(edge.metro);
      expect(
        distanceKm(region as NonNullable<typeof region>, metro as NonNullable<typeof metro>),
      ).toBeLessThan(300);
    }
  });

  it('join the catalog as places at their metro, found by id in any case', () => {
    const phx = catalogPlace('edge:phx');
    expect(phx).toMatchObject({ id: 'edge:PHX', kind: 'edge-location', metro: 'metro:phoenix' });
    expect(phx?.lat).toBe(getMetro('phoenix')?.lat);
    expect(getEdgeLocation('PHX')?.globalAccelerator).toBe(true);
    expect(catalogPlaces(['edge-location'])).toHaveLength(listEdgeLocations().length);
  });

  it('the nearest edge to a user metro is in or near it', () => {
    const [nearest] = nearestPlaces(getMetro('metro:lyon') ?? { lat: 45.76, lon: 4.84 }, {
      kinds: ['edge-location'],
      limit: 1,
    });
    expect(['edge:MRS', 'edge:ZRH', 'edge:CDG']).toContain(nearest?.place.id);
  });
});
