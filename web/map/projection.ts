/**
 * The map's base projection: the whole world in Mercator across the drawing area at zoom 1. The
 * land is drawn once in it (at build time, see land.ts) and zoomed with an SVG transform; the
 * markers are projected at the current zoom.
 */
import { type GeoProjection, geoMercator } from 'd3-geo';
import { MAP_HEIGHT, MAP_WIDTH } from './layout.js';

export const BASE_SCALE = MAP_WIDTH / (2 * Math.PI);

/** Mercator with the world's width across the map, centred on (0, 0). */
export function baseProjection(): GeoProjection {
  return geoMercator()
    .scale(BASE_SCALE)
    .translate([MAP_WIDTH / 2, MAP_HEIGHT / 2]);
}
