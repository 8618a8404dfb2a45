/**
 * Users entering through the front doors: per demand source the door graph (model.ts), per metro a
 * few DNS resolvers that cache each record set's answer for its TTL (and a share of clients that
 * stretch TTLs), per session the answer it resolved and the target it sticks to, and the health
 * checks of Route 53, the load balancers and the accelerators (health.ts) whose views the doors
 * route on. Sets the entry pool of each attempt (calls.ts reads it) and counts, per second, where
 * the attempts went, what sessions lost, and when each check first flipped.
 *
 * AWS behaviour modelled here, with its sources:
 * - A resolver caches an answer for the record's TTL (Route 53 Developer Guide,
 *   resource-record-sets-values-basic.md, "TTL"); some resolvers and JVMs keep answers longer than
 *   the TTL (Java's networkaddress.cache.ttl; the Amazon VPC resolver caps TTLs at 300 s, re:Post):
 *   `client.dns.stretchShare` of sessions resolve through resolvers that keep every answer at least
 *   `stretchTo`. A client resolves when a session starts, and again only after an attempt failed (a
 *   connection that timed out or was refused): a stale answer persists until its resolver's TTL.
 * - Route 53's answers: route53.ts. Load balancers, Global Accelerator and CloudFront: edges.ts.
 * - Health checks: health.ts; Route 53's from its checker regions with the 18 % rule, the load
 *   balancers' and accelerators' from beside their targets.
 */
import { EV_HEALTH_PROBE, HealthChecks, type HealthListener, type HealthProber } from '../health.js';
import type { EventHeap } from '../heap.js';
import type { SimModel } from '../model.js';
import type { PoolConditions } from '../pool-conditions.js';
import { Stream } from '../random.js';
import { grownFloat64, grownInt32 } from '../tables.js';
import { pickEndpoint, pickTarget } from './edges.js';
import {
  DOOR_ACCELERATOR,
  DOOR_CLOUDFRONT,
  DOOR_LB,
  DOOR_POOL,
  DOOR_ROUTE53,
  SESSIONS_MEMORY,
  SESSIONS_REPLICATED,
  type SimDoors,
} from './model.js';
import { Route53View } from './route53.js';

export const EV_DOOR_PROBE = 40;
export const EV_DOOR_RESULT = 41;
/** Streams of the doors' randomness (apart from the others: adding them shifts nothing). */
export const STREAM_DOORS = 20;
export const STREAM_DOOR_HEALTH = 21;

/** The entry of an attempt that fails at the door after its delay, and one the edge's cache answers. */
export const ENTRY_FAIL = -2;
export const ENTRY_EDGE_HIT = -3;
/** A resolver cache entry never filled (-1 is a cached "no answer"). */
const UNCACHED = -4;

/** What the doors need of the calls: RTTs and the pools' truth. */
export interface DoorHost {
  rttS: Float64Array;
  readonly endpointCount: number;
  readonly conditions: PoolConditions;
  readonly capacity: { readonly inService: Int32Array };
}

export class Doors implements HealthProber, HealthListener {
  readonly d: SimDoors;
  readonly health: HealthChecks;
  probeDelayS = 0;
  /** The entry the last {@link route} chose: a pool, {@link ENTRY_FAIL} or {@link ENTRY_EDGE_HIT}; and its delay. */
  entryPool = -1;
  entryDelayS = 0;
  /** Per health target: when it was first observed unhealthy, and when last (NaN: never). */
  readonly firstDownS: Float64Array;
  /** Per pool and second of the run: attempts the doors sent there. */
  readonly perSecond: Float64Array;
  readonly seconds: number;
  sessionsLost = 0;
  sessionsMoved = 0;
  /** Replicated sessions moved whose last write was within the replication lag of their pool's loss. */
  sessionWritesAtRisk = 0;
  edgeHits = 0;
  /** The dead primary origin the last routed attempt met first (-1 none). */
  private triedPool = -1;
  /** The viewer-function option of the source being routed. */
  private cookie = 0;
  originFailovers = 0;
  private readonly model: SimModel;
  private readonly host: DoorHost;
  private readonly view: Route53View;
  private readonly rng: Stream;
  private readonly nodes: number;
  /** DNS caches, rows x nodes: the answer (a door) and when it expires. */
  private readonly cacheAnswer: Int32Array;
  private readonly cacheExpiry: Float64Array;
  private readonly rowsPerSource: number;
  // Per session.
  private sRow: Int32Array;
  private sLeaf: Int32Array;
  private sPool: Int32Array;
  private sLastS: Float64Array;

