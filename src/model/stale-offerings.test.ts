import { describe, expect, it } from 'vitest';
import { loadEstate } from './index.js';
import { catalogAsOf, staleOfferings } from './stale-offerings.js';

describe('staleOfferings', () => {
  it("judges by default against the catalog's Local Zones as-of", () => {
    expect(catalogAsOf()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("finds the Local Zones of subnets, located at the subnet's zone", () => {
    // network-do.yaml: a subnet in us-west-2-phx-2a and one in us-west-2-lax-1a, both 2023 records.
    const estate = loadEstate('examples/ticketmaster-phoenix/network-do.yaml');
    const warnings = staleOfferings(estate, '2026-12-05');
    expect(warnings.map((w) => w.message.split(' offers')[0])).toEqual([
      "the catalog's record of what us-west-2-phx-2a",
      "the catalog's record of what us-west-2-lax-1a",
    ]);
    for (const w of warnings) {
      expect(w.location?.file).toBe('examples/ticketmaster-phoenix/network-do.yaml');
      expect(w.frame).toContain('zone: us-west-2-');
    }
    expect(staleOfferings(estate, '2024-07-01')).toEqual([]);
  });
});
