import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { EMPTY_ESTATE, parseEstate } from './index.js';
import { parsePings, splitCsvLine } from './pings.js';

const estate = parseEstate(
  'name: p\nsites:\n  phx-dc: { kind: datacenter, metro: metro:phoenix }\n  iad-dc: { kind: datacenter, location: [39.04, -77.49] }\n',
);

function errors(text: string) {
  try {
    parsePings(text, 'pings.csv', estate);
  } catch (error) {
    expect(error).toBeInstanceOf(FootprintError);
    return (error as FootprintError).diagnostics;
  }
  throw new Error('expected an error');
}

describe('splitCsvLine', () => {
  it('splits on commas, keeps quoted commas, unescapes doubled quotes, and says where each field is', () => {
    expect(splitCsvLine('a, "33.45,-112.07" ,3')?.map((f) => [f.text, f.col])).toEqual([
      ['a', 1],
      ['33.45,-112.07', 4],
      ['3', 21],
    ]);
    expect(splitCsvLine('"say ""hi""",b')?.map((f) => f.text)).toEqual(['say "hi"', 'b']);
    expect(splitCsvLine('"open,b')).toBeUndefined();
  });
});

describe('parsePings', () => {
  it('reads ids, catalog places and quoted lat,lon, skipping the header and comments', () => {
    const pings = parsePings(
      '# measured 2026-01\nfrom,to,rtt_ms\nphx-dc,us-west-2,31.8\n\n"51.51,-0.13",dx:eqdc2,76\n',
      'pings.csv',
      estate,
    );
    expect(pings.map((p) => [p.from.id, p.to.id, p.rttMs, p.line])).toEqual([
      ['phx-dc', 'us-west-2', 31.8, 3],
      ['51.51,-0.13', 'dx:EqDC2', 76, 5],
    ]);
  });

  it('locates every bad row at file:line:col, all of them at once', () => {
    const found = errors(
      [
        'from,to,rtt_ms',
        'phx-dc,us-west-2', // 2: too few columns
        'phx-dc,us-wset-2,31', // 3: unknown place
        'phx-dc,us-west-2,fast', // 4: not a number
        'phx-dc,us-west-2,-3', // 5: negative
        'phx-dc,iad-dc,12', // 6: faster than light over 3,150 km
        '33.45,-112.07,us-east-1,60', // 7: unquoted lat,lon
      ].join('\n'),
    );
    expect(found.map((d) => [d.code, d.location?.line, d.location?.col])).toEqual([
      ['FP_BAD_CSV', 2, 1],
      ['FP_UNKNOWN_PLACE', 3, 8],
      ['FP_INVALID_VALUE', 4, 18],
      ['FP_INVALID_VALUE', 5, 18],
      ['FP_FASTER_THAN_LIGHT', 6, 15],
      ['FP_BAD_CSV', 7, 1],
    ]);
    expect(found.every((d) => d.location?.file === 'pings.csv' && d.frame?.includes('^'))).toBe(true);
    expect(found[1]?.suggestion).toContain("'us-west-2'");
    expect(found[4]?.expected).toMatch(/at least 30\.\d\d ms/);
    expect(found[5]?.suggestion).toContain('"33.45,-112.07"');
  });

  it('refuses a file without measurements, and a place measured against itself', () => {
    expect(errors('from,to,rtt_ms\n')[0]?.code).toBe('FP_BAD_CSV');
    expect(errors('phx-dc,phx-dc,1\n')[0]?.message).toContain("both ends are 'phx-dc'");
  });

  it('checks coordinates and does not need an estate', () => {
    expect(errors('"91,0",us-east-1,50\n')[0]?.code).toBe('FP_BAD_COORDINATES');
    expect(parsePings('us-east-1,eu-west-1,68\n', 'p.csv', EMPTY_ESTATE)).toHaveLength(1);
  });
});
