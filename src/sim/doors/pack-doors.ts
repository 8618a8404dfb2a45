/**
 * The door graph compile-doors.ts builds, packed into the engine's arrays (model.ts's SimDoors):
 * nodes and edges as columns, each node's first edge, the health targets' pools, the edges' geo
 * tables (compile-geo.ts), and the scenario's DNS clients (resolvers per metro, TTL stretching).
 */
import type { Endpoint } from '../../app/index.js';
import { buildGeo, type EdgeGeo } from './compile-geo.js';
import type { SimDoorCheckGroup, SimDoors, SimSourceDoor, SimStore } from './model.js';

/** The scenario's DNS clients: resolvers per metro, and the share of clients that stretch TTLs to what. */
export interface DnsClients {
  readonly resolvers: number;
  readonly stretchShare: number;
  readonly stretchToS: number;
}

export const DEFAULT_DNS_CLIENTS: DnsClients = { resolvers: 8, stretchShare: 0, stretchToS: 900 };

/** An edge of the door graph under construction (compile-doors.ts). */
export interface DoorEdge {
  child: number;
  weight: number;
  role: number;
  region: number;
  check: number;
  evaluate: number;
  ttlS: number;
  geo: EdgeGeo;
}

/** A node of the door graph under construction: a door, an endpoint group or a pool. */
export interface DoorNode {
  kind: number;
  policy: number;
  pool: number;
  endpoint: number;
  share: number;
  failoverMethod: number;
  connectS: number;
  label: string;
  edges: DoorEdge[];
}

/** Packs the door graph's nodes, health targets and check groups, with the DNS clients, entries and stores. */
export function packDoors(
  nodes: readonly DoorNode[],
  targets: readonly { label: string; pools: number[] }[],
  groups: SimDoorCheckGroup[],
  dns: DnsClients,
  entries: readonly (SimSourceDoor | null)[],
  stores: readonly SimStore[],
  endpoints: readonly Endpoint[],
): SimDoors {
  const edges = nodes.flatMap((n) => n.edges);
  const first = new Int32Array(nodes.length + 1);
  nodes.forEach((n, i) => {
    first[i + 1] = (first[i] as number) + n.edges.length;
  });
  const targetFirst = new Int32Array(targets.length + 1);
  targets.forEach((t, i) => {
    targetFirst[i + 1] = (targetFirst[i] as number) + t.pools.length;
  });
  const geo = buildGeo(
    edges.map((e) => e.geo),
    endpoints,
  );
  return {
    kind: Uint8Array.from(nodes, (n) => n.kind),
    policy: Uint8Array.from(nodes, (n) => n.policy),
    pool: Int32Array.from(nodes, (n) => n.pool),
    endpoint: Int32Array.from(nodes, (n) => n.endpoint),
    share: Float64Array.from(nodes, (n) => n.share),
    failoverMethod: Uint8Array.from(nodes, (n) => n.failoverMethod),
    connectS: Float64Array.from(nodes, (n) => n.connectS),
    first,
    label: nodes.map((n) => n.label),
    child: Int32Array.from(edges, (e) => e.child),
    weight: Float64Array.from(edges, (e) => e.weight),
    role: Uint8Array.from(edges, (e) => e.role),
    region: Int32Array.from(edges, (e) => e.region),
    check: Int32Array.from(edges, (e) => e.check),
    evaluate: Uint8Array.from(edges, (e) => e.evaluate),
    ttlS: Float64Array.from(edges, (e) => e.ttlS),
    targetFirst,
    targetPools: Int32Array.from(targets.flatMap((t) => t.pools)),
    targetLabel: targets.map((t) => t.label),
    groups,
    resolvers: dns.resolvers,
    stretchShare: dns.stretchShare,
    stretchToS: dns.stretchToS,
    entries,
    stores,
    ...(geo ? { geo } : {}),
  };
}
