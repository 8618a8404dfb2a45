/**
 * The AWS CLI outputs Footprint reads, by their top-level key, and the records it keeps from them.
 * Field names are exactly the CLI's (EC2: PascalCase; Direct Connect: camelCase); everything else
 * in a record is ignored. A record without its id is skipped with a warning, never a crash.
 */

import type {
  AwsAttachedGateway,
  AwsConnection,
  AwsDxAssociation,
  AwsDxGateway,
  AwsNatGateway,
  AwsNetworkInterface,
  AwsPeering,
  AwsPrefixList,
  AwsRoute,
  AwsRouteTable,
  AwsSubnet,
  AwsTgwAttachment,
  AwsTgwRoute,
  AwsTgwRouteTable,
  AwsTgwVpcAttachment,
  AwsTransitGateway,
  AwsVirtualInterface,
  AwsVpc,
  AwsZone,
  Tags,
} from './records.js';

export type * from './records.js';

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (o: Json, key: string): string | undefined => {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : undefined;
};
const list = (o: Json, key: string): Json[] => {
  const v = o[key];
  return Array.isArray(v) ? v.filter(isObject) : [];
};
const strings = (items: readonly Json[], key: string): string[] =>
  items.map((i) => str(i, key)).filter((s): s is string => s !== undefined);

function tagsOf(o: Json): Tags {
  const tags = new Map<string, string>();
  for (const t of [...list(o, 'Tags'), ...list(o, 'TagSet')]) {
    const k = str(t, 'Key');
    if (k !== undefined) tags.set(k, typeof t.Value === 'string' ? t.Value : '');
  }
  for (const t of list(o, 'tags')) {
    const k = str(t, 'key');
    if (k !== undefined) tags.set(k, typeof t.value === 'string' ? t.value : '');
  }
  return tags;
}

/** The region in an ARN (`arn:aws:ec2:us-west-2:123456789012:…`). */
export function arnRegion(arn: string | undefined): string | undefined {
  const region = arn?.split(':')[3];
  return region ? region : undefined;
}

/** What one recognised top-level key yields, and under which name its records are counted. */
interface Reader<T> {
  readonly command: string;
  readonly read: (o: Json) => T | undefined;
  /** The id field, for the warning about a record without one. */
  readonly idField: string;
}

const reader = <T>(command: string, idField: string, read: (o: Json) => T | undefined): Reader<T> => ({
  command,
  idField,
  read,
});