  constructor(model: SimModel, doors: SimDoors, later: EventHeap, host: DoorHost) {
    this.model = model;
    this.d = doors;
    this.host = host;
    this.rng = new Stream(model.seed, STREAM_DOORS);
    const targets = doors.targetLabel.length;
    this.health = new HealthChecks(
      targets,
      doors.groups,
      later,
      this,
      this,
      new Stream(model.seed, STREAM_DOOR_HEALTH),
      {
        probe: EV_DOOR_PROBE,
        result: EV_DOOR_RESULT,
      },
    );
    this.view = new Route53View(doors, this.health.healthy);
    this.firstDownS = new Float64Array(targets).fill(Number.NaN);
    this.nodes = doors.kind.length;
    // Per source: the plain resolvers, the stretching ones, and the edge's own (CloudFront's servers).
    this.rowsPerSource = 3 * doors.resolvers;
    const rows = model.sources.length * this.rowsPerSource;
    this.cacheAnswer = new Int32Array(rows * this.nodes).fill(UNCACHED);
    this.cacheExpiry = new Float64Array(rows * this.nodes);
    this.seconds = Math.ceil(model.durationS) + 1;
    this.perSecond = new Float64Array(
      model.pools.length * this.seconds <= 4e6 ? model.pools.length * this.seconds : 0,
    );
    const n = 256;
    this.sRow = new Int32Array(n);
    this.sLeaf = new Int32Array(n);
    this.sPool = new Int32Array(n);
    this.sLastS = new Float64Array(n);
  }

  /** Starts the health checks (only runs with faults need them: nothing else changes health). */
  start(): void {
    if ((this.model.faults?.length ?? 0) > 0) this.health.start(0);
  }

  handle(kind: number, c: number, now: number): void {
    this.health.handle(kind === EV_DOOR_PROBE ? EV_DOOR_PROBE : EV_DOOR_RESULT, c, now);
  }

  /** Grows the per-session rows to hold session `s`. */
  newSession(s: number): void {
    while (s >= this.sRow.length) {
      this.sRow = grownInt32(this.sRow);
      this.sLeaf = grownInt32(this.sLeaf);
      this.sPool = grownInt32(this.sPool);
      this.sLastS = grownFloat64(this.sLastS);
    }
    this.sRow[s] = -1;
    this.sLeaf[s] = -1;
    this.sPool[s] = -1;
  }

  /**
   * Routes an attempt of source `k`'s session `s` at `now`; `retry` when an attempt of the request
   * failed before (the client resolves again). Sets {@link entryPool} and {@link entryDelayS}.
   */
  route(k: number, s: number, retry: boolean, now: number): void {
    const entry = this.d.entries[k];
    this.entryDelayS = 0;
    if (!entry) {
      this.entryPool = -1;
      return;
    }
    if ((this.sRow[s] as number) < 0) {
      const stretch = this.rng.uniform() < this.d.stretchShare;
      const r = Math.floor(this.rng.uniform() * this.d.resolvers);
      this.sRow[s] = k * this.rowsPerSource + (stretch ? this.d.resolvers : 0) + r;
    }
    let leaf = this.sLeaf[s] as number;
    if (leaf < 0 || retry) {
      leaf = this.resolve(entry.node, this.sRow[s] as number, entry.metro, now);
      this.sLeaf[s] = leaf;
    }
    const from = entry.edge >= 0 ? entry.edge : entry.metro;
    this.triedPool = -1;
    this.cookie = entry.cookie;
    // Record sets behind an edge are resolved by one of the edge's servers, each with its own cache.
    const edgeRow =
      k * this.rowsPerSource + 2 * this.d.resolvers + Math.floor(this.rng.uniform() * this.d.resolvers);
    const pool = leaf < 0 ? ENTRY_FAIL : this.walk(leaf, s, edgeRow, from, now);
    if (pool === ENTRY_EDGE_HIT) {
      this.edgeHits++;
      this.entryDelayS = entry.hitS;
    }
    this.entryPool = pool;
    // An origin group's request that met its dead primary first counts there: it was not served elsewhere in time.
    this.count(this.triedPool >= 0 ? this.triedPool : pool, now);
    if (pool < 0) return;
    const prev = this.sPool[s] as number;
    if (prev >= 0 && prev !== pool && this.host.conditions.down[prev] === 1) {
      if (entry.sessions === SESSIONS_MEMORY) this.sessionsLost++;
      else if (entry.sessions === SESSIONS_REPLICATED) {
        this.sessionsMoved++;
        const lag = entry.lagMedianS * Math.exp(entry.lagSigma * this.rng.normal());
        if ((this.sLastS[s] as number) > (this.host.conditions.downSinceS[prev] as number) - lag)
          this.sessionWritesAtRisk++;
      }
    }
    this.sPool[s] = pool;
    // The session's last write reached a live pool then (an attempt to a lost one writes nothing).
    if (this.host.conditions.down[pool] !== 1) this.sLastS[s] = now;
  }

