/**
 * Hub routing: the AWS backbone and the public internet as paths over real hub cities and cable
 * routes (`catalog/data/hubs.ts`), rather than one inflation factor on the great circle.
 *
 * A place reaches the long-haul graph through an access leg to one of its nearest exchange hubs;
 * between hubs, traffic follows terrestrial and submarine routes, each stretched by the inflation
 * of its medium, and pays a cost at every exchange hub it passes. For one class and one set of
 * parameters, all pairs of hubs are solved once (Floyd-Warshall over a few dozen nodes); a query
 * between two places is then a small minimum over their access hubs.
 */
import { HUB_ROUTES, HUBS, type Hub } from '../catalog/data/hubs.js';
import type { RoutedClassParameters } from '../catalog/index.js';
import { type Coordinates, distanceKm, FIBER_KM_PER_MS, sphericalDistanceKm } from '../geo/index.js';
import { precomputed, type StoredHubTable } from './precomputed.js';

/** The classes routed over hubs. */
export type RoutedClass = 'backbone' | 'internet';

/**
 * How many of its nearest exchange hubs a place may enter the long-haul graph through. Two lets a
 * place between two hubs take the better side; more lets it reach across a border to a hub its
 * networks do not use (cross-validation on the city pings prefers two).
 */
export const ACCESS_HUBS = 2;

/** The static structure: hubs, and the routes one class may use. Independent of parameters. */
export interface HubTopology {
  readonly hubs: readonly Hub[];
  readonly indexOf: ReadonlyMap<string, number>;
  /** Indices of the exchange hubs (where places may enter). */
  readonly exchanges: readonly number[];
  /** 1 at exchange hubs, 0 at landing stations. */
  readonly isExchange: Uint8Array;
  readonly routes: readonly {
    /** `a~b` by hub ids, in the order the route is declared: the key of `routeMs`. */
    readonly id: string;
    readonly a: number;
    readonly b: number;
    readonly km: number;
    readonly sea: boolean;
  }[];
  /** Index into `routes` of the route between hubs i and j, at `i * hubs + j` (-1 where none). */
  readonly routeAt: Int32Array;
  /** 1 at core exchanges when routes between countries must pass one; undefined otherwise. */
  readonly core?: Uint8Array;
}

const topologies = new Map<RoutedClass, HubTopology>();

/** The hubs and the routes a class may use (the backbone skips routes marked `backbone: false`). */
export function hubTopology(cls: RoutedClass): HubTopology {
  const cached = topologies.get(cls);
  if (cached) return cached;
  const indexOf = new Map(HUBS.map((h, i) => [h.id, i]));
  const isExchange = new Uint8Array(HUBS.length);
  const exchanges: number[] = [];
  HUBS.forEach((h, i) => {
    if (h.kind === 'exchange') {
      isExchange[i] = 1;
      exchanges.push(i);
    }
  });
  // The routes' lengths as the build measured them, when it did (see precomputed.ts).
  const routeKm = precomputed(ACCESS_HUBS)?.routeKm;
  const routes = HUB_ROUTES.flatMap((r, k) => {
    if (cls === 'backbone' && r.backbone === false) return [];
    const a = indexOf.get(r.between[0]);
    const b = indexOf.get(r.between[1]);
    if (a === undefined || b === undefined) throw new Error(`hub route ${r.between.join('-')}: unknown hub`);
    const km = routeKm ? (routeKm[k] as number) : distanceKm(HUBS[a] as Hub, HUBS[b] as Hub);
    return [{ id: routeId(r.between[0], r.between[1]), a, b, km, sea: r.medium === 'sea' }];
  });
  const routeAt = new Int32Array(HUBS.length * HUBS.length).fill(-1);
  routes.forEach(({ a, b }, r) => {
    routeAt[a * HUBS.length + b] = r;
    routeAt[b * HUBS.length + a] = r;
  });
  // On the public internet, routes between countries pass a core exchange; the AWS backbone is one
  // network and goes straight.
  const core = cls === 'internet' ? Uint8Array.from(HUBS, (h) => (h.core ? 1 : 0)) : undefined;
  const topology = { hubs: HUBS, indexOf, exchanges, isExchange, routes, routeAt, ...(core ? { core } : {}) };
  topologies.set(cls, topology);
  return topology;
}

