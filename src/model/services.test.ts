import { describe, expect, it } from 'vitest';
import { catalogPlace } from '../catalog/index.js';
import { errorsOf } from './estate-errors.test-support.js';
import { EMPTY_ESTATE, MAX_CALLS_PER_REQUEST, parseEstate, placementProblems } from './index.js';

const BASE = `
name: demo
sites:
  phx-dc: { kind: datacenter, metro: metro:phoenix, capacity: { instances: 10 } }
  lab: { kind: office, location: [45.5, -122.7], country: us }
users:
  - { metro: metro:phoenix, weight: 3 }
  - { metro: metro:los-angeles, weight: 1 }
`;

describe('services, requests and budgets', () => {
  it('resolves them with their defaults', () => {
    const estate = parseEstate(
      `${BASE}
services:
  db: { at: [{ place: phx-dc, instances: 10 }], computeMs: { p50: 2, p99: 9 }, pinned: true, residency: [us] }
  api:
    name: API
    at: [usw2-az1, { place: us-west-2-phx-2a, instances: 3 }, us-west-2, lab]
    computeMs: 4
    needs: { instanceFamilies: [c5d], services: [eks] }
    routing: spread
    calls: [db, { parallel: [db, { series: [db, db] }] }]
requests:
  page:
    entry: api
    calls: [{ call: db, fanOut: 3, cacheHitRatio: 0.5, payloadBytes: 1000, calls: [] }]
  mobile:
    entry: api
    users: [{ metro: metro:las-vegas, weight: 2 }, { metro: metro:phoenix, weight: 6 }]
    roundTrips: 3
budgets:
  - { request: page, p99Ms: 100 }
  - { request: mobile, metro: metro:las-vegas, p50Ms: 40, p99Ms: 90, note: why }
`,
      'e.yaml',
    );
    const [db, api] = estate.services;
    expect(db).toMatchObject({ id: 'db', name: 'db', pinned: true, residency: ['US'], routing: 'nearest' });
    expect(db?.computeMs).toEqual({ p50Ms: 2, p99Ms: 9 });
    expect(db?.placements.map((p) => [p.place.id, p.instances])).toEqual([['phx-dc', 10]]);
    expect(api?.computeMs).toEqual({ p50Ms: 4, p99Ms: 4 });
    expect(api?.placements.map((p) => [p.place.kind, p.instances])).toEqual([
      ['az', 1],
      ['local-zone', 3],
      ['region', 1],
      ['site', 1],
    ]);
    expect(api?.routing).toBe('spread');
    expect(api?.calls.map((s) => s.kind)).toEqual(['call', 'parallel']);
    expect(estate.sites.find((s) => s.id === 'lab')?.country).toBe('US');
    expect(estate.sites.find((s) => s.id === 'phx-dc')?.capacity).toEqual({ instances: 10 });

    const [page, mobile] = estate.requests;
    expect(page?.users.map((u) => [u.metro.id, u.share])).toEqual([
      ['metro:phoenix', 0.75],
      ['metro:los-angeles', 0.25],
    ]);
    expect(page?.entry).toMatchObject({ service: 'api', fanOut: 1, roundTrips: 1, cacheHitRatio: 0 });
    expect(page?.entry.calls?.[0]).toMatchObject({
      kind: 'call',
      service: 'db',
      fanOut: 3,
      cacheHitRatio: 0.5,
      payloadBytes: 1000,
      calls: [],
      path: ['requests', 'page', 'calls', 0],
    });
    expect(mobile?.entry.roundTrips).toBe(3);
    expect(mobile?.entry.calls).toBeUndefined();
    expect(mobile?.users.map((u) => [u.metro.id, u.share])).toEqual([
      ['metro:las-vegas', 0.25],
      ['metro:phoenix', 0.75],
    ]);
    expect(estate.budgets).toEqual([
      { request: 'page', p99Ms: 100, path: ['budgets', 0] },
      {
        request: 'mobile',
        metro: 'metro:las-vegas',
        p50Ms: 40,
        p99Ms: 90,
        note: 'why',
        path: ['budgets', 1],
      },
    ]);
  });

  it('lets a request call back up its chain inline: the graph still ends', () => {
    const estate = parseEstate(
      `${BASE}
services:
  a: { at: [usw2-az1], computeMs: 1, calls: [b] }
  b: { at: [usw2-az1], computeMs: 1 }
requests:
  r: { entry: a, calls: [{ call: b, calls: [{ call: a, calls: [] }] }] }
`,
      'e.yaml',
    );
    expect(estate.requests).toHaveLength(1);
  });

  it('reports a cycle through services that call themselves, with its path', () => {
    const [d] = errorsOf(`${BASE}
services:
  a: { at: [usw2-az1], computeMs: 1, calls: [a] }
`);
    expect(d).toMatchObject({ code: 'FP_CALL_CYCLE', message: 'call cycle: a -> a', location: { line: 11 } });
  });

  it('refuses a call graph that expands beyond the limit', () => {
    const chain = Array.from(
      { length: 16 },
      (_, i) => `  s${i}: { at: [usw2-az1], computeMs: 1, calls: [s${i + 1}, s${i + 1}] }`,
    );
    const errors = errorsOf(`${BASE}
services:
${chain.join('\n')}
  s16: { at: [usw2-az1], computeMs: 1 }
requests:
  r: { entry: s0 }
`);
    expect(errors[0]?.message).toBe(
      `request 'r' expands to 131,071 calls (at most ${MAX_CALLS_PER_REQUEST.toLocaleString('en-US')})`,
    );
  });

  it('reports every problem at once, each located', () => {
    const errors = errorsOf(`${BASE}
services:
  api:
    at: [dx:ECPH1, usw2-az9, usw2-az1, usw2-az1]
    computeMs: { p50: 0, p99: 3 }
    residency: [UK]
    calls: [{ series: [apx] }]
  db: { at: [lab], computeMs: 1, residency: [CA] }
requests:
  r: { entry: nope }
budgets:
  - { request: r, p99Ms: 1 }
`);
    expect(errors.map((e) => [e.code, e.location?.line])).toEqual([
      ['FP_INVALID_VALUE', 14],
      ['FP_BAD_PLACEMENT', 12],
      ['FP_UNKNOWN_PLACE', 12],
      ['FP_RESIDENCY', 12],
      ['FP_DUPLICATE_ID', 12],
      ['FP_INVALID_VALUE', 13],
      ['FP_UNKNOWN_SERVICE', 15],
      ['FP_RESIDENCY', 16],
      ['FP_UNKNOWN_SERVICE', 18],
    ]);
    expect(errors[0]?.suggestion).toBe("write 'GB'");
    expect(errors[6]?.suggestion).toBe("did you mean 'api'?");
    // The budget names a request that exists but failed: no second error for it.
    expect(errors.some((e) => e.code === 'FP_UNKNOWN_REQUEST')).toBe(false);
  });

  it('keeps service and request ids in the one namespace', () => {
    const errors = errorsOf(`${BASE}
services:
  phx-dc: { at: [usw2-az1], computeMs: 1 }
  us-west-2: { at: [usw2-az1], computeMs: 1 }
`);
    expect(errors.map((e) => e.code)).toEqual(['FP_DUPLICATE_ID', 'FP_RESERVED_ID']);
  });
});

