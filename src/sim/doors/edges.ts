/**
 * The doors past DNS: a load balancer's target choice, a Global Accelerator's endpoint group and
 * endpoint, and a CloudFront distribution's edge cache and origin (group) failover.
 *
 * AWS behaviour modelled here, with its sources:
 * - ELB (ALB User Guide, sticky-sessions.md, target-group-health-checks.md; NLB User Guide, the
 *   same): a target group routes to the targets its health checks observe healthy, to all of them
 *   when none is (fail open); with stickiness (ALB duration or application cookie, NLB source IP)
 *   a session keeps its target while that target is healthy, and moves when it is not (the cookie
 *   is rewritten). Cross-zone balancing is taken as on (each target equally likely).
 * - Global Accelerator (GA Developer Guide, introduction-how-it-works.md,
 *   about-endpoint-groups-traffic-dial.md, about-endpoints-endpoint-weights.md,
 *   about-accelerators-client-affinity.md): traffic enters at the edge nearest the user and goes to
 *   the nearest endpoint group with a healthy endpoint; the group's traffic dial is the share it
 *   keeps, the rest going to the next groups; endpoints by weight among the healthy; with no
 *   healthy endpoint anywhere, any endpoint of the nearest group (fail open). Source-IP affinity
 *   pins a client to its endpoint while it is healthy. No DNS cache stands in the way: the anycast
 *   addresses never change.
 * - CloudFront (CF Developer Guide, high_availability_origin_failover.md,
 *   DownloadDistValuesOrigin.md): the cache behaviour's hit ratio is served at the edge; a miss
 *   goes to the origin; an origin group tries its primary first for every request, and a primary
 *   that does not connect costs its connection attempts x connection timeout (3 x 10 s by default)
 *   before the secondary is tried, for GET, HEAD and OPTIONS only; other methods fail (502/504).
 */
import type { Stream } from '../random.js';
import { type SimDoors, STICKY_NONE } from './model.js';

/** The edge of load balancer `n` a session goes to: its sticky target while healthy, else any healthy one. */
export function pickTarget(
  d: SimDoors,
  healthy: Uint8Array,
  n: number,
  stickyPool: number,
  rng: Stream,
): number {
  const lo = d.first[n] as number;
  const hi = d.first[n + 1] as number;
  if (hi <= lo) return -1;
  let count = 0;
  for (let e = lo; e < hi; e++) {
    const check = d.check[e] as number;
    const up = check < 0 || healthy[check] === 1;
    if (!up) continue;
    count++;
    if (d.policy[n] !== STICKY_NONE && stickyPool >= 0 && d.pool[d.child[e] as number] === stickyPool)
      return e;
  }
  const failOpen = count === 0;
  let k = Math.floor(rng.uniform() * (failOpen ? hi - lo : count));
  for (let e = lo; e < hi; e++) {
    const check = d.check[e] as number;
    if (!failOpen && check >= 0 && healthy[check] !== 1) continue;
    if (k-- === 0) return e;
  }
  return lo;
}

/** Whether a pool is among the pools health target `t` probes. */
function covers(d: SimDoors, t: number, pool: number): boolean {
  for (let i = d.targetFirst[t] as number; i < (d.targetFirst[t + 1] as number); i++)
    if (d.targetPools[i] === pool) return true;
  return false;
}

/** Healthy endpoints of group `g` and their weights. */
function groupWeight(d: SimDoors, healthy: Uint8Array, g: number): number {
  let total = 0;
  for (let e = d.first[g] as number; e < (d.first[g + 1] as number); e++)
    if (healthy[d.check[e] as number] === 1) total += d.weight[e] as number;
  return total;
}

/**
 * The endpoint (an edge of a group) accelerator `n` sends a connection from edge endpoint `from` to;
 * `stickyPool` is the session's pool under source-IP affinity.
 */
export function pickEndpoint(
  d: SimDoors,
  healthy: Uint8Array,
  n: number,
  from: number,
  stickyPool: number,
  rttS: Float64Array,
  endpoints: number,
  rng: Stream,
): number {
  const lo = d.first[n] as number;
  const hi = d.first[n + 1] as number;
  if (d.policy[n] !== STICKY_NONE && stickyPool >= 0)
    for (let ge = lo; ge < hi; ge++) {
      const g = d.child[ge] as number;
      // A group dialed to 0 is being drained: affinity does not keep its clients there.
      if ((d.share[g] as number) <= 0) continue;
      for (let e = d.first[g] as number; e < (d.first[g + 1] as number); e++) {
        const check = d.check[e] as number;
        if (healthy[check] === 1 && covers(d, check, stickyPool)) return e;
      }
    }
  // Groups nearest first (a selection by repeated minimum: few groups, no allocation).
  let visited = 0;
  let nearest = -1;
  let fallback = -1;
  for (let round = 0; round < hi - lo && round < 30; round++) {
    let g = -1;
    let bit = 0;
    let best = Number.POSITIVE_INFINITY;
    for (let ge = lo; ge < hi; ge++) {
      const b = 2 ** (ge - lo);
      if (Math.floor(visited / b) % 2 === 1) continue;
      const group = d.child[ge] as number;
      const rtt = rttS[from * endpoints + (d.endpoint[group] as number)] as number;
      if (g < 0 || rtt < best) {
        g = group;
        bit = b;
        best = rtt;
      }
    }
    visited += bit;
    if (nearest < 0) nearest = g;
    const total = groupWeight(d, healthy, g);
    if (total <= 0) continue;
    if (fallback < 0) fallback = g;
    if (rng.uniform() >= (d.share[g] as number)) continue;
    return weighted(d, healthy, g, total, rng);
  }
  if (fallback >= 0) return weighted(d, healthy, fallback, groupWeight(d, healthy, fallback), rng);
  // Nothing healthy: any endpoint of the nearest group.
  const glo = d.first[nearest] as number;
  const ghi = d.first[nearest + 1] as number;
  return ghi > glo ? glo + Math.floor(rng.uniform() * (ghi - glo)) : -1;
}

function weighted(d: SimDoors, healthy: Uint8Array, g: number, total: number, rng: Stream): number {
  let x = rng.uniform() * total;
  let last = -1;
  for (let e = d.first[g] as number; e < (d.first[g + 1] as number); e++) {
    if (healthy[d.check[e] as number] !== 1) continue;
    last = e;
    x -= d.weight[e] as number;
    if (x < 0) return e;
  }
  return last;
}
