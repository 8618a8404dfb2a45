/**
 * Compiling an estate's front doors into the engine's door graph (model.ts): a node per door (a
 * CloudFront distribution's per request, since its behaviour follows the request's path), a node
 * per pool a door leads to, edges with the records' weights, failover roles, latency regions, TTLs
 * and the health targets that gate them, and the health-check groups that watch those targets.
 *
 * The figures each edge carries are the estate's, with the defaults front-doors.ts fills in and
 * cites (Route 53 Developer Guide, Global Accelerator Developer Guide, CloudFront Developer Guide,
 * ELB User Guides). The checks' configuration: Route 53 from its 8 checker regions, healthy when
 * more than 18 % say so (Route 53 Developer Guide, "How Amazon Route 53 determines whether a health
 * check is healthy"), the failure threshold both ways; load balancers and accelerators from beside
 * the target with their own interval and thresholds.
 *
 * The graph becomes the engine's arrays in pack-doors.ts.
 */

import type { Endpoint } from '../../app/index.js';
import type { Place } from '../../catalog/index.js';
import { assertNever, type Diagnostic } from '../../errors.js';
import {
  CLOUDFRONT_DEFAULTS,
  type CloudFrontDistribution,
  type Estate,
  type FrontDoor,
  type FrontDoorTarget,
  findPlace,
  type HealthCheck,
  ROUTE53_CHECKER_REGIONS,
} from '../../model/index.js';
import { matchBehavior } from '../../model/resolve-edge-doors.js';
import type { SimHealthCheck, SimPool, SimService } from '../model.js';
import { NO_GEO, policyOf, recordGeo, recordSetNotes } from './compile-geo.js';
import {
  DOOR_ACCELERATOR,
  DOOR_CLOUDFRONT,
  DOOR_GROUP,
  DOOR_LB,
  DOOR_POOL,
  DOOR_ROUTE53,
  ROLE_NONE,
  ROLE_PRIMARY,
  ROLE_SECONDARY,
  type SimDoorCheckGroup,
  type SimDoors,
  type SimSourceDoor,
  type SimStore,
  STICKY_COOKIE,
  STICKY_NONE,
  STICKY_SOURCE_IP,
} from './model.js';
import { type DnsClients, type DoorEdge, type DoorNode, packDoors } from './pack-doors.js';

export interface DoorCompilation {
  readonly estate: Estate;
  readonly services: readonly SimService[];
  readonly pools: readonly SimPool[];
  readonly endpointOf: (id: string, place: Place) => number;
  readonly diagnostics: Diagnostic[];
}

/** The door graph under construction. */
export class DoorGraph {
  private readonly c: DoorCompilation;
  private readonly nodes: DoorNode[] = [];
  private readonly byKey = new Map<string, number>();
  private readonly targets: { label: string; pools: number[] }[] = [];
  private readonly targetByKey = new Map<string, number>();
  private readonly groups: SimDoorCheckGroup[] = [];
  /** Whether the graph has an edge door (CloudFront, Global Accelerator): users enter at an edge. */
  readonly edgeKinds = new Set<'cloudfront' | 'global-accelerator'>();
  /** What the compilation assumed that the user should know of. */
  readonly notes: string[] = [];

  constructor(c: DoorCompilation) {
    this.c = c;
  }

  /** The node a request enters through (door `via`), for a request of `method` and `urlPath`. */
  entry(via: string, request: { id: string; method: string; urlPath: string }): number {
    return this.door(via, request);
  }

  private door(id: string, request: { id: string; method: string; urlPath: string }): number {
    const door = this.c.estate.frontDoors?.get(id);
    if (!door) return -1;
    const key = door.kind === 'cloudfront' ? `${id}|${request.id}` : id;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const n = this.add({ kind: DOOR_POOL, label: id });
    this.byKey.set(key, n);
    this.fill(n, door, request);
    return n;
  }

  private add(partial: Partial<DoorNode> & { kind: number; label: string }): number {
    this.nodes.push({
      policy: 0,
      pool: -1,
      endpoint: -1,
      share: 0,
      failoverMethod: 0,
      connectS: 0,
      edges: [],
      ...partial,
    });
    return this.nodes.length - 1;
  }

  private edge(partial: Partial<DoorEdge> & { child: number }): DoorEdge {
    return {
      weight: 1,
      role: ROLE_NONE,
      region: -1,
      check: -1,
      evaluate: 0,
      ttlS: 0,
      geo: NO_GEO,
      ...partial,
    };
  }

