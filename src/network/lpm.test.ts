import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LpmTable } from './lpm.js';
import {
  type Cidr,
  cidrContains,
  cidrCovers,
  cidrsOverlap,
  formatIpv4,
  isCidr,
  maskOf,
  parseCidr,
  parseIpv4,
} from './spec/index.js';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  if (!isCidr(parsed)) throw new Error(parsed.problem);
  return parsed;
}

describe('IPv4 and CIDR parsing', () => {
  it('parses dotted quads strictly', () => {
    expect(parseIpv4('10.0.0.1')).toBe(167772161);
    expect(parseIpv4('255.255.255.255')).toBe(0xffffffff);
    expect(formatIpv4(parseIpv4('192.168.1.20') as number)).toBe('192.168.1.20');
    for (const bad of ['10.0.0', '10.0.0.256', '010.0.0.1', '10.0.0.1.2', '0x0a.0.0.1', '', 'a.b.c.d'])
      expect(parseIpv4(bad)).toBeUndefined();
  });

  it('parses CIDR blocks and explains bad ones', () => {
    expect(cidr('10.10.0.0/16')).toEqual({ base: 168427520, length: 16, text: '10.10.0.0/16' });
    expect(cidr('0.0.0.0/0').length).toBe(0);
    expect(parseCidr('10.10.1.0/16')).toEqual({
      problem: 'host bits are set beyond the prefix length',
      suggestion: "did you mean '10.10.0.0/16'?",
    });
    expect(parseCidr('10.0.0.0/33')).toMatchObject({ problem: 'the prefix length must be 0 to 32' });
    expect(parseCidr('10.0.0.1')).toMatchObject({ suggestion: "write '10.0.0.1/32' for a single address" });
    expect(parseCidr('2001:db8::/32')).toMatchObject({ problem: expect.stringContaining('IPv6') });
  });

  it('answers containment, coverage and overlap', () => {
    expect(cidrContains(cidr('10.10.0.0/16'), parseIpv4('10.10.200.1') as number)).toBe(true);
    expect(cidrContains(cidr('10.10.0.0/16'), parseIpv4('10.11.0.1') as number)).toBe(false);
    expect(cidrCovers(cidr('10.0.0.0/8'), cidr('10.10.0.0/16'))).toBe(true);
    expect(cidrCovers(cidr('10.10.0.0/16'), cidr('10.0.0.0/8'))).toBe(false);
    expect(cidrsOverlap(cidr('10.10.0.0/16'), cidr('10.10.5.0/24'))).toBe(true);
    expect(cidrsOverlap(cidr('10.10.0.0/24'), cidr('10.10.1.0/24'))).toBe(false);
    expect(maskOf(0)).toBe(0);
    expect(maskOf(32)).toBe(0xffffffff);
  });
});

