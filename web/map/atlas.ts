/**
 * The world, bundled: Natural Earth country shapes at 1:50 million from world-atlas (TopoJSON),
 * so the page needs no tile server. Fine enough to zoom to a metro and still see the coast.
 */
import type { FeatureCollection, MultiLineString } from 'geojson';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import countries from 'world-atlas/countries-50m.json';

type Atlas = Topology<{ countries: GeometryCollection; land: GeometryCollection }>;

let shapes: { land: FeatureCollection; borders: MultiLineString } | undefined;

/** The land and the borders between countries, as GeoJSON (computed once). */
export function landShapes(): { land: FeatureCollection; borders: MultiLineString } {
  if (!shapes) {
    const atlas = countries as Atlas;
    shapes = {
      land: feature(atlas, atlas.objects.land),
      borders: mesh(atlas, atlas.objects.countries, (a, b) => a !== b),
    };
  }
  return shapes;
}
