/**
 * The records Footprint keeps from AWS CLI outputs, one interface per kind of resource, with the
 * fields the import uses (everything else in the CLI's output is ignored).
 */

/** Tags as a map; EC2 writes `Tags`/`TagSet` of `{Key, Value}`, Direct Connect `tags` of `{key, value}`. */
export type Tags = ReadonlyMap<string, string>;

export interface AwsZone {
  readonly zoneId: string;
  readonly zoneName: string;
  readonly region: string;
  readonly zoneType: string;
  readonly parentZoneId?: string;
  readonly parentZoneName?: string;
  readonly optInStatus?: string;
}

export interface AwsVpc {
  readonly id: string;
  readonly cidrs: readonly string[];
  readonly ownerId?: string;
  readonly tags: Tags;
}

export interface AwsSubnet {
  readonly id: string;
  readonly vpcId: string;
  readonly cidr: string;
  readonly zoneName?: string;
  readonly zoneId?: string;
  /** The region from SubnetArn, when present. */
  readonly arnRegion?: string;
  readonly ownerId?: string;
  readonly tags: Tags;
}

export interface AwsRoute {
  readonly destinationCidr?: string;
  readonly destinationPrefixList?: string;
  readonly destinationIpv6?: string;
  readonly gatewayId?: string;
  readonly natGatewayId?: string;
  readonly transitGatewayId?: string;
  readonly peeringId?: string;
  readonly networkInterfaceId?: string;
  readonly instanceId?: string;
  readonly localGatewayId?: string;
  readonly carrierGatewayId?: string;
  readonly egressOnlyGatewayId?: string;
  readonly coreNetworkArn?: string;
  readonly origin?: string;
  readonly state?: string;
}

export interface AwsRouteTable {
  readonly id: string;
  readonly vpcId: string;
  readonly main: boolean;
  readonly subnetIds: readonly string[];
  /** Associations with a gateway (ingress routing): not modelled, counted. */
  readonly edgeAssociations: number;
  readonly routes: readonly AwsRoute[];
  readonly tags: Tags;
}

export interface AwsAttachedGateway {
  readonly id: string;
  readonly state?: string;
  /** The VPC it is attached to, if any. */
  readonly vpcId?: string;
  readonly tags: Tags;
}

export interface AwsNatGateway {
  readonly id: string;
  readonly subnetId: string;
  readonly vpcId?: string;
  readonly state?: string;
  readonly tags: Tags;
}

export interface AwsPeering {
  readonly id: string;
  readonly requesterVpc: string;
  readonly accepterVpc: string;
  readonly requesterRegion?: string;
  readonly accepterRegion?: string;
  readonly status?: string;
  readonly tags: Tags;
}

export interface AwsPrefixList {
  readonly id: string;
  readonly name?: string;
  readonly ownerId?: string;
  readonly tags: Tags;
}

export interface AwsTransitGateway {
  readonly id: string;
  readonly ownerId?: string;
  /** The region from TransitGatewayArn. */
  readonly region?: string;
  readonly state?: string;
  readonly tags: Tags;
}

export interface AwsTgwRouteTable {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly tags: Tags;
}

export interface AwsTgwAttachment {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly resourceType: string;
  readonly resourceId?: string;
  readonly state?: string;
  /** The route table it is associated with. */
  readonly routeTableId?: string;
  readonly tags: Tags;
}

export interface AwsTgwVpcAttachment {
  readonly id: string;
  readonly transitGatewayId: string;
  readonly vpcId?: string;
  readonly subnetIds: readonly string[];
  readonly tags: Tags;
}

export interface AwsTgwRoute {
  readonly destinationCidr?: string;
  readonly prefixListId?: string;
  readonly type?: string;
  readonly state?: string;
  readonly attachments: readonly {
    readonly id: string;
    readonly resourceType?: string;
    readonly resourceId?: string;
  }[];
}

export interface AwsNetworkInterface {
  readonly id: string;
  readonly subnetId?: string;
  readonly vpcId?: string;
  readonly description?: string;
  readonly instanceId?: string;
  readonly tags: Tags;
}

export interface AwsDxGateway {
  readonly id: string;
  readonly name?: string;
  readonly state?: string;
}

export interface AwsDxAssociation {
  readonly dxGatewayId: string;
  readonly gatewayId: string;
  /** virtualPrivateGateway or transitGateway. */
  readonly gatewayType: string;
  readonly region?: string;
  readonly state?: string;
  readonly allowedPrefixes: readonly string[];
}

export interface AwsVirtualInterface {
  readonly id: string;
  readonly type: string;
  readonly connectionId?: string;
  readonly location?: string;
  readonly state?: string;
  readonly name?: string;
  readonly vgwId?: string;
  readonly dxGatewayId?: string;
  readonly region?: string;
  /** True when every BGP peer reports bgpStatus down. */
  readonly bgpDown: boolean;
  readonly tags: Tags;
}

export interface AwsConnection {
  readonly id: string;
  readonly name?: string;
  readonly location?: string;
  readonly bandwidth?: string;
  readonly state?: string;
}
