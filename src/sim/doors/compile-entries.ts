/**
 * Where each demand source enters: the door its request's `via` names, the edge location nearest
 * its metro when the chain has CloudFront or Global Accelerator (CloudFront Developer Guide,
 * HowCloudFrontWorks.md: a viewer reaches the nearest edge location; Global Accelerator Developer
 * Guide, introduction-how-it-works.md: traffic enters AWS's network at the nearest edge), and the
 * entry service's sessions. Users at an edge get an endpoint of their own whose RTTs are the
 * metro's to the edge plus the edge's over the backbone (`withEdgeEntries` below).
 */
import type { Endpoint } from '../../app/index.js';
import { catalogPlaces, getEdgeLocation, type Place } from '../../catalog/index.js';
import type { Diagnostic } from '../../errors.js';
import { distanceKm } from '../../geo/index.js';
import type { Estate } from '../../model/index.js';
import type { SimPool, SimService, SimSource } from '../model.js';
import { DoorGraph } from './compile-doors.js';
import {
  SESSIONS_MEMORY,
  SESSIONS_NONE,
  SESSIONS_REPLICATED,
  type SimDoors,
  type SimSourceDoor,
  type SimStore,
} from './model.js';
import type { DnsClients } from './pack-doors.js';

const Z99 = 2.3263478740408408;

export interface DoorPlan {
  readonly graph: DoorGraph;
  /** Per source: its first door and the edge endpoint it enters at (-1 none), or null. */
  readonly entries: readonly ({ node: number; edge: number; metro: number } | null)[];
}

/** Builds the door graph of the sources whose requests enter through a front door; null when none does. */
export function planDoors(
  estate: Estate,
  services: readonly SimService[],
  pools: readonly SimPool[],
  sources: readonly SimSource[],
  endpoints: readonly Endpoint[],
  endpointOf: (id: string, place: Place) => number,
  diagnostics: Diagnostic[],
): DoorPlan | null {
  if (!estate.frontDoors || estate.frontDoors.size === 0) return null;
  const requests = new Map(estate.requests.map((r) => [r.id, r]));
  if (!sources.some((s) => requests.get(s.request)?.via !== undefined)) return null;
  const graph = new DoorGraph({ estate, services, pools, endpointOf, diagnostics });
  const entries = sources.map((source) => {
    const request = requests.get(source.request);
    if (!request?.via) return null;
    const node = graph.entry(request.via, {
      id: request.id,
      method: request.method ?? 'GET',
      urlPath: request.urlPath ?? '/',
    });
    return { node, edge: -1, metro: source.endpoint };
  });
  // The edges users enter at must be endpoints before the RTTs are computed.
  const kind = graph.edgeKinds.has('global-accelerator') ? 'global-accelerator' : 'cloudfront';
  if (graph.edgeKinds.size > 0)
    entries.forEach((entry, k) => {
      const metro = endpoints[sources[k]?.endpoint ?? -1]?.place;
      const edge = entry && metro ? nearestEdge(metro, kind) : undefined;
      if (edge) endpointOf(edge.id, edge);
    });
  return { graph, entries };
}

/**
 * Finishes the plan once the RTTs are known: each edge-entering source gets its own endpoint (added
 * to `endpoints`), the RTT matrices grow by them, and the door model is built.
 */
export function finishDoors(
  plan: DoorPlan,
  estate: Estate,
  sources: readonly SimSource[],
  endpoints: Endpoint[],
  matrices: readonly Float64Array[],
  dns: DnsClients,
  endpointIndex: ReadonlyMap<string, number>,
  services: readonly SimService[],
  pools: readonly SimPool[],
): { doors: SimDoors; sources: SimSource[]; matrices: Float64Array[] } {
  const n = endpoints.length;
  const kind = plan.graph.edgeKinds.has('global-accelerator') ? 'global-accelerator' : 'cloudfront';
  const via: [number, number][] = [];
  const viaIndex = new Map<string, number>();
  const rtt = matrices[0] as Float64Array;
  const newSources = sources.map((s) => s);
  const entries: (SimSourceDoor | null)[] = sources.map((source, k) => {
    const plain = plan.entries[k];
    if (!plain) return null;
    const sessions = sessionsOf(estate, source.request);
    let edge = -1;
    let hitS = 0;
    const metroPlace = endpoints[source.endpoint]?.place;
    const edgePlace = plan.graph.edgeKinds.size > 0 && metroPlace ? nearestEdge(metroPlace, kind) : undefined;
    if (edgePlace) {
      edge = endpointIndex.get(edgePlace.id) ?? -1;
      if (edge >= 0) {
        const key = `${source.endpoint}>${edge}`;
        let entryEndpoint = viaIndex.get(key);
        if (entryEndpoint === undefined) {
          entryEndpoint = n + via.length;
          viaIndex.set(key, entryEndpoint);
          via.push([source.endpoint, edge]);
          endpoints.push({
            id: `${endpoints[source.endpoint]?.id}>${edgePlace.id}`,
            place: metroPlace as Place,
          });
        }
        hitS = (rtt[source.endpoint * n + edge] as number) / 1000;
        newSources[k] = { ...source, endpoint: entryEndpoint };
      }
    }
    const cookie = cookieOf(plan.graph, pools, rtt, n, edge >= 0 ? edge : source.endpoint);
    return { node: plain.node, metro: source.endpoint, edge, hitS, cookie, ...sessions };
  });
  return {
    doors: plan.graph.build(dns, entries, storesOf(estate, services, pools), endpoints),
    sources: newSources,
    matrices: via.length > 0 ? matrices.map((m) => withEdgeEntries(m, n, via)) : [...matrices],
  };
}

