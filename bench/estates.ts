/**
 * Generated estates for benchmarks and scale tests: deterministic, realistic in shape.
 *
 * `networkEstate({ vpcsPerRegion, subnetsPerVpc })` makes four regions (us-east-1, us-west-2,
 * eu-west-1, ap-southeast-2), each with a Transit Gateway peered to the others, VPCs of
 * `subnetsPerVpc` subnets spread over the region's AZs (us-west-2's last subnet of each VPC in the
 * Phoenix Local Zone), a private and an edge route table per VPC, an internet gateway per VPC, and
 * two data centers on Direct Connect through one DX gateway associated with every Transit Gateway.
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { stringify } from 'yaml';
import { getRegion } from '../src/catalog/index.js';

const REGIONS = ['us-east-1', 'us-west-2', 'eu-west-1', 'ap-southeast-2'] as const;

export interface NetworkEstateOptions {
  readonly vpcsPerRegion: number;
  readonly subnetsPerVpc: number;
}

/** The estate as YAML text. 1,000 VPCs and 10,000 subnets: `{ vpcsPerRegion: 250, subnetsPerVpc: 10 }`. */
export function networkEstate({ vpcsPerRegion, subnetsPerVpc }: NetworkEstateOptions): string {
  if (vpcsPerRegion > 1024 || subnetsPerVpc > 16)
    throw new Error('at most 1024 VPCs per region and 16 subnets per VPC');
  const vpcs: Record<string, unknown> = {};
  const subnets: Record<string, unknown> = {};
  const routeTables: Record<string, unknown> = {};
  const internetGateways: Record<string, unknown> = {};
  const transitGateways: Record<string, unknown> = {};
  REGIONS.forEach((region, r) => {
    const azIds = getRegion(region)?.azIds ?? [];
    const attachments: Record<string, unknown> = {};
    const associations: string[] = [];
    const propagations: string[] = [];
    for (let k = 0; k < vpcsPerRegion; k++) {
      // Region r owns 10.(64r).0.0/10; VPC k a /20 inside it.
      const second = r * 64 + (k >> 4);
      const third = (k & 15) << 4;
      const vpc = `vpc-${r}-${k}`;
      vpcs[vpc] = { region, cidrs: [`10.${second}.${third}.0/20`] };
      const attachmentSubnets: string[] = [];
      for (let s = 0; s < subnetsPerVpc; s++) {
        const id = `sn-${r}-${k}-${s}`;
        const lz = region === 'us-west-2' && s === subnetsPerVpc - 1 && subnetsPerVpc > azIds.length;
        const zone = lz ? 'us-west-2-phx-2a' : (azIds[s % azIds.length] as string);
        const edge = s >= subnetsPerVpc - 2 && subnetsPerVpc > 2;
        subnets[id] = {
          vpc,
          zone,
          cidr: `10.${second}.${third + s}.0/24`,
          routeTable: `${vpc}-${edge ? 'edge' : 'private'}`,
        };
        if (!lz && s < azIds.length) attachmentSubnets.push(id);
      }
      routeTables[`${vpc}-private`] = { vpc, routes: { '0.0.0.0/0': `tgw-${r}` } };
      routeTables[`${vpc}-edge`] = {
        vpc,
        routes: { '10.0.0.0/8': `tgw-${r}`, '192.168.0.0/16': `tgw-${r}`, '0.0.0.0/0': `igw-${r}-${k}` },
      };
      internetGateways[`igw-${r}-${k}`] = { vpc };
      const attachment = `att-${r}-${k}`;
      attachments[attachment] = { vpc, subnets: attachmentSubnets };
      associations.push(attachment);
      propagations.push(attachment);
    }
    const routes: Record<string, string> = {};
    REGIONS.forEach((_, p) => {
      if (p === r) return;
      attachments[`peer-${r}-${p}`] = { peer: `tgw-${p}` };
      associations.push(`peer-${r}-${p}`);
      routes[`10.${p * 64}.0.0/10`] = `peer-${r}-${p}`;
    });
    attachments[`dx-${r}`] = { dxGateway: 'dxgw' };
    associations.push(`dx-${r}`);
    propagations.push(`dx-${r}`);
    transitGateways[`tgw-${r}`] = {
      region,
      attachments,
      routeTables: { [`tgw-${r}-rt`]: { associations, propagations, routes } },
    };
  });
  const estate = {
    name: `generated-${REGIONS.length * vpcsPerRegion}-vpcs`,
    sites: {
      'dc-east': { kind: 'datacenter', location: [39.0438, -77.4874] },
      'dc-west': { kind: 'datacenter', metro: 'metro:phoenix' },
    },
    links: {
      wan: { kind: 'wan', between: ['dc-east', 'dc-west'] },
      'dx-east': { kind: 'direct-connect', between: ['dc-east', 'dx:EqDC2'] },
      'dx-west': { kind: 'direct-connect', between: ['dc-west', 'dx:ECPO1'] },
    },
    network: {
      onPrem: {
        'east-net': { site: 'dc-east', cidrs: ['192.168.0.0/17'] },
        'west-net': { site: 'dc-west', cidrs: ['192.168.128.0/17'] },
      },
      vpcs,
      subnets,
      routeTables,
      internetGateways,
      transitGateways,
      dxGateways: {
        dxgw: {
          associations: REGIONS.map((_, r) => ({
            gateway: `tgw-${r}`,
            allowedPrefixes: [`10.${r * 64}.0.0/10`],
          })),
        },
      },
      virtualInterfaces: {
        'vif-east': {
          connection: 'dx-east',
          type: 'transit',
          dxGateway: 'dxgw',
          advertisedPrefixes: ['192.168.0.0/17'],
        },
        'vif-west': {
          connection: 'dx-west',
          type: 'transit',
          dxGateway: 'dxgw',
          advertisedPrefixes: ['192.168.128.0/17'],
        },
      },
    },
  };
  return stringify(estate, { lineWidth: 0 });
}

