/**
 * IPv4 addresses and CIDR blocks as unsigned 32-bit integers: the vocabulary the estate file's
 * network section is written in (parsed and checked here, before the estate composes the section).
 */

/** An IPv4 CIDR block: `base` has no bits set beyond the prefix. */
export interface Cidr {
  readonly base: number;
  readonly length: number;
  /** The canonical text, e.g. `10.10.0.0/16`. */
  readonly text: string;
}

const OCTET = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/**
 * Parses a dotted-quad IPv4 address; undefined unless it is exactly four decimal octets.
 * @example parseIpv4('10.0.0.1') // 167772161
 */
export function parseIpv4(text: string): number | undefined {
  const parts = text.trim().split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!OCTET.test(part)) return undefined;
    value = value * 256 + Number(part);
  }
  return value >>> 0;
}

/** `167772161` -> `10.0.0.1` */
export function formatIpv4(value: number): string {
  return `${value >>> 24}.${(value >>> 16) & 255}.${(value >>> 8) & 255}.${value & 255}`;
}

/** The network mask of a prefix length as an unsigned integer. */
export function maskOf(length: number): number {
  return length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
}

export type CidrProblem = { readonly problem: string; readonly suggestion?: string };

/**
 * Parses `a.b.c.d/n` strictly. Host bits set beyond the prefix are a problem (AWS rejects them too),
 * with the corrected block as the suggestion.
 * @example parseCidr('10.10.0.0/16') // { base: 168427520, length: 16, text: '10.10.0.0/16' }
 */
export function parseCidr(text: string): Cidr | CidrProblem {
  const trimmed = text.trim();
  if (trimmed.includes(':')) return { problem: 'IPv6 blocks are not supported yet; Footprint routes IPv4' };
  const slash = trimmed.indexOf('/');
  if (slash < 0) {
    const address = parseIpv4(trimmed);
    return address === undefined
      ? { problem: 'not an IPv4 CIDR block' }
      : {
          problem: 'a CIDR block needs a prefix length',
          suggestion: `write '${trimmed}/32' for a single address`,
        };
  }
  const address = parseIpv4(trimmed.slice(0, slash));
  const lengthText = trimmed.slice(slash + 1);
  if (address === undefined) return { problem: 'not an IPv4 address before the /' };
  if (!/^(3[0-2]|[12]?\d)$/.test(lengthText)) return { problem: 'the prefix length must be 0 to 32' };
  const length = Number(lengthText);
  const base = (address & maskOf(length)) >>> 0;
  if (base !== address) {
    return {
      problem: 'host bits are set beyond the prefix length',
      suggestion: `did you mean '${formatIpv4(base)}/${length}'?`,
    };
  }
  return { base, length, text: `${formatIpv4(base)}/${length}` };
}

export function isCidr(value: Cidr | CidrProblem): value is Cidr {
  return 'base' in value;
}

/** True when the address is inside the block. */
export function cidrContains(cidr: Cidr, address: number): boolean {
  return (address & maskOf(cidr.length)) >>> 0 === cidr.base;
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrCovers(outer: Cidr, inner: Cidr): boolean {
  return inner.length >= outer.length && cidrContains(outer, inner.base);
}

/** True when the two blocks share any address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.length <= b.length ? cidrContains(a, b.base) : cidrContains(b, a.base);
}

/** The first address of a block that a host can have (the base itself for /31 and /32). */
export function firstHost(cidr: Cidr): number {
  return cidr.length >= 31 ? cidr.base : (cidr.base + 1) >>> 0;
}

/**
 * Address blocks that the public internet does not route: private networks (RFC 1918), shared
 * address space for carrier-grade NAT (RFC 6598), loopback, link-local and "this network"
 * (RFC 6890's special-purpose registry, not globally reachable). Anything else is public.
 */
const NOT_ON_THE_INTERNET: readonly Cidr[] = [
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
].map((text) => {
  const cidr = parseCidr(text);
  if (!isCidr(cidr)) throw new Error(`bad built-in block ${text}`);
  return cidr;
});

/**
 * True when the public internet does not route the address (a private, shared, loopback or
 * link-local one): an internet gateway drops traffic to it.
 * @example isPrivateIpv4(parseIpv4('192.168.1.1')!) // true
 */
export function isPrivateIpv4(address: number): boolean {
  return NOT_ON_THE_INTERNET.some((cidr) => cidrContains(cidr, address));
}
