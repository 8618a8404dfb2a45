/**
 * Compiled longest-prefix-match tables, no allocation per lookup and a cost per lookup that does
 * not grow with the table:
 * - a small table (a VPC route table: a handful of routes) is a linear scan over typed arrays of
 *   masks and bases, longest prefix first;
 * - a large one (who owns each of 20,000 subnets, a Transit Gateway table with hundreds of
 *   propagated routes) is a multibit trie with four strides of 8 bits, its prefixes expanded into
 *   the slots they cover: a lookup is at most four array reads, and the trie holds a block of 256
 *   slots per distinct 8-, 16- or 24-bit stem its longer prefixes need.
 */
import type { Cidr } from './spec/index.js';

/** Tables up to this many distinct prefixes are scanned; larger ones get a trie. */
const SCAN_LIMIT = 16;
/** A trie slot: an entry index (>= 0), none (-1), or a child block `b` stored as `-2 - b`. */
const NONE = -1;
/** The largest 16-bit slot: an entry index or a child block `b` (stored as `-2 - b`) up to it fits. */
const INT16_MAX = 32_767;

/**
 * A compiled longest-prefix-match table over entries of any type.
 * @example
 * const table = new LpmTable([{ cidr: a, value: 'x' }]);
 * table.lookup(parseIpv4('10.0.0.1')!)
 */
export class LpmTable<T> {
  readonly entries: readonly { readonly cidr: Cidr; readonly value: T }[];
  /** Scan: the distinct prefixes, longest first (the first entry of a block wins). */
  private readonly masks: Int32Array;
  private readonly bases: Int32Array;
  private readonly indices: Int32Array;
  /**
   * Trie: blocks of 256 slots, block 0 the root (by the top 8 bits); empty for a scanned table. 16-bit
   * slots when the entries and blocks fit (half the bytes a lookup's random block read pulls into the
   * cache: a trie of the owners of 20,000 subnets is 66 KB instead of 132 KB), else 32-bit.
   */
  private readonly blocks: Int16Array | Int32Array;

  constructor(entries: readonly { readonly cidr: Cidr; readonly value: T }[]) {
    this.entries = entries;
    // The first entry for a block wins; resolution rejects duplicate destinations before this.
    const seen = new Set<string>();
    const distinct: number[] = [];
    entries.forEach((entry, index) => {
      const key = `${entry.cidr.base >>> 0}/${entry.cidr.length}`;
      if (seen.has(key)) return;
      seen.add(key);
      distinct.push(index);
    });
    const lengthOf = (index: number) => (entries[index] as { cidr: Cidr }).cidr.length;
    const baseOf = (index: number) => (entries[index] as { cidr: Cidr }).cidr.base >>> 0;
    if (distinct.length <= SCAN_LIMIT) {
      distinct.sort((a, b) => lengthOf(b) - lengthOf(a) || a - b);
      this.masks = Int32Array.from(distinct, (i) => maskOf(lengthOf(i)));
      this.bases = Int32Array.from(distinct, (i) => baseOf(i) | 0);
      this.indices = Int32Array.from(distinct);
      this.blocks = new Int16Array(0);
      return;
    }
    this.masks = this.bases = this.indices = new Int32Array(0);
    // Shorter prefixes first: a longer one then overwrites the slots it makes more specific.
    distinct.sort((a, b) => lengthOf(a) - lengthOf(b) || a - b);
    const trie = new TrieBuilder();
    for (const index of distinct) trie.insert(baseOf(index), lengthOf(index), index);
    this.blocks = trie.finish(entries.length);
  }

  /** Index into `entries` of the longest prefix containing the address, or -1. */
  lookupIndex(address: number): number {
    const blocks = this.blocks;
    if (blocks.length === 0) {
      const masks = this.masks;
      const bases = this.bases;
      for (let k = 0; k < masks.length; k++) {
        if ((address & (masks[k] as number)) === (bases[k] as number)) return this.indices[k] as number;
      }
      return NONE;
    }
    let slot = blocks[address >>> 24] as number;
    if (slot >= NONE) return slot;
    slot = blocks[(-2 - slot) * 256 + ((address >>> 16) & 255)] as number;
    if (slot >= NONE) return slot;
    slot = blocks[(-2 - slot) * 256 + ((address >>> 8) & 255)] as number;
    if (slot >= NONE) return slot;
    return blocks[(-2 - slot) * 256 + (address & 255)] as number;
  }

  /** The entry of the longest prefix containing the address. */
  lookup(address: number): { readonly cidr: Cidr; readonly value: T } | undefined {
    const index = this.lookupIndex(address);
    return index < 0 ? undefined : this.entries[index];
  }
}

/** The mask of a prefix length as a signed 32-bit integer (what `&` gives). */
function maskOf(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) | 0;
}

/** Builds the trie's slots, prefixes inserted shortest first. */
class TrieBuilder {
  private blocks = new Int32Array(256 * 16);
  /** Blocks in use; block 0 is the root. */
  private count = 1;

  constructor() {
    this.blocks.fill(NONE);
  }

  insert(base: number, length: number, index: number): void {
    let block = 0;
    for (let end = 8; ; end += 8) {
      const at = block * 256 + ((base >>> (32 - end)) & 255);
      if (length <= end) {
        this.blocks.fill(index, at, at + 2 ** (end - length));
        return;
      }
      block = this.child(at);
    }
  }

  /** The trimmed block array: 16-bit slots when every entry index and child block fits. */
  finish(entries: number): Int16Array | Int32Array {
    const slots = this.blocks.subarray(0, this.count * 256);
    return entries <= INT16_MAX && this.count <= INT16_MAX ? Int16Array.from(slots) : slots.slice();
  }

  /** The child block under a slot, made (holding the slot's entry everywhere) if it has none. */
  private child(at: number): number {
    const slot = this.blocks[at] as number;
    if (slot < NONE) return -2 - slot;
    if ((this.count + 1) * 256 > this.blocks.length) {
      const grown = new Int32Array(this.blocks.length * 2);
      grown.set(this.blocks);
      this.blocks = grown;
    }
    const block = this.count++;
    this.blocks.fill(slot, block * 256, (block + 1) * 256);
    this.blocks[at] = -2 - block;
    return block;
  }
}