  private target(t: FrontDoorTarget, request: { id: string; method: string; urlPath: string }): number {
    if (t.kind === 'front-door') return this.door(t.id, request);
    const key = `pool:${t.service}@${t.place.id}`;
    const known = this.byKey.get(key);
    if (known !== undefined) return known;
    const pool = this.c.pools.findIndex(
      (p) => this.c.services[p.service]?.id === t.service && p.place === t.place.id,
    );
    if (pool < 0)
      this.c.diagnostics.push({
        code: 'FP_NO_PATH',
        message: `the front doors lead to '${t.ref}', which is not a pool this scenario runs`,
        suggestion: "give the service a pool at that place under 'capacity:'",
      });
    const n = this.add({ kind: DOOR_POOL, label: t.ref, pool });
    this.byKey.set(key, n);
    return n;
  }

  private fill(n: number, door: FrontDoor, request: { id: string; method: string; urlPath: string }): void {
    const node = this.nodes[n] as DoorNode;
    switch (door.kind) {
      case 'route53': {
        node.kind = DOOR_ROUTE53;
        node.policy = policyOf(door.policy);
        this.notes.push(...recordSetNotes(door));
        for (const r of door.records) {
          const child = this.target(r.target, request);
          const region = r.region ? findPlace(r.region, this.c.estate) : undefined;
          node.edges.push(
            this.edge({
              child,
              weight: r.weight ?? 1,
              role: r.failover === 'primary' ? ROLE_PRIMARY : r.failover === 'secondary' ? ROLE_SECONDARY : 0,
              region: region ? this.c.endpointOf(region.id, region) : -1,
              check: r.healthCheck ? this.route53Check(r.healthCheck, request) : -1,
              evaluate: r.alias && r.evaluateTargetHealth ? 1 : 0,
              ttlS: r.ttlS,
              geo: recordGeo(r, door.policy, this.c.estate),
            }),
          );
        }
        return;
      }
      case 'alb':
      case 'nlb': {
        node.kind = DOOR_LB;
        const s = door.stickiness;
        node.policy = !s ? STICKY_NONE : s.type === 'source-ip' ? STICKY_SOURCE_IP : STICKY_COOKIE;
        const check: SimHealthCheck = {
          intervalS: door.healthCheck.intervalS,
          timeoutS: door.healthCheck.timeoutS,
          unhealthyThreshold: door.healthCheck.unhealthyThreshold,
          healthyThreshold: door.healthCheck.healthyThreshold,
        };
        for (const t of door.targets) {
          const child = this.target(t, request);
          // A target that is another door (an NLB in front of an ALB) is probed through its pools.
          const target = this.checkTarget(`${door.id}|${t.ref}`, this.poolsUnder(child), check, [-1], 0);
          node.edges.push(this.edge({ child, check: target }));
        }
        return;
      }
      case 'global-accelerator': {
        this.edgeKinds.add('global-accelerator');
        node.kind = DOOR_ACCELERATOR;
        node.policy = door.clientAffinity === 'source-ip' ? STICKY_SOURCE_IP : STICKY_NONE;
        for (const g of door.endpointGroups) {
          const region = findPlace(g.region, this.c.estate);
          const group = this.add({
            kind: DOOR_GROUP,
            label: `${door.id}/${g.region}`,
            endpoint: region ? this.c.endpointOf(region.id, region) : -1,
            share: g.trafficDial / 100,
          });
          const check: SimHealthCheck = {
            intervalS: g.healthCheck.intervalS,
            timeoutS: Math.min(10, g.healthCheck.intervalS),
            unhealthyThreshold: g.healthCheck.threshold,
            healthyThreshold: g.healthCheck.threshold,
          };
          for (const e of g.endpoints) {
            const child = this.target(e.target, request);
            const pools = this.poolsUnder(child);
            const label = `${door.id}|${g.region}|${e.target.kind === 'pool' ? e.target.ref : e.target.id}`;
            const target = this.checkTarget(label, pools, check, [-1], 0);
            (this.nodes[group] as DoorNode).edges.push(this.edge({ child, weight: e.weight, check: target }));
          }
          node.edges.push(this.edge({ child: group }));
        }
        return;
      }
      case 'cloudfront':
        this.edgeKinds.add('cloudfront');
        this.fillDistribution(node, door, request);
        return;
      default:
        assertNever(door, 'front door kind');
    }
  }