/**
 * The key of a route's own cost in `routeMs`: its two hubs, as the route declares them.
 * @example routeId('hillsboro', 'honolulu') // 'hillsboro~honolulu'
 */
export function routeId(a: string, b: string): string {
  return `${a}~${b}`;
}

/** Each route's own cost (ms), by index into the topology's routes, from the parameters' `routeMs`. */
export function routeCosts(topology: HubTopology, parameters: RoutedClassParameters): Float64Array {
  const costs = new Float64Array(topology.routes.length);
  const routeMs = parameters.routeMs;
  if (!routeMs) return costs;
  topology.routes.forEach((route, r) => {
    costs[r] = routeMs[route.id] ?? 0;
  });
  return costs;
}

/**
 * All-pairs best routes between hubs for one class and one set of parameters, with what each best
 * route is made of (for explanations and for the fit, which is linear in these quantities).
 */
export interface HubTable {
  readonly topology: HubTopology;
  readonly size: number;
  /** RTT between hubs i and j at `i * size + j`, including the cost of every exchange hub on the way, ends included. */
  readonly rttMs: Float64Array;
  /** Great-circle km over land and over sea along the best route. */
  readonly landKm: Float64Array;
  readonly seaKm: Float64Array;
  /** Exchange hubs on the best route, ends included. */
  readonly exchangeCount: Float64Array;
  /** The routes' own costs (`routeMs`) summed along the best route. */
  readonly routeMs: Float64Array;
  /** Next hub after i on the best route to j, before any core constraint; -1 on the diagonal. */
  readonly next: Int32Array;
  /** The core hub a constrained route passes (-1 where it need not); empty when unconstrained. */
  readonly via: Int32Array;
}

/** Solves all pairs of hubs for a class. Deterministic; a few hundred microseconds. */
export function solveHubTable(topology: HubTopology, parameters: RoutedClassParameters): HubTable {
  const n = topology.hubs.length;
  const rtt = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  const landKm = new Float64Array(n * n);
  const seaKm = new Float64Array(n * n);
  const exchangeCount = new Float64Array(n * n);
  const routeMs = new Float64Array(n * n);
  const next = new Int32Array(n * n).fill(-1);
  const own = routeCosts(topology, parameters);
  const cost = (i: number) => (topology.isExchange[i] ? parameters.hubMs : 0);
  for (let i = 0; i < n; i++) {
    rtt[i * n + i] = cost(i);
    exchangeCount[i * n + i] = topology.isExchange[i] as number;
  }
  topology.routes.forEach(({ a, b, km, sea }, r) => {
    const inflation = sea ? parameters.seaInflation : parameters.inflation;
    const value = (2 * km * inflation) / FIBER_KM_PER_MS + (own[r] as number) + cost(a) + cost(b);
    if (value >= (rtt[a * n + b] as number)) return;
    for (const [i, j] of [
      [a, b],
      [b, a],
    ] as const) {
      const c = i * n + j;
      rtt[c] = value;
      landKm[c] = sea ? 0 : km;
      seaKm[c] = sea ? km : 0;
      exchangeCount[c] = (topology.isExchange[a] as number) + (topology.isExchange[b] as number);
      routeMs[c] = own[r] as number;
      next[c] = j;
    }
  });
  for (let k = 0; k < n; k++) {
    const ck = cost(k);
    const xk = topology.isExchange[k] as number;
    for (let i = 0; i < n; i++) {
      const ik = i * n + k;
      const viaK = rtt[ik] as number;
      if (viaK === Number.POSITIVE_INFINITY || i === k) continue;
      for (let j = 0; j < n; j++) {
        if (j === k || j === i) continue;
        const kj = k * n + j;
        const candidate = viaK + (rtt[kj] as number) - ck;
        const ij = i * n + j;
        if (candidate < (rtt[ij] as number) - 1e-12) {
          rtt[ij] = candidate;
          landKm[ij] = (landKm[ik] as number) + (landKm[kj] as number);
          seaKm[ij] = (seaKm[ik] as number) + (seaKm[kj] as number);
          exchangeCount[ij] = (exchangeCount[ik] as number) + (exchangeCount[kj] as number) - xk;
          routeMs[ij] = (routeMs[ik] as number) + (routeMs[kj] as number);
          next[ij] = next[ik] as number;
        }
      }
    }
  }
  const table = {
    topology,
    size: n,
    rttMs: rtt,
    landKm,
    seaKm,
    exchangeCount,
    routeMs,
    next,
    via: new Int32Array(0),
  };
  return topology.core ? throughCore(table, parameters) : table;
}

