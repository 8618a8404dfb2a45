/**
 * Route 53's health rule and answers on hand-built door graphs: the 18 % rule over 8 checkers'
 * votes (health.ts), fail-open when every record is unhealthy, failover and weighted answers, and
 * alias records that evaluate their target's health.
 */
import { describe, expect, it } from 'vitest';
import { HealthChecks } from '../health.js';
import { EventHeap } from '../heap.js';
import { Stream } from '../random.js';
import {
  DOOR_LB,
  DOOR_POOL,
  DOOR_ROUTE53,
  POLICY_FAILOVER,
  POLICY_WEIGHTED,
  ROLE_PRIMARY,
  ROLE_SECONDARY,
  type SimDoors,
} from './model.js';
import { Route53View } from './route53.js';

/** Runs 8 checkers of one target, `failing` of which see it fail, until nothing changes. */
function healthWithFailing(failing: number): number {
  const heap = new EventHeap(64);
  const check = { intervalS: 30, timeoutS: 6, unhealthyThreshold: 3, healthyThreshold: 3 };
  const checkers = [0, 1, 2, 3, 4, 5, 6, 7];
  const health = new HealthChecks(
    1,
    [{ check, targets: [0], checkers, minHealthyShare: 0.18 }],
    heap,
    {
      probeDelayS: 0.05,
      probe: (_target: number, from: number) => (from < failing ? 0 : 1),
    },
    { healthChanged: () => {} },
    new Stream(1, 99),
  );
  health.start(0);
  while (heap.pop() && heap.time < 600) health.handle(heap.kind, heap.target, heap.time);
  return health.healthy[0] as number;
}

/** A record set over two pools (records 0 and 1), optionally through a load balancer with target checks. */
function doors(policy: number, roles: [number, number], weights: [number, number]): SimDoors {
  // Nodes: 0 the record set, 1 and 2 pools. Edges: 0, 1 the records (checks 0 and 1).
  return {
    kind: Uint8Array.from([DOOR_ROUTE53, DOOR_POOL, DOOR_POOL]),
    policy: Uint8Array.from([policy, 0, 0]),
    pool: Int32Array.from([-1, 0, 1]),
    endpoint: Int32Array.from([-1, -1, -1]),
    share: new Float64Array(3),
    failoverMethod: new Uint8Array(3),
    connectS: new Float64Array(3),
    first: Int32Array.from([0, 2, 2, 2]),
    label: ['www', 'a', 'b'],
    child: Int32Array.from([1, 2]),
    weight: Float64Array.from(weights),
    role: Uint8Array.from(roles),
    region: Int32Array.from([-1, -1]),
    check: Int32Array.from([0, 1]),
    evaluate: new Uint8Array(2),
    ttlS: Float64Array.from([60, 60]),
    targetFirst: Int32Array.from([0, 1, 2]),
    targetPools: Int32Array.from([0, 1]),
    targetLabel: ['hc-a', 'hc-b'],
    groups: [],
    resolvers: 8,
    stretchShare: 0,
    stretchToS: 900,
    entries: [],
    stores: [],
  };
}

function answers(view: Route53View, n: number): number[] {
  const rng = new Stream(1, 5);
  const counts = [0, 0, 0];
  for (let i = 0; i < n; i++) {
    const leaf = view.answer(0, 0, new Float64Array(1), 1, rng);
    counts[leaf] = (counts[leaf] as number) + 1;
  }
  return counts;
}

describe('Route 53 in the simulator', () => {
  it('calls an endpoint healthy while more than 18 % of its 8 checkers do: 2 of 8 yes, 1 of 8 no', () => {
    expect(healthWithFailing(0)).toBe(1);
    expect(healthWithFailing(6)).toBe(1); // 2 of 8 healthy: 25 % > 18 %
    expect(healthWithFailing(7)).toBe(0); // 1 of 8 healthy: 12.5 %
    expect(healthWithFailing(8)).toBe(0);
  });

  it('failover: the primary while healthy, else the secondary, else (both unhealthy) the primary', () => {
    const d = doors(POLICY_FAILOVER, [ROLE_PRIMARY, ROLE_SECONDARY], [1, 1]);
    expect(answers(new Route53View(d, Uint8Array.from([1, 1])), 100)).toEqual([0, 100, 0]);
    expect(answers(new Route53View(d, Uint8Array.from([0, 1])), 100)).toEqual([0, 0, 100]);
    expect(answers(new Route53View(d, Uint8Array.from([0, 0])), 100)).toEqual([0, 100, 0]);
  });

  it('weighted: by weight among the healthy; fails open to all when none is', () => {
    const d = doors(POLICY_WEIGHTED, [0, 0], [3, 1]);
    const both = answers(new Route53View(d, Uint8Array.from([1, 1])), 4000);
    expect((both[1] as number) / 4000).toBeCloseTo(0.75, 1);
    expect(answers(new Route53View(d, Uint8Array.from([1, 0])), 100)).toEqual([0, 100, 0]);
    const none = answers(new Route53View(d, Uint8Array.from([0, 0])), 4000);
    expect((none[1] as number) / 4000).toBeCloseTo(0.75, 1);
  });

  it('an alias that evaluates target health follows its load balancer: unhealthy when no target is', () => {
    const d = doors(POLICY_WEIGHTED, [0, 0], [1, 1]);
    // Record 0 aliases a load balancer (node 1) with one target (check 0); record 1 has no check.
    const lb: SimDoors = {
      ...d,
      kind: Uint8Array.from([DOOR_ROUTE53, DOOR_LB, DOOR_POOL, DOOR_POOL]),
      policy: new Uint8Array(4),
      pool: Int32Array.from([-1, -1, 1, 0]),
      first: Int32Array.from([0, 2, 3, 3, 3]),
      child: Int32Array.from([1, 2, 3]),
      weight: Float64Array.from([1, 1, 1]),
      role: new Uint8Array(3),
      region: Int32Array.from([-1, -1, -1]),
      check: Int32Array.from([-1, -1, 0]),
      evaluate: Uint8Array.from([1, 0, 0]),
      ttlS: Float64Array.from([60, 60, 0]),
    };
    const view = new Route53View(lb, Uint8Array.from([0]));
    expect(view.nodeHealthy(1, 0)).toBe(false);
    const rng = new Stream(1, 5);
    for (let i = 0; i < 50; i++) expect(view.answer(0, 0, new Float64Array(1), 1, rng)).toBe(2);
  });
});
