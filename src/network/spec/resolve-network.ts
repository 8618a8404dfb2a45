/**
 * Resolution of the `network` section, VPC side: VPCs, subnets, route tables, prefix lists and
 * the gateways attached to VPCs. The edge side (Transit Gateways, Direct Connect, on-prem) is in
 * `resolve-network-edge.ts`. Every problem is reported with its location; nothing is dropped
 * silently.
 */
import {
  type AvailabilityZone,
  getAvailabilityZone,
  getLocalZone,
  getRegion,
  listLocalZones,
  listRegions,
  type Place,
} from '../../catalog/index.js';
import type { Diagnostic } from '../../errors.js';
import { didYouMean } from '../../suggest.js';
import { type Cidr, cidrCovers, cidrsOverlap, isCidr, parseCidr } from './cidr.js';
import type {
  Appliance,
  InternetGateway,
  NatGateway,
  NetworkElementKind,
  RouteTable,
  Subnet,
  VirtualPrivateGateway,
  Vpc,
} from './network.js';
import type { NetworkInput } from './schema-network.js';

/** A path into the estate's data, e.g. `['network', 'subnets', 'phx-app', 'cidr']`: the model's `DataPath`. */
export type DataPath = readonly (string | number)[];

/** Reports a located problem: the estate passes one that maps the path to file:line:col. */
export type Report = (path: DataPath, diagnostic: Diagnostic, on?: 'key') => void;

export interface NetworkContext {
  readonly input: NetworkInput;
  readonly report: Report;
  readonly kinds: Map<string, NetworkElementKind>;
  /** AZs the estate declares beyond the catalog, by zone id. */
  readonly zones?: ReadonlyMap<string, Place>;
}

/** Parses a CIDR at a path; reports and returns undefined when it does not parse. */
export function cidrAt(text: string, path: DataPath, report: Report): Cidr | undefined {
  const parsed = parseCidr(text);
  if (isCidr(parsed)) return parsed;
  report(path, {
    code: 'FP_BAD_CIDR',
    message: `'${text}' is not a valid CIDR block: ${parsed.problem}`,
    expected: 'an IPv4 CIDR block such as 10.10.0.0/16',
    ...(parsed.suggestion ? { suggestion: parsed.suggestion } : {}),
  });
  return undefined;
}

/** Reports a reference to an element that does not exist or is of the wrong kind. */
export function unknownElement(
  context: NetworkContext,
  path: DataPath,
  ref: string,
  wanted: readonly NetworkElementKind[],
  describe: string,
): void {
  const kind = context.kinds.get(ref);
  const candidates = [...context.kinds].filter(([, k]) => wanted.includes(k)).map(([id]) => id);
  const suggestion = didYouMean(ref, candidates);
  context.report(path, {
    code: 'FP_UNKNOWN_ELEMENT',
    message: kind ? `'${ref}' is a ${kind}, not ${describe}` : `unknown ${describe} '${ref}'`,
    expected: candidates.length
      ? `${describe}: ${candidates.slice(0, 8).join(', ')}`
      : `${describe} declared in network`,
    ...(suggestion ? { suggestion } : {}),
  });
}

/** Looks an element up by id and kind; reports when missing. */
export function elementAt<T>(
  context: NetworkContext,
  map: ReadonlyMap<string, T>,
  ref: string,
  path: DataPath,
  kind: NetworkElementKind,
  describe: string,
): T | undefined {
  const found = map.get(ref);
  if (found === undefined) unknownElement(context, path, ref, [kind], describe);
  return found;
}

export interface VpcSide {
  readonly vpcs: Map<string, Vpc>;
  readonly subnets: Map<string, Subnet>;
  readonly routeTables: Map<string, RouteTable>;
  readonly prefixLists: Map<string, readonly Cidr[]>;
  readonly internetGateways: Map<string, InternetGateway>;
  readonly natGateways: Map<string, NatGateway>;
  readonly virtualPrivateGateways: Map<string, VirtualPrivateGateway>;
  readonly appliances: Map<string, Appliance>;
}

/** Resolves VPCs, subnets, prefix lists, VPC gateways and appliances (route tables come later). */
export function resolveVpcSide(context: NetworkContext): VpcSide {
  const { input } = context;
  const prefixLists = resolvePrefixLists(context);
  const vpcs = resolveVpcs(context);
  const subnets = resolveSubnets(context, vpcs);
  const internetGateways = resolveVpcGateways(context, vpcs, 'internetGateways', 'internet gateway');
  const virtualPrivateGateways = resolveVpcGateways(
    context,
    vpcs,
    'virtualPrivateGateways',
    'virtual private gateway',
  );
  const natGateways = resolveInSubnet(context, subnets, 'natGateways', input.natGateways, (id, subnet) => ({
    id,
    subnet,
  }));
  const appliances = resolveInSubnet(context, subnets, 'appliances', input.appliances, (id, subnet, a) => ({
    id,
    subnet,
    kind: a.kind ?? 'firewall',
  }));
  return {
    vpcs,
    subnets,
    routeTables: new Map(),
    prefixLists,
    internetGateways,
    natGateways,
    virtualPrivateGateways,
    appliances,
  };
}

