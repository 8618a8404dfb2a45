/**
 * Backbone and internet links between the places of a physical graph, routed over hubs and cables.
 * Hub tables are solved once per set of parameters; each place's access hubs once per position. The
 * default parameters' tables and the catalog positions' access hubs come from the build, when it
 * made them (`precomputed.ts`).
 */
import {
  DEFAULT_LATENCY_PARAMETERS,
  type LatencyParameters,
  type Place,
  type RoutedClassParameters,
} from '../catalog/index.js';
import {
  ACCESS_HUBS,
  bestHubRoute,
  type HubAccess,
  type HubTable,
  hubAccess,
  hubAccessCosts,
  hubsAlong,
  hubTopology,
  type RoutedClass,
  solveHubTable,
  storedHubTable,
} from './hubs.js';
import { precomputed } from './precomputed.js';

/** A routed link's RTT and the hubs it passes (ids, in order). */
export interface RoutedLink {
  readonly rttMs: number;
  readonly hubs: readonly string[];
}

/** What a routed link is made of: its RTT is linear in the class parameters given these. */
export interface RoutedLinkParts {
  /** Great-circle km over land between hubs, over sea, and of the two access legs. */
  readonly landKm: number;
  readonly seaKm: number;
  readonly accessKm: number;
  /** The part that does not scale with distance or with the per-link cost: hubs passed, hub access and the routes' own costs. */
  readonly hubCostMs: number;
}

/** The routed classes between the places of one graph. */
export interface RoutedLinks {
  /** RTT of the best route of a class between places i and j. */
  rttMs(cls: RoutedClass, i: number, j: number): number;
  /** The same, with the hubs it passes. */
  route(cls: RoutedClass, i: number, j: number): RoutedLink;
  /** The parts of that route (for fitting). */
  parts(cls: RoutedClass, i: number, j: number): RoutedLinkParts;
}

interface CompiledClass {
  readonly table: HubTable;
  readonly accessCosts: Float64Array;
  readonly parameters: RoutedClassParameters;
}

const compiled = new WeakMap<RoutedClassParameters, CompiledClass>();

function compile(cls: RoutedClass, parameters: RoutedClassParameters): CompiledClass {
  const cached = compiled.get(parameters);
  if (cached) return cached;
  const topology = hubTopology(cls);
  // The default parameters' tables were solved by the build, when it ran (see precomputed.ts).
  const stored =
    parameters === DEFAULT_LATENCY_PARAMETERS.classes[cls] ? precomputed(ACCESS_HUBS)?.[cls] : undefined;
  const result = {
    table: stored ? storedHubTable(topology, parameters, stored) : solveHubTable(topology, parameters),
    accessCosts: hubAccessCosts(topology, parameters),
    parameters,
  };
  compiled.set(parameters, result);
  return result;
}

/** Access hubs by position; every class shares the same exchange hubs. Bounded. */
const accessByPosition = new Map<string, HubAccess>();
const ACCESS_CACHE_LIMIT = 20_000;

function accessOf(place: Place): HubAccess {
  const key = `${place.lat},${place.lon}`;
  let access = accessByPosition.get(key) ?? storedAccessAt(place.lat, place.lon);
  if (!access) {
    if (accessByPosition.size >= ACCESS_CACHE_LIMIT) accessByPosition.clear();
    access = hubAccess(hubTopology('internet'), place);
    accessByPosition.set(key, access);
  }
  return access;
}

/** The stored positions' indices by latitude (a Map's keys compare as the position's text did). */
let storedByLat: Map<number, number[]> | undefined;

/**
 * The access hubs the build found for a catalog position (see precomputed.ts), the last stored
 * for it; undefined for another position, or without the file. Indexed by number rather than by
 * `lat,lon` text: a cold start of `footprint latency` spent milliseconds writing every stored
 * position's numbers as text to look up two (issue 19).
 */
export function storedAccessAt(lat: number, lon: number): HubAccess | undefined {
  const contents = precomputed(ACCESS_HUBS);
  if (!contents) return undefined;
  const { positions, accessHubs, accessKm } = contents;
  if (!storedByLat) {
    storedByLat = new Map();
    for (let p = 0; p < positions.length / 2; p++) {
      const at = storedByLat.get(positions[2 * p] as number);
      if (at) at.push(p);
      else storedByLat.set(positions[2 * p] as number, [p]);
    }
  }
  const candidates = storedByLat.get(lat) ?? [];
  for (let c = candidates.length - 1; c >= 0; c--) {
    const p = candidates[c] as number;
    const storedLon = positions[2 * p + 1] as number;
    // SameValueZero, as the text did: 0 and -0 are one, NaN is NaN.
    if (storedLon === lon || (Number.isNaN(storedLon) && Number.isNaN(lon)))
      return {
        hubs: accessHubs.subarray(p * ACCESS_HUBS, (p + 1) * ACCESS_HUBS),
        km: accessKm.subarray(p * ACCESS_HUBS, (p + 1) * ACCESS_HUBS),
      };
  }
  return undefined;
}

/** Routed links between `places` under `parameters`. */
export function routedLinks(places: readonly Place[], parameters: LatencyParameters): RoutedLinks {
  const classes = {
    backbone: compile('backbone', parameters.classes.backbone),
    internet: compile('internet', parameters.classes.internet),
  };
  const access: (HubAccess | undefined)[] = new Array(places.length);
  const at = (i: number) => {
    let a = access[i];
    if (!a) {
      a = accessOf(places[i] as Place);
      access[i] = a;
    }
    return a;
  };
  const best = (cls: RoutedClass, i: number, j: number) => {
    const c = classes[cls];
    return { c, route: bestHubRoute(c.table, c.accessCosts, c.parameters, at(i), at(j)) };
  };
  return {
    rttMs: (cls, i, j) => best(cls, i, j).route.rttMs,
    route: (cls, i, j) => {
      const { c, route } = best(cls, i, j);
      return { rttMs: route.rttMs, hubs: hubsAlong(c.table, route.fromHub, route.toHub) };
    },
    parts: (cls, i, j) => {
      const { c, route } = best(cls, i, j);
      const cell = route.fromHub * c.table.size + route.toHub;
      return {
        landKm: c.table.landKm[cell] as number,
        seaKm: c.table.seaKm[cell] as number,
        accessKm: route.accessKm,
        hubCostMs:
          c.parameters.hubMs * (c.table.exchangeCount[cell] as number) +
          (c.table.routeMs[cell] as number) +
          (c.accessCosts[route.fromHub] as number) +
          (c.accessCosts[route.toHub] as number),
      };
    },
  };
}
