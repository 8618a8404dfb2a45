/**
 * What the routed classes cost to set up, computed once by `npm run build` instead of by every
 * process: the hub tables of the default parameters (all pairs of hubs, both classes), each hub
 * route's length on the ellipsoid, the access hubs of every catalog position, and the links among
 * the catalog's own places the physical graph starts from (and the internet's RTTs between them,
 * which it adds after the estate's links). A cold start of
 * `footprint latency` spent most of its time solving these (issue 19); reading them is a fraction
 * of a millisecond.
 *
 * The file, dist/latency/precomputed.bin, is written by `scripts/build-latency.mjs` (part of `npm
 * run build`) with `precomputedFileBytes` (`precompute.ts`), from the same code that would otherwise
 * run, so a figure read from it is the same bits as one computed (`precomputed.test.ts` checks the
 * built file against a fresh computation). It is found by the same path from src/, from dist/ and
 * from the CLI's bundle (dist/cli-chunks/), as dist/web/ is. It holds a fingerprint of what it was
 * made from (the hubs, their routes, the default parameters, the catalog's transit places, the
 * number of access hubs): with no file (before a build) or one that does not match, everything is
 * computed as before.
 *
 * Layout: the bytes `FPRT`, a uint32 (little-endian) header length, the header as JSON (the
 * fingerprint and the sections' names, types and lengths), zero padding to a multiple of 8, then
 * each section's elements, little-endian, each section padded to a multiple of 8 bytes.
 */
import { readFileSync } from 'node:fs';
import { HUB_ROUTES, HUBS } from '../catalog/data/hubs.js';
import { catalogPlaces, DEFAULT_LATENCY_PARAMETERS } from '../catalog/index.js';

const MAGIC = 'FPRT';
const FILE = '../../dist/latency/precomputed.bin';

/** The element types a section may have. */
type SectionType = 'f64' | 'i32';
type SectionArray = Float64Array | Int32Array;

/** What a hub table needs for queries: RTTs, next hops, and core hubs (see `HubTable`). */
export interface StoredHubTable {
  readonly rttMs: Float64Array;
  readonly next: Int32Array;
  readonly via: Int32Array;
}

/** Links among the catalog's transit places, as the physical graph's first phases make them (see `graph.ts`). */
export interface CatalogLinks {
  /** How many places (the graph's first) they join. */
  readonly places: number;
  /** The two ends of each link, by index into those places. */
  readonly ends: Int32Array;
  readonly rttMs: Float64Array;
  /** Index into LINK_CLASSES. */
  readonly linkClass: Int32Array;
  /** The internet's RTTs between them, in the order the graph joins the internet. */
  readonly internetRttMs: Float64Array;
}

/** The contents of the file. */
export interface Precomputed {
  /** Great-circle km of each hub route, by index into HUB_ROUTES. */
  readonly routeKm: Float64Array;
  readonly backbone: StoredHubTable;
  readonly internet: StoredHubTable;
  /** Positions (lat, lon pairs) whose access hubs are stored. */
  readonly positions: Float64Array;
  /** `accessCount` hub indices per position, in order of distance. */
  readonly accessHubs: Int32Array;
  /** The distances to them (km). */
  readonly accessKm: Float64Array;
  readonly accessCount: number;
  readonly catalogLinks: CatalogLinks;
}

/** The sections of the file, in order. */
const SECTIONS: readonly (readonly [string, SectionType])[] = [
  ['routeKm', 'f64'],
  ['backbone.rttMs', 'f64'],
  ['backbone.next', 'i32'],
  ['backbone.via', 'i32'],
  ['internet.rttMs', 'f64'],
  ['internet.next', 'i32'],
  ['internet.via', 'i32'],
  ['positions', 'f64'],
  ['accessHubs', 'i32'],
  ['accessKm', 'f64'],
  ['catalogLinks.ends', 'i32'],
  ['catalogLinks.rttMs', 'f64'],
  ['catalogLinks.linkClass', 'i32'],
  ['catalogLinks.internetRttMs', 'f64'],
];

/**
 * A fingerprint (FNV-1a over 32-bit words of the UTF-8, hex) of what the file is made from: a
 * file made from other hubs, routes, default parameters or catalog places is not used. By words
 * rather than characters: a fresh process hashes 100 kB in code not yet optimised, and a quarter
 * of the steps is a few milliseconds less (node:crypto would take longer to load).
 */