describe('LpmTable', () => {
  it('picks the longest matching prefix', () => {
    const table = new LpmTable([
      { cidr: cidr('0.0.0.0/0'), value: 'default' },
      { cidr: cidr('10.0.0.0/8'), value: 'ten' },
      { cidr: cidr('10.10.0.0/16'), value: 'vpc' },
    ]);
    expect(table.lookup(parseIpv4('10.10.1.1') as number)?.value).toBe('vpc');
    expect(table.lookup(parseIpv4('10.20.1.1') as number)?.value).toBe('ten');
    expect(table.lookup(parseIpv4('8.8.8.8') as number)?.value).toBe('default');
    expect(
      new LpmTable([{ cidr: cidr('10.0.0.0/8'), value: 1 }]).lookup(parseIpv4('11.0.0.1') as number),
    ).toBeUndefined();
  });

  it('agrees with a plain linear scan on random route tables', () => {
    const block = fc
      .tuple(fc.integer({ min: 0, max: 0xffffffff }), fc.integer({ min: 0, max: 32 }))
      .map(([address, length]) => ({ base: (address & maskOf(length)) >>> 0, length }));
    fc.assert(
      fc.property(
        fc.uniqueArray(block, { maxLength: 60, selector: (b) => `${b.base}/${b.length}` }),
        fc.array(fc.integer({ min: 0, max: 0xffffffff }), { minLength: 1, maxLength: 40 }),
        (blocks, addresses) => {
          const entries = blocks.map((b, i) => ({
            cidr: { ...b, text: `${formatIpv4(b.base)}/${b.length}` },
            value: i,
          }));
          const table = new LpmTable(entries);
          // Probe the routes' own blocks too, so that matches are frequent.
          const probes = [
            ...addresses,
            ...blocks.map((b) => b.base),
            ...blocks.map((b) => (b.base | ~maskOf(b.length)) >>> 0),
          ];
          for (const address of probes) {
            let best = -1;
            for (const [i, e] of entries.entries()) {
              if (
                cidrContains(e.cidr, address) &&
                (best < 0 || e.cidr.length > (entries[best] as (typeof entries)[number]).cidr.length)
              )
                best = i;
            }
            expect(table.lookupIndex(address)).toBe(best);
          }
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('agrees with a linear scan on large tables of nested, clustered prefixes (the trie), first entry of a block winning', () => {
    // Prefixes around a few stems, so that the trie's deeper blocks fill and nest; duplicates allowed.
    const block = fc
      .tuple(
        fc.constantFrom(0x0a000000, 0x0a400000, 0xc0a80000, 0xac100000),
        fc.integer({ min: 0, max: 0xffff }),
        fc.integer({ min: 0, max: 32 }),
      )
      .map(([stem, low, length]) => ({ base: ((stem + low * 37) & maskOf(length)) >>> 0, length }));
    fc.assert(
      fc.property(
        fc.array(block, { minLength: 17, maxLength: 300 }),
        fc.array(fc.integer({ min: 0, max: 0xffff }), { minLength: 1, maxLength: 60 }),
        (blocks, lows) => {
          const entries = blocks.map((b, i) => ({
            cidr: { ...b, text: `${formatIpv4(b.base)}/${b.length}` },
            value: i,
          }));
          const table = new LpmTable(entries);
          const probes = [
            ...lows.map((low) => (0x0a000000 + low * 91) >>> 0),
            ...blocks.map((b) => b.base),
            ...blocks.map((b) => (b.base | ~maskOf(b.length)) >>> 0),
            ...blocks.map((b) => (b.base + 1) >>> 0),
          ];
          for (const address of probes) {
            let best = -1;
            for (const [i, e] of entries.entries()) {
              const current = best < 0 ? -1 : (entries[best] as (typeof entries)[number]).cidr.length;
              if (cidrContains(e.cidr, address) && e.cidr.length > current) best = i;
            }
            expect(table.lookupIndex(address)).toBe(best);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps its answers when its trie slots are 16-bit and when they must be 32-bit (past 32,767 entries)', () => {
    // One /24 per entry under 10.0.0.0/8, a /16 over every 256 of them and a default: 16-bit at
    // 20,000 entries, 32-bit at 40,000; every probe's answer is the entry whose block holds it.
    for (const count of [20_000, 40_000]) {
      const entries = [
        { cidr: { base: 0, length: 0, text: '0.0.0.0/0' }, value: -1 },
        ...Array.from({ length: count >> 8 }, (_, k) => {
          const base = (0x0a000000 + k * 65_536) >>> 0;
          return { cidr: { base, length: 16, text: `${formatIpv4(base)}/16` }, value: k };
        }),
        ...Array.from({ length: count }, (_, k) => {
          const base = (0x0a000000 + k * 256) >>> 0;
          return { cidr: { base, length: 24, text: `${formatIpv4(base)}/24` }, value: k };
        }),
      ];
      const table = new LpmTable(entries);
      const subnets = 1 + (count >> 8);
      for (let k = 0; k < count; k += 97) {
        expect(table.lookupIndex((0x0a000000 + k * 256 + 7) >>> 0)).toBe(subnets + k);
      }
      // Past the last /24, in a /16 none covers: the default.
      expect(table.lookupIndex((0x0a000000 + count * 256 + 7) >>> 0)).toBe(0);
      expect(table.lookupIndex(0xc0a80001)).toBe(0);
    }
  });
});