function resolvePrefixLists(context: NetworkContext): Map<string, readonly Cidr[]> {
  const prefixLists = new Map<string, readonly Cidr[]>();
  for (const [id, list] of Object.entries(context.input.prefixLists ?? {})) {
    const cidrs = list.cidrs
      .map((c, i) => cidrAt(c, ['network', 'prefixLists', id, 'cidrs', i], context.report))
      .filter((c): c is Cidr => c !== undefined);
    prefixLists.set(id, cidrs);
  }
  return prefixLists;
}

/** VPCs: a known region, and CIDR blocks that parse and do not overlap each other. */
function resolveVpcs(context: NetworkContext): Map<string, Vpc> {
  const { report } = context;
  const vpcs = new Map<string, Vpc>();
  for (const [id, vpc] of Object.entries(context.input.vpcs ?? {})) {
    const path = ['network', 'vpcs', id];
    if (!getRegion(vpc.region)) {
      const suggestion = didYouMean(
        vpc.region,
        listRegions().map((r) => r.code),
      );
      report([...path, 'region'], {
        code: 'FP_UNKNOWN_PLACE',
        message: `unknown region '${vpc.region}'`,
        expected: 'a region code, e.g. us-west-2 (see `footprint catalog regions`)',
        ...(suggestion ? { suggestion } : {}),
      });
      continue;
    }
    const cidrs: Cidr[] = [];
    vpc.cidrs.forEach((text, i) => {
      const cidr = cidrAt(text, [...path, 'cidrs', i], report);
      if (!cidr) return;
      const clash = cidrs.find((c) => cidrsOverlap(c, cidr));
      if (clash) {
        report([...path, 'cidrs', i], {
          code: 'FP_OVERLAP',
          message: `VPC '${id}': ${cidr.text} overlaps its other block ${clash.text}`,
          expected: 'VPC CIDR blocks that do not overlap',
        });
        return;
      }
      cidrs.push(cidr);
    });
    vpcs.set(id, { id, region: vpc.region, cidrs, ...(vpc.name ? { name: vpc.name } : {}) });
  }
  return vpcs;
}

/**
 * Subnets: in a zone (AZ id or Local Zone name) of their VPC's region, inside a VPC block, not
 * overlapping a sibling, with a route table of their VPC if they name one ('' until the main
 * tables are known).
 */
function resolveSubnets(context: NetworkContext, vpcs: ReadonlyMap<string, Vpc>): Map<string, Subnet> {
  const subnets = new Map<string, Subnet>();
  const subnetsOfVpc = new Map<string, Subnet[]>();
  for (const [id, subnet] of Object.entries(context.input.subnets ?? {})) {
    const resolved = resolveSubnet(context, vpcs, subnetsOfVpc, id, subnet);
    if (!resolved) continue;
    subnets.set(id, resolved);
    subnetsOfVpc.set(resolved.vpc, [...(subnetsOfVpc.get(resolved.vpc) ?? []), resolved]);
  }
  return subnets;
}

type SubnetInput = NonNullable<NetworkInput['subnets']>[string];

