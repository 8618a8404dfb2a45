import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { networkEstate } from '../../bench/estates.js';
import { type Estate, parseEstate } from '../model/index.js';
import { traceRoute } from '../network/index.js';
import { type HairpinPair, ownDirectConnectFixes } from './fix-batches.js';
import { ownDirectConnect } from './fixes.js';

/** Each pair's fix in an estate of its own: what the rule did before batching. */
function oneByOne(estate: Estate, pairs: readonly HairpinPair[]) {
  return pairs.map(({ subnet, premises }) => {
    const variant = ownDirectConnect(
      estate,
      subnet,
      premises.site,
      premises.cidrs.map((c) => c.text),
    );
    if (!variant) return undefined;
    const trace = traceRoute(variant.estate, subnet.id, premises.id);
    return {
      ...(trace.reachable && trace.rttMs !== undefined ? { fixedRttMs: trace.rttMs } : {}),
      newLinks: variant.newLinks,
    };
  });
}

/**
 * The generated estate (one Local Zone subnet per us-west-2 VPC), plus a second Local Zone subnet
 * in two of those VPCs (another zone, the same zone) and a VPC whose CIDR overlaps theirs: pairs
 * that must not share a batch.
 */
function estateWithClashes(): Estate {
  const input = parse(networkEstate({ vpcsPerRegion: 2, subnetsPerVpc: 6 }));
  const network = input.network;
  Object.assign(network.subnets, {
    'lz-lax': { vpc: 'vpc-1-0', zone: 'us-west-2-lax-1a', cidr: '10.64.8.0/24', routeTable: 'vpc-1-0-edge' },
    'lz-phx': {
      vpc: 'vpc-1-1',
      zone: 'us-west-2-phx-2a',
      cidr: '10.64.24.0/24',
      routeTable: 'vpc-1-1-private',
    },
    'lz-overlap': {
      vpc: 'vpc-overlap',
      zone: 'us-west-2-phx-2a',
      cidr: '10.64.40.0/24',
      routeTable: 'overlap-rt',
    },
  });
  network.vpcs['vpc-overlap'] = { region: 'us-west-2', cidrs: ['10.64.0.0/16'] };
  network.routeTables['overlap-rt'] = { vpc: 'vpc-overlap', routes: {} };
  return parseEstate(stringify(input), 'generated.yaml');
}

describe('ownDirectConnectFixes', () => {
  it('prices every pair as an estate of its own would, with far fewer estates', () => {
    const estate = estateWithClashes();
    const network = estate.network;
    if (!network) throw new Error('no network');
    const pairs: HairpinPair[] = [];
    for (const subnet of network.subnets.values()) {
      if (subnet.zoneKind !== 'local-zone') continue;
      for (const premises of network.onPrem.values()) pairs.push({ subnet, premises });
    }
    expect(pairs.length).toBeGreaterThanOrEqual(6);
    const batched = ownDirectConnectFixes(estate, pairs);
    expect(batched).toEqual(oneByOne(estate, pairs));
    expect(batched.every((fix) => fix?.fixedRttMs !== undefined)).toBe(true);
  });
});
