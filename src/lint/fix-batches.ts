/**
 * The Local Zone hairpin's fix (a DX of its own, {@link ownDirectConnect}) priced for many
 * (subnet, on-prem network) pairs without resolving and compiling one estate per pair, which made
 * the rule quadratic in the estate's size.
 *
 * Fixes that cannot see each other are applied together, in one resolved estate, and each pair is
 * traced in it. A fix for subnet s and on-prem network p adds a route table for s alone, a private
 * VIF on the VGW of s's VPC advertising p's CIDRs, that VGW if the VPC has none, and maybe a
 * circuit from p's site to a DX location. Another pair's fix with the same p, for a subnet of
 * another VPC whose CIDRs do not overlap s's VPC's, changes nothing s's trace to p reads: s's
 * packets look up s's own table, then the VIFs of s's VPC's VGW; the return path looks up s's
 * address at p's site, where the other VPC's learned prefixes do not contain it; and routed RTTs
 * do not depend on the circuits a path does not take (AWS's own network excludes estate links). So
 * such fixes form one batch; fixes for one subnet (several on-prem networks) or for subnets of one
 * VPC go to different batches. A batch whose merged patch clashes or does not resolve falls back
 * to one estate per pair, as before.
 */
import type { Estate } from '../model/index.js';
import {
  compileNetwork,
  type OnPremNetwork,
  type Subnet,
  type TraceResult,
  traceRoute,
} from '../network/index.js';
import type { Cidr } from '../network/spec/index.js';
import { deriveMerged, type FixPatch, ownDirectConnect, ownDirectConnectPatch } from './fixes.js';

/** A pair whose hairpin the fix would remove. */
export interface HairpinPair {
  readonly subnet: Subnet;
  readonly premises: OnPremNetwork;
}

/** The fix of one pair: undefined when no variant could be built. */
export interface HairpinFix {
  /** The RTT of the pair's trace with the fix, when the fixed path is reachable. */
  readonly fixedRttMs?: number;
  /** The circuits the fix needs (none when the site already has one in the metro). */
  readonly newLinks: readonly string[];
}

function overlaps(a: Cidr, b: Cidr): boolean {
  const length = Math.min(a.length, b.length);
  const mask = length === 0 ? 0 : (0xffffffff << (32 - length)) >>> 0;
  return ((a.base ^ b.base) & mask) >>> 0 === 0;
}

function fixedRtt(trace: TraceResult): { fixedRttMs?: number } {
  return trace.reachable && trace.rttMs !== undefined ? { fixedRttMs: trace.rttMs } : {};
}

interface Batch {
  readonly items: number[];
  readonly vpcs: Set<string>;
  readonly cidrs: Cidr[];
}

/** The fix of each pair, as if each were the only fix applied. */
export function ownDirectConnectFixes(
  estate: Estate,
  pairs: readonly HairpinPair[],
): (HairpinFix | undefined)[] {
  const network = estate.network;
  const results: (HairpinFix | undefined)[] = new Array(pairs.length).fill(undefined);
  if (!network) return results;
  const cidrsOf = (p: HairpinPair) => p.premises.cidrs.map((c) => c.text);
  const patches = pairs.map((p) => ownDirectConnectPatch(estate, p.subnet, p.premises.site, cidrsOf(p)));
  const batchesByPremises = new Map<string, Batch[]>();
  pairs.forEach((pair, k) => {
    if (!patches[k]) return;
    const vpc = pair.subnet.vpc;
    const cidrs = network.vpcs.get(vpc)?.cidrs ?? [];
    let batches = batchesByPremises.get(pair.premises.id);
    if (!batches) {
      batches = [];
      batchesByPremises.set(pair.premises.id, batches);
    }
    let batch = batches.find(
      (b) => !b.vpcs.has(vpc) && !cidrs.some((c) => b.cidrs.some((d) => overlaps(c, d))),
    );
    if (!batch) {
      batch = { items: [], vpcs: new Set(), cidrs: [] };
      batches.push(batch);
    }
    batch.items.push(k);
    batch.vpcs.add(vpc);
    batch.cidrs.push(...cidrs);
  });
  const single = (k: number): HairpinFix | undefined => {
    const pair = pairs[k] as HairpinPair;
    const variant = ownDirectConnect(estate, pair.subnet, pair.premises.site, cidrsOf(pair));
    if (!variant) return undefined;
    const trace = traceRoute(variant.estate, pair.subnet.id, pair.premises.id);
    return { ...fixedRtt(trace), newLinks: variant.newLinks };
  };
  for (const batches of batchesByPremises.values()) {
    for (const { items } of batches) {
      const merged =
        items.length > 1
          ? deriveMerged(
              estate,
              items.map((k) => patches[k] as FixPatch),
            )
          : undefined;
      if (!merged) {
        for (const k of items) results[k] = single(k);
        continue;
      }
      const compiled = compileNetwork(merged);
      for (const k of items) {
        const pair = pairs[k] as HairpinPair;
        const trace = traceRoute(merged, pair.subnet.id, pair.premises.id, { compiled });
        results[k] = {
          ...fixedRtt(trace),
          newLinks: (patches[k] as FixPatch).newLinks,
        };
      }
    }
  }
  return results;
}