describe('placementProblems', () => {
  const zone = catalogPlace('us-west-2-phx-2a');
  const region = catalogPlace('us-west-2');
  if (!zone || !region) throw new Error('catalog places missing');

  it("checks a Local Zone's families, GPUs and services; regions offer everything", () => {
    expect(
      placementProblems({ id: 's', needs: { instanceFamilies: ['c6i', 'c5d'] } }, zone, EMPTY_ESTATE),
    ).toEqual([]);
    expect(placementProblems({ id: 's', needs: { gpu: true } }, zone, EMPTY_ESTATE)).toEqual([]);
    const [problem] = placementProblems(
      { id: 's', needs: { instanceFamilies: ['c7g'] } },
      zone,
      EMPTY_ESTATE,
    );
    expect(problem?.code).toBe('FP_NOT_OFFERED');
    expect(problem?.message).toContain('offers only c5d, g4dn, p5e, r5d, t3');
    expect(
      placementProblems(
        { id: 's', needs: { instanceFamilies: ['c7g'], gpu: true, services: ['rds'] } },
        region,
        EMPTY_ESTATE,
      ),
    ).toEqual([]);
  });

  it("follows the estate's offerings over the catalog", () => {
    const estate = parseEstate(
      'name: x\nofferings:\n  us-west-2-phx-2a: { instanceFamilies: [c7g] }\n',
      'x.yaml',
    );
    expect(placementProblems({ id: 's', needs: { instanceFamilies: ['c7g'] } }, zone, estate)).toEqual([]);
  });

  it('checks residency against the country of the place', () => {
    expect(placementProblems({ id: 's', needs: {}, residency: ['US'] }, zone, EMPTY_ESTATE)).toEqual([]);
    const [problem] = placementProblems({ id: 's', needs: {}, residency: ['DE', 'FR'] }, zone, EMPTY_ESTATE);
    expect(problem?.message).toBe(
      "service 's' may run only in DE, FR (residency), but us-west-2-phx-2a is in US",
    );
  });
});
