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
 * - routing-policy-geo.md: a geolocation query gets the most specific record matching the resolver's
 *   place (subdivision, then country, then continent), else the Default record, else no answer
 *   (here a failed attempt, cached for the negative TTL, 900 s: SOA-NSrecords.md). With health
 *   checks (health-checks-how-route-53-chooses-records.md) an unhealthy record falls to the next less
 *   specific match, then the default. ASSUMPTION: when every matching record is unhealthy but
 *   another record is healthy, the most specific match answers (fails open within the matches).
 *   Metros have no subdivision in the catalog, and continents are compile-geo.ts's table.
 * - routing-policy-geoproximity.md: the healthy record whose biased distance from the resolver is
 *   least: distance x (1 - bias/100) for a positive bias, distance / (1 + bias/100) for a negative
 *   one; distance is geodesic, to the record's region, Local Zone or coordinates.
 * - routing-policy-ipbased.md: the longest CIDR match of the client's address, else the default
 *   location '*'. Users' addresses are not in the model: every query gets the '*' record (or the
 *   first record when there is none), and the compilation says so in its notes.
 * - Simple and multivalue answers: one of the records at random (a multivalue client picks one of
 *   up to 8 healthy values).
 */
import type { Stream } from '../random.js';
import {
  DOOR_CLOUDFRONT,
  DOOR_POOL,
  DOOR_ROUTE53,
  GEO_CONTINENT,
  GEO_COUNTRY,
  GEO_DEFAULT,
  GEO_SUBDIVISION,
  POLICY_FAILOVER,
  POLICY_GEOLOCATION,
  POLICY_GEOPROXIMITY,
  POLICY_IP_BASED,
  POLICY_LATENCY,
  ROLE_PRIMARY,
  ROLE_SECONDARY,
  type SimDoors,
} from './model.js';

/** How long resolvers cache that a name has no answer: min(SOA TTL 900 s, SOA minimum 86400 s) (SOA-NSrecords.md). */
export const NEGATIVE_TTL_S = 900;

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
      if (e < 0) {
        this.ttlS = NEGATIVE_TTL_S;
        return -1;
      }
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
    if (policy === POLICY_GEOLOCATION) return this.geolocation(lo, hi, from, anyHealthy);
    if (policy === POLICY_GEOPROXIMITY) return this.geoproximity(lo, hi, from, anyHealthy);
    if (policy === POLICY_IP_BASED) {
      const level = d.geo?.level;
      for (let e = lo; e < hi; e++) if (level?.[e] === GEO_DEFAULT) return e;
      return lo;
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

  /** The most specific healthy record matching endpoint `from`'s place, else the default; -1 none. */
  private geolocation(lo: number, hi: number, from: number, anyHealthy: boolean): number {
    const g = this.d.geo;
    if (!g) return -1;
    const sub = g.subdivision[from] ?? -1;
    const country = g.country[from] ?? -1;
    const continent = g.continent[from] ?? -1;
    let best = -1;
    let bestLevel = 0;
    let match = -1;
    let matchLevel = 0;
    for (let e = lo; e < hi; e++) {
      const level = g.level[e] as number;
      const code = g.code[e] as number;
      const matches =
        level === GEO_DEFAULT ||
        (level === GEO_CONTINENT && code === continent) ||
        (level === GEO_COUNTRY && code === country) ||
        (level === GEO_SUBDIVISION && code === sub);
      if (!matches) continue;
      if (level > matchLevel) {
        match = e;
        matchLevel = level;
      }
      if (anyHealthy && !this.edgeHealthy(e)) continue;
      if (level > bestLevel) {
        best = e;
        bestLevel = level;
      }
    }
    return best >= 0 ? best : match;
  }

  /** The healthy record with the least biased distance from endpoint `from`. */
  private geoproximity(lo: number, hi: number, from: number, anyHealthy: boolean): number {
    const g = this.d.geo;
    if (!g) return -1;
    let best = -1;
    let bestKm = Number.POSITIVE_INFINITY;
    for (let e = lo; e < hi; e++) {
      const slot = g.slot[e] as number;
      if (slot < 0 || (anyHealthy && !this.edgeHealthy(e))) continue;
      const km = g.km[from * g.slots + slot] ?? Number.POSITIVE_INFINITY;
      const bias = g.bias[e] as number;
      const biased = bias >= 0 ? km * (1 - bias / 100) : km / (1 + bias / 100);
      if (best < 0 || biased < bestKm) {
        best = e;
        bestKm = biased;
      }
    }
    return best;
  }
}
