/**
 * Benchmark: `footprint import aws` on a generated snapshot of one account (1,000 VPCs and 10,000
 * subnets by default, a Transit Gateway with an attachment per VPC and its propagated routes).
 * Prints the import time, and two peers measured in the same run: loading the estate file the
 * import writes (the floor: an import also writes and checks that file), and yaml's own
 * duplicate-key check, which the loader replaced by a linear one.
 *
 *   npm run bench:import          (BENCH_VPCS=1000 BENCH_SUBNETS=10 by default)
 */
import { parseDocument } from 'yaml';
import { importAws, type SnapshotFile } from '../src/import/index.js';
import { parseEstate } from '../src/model/index.js';

const vpcCount = Number(process.env.BENCH_VPCS ?? 1000);
const subnetsPerVpc = Number(process.env.BENCH_SUBNETS ?? 10);
const region = 'us-west-2';
const tgw = 'tgw-0000000000000001';
const table = 'tgw-rtb-0000000000000001';
const zones: [string, string][] = [
  ['us-west-2a', 'usw2-az2'],
  ['us-west-2b', 'usw2-az1'],
  ['us-west-2c', 'usw2-az3'],
  ['us-west-2d', 'usw2-az4'],
];
const hex = (n: number) => n.toString(16).padStart(17, '0');

function snapshot(): SnapshotFile[] {
  const vpcs = [];
  const subnets = [];
  const routeTables = [];
  const attachments = [];
  const vpcAttachments = [];
  const routes = [];
  for (let v = 0; v < vpcCount; v++) {
    const id = `vpc-${hex(v)}`;
    const base = `10.${Math.floor(v / 250)}.${v % 250}`;
    vpcs.push({ VpcId: id, CidrBlock: `${base}.0/24`, Tags: [{ Key: 'Name', Value: `vpc-${v}` }] });
    const ids = [];
    for (let s = 0; s < subnetsPerVpc; s++) {
      const [name, zoneId] = zones[s % zones.length] as [string, string];
      const subnet = `subnet-${hex(v * subnetsPerVpc + s)}`;
      ids.push(subnet);
      const size = 256 / subnetsPerVpc >= 16 ? 16 : 4;
      subnets.push({
        SubnetId: subnet,
        VpcId: id,
        CidrBlock: `${base}.${s * size}/${32 - Math.log2(size)}`,
        AvailabilityZone: name,
        AvailabilityZoneId: zoneId,
      });
    }
    const attachment = `tgw-attach-${hex(v)}`;
    routeTables.push({
      RouteTableId: `rtb-${hex(v)}`,
      VpcId: id,
      Associations: [{ Main: true }, ...ids.map((s) => ({ SubnetId: s }))],
      Routes: [
        {
          DestinationCidrBlock: `${base}.0/24`,
          GatewayId: 'local',
          Origin: 'CreateRouteTable',
          State: 'active',
        },
        { DestinationCidrBlock: '0.0.0.0/0', TransitGatewayId: tgw, Origin: 'CreateRoute', State: 'active' },
      ],
    });
    attachments.push({
      TransitGatewayAttachmentId: attachment,
      TransitGatewayId: tgw,
      ResourceType: 'vpc',
      ResourceId: id,
      State: 'available',
      Association: { TransitGatewayRouteTableId: table, State: 'associated' },
    });
    vpcAttachments.push({
      TransitGatewayAttachmentId: attachment,
      TransitGatewayId: tgw,
      VpcId: id,
      SubnetIds: ids.slice(0, 4),
    });
    routes.push({
      DestinationCidrBlock: `${base}.0/24`,
      Type: 'propagated',
      State: 'active',
      TransitGatewayAttachments: [
        { TransitGatewayAttachmentId: attachment, ResourceType: 'vpc', ResourceId: id },
      ],
    });
  }
  const file = (path: string, value: unknown) => ({ path, text: JSON.stringify(value, null, 4) });
  return [
    file('zones.json', {
      AvailabilityZones: zones.map(([ZoneName, ZoneId]) => ({
        ZoneName,
        ZoneId,
        RegionName: region,
        ZoneType: 'availability-zone',
      })),
    }),
    file('vpcs.json', { Vpcs: vpcs }),
    file('subnets.json', { Subnets: subnets }),
    file('route-tables.json', { RouteTables: routeTables }),
    file('tgw.json', {
      TransitGateways: [
        {
          TransitGatewayId: tgw,
          TransitGatewayArn: `arn:aws:ec2:${region}:111122223333:transit-gateway/${tgw}`,
        },
      ],
    }),
    file('tgw-tables.json', {
      TransitGatewayRouteTables: [{ TransitGatewayRouteTableId: table, TransitGatewayId: tgw }],
    }),
    file('tgw-attachments.json', { TransitGatewayAttachments: attachments }),
    file('tgw-vpc-attachments.json', { TransitGatewayVpcAttachments: vpcAttachments }),
    file(`routes-${table}.json`, { Routes: routes }),
  ];
}

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

const files = snapshot();
const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
const imported = time(() => importAws(files, { name: 'bench' }));
const lines = imported.value.yaml.split('\n').length;
const loaded = time(() => parseEstate(imported.value.yaml, 'bench.yaml'));
const quadratic = time(() => parseDocument(imported.value.yaml, { uniqueKeys: true }));
const linear = time(() => parseDocument(imported.value.yaml, { uniqueKeys: false }));
const counts = imported.value.report.counts;
console.log(
  `bench/import: ${fmt(counts.vpcs ?? 0)} VPCs, ${fmt(counts.subnets ?? 0)} subnets, ${fmt(counts.tgwAttachments ?? 0)} TGW attachments from ${(bytes / 1e6).toFixed(1)} MB of CLI JSON -> ${fmt(lines)} lines of YAML`,
);
console.log(
  `  import (read, join, write, load back through the model): ${fmt(imported.ms)} ms, ${fmt((counts.subnets ?? 0) / (imported.ms / 1000))} subnets/s`,
);
console.log(
  `  peer, loading the estate it writes:                       ${fmt(loaded.ms)} ms (import / load = ${(imported.ms / loaded.ms).toFixed(2)})`,
);
console.log(
  `  yaml parse with its own duplicate-key check: ${fmt(quadratic.ms)} ms; without (the loader checks in linear time): ${fmt(linear.ms)} ms (${(quadratic.ms / linear.ms).toFixed(1)}x)`,
);
