/**
 * The estate's `network` section: the logical layer (VPCs, subnets, route tables and gateways,
 * Transit Gateways, Direct Connect gateways and virtual interfaces, on-prem networks and routers).
 * Shapes only; `resolve-network.ts` checks every reference, CIDR and attachment.
 */
import { z } from 'zod';

const cidr = z.string().min(1).describe('an IPv4 CIDR block, e.g. 10.10.0.0/16');
const id = (what: string) => z.string().min(1).describe(what);

/** Route destinations (a CIDR or a prefix list id) to targets. */
const routes = z
  .record(z.string(), z.string().min(1))
  .describe(
    'routes: destination (a CIDR, or a prefix list id) -> target (local, blackhole, or the id of a gateway, peering, NAT gateway or appliance); a CIDR written here takes priority over a prefix list holding it',
  );

export const vpcSchema = z
  .strictObject({
    region: id('the region code, e.g. us-west-2'),
    cidrs: z.array(cidr).min(1).describe('the VPC CIDR blocks (the first is the primary)'),
    name: z.string().optional(),
  })
  .describe('a VPC: belongs to one region; its subnets sit in AZs or Local Zones of that region');

export const subnetSchema = z
  .strictObject({
    vpc: id('the VPC id'),
    zone: id('an AZ id (usw2-az1) or a Local Zone name (us-west-2-phx-2a) of the VPC region'),
    cidr,
    routeTable: id('the route table associated with the subnet (default: the VPC main table)').optional(),
    name: z.string().optional(),
  })
  .describe('a subnet of a VPC in one zone');

export const routeTableSchema = z
  .strictObject({
    vpc: id('the VPC id'),
    main: z
      .boolean()
      .optional()
      .describe('true for the VPC main route table (subnets without a table use it)'),
    routes: routes.optional(),
    name: z.string().optional(),
  })
  .describe('a VPC route table; the local route of each VPC CIDR is implicit');

export const prefixListSchema = z
  .strictObject({ cidrs: z.array(cidr).min(1), name: z.string().optional() })
  .describe('a managed prefix list: a named set of CIDRs usable as a route destination');

const attachedToVpc = z.strictObject({ vpc: id('the VPC id'), name: z.string().optional() });

export const natGatewaySchema = z
  .strictObject({ subnet: id('the subnet the NAT gateway sits in'), name: z.string().optional() })
  .describe('a NAT gateway in a subnet');

export const tgwAttachmentSchema = z
  .strictObject({
    vpc: id('a VPC of the same region').optional(),
    subnets: z
      .array(id('a subnet of the VPC in an AZ (not a Local Zone), one per AZ'))
      .optional()
      .describe(
        "the subnets of a VPC attachment, one per AZ: a subnet reaches the Transit Gateway only from an AZ where the attachment has one, a Local Zone subnet only when it has one in the Local Zone's parent zone. Omit only when not known (every AZ is then taken to reach it)",
      ),
    dxGateway: id('a Direct Connect gateway id').optional(),
    peer: id('another Transit Gateway (a peering attachment)').optional(),
    name: z.string().optional(),
  })
  .describe('a Transit Gateway attachment: exactly one of vpc, dxGateway or peer');

export const tgwRouteTableSchema = z
  .strictObject({
    associations: z
      .array(id('an attachment id'))
      .optional()
      .describe('attachments whose traffic this table routes'),
    propagations: z
      .array(id('an attachment id'))
      .optional()
      .describe('attachments whose prefixes this table learns'),
    routes: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('static routes: destination CIDR -> attachment id or blackhole'),
    name: z.string().optional(),
  })
  .describe('a Transit Gateway route table');

export const transitGatewaySchema = z
  .strictObject({
    region: id('the region code'),
    attachments: z.record(z.string(), tgwAttachmentSchema).optional(),
    routeTables: z.record(z.string(), tgwRouteTableSchema).optional(),
    name: z.string().optional(),
  })
  .describe('a Transit Gateway: regional; routes between its attachments');

