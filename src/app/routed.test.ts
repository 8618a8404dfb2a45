/**
 * Requests over the routed network: services placed in subnets call each other, and the data
 * center, along the route tables rather than the physical best.
 */
import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { deriveEstate, loadEstate } from '../model/index.js';
import { evaluateRequests } from './evaluate.js';
import { defaultRtt, physicalRtt, placementEndpoint, routedRtt, usesRoutedRtt } from './rtt.js';

const dont = loadEstate('examples/ticketmaster-phoenix/event-page-lz-dont.yaml');
const doDesign = loadEstate('examples/ticketmaster-phoenix/event-page-lz-do.yaml');

describe('services in subnets', () => {
  it('resolve to the subnet, placed at its zone', () => {
    const details = doDesign.services.find((s) => s.id === 'event-details');
    expect(details?.placements).toMatchObject([
      { subnet: 'phx-app', place: { id: 'us-west-2-phx-2a' }, instances: 12 },
    ]);
    expect(placementEndpoint(details?.placements[0] as never)).toMatchObject({
      id: 'phx-app',
      subnet: 'phx-app',
    });
    expect(usesRoutedRtt(doDesign)).toBe(true);
    expect(usesRoutedRtt(loadEstate('examples/ticketmaster-phoenix/estate.yaml'))).toBe(false);
  });

  it('take the routed RTT between subnets and sites, the physical one elsewhere', () => {
    const details = doDesign.services.find((s) => s.id === 'event-details')?.placements[0];
    const db = doDesign.services.find((s) => s.id === 'inventory-db')?.placements[0];
    const endpoints = [placementEndpoint(details as never), placementEndpoint(db as never)];
    const [dontRtt, doRtt] = [routedRtt(dont)(endpoints), routedRtt(doDesign)(endpoints)];
    // Through Portland against over the Phoenix DX (the routed traces of the two designs).
    expect(dontRtt[1]).toBeGreaterThan(60);
    expect(dontRtt[1]).toBeLessThan(80);
    expect(doRtt[1]).toBeLessThan(2);
    // Physics alone does not see the difference.
    expect(physicalRtt(dont)(endpoints)[1]).toBeCloseTo(physicalRtt(doDesign)(endpoints)[1] as number, 6);
    expect(defaultRtt(dont)(endpoints)[1]).toBe(dontRtt[1]);
  });

  it("make the page slower in the Local Zone than in the region on the don't network, fast on the do one", () => {
    const options = { samples: 4000 };
    const today = evaluateRequests(loadEstate('examples/ticketmaster-phoenix/estate.yaml'), options);
    const badLz = evaluateRequests(dont, options);
    const goodLz = evaluateRequests(doDesign, options);
    expect(badLz.rtt).toBe('routed');
    expect(today.rtt).toBe('physical');
    for (let i = 0; i < today.requests.length; i++) {
      const [a, b, c] = [today.requests[i], badLz.requests[i], goodLz.requests[i]];
      // "you're not improving anything, you're actually making it twice as bad"
      expect(b?.p50Ms).toBeGreaterThan(a?.p50Ms as number);
      expect(c?.p99Ms).toBeLessThan(100);
      expect(c?.ok).toBe(true);
      expect(b?.ok).toBe(false);
    }
  });

  it('say which call cannot go when the route tables drop it', () => {
    // The do design without the supernet, and pricing moved to the Los Angeles VPC: the DX gateway
    // does not carry event-details' call across.
    const broken = deriveEstate(doDesign, {
      services: { pricing: { at: [{ place: 'lax-app', instances: 8 }] } },
      network: {
        virtualInterfaces: {
          'vif-phx': { advertisedPrefixes: ['192.168.0.0/16'] },
          'vif-lax': { advertisedPrefixes: ['192.168.0.0/16'] },
        },
      },
    });
    try {
      evaluateRequests(broken, { samples: 100 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FootprintError);
      const d = (error as FootprintError).diagnostics[0];
      expect(d?.code).toBe('FP_NO_PATH');
      expect(d?.message).toBe("no routed path from 'phx-app' to 'lax-app' for the call to 'pricing'");
      expect(d?.suggestion).toContain('footprint trace phx-app lax-app');
    }
  });
});
