import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { errorsOf } from './estate-errors.test-support.js';
import { estateJsonSchema, findPlace, parseEstate, resolvePlace } from './index.js';

const VALID = `
name: demo
sites:
  phx-dc: { kind: datacenter, metro: metro:phoenix, internet: true }
  iad-dc: { kind: datacenter, location: [39.04, -77.49] }
links:
  wan: { kind: wan, between: [phx-dc, iad-dc] }
  dx: { kind: direct-connect, between: [phx-dc, dx:ecph1], gbps: 10, measuredRttMs: 0.9 }
users:
  - { metro: metro:phoenix, weight: 3 }
  - { metro: metro:los-angeles, weight: 1 }
offerings:
  us-west-2-phx-2a: { instanceFamilies: [c6i, r6i] }
expectations:
  phx-lz: { from: phx-dc, to: us-west-2-phx-2a, rttMs: { max: 2 } }
`;

describe('parseEstate', () => {
  it('resolves a valid estate', () => {
    const estate = parseEstate(VALID, 'e.yaml');
    expect(estate.name).toBe('demo');
    expect(estate.sites.map((s) => s.id)).toEqual(['phx-dc', 'iad-dc']);
    expect(estate.sites[0]).toMatchObject({
      kind: 'site',
      siteKind: 'datacenter',
      metro: 'metro:phoenix',
      internet: true,
    });
    expect(estate.sites[1]).toMatchObject({ lat: 39.04, lon: -77.49, internet: false });
    // DX codes match case-insensitively and resolve to the catalog's spelling.
    expect(estate.links[1]).toMatchObject({ between: ['phx-dc', 'dx:ECPH1'], measuredRttMs: 0.9, gbps: 10 });
    expect(estate.users.map((u) => u.share)).toEqual([0.75, 0.25]);
    expect(estate.offerings.get('us-west-2-phx-2a')?.instanceFamilies).toEqual(['c6i', 'r6i']);
    // The override keeps the catalog's services where it does not name them.
    expect(estate.offerings.get('us-west-2-phx-2a')?.services.length).toBeGreaterThan(0);
    expect(estate.expectations[0]).toMatchObject({
      id: 'phx-lz',
      from: 'phx-dc',
      to: 'us-west-2-phx-2a',
      maxMs: 2,
      routed: false,
    });
  });

  it('finds places by site id, catalog id and lat,lon', () => {
    const estate = parseEstate(VALID, 'e.yaml');
    expect(findPlace('phx-dc', estate)?.kind).toBe('site');
    expect(findPlace('US-WEST-2', estate)?.id).toBe('us-west-2');
    expect(findPlace('-33.87,151.21', estate)).toMatchObject({ kind: 'host', lat: -33.87, lon: 151.21 });
    expect(() => resolvePlace('phx-cd', estate)).toThrow(/unknown place 'phx-cd'/);
  });

  it('rejects an unknown key with a did-you-mean at the key', () => {
    const [d] = errorsOf('name: x\nsite:\n  a: { kind: colo, metro: metro:phoenix }\n');
    expect(d).toMatchObject({ code: 'FP_UNKNOWN_KEY', suggestion: "did you mean 'sites'?" });
    expect(d?.location).toMatchObject({ file: 'e.yaml', line: 2, col: 1 });
  });

  it('rejects wrong types with what was expected', () => {
    const [d] = errorsOf('name: x\nlinks:\n  l: { kind: wan, between: [a, b], gbps: fast }\n');
    expect(d?.code).toBe('FP_WRONG_TYPE');
    expect(d?.message).toContain("links.l.gbps: expected a number, got 'fast' (a string)");
    expect(d?.location).toMatchObject({ line: 3, col: 42 });
  });

  it('rejects a bad enum value with a suggestion', () => {
    const [d] = errorsOf('name: x\nsites:\n  a: { kind: datacentre, metro: metro:phoenix }\n');
    expect(d).toMatchObject({ code: 'FP_INVALID_VALUE', suggestion: "did you mean 'datacenter'?" });
  });

  it('reports a missing required key', () => {
    const [d] = errorsOf('sites: {}\n');
    expect(d).toMatchObject({ code: 'FP_MISSING_KEY' });
    expect(d?.message).toContain("missing 'name'");
  });

  it('rejects unknown places with the closest ids', () => {
    const ds = errorsOf(
      'name: x\nsites:\n  dc: { kind: datacenter, metro: metro:phoenix }\nlinks:\n  l: { kind: direct-connect, between: [dc, dx:ECPH2] }\n',
    );
    expect(ds[0]).toMatchObject({ code: 'FP_UNKNOWN_PLACE', message: "unknown place 'dx:ECPH2'" });
    expect(ds[0]?.suggestion).toContain("'dx:ECPH1'");
    expect(ds[0]?.location).toMatchObject({ line: 5, col: 44, length: 8 });
  });

  it('resolves a DX code in either spelling and any case, and suggests the public spelling for a near miss', () => {
    const estate = parseEstate(VALID, 'e.yaml');
    for (const code of ['dx:EQSE2', 'dx:eqse2', 'dx:EqSe2-EQ', 'DX:EQSE2-EQ']) {
      expect(findPlace(code, estate)?.id, code).toBe('dx:EqSe2-EQ');
    }
    const ds = errorsOf(
      'name: x\nsites:\n  dc: { kind: datacenter, metro: metro:stockholm }\nlinks:\n  l: { kind: direct-connect, between: [dc, dx:EQSE3] }\n',
    );
    expect(ds[0]).toMatchObject({ code: 'FP_UNKNOWN_PLACE', message: "unknown place 'dx:EQSE3'" });
    expect(ds[0]?.suggestion).toContain("'dx:EQSE2'");
    expect(ds[0]?.location).toMatchObject({ line: 5, col: 44 });
  });

  it("suggests a Local Zone's zone ID for a near miss of one", () => {
    let error: unknown;
    try {
      resolvePlace('usw2-phx2-az2', parseEstate(VALID, 'e.yaml'));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(FootprintError);
    expect((error as FootprintError).diagnostics[0]?.suggestion).toContain("'usw2-phx2-az1'");
  });

  it('rejects an unknown metro and suggests the prefix', () => {
    const ds = errorsOf('name: x\nsites:\n  dc: { kind: datacenter, metro: phoenix }\n');
    expect(ds[0]).toMatchObject({
      code: 'FP_UNKNOWN_PLACE',
      suggestion: "write it with the prefix: 'metro:phoenix'",
    });
  });

  it('rejects ids that shadow the catalog and duplicates across sections', () => {
    const ds = errorsOf(
      'name: x\nsites:\n  us-west-2: { kind: colo, metro: metro:phoenix }\n  a: { kind: colo, metro: metro:phoenix }\n  b: { kind: colo, metro: metro:phoenix }\nlinks:\n  a: { kind: wan, between: [a, b] }\n',
    );
    expect(ds.map((d) => d.code)).toEqual(['FP_RESERVED_ID', 'FP_DUPLICATE_ID']);
    expect(ds[1]?.location).toMatchObject({ line: 7, col: 3 });
  });

  it('rejects coordinates out of range and hints at swapped lat/lon', () => {
    const [d] = errorsOf('name: x\nsites:\n  a: { kind: colo, location: [-112.07, 33.45] }\n');
    expect(d).toMatchObject({ code: 'FP_BAD_COORDINATES', suggestion: 'latitude comes first: [lat, lon]' });
  });

  it('checks what each kind of link may join', () => {
    const ds = errorsOf(
      'name: x\nsites:\n  a: { kind: colo, metro: metro:phoenix }\n  b: { kind: colo, metro: metro:new-york }\nlinks:\n  l1: { kind: direct-connect, between: [a, us-west-2] }\n  l2: { kind: wan, between: [a, dx:ECPH1] }\n  l3: { kind: cross-connect, between: [a, b] }\n  l4: { kind: wan, between: [a, a] }\n',
    );
    expect(ds.map((d) => d.code)).toEqual(['FP_BAD_LINK', 'FP_BAD_LINK', 'FP_BAD_LINK', 'FP_BAD_LINK']);
    expect(ds[0]?.message).toContain('joins a site to a DX location');
    expect(ds[2]?.message).toMatch(/km apart/);
  });

  it('rejects duplicate user metros and empty expectation ranges', () => {
    const ds = errorsOf(
      'name: x\nusers:\n  - { metro: metro:phoenix, weight: 1 }\n  - { metro: metro:phoenix, weight: 2 }\nexpectations:\n  r: { from: us-east-1, to: us-west-2, rttMs: { min: 9, max: 3 } }\n',
    );
    expect(ds.map((d) => d.code)).toEqual(['FP_DUPLICATE_ID', 'FP_INVALID_VALUE']);
  });

  it('collects every problem before failing', () => {
    const ds = errorsOf(
      'name: x\nsites:\n  a: { kind: colo }\n  b: { kind: nope, metro: metro:phoenix }\nlinkz: {}\n',
    );
    expect(ds.length).toBe(2);
  });

  it('publishes a JSON Schema that describes the sections', () => {
    const schema = estateJsonSchema() as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['name', 'sites', 'links', 'users', 'offerings', 'expectations', 'extends']),
    );
    expect(schema.required).toEqual(['name']);
  });
});

describe('parseEstate edge cases', () => {
  it('normalises huge user weights without overflow', () => {
    const estate = parseEstate(
      'name: x\nusers:\n  - { metro: metro:phoenix, weight: 1e308 }\n  - { metro: metro:denver, weight: 1e308 }\n',
    );
    expect(estate.users.map((u) => u.share)).toEqual([0.5, 0.5]);
  });

  it('keeps inherited object names as ordinary ids', () => {
    const estate = parseEstate(
      'name: x\nsites:\n  constructor: { kind: colo, metro: metro:phoenix }\n  toString: { kind: colo, metro: metro:denver }\nlinks:\n  valueOf: { kind: wan, between: [constructor, toString] }\n',
    );
    expect(estate.sites.map((s) => s.id)).toEqual(['constructor', 'toString']);
    expect(estate.links[0]?.between).toEqual(['constructor', 'toString']);
  });
});
