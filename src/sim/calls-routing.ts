/**
 * Where a leg of a call goes: the routing entry of the call graphs (calls.ts runs the legs). A leg
 * the front doors routed (the users' call through a door, doors/doors.ts) goes where they chose; a
 * leg answered by a cache beside the caller goes nowhere; any other leg goes to a pool of the called
 * service chosen by its balancing (calls-balancing.ts) over the RTTs in force (links cut and
 * restored swap them: `useRtt`). The routing tables are built once per model: RTTs in seconds and
 * each caller's pools in order of preference, per RTT variant.
 */
import { callerOrder, chooseDegraded, choosePool } from './calls-balancing.js';
import type { Capacity } from './capacity.js';
import type { SimModel } from './model.js';
import type { PoolConditions } from './pool-conditions.js';
import { STREAM_CACHE, STREAM_ROUTING, Stream } from './random.js';

/** What {@link CallRouting.route} returns when the leg goes to no pool: it fails, or a cache answers it. */
export const ROUTE_FAIL = -2;
export const ROUTE_CACHED = -3;

export class CallRouting {
  readonly endpointCount: number;
  /** The RTTs in seconds now: one of `rttVariantsS`. */
  rttS: Float64Array;
  /** Per service and caller endpoint: its pools in the order the caller prefers them, -1 padded. */
  order: Int32Array;
  readonly orderWidth: number;
  readonly balancing: Int32Array;
  /** What the balancing reads: the pools' workers, queues and conditions (owned by calls.ts). */
  readonly capacity: Capacity;
  readonly qLen: Int32Array;
  readonly conditions: PoolConditions;
  /** The delay before the leg `route` routed last reaches its pool, fails or is answered. */
  delayS = 0;
  /** The users' call's legs go here when the front doors chose (-1: the service's balancing does). */
  private entryPool = -1;
  private entryDelayS = 0;
  /** The RTT matrices (s) and caller orders of the model's RTT variants (links cut and restored). */
  private readonly rttVariantsS: readonly Float64Array[];
  private readonly orders: readonly Int32Array[];
  private readonly pService: Int32Array;
  private readonly pCacheHitRatio: Float64Array;
  private readonly pCacheHitS: Float64Array;
  private readonly routingRng: Stream;
  private readonly cacheRng: Stream;

  constructor(model: SimModel, capacity: Capacity, qLen: Int32Array, conditions: PoolConditions) {
    this.capacity = capacity;
    this.qLen = qLen;
    this.conditions = conditions;
    this.endpointCount = model.endpoints.length;
    const variants = model.rttVariants ?? [model.rttMs];
    this.rttVariantsS = variants.map((m) => Float64Array.from(m, (ms) => ms / 1000));
    this.rttS = this.rttVariantsS[0] as Float64Array;
    const services = model.services;
    this.orderWidth = Math.max(1, ...services.map((s) => s.pools.length));
    this.orders = variants.map((rttMs) => callerOrder(model, rttMs, this.orderWidth));
    this.order = this.orders[0] as Int32Array;
    this.balancing = Int32Array.from(services.map((s) => s.balancing));
    this.pService = model.program.service;
    this.pCacheHitRatio = model.program.cacheHitRatio;
    this.pCacheHitS = model.program.cacheHitS;
    this.routingRng = new Stream(model.seed, STREAM_ROUTING);
    this.cacheRng = new Stream(model.seed, STREAM_CACHE);
  }

  /** Routes calls over RTT variant `v` of the model from now on (a link cut or restored). */
  useRtt(v: number): void {
    this.rttS = this.rttVariantsS[v] as Float64Array;
    this.order = this.orders[v] as Int32Array;
  }

  /**
   * The users' call's legs go to `pool` after `delayS` (the front doors chose it), or fail
   * ({@link ROUTE_FAIL}) or are answered by the edge's cache ({@link ROUTE_CACHED}) after `delayS`;
   * -1: back to the service's balancing.
   */
  enterVia(pool: number, delayS: number): void {
    this.entryPool = pool;
    this.entryDelayS = delayS;
  }

  /**
   * Where a leg of call `node` from endpoint `from` goes: a pool, {@link ROUTE_CACHED} or
   * {@link ROUTE_FAIL} (no path left to any pool of the service: a link cut), `delayS` later.
   */
  route(node: number, from: number, degraded: boolean): number {
    const entry = this.entryPool;
    if (entry !== -1) {
      this.delayS = this.entryDelayS;
      return entry < 0 ? (entry === ROUTE_CACHED ? ROUTE_CACHED : ROUTE_FAIL) : entry;
    }
    const hit = this.pCacheHitRatio[node] as number;
    if (hit > 0 && this.cacheRng.uniform() < hit) {
      this.delayS = this.pCacheHitS[node] as number;
      return ROUTE_CACHED;
    }
    this.delayS = 0;
    const service = this.pService[node] as number;
    const pool = degraded
      ? chooseDegraded(this, service, from, this.routingRng)
      : choosePool(this, service, from, this.routingRng);
    return pool < 0 ? ROUTE_FAIL : pool;
  }
}
