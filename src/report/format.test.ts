import { describe, expect, it } from 'vitest';
import { counted, grouped, ms, roundForOutput, textTable, toJson } from './format.js';

describe('roundForOutput', () => {
  it('rounds non-integers, keeps integers, maps non-finite to null and drops undefined', () => {
    expect(
      roundForOutput({ a: 1.23456, b: 2, c: Number.POSITIVE_INFINITY, d: undefined, e: [0.00049, -0.0001] }),
    ).toEqual({
      a: 1.235,
      b: 2,
      c: null,
      e: [0, 0],
    });
  });

  it('turns typed arrays and maps into plain JSON', () => {
    expect(roundForOutput({ m: new Map([['x', 1.5]]), t: new Float64Array([1.11111]) })).toEqual({
      m: { x: 1.5 },
      t: [1.111],
    });
  });

  it('prints the same bytes for the same value', () => {
    expect(toJson({ rttMs: 1 / 3 })).toBe('{\n  "rttMs": 0.333\n}\n');
  });
});

describe('textTable', () => {
  it('aligns columns', () => {
    const text = textTable(
      [
        { name: 'a', v: 1.5 },
        { name: 'long', v: 12.25 },
      ],
      [
        { header: 'name', value: (r) => r.name },
        { header: 'rtt', value: (r) => ms(r.v), align: 'right' },
      ],
    );
    expect(text.split('\n')).toEqual(['name   rtt', '----  ----', 'a     1.50', 'long  12.3']);
  });
});

describe('counted', () => {
  it('says one thing in the singular and others in the plural', () => {
    expect(counted(1, 'ping')).toBe('1 ping');
    expect(counted(0, 'ping')).toBe('0 pings');
    expect(counted(2, 'user population')).toBe('2 user populations');
    expect(counted(12_000, 'request')).toBe('12,000 requests');
    expect(counted(3, 'person', 'people')).toBe('3 people');
  });
});

describe('textTable at scale', () => {
  it('lays out 200,000 rows (no argument spread that overflows the stack)', () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => ({ id: `row-${i}` }));
    const text = textTable(rows, [{ header: 'id', value: (r) => r.id }]);
    const lines = text.trimEnd().split('\n');
    expect(lines.at(-1)).toBe('row-199999');
    expect(lines[1]).toBe('-'.repeat('row-199999'.length));
  });
});

describe('grouped', () => {
  it('writes integers as toLocaleString("en-US") does', () => {
    const values = [
      0,
      -0,
      7,
      999,
      1000,
      -1000,
      12_345,
      999_999,
      1_000_000,
      -98_765_432,
      2 ** 53 - 1,
      2 ** 60,
      1.5,
    ];
    for (let k = 0; k < 2000; k++) values.push(Math.round((k * 7919) ** 1.7) * (k % 2 ? -1 : 1));
    for (const n of values) expect(grouped(n), String(n)).toBe(n.toLocaleString('en-US'));
    expect(grouped(5476)).toBe('5,476');
  });
});