export function precomputedFingerprint(accessCount: number): string {
  const text = JSON.stringify([
    HUBS,
    HUB_ROUTES,
    DEFAULT_LATENCY_PARAMETERS,
    catalogPlaces(['region', 'az', 'local-zone', 'dx-location']),
    accessCount,
  ]);
  const encoded = new TextEncoder().encode(text);
  const bytes = encoded.byteOffset % 4 === 0 ? encoded : encoded.slice();
  const words = new Int32Array(bytes.buffer, bytes.byteOffset, bytes.length >> 2);
  let hash = 0x811c9dc5;
  for (let i = 0; i < words.length; i++) hash = Math.imul(hash ^ (words[i] as number), 0x01000193);
  for (let i = words.length * 4; i < bytes.length; i++)
    hash = Math.imul(hash ^ (bytes[i] as number), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

/**
 * The fingerprint the build computed for its own bundles of this code (esbuild replaces this name,
 * scripts/build-cli.mjs): the bundled code and data are those it was computed from, so a bundle
 * compares the file's fingerprint with it instead of hashing the catalog again at each start (a few
 * milliseconds of a cold start, issue 19). Undefined elsewhere (the sources, tsc's dist/).
 */
declare const FOOTPRINT_BUILT_FINGERPRINT: string | undefined;

/**
 * {@link precomputedFingerprint}, or the build's figure of it (`ACCESS_COUNT:FINGERPRINT`, a string,
 * which esbuild writes in place) when this is a bundle and it was made for `accessCount`.
 */
function expectedFingerprint(accessCount: number): string {
  const built = typeof FOOTPRINT_BUILT_FINGERPRINT === 'string' ? FOOTPRINT_BUILT_FINGERPRINT : '';
  const [count, fingerprint] = built.split(':');
  return count === String(accessCount) && fingerprint ? fingerprint : precomputedFingerprint(accessCount);
}

const pad8 = (n: number) => (n + 7) & ~7;

/** The file's bytes for these contents. Deterministic. */
export function encodePrecomputed(contents: Precomputed): Uint8Array {
  const arrays = sectionArrays(contents);
  const header = new TextEncoder().encode(
    JSON.stringify({
      fingerprint: precomputedFingerprint(contents.accessCount),
      accessCount: contents.accessCount,
      catalogPlaces: contents.catalogLinks.places,
      sections: SECTIONS.map(([name, type], k) => ({
        name,
        type,
        length: (arrays[k] as SectionArray).length,
      })),
    }),
  );
  let size = pad8(8 + header.length);
  const offsets = arrays.map((array) => {
    const offset = size;
    size += pad8(array.byteLength);
    return offset;
  });
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, header.length, true);
  bytes.set(header, 8);
  arrays.forEach((array, k) => {
    bytes.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offsets[k] as number);
  });
  return bytes;
}

function sectionArrays(c: Precomputed): SectionArray[] {
  return [
    c.routeKm,
    c.backbone.rttMs,
    c.backbone.next,
    c.backbone.via,
    c.internet.rttMs,
    c.internet.next,
    c.internet.via,
    c.positions,
    c.accessHubs,
    c.accessKm,
    c.catalogLinks.ends,
    c.catalogLinks.rttMs,
    c.catalogLinks.linkClass,
    c.catalogLinks.internetRttMs,
  ];
}

interface Header {
  readonly fingerprint: string;
  readonly accessCount: number;
  readonly catalogPlaces: number;
  readonly sections: readonly {
    readonly name: string;
    readonly type: SectionType;
    readonly length: number;
  }[];
}

/**
 * The contents of a file's bytes; undefined when they are not such a file, or one made from other
 * hubs, routes or default parameters, or made for another number of access hubs.
 */
export function decodePrecomputed(source: Uint8Array, accessCount: number): Precomputed | undefined {
  // Typed arrays are views on the bytes: they need 8-byte alignment, and a little-endian machine.
  if (new Uint8Array(Uint16Array.of(1).buffer)[0] !== 1) return undefined;
  const bytes = source.byteOffset % 8 === 0 ? source : source.slice();
  if (bytes.length < 8 || new TextDecoder().decode(bytes.subarray(0, 4)) !== MAGIC) return undefined;
  const headerLength = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + headerLength))) as Header;
  if (header.fingerprint !== expectedFingerprint(accessCount) || header.accessCount !== accessCount)
    return undefined;
  if (header.sections.map((s) => `${s.name}:${s.type}`).join() !== SECTIONS.map((s) => s.join(':')).join())
    return undefined;
  let offset = pad8(8 + headerLength);
  const arrays = header.sections.map(({ type, length }) => {
    const at = bytes.byteOffset + offset;
    const array =
      type === 'f64' ? new Float64Array(bytes.buffer, at, length) : new Int32Array(bytes.buffer, at, length);
    offset += pad8(array.byteLength);
    return array;
  });
  const [
    routeKm,
    bbRtt,
    bbNext,
    bbVia,
    inRtt,
    inNext,
    inVia,
    positions,
    accessHubs,
    accessKm,
    ends,
    rttMs,
    linkClass,
    internetRttMs,
  ] = arrays as [
    Float64Array,
    Float64Array,
    Int32Array,
    Int32Array,
    Float64Array,
    Int32Array,
    Int32Array,
    Float64Array,
    Int32Array,
    Float64Array,
    Int32Array,
    Float64Array,
    Int32Array,
    Float64Array,
  ];
  return {
    routeKm,
    backbone: { rttMs: bbRtt, next: bbNext, via: bbVia },
    internet: { rttMs: inRtt, next: inNext, via: inVia },
    positions,
    accessHubs,
    accessKm,
    accessCount,
    catalogLinks: { places: header.catalogPlaces, ends, rttMs, linkClass, internetRttMs },
  };
}

let loaded: { readonly contents: Precomputed | undefined } | undefined;

/**
 * The built file, read once per process; undefined when there is none (the sources,
 * before a build) or it does not match (see {@link decodePrecomputed}).
 */
export function precomputed(accessCount: number): Precomputed | undefined {
  if (loaded === undefined) {
    let bytes: Uint8Array | undefined;
    try {
      // Resolved here: a module run from a data: URL (the build's) has no file beside it.
      bytes = readFileSync(new URL(FILE, import.meta.url));
    } catch {
      bytes = undefined;
    }
    loaded = { contents: bytes ? decodePrecomputed(bytes, accessCount) : undefined };
  }
  return loaded.contents?.accessCount === accessCount ? loaded.contents : undefined;
}
