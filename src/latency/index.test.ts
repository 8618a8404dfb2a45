import { describe, expect, it } from 'vitest';
import { DEFAULT_LATENCY_PARAMETERS } from '../catalog/index.js';
import { FootprintError } from '../errors.js';
import { fiberFloorRttMs } from '../geo/index.js';
import { EMPTY_ESTATE, loadEstate, parseEstate } from '../model/index.js';
import { checkExpectations, latencyMatrix, linkRttMs, physicalLatency } from './index.js';

const example = loadEstate('examples/ticketmaster-phoenix/estate.yaml');

describe('linkRttMs', () => {
  it('is 2 x km x inflation / fiber speed + hop', () => {
    expect(linkRttMs(0, { inflation: 2, hopMs: 0.5 })).toBe(0.5);
    expect(linkRttMs(1000, { inflation: 1, hopMs: 0 })).toBeCloseTo(fiberFloorRttMs(1000), 9);
    expect(linkRttMs(1000, { inflation: 1.5, hopMs: 1 })).toBeCloseTo(1.5 * fiberFloorRttMs(1000) + 1, 9);
  });
});

describe('physicalLatency on the catalog alone', () => {
  it('never beats the straight-fiber floor, and reports the path cumulatively', () => {
    const r = physicalLatency(EMPTY_ESTATE, 'us-east-1', 'eu-west-1');
    expect(r.rttMs).toBeGreaterThan(r.fiberFloorRttMs);
    // Real fiber strays 20-80% from the great circle: the uncalibrated model stays inside that band.
    expect(r.rttMs).toBeGreaterThan(1.2 * r.fiberFloorRttMs);
    expect(r.rttMs).toBeLessThan(1.8 * r.fiberFloorRttMs);
    expect(r.path[0]).toMatchObject({ place: 'us-east-1', rttMs: 0 });
    expect(r.path.at(-1)).toMatchObject({ place: 'eu-west-1' });
    expect(r.path.at(-1)?.rttMs).toBeCloseTo(r.rttMs, 9);
    for (const step of r.path.slice(1)) expect(step.segment?.rttMs).toBeGreaterThan(0);
  });

  it('is symmetric', () => {
    const ab = physicalLatency(EMPTY_ESTATE, 'ap-southeast-2', 'sa-east-1').rttMs;
    const ba = physicalLatency(EMPTY_ESTATE, 'sa-east-1', 'ap-southeast-2').rttMs;
    expect(ab).toBeCloseTo(ba, 9);
  });

  it('puts AZs of a region single-digit ms apart, and a place at 0 from itself', () => {
    const az = physicalLatency(EMPTY_ESTATE, 'use1-az1', 'use1-az4');
    expect(az.rttMs).toBeGreaterThan(0.2);
    expect(az.rttMs).toBeLessThan(10);
    expect(az.path.map((s) => s.place)).toEqual(['use1-az1', 'us-east-1', 'use1-az4']);
    expect(physicalLatency(EMPTY_ESTATE, 'us-west-2', 'us-west-2').rttMs).toBe(0);
  });

  it('reaches a Local Zone from its parent region over the local-zone class', () => {
    const r = physicalLatency(EMPTY_ESTATE, 'us-west-2', 'us-west-2-phx-2a');
    expect(r.path.at(-1)?.segment?.linkClass).toBe('local-zone');
    expect(r.rttMs).toBeGreaterThan(20);
    expect(r.rttMs).toBeLessThan(40);
  });

  it('measures between internet hosts given as lat,lon', () => {
    const r = physicalLatency(EMPTY_ESTATE, '51.51,-0.13', '40.71,-74.01');
    expect(r.from).toBe('51.51,-0.13');
    expect(r.distanceKm).toBeCloseTo(5585, -1);
    // London-New York internet RTT is ~70-80 ms in practice; the uncalibrated default is within ±40%.
    expect(r.rttMs).toBeGreaterThan(55);
    expect(r.rttMs).toBeLessThan(115);
  });

  it('users in a metro reach a Local Zone of their metro in single-digit ms', () => {
    const r = physicalLatency(EMPTY_ESTATE, 'metro:phoenix', 'us-west-2-phx-2a');
    expect(r.rttMs).toBeLessThan(10);
  });

  it('crosses partitions over the internet only', () => {
    const r = physicalLatency(EMPTY_ESTATE, 'cn-north-1', 'ap-northeast-1');
    expect(r.path.some((s) => s.segment?.linkClass === 'internet')).toBe(true);
  });

  it('follows the parameters it is given', () => {
    const slow = {
      ...DEFAULT_LATENCY_PARAMETERS,
      classes: {
        ...DEFAULT_LATENCY_PARAMETERS.classes,
        backbone: { ...DEFAULT_LATENCY_PARAMETERS.classes.backbone, inflation: 3, accessInflation: 3 },
      },
    };
    const base = physicalLatency(EMPTY_ESTATE, 'us-east-1', 'us-west-2').rttMs;
    const slower = physicalLatency(EMPTY_ESTATE, 'us-east-1', 'us-west-2', { parameters: slow }).rttMs;
    // Slower backbone fiber makes the path slower, whichever way it then goes.
    expect(slower).toBeGreaterThan(base + 10);
  });
});

