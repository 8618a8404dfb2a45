/**
 * The map's drawing area (its width follows the page's, its height the width's ratio) and the
 * projection at a zoom: what the map and its overlay share.
 */
import { type GeoProjection, geoMercator } from 'd3-geo';
import { MAP_HEIGHT, MAP_WIDTH, type ZoomTransform } from './layout.js';
import { BASE_SCALE } from './projection.js';

/** The drawing area in map units (CSS pixels): set by the map as its container resizes. */
export const view = { width: MAP_WIDTH, height: MAP_HEIGHT };
export const PHONE_WIDTH = 600;

export function viewFor(width: number): { width: number; height: number } {
  const ratio = width < PHONE_WIDTH ? 1.1 : MAP_HEIGHT / MAP_WIDTH;
  return { width, height: Math.round(width * ratio) };
}

/** The base projection at zoom `t`, clipped just outside the drawing area. */
export function zoomed(t: ZoomTransform): GeoProjection {
  return geoMercator()
    .scale(BASE_SCALE * t.k)
    .translate([t.k * (MAP_WIDTH / 2) + t.x, t.k * (MAP_HEIGHT / 2) + t.y])
    .clipExtent([
      [-40, -40],
      [view.width + 40, view.height + 40],
    ]);
}