/**
 * A hub table from its stored queries' part (`precomputed.ts`): RTTs, next hops and core hubs are
 * the stored ones; what the best routes are made of (for the fit and `parts`) is solved on first
 * use, the same as {@link solveHubTable} would give.
 */
export function storedHubTable(
  topology: HubTopology,
  parameters: RoutedClassParameters,
  stored: StoredHubTable,
): HubTable {
  let solved: HubTable | undefined;
  const full = () => {
    solved ??= solveHubTable(topology, parameters);
    return solved;
  };
  return {
    topology,
    size: topology.hubs.length,
    rttMs: stored.rttMs,
    next: stored.next,
    via: stored.via,
    get landKm() {
      return full().landKm;
    },
    get seaKm() {
      return full().seaKm;
    },
    get exchangeCount() {
      return full().exchangeCount;
    },
    get routeMs() {
      return full().routeMs;
    },
  };
}

/**
 * Routes between hubs of different countries must pass a core exchange (where the global
 * transit networks meet): international traffic from the edge of the internet goes up to a core
 * hub and back down, even when a shorter cable exists.
 */
function throughCore(table: HubTable, parameters: RoutedClassParameters): HubTable {
  const { topology, size: n } = table;
  const core = topology.core as Uint8Array;
  const rtt = new Float64Array(n * n).fill(Number.POSITIVE_INFINITY);
  const landKm = new Float64Array(n * n);
  const seaKm = new Float64Array(n * n);
  const exchangeCount = new Float64Array(n * n);
  const routeMs = new Float64Array(n * n);
  const via = new Int32Array(n * n).fill(-1);
  const take = (ij: number, value: number, a: number, b: number, minus: number, c: number) => {
    rtt[ij] = value;
    routeMs[ij] = (table.routeMs[a] as number) + (b >= 0 ? (table.routeMs[b] as number) : 0);
    landKm[ij] = (table.landKm[a] as number) + (b >= 0 ? (table.landKm[b] as number) : 0);
    seaKm[ij] = (table.seaKm[a] as number) + (b >= 0 ? (table.seaKm[b] as number) : 0);
    exchangeCount[ij] =
      (table.exchangeCount[a] as number) + (b >= 0 ? (table.exchangeCount[b] as number) : 0) - minus;
    via[ij] = c;
  };
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const ij = i * n + j;
      if (topology.hubs[i]?.country === topology.hubs[j]?.country)
        take(ij, table.rttMs[ij] as number, ij, -1, 0, -1);
      for (let c = 0; c < n; c++) {
        if (!core[c]) continue;
        const value =
          (table.rttMs[i * n + c] as number) + (table.rttMs[c * n + j] as number) - parameters.hubMs;
        if (value < (rtt[ij] as number) - 1e-12) take(ij, value, i * n + c, c * n + j, 1, c);
      }
    }
  }
  return { ...table, rttMs: rtt, landKm, seaKm, exchangeCount, routeMs, via };
}

/** A place's ways into the long-haul graph: its nearest exchange hubs and how far they are. */
export interface HubAccess {
  readonly hubs: Int32Array;
  readonly km: Float64Array;
}

