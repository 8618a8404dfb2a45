/**
 * Compiling what Route 53's geolocation, geoproximity and IP-based answers need (model.ts
 * `SimDoorGeo`): per record its geolocation level and interned code, its geoproximity bias and
 * location; per endpoint its country and continent (the catalog's country of the place, its
 * continent from catalog/continents.ts) and its geodesic distance to each geoproximity record's
 * location, so that a query allocates nothing and computes no distance.
 *
 * Metros carry no subdivision (state, province) in the catalog, so subdivision records match no
 * metro: their users get the country's record, else the continent's, else the default.
 */
import type { Endpoint } from '../../app/index.js';
import { continentOf, type Place } from '../../catalog/index.js';
import { type Coordinates, distanceKm } from '../../geo/index.js';
import {
  type Estate,
  findPlace,
  type Route53Policy,
  type Route53Record,
  type Route53RecordSet,
} from '../../model/index.js';
import {
  GEO_CONTINENT,
  GEO_COUNTRY,
  GEO_DEFAULT,
  GEO_NONE,
  GEO_SUBDIVISION,
  POLICY_FAILOVER,
  POLICY_GEOLOCATION,
  POLICY_GEOPROXIMITY,
  POLICY_IP_BASED,
  POLICY_LATENCY,
  POLICY_MULTIVALUE,
  POLICY_SIMPLE,
  POLICY_WEIGHTED,
  type SimDoorGeo,
} from './model.js';

/** A record's geographic data, before interning. */
export interface EdgeGeo {
  readonly level: number;
  /** The code at that level, namespaced (`ct:EU`, `cc:FR`, `sd:US-WA`); '' none. */
  readonly code: string;
  /** Geoproximity: where the record is (its region, Local Zone or coordinates). */
  readonly at?: Coordinates;
  readonly bias: number;
}

export const NO_GEO: EdgeGeo = { level: GEO_NONE, code: '', bias: 0 };

/** The engine's policy code of a Route 53 policy. */
export function policyOf(policy: Route53Policy): number {
  switch (policy) {
    case 'simple':
      return POLICY_SIMPLE;
    case 'failover':
      return POLICY_FAILOVER;
    case 'latency':
      return POLICY_LATENCY;
    case 'multivalue':
      return POLICY_MULTIVALUE;
    case 'geolocation':
      return POLICY_GEOLOCATION;
    case 'geoproximity':
      return POLICY_GEOPROXIMITY;
    case 'ip-based':
      return POLICY_IP_BASED;
    default:
      return POLICY_WEIGHTED;
  }
}

/**
 * What a record set's answers assume that the user should know of: an IP-based set answers with its
 * default location (users' addresses are not modelled); a geolocation set's subdivision records
 * match no users (metros carry no subdivision).
 */
export function recordSetNotes(set: Route53RecordSet): string[] {
  if (set.policy === 'ip-based')
    return [
      set.records.some((r) => r.cidrLocation === '*')
        ? `ip-based record set ${set.id} answers with its default location: users' addresses are not modelled`
        : `ip-based record set ${set.id} has no default location '*' and answers with its first record: users' addresses are not modelled`,
    ];
  const subdivisions = set.records.flatMap((r) =>
    r.geolocation && r.geolocation !== 'default' && r.geolocation.subdivision
      ? [`${r.geolocation.country}-${r.geolocation.subdivision}`]
      : [],
  );
  if (set.policy !== 'geolocation' || subdivisions.length === 0) return [];
  return [
    `geolocation record set ${set.id}: its subdivision records (${subdivisions.join(', ')}) match no users, as metros carry no subdivision: their users get the country's record`,
  ];
}

/** The geographic data of record `r` of a record set of `policy`. */
export function recordGeo(r: Route53Record, policy: Route53Policy, estate: Estate): EdgeGeo {
  if (policy === 'ip-based') return r.cidrLocation === '*' ? { ...NO_GEO, level: GEO_DEFAULT } : NO_GEO;
  if (policy === 'geoproximity') {
    const place: Coordinates | undefined =
      r.coordinates ?? (r.region ? findPlace(r.region, estate) : undefined);
    return {
      level: GEO_NONE,
      code: '',
      bias: r.bias,
      ...(place ? { at: { lat: place.lat, lon: place.lon } } : {}),
    };
  }
  if (policy !== 'geolocation' || !r.geolocation) return NO_GEO;
  const g = r.geolocation;
  if (g === 'default') return { ...NO_GEO, level: GEO_DEFAULT };
  if (g.country && g.subdivision)
    return { ...NO_GEO, level: GEO_SUBDIVISION, code: `sd:${g.country}-${g.subdivision}` };
  if (g.country) return { ...NO_GEO, level: GEO_COUNTRY, code: `cc:${g.country}` };
  if (g.continent) return { ...NO_GEO, level: GEO_CONTINENT, code: `ct:${g.continent}` };
  return NO_GEO;
}

/** Interns the records' codes and lays out the endpoints' codes and distances; undefined when no record is geographic. */
export function buildGeo(edges: readonly EdgeGeo[], endpoints: readonly Endpoint[]): SimDoorGeo | undefined {
  if (!edges.some((e) => e.level !== GEO_NONE || e.at)) return undefined;
  const codes = new Map<string, number>();
  const intern = (code: string): number => {
    if (code === '') return -1;
    let k = codes.get(code);
    if (k === undefined) {
      k = codes.size;
      codes.set(code, k);
    }
    return k;
  };
  const slot = new Int32Array(edges.length).fill(-1);
  const located: Coordinates[] = [];
  edges.forEach((e, i) => {
    if (!e.at) return;
    slot[i] = located.length;
    located.push(e.at);
  });
  const code = Int32Array.from(edges, (e) => intern(e.code));
  const countryOf = (p: Place): string | undefined => p.country?.toUpperCase();
  const km = new Float64Array(endpoints.length * located.length);
  endpoints.forEach((x, i) => {
    located.forEach((at, k) => {
      km[i * located.length + k] = distanceKm(x.place, at);
    });
  });
  return {
    level: Uint8Array.from(edges, (e) => e.level),
    code,
    bias: Float64Array.from(edges, (e) => e.bias),
    slot,
    subdivision: new Int32Array(endpoints.length).fill(-1),
    country: Int32Array.from(endpoints, (x) => {
      const c = countryOf(x.place);
      return c ? (codes.get(`cc:${c}`) ?? -1) : -1;
    }),
    continent: Int32Array.from(endpoints, (x) => {
      const c = countryOf(x.place);
      const continent = c ? continentOf(c) : undefined;
      return continent ? (codes.get(`ct:${continent}`) ?? -1) : -1;
    }),
    km,
    slots: located.length,
  };
}
