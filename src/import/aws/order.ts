/**
 * The orders the imported estate is written in: the same on every machine and for any order of
 * the input, so that a re-import gives a clean diff.
 */
import { isCidr, parseCidr } from '../../network/spec/index.js';

/** Byte order, not locale order. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Address order, then shorter prefix first; anything that is not a CIDR after, in byte order. */
export function compareCidrs(a: string, b: string): number {
  const x = parseCidr(a);
  const y = parseCidr(b);
  if (isCidr(x) && isCidr(y)) return x.base - y.base || x.length - y.length;
  if (isCidr(x)) return -1;
  if (isCidr(y)) return 1;
  return compare(a, b);
}