export const dxGatewaySchema = z
  .strictObject({
    associations: z
      .array(
        z.strictObject({
          gateway: id('a virtual private gateway or Transit Gateway id'),
          allowedPrefixes: z
            .array(cidr)
            .optional()
            .describe(
              'prefixes advertised to on-prem (default for a VGW: its VPC CIDRs; required for a TGW)',
            ),
        }),
      )
      .optional(),
    name: z.string().optional(),
  })
  .describe('a Direct Connect gateway: global; joins virtual interfaces to VGWs or Transit Gateways');

export const virtualInterfaceSchema = z
  .strictObject({
    connection: id('the direct-connect link (in links) the VIF rides on'),
    type: z
      .enum(['private', 'transit'])
      .describe('private (to a VGW or DX gateway) or transit (to a DX gateway)'),
    vgw: id('a virtual private gateway (private VIFs only)').optional(),
    dxGateway: id('a Direct Connect gateway').optional(),
    advertisedPrefixes: z
      .array(cidr)
      .optional()
      .describe('prefixes the on-prem side advertises over this VIF'),
    localPreference: z
      .number()
      .int()
      .optional()
      .describe('BGP local preference on the on-prem side: higher wins among equal prefixes'),
    name: z.string().optional(),
  })
  .describe('a Direct Connect virtual interface');

export const peeringSchema = z
  .strictObject({ between: z.tuple([id('a VPC id'), id('a VPC id')]), name: z.string().optional() })
  .describe('a VPC peering connection (not transitive)');

export const applianceSchema = z
  .strictObject({
    subnet: id('the subnet of its network interface'),
    kind: z.enum(['firewall', 'router', 'proxy']).optional(),
    name: z.string().optional(),
  })
  .describe(
    'an appliance (e.g. a firewall ENI) usable as a route target; it forwards by its subnet route table',
  );

export const onPremSchema = z
  .strictObject({
    site: id('the site (in sites) where these networks are'),
    cidrs: z.array(cidr).min(1),
    name: z.string().optional(),
  })
  .describe('on-premises networks at a site');

export const routerSchema = z
  .strictObject({
    site: id('the site (data center or colo) the router is at'),
    routes: z
      .record(z.string(), z.string().min(1))
      .optional()
      .describe('static routes: destination CIDR -> a virtual interface, a link or a site'),
    name: z.string().optional(),
  })
  .describe("a customer router: routes between the site's circuits, VIFs and WAN links");

export const networkSchema = z
  .strictObject({
    vpcs: z.record(z.string(), vpcSchema).optional(),
    subnets: z.record(z.string(), subnetSchema).optional(),
    routeTables: z.record(z.string(), routeTableSchema).optional(),
    prefixLists: z.record(z.string(), prefixListSchema).optional(),
    internetGateways: z
      .record(z.string(), attachedToVpc.describe('an internet gateway attached to a VPC'))
      .optional(),
    natGateways: z.record(z.string(), natGatewaySchema).optional(),
    virtualPrivateGateways: z
      .record(z.string(), attachedToVpc.describe('a virtual private gateway attached to a VPC'))
      .optional(),
    transitGateways: z.record(z.string(), transitGatewaySchema).optional(),
    dxGateways: z.record(z.string(), dxGatewaySchema).optional(),
    virtualInterfaces: z.record(z.string(), virtualInterfaceSchema).optional(),
    peerings: z.record(z.string(), peeringSchema).optional(),
    appliances: z.record(z.string(), applianceSchema).optional(),
    onPrem: z.record(z.string(), onPremSchema).optional(),
    routers: z.record(z.string(), routerSchema).optional(),
  })
  .describe('the logical network: VPCs, subnets, route tables and gateways');

export type NetworkInput = z.infer<typeof networkSchema>;