/** Readers by top-level key. */
export const READERS = {
  AvailabilityZones: reader('aws ec2 describe-availability-zones --all-availability-zones', 'ZoneId', (o) => {
    const zoneId = str(o, 'ZoneId');
    const zoneName = str(o, 'ZoneName');
    const region = str(o, 'RegionName');
    if (!zoneId || !zoneName || !region) return undefined;
    const zone: AwsZone = {
      zoneId,
      zoneName,
      region,
      zoneType: str(o, 'ZoneType') ?? 'availability-zone',
      ...opt('parentZoneId', str(o, 'ParentZoneId')),
      ...opt('parentZoneName', str(o, 'ParentZoneName')),
      ...opt('optInStatus', str(o, 'OptInStatus')),
    };
    return zone;
  }),
  Vpcs: reader('aws ec2 describe-vpcs', 'VpcId', (o): AwsVpc | undefined => {
    const id = str(o, 'VpcId');
    if (!id) return undefined;
    const associated = list(o, 'CidrBlockAssociationSet').filter((a) => {
      const state = isObject(a.CidrBlockState) ? str(a.CidrBlockState, 'State') : undefined;
      return state === undefined || state === 'associated';
    });
    const primary = str(o, 'CidrBlock');
    const cidrs = [...new Set([...(primary ? [primary] : []), ...strings(associated, 'CidrBlock')])];
    return { id, cidrs, ...opt('ownerId', str(o, 'OwnerId')), tags: tagsOf(o) };
  }),
  Subnets: reader('aws ec2 describe-subnets', 'SubnetId', (o): AwsSubnet | undefined => {
    const id = str(o, 'SubnetId');
    const vpcId = str(o, 'VpcId');
    const cidr = str(o, 'CidrBlock');
    if (!id || !vpcId || !cidr) return undefined;
    return {
      id,
      vpcId,
      cidr,
      ...opt('zoneName', str(o, 'AvailabilityZone')),
      ...opt('zoneId', str(o, 'AvailabilityZoneId')),
      ...opt('arnRegion', arnRegion(str(o, 'SubnetArn'))),
      ...opt('ownerId', str(o, 'OwnerId')),
      tags: tagsOf(o),
    };
  }),
  RouteTables: reader('aws ec2 describe-route-tables', 'RouteTableId', (o): AwsRouteTable | undefined => {
    const id = str(o, 'RouteTableId');
    const vpcId = str(o, 'VpcId');
    if (!id || !vpcId) return undefined;
    const associations = list(o, 'Associations').filter((a) => {
      const state = isObject(a.AssociationState) ? str(a.AssociationState, 'State') : undefined;
      return state === undefined || state === 'associated';
    });
    return {
      id,
      vpcId,
      main: associations.some((a) => a.Main === true),
      subnetIds: strings(associations, 'SubnetId'),
      edgeAssociations: strings(associations, 'GatewayId').length,
      routes: list(o, 'Routes').map(
        (r): AwsRoute => ({
          ...opt('destinationCidr', str(r, 'DestinationCidrBlock')),
          ...opt('destinationPrefixList', str(r, 'DestinationPrefixListId')),
          ...opt('destinationIpv6', str(r, 'DestinationIpv6CidrBlock')),
          ...opt('gatewayId', str(r, 'GatewayId')),
          ...opt('natGatewayId', str(r, 'NatGatewayId')),
          ...opt('transitGatewayId', str(r, 'TransitGatewayId')),
          ...opt('peeringId', str(r, 'VpcPeeringConnectionId')),
          ...opt('networkInterfaceId', str(r, 'NetworkInterfaceId')),
          ...opt('instanceId', str(r, 'InstanceId')),
          ...opt('localGatewayId', str(r, 'LocalGatewayId')),
          ...opt('carrierGatewayId', str(r, 'CarrierGatewayId')),
          ...opt('egressOnlyGatewayId', str(r, 'EgressOnlyInternetGatewayId')),
          ...opt('coreNetworkArn', str(r, 'CoreNetworkArn')),
          ...opt('origin', str(r, 'Origin')),
          ...opt('state', str(r, 'State')),
        }),
      ),
      tags: tagsOf(o),
    };
  }),
  InternetGateways: reader('aws ec2 describe-internet-gateways', 'InternetGatewayId', (o) => {
    const id = str(o, 'InternetGatewayId');
    if (!id) return undefined;
    // An attached internet gateway reports State "available" (a VGW: "attached").
    const vpcId = list(o, 'Attachments').find((a) =>
      ['available', 'attached'].includes(str(a, 'State') ?? ''),
    );
    const gateway: AwsAttachedGateway = {
      id,
      ...opt('vpcId', vpcId && str(vpcId, 'VpcId')),
      tags: tagsOf(o),
    };
    return gateway;
  }),
  VpnGateways: reader('aws ec2 describe-vpn-gateways', 'VpnGatewayId', (o) => {
    const id = str(o, 'VpnGatewayId');
    if (!id) return undefined;
    const attached = list(o, 'VpcAttachments').find((a) => str(a, 'State') === 'attached');
    const gateway: AwsAttachedGateway = {
      id,
      ...opt('state', str(o, 'State')),
      ...opt('vpcId', attached && str(attached, 'VpcId')),
      tags: tagsOf(o),
    };
    return gateway;
  }),
  NatGateways: reader('aws ec2 describe-nat-gateways', 'NatGatewayId', (o): AwsNatGateway | undefined => {
    const id = str(o, 'NatGatewayId');
    const subnetId = str(o, 'SubnetId');
    if (!id || !subnetId) return undefined;
    return {
      id,
      subnetId,
      ...opt('vpcId', str(o, 'VpcId')),
      ...opt('state', str(o, 'State')),
      tags: tagsOf(o),
    };
  }),
  VpcPeeringConnections: reader(
    'aws ec2 describe-vpc-peering-connections',
    'VpcPeeringConnectionId',
    (o): AwsPeering | undefined => {
      const id = str(o, 'VpcPeeringConnectionId');
      const requester = isObject(o.RequesterVpcInfo) ? o.RequesterVpcInfo : {};
      const accepter = isObject(o.AccepterVpcInfo) ? o.AccepterVpcInfo : {};
      const requesterVpc = str(requester, 'VpcId');
      const accepterVpc = str(accepter, 'VpcId');
      if (!id || !requesterVpc || !accepterVpc) return undefined;
      return {
        id,
        requesterVpc,
        accepterVpc,
        ...opt('requesterRegion', str(requester, 'Region')),
        ...opt('accepterRegion', str(accepter, 'Region')),
        ...opt('status', isObject(o.Status) ? str(o.Status, 'Code') : undefined),
        tags: tagsOf(o),
      };
    },
  ),
  PrefixLists: reader(
    'aws ec2 describe-managed-prefix-lists',
    'PrefixListId',
    (o): AwsPrefixList | undefined => {
      const id = str(o, 'PrefixListId');
      if (!id) return undefined;
      return {
        id,
        ...opt('name', str(o, 'PrefixListName')),
        ...opt('ownerId', str(o, 'OwnerId')),
        tags: tagsOf(o),
      };
    },
  ),
  TransitGateways: reader('aws ec2 describe-transit-gateways', 'TransitGatewayId', (o) => {
    const id = str(o, 'TransitGatewayId');
    if (!id) return undefined;
    const tgw: AwsTransitGateway = {
      id,
      ...opt('ownerId', str(o, 'OwnerId')),
      ...opt('region', arnRegion(str(o, 'TransitGatewayArn'))),
      ...opt('state', str(o, 'State')),
      tags: tagsOf(o),
    };
    return tgw;
  }),
  TransitGatewayRouteTables: reader(
    'aws ec2 describe-transit-gateway-route-tables',
    'TransitGatewayRouteTableId',
    (o): AwsTgwRouteTable | undefined => {
      const id = str(o, 'TransitGatewayRouteTableId');
      const transitGatewayId = str(o, 'TransitGatewayId');
      if (!id || !transitGatewayId) return undefined;
      return { id, transitGatewayId, tags: tagsOf(o) };
    },
  ),
  TransitGatewayAttachments: reader(
    'aws ec2 describe-transit-gateway-attachments',
    'TransitGatewayAttachmentId',
    (o): AwsTgwAttachment | undefined => {
      const id = str(o, 'TransitGatewayAttachmentId');
      const transitGatewayId = str(o, 'TransitGatewayId');
      const resourceType = str(o, 'ResourceType');
      if (!id || !transitGatewayId || !resourceType) return undefined;
      const association = isObject(o.Association) ? o.Association : undefined;
      const associated =
        association && ['associated', 'associating'].includes(str(association, 'State') ?? 'associated');
      return {
        id,
        transitGatewayId,
        resourceType,
        ...opt('resourceId', str(o, 'ResourceId')),
        ...opt('state', str(o, 'State')),
        ...opt(
          'routeTableId',
          associated ? str(association as Json, 'TransitGatewayRouteTableId') : undefined,
        ),
        tags: tagsOf(o),
      };
    },
  ),
  TransitGatewayVpcAttachments: reader(
    'aws ec2 describe-transit-gateway-vpc-attachments',
    'TransitGatewayAttachmentId',
    (o): AwsTgwVpcAttachment | undefined => {
      const id = str(o, 'TransitGatewayAttachmentId');
      const transitGatewayId = str(o, 'TransitGatewayId');
      if (!id || !transitGatewayId) return undefined;
      const subnetIds = Array.isArray(o.SubnetIds)
        ? o.SubnetIds.filter((s): s is string => typeof s === 'string')
        : [];
      return { id, transitGatewayId, ...opt('vpcId', str(o, 'VpcId')), subnetIds, tags: tagsOf(o) };
    },
  ),
  NetworkInterfaces: reader(
    'aws ec2 describe-network-interfaces',
    'NetworkInterfaceId',
    (o): AwsNetworkInterface | undefined => {
      const id = str(o, 'NetworkInterfaceId');
      if (!id) return undefined;
      const attachment = isObject(o.Attachment) ? o.Attachment : {};
      return {
        id,
        ...opt('subnetId', str(o, 'SubnetId')),
        ...opt('vpcId', str(o, 'VpcId')),
        ...opt('description', str(o, 'Description')),
        ...opt('instanceId', str(attachment, 'InstanceId')),
        tags: tagsOf(o),
      };
    },
  ),
  directConnectGateways: reader(
    'aws directconnect describe-direct-connect-gateways',
    'directConnectGatewayId',
    (o): AwsDxGateway | undefined => {
      const id = str(o, 'directConnectGatewayId');
      if (!id) return undefined;
      return {
        id,
        ...opt('name', str(o, 'directConnectGatewayName')),
        ...opt('state', str(o, 'directConnectGatewayState')),
      };
    },
  ),
  directConnectGatewayAssociations: reader(
    'aws directconnect describe-direct-connect-gateway-associations',
    'directConnectGatewayId',
    (o): AwsDxAssociation | undefined => {
      const dxGatewayId = str(o, 'directConnectGatewayId');
      const gateway = isObject(o.associatedGateway) ? o.associatedGateway : {};
      // Older output names a VGW association only by virtualGatewayId.
      const gatewayId = str(gateway, 'id') ?? str(o, 'virtualGatewayId');
      if (!dxGatewayId || !gatewayId) return undefined;
      return {
        dxGatewayId,
        gatewayId,
        gatewayType:
          str(gateway, 'type') ?? (gatewayId.startsWith('tgw-') ? 'transitGateway' : 'virtualPrivateGateway'),
        ...opt('region', str(gateway, 'region') ?? str(o, 'virtualGatewayRegion')),
        ...opt('state', str(o, 'associationState')),
        allowedPrefixes: strings(list(o, 'allowedPrefixesToDirectConnectGateway'), 'cidr'),
      };
    },
  ),
  virtualInterfaces: reader(
    'aws directconnect describe-virtual-interfaces',
    'virtualInterfaceId',
    (o): AwsVirtualInterface | undefined => {
      const id = str(o, 'virtualInterfaceId');
      const type = str(o, 'virtualInterfaceType');
      if (!id || !type) return undefined;
      const peers = list(o, 'bgpPeers');
      return {
        id,
        type,
        ...opt('connectionId', str(o, 'connectionId')),
        ...opt('location', str(o, 'location')),
        ...opt('state', str(o, 'virtualInterfaceState')),
        ...opt('name', str(o, 'virtualInterfaceName')),
        ...opt('vgwId', str(o, 'virtualGatewayId')),
        ...opt('dxGatewayId', str(o, 'directConnectGatewayId')),
        ...opt('region', str(o, 'region')),
        bgpDown: peers.length > 0 && peers.every((p) => str(p, 'bgpStatus') === 'down'),
        tags: tagsOf(o),
      };
    },
  ),
  connections: reader(
    'aws directconnect describe-connections',
    'connectionId',
    (o): AwsConnection | undefined => {
      const id = str(o, 'connectionId');
      if (!id) return undefined;
      return {
        id,
        ...opt('name', str(o, 'connectionName')),
        ...opt('location', str(o, 'location')),
        ...opt('bandwidth', str(o, 'bandwidth')),
        ...opt('state', str(o, 'connectionState')),
      };
    },
  ),
} as const;

