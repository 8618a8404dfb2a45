import { describe, expect, it } from 'vitest';
import { loadEstate, parseEstate } from '../model/index.js';
import { buildEstateReport } from './estate.js';

describe('buildEstateReport', () => {
  it("states a measured link's own RTT even when the internet is a faster way between its ends", () => {
    const estate = parseEstate(`
name: slow-wan
sites:
  a: { kind: datacenter, metro: metro:phoenix, internet: true }
  b: { kind: datacenter, location: [39.04, -77.49], internet: true }
links:
  wan: { kind: wan, between: [a, b], measuredRttMs: 90 }
`);
    const report = buildEstateReport(estate);
    expect(report.links[0]).toMatchObject({ id: 'wan', rttMs: 90, measured: true });
    // The best way between the two is the internet, not the slow WAN.
    const [a, b] = [report.matrix.places.indexOf('a'), report.matrix.places.indexOf('b')];
    expect(report.matrix.rttMs[a]?.[b]).toBeLessThan(80);
  });

  it('gives the map what it draws: coordinates of users and of every step of every expected path', () => {
    const report = buildEstateReport(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
    const phoenix = report.users.find((u) => u.metro === 'metro:phoenix');
    expect(phoenix?.lat).toBeCloseTo(33.45, 1);
    expect(phoenix?.lon).toBeCloseTo(-112.07, 1);
    for (const e of report.expectations) {
      expect(e.path[0]?.place).toBe(e.from);
      expect(e.path.at(-1)?.place).toBe(e.to);
      expect(e.path.at(-1)?.rttMs).toBe(e.rttMs);
      for (const step of e.path) {
        expect(Math.abs(step.lat)).toBeLessThanOrEqual(90);
        expect(Math.abs(step.lon)).toBeLessThanOrEqual(180);
      }
      expect(e.path.slice(1).every((step) => step.linkClass !== undefined)).toBe(true);
    }
    expect(report.places.find((p) => p.id === 'phx-dc')?.siteKind).toBe('datacenter');
    expect(report.places.find((p) => p.id === 'usw2-az1')?.region).toBe('us-west-2');
  });
});