/** The {@link ACCESS_HUBS} exchange hubs nearest to a point (ties by hub order). */
export function hubAccess(topology: HubTopology, point: Coordinates, count = ACCESS_HUBS): HubAccess {
  // Rank on the sphere (cheap), then measure the few nearest on the ellipsoid.
  const ranked = topology.exchanges
    .map((i) => ({ i, km: sphericalDistanceKm(point, topology.hubs[i] as Hub) }))
    .sort((a, b) => a.km - b.km || a.i - b.i)
    .slice(0, count + 2)
    .map(({ i }) => ({ i, km: distanceKm(point, topology.hubs[i] as Hub) }))
    .sort((a, b) => a.km - b.km || a.i - b.i)
    .slice(0, count);
  return { hubs: Int32Array.from(ranked, (c) => c.i), km: Float64Array.from(ranked, (c) => c.km) };
}

/** The best hub route between two places, and what it is made of. */
export interface HubRoute {
  readonly rttMs: number;
  /** Hub indices entered and left by (-1 only when a place has no access at all). */
  readonly fromHub: number;
  readonly toHub: number;
  /** km of the two access legs together. */
  readonly accessKm: number;
}

/** Per-hub access cost (ms) by hub index, from the parameters' `hubAccessMs` by id. */
export function hubAccessCosts(topology: HubTopology, parameters: RoutedClassParameters): Float64Array {
  const costs = new Float64Array(topology.hubs.length);
  for (const [id, ms] of Object.entries(parameters.hubAccessMs ?? {})) {
    const i = topology.indexOf.get(id);
    if (i !== undefined) costs[i] = ms;
  }
  return costs;
}

/**
 * The best route between two places, given how each reaches the long-haul graph: the cheapest
 * combination of an entry hub and an exit hub.
 */
export function bestHubRoute(
  table: HubTable,
  accessCosts: Float64Array,
  parameters: RoutedClassParameters,
  from: HubAccess,
  to: HubAccess,
): HubRoute {
  const n = table.size;
  const perKm = (2 * parameters.accessInflation) / FIBER_KM_PER_MS;
  let best = Number.POSITIVE_INFINITY;
  let fromHub = -1;
  let toHub = -1;
  let accessKm = 0;
  for (let x = 0; x < from.hubs.length; x++) {
    const h = from.hubs[x] as number;
    const legA = (from.km[x] as number) * perKm + (accessCosts[h] as number);
    for (let y = 0; y < to.hubs.length; y++) {
      const g = to.hubs[y] as number;
      const value =
        legA + (to.km[y] as number) * perKm + (accessCosts[g] as number) + (table.rttMs[h * n + g] as number);
      if (value < best) {
        best = value;
        fromHub = h;
        toHub = g;
        accessKm = (from.km[x] as number) + (to.km[y] as number);
      }
    }
  }
  return { rttMs: best + parameters.hopMs, fromHub, toHub, accessKm };
}

/** The hubs (indices) a best route between two hubs passes, in order, through its core hub if any. */
function hubIndicesAlong(table: HubTable, fromHub: number, toHub: number): number[] {
  if (fromHub < 0 || toHub < 0) return [];
  const core = table.via.length > 0 ? (table.via[fromHub * table.size + toHub] as number) : -1;
  return core >= 0
    ? [...unconstrained(table, fromHub, core), ...unconstrained(table, core, toHub).slice(1)]
    : unconstrained(table, fromHub, toHub);
}

/** The hubs a route passes, in order (ids), from its entry hub to its exit hub. */
export function hubsAlong(table: HubTable, fromHub: number, toHub: number): string[] {
  return hubIndicesAlong(table, fromHub, toHub).map((i) => (table.topology.hubs[i] as Hub).id);
}

/** The routes (indices into the topology's routes) a best route between two hubs takes, in order. */
export function routesAlong(table: HubTable, fromHub: number, toHub: number): number[] {
  const n = table.size;
  const indices = hubIndicesAlong(table, fromHub, toHub);
  const routes: number[] = [];
  for (let k = 1; k < indices.length; k++) {
    routes.push(table.topology.routeAt[(indices[k - 1] as number) * n + (indices[k] as number)] as number);
  }
  return routes;
}

/** Hub indices along the best route from i to j, ignoring the core constraint. */
function unconstrained(table: HubTable, from: number, to: number): number[] {
  const n = table.size;
  const indices = [from];
  for (let i = from; i !== to; ) {
    i = table.next[i * n + to] as number;
    if (i < 0) break;
    indices.push(i);
  }
  return indices;
}