  private fillDistribution(
    node: DoorNode,
    door: CloudFrontDistribution,
    request: { id: string; method: string; urlPath: string },
  ): void {
    node.kind = DOOR_CLOUDFRONT;
    const behavior = matchBehavior(door, request.urlPath);
    if (!behavior) return;
    node.share = behavior.cacheHitRatio;
    node.failoverMethod = (CLOUDFRONT_DEFAULTS.failoverMethods as readonly string[]).includes(request.method)
      ? 1
      : 0;
    // Options: the fallback origin first, then each other origin a viewer function's cookie picks.
    const fn = behavior.viewerFunction;
    const names = [...new Set([fn?.fallback ?? behavior.origin, ...(fn ? [...fn.origins.values()] : [])])];
    for (const originName of names) {
      const group = door.originGroups.get(originName);
      const primary = door.origins.get(group ? group.primary : originName);
      const secondary = group ? door.origins.get(group.secondary) : undefined;
      if (!primary) continue;
      if (node.edges.length === 0) node.connectS = primary.connectionAttempts * primary.connectionTimeoutS;
      node.edges.push(this.edge({ child: this.target(primary.target, request), role: ROLE_PRIMARY }));
      node.edges.push(
        this.edge({ child: secondary ? this.target(secondary.target, request) : -1, role: ROLE_SECONDARY }),
      );
    }
  }

  /** Distributions whose viewer function picks among several origins: their options' primaries. */
  cookieOptions(): { node: number; primaries: number[] }[] {
    const out: { node: number; primaries: number[] }[] = [];
    this.nodes.forEach((node, n) => {
      if (node.kind !== DOOR_CLOUDFRONT || node.edges.length <= 2) return;
      out.push({ node: n, primaries: node.edges.filter((_, k) => k % 2 === 0).map((e) => e.child) });
    });
    return out;
  }

  private route53Check(id: string, request: { id: string; method: string; urlPath: string }): number {
    const hc = this.c.estate.healthChecks?.get(id);
    if (!hc) return -1;
    const pools = this.checkedPools(hc, request, new Set());
    const checkers = ROUTE53_CHECKER_REGIONS.filter(
      (r) => hc.regions.length === 0 || hc.regions.includes(r),
    ).map((r) => {
      const place = findPlace(r, this.c.estate) as Place;
      return this.c.endpointOf(place.id, place);
    });
    const check: SimHealthCheck = {
      intervalS: hc.intervalS,
      timeoutS: hc.connectTimeoutS + hc.responseTimeoutS,
      unhealthyThreshold: hc.failureThreshold,
      healthyThreshold: hc.failureThreshold,
    };
    return this.checkTarget(`hc:${id}`, pools, check, checkers, 0.18);
  }

  /** The pools a Route 53 check probes: its target's, or a calculated check's children's. */
  private checkedPools(
    hc: HealthCheck,
    request: { id: string; method: string; urlPath: string },
    seen: Set<string>,
  ): number[] {
    if (seen.has(hc.id)) return [];
    seen.add(hc.id);
    if (hc.kind === 'calculated') {
      // Not modelled: the count of healthy children. Say so where it changes the answer.
      if (hc.healthyThreshold > 1)
        this.notes.push(
          `calculated health check ${hc.id} (${hc.healthyThreshold} of ${hc.children.length} children healthy) is simulated as healthy while any of its children's pools answers: it fails later than Route 53's would`,
        );
      return hc.children.flatMap((child) => {
        const inner = this.c.estate.healthChecks?.get(child);
        return inner ? this.checkedPools(inner, request, seen) : [];
      });
    }
    return hc.target ? this.poolsUnder(this.target(hc.target, request)) : [];
  }

  /** Every pool a node leads to. */
  poolsUnder(n: number, seen = new Set<number>()): number[] {
    if (seen.has(n)) return [];
    seen.add(n);
    const node = this.nodes[n];
    if (!node) return [];
    if (node.kind === DOOR_POOL) return node.pool >= 0 ? [node.pool] : [];
    return [...new Set(node.edges.flatMap((e) => this.poolsUnder(e.child, seen)))];
  }

  private checkTarget(
    key: string,
    pools: number[],
    check: SimHealthCheck,
    checkers: number[],
    minHealthyShare: number,
  ): number {
    const known = this.targetByKey.get(key);
    if (known !== undefined) return known;
    const t = this.targets.length;
    this.targets.push({ label: key, pools });
    this.targetByKey.set(key, t);
    this.groups.push({ check, targets: [t], checkers, minHealthyShare });
    return t;
  }

  /** The graph as the engine's arrays (pack-doors.ts). */
  build(
    dns: DnsClients,
    entries: readonly (SimSourceDoor | null)[],
    stores: readonly SimStore[],
    endpoints: readonly Endpoint[],
  ): SimDoors {
    return packDoors(this.nodes, this.targets, this.groups, dns, entries, stores, endpoints);
  }
}
