/**
 * Compiled longest-prefix-match tables: one hash map per prefix length present, probed longest
 * first (at most 33 probes, no allocation per lookup).
 */
import type { Cidr } from './spec/index.js';

/**
 * A compiled longest-prefix-match table over entries of any type.
 * @example
 * const table = new LpmTable([{ cidr: a, value: 'x' }]);
 * table.lookup(parseIpv4('10.0.0.1')!)
 */
export class LpmTable<T> {
  /** Per prefix length present, longest first: its mask and its blocks (base -> entry index). */
  private readonly levels: readonly { readonly mask: number; readonly blocks: Map<number, number> }[];
  readonly entries: readonly { readonly cidr: Cidr; readonly value: T }[];

  constructor(entries: readonly { readonly cidr: Cidr; readonly value: T }[]) {
    this.entries = entries;
    const byLength = new Map<number, Map<number, number>>();
    entries.forEach((entry, index) => {
      let map = byLength.get(entry.cidr.length);
      if (!map) {
        map = new Map();
        byLength.set(entry.cidr.length, map);
      }
      // The first entry for a block wins; resolution rejects duplicate destinations before this.
      if (!map.has(entry.cidr.base)) map.set(entry.cidr.base, index);
    });
    this.levels = [...byLength]
      .sort((a, b) => b[0] - a[0])
      .map(([length, blocks]) => ({ mask: length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0, blocks }));
  }

  /** Index into `entries` of the longest prefix containing the address, or -1. */
  lookupIndex(address: number): number {
    for (const level of this.levels) {
      const hit = level.blocks.get((address & level.mask) >>> 0);
      if (hit !== undefined) return hit;
    }
    return -1;
  }

  /** The entry of the longest prefix containing the address. */
  lookup(address: number): { readonly cidr: Cidr; readonly value: T } | undefined {
    const index = this.lookupIndex(address);
    return index < 0 ? undefined : this.entries[index];
  }
}
