import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { parseEstate, resolvePlace } from '../model/index.js';
import { physicalLatency } from './index.js';

function codes(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof FootprintError) return error.diagnostics.map((d) => d.code);
    throw error;
  }
  return [];
}

const WITH_PLACEHOLDER = `name: p
sites:
  dc: { kind: datacenter, placeholder: "where is it?" }
  hq: { kind: office, metro: metro:phoenix, internet: true }
links:
  dx1: { kind: direct-connect, between: [dc, dx:ecph1] }
  wan1: { kind: wan, between: [hq, dc] }
`;

describe('placeholder sites', () => {
  it('are accepted with their links, kept apart from the sites that have a position', () => {
    const estate = parseEstate(WITH_PLACEHOLDER, 'p.yaml');
    expect(estate.sites.map((s) => s.id)).toEqual(['hq']);
    expect(estate.placeholderSites).toEqual([
      { id: 'dc', siteKind: 'datacenter', name: 'dc', placeholder: 'where is it?' },
    ]);
    // The DX location is canonicalised like any other link end.
    expect(estate.links.map((l) => [l.id, ...l.between])).toEqual([
      ['dx1', 'dc', 'dx:ECPH1'],
      ['wan1', 'hq', 'dc'],
    ]);
  });

  it('fail physical queries with FP_PLACEHOLDER_SITE, saying what to fill in', () => {
    const estate = parseEstate(WITH_PLACEHOLDER, 'p.yaml');
    expect(() => resolvePlace('dc', estate)).toThrow(
      /'dc' is a placeholder: its position is not known yet \(where is it\?\)/,
    );
    expect(codes(() => physicalLatency(estate, 'dc', 'us-west-2'))).toEqual(['FP_PLACEHOLDER_SITE']);
    // The rest of the estate still measures.
    expect(physicalLatency(estate, 'hq', 'us-west-2').rttMs).toBeGreaterThan(20);
  });

  it('may not also have a position, nor end a link that needs one', () => {
    expect(
      codes(() =>
        parseEstate('name: p\nsites:\n  dc: { kind: datacenter, metro: metro:phoenix, placeholder: x }\n'),
      ),
    ).toEqual(['FP_INVALID_VALUE']);
    const crossConnect = `${WITH_PLACEHOLDER}  cc: { kind: cross-connect, between: [dc, hq] }\n`;
    expect(codes(() => parseEstate(crossConnect))).toEqual(['FP_BAD_LINK']);
    const dxToSite = `${WITH_PLACEHOLDER}  bad: { kind: direct-connect, between: [dc, hq] }\n`;
    expect(codes(() => parseEstate(dxToSite))).toEqual(['FP_BAD_LINK']);
    const unknownEnd = `${WITH_PLACEHOLDER}  bad: { kind: direct-connect, between: [dc, dx:NOPE1] }\n`;
    expect(codes(() => parseEstate(unknownEnd))).toEqual(['FP_BAD_LINK']);
  });

  it('are filled in by a file that extends the estate (placeholder: null)', () => {
    const read = (path: string) =>
      path === 'base.yaml'
        ? WITH_PLACEHOLDER
        : 'extends: base.yaml\nsites:\n  dc: { placeholder: null, metro: metro:phoenix }\n';
    const estate = parseEstate(read('filled.yaml'), 'filled.yaml', read);
    expect(estate.placeholderSites).toBeUndefined();
    expect(physicalLatency(estate, 'dc', 'us-west-2-phx-2a').rttMs).toBeLessThan(2);
  });
});

const ZONE = (zones: string, zone = 'usw1-az2') => `name: z
${zones}network:
  vpcs:
    v: { region: us-west-1, cidrs: [10.0.0.0/16] }
  subnets:
    s: { vpc: v, zone: ${zone}, cidr: 10.0.1.0/24 }
`;

describe('availability zones the catalog lacks', () => {
  it('resolve when the estate declares them with their region, at the region like every AZ', () => {
    const estate = parseEstate(
      ZONE('availabilityZones:\n  usw1-az2: { region: us-west-1, name: us-west-1a }\n'),
    );
    expect(estate.network?.subnets.get('s')).toMatchObject({ zone: 'usw1-az2', zoneKind: 'az' });
    const declared = physicalLatency(estate, 'usw1-az2', 'us-west-2').rttMs;
    const catalogued = physicalLatency(estate, 'usw1-az1', 'us-west-2').rttMs;
    expect(declared).toBeCloseTo(catalogued, 9);
    expect(resolvePlace('usw1-az2', estate)).toMatchObject({ kind: 'az', region: 'us-west-1' });
  });

  it('are never guessed: an undeclared unknown AZ id stays an error', () => {
    expect(codes(() => parseEstate(ZONE('')))).toEqual(['FP_UNKNOWN_PLACE']);
  });

  it('must be well formed, of a known region, and not already in the catalog', () => {
    expect(
      codes(() => parseEstate(ZONE('availabilityZones:\n  use1-az9: { region: us-west-1 }\n'))),
    ).toContain('FP_INVALID_VALUE');
    expect(
      codes(() => parseEstate(ZONE('availabilityZones:\n  usw1-az2: { region: us-west-9 }\n'))),
    ).toContain('FP_UNKNOWN_PLACE');
    expect(
      codes(() => parseEstate(ZONE('availabilityZones:\n  usw1-az1: { region: us-west-1 }\n', 'usw1-az1'))),
    ).toEqual(['FP_RESERVED_ID']);
  });
});
