import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HUB_ROUTES, HUBS, type Hub } from '../catalog/data/hubs.js';
import { catalogPlaces, DEFAULT_LATENCY_PARAMETERS } from '../catalog/index.js';
import { distanceKm } from '../geo/index.js';
import { EMPTY_ESTATE, loadEstate } from '../model/index.js';
import { buildPhysicalGraph } from './graph.js';
import { ACCESS_HUBS, hubAccess, hubTopology, solveHubTable, storedHubTable } from './hubs.js';
import { physicalLatency } from './index.js';
import { computePrecomputed, precomputedFileBytes } from './precompute.js';
import { decodePrecomputed, encodePrecomputed } from './precomputed.js';
import { storedAccessAt } from './routed.js';

const BUILT = new URL('../../dist/latency/precomputed.bin', import.meta.url);

describe('precomputed routing tables', () => {
  const contents = computePrecomputed();

  it('survive the file format bit for bit', () => {
    const decoded = decodePrecomputed(encodePrecomputed(contents), ACCESS_HUBS);
    expect(decoded).toEqual(contents);
  });

  it('are refused when made from other data or for another number of access hubs', () => {
    const bytes = encodePrecomputed(contents);
    expect(decodePrecomputed(bytes, ACCESS_HUBS + 1)).toBeUndefined();
    const text = new TextDecoder().decode(bytes.subarray(0, 200));
    const at = text.indexOf('"fingerprint":"') + '"fingerprint":"'.length;
    const tampered = bytes.slice();
    tampered[at] = tampered[at] === 48 ? 49 : 48;
    expect(decodePrecomputed(tampered, ACCESS_HUBS)).toBeUndefined();
    expect(decodePrecomputed(new TextEncoder().encode('not the file'), ACCESS_HUBS)).toBeUndefined();
  });

  it('hold what solving and measuring give', () => {
    const byId = new Map(HUBS.map((h) => [h.id, h]));
    HUB_ROUTES.forEach((route, k) => {
      const a = byId.get(route.between[0]) as Hub;
      const b = byId.get(route.between[1]) as Hub;
      expect(contents.routeKm[k]).toBe(distanceKm(a, b));
    });
    const topology = hubTopology('internet');
    const positions = new Set(catalogPlaces().map((p) => `${p.lat},${p.lon}`));
    expect(contents.positions.length / 2).toBe(positions.size);
    for (let p = 0; p < contents.positions.length / 2; p++) {
      const point = {
        lat: contents.positions[2 * p] as number,
        lon: contents.positions[2 * p + 1] as number,
      };
      const access = hubAccess(topology, point);
      expect(contents.accessHubs.subarray(p * ACCESS_HUBS, (p + 1) * ACCESS_HUBS)).toEqual(access.hubs);
      expect(contents.accessKm.subarray(p * ACCESS_HUBS, (p + 1) * ACCESS_HUBS)).toEqual(access.km);
    }
  });

  it("give a hub table whose other parts are the solved table's", () => {
    for (const cls of ['backbone', 'internet'] as const) {
      const parameters = DEFAULT_LATENCY_PARAMETERS.classes[cls];
      const solved = solveHubTable(hubTopology(cls), parameters);
      const stored = storedHubTable(hubTopology(cls), parameters, contents[cls]);
      expect(stored.rttMs).toEqual(solved.rttMs);
      expect(stored.next).toEqual(solved.next);
      expect(stored.via).toEqual(solved.via);
      expect(stored.landKm).toEqual(solved.landKm);
      expect(stored.seaKm).toEqual(solved.seaKm);
      expect(stored.exchangeCount).toEqual(solved.exchangeCount);
      expect(stored.routeMs).toEqual(solved.routeMs);
    }
  });

  it('give the same paths as parameters solved afresh', () => {
    // A copy of the defaults is not the defaults' object, so its tables are solved.
    const afresh = { parameters: structuredClone(DEFAULT_LATENCY_PARAMETERS) };
    for (const [from, to] of [
      ['us-east-1', 'eu-west-1'],
      ['metro:phoenix', 'ap-southeast-2'],
      ['51.51,-0.13', '40.71,-74.01'],
      ['cn-north-1', 'metro:london'],
    ] as const) {
      expect(physicalLatency(EMPTY_ESTATE, from, to)).toEqual(
        physicalLatency(EMPTY_ESTATE, from, to, afresh),
      );
    }
  });

  it('give the same physical graphs as parameters solved afresh', () => {
    const afresh = structuredClone(DEFAULT_LATENCY_PARAMETERS);
    const example = loadEstate('examples/ticketmaster-phoenix/network-do.yaml');
    // An AZ the catalog does not know joins its region after the catalog's links.
    const declaredZone = {
      ...EMPTY_ESTATE,
      availabilityZones: [
        {
          id: 'usw2-az9',
          kind: 'az',
          name: 'usw2-az9',
          lat: 45.9,
          lon: -119.3,
          region: 'us-west-2',
          partition: 'aws',
        },
      ],
    } as const;
    for (const [estate, options] of [
      [EMPTY_ESTATE, {}],
      [EMPTY_ESTATE, { allMetros: true }],
      [example, { endpoints: [] }],
      [declaredZone, {}],
    ] as const) {
      const stored = buildPhysicalGraph(estate, options);
      const solved = buildPhysicalGraph(estate, { ...options, parameters: afresh });
      expect(stored.size).toBe(solved.size);
      // Compared as bytes: element by element is slow, and a difference is a failure either way.
      for (const key of ['rtt', 'linkClass', 'estateLink', 'estateLinkRtt'] as const) {
        expect(Buffer.from(stored[key].buffer).equals(Buffer.from(solved[key].buffer)), key).toBe(true);
      }
    }
  });

  it.runIf(existsSync(BUILT))(
    "give each catalog position's access hubs, and none for another position",
    () => {
      const topology = hubTopology('internet');
      for (const place of catalogPlaces()) {
        const stored = storedAccessAt(place.lat, place.lon);
        const found = hubAccess(topology, place);
        expect(stored && Array.from(stored.hubs), place.id).toEqual(Array.from(found.hubs));
        expect(stored && Array.from(stored.km), place.id).toEqual(Array.from(found.km));
      }
      const [first] = catalogPlaces(['region']);
      expect(first && storedAccessAt(first.lat, first.lon + 1e-9)).toBeUndefined();
      expect(storedAccessAt(91, 0)).toBeUndefined();
    },
  );

  it.runIf(existsSync(BUILT))('are what the build wrote into dist/', () => {
    // Compared as buffers: a byte-by-byte diff of 300 KiB is slow, and a difference is a rebuild.
    expect(readFileSync(BUILT).equals(precomputedFileBytes())).toBe(true);
  });
});