  /** Counts an attempt sent to `pool` (none when negative) in its second. */
  private count(pool: number, now: number): void {
    const second = Math.floor(now);
    if (pool < 0 || second >= this.seconds || this.perSecond.length === 0) return;
    const i = pool * this.seconds + second;
    this.perSecond[i] = (this.perSecond[i] as number) + 1;
  }

  /** The door a resolver's cache row answers for record set `n` (cached for the TTL, or stretched). */
  private resolve(n: number, row: number, from: number, now: number): number {
    if (this.d.kind[n] !== DOOR_ROUTE53) return n;
    const i = row * this.nodes + n;
    if ((this.cacheExpiry[i] as number) > now) return this.cacheAnswer[i] as number;
    const host = this.host;
    const answer = this.view.answer(n, from, host.rttS, host.endpointCount, this.rng);
    const plain = row % this.rowsPerSource;
    const stretched = plain >= this.d.resolvers && plain < 2 * this.d.resolvers;
    const ttl = stretched ? Math.max(this.view.ttlS, this.d.stretchToS) : this.view.ttlS;
    // A resolver's first answer in the run was cached at a random time before it (resolvers are not in step).
    const first = this.cacheAnswer[i] === UNCACHED;
    this.cacheAnswer[i] = answer;
    this.cacheExpiry[i] = now + (first ? this.rng.uniform() * ttl : ttl);
    return answer;
  }

  /** The pool door `n` leads session `s` to (or an {@link ENTRY_FAIL} / {@link ENTRY_EDGE_HIT}). */
  private walk(n: number, s: number, edgeRow: number, from: number, now: number): number {
    const d = this.d;
    const host = this.host;
    let node = n;
    for (let depth = 0; depth < 16; depth++) {
      if (node < 0) return ENTRY_FAIL;
      const kind = d.kind[node] as number;
      if (kind === DOOR_POOL) return d.pool[node] as number;
      if (kind === DOOR_ROUTE53) node = this.resolve(node, edgeRow, from, now);
      else if (kind === DOOR_LB) {
        const e = pickTarget(d, this.health.healthy, node, this.sPool[s] as number, this.rng);
        node = e < 0 ? -1 : (d.child[e] as number);
      } else if (kind === DOOR_ACCELERATOR) {
        const e = pickEndpoint(
          d,
          this.health.healthy,
          node,
          from,
          this.sPool[s] as number,
          host.rttS,
          host.endpointCount,
          this.rng,
        );
        node = e < 0 ? -1 : (d.child[e] as number);
      } else if (kind === DOOR_CLOUDFRONT) return this.origin(node, s, edgeRow, from, now);
      else return ENTRY_FAIL;
    }
    return ENTRY_FAIL;
  }

  /** A CloudFront distribution's answer: its edge cache, or its origin (group), with failover's delay. */
  private origin(n: number, s: number, edgeRow: number, from: number, now: number): number {
    const d = this.d;
    if ((d.share[n] as number) > 0 && this.rng.uniform() < (d.share[n] as number)) return ENTRY_EDGE_HIT;
    const lo = d.first[n] as number;
    const options = ((d.first[n + 1] as number) - lo) >> 1;
    if (options === 0) return ENTRY_FAIL;
    const e = lo + 2 * Math.min(this.cookie, options - 1);
    const primary = this.walk(d.child[e] as number, s, edgeRow, from, now);
    if (primary >= 0 && this.host.conditions.down[primary] !== 1) return primary;
    // The primary does not connect: CloudFront tries it connectionAttempts times, connectionTimeout each.
    this.triedPool = primary;
    this.entryDelayS += d.connectS[n] as number;
    const secondary = d.child[e + 1] as number;
    if (secondary < 0 || d.failoverMethod[n] !== 1) return ENTRY_FAIL;
    this.originFailovers++;
    return this.walk(secondary, s, edgeRow, from, now);
  }

  /** What a probe of health target `t` from endpoint `from` (-1: beside it) finds: any of its pools up. */
  probe(t: number, from: number, timeoutS: number): number {
    const d = this.d;
    const host = this.host;
    this.probeDelayS = timeoutS;
    for (let i = d.targetFirst[t] as number; i < (d.targetFirst[t + 1] as number); i++) {
      const pool = d.targetPools[i] as number;
      if (host.conditions.down[pool] === 1 || (host.capacity.inService[pool] as number) === 0) continue;
      const to = this.model.pools[pool]?.endpoint as number;
      const rtt = host.rttS[(from < 0 ? to : from) * host.endpointCount + to] as number;
      if (!(rtt < timeoutS)) continue;
      this.probeDelayS = rtt;
      return 1;
    }
    return 0;
  }

  healthChanged(t: number, healthy: boolean, now: number): void {
    if (!healthy && Number.isNaN(this.firstDownS[t] as number)) this.firstDownS[t] = now;
  }
}

export { EV_HEALTH_PROBE };
