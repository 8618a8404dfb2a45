/**
 * What placement claims is true of the problem as the user stated it (issue 17): candidates left out
 * by the heuristic never hide a better placement behind "proven optimal", a budget of one request
 * never rules out places for the services of another, and a service no request reaches gives up the
 * room the services on the critical path need.
 */
import { describe, expect, it } from 'vitest';
import { parseEstate } from '../model/index.js';
import { placeServices } from './place.js';

const place = (yaml: string) =>
  placeServices(parseEstate(yaml, 'claims.yaml'), { samples: 2000, timings: false });

const where = (result: Awaited<ReturnType<typeof placeServices>>, service: string) =>
  result.services.find((s) => s.service === service)?.proposed.map((p) => p.place);

describe('the AZs of a region left out of the candidates (issue 17 item 8)', () => {
  it('count only those without a capacity limit: a full AZ does not hide the others', async () => {
    // Users in Dublin; eu-west-1's AZs are one point on the map, and the first of them is full.
    // Keeping one AZ of the region kept the full one: the service could only stay in London, yet
    // the result said proven optimal.
    const result = await place(
      [
        'name: full-az',
        'users: [{ metro: metro:dublin, weight: 1 }]',
        'services:',
        '  api: { at: [euw2-az1], computeMs: 2 }',
        'requests:',
        '  page: { entry: api }',
        'placement:',
        '  capacity: { euw1-az1: 0 }',
      ].join('\n'),
    );
    expect(where(result, 'api')).toEqual(['euw1-az2']);
    expect(result.objective).toMatchObject({ status: 'optimal', scope: 'all', leftOut: [] });
  });

  it('say "among the candidates considered", and what was left out, when the bounds cannot show those no better', async () => {
    const result = await placeServices(
      parseEstate(
        [
          'name: few',
          'users: [{ metro: metro:dublin, weight: 1 }]',
          'services:',
          '  api: { at: [euw2-az1], computeMs: 2, replicas: { min: 1, max: 2 } }',
          'requests:',
          '  page: { entry: api }',
        ].join('\n'),
        'few.yaml',
      ),
      { samples: 2000, timings: false, maxCandidates: 1, objective: 'cost' },
    );
    // Two places at most and routing to the nearest: the cheapest places cannot be bounded by where
    // the traffic goes, so those left out stay unproven.
    expect(result.objective.status).toBe('optimal');
    expect(result.objective.scope).toBe('candidates');
    expect(result.objective.leftOut[0]?.service).toBe('api');
    expect(result.objective.leftOut[0]?.places.length).toBeGreaterThan(0);
  });
});

describe('the candidates of a service and the budgets (issue 17 item 9)', () => {
  it("are ruled out only by the budgets of the requests they would break, not by another request's", async () => {
    // search serves London users under a 30 ms budget, and also New York users, for whom it calls a
    // database pinned in New York (no budget). Taking the London budget as a radius around that
    // database left search no place near London, and the budget was declared impossible.
    const result = await place(
      [
        'name: two-requests',
        'sites:',
        '  nyc-dc: { kind: datacenter, metro: metro:new-york, internet: true }',
        'users: [{ metro: metro:london, weight: 1 }]',
        'services:',
        '  legacy-db: { at: [nyc-dc], pinned: true, computeMs: 2 }',
        '  search: { at: [use1-az1], computeMs: 2 }',
        'requests:',
        '  lookup: { entry: search }',
        '  archive: { entry: search, calls: [legacy-db], users: [{ metro: metro:new-york, weight: 1 }] }',
        'budgets:',
        '  - { request: lookup, p99Ms: 30 }',
      ].join('\n'),
    );
    expect(result.feasible).toBe(true);
    expect(result.infeasible).toEqual([]);
    expect(where(result, 'search')?.[0]).toMatch(/^euw2-az\d$/);
    expect(result.objective).toMatchObject({ status: 'optimal', scope: 'all' });
  });
});

describe('a service no request reaches (issue 17 item 10)', () => {
  it('moves to free the room a service on the critical path needs', async () => {
    // The Phoenix data center is full: the pinned inventory and batch, which no request reaches.
    // api calls the inventory four times in series; the Phoenix Local Zone is full too. batch never
    // moved, so api could not come to the data center, and the result said proven optimal.
    const result = await place(
      [
        'name: room',
        'sites:',
        '  phx-dc: { kind: datacenter, metro: metro:phoenix, internet: true, capacity: { instances: 12 } }',
        'links:',
        '  dx-phx: { kind: direct-connect, between: [phx-dc, dx:ECPH1] }',
        'users: [{ metro: metro:phoenix, weight: 1 }]',
        'services:',
        '  inventory: { at: [{ place: phx-dc, instances: 6 }], pinned: true, computeMs: 2 }',
        '  batch: { at: [{ place: phx-dc, instances: 6 }], computeMs: 5 }',
        '  api: { at: [{ place: usw2-az1, instances: 6 }], computeMs: 3, calls: [{ call: inventory, roundTrips: 4 }] }',
        'requests:',
        '  page: { entry: api }',
        'placement:',
        '  capacity: { us-west-2-phx-2a: 0 }',
      ].join('\n'),
    );
    expect(where(result, 'api')).toEqual(['phx-dc']);
    expect(where(result, 'batch')).not.toContain('phx-dc');
    expect(result.objective).toMatchObject({ status: 'optimal', scope: 'all', leftOut: [] });
  });
});
