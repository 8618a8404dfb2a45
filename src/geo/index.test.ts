import { describe, expect, it } from 'vitest';
import {
  distanceKm,
  FIBER_KM_PER_MS,
  fiberFloorRttMs,
  formatLatLon,
  looksLikeLatLon,
  parseLatLon,
} from './index.js';

describe('distanceKm', () => {
  it('matches known geodesic distances on WGS84', () => {
    // London to New York: 5585 km on the ellipsoid (GeographicLib reference ~5585.2 km).
    expect(distanceKm({ lat: 51.5074, lon: -0.1278 }, { lat: 40.7128, lon: -74.006 })).toBeCloseTo(5585, -1);
    // One degree of latitude at the equator is 110.57 km on WGS84.
    expect(distanceKm({ lat: 0, lon: 0 }, { lat: 1, lon: 0 })).toBeCloseTo(110.57, 1);
    expect(distanceKm({ lat: 10, lon: 10 }, { lat: 10, lon: 10 })).toBe(0);
  });

  it('is symmetric', () => {
    const a = { lat: 33.45, lon: -112.07 };
    const b = { lat: -33.87, lon: 151.21 };
    expect(distanceKm(a, b)).toBeCloseTo(distanceKm(b, a), 6);
  });
});

describe('fiber', () => {
  it('light in fiber covers about 200 km per ms one way: ~1 ms RTT per 100 km', () => {
    expect(FIBER_KM_PER_MS).toBeGreaterThan(200);
    expect(FIBER_KM_PER_MS).toBeLessThan(210);
    expect(fiberFloorRttMs(100)).toBeCloseTo(0.98, 2);
  });
});

describe('parseLatLon', () => {
  it('parses plain, signed and geo: forms', () => {
    expect(parseLatLon('51.51,-0.13')).toEqual({ lat: 51.51, lon: -0.13 });
    expect(parseLatLon('-33.87, 151.21')).toEqual({ lat: -33.87, lon: 151.21 });
    expect(parseLatLon('geo:40.71,-74.01')).toEqual({ lat: 40.71, lon: -74.01 });
  });

  it('rejects out-of-range and malformed input', () => {
    expect(parseLatLon('91,0')).toBeUndefined();
    expect(parseLatLon('0,181')).toBeUndefined();
    expect(parseLatLon('us-east-1')).toBeUndefined();
    expect(parseLatLon('1,2,3')).toBeUndefined();
    expect(looksLikeLatLon('91,0')).toBe(true);
  });

  it('formats with at most four decimals', () => {
    expect(formatLatLon({ lat: 33.448376, lon: -112.074036 })).toBe('33.4484,-112.074');
  });
});
