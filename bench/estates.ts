/**
 * Generated estates for benchmarks and scale tests: deterministic, realistic in shape.
 *
 * `networkEstate({ vpcsPerRegion, subnetsPerVpc })` makes four regions (us-east-1, us-west-2,
 * eu-west-1, ap-southeast-2), each with a Transit Gateway peered to the others, VPCs of
 * `subnetsPerVpc` subnets spread over the region's AZs (us-west-2's last subnet of each VPC in the
 * Phoenix Local Zone), a private and an edge route table per VPC, an internet gateway per VPC, and
 * two data centers on Direct Connect through one DX gateway associated with every Transit Gateway.
 */
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
