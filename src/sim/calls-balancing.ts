/**
 * Balancing a call among a service's pools: each caller's pools in order of preference for an RTT
 * matrix; the choice among them by the service's policy (`nearest` and `primary` take the first pool
 * in the caller's order with a free worker, else the least loaded; `round-robin` spreads in
 * proportion to workers; `least-outstanding` takes the least work per worker); and, once faults
 * are about, the same choice as a load balancer makes it, on the health it observes rather than on
 * the truth.
 *
 * AWS behaviour modelled here, with its sources (ELB User Guide for Application Load Balancers,
 * "Health checks for your target groups"; "Target groups", routing algorithms):
 * - The balancer routes only to targets its health checks observe healthy: between a fault and its
 *   detection it still sends calls to a lost pool, as if that pool still had the workers it had
 *   (to it they look free: it cannot see them); a least-outstanding-requests balancer sees the calls
 *   hanging there pile up and sends fewer.
 * - Fail open: when no target is healthy, the balancer routes to all of them as if all were healthy.
 */
import type { CallRouting } from './calls-routing.js';
import { BALANCE_LEAST_OUTSTANDING, BALANCE_PRIMARY, BALANCE_ROUND_ROBIN, type SimModel } from './model.js';
import type { Stream } from './random.js';

/**
 * Per service and caller endpoint, the pools the caller can reach, in the order it prefers them
 * (nearest first, ties in listed order; `primary` keeps the listed order), -1 padded to `width`.
 */
export function callerOrder(model: SimModel, rttMs: Float64Array, width: number): Int32Array {
  const e = model.endpoints.length;
  const order = new Int32Array(model.services.length * e * width).fill(-1);
  model.services.forEach((service, s) => {
    for (let from = 0; from < e; from++) {
      const rtt = (p: number) => rttMs[from * e + (model.pools[p]?.endpoint as number)] as number;
      const reachable = service.pools.filter((p) => Number.isFinite(rtt(p)));
      if (service.balancing !== BALANCE_PRIMARY) reachable.sort((a, b) => rtt(a) - rtt(b) || a - b);
      reachable.forEach((p, k) => {
        order[(s * e + from) * width + k] = p;
      });
    }
  });
  return order;
}

/** The pool a call from `from` goes to by the service's balancing policy: the fast path, without faults. */
export function choosePool(calls: CallRouting, service: number, from: number, rng: Stream): number {
  const width = calls.orderWidth;
  const base = (service * calls.endpointCount + from) * width;
  const order = calls.order;
  const capacity = calls.capacity;
  const policy = calls.balancing[service] as number;
  if (policy === BALANCE_ROUND_ROBIN) {
    let total = 0;
    for (let k = 0; k < width; k++) {
      const p = order[base + k] as number;
      if (p < 0) break;
      total += capacity.workersUp[p] as number;
    }
    if (total > 0) {
      let pick = rng.uniform() * total;
      for (let k = 0; k < width; k++) {
        const p = order[base + k] as number;
        if (p < 0) break;
        pick -= capacity.workersUp[p] as number;
        if (pick < 0) return p;
      }
    }
  } else if (policy !== BALANCE_LEAST_OUTSTANDING) {
    // Nearest (or primary): the first pool in the caller's order with a free worker.
    for (let k = 0; k < width; k++) {
      const p = order[base + k] as number;
      if (p < 0) break;
      if (capacity.free(p) > 0) return p;
    }
  }
  // Least outstanding work per worker among pools with workers; else the first pool (it rejects).
  let best = order[base] as number;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (let k = 0; k < width; k++) {
    const p = order[base + k] as number;
    if (p < 0) break;
    const workers = capacity.workersUp[p] as number;
    if (workers === 0) continue;
    const load = ((capacity.busy[p] as number) + (calls.qLen[p] as number) + 1) / workers;
    if (load < bestLoad) {
      bestLoad = load;
      best = p;
    }
  }
  return best;
}

/**
 * The pool a call from `from` goes to by the service's balancing, skipping pools observed unhealthy
 * (all count when none is healthy); -1 when the caller reaches no pool. With every pool up and
 * healthy it chooses as calls.ts's fast path does, drawing the same numbers.
 */
export function chooseDegraded(calls: CallRouting, service: number, from: number, rng: Stream): number {
  const width = calls.orderWidth;
  const order = calls.order;
  const base = (service * calls.endpointCount + from) * width;
  const healthy = calls.conditions.observedHealthy;
  let failOpen = true;
  for (let k = 0; k < width; k++) {
    const p = order[base + k] as number;
    if (p < 0) break;
    if (healthy[p] === 1) {
      failOpen = false;
      break;
    }
  }
  const policy = calls.balancing[service] as number;
  if (policy === BALANCE_ROUND_ROBIN) {
    let total = 0;
    for (let k = 0; k < width; k++) {
      const p = order[base + k] as number;
      if (p < 0) break;
      if (failOpen || healthy[p] === 1) total += seenWorkers(calls, p);
    }
    if (total > 0) {
      let pick = rng.uniform() * total;
      for (let k = 0; k < width; k++) {
        const p = order[base + k] as number;
        if (p < 0) break;
        if (!failOpen && healthy[p] !== 1) continue;
        pick -= seenWorkers(calls, p);
        if (pick < 0) return p;
      }
    }
  } else if (policy !== BALANCE_LEAST_OUTSTANDING) {
    for (let k = 0; k < width; k++) {
      const p = order[base + k] as number;
      if (p < 0) break;
      if (!failOpen && healthy[p] !== 1) continue;
      if (
        calls.conditions.down[p] === 1
          ? (calls.conditions.ghostWorkers[p] as number) > 0
          : calls.capacity.free(p) > 0
      )
        return p;
    }
  }
  return leastOutstanding(calls, base, failOpen);
}

/** Workers of a pool as the balancer sees them: a lost pool's are the ones it had. */
function seenWorkers(calls: CallRouting, p: number): number {
  return calls.conditions.seenWorkers(p, calls.capacity.workersUp[p] as number);
}

/** The eligible pool with the least outstanding work per worker; else the first eligible one. */
function leastOutstanding(calls: CallRouting, base: number, failOpen: boolean): number {
  const order = calls.order;
  const healthy = calls.conditions.observedHealthy;
  const capacity = calls.capacity;
  let best = -1;
  let bestLoad = Number.POSITIVE_INFINITY;
  for (let k = 0; k < calls.orderWidth; k++) {
    const p = order[base + k] as number;
    if (p < 0) break;
    if (!failOpen && healthy[p] !== 1) continue;
    if (best < 0) best = p;
    const workers = seenWorkers(calls, p);
    if (workers === 0) continue;
    const outstanding =
      calls.conditions.down[p] === 1
        ? (calls.conditions.hanging[p] as number)
        : (capacity.busy[p] as number) + (calls.qLen[p] as number);
    const load = (outstanding + 1) / workers;
    if (load < bestLoad) {
      bestLoad = load;
      best = p;
    }
  }
  return best < 0 ? (order[base] as number) : best;
}