describe('the Ticketmaster estate reproduces the seed figures', () => {
  const rtt = (a: string, b: string) => physicalLatency(example, a, b).rttMs;

  it('Phoenix DC to the Virginia DC and us-east-1: about 60 ms over the WAN', () => {
    expect(rtt('phx-dc', 'iad-dc')).toBeGreaterThanOrEqual(55);
    expect(rtt('phx-dc', 'iad-dc')).toBeLessThanOrEqual(65);
    expect(rtt('phx-dc', 'us-east-1')).toBeGreaterThanOrEqual(55);
    expect(rtt('phx-dc', 'us-east-1')).toBeLessThanOrEqual(65);
    // Both data centers face the internet, which between Phoenix and Ashburn is about as fast as the
    // company WAN; without it, the best path is the WAN itself, and still about 60 ms.
    const private_: typeof example = {
      ...example,
      sites: example.sites.map((s) => ({ ...s, internet: false })),
    };
    const overWan = physicalLatency(private_, 'phx-dc', 'iad-dc');
    expect(overWan.path[1]?.segment).toMatchObject({ linkClass: 'wan', link: 'wan-phx-iad' });
    expect(overWan.rttMs).toBeGreaterThanOrEqual(55);
    expect(overWan.rttMs).toBeLessThanOrEqual(65);
    expect(physicalLatency(private_, 'phx-dc', 'us-east-1').rttMs).toBeGreaterThanOrEqual(55);
    expect(physicalLatency(private_, 'phx-dc', 'us-east-1').rttMs).toBeLessThanOrEqual(65);
  });

  it('Phoenix DC to us-west-2: 30-40 ms', () => {
    expect(rtt('phx-dc', 'us-west-2')).toBeGreaterThanOrEqual(30);
    expect(rtt('phx-dc', 'us-west-2')).toBeLessThanOrEqual(40);
  });

  it('Phoenix DC to the Phoenix Local Zone: under 2 ms over the Phoenix DX', () => {
    const r = physicalLatency(example, 'phx-dc', 'us-west-2-phx-2a');
    expect(r.rttMs).toBeLessThan(2);
    expect(r.path.map((s) => s.place)).toEqual(['phx-dc', 'dx:ECPH1', 'us-west-2-phx-2a']);
  });

  it('every expectation in the example holds', () => {
    const results = checkExpectations(example);
    expect(results.length).toBeGreaterThanOrEqual(5);
    expect(results.filter((r) => !r.ok)).toEqual([]);
  });

  it('a measured RTT overrides physics for its link', () => {
    const measured = parseEstate(
      'name: m\nsites:\n  a: { kind: datacenter, metro: metro:phoenix }\n  b: { kind: datacenter, metro: metro:new-york }\nlinks:\n  w: { kind: wan, between: [a, b], measuredRttMs: 71.5 }\n',
    );
    expect(physicalLatency(measured, 'a', 'b')).toMatchObject({ rttMs: 71.5 });
    expect(physicalLatency(measured, 'a', 'b').path[1]?.segment?.measured).toBe(true);
  });

  it('says why there is no path', () => {
    const lonely = parseEstate('name: l\nsites:\n  a: { kind: datacenter, metro: metro:phoenix }\n');
    try {
      physicalLatency(lonely, 'a', 'us-west-2');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(FootprintError);
      expect((error as FootprintError).code).toBe('FP_NO_PATH');
      expect((error as FootprintError).diagnostics[0]?.suggestion).toContain("'a' has no links");
    }
  });
});

describe('latencyMatrix', () => {
  it('agrees with single queries and is symmetric with a zero diagonal', () => {
    const places = [
      'phx-dc',
      'us-west-2',
      'us-west-2-phx-2a',
      'usw2-az1',
      'metro:los-angeles',
      'metro:phoenix',
    ];
    const m = latencyMatrix(example, places);
    let unreachable = 0;
    for (let i = 0; i < places.length; i++) {
      expect(m.at(i, i)).toBe(0);
      for (let j = 0; j < places.length; j++) {
        const [a, b] = [places[i] as string, places[j] as string];
        if (Number.isFinite(m.at(i, j))) {
          expect(m.at(i, j)).toBeCloseTo(m.at(j, i), 9);
          expect(m.at(i, j)).toBeCloseTo(physicalLatency(example, a, b).rttMs, 9);
        } else {
          // The example's data centers are private: users reach AWS over the internet, not them.
          expect(m.at(j, i)).toBe(Number.POSITIVE_INFINITY);
          expect(() => physicalLatency(example, a, b)).toThrow(/no physical path/);
          unreachable++;
        }
      }
    }
    expect(unreachable).toBe(4); // phx-dc to and from each of the two metros
  });

  it('satisfies the triangle inequality through transit places', () => {
    const m = latencyMatrix(EMPTY_ESTATE, ['us-east-1', 'eu-west-1', 'ap-south-1', 'us-west-2', 'sa-east-1']);
    const n = m.places.length;
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++)
        for (let k = 0; k < n; k++) expect(m.at(i, j)).toBeLessThanOrEqual(m.at(i, k) + m.at(k, j) + 1e-9);
  });
});
