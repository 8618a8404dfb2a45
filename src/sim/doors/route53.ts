/**
 * Route 53's answer to a resolver's query over its health view, and the health of what an alias
 * points at (evaluate target health).
 *
 * AWS behaviour modelled here, with its sources (Route 53 Developer Guide):
 * - routing-policy-weighted.md: each query picks a record at random in proportion to its weight;
 *   a record of weight 0 is answered only when every record of weight above 0 is unhealthy.
 * - routing-policy-failover.md: the primary while it is healthy, else a healthy secondary, else the
 *   primary.
 * - routing-policy-latency.md: the healthy record whose region has the lowest latency from the
 *   resolver (here the RTT from the resolver's metro, or the CloudFront edge that resolves).
 * - dns-failover-complex-configs.md / health-checks-how-route-53-chooses-records.md: a record
 *   without a health check is healthy; when no record of a group is healthy, Route 53 treats them
 *   all as healthy (fails open); an alias with evaluate target health is healthy only while its
 *   target is (an ELB: while it has a healthy target; another record set: while one of its records
 *   is), and Route 53 walks nested record sets itself, answering with the TTL of the record it ends
 *   on (resource-record-sets-values-alias.md: an alias to an ELB answers with 60 s).
 * - Simple and multivalue answers: one of the records at random (a multivalue client picks one of
 *   up to 8 healthy values). Geolocation, geoproximity and IP-based records are answered like
 *   weighted ones here (not modelled yet).
 */
import type { Stream } from '../random.js';
import {
  DOOR_CLOUDFRONT,
  DOOR_POOL,
  DOOR_ROUTE53,
  POLICY_FAILOVER,
  POLICY_LATENCY,
  ROLE_PRIMARY,
  ROLE_SECONDARY,
  type SimDoors,
} from './model.js';

/** Route 53's health view of the door graph: the health targets' observed health. */
export class Route53View {
  private readonly d: SimDoors;
  healthy: Uint8Array;
  /** The TTL of the last answer {@link answer} gave. */
  ttlS = 0;

  constructor(doors: SimDoors, healthy: Uint8Array) {
    this.d = doors;
    this.healthy = healthy;
  }

  /** Whether edge `e` is healthy: its health check's view, and its target's when it evaluates it. */
  edgeHealthy(e: number): boolean {
    const check = this.d.check[e] as number;
    if (check >= 0 && this.healthy[check] !== 1) return false;
    return this.d.evaluate[e] !== 1 || this.nodeHealthy(this.d.child[e] as number, 0);
  }

  /** A node is healthy while one of its edges is (pools and distributions always are). */
  nodeHealthy(n: number, depth: number): boolean {
    const kind = this.d.kind[n] as number;
    if (kind === DOOR_POOL || kind === DOOR_CLOUDFRONT || depth > 8) return true;
    const d = this.d;
    for (let e = d.first[n] as number; e < (d.first[n + 1] as number); e++) {
      const check = d.check[e] as number;
      if (check >= 0 && this.healthy[check] !== 1) continue;
      if (d.evaluate[e] === 1 && !this.nodeHealthy(d.child[e] as number, depth + 1)) continue;
      return true;
    }
    return false;
  }

  /**
   * The door Route 53 answers for record set `n` queried from endpoint `from` (nested record sets
   * walked): never a record set. Sets {@link ttlS}.
   */
  answer(n: number, from: number, rttS: Float64Array, endpoints: number, rng: Stream): number {
    let node = n;
    for (let depth = 0; depth < 8 && this.d.kind[node] === DOOR_ROUTE53; depth++) {
      const e = this.pick(node, from, rttS, endpoints, rng);
      if (e < 0) return -1;
      this.ttlS = this.d.ttlS[e] as number;
      node = this.d.child[e] as number;
    }
    return node;
  }

  /** The record (edge) a query of record set `n` gets. */
  private pick(n: number, from: number, rttS: Float64Array, endpoints: number, rng: Stream): number {
    const d = this.d;
    const lo = d.first[n] as number;
    const hi = d.first[n + 1] as number;
    if (hi <= lo) return -1;
    let anyHealthy = false;
    for (let e = lo; e < hi; e++)
      if (this.edgeHealthy(e)) {
        anyHealthy = true;
        break;
      }
    const policy = d.policy[n] as number;
    if (policy === POLICY_FAILOVER) {
      let primary = -1;
      let secondary = -1;
      for (let e = lo; e < hi; e++) {
        if (d.role[e] === ROLE_PRIMARY && primary < 0) primary = e;
        else if (d.role[e] === ROLE_SECONDARY && secondary < 0) secondary = e;
      }
      if (primary >= 0 && this.edgeHealthy(primary)) return primary;
      if (secondary >= 0 && this.edgeHealthy(secondary)) return secondary;
      return primary >= 0 ? primary : lo;
    }
    if (policy === POLICY_LATENCY) {
      let best = -1;
      let bestRtt = Number.POSITIVE_INFINITY;
      for (let e = lo; e < hi; e++) {
        if (anyHealthy && !this.edgeHealthy(e)) continue;
        const region = d.region[e] as number;
        const rtt = region >= 0 ? (rttS[from * endpoints + region] as number) : Number.MAX_VALUE;
        if (best < 0 || rtt < bestRtt) {
          best = e;
          bestRtt = rtt;
        }
      }
      return best;
    }
    // Weighted (and the rest): in proportion to weight among the eligible; weight 0 only as a last resort.
    let total = 0;
    for (let e = lo; e < hi; e++) if (!anyHealthy || this.edgeHealthy(e)) total += d.weight[e] as number;
    if (total > 0) {
      let x = rng.uniform() * total;
      for (let e = lo; e < hi; e++) {
        if (anyHealthy && !this.edgeHealthy(e)) continue;
        x -= d.weight[e] as number;
        if (x < 0) return e;
      }
    }
    let count = 0;
    for (let e = lo; e < hi; e++) if (!anyHealthy || this.edgeHealthy(e)) count++;
    let k = Math.floor(rng.uniform() * count);
    for (let e = lo; e < hi; e++) if ((!anyHealthy || this.edgeHealthy(e)) && k-- === 0) return e;
    return lo;
  }
}