/**
 * Replicated stores the run has a pool of: the writer is the first listed pool (Aurora Global
 * Database: one writer region; its loss loses the writes within the lag, RPO seconds, and a replica
 * takes minutes to promote; AUR-UG aurora-global-database-disaster-recovery.md).
 */
function storesOf(estate: Estate, services: readonly SimService[], pools: readonly SimPool[]): SimStore[] {
  const stores: SimStore[] = [];
  for (const service of services) {
    const replication = estate.services.find((s) => s.id === service.id)?.replication;
    const writer = service.pools[0];
    if (!replication || writer === undefined || !pools[writer]) continue;
    stores.push(
      replication.mode === 'sync'
        ? { service: service.id, writer, sync: true, lagMedianS: 0, promotionS: 0 }
        : {
            service: service.id,
            writer,
            sync: false,
            lagMedianS: replication.lagMs.p50Ms / 1000,
            promotionS: replication.promotionS,
          },
    );
  }
  return stores;
}

/** The viewer-function option whose primary origin is nearest `from` (0 when there is no choice). */
function cookieOf(
  graph: DoorGraph,
  pools: readonly SimPool[],
  rtt: Float64Array,
  n: number,
  from: number,
): number {
  const first = graph.cookieOptions()[0];
  if (!first) return 0;
  let best = 0;
  let bestRtt = Number.POSITIVE_INFINITY;
  first.primaries.forEach((child, k) => {
    for (const p of graph.poolsUnder(child)) {
      const ms = rtt[from * n + (pools[p]?.endpoint as number)] as number;
      if (ms < bestRtt) {
        bestRtt = ms;
        best = k;
      }
    }
  });
  return best;
}

/** The entry service's sessions: none, in memory, or replicated with a lag. */
function sessionsOf(
  estate: Estate,
  request: string,
): Pick<SimSourceDoor, 'sessions' | 'lagMedianS' | 'lagSigma'> {
  const entry = estate.requests.find((r) => r.id === request)?.entry.service;
  const state = estate.services.find((s) => s.id === entry)?.sessions;
  if (state?.kind === 'memory') return { sessions: SESSIONS_MEMORY, lagMedianS: 0, lagSigma: 0 };
  if (state?.kind === 'replicated') {
    const { p50Ms, p99Ms } = state.lagMs;
    const sigma = p99Ms > p50Ms && p50Ms > 0 ? Math.log(p99Ms / p50Ms) / Z99 : 0;
    return { sessions: SESSIONS_REPLICATED, lagMedianS: p50Ms / 1000, lagSigma: sigma };
  }
  return { sessions: SESSIONS_NONE, lagMedianS: 0, lagSigma: 0 };
}

/** The edge location nearest a metro that serves `kind` (CloudFront or Global Accelerator). */
export function nearestEdge(metro: Place, kind: 'cloudfront' | 'global-accelerator'): Place | undefined {
  let best: Place | undefined;
  let bestKm = Number.POSITIVE_INFINITY;
  for (const edge of catalogPlaces(['edge-location'])) {
    const info = getEdgeLocation(edge.id);
    if (kind === 'cloudfront' && !info?.cloudFront) continue;
    if (kind === 'global-accelerator' && !info?.globalAccelerator) continue;
    const km = distanceKm(metro, edge);
    if (km < bestKm) {
      bestKm = km;
      best = edge;
    }
  }
  return best;
}

/**
 * Grows an RTT matrix over `endpoints` by endpoints that stand for users entering at an edge: row
 * and column of `via[k] = [metro, edge]` are the metro's RTT to the edge plus the edge's to each
 * endpoint (the edge reaches the origin over the AWS backbone).
 */
export function withEdgeEntries(
  rttMs: Float64Array,
  n: number,
  via: readonly (readonly [number, number])[],
): Float64Array {
  const m = n + via.length;
  const out = new Float64Array(m * m);
  for (let i = 0; i < n; i++) out.set(rttMs.subarray(i * n, (i + 1) * n), i * m);
  via.forEach(([metro, edge], k) => {
    const s = n + k;
    const toEdge = rttMs[metro * n + edge] as number;
    for (let x = 0; x < n; x++) {
      const rtt = toEdge + (rttMs[edge * n + x] as number);
      out[s * m + x] = rtt;
      out[x * m + s] = rtt;
    }
    out[s * m + s] = 0;
  });
  return out;
}
