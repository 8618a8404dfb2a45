import { describe, expect, it } from 'vitest';
import { evaluateRequests } from '../app/index.js';
import { loadEstate } from '../model/index.js';
import { reportServices } from './services.js';

describe('reportServices', () => {
  it("locates services in subnets at their subnet's zone, and gives each call between places its RTT", () => {
    const estate = loadEstate('examples/ticketmaster-phoenix/event-page-lz-do.yaml');
    const part = reportServices(estate, evaluateRequests(estate, { samples: 500 }).requests);
    const details = part.services.find((s) => s.id === 'event-details');
    expect(details?.today).toEqual([
      expect.objectContaining({ place: 'phx-app', at: 'us-west-2-phx-2a', instances: 12 }),
    ]);
    expect(details?.proposed).toBeUndefined();
    expect(part.proposedCalls).toBeUndefined();
    // The Local Zone's own DX to the data center: under 2 ms (seed 000), each call once.
    const toDb = part.calls.filter((c) => c.service === 'inventory-db');
    expect(toDb.map((c) => c.caller)).toEqual(['event-details', 'pricing', 'recommendations', 'seat-map']);
    for (const c of toDb) {
      expect([c.from, c.to]).toEqual(['phx-app', 'phx-dc']);
      expect(c.rttMs).toBeGreaterThan(0.5);
      expect(c.rttMs).toBeLessThan(4);
    }
    expect(part.calls.some((c) => c.caller === 'users')).toBe(false);
  });
});
