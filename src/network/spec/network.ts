/**
 * The resolved logical network of an estate: every reference checked, CIDRs parsed, implicit AWS
 * behaviour made explicit (local routes, main route tables, propagated Transit Gateway routes).
 */
import type { Cidr } from './cidr.js';

export type NetworkElementKind =
  | 'vpc'
  | 'subnet'
  | 'route-table'
  | 'prefix-list'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'virtual-private-gateway'
  | 'transit-gateway'
  | 'tgw-attachment'
  | 'tgw-route-table'
  | 'dx-gateway'
  | 'virtual-interface'
  | 'peering'
  | 'appliance'
  | 'on-prem'
  | 'router';

export interface Vpc {
  readonly id: string;
  readonly region: string;
  readonly cidrs: readonly Cidr[];
  readonly name?: string;
}

export interface Subnet {
  readonly id: string;
  readonly vpc: string;
  /** The zone's place id: an AZ id or a Local Zone name. */
  readonly zone: string;
  readonly zoneKind: 'az' | 'local-zone';
  readonly cidr: Cidr;
  /** The route table in effect: the explicit association, else the VPC main table. */
  readonly routeTable: string;
  readonly name?: string;
}

export type RouteTargetKind =
  | 'local'
  | 'blackhole'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'virtual-private-gateway'
  | 'transit-gateway'
  | 'peering'
  | 'appliance';

export interface Route {
  readonly destination: Cidr;
  /** The destination as written: a CIDR or a prefix list id. */
  readonly via: string;
  /** `local`, `blackhole`, or the target element id. */
  readonly target: string;
  readonly targetKind: RouteTargetKind;
  /** True for routes AWS adds by itself (the local route of each VPC CIDR). */
  readonly implicit: boolean;
}

export interface RouteTable {
  readonly id: string;
  readonly vpc: string;
  readonly main: boolean;
  readonly routes: readonly Route[];
  /** True when AWS would have made this table (a VPC with no main table declared). */
  readonly implicit: boolean;
  readonly name?: string;
}

export interface InternetGateway {
  readonly id: string;
  readonly vpc: string;
}

export interface NatGateway {
  readonly id: string;
  readonly subnet: string;
}

export interface VirtualPrivateGateway {
  readonly id: string;
  readonly vpc: string;
}

interface TgwAttachmentBase {
  readonly id: string;
  readonly transitGateway: string;
  /** The TGW route table this attachment is associated with, if any. */
  readonly routeTable?: string;
}

/** A Transit Gateway attachment, by what it attaches: a VPC (through subnets), a DX gateway, or a peer. */
export type TgwAttachment =
  | (TgwAttachmentBase & {
      readonly kind: 'vpc';
      readonly vpc: string;
      /** One subnet per AZ: where the Transit Gateway has its interfaces in the VPC. */
      readonly subnets: readonly string[];
    })
  | (TgwAttachmentBase & { readonly kind: 'dx-gateway'; readonly dxGateway: string })
  | (TgwAttachmentBase & { readonly kind: 'peering'; readonly peer: string });

export type TgwAttachmentKind = TgwAttachment['kind'];

export interface TgwRoute {
  readonly destination: Cidr;
  /** An attachment id of the same Transit Gateway, or `blackhole`. */
  readonly target: string;
  readonly origin: 'static' | 'propagated';
}

export interface TgwRouteTable {
  readonly id: string;
  readonly transitGateway: string;
  readonly associations: readonly string[];
  readonly propagations: readonly string[];
  readonly routes: readonly TgwRoute[];
}

export interface TransitGateway {
  readonly id: string;
  readonly region: string;
  readonly attachments: readonly string[];
  readonly routeTables: readonly string[];
}

export interface DxGatewayAssociation {
  readonly gateway: string;
  readonly gatewayKind: 'virtual-private-gateway' | 'transit-gateway';
  readonly allowedPrefixes: readonly Cidr[];
}

export interface DxGateway {
  readonly id: string;
  readonly associations: readonly DxGatewayAssociation[];
}

interface VirtualInterfaceBase {
  readonly id: string;
  /** The direct-connect link the VIF rides on. */
  readonly connection: string;
  /** Prefixes the on-prem side advertises to AWS over this VIF. */
  readonly advertisedPrefixes: readonly Cidr[];
  readonly localPreference: number;
  /** The DX location (`dx:CODE`) where the circuit meets AWS. */
  readonly location: string;
  /** The customer end of the circuit: a site id. */
  readonly site: string;
}

/**
 * A Direct Connect virtual interface, by where it ends on the AWS side: a private VIF straight on a
 * VGW, or a private or transit VIF on a DX gateway. (`vgw` and `dxGateway` are never both set.)
 */
export type VirtualInterface = VirtualInterfaceBase &
  (
    | { readonly type: 'private'; readonly vgw: string; readonly dxGateway?: undefined }
    | { readonly type: 'private' | 'transit'; readonly dxGateway: string; readonly vgw?: undefined }
  );

export interface Peering {
  readonly id: string;
  readonly between: readonly [string, string];
}

export interface Appliance {
  readonly id: string;
  readonly subnet: string;
  readonly kind: 'firewall' | 'router' | 'proxy';
}

export interface OnPremNetwork {
  readonly id: string;
  readonly site: string;
  readonly cidrs: readonly Cidr[];
}

export interface RouterRoute {
  readonly destination: Cidr;
  readonly nextHop: string;
  readonly nextHopKind: 'virtual-interface' | 'link' | 'site';
}

export interface Router {
  readonly id: string;
  readonly site: string;
  readonly routes: readonly RouterRoute[];
}

export interface Network {
  readonly vpcs: ReadonlyMap<string, Vpc>;
  readonly subnets: ReadonlyMap<string, Subnet>;
  readonly routeTables: ReadonlyMap<string, RouteTable>;
  readonly prefixLists: ReadonlyMap<string, readonly Cidr[]>;
  readonly internetGateways: ReadonlyMap<string, InternetGateway>;
  readonly natGateways: ReadonlyMap<string, NatGateway>;
  readonly virtualPrivateGateways: ReadonlyMap<string, VirtualPrivateGateway>;
  readonly transitGateways: ReadonlyMap<string, TransitGateway>;
  readonly tgwAttachments: ReadonlyMap<string, TgwAttachment>;
  readonly tgwRouteTables: ReadonlyMap<string, TgwRouteTable>;
  readonly dxGateways: ReadonlyMap<string, DxGateway>;
  readonly virtualInterfaces: ReadonlyMap<string, VirtualInterface>;
  readonly peerings: ReadonlyMap<string, Peering>;
  readonly appliances: ReadonlyMap<string, Appliance>;
  readonly onPrem: ReadonlyMap<string, OnPremNetwork>;
  /** Routers by site id (at most one per site). */
  readonly routers: ReadonlyMap<string, Router>;
  /** The kind of every network element id. */
  readonly kinds: ReadonlyMap<string, NetworkElementKind>;
}
