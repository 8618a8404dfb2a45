import { describe, expect, it } from 'vitest';
import { comparisonPageReport } from './compare-page.js';
import type { EstateReport } from './estate.js';

/** The parts of a report the comparison page reads besides the comparison's: places and services. */
function report(name: string, places: string[], services: Record<string, string[]>): EstateReport {
  const spot = (place: string) => ({ place, at: place, lat: 33.4, lon: -112, instances: 2 });
  return {
    estate: { name, files: [`${name}.yaml`] },
    decisions: { budgets: [], findings: { errors: 0, warnings: 0, notes: 0 }, worstFinding: null },
    places: places.map((id) => ({ id, kind: 'region', name: id, lat: 33.4, lon: -112 })),
    links: [],
    expectations: [],
    matrix: { places: [], rttMs: [] },
    users: [],
    traces: [],
    services: {
      services: Object.entries(services).map(([id, at]) => ({ id, pinned: false, today: at.map(spot) })),
      calls: [],
    },
    requests: [],
    requestSampling: { seed: 1, samples: 1, rtt: 'fixed' },
    findings: [],
  } as unknown as EstateReport;
}

describe('comparisonPageReport', () => {
  const a = report('lz', ['us-west-2', 'us-west-2-phx-2a', 'phx-dc'], {
    api: ['us-west-2-phx-2a'],
    db: ['phx-dc'],
    cache: ['us-west-2-phx-2a', 'us-west-2-phx-2a'],
  });
  const b = report('region', ['us-west-2', 'phx-dc', 'usw2-az1'], {
    api: ['usw2-az1'],
    db: ['phx-dc'],
    search: ['usw2-az1'],
  });
  const page = comparisonPageReport(a, b);

  it("is design A's report with the comparison, B's report beside it", () => {
    const { comparison, ...rest } = page;
    expect(rest).toEqual(a);
    expect(comparison.b).toBe(b);
    expect(comparison.comparison.a.name).toBe('lz');
    expect(comparison.comparison.b.name).toBe('region');
  });

  it('lists the services whose places differ (not how many instances), by id, and the places of one design only', () => {
    expect(page.comparison.moves).toEqual([
      { service: 'api', a: ['us-west-2-phx-2a'], b: ['usw2-az1'] },
      { service: 'cache', a: ['us-west-2-phx-2a'], b: [] },
      { service: 'search', a: [], b: ['usw2-az1'] },
    ]);
    expect(page.comparison.placesOnlyIn).toEqual({ a: ['us-west-2-phx-2a'], b: ['usw2-az1'] });
  });
});
