/**
 * Route 53's health rule and answers on hand-built door graphs: the 18 % rule over 8 checkers'
 * votes (health.ts), fail-open when every record is unhealthy, failover, weighted, geolocation,
 * geoproximity and IP-based answers, and alias records that evaluate their target's health.
 */
import { describe, expect, it } from 'vitest';
import { HealthChecks } from '../health.js';
import { EventHeap } from '../heap.js';
import { Stream } from '../random.js';
import {
  DOOR_LB,
  DOOR_POOL,
  DOOR_ROUTE53,
  GEO_CONTINENT,
  GEO_COUNTRY,
  GEO_DEFAULT,
  GEO_NONE,
  POLICY_FAILOVER,
  POLICY_GEOLOCATION,
  POLICY_GEOPROXIMITY,
  POLICY_IP_BASED,
  POLICY_WEIGHTED,
  ROLE_PRIMARY,
  ROLE_SECONDARY,
  type SimDoors,
} from './model.js';
import { NEGATIVE_TTL_S, Route53View } from './route53.js';

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

/** A geographic record: its level and code, or its distance (km) from the querying endpoint and bias. */
interface GeoRecord {
  readonly level?: number;
  readonly code?: number;
  readonly km?: number;
  readonly bias?: number;
}

/**
 * A record set of `policy` over one pool per record (record e leads to node e + 1, gated by check
 * e), queried from one endpoint of `country` and `continent` (interned codes).
 */
function geoDoors(policy: number, records: readonly GeoRecord[], country = -1, continent = -1): SimDoors {
  const n = records.length;
  const slots = records.filter((r) => r.km !== undefined);
  let slot = 0;
  return {
    ...doors(policy, [0, 0], [1, 1]),
    kind: Uint8Array.from([DOOR_ROUTE53, ...records.map(() => DOOR_POOL)]),
    policy: Uint8Array.from([policy, ...records.map(() => 0)]),
    pool: Int32Array.from([-1, ...records.map((_, e) => e)]),
    first: Int32Array.from([0, ...records.map(() => n), n]),
    label: ['www', ...records.map((_, e) => `p${e}`)],
    child: Int32Array.from(records, (_, e) => e + 1),
    weight: new Float64Array(n).fill(1),
    role: new Uint8Array(n),
    region: new Int32Array(n).fill(-1),
    check: Int32Array.from(records, (_, e) => e),
    evaluate: new Uint8Array(n),
    ttlS: new Float64Array(n).fill(60),
    geo: {
      level: Uint8Array.from(records, (r) => r.level ?? GEO_NONE),
      code: Int32Array.from(records, (r) => r.code ?? -1),
      bias: Float64Array.from(records, (r) => r.bias ?? 0),
      slot: Int32Array.from(records, (r) => (r.km === undefined ? -1 : slot++)),
      subdivision: Int32Array.from([-1]),
      country: Int32Array.from([country]),
      continent: Int32Array.from([continent]),
      km: Float64Array.from(slots, (r) => r.km as number),
      slots: slots.length,
    },
  };
}

/** The node a query from endpoint 0 gets, with every record healthy unless `healthy` says otherwise. */
function answerOf(d: SimDoors, healthy?: number[]): number {
  const n = d.child.length;
  const view = new Route53View(d, Uint8Array.from(healthy ?? new Array<number>(n).fill(1)));
  return view.answer(0, 0, new Float64Array(1), 1, new Stream(1, 5));
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

  // Interned codes: continents EU 0 and NA 1, countries FR 2, DE 3, US 4.
  const EU = 0;
  const NA = 1;
  const FR = 2;
  const DE = 3;
  const US = 4;
  // Records (least specific first, to show order does not matter): the default, Europe, France.
  const geo = [{ level: GEO_DEFAULT }, { level: GEO_CONTINENT, code: EU }, { level: GEO_COUNTRY, code: FR }];

  it('geolocation: the country record over the continent over the default', () => {
    expect(answerOf(geoDoors(POLICY_GEOLOCATION, geo, FR, EU))).toBe(3);
    expect(answerOf(geoDoors(POLICY_GEOLOCATION, geo, DE, EU))).toBe(2);
    expect(answerOf(geoDoors(POLICY_GEOLOCATION, geo, US, NA))).toBe(1);
  });

  it('geolocation: an unhealthy country record falls to the continent, then the default; none healthy fails open', () => {
    const d = geoDoors(POLICY_GEOLOCATION, geo, FR, EU);
    expect(answerOf(d, [1, 1, 0])).toBe(2);
    expect(answerOf(d, [1, 0, 0])).toBe(1);
    expect(answerOf(d, [0, 0, 0])).toBe(3);
  });

  it('geolocation: no matching record and no default: no answer, cached for the negative TTL', () => {
    const d = geoDoors(POLICY_GEOLOCATION, geo.slice(1), US, NA);
    const view = new Route53View(d, Uint8Array.from([1, 1]));
    expect(view.answer(0, 0, new Float64Array(1), 1, new Stream(1, 5))).toBe(-1);
    expect(view.ttlS).toBe(NEGATIVE_TTL_S);
  });

  it('geoproximity: the nearest record; a bias of +50 moves the boundary past a metro between two regions', () => {
    // The metro is 1000 km from record 0's region and 1200 km from record 1's.
    expect(answerOf(geoDoors(POLICY_GEOPROXIMITY, [{ km: 1000 }, { km: 1200 }]))).toBe(1);
    expect(answerOf(geoDoors(POLICY_GEOPROXIMITY, [{ km: 1000 }, { km: 1200, bias: 50 }]))).toBe(2);
    // A negative bias shrinks a region's reach: 1000 / (1 - 0.5) = 2000 km.
    expect(answerOf(geoDoors(POLICY_GEOPROXIMITY, [{ km: 1000, bias: -50 }, { km: 1200 }]))).toBe(2);
  });

  it('geoproximity: unhealthy records are skipped; when none is healthy all count', () => {
    const d = geoDoors(POLICY_GEOPROXIMITY, [{ km: 1000 }, { km: 1200 }]);
    expect(answerOf(d, [0, 1])).toBe(2);
    expect(answerOf(d, [0, 0])).toBe(1);
  });

  it("IP-based: the default location '*' (addresses are not modelled), else the first record", () => {
    expect(answerOf(geoDoors(POLICY_IP_BASED, [{}, { level: GEO_DEFAULT }]))).toBe(2);
    expect(answerOf(geoDoors(POLICY_IP_BASED, [{}, {}]))).toBe(1);
  });
});
