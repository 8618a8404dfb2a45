/**
 * Computes what `precomputed.bin` holds (see `precomputed.ts`), with the same functions a process
 * without the file runs: `scripts/build-latency.mjs` writes {@link precomputedFileBytes} into
 * dist/latency/ after the build has compiled this module.
 */
import { HUB_ROUTES, HUBS, type Hub } from '../catalog/data/hubs.js';
import { catalogPlaces, DEFAULT_LATENCY_PARAMETERS } from '../catalog/index.js';
import { distanceKm } from '../geo/index.js';
import { catalogLinks } from './graph.js';
import { ACCESS_HUBS, hubAccess, hubTopology, type RoutedClass, solveHubTable } from './hubs.js';
import { encodePrecomputed, type Precomputed, type StoredHubTable } from './precomputed.js';

function storedTable(cls: RoutedClass): StoredHubTable {
  const table = solveHubTable(hubTopology(cls), DEFAULT_LATENCY_PARAMETERS.classes[cls]);
  return { rttMs: table.rttMs, next: table.next, via: table.via };
}

/** The contents, computed: every catalog position once, in catalog order. */
export function computePrecomputed(): Precomputed {
  const hubIndex = new Map(HUBS.map((h, i) => [h.id, i]));
  const hubAt = (id: string) => HUBS[hubIndex.get(id) as number] as Hub;
  const routeKm = Float64Array.from(HUB_ROUTES, (r) => distanceKm(hubAt(r.between[0]), hubAt(r.between[1])));
  const seen = new Set<string>();
  const points: { lat: number; lon: number }[] = [];
  for (const place of catalogPlaces()) {
    const key = `${place.lat},${place.lon}`;
    if (seen.has(key)) continue;
    seen.add(key);
    points.push({ lat: place.lat, lon: place.lon });
  }
  const topology = hubTopology('internet');
  const positions = new Float64Array(points.length * 2);
  const accessHubs = new Int32Array(points.length * ACCESS_HUBS).fill(-1);
  const accessKm = new Float64Array(points.length * ACCESS_HUBS).fill(Number.NaN);
  points.forEach((point, p) => {
    positions[2 * p] = point.lat;
    positions[2 * p + 1] = point.lon;
    const access = hubAccess(topology, point);
    if (access.hubs.length !== ACCESS_HUBS) throw new Error('fewer exchange hubs than access hubs per place');
    accessHubs.set(access.hubs, p * ACCESS_HUBS);
    accessKm.set(access.km, p * ACCESS_HUBS);
  });
  return {
    routeKm,
    backbone: storedTable('backbone'),
    internet: storedTable('internet'),
    positions,
    accessHubs,
    accessKm,
    accessCount: ACCESS_HUBS,
    catalogLinks: catalogLinks(DEFAULT_LATENCY_PARAMETERS),
  };
}

/**
 * The bytes of `precomputed.bin`. Run it where no older file is read (the build removes it first),
 * or the route lengths would be the old file's.
 */
export function precomputedFileBytes(): Uint8Array {
  return encodePrecomputed(computePrecomputed());
}
