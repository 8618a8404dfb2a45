import { drawMap } from '../map/map.js';
import { defineView } from '../view.js';

/** The world map of the estate: places, users, links, and every route the other views give. */
export const mapView = defineView({
  id: 'map',
  title: 'Map',
  needs: 'places',
  slot: 'map',
  render: (_places, page) => drawMap(page),
});