export interface PlacementEstateOptions {
  /** Services in all (a tenth of them pinned data stores in the two data centers). */
  readonly services: number;
  readonly seed?: number;
}

/**
 * An estate to place: `services` services in four tiers (front, mid, back, data) across us-west-2
 * and us-east-1 today, a tenth of them data stores pinned in a Phoenix or a Virginia data center;
 * each front service is the entry of a request made from six US metros, with a p99 budget on half
 * of them; calls in series and parallel groups, some cached; one service in eight asks for two
 * places (nearest routing), one in sixteen for two with a primary.
 */
export function placementEstate({ services, seed = 7 }: PlacementEstateOptions): string {
  const rng = xoroshiro128plus(seed);
  const uniform = () => ((rng.next() >>> 0) + 0.5) / 2 ** 32;
  const pick = <T>(list: readonly T[]): T => list[Math.floor(uniform() * list.length)] as T;
  const between = (lo: number, hi: number) => lo + Math.floor(uniform() * (hi - lo + 1));
  const counts = {
    front: Math.max(1, Math.round(services * 0.1)),
    mid: Math.round(services * 0.3),
    back: 0,
    data: Math.round(services * 0.2),
  };
  counts.back = services - counts.front - counts.mid - counts.data;
  const tiers = ['front', 'mid', 'back', 'data'] as const;
  const ids = Object.fromEntries(
    tiers.map((t) => [t, Array.from({ length: counts[t] }, (_, i) => `${t}-${i}`)]),
  ) as Record<(typeof tiers)[number], string[]>;
  const below = { front: ids.mid, mid: ids.back, back: ids.data, data: [] as string[] };
  const width = { front: [3, 4], mid: [1, 2], back: [1, 1], data: [0, 0] } as const;
  // Every service below the front is called by some service of the tier above: the first calls of
  // a tier go to each target in turn, the rest at random.
  const next = { front: 0, mid: 0, back: 0, data: 0 };
  const target = (tier: (typeof tiers)[number]) => {
    const list = below[tier];
    const i = next[tier]++;
    return i < list.length ? (list[i] as string) : pick(list);
  };
  const zones = ['usw2-az1', 'usw2-az2', 'use1-az1', 'use1-az2'];
  const metros = [
    'metro:phoenix',
    'metro:los-angeles',
    'metro:dallas',
    'metro:chicago',
    'metro:new-york',
    'metro:seattle',
  ];
  const out: Record<string, unknown> = {};
  let pinned = 0;
  const pinnedTarget = Math.round(services / 10);
  tiers.forEach((tier) => {
    ids[tier].forEach((id, i) => {
      const p50 = between(1, 8);
      const service: Record<string, unknown> = { computeMs: { p50, p99: p50 * between(2, 4) } };
      if (tier === 'data' && pinned < pinnedTarget) {
        pinned++;
        service.at = [{ place: i % 2 === 0 ? 'phx-dc' : 'iad-dc', instances: 2 }];
        service.pinned = true;
      } else {
        const first = pick(zones);
        service.at = [{ place: first, instances: between(2, 6) }];
        const n = (tiers.indexOf(tier) * 131 + i) % 16;
        if (n === 3) service.replicas = { min: 2 };
        else if (n === 7) {
          service.replicas = { min: 2 };
          service.routing = 'primary';
        }
      }
      const [lo, hi] = width[tier];
      const calls: unknown[] = [];
      for (let k = between(lo, hi); k > 0; k--) {
        const callee = target(tier);
        if (tier === 'front' && uniform() < 0.4) {
          const other = target(tier);
          calls.push(other === callee ? callee : { parallel: [callee, other] });
        } else if (uniform() < 0.2) calls.push({ call: callee, cacheHitRatio: between(3, 8) / 10 });
        else calls.push(callee);
      }
      if (calls.length > 0) service.calls = calls;
      out[id] = service;
    });
  });
  const requests: Record<string, unknown> = {};
  const budgets: unknown[] = [];
  ids.front.forEach((id, i) => {
    requests[`request-${i}`] = { entry: id };
    if (i % 2 === 0) budgets.push({ request: `request-${i}`, p99Ms: 250 });
  });
  return stringify({
    name: `bench-place-${services}`,
    sites: {
      'phx-dc': { kind: 'datacenter', metro: 'metro:phoenix', internet: true, capacity: { instances: 40 } },
      'iad-dc': {
        kind: 'datacenter',
        location: [39.0438, -77.4874],
        internet: true,
        capacity: { instances: 40 },
      },
    },
    links: {
      wan: { kind: 'wan', between: ['phx-dc', 'iad-dc'] },
      'dx-phx': { kind: 'direct-connect', between: ['phx-dc', 'dx:ECPH1'] },
      'dx-pdx': { kind: 'direct-connect', between: ['phx-dc', 'dx:ECPO1'] },
      'dx-iad': { kind: 'direct-connect', between: ['iad-dc', 'dx:EqDC2'] },
    },
    users: metros.map((metro, i) => ({ metro, weight: 6 - i })),
    services: out,
    requests,
    budgets,
  });
}
