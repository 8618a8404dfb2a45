import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cidr, cidrsOverlap, type Vpc } from '../network/index.js';
import { overlappingVpcs } from './rules-network.js';

/** A block: a random base masked to a random length (bases near each other, so overlaps are common). */
const block = fc
  .tuple(fc.integer({ min: 0, max: 63 }), fc.integer({ min: 2, max: 8 }))
  .map(([high, length]): Cidr => {
    const mask = (0xffffffff << (32 - length)) >>> 0;
    const base = ((high << 26) & mask) >>> 0;
    return { base, length, text: `${base}/${length}` };
  });

describe('overlappingVpcs', () => {
  it('finds the same overlapping pairs as comparing every pair of VPCs', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(block, { minLength: 1, maxLength: 3 }), { maxLength: 30 }),
        (cidrLists) => {
          const vpcs = cidrLists.map((cidrs, i) => ({ id: `vpc-${i}`, cidrs }) as unknown as Vpc);
          const brute = new Map<number, number[]>();
          for (let i = 0; i < vpcs.length; i++) {
            for (let j = i + 1; j < vpcs.length; j++) {
              const a = cidrLists[i] as Cidr[];
              const b = cidrLists[j] as Cidr[];
              if (a.some((x) => b.some((y) => cidrsOverlap(x, y))))
                brute.set(i, [...(brute.get(i) ?? []), j]);
            }
          }
          expect(overlappingVpcs(vpcs)).toEqual(brute);
        },
      ),
      { numRuns: 300 },
    );
  });
});
