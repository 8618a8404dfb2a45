import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { catalogPlace } from '../catalog/index.js';
import { FootprintError } from '../errors.js';
import { loadEstate, parseEstate } from '../model/index.js';
import {
  type EvaluateOptions,
  endpointTable,
  evaluateRequests,
  lognormalOf,
  physicalRtt,
  type RequestLatency,
  rankIndex,
  rttFromFunction,
  selectInPlace,
  Z99,
} from './index.js';

/** erfc, Numerical Recipes' Chebyshev fit (fractional error below 1.2e-7 everywhere). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}
const normalCdf = (z: number) => 0.5 * erfc(-z / Math.SQRT2);
/** The standard normal quantile, by bisection on the CDF. */
function probit(p: number): number {
  let lo = -10;
  let hi = 10;
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (normalCdf(mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** An RTT provider from a table of `a|b` pairs (symmetric); 0 elsewhere. */
function rtts(pairs: Record<string, number>) {
  return rttFromFunction((a, b) => pairs[`${a.id}|${b.id}`] ?? pairs[`${b.id}|${a.id}`] ?? 0);
}

function evaluate(yaml: string, options: EvaluateOptions = {}): RequestLatency {
  const estate = parseEstate(`name: t\nusers: [{ metro: metro:phoenix, weight: 1 }]\n${yaml}`, 't.yaml');
  const row = evaluateRequests(estate, { samples: 200_000, rtt: rtts({}), ...options }).requests[0];
  if (!row) throw new Error('no request evaluated');
  return row;
}

const within = (actual: number, expected: number, relative: number) =>
  expect(Math.abs(actual - expected) / expected).toBeLessThan(relative);

describe('percentiles against closed forms', () => {
  it('the test oracle is right: probit(0.99) is Z99', () => {
    expect(probit(0.99)).toBeCloseTo(Z99, 6);
    expect(probit(0.5)).toBeCloseTo(0, 6);
  });

  it('one lognormal step: p50 and p99 are the ones given, the mean is median x exp(sigma^2 / 2)', () => {
    const row = evaluate(`
services:
  api: { at: [usw2-az1], computeMs: { p50: 10, p99: 40 } }
requests:
  r: { entry: api }
`);
    const { sigma } = lognormalOf({ p50Ms: 10, p99Ms: 40 });
    expect(sigma).toBeCloseTo(Math.log(4) / Z99, 12);
    within(row.p50Ms, 10, 0.01);
    within(row.p99Ms, 40, 0.025);
    within(row.meanMs, 10 * Math.exp((sigma * sigma) / 2), 0.01);
  });

  it('deterministic steps in series add up exactly: RTT x round trips, payload time, compute', () => {
    const row = evaluate(
      `
sites:
  dc: { kind: datacenter, metro: metro:phoenix }
services:
  api: { at: [usw2-az1], computeMs: 3, calls: [{ call: db, roundTrips: 2, payloadBytes: 1250000 }] }
  db: { at: [dc], computeMs: 2 }
requests:
  r: { entry: api }
`,
      { samples: 1000, rtt: rtts({ 'metro:phoenix|usw2-az1': 20, 'usw2-az1|dc': 30 }) },
    );
    // 20 (users) + 3 + 2 x 30 + 1.25 MB at 5 Gbit/s (2 ms) + 2
    expect(row.p50Ms).toBeCloseTo(87, 9);
    expect(row.p99Ms).toBeCloseTo(87, 9);
    expect(row.meanMs).toBeCloseTo(87, 9);
    const db = row.criticalPath.find((s) => s.service === 'db');
    expect(db).toMatchObject({ from: 'usw2-az1', to: 'dc', rttMs: 30, roundTrips: 2, onPath: 1 });
    expect(db?.networkMs).toBeCloseTo(60, 9);
    expect(db?.payloadMs).toBeCloseTo(2, 9);
    expect(db?.share).toBeCloseTo(64 / 87, 9);
  });

  it('a parallel group takes the slowest branch: the max of k lognormals', () => {
    const row = evaluate(`
services:
  api: { at: [usw2-az1], computeMs: 0, calls: [{ parallel: [a, b, c] }] }
  a: { at: [usw2-az1], computeMs: { p50: 10, p99: 40 } }
  b: { at: [usw2-az1], computeMs: { p50: 10, p99: 40 } }
  c: { at: [usw2-az1], computeMs: { p50: 10, p99: 40 } }
requests:
  r: { entry: api }
`);
    const { sigma } = lognormalOf({ p50Ms: 10, p99Ms: 40 });
    // P(max <= x) = F(x)^3, so the q-quantile of the max is the q^(1/3)-quantile of one branch.
    within(row.p50Ms, 10 * Math.exp(sigma * probit(0.5 ** (1 / 3))), 0.01);
    within(row.p99Ms, 10 * Math.exp(sigma * probit(0.99 ** (1 / 3))), 0.03);
    // Each branch is the slowest in a third of the draws.
    for (const s of ['a', 'b', 'c']) {
      const step = row.criticalPath.find((x) => x.service === s);
      expect(step?.onPath).toBeGreaterThan(0.32);
      expect(step?.onPath).toBeLessThan(0.345);
    }
  });

  it('a fan-out to n instances is the max of n draws, like n parallel calls', () => {
    const row = evaluate(`
services:
  api: { at: [usw2-az1], computeMs: 0, calls: [{ call: shard, fanOut: 8 }] }
  shard: { at: [usw2-az1], computeMs: { p50: 5, p99: 20 } }
requests:
  r: { entry: api }
`);
    const { sigma } = lognormalOf({ p50Ms: 5, p99Ms: 20 });
    within(row.p50Ms, 5 * Math.exp(sigma * probit(0.5 ** (1 / 8))), 0.01);
    within(row.p99Ms, 5 * Math.exp(sigma * probit(0.99 ** (1 / 8))), 0.03);
    // The slowest draw is the one on the critical path: its time is the whole latency.
    const shard = row.criticalPath.find((x) => x.service === 'shard');
    expect(shard?.computeMs).toBeCloseTo(row.meanMs, 9);
    expect(shard?.fanOut).toBe(8);
  });

  it('a cache hit ratio mixes the hit and the miss', () => {
    const row = evaluate(`
services:
  api: { at: [usw2-az1], computeMs: 0, calls: [{ call: prices, cacheHitRatio: 0.7, cacheHitMs: 1 }] }
  prices: { at: [usw2-az1], computeMs: 10 }
requests:
  r: { entry: api }
`);
    expect(row.p50Ms).toBe(1);
    expect(row.p99Ms).toBe(10);
    within(row.meanMs, 0.7 * 1 + 0.3 * 10, 0.01);
    const hit = row.criticalPath.find((s) => s.cacheHit);
    const miss = row.criticalPath.find((s) => s.service === 'prices' && !s.cacheHit);
    expect(hit?.onPath).toBeCloseTo(0.7, 2);
    expect(miss?.onPath).toBeCloseTo(0.3, 2);
    expect(hit?.cacheMs).toBeCloseTo(hit?.onPath ?? 0, 9);
  });

  it('routing: nearest, primary, or spread in proportion to instances', () => {
    const services = (routing: string) => `
services:
  api: { at: [usw2-az1], computeMs: 0, calls: [db] }
  db:
    at: [{ place: usw2-az2, instances: 1 }, { place: usw2-az1, instances: 3 }]
    computeMs: 0
    routing: ${routing}
requests:
  r: { entry: api }
`;
    const rtt = rtts({ 'usw2-az1|usw2-az2': 8 });
    expect(evaluate(services('nearest'), { rtt, samples: 100 }).meanMs).toBe(0);
    expect(evaluate(services('primary'), { rtt, samples: 100 }).meanMs).toBe(8);
    const spread = evaluate(services('spread'), { rtt });
    within(spread.meanMs, 0.25 * 8, 0.02);
    expect(spread.p50Ms).toBe(0);
    expect(spread.p99Ms).toBe(8);
  });
});

describe('evaluateRequests', () => {
  const example = loadEstate('examples/ticketmaster-phoenix/estate.yaml');

  it('splits the mean exactly between the calls of the critical path', () => {
    for (const row of evaluateRequests(example, { samples: 5000 }).requests) {
      const sum = row.criticalPath.reduce((s, c) => s + c.ms, 0);
      expect(sum).toBeCloseTo(row.meanMs, 9);
      expect(row.criticalPath.reduce((s, c) => s + c.share, 0)).toBeCloseTo(1, 9);
      // The calls in series are on the path in every draw.
      expect(
        row.criticalPath
          .filter((c) => c.path.startsWith('requests.event-page') && !c.path.includes('parallel'))
          .map((c) => c.onPath),
      ).toEqual([1, 1, 1]);
      expect(row.p50Ms).toBeLessThanOrEqual(row.p99Ms);
    }
  });

  it('is reproducible: the same seed gives the same figures, another seed others', () => {
    const a = evaluateRequests(example, { samples: 2000, seed: 7 });
    const b = evaluateRequests(example, { samples: 2000, seed: 7 });
    const c = evaluateRequests(example, { samples: 2000, seed: 8 });
    expect(b).toEqual(a);
    expect(c.requests[0]?.p99Ms).not.toBe(a.requests[0]?.p99Ms);
    expect(Math.abs((c.requests[0]?.p99Ms ?? 0) - (a.requests[0]?.p99Ms ?? 0))).toBeLessThan(15);
  });

  it('reuses one RTT table across designs, as placement will', () => {
    const local = loadEstate('examples/ticketmaster-phoenix/event-page-local-zone.yaml');
    const zone = catalogPlace('us-west-2-phx-2a');
    if (!zone) throw new Error('no zone');
    const table = endpointTable(example, physicalRtt(example), [{ id: zone.id, place: zone }]);
    expect(table.endpoints.map((e) => e.id)).toContain('us-west-2-phx-2a');
    const reused = evaluateRequests(local, { samples: 2000, table });
    expect(reused.requests).toEqual(evaluateRequests(local, { samples: 2000 }).requests);
    expect(reused.rtt).toBe('given');
    expect(() => evaluateRequests(local, { samples: 10, table: endpointTable(example) })).toThrow(
      "the RTT table has no endpoint 'us-west-2-phx-2a'",
    );
  });

  it('checks budgets per metro', () => {
    const rows = evaluateRequests(example, { samples: 2000 }).requests;
    expect(rows.map((r) => r.metro)).toEqual(['metro:phoenix', 'metro:los-angeles', 'metro:las-vegas']);
    for (const row of rows) {
      expect(row.budgetMs).toBe(100);
      expect(row.p50BudgetMs).toBeNull();
      expect(row.ok).toBe(row.p99Ms <= 100);
    }
  });

  it('says where a call cannot go, located at the call', () => {
    const estate = parseEstate(
      `name: t
users: [{ metro: metro:phoenix, weight: 1 }]
sites:
  island: { kind: datacenter, location: [21.3, -157.8] }
services:
  api: { at: [usw2-az1], computeMs: 1, calls: [db] }
  db: { at: [island], computeMs: 1 }
requests:
  r: { entry: api }
`,
      't.yaml',
    );
    let error: unknown;
    try {
      evaluateRequests(estate, { samples: 10 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FootprintError);
    const d = (error as FootprintError).diagnostics[0];
    expect(d?.code).toBe('FP_NO_PATH');
    expect(d?.message).toContain("no physical path from 'usw2-az1' to 'island'");
    expect(d?.location).toMatchObject({ file: 't.yaml', line: 6 });
  });
});

describe('selectInPlace', () => {
  it('finds the k-th smallest value, as sorting would', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 300 }),
        fc.nat(),
        (values, seed) => {
          const k = seed % values.length;
          const sorted = Float64Array.from(values).sort();
          const a = Float64Array.from(values);
          // === rather than toBe: -0 and 0 are the same value here, and a sort may put either first.
          expect(selectInPlace(a, k) === sorted[k]).toBe(true);
          for (let i = 0; i < k; i++) expect(a[i]).toBeLessThanOrEqual(a[k] as number);
          for (let i = k + 1; i < a.length; i++) expect(a[i]).toBeGreaterThanOrEqual(a[k] as number);
        },
      ),
    );
  });

  it('uses nearest-rank indices', () => {
    expect(rankIndex(0.99, 1000)).toBe(989);
    expect(rankIndex(0.5, 1000)).toBe(499);
    expect(rankIndex(0.5, 1)).toBe(0);
    expect(rankIndex(0.99, 100)).toBe(98);
  });
});