function resolveSubnet(
  context: NetworkContext,
  vpcs: ReadonlyMap<string, Vpc>,
  subnetsOfVpc: ReadonlyMap<string, readonly Subnet[]>,
  id: string,
  subnet: SubnetInput,
): Subnet | undefined {
  const { report } = context;
  const path = ['network', 'subnets', id];
  const vpc = elementAt(context, vpcs, subnet.vpc, [...path, 'vpc'], 'vpc', 'VPC');
  const az = getAvailabilityZone(subnet.zone) ?? declaredAz(context, subnet.zone);
  const lz = getLocalZone(subnet.zone);
  const cidr = cidrAt(subnet.cidr, [...path, 'cidr'], report);
  const zone = az
    ? { id: az.id, region: az.region, kind: 'az' as const }
    : lz
      ? { id: lz.name, region: lz.parentRegion, kind: 'local-zone' as const }
      : undefined;
  if (!zone) {
    const region = vpc ? getRegion(vpc.region) : undefined;
    const zones = region ? [...region.azIds, ...localZoneNamesOf(region.code)] : [];
    const suggestion = didYouMean(subnet.zone, zones);
    report([...path, 'zone'], {
      code: 'FP_UNKNOWN_PLACE',
      message: `unknown zone '${subnet.zone}'`,
      expected: `an AZ id or Local Zone name${region ? ` of ${region.code}: ${zones.join(', ')}` : ''} (zone names such as us-west-2a differ per account: use zone IDs)`,
      ...(suggestion ? { suggestion } : {}),
    });
    return undefined;
  }
  if (!vpc || !cidr) return undefined;
  if (zone.region !== vpc.region) {
    report([...path, 'zone'], {
      code: 'FP_INVALID_VALUE',
      message: `subnet '${id}': zone '${subnet.zone}' belongs to ${zone.region}, but VPC '${vpc.id}' is in ${vpc.region}`,
      expected: `a zone of ${vpc.region}`,
    });
    return undefined;
  }
  if (!vpc.cidrs.some((block) => cidrCovers(block, cidr))) {
    report([...path, 'cidr'], {
      code: 'FP_BAD_CIDR',
      message: `subnet '${id}': ${cidr.text} is outside VPC '${vpc.id}' (${vpc.cidrs.map((c) => c.text).join(', ')})`,
      expected: `a block inside ${vpc.cidrs.map((c) => c.text).join(' or ')}`,
    });
    return undefined;
  }
  const clash = (subnetsOfVpc.get(vpc.id) ?? []).find((s) => cidrsOverlap(s.cidr, cidr));
  if (clash) {
    report([...path, 'cidr'], {
      code: 'FP_OVERLAP',
      message: `subnet '${id}' (${cidr.text}) overlaps subnet '${clash.id}' (${clash.cidr.text}) in VPC '${vpc.id}'`,
      expected: 'subnets of a VPC that do not overlap',
    });
    return undefined;
  }
  let routeTable = '';
  if (subnet.routeTable !== undefined) {
    const table = context.input.routeTables?.[subnet.routeTable];
    if (!table) {
      unknownElement(context, [...path, 'routeTable'], subnet.routeTable, ['route-table'], 'route table');
      return undefined;
    }
    if (table.vpc !== vpc.id) {
      report([...path, 'routeTable'], {
        code: 'FP_UNATTACHED',
        message: `subnet '${id}' is in VPC '${vpc.id}' but route table '${subnet.routeTable}' belongs to VPC '${table.vpc}'`,
        expected: `a route table of VPC '${vpc.id}'`,
      });
      return undefined;
    }
    routeTable = subnet.routeTable;
  }
  return {
    id,
    vpc: vpc.id,
    zone: zone.id,
    zoneKind: zone.kind,
    cidr,
    routeTable,
    ...(subnet.name ? { name: subnet.name } : {}),
  };
}

/** Internet gateways or VGWs: attached to a VPC, at most one of each kind per VPC. */
function resolveVpcGateways(
  context: NetworkContext,
  vpcs: ReadonlyMap<string, Vpc>,
  section: 'internetGateways' | 'virtualPrivateGateways',
  label: string,
): Map<string, { readonly id: string; readonly vpc: string }> {
  const gateways = new Map<string, { readonly id: string; readonly vpc: string }>();
  for (const [id, gateway] of Object.entries(context.input[section] ?? {})) {
    const vpc = elementAt(context, vpcs, gateway.vpc, ['network', section, id, 'vpc'], 'vpc', 'VPC');
    if (!vpc) continue;
    const other = [...gateways.values()].find((g) => g.vpc === vpc.id);
    if (other) {
      context.report(['network', section, id, 'vpc'], {
        code: 'FP_DUPLICATE_ID',
        message: `VPC '${vpc.id}' already has ${label} '${other.id}'; a VPC has at most one`,
      });
      continue;
    }
    gateways.set(id, { id, vpc: vpc.id });
  }
  return gateways;
}

/** Elements that sit in a subnet (NAT gateways, appliances): the subnet must exist. */
function resolveInSubnet<I extends { readonly subnet: string }, T>(
  context: NetworkContext,
  subnets: ReadonlyMap<string, Subnet>,
  section: 'natGateways' | 'appliances',
  inputs: Readonly<Record<string, I>> | undefined,
  make: (id: string, subnet: string, input: I) => T,
): Map<string, T> {
  const resolved = new Map<string, T>();
  for (const [id, element] of Object.entries(inputs ?? {})) {
    const path = ['network', section, id, 'subnet'];
    const subnet = elementAt(context, subnets, element.subnet, path, 'subnet', 'subnet');
    if (subnet) resolved.set(id, make(id, subnet.id, element));
  }
  return resolved;
}

function declaredAz(context: NetworkContext, id: string): AvailabilityZone | undefined {
  const zone = context.zones?.get(id);
  return zone?.region ? { id: zone.id, region: zone.region, lat: zone.lat, lon: zone.lon } : undefined;
}

function localZoneNamesOf(region: string): string[] {
  return listLocalZones()
    .filter((z) => z.parentRegion === region)
    .map((z) => z.name);
}
