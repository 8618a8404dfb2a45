/**
 * Geodesy: coordinates, distances on the WGS84 ellipsoid, and the speed of light in fiber.
 * The lowest layer: imports nothing from the rest of Footprint.
 */
import geodesic from 'geographiclib-geodesic';

/** A point on Earth in decimal degrees (WGS84). */
export interface Coordinates {
  readonly lat: number;
  readonly lon: number;
}

/** Speed of light in vacuum, km per ms. */
export const LIGHT_KM_PER_MS = 299_792.458 / 1000;
/** Group index of standard single-mode fiber (~1.468 at 1550 nm). */
export const FIBER_GROUP_INDEX = 1.468;
/** Light in fiber, km per ms one way (~204 km/ms). */
export const FIBER_KM_PER_MS = LIGHT_KM_PER_MS / FIBER_GROUP_INDEX;

const WGS84 = geodesic.Geodesic.WGS84;

/**
 * Geodesic distance on the WGS84 ellipsoid, in km.
 * @example distanceKm({ lat: 33.45, lon: -112.07 }, { lat: 45.84, lon: -119.7 }) // ≈ 1521.8
 */
export function distanceKm(a: Coordinates, b: Coordinates): number {
  if (a.lat === b.lat && a.lon === b.lon) return 0;
  const meters = WGS84.Inverse(a.lat, a.lon, b.lat, b.lon, geodesic.Geodesic.DISTANCE).s12;
  if (meters === undefined) throw new Error('geodesic inverse returned no distance');
  return meters / 1000;
}

/** Mean Earth radius (IUGG), km. */
const EARTH_RADIUS_KM = 6371.0088;

/**
 * Great-circle distance on a sphere (haversine), in km: within 0.5 % of {@link distanceKm} and much
 * cheaper; for ranking, not for figures.
 * @example sphericalDistanceKm({ lat: 0, lon: 0 }, { lat: 0, lon: 1 }) // ≈ 111.2
 */
export function sphericalDistanceKm(a: Coordinates, b: Coordinates): number {
  const toRad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * toRad;
  const dLon = (b.lon - a.lon) * toRad;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * toRad) * Math.cos(b.lat * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Round-trip time of light over `km` of fiber laid exactly along the geodesic: the physical floor.
 * @example fiberFloorRttMs(1000) // ≈ 9.79
 */
export function fiberFloorRttMs(km: number): number {
  return (2 * km) / FIBER_KM_PER_MS;
}

/** True when lat is in [-90, 90] and lon in [-180, 180] and both are finite. */
export function isValidCoordinates(lat: number, lon: number): boolean {
  return Number.isFinite(lat) && Number.isFinite(lon) && Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
}

const LAT_LON = /^\s*(?:geo:)?\s*([-+]?\d+(?:\.\d+)?)\s*,\s*([-+]?\d+(?:\.\d+)?)\s*$/i;

/** True when the text has the shape of `lat,lon` (or an RFC 5870 `geo:lat,lon` URI), in range or not. */
export function looksLikeLatLon(text: string): boolean {
  return LAT_LON.test(text);
}

/**
 * Parses `lat,lon` or `geo:lat,lon` (RFC 5870). Returns undefined when the text is not of that shape
 * or the numbers are out of range.
 * @example parseLatLon('-33.87,151.21') // { lat: -33.87, lon: 151.21 }
 */
export function parseLatLon(text: string): Coordinates | undefined {
  const match = LAT_LON.exec(text);
  if (!match) return undefined;
  const lat = Number(match[1]);
  const lon = Number(match[2]);
  return isValidCoordinates(lat, lon) ? { lat, lon } : undefined;
}

/** `lat,lon` with at most 4 decimals (about 10 m), the form Footprint prints. */
export function formatLatLon(point: Coordinates): string {
  return `${roundTo(point.lat, 4)},${roundTo(point.lon, 4)}`;
}

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}