export type RecordKey = keyof typeof READERS;
export type RecordOf<K extends RecordKey> = NonNullable<ReturnType<(typeof READERS)[K]['read']>>;

/** Keys whose records need an id recovered from elsewhere (their output does not carry it). */
export const ORPHAN_KEYS = {
  /** `aws ec2 search-transit-gateway-routes`: routes of one TGW route table. */
  Routes: { command: 'aws ec2 search-transit-gateway-routes', owner: 'TransitGatewayRouteTableId' },
  /** `aws ec2 get-managed-prefix-list-entries`: the entries of one prefix list. */
  Entries: { command: 'aws ec2 get-managed-prefix-list-entries', owner: 'PrefixListId' },
} as const;

/** Pagination and bookkeeping keys the CLI prints beside the records: not reported. */
export const IGNORED_KEYS: ReadonlySet<string> = new Set([
  'NextToken',
  'nextToken',
  'AdditionalRoutesAvailable',
  'ResponseMetadata',
]);

export function readTgwRoute(o: Json): AwsTgwRoute {
  return {
    ...opt('destinationCidr', str(o, 'DestinationCidrBlock')),
    ...opt('prefixListId', str(o, 'PrefixListId')),
    ...opt('type', str(o, 'Type')),
    ...opt('state', str(o, 'State')),
    attachments: list(o, 'TransitGatewayAttachments')
      .map((a) => ({
        id: str(a, 'TransitGatewayAttachmentId') ?? '',
        ...opt('resourceType', str(a, 'ResourceType')),
        ...opt('resourceId', str(a, 'ResourceId')),
      }))
      .filter((a) => a.id !== ''),
  };
}

export function readPrefixListEntry(o: Json): string | undefined {
  return str(o, 'Cidr');
}

export { isObject, type Json };

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
