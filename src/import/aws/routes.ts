/**
 * VPC route tables: associations (main, subnets), and each route's destination (a CIDR or a
 * prefix list) and target, joined to the gateway it names. A route whose target the snapshot does
 * not describe, or Footprint does not model, becomes `blackhole` with a comment saying what it was
 * (a trace then stops there instead of silently taking a less specific route). What the VGWs
 * learned by propagation is kept for the Direct Connect side: it is what on-prem advertises.
 */
import { isCidr, parseCidr } from '../../network/spec/index.js';
import { type Draft, named, nameTag } from './draft.js';
import { compareCidrs } from './order.js';
import type { AwsNetworkInterface, AwsPrefixList, AwsRoute, AwsRouteTable } from './shapes.js';
import type { Snapshot } from './snapshot.js';
import type { TransitSide } from './transit.js';
import type { VpcSide } from './vpcs.js';

export interface RouteSide {
  /** Per VGW: prefixes its route tables learned by propagation (origin EnableVgwRoutePropagation). */
  readonly learnedByVgw: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per VGW: prefixes static routes send to it (what on-prem must advertise for them to work). */
  readonly staticToVgw: ReadonlyMap<string, ReadonlySet<string>>;
}

type Target = { readonly target: string; readonly comment?: string } | { readonly skip: string };

const PROPAGATED = 'EnableVgwRoutePropagation';

/**
 * The route tables of the imported VPCs, each with its subnets, its routes to CIDRs and then its
 * routes to prefix lists; and what the VGWs learned, for the Direct Connect side.
 */
export function importRouteTables(
  snapshot: Snapshot,
  vpcSide: VpcSide,
  transit: TransitSide,
  draft: Draft,
): RouteSide {
  const { records } = snapshot;
  const context: RouteContext = {
    snapshot,
    vpcSide,
    transit,
    draft,
    enis: new Map(records.NetworkInterfaces.map((e) => [e.value.id, e.value])),
    listName: new Map(records.PrefixLists.map((p) => [p.value.id, p.value])),
    learnedByVgw: new Map(),
    staticToVgw: new Map(),
  };
  if (records.RouteTables.length === 0 && records.Vpcs.length > 0) {
    draft.warn(
      'no route tables in the snapshot (run `aws ec2 describe-route-tables`): every VPC has its local routes only',
    );
  }
  for (const { value: table } of records.RouteTables) importRouteTable(table, context);
  return { learnedByVgw: context.learnedByVgw, staticToVgw: context.staticToVgw };
}

/** What the route tables are imported against, and what they tell of the VGWs. */
interface RouteContext {
  readonly snapshot: Snapshot;
  readonly vpcSide: VpcSide;
  readonly transit: TransitSide;
  readonly draft: Draft;
  readonly enis: ReadonlyMap<string, AwsNetworkInterface>;
  readonly listName: ReadonlyMap<string, AwsPrefixList>;
  readonly learnedByVgw: Map<string, Set<string>>;
  readonly staticToVgw: Map<string, Set<string>>;
}

/** The routes of one table as the draft writes them: destination (a CIDR or a prefix list) to target. */
interface TableRoutes {
  readonly table: AwsRouteTable;
  readonly out: Record<string, string>;
  /** The CIDRs a route already names. */
  readonly taken: Set<string>;
  readonly path: (destination: string) => string[];
}

/** Keeps a VGW route's prefix: learned by propagation (what on-prem advertises), or static. */
function noteVgwRoute(context: RouteContext, route: AwsRoute, vgw: string, cidr: string): void {
  const map = route.origin === PROPAGATED ? context.learnedByVgw : context.staticToVgw;
  map.set(vgw, (map.get(vgw) ?? new Set()).add(cidr));
}

/** One route table of an imported VPC: its subnets, its routes to CIDRs, then those to prefix lists. */
function importRouteTable(table: AwsRouteTable, context: RouteContext): void {
  const { vpcSide, draft } = context;
  const net = draft.network;
  const blocks = vpcSide.vpcCidrs.get(table.vpcId);
  if (!blocks) {
    draft.warn(`${table.id}: its VPC ${table.vpcId} is not imported: skipped`);
    return;
  }
  const vpcBlocks = new Set(blocks.map(normal));
  for (const subnet of table.subnetIds) {
    const entry = net.subnets[subnet];
    if (entry && entry.vpc === table.vpcId) entry.routeTable = table.id;
  }
  if (table.edgeAssociations > 0)
    draft.skip('gateway route table associations (ingress routing)', table.edgeAssociations);

  // Destinations, best origin first: a static route wins over a propagated one to the same CIDR.
  const sorted = [...table.routes].sort(
    (a, b) => Number(a.origin === PROPAGATED) - Number(b.origin === PROPAGATED),
  );
  const routes: TableRoutes = {
    table,
    out: {},
    taken: new Set<string>(),
    path: (destination) => ['network', 'routeTables', table.id, 'routes', destination],
  };
  const prefixListRoutes = importCidrRoutes(sorted, vpcBlocks, routes, context);
  for (const { id, route } of prefixListRoutes) importPrefixListRoute(id, route, routes, context);
  const { out } = routes;
  net.routeTables[table.id] = {
    vpc: table.vpcId,
    ...(table.main ? { main: true } : {}),
    ...(Object.keys(out).length ? { routes: out } : {}),
    ...named(table.tags),
  };
}

/**
 * The routes to CIDRs, best origin first (the local ones stay implicit); returns the routes to
 * prefix lists, which come after them.
 */
function importCidrRoutes(
  sorted: readonly AwsRoute[],
  vpcBlocks: ReadonlySet<string>,
  { table, out, taken, path }: TableRoutes,
  context: RouteContext,
): { id: string; route: AwsRoute }[] {
  const { draft } = context;
  const prefixListRoutes: { id: string; route: AwsRoute }[] = [];
  for (const route of sorted) {
    if (route.destinationIpv6 && !route.destinationCidr && !route.destinationPrefixList) {
      draft.skip('IPv6 routes');
      continue;
    }
    if (route.destinationPrefixList) {
      prefixListRoutes.push({ id: route.destinationPrefixList, route });
      continue;
    }
    const destination = route.destinationCidr;
    if (!destination) continue;
    const parsed = parseCidr(destination);
    if (!isCidr(parsed)) {
      draft.warn(`${table.id}: destination ${destination} does not parse: left out`);
      continue;
    }
    const target = targetOf(table, route, destination, context);
    if ('skip' in target) {
      if (!vpcBlocks.has(parsed.text)) {
        draft.skip('local routes narrower than a VPC CIDR');
        draft.warn(`${table.id}: local route ${destination} is not a VPC CIDR: left out`);
      }
      continue;
    }
    if (taken.has(parsed.text)) {
      draft.warn(
        `${table.id}: two routes to ${destination}: the ${route.origin === PROPAGATED ? 'static' : 'first'} one is kept`,
      );
      continue;
    }
    taken.add(parsed.text);
    out[destination] = target.target;
    if (target.comment) draft.commentAfter(path(destination), target.comment);
    if (target.target.startsWith('vgw-')) {
      noteVgwRoute(context, route, target.target, parsed.text);
    }
  }
  return prefixListRoutes;
}

/**
 * A route to a prefix list: the list (written once), routed as a whole, or entry by entry when
 * another route already names some of its CIDRs.
 */
function importPrefixListRoute(
  id: string,
  route: AwsRoute,
  { table, out, taken, path }: TableRoutes,
  context: RouteContext,
): void {
  const { snapshot, draft, listName } = context;
  const net = draft.network;
  const entries = snapshot.prefixListEntries.get(id);
  const list = listName.get(id);
  if (!entries) {
    if (route.gatewayId?.startsWith('vpce-') || list?.ownerId === 'AWS') {
      draft.skip('routes to VPC endpoints (gateway or Gateway Load Balancer)');
    } else {
      draft.warn(
        `${table.id}: route to prefix list ${id} left out: its entries are not in the snapshot (run \`aws ec2 get-managed-prefix-list-entries --prefix-list-id ${id}\`)`,
      );
    }
    return;
  }
  const cidrs = [...new Set(entries.items.filter((c) => isCidr(parseCidr(c))))].sort(compareCidrs);
  if (cidrs.length === 0) {
    draft.warn(`${table.id}: prefix list ${id} has no IPv4 entries: its route is left out`);
    return;
  }
  const target = targetOf(table, route, id, context);
  if ('skip' in target) return;
  const clashes = cidrs.filter((c) => taken.has(normal(c)));
  if (!net.prefixLists[id]) {
    const name = (list && nameTag(list.tags)) ?? list?.name;
    net.prefixLists[id] = { cidrs, ...(name ? { name } : {}) };
    draft.prefixLists.push({ id, files: entries.files, how: entries.how });
  }
  if (clashes.length === 0) {
    out[id] = target.target;
    for (const c of cidrs) taken.add(normal(c));
    if (target.comment) draft.commentAfter(path(id), target.comment);
  } else {
    // A prefix list whose entries another route already names: its other entries, one by one.
    draft.warn(
      `${table.id}: prefix list ${id} shares ${clashes.join(', ')} with other routes: written as its other CIDRs`,
    );
    for (const c of cidrs) {
      if (taken.has(normal(c))) continue;
      taken.add(normal(c));
      out[c] = target.target;
      draft.commentAfter(path(c), `from prefix list ${id}`);
    }
  }
  if (target.target.startsWith('vgw-')) {
    for (const c of cidrs) noteVgwRoute(context, route, target.target, normal(c));
  }
}

/** The target of a route, joined to the gateway it names; blackhole (with a comment) when it cannot be. */
function targetOf(table: AwsRouteTable, route: AwsRoute, destination: string, context: RouteContext): Target {
  const { vpcSide, transit, draft, enis } = context;
  const net = draft.network;
  const vpc = table.vpcId;
  const missing = (what: string, run?: string): Target => {
    draft.warn(
      `${table.id}: route ${destination} -> ${what}${run ? ` (run ${run})` : ''}: written as blackhole`,
    );
    return { target: 'blackhole', comment: `was ${what}` };
  };
  const unsupported = (what: string): Target => {
    draft.skip(`routes to ${what}`);
    return { target: 'blackhole', comment: `was a route to ${what}, which Footprint does not model` };
  };
  if (route.state === 'blackhole')
    return { target: 'blackhole', comment: `blackhole in AWS: ${describeTarget(route)} is gone` };
  const gateway = route.gatewayId;
  if (gateway === 'local') return { skip: 'local' };
  if (gateway?.startsWith('igw-')) {
    return vpcSide.igwOfVpc.get(vpc) === gateway
      ? { target: gateway }
      : missing(
          `${gateway}, not an internet gateway of ${vpc} in the snapshot`,
          '`aws ec2 describe-internet-gateways`',
        );
  }
  if (gateway?.startsWith('vgw-')) {
    if (vpcSide.vgwOfVpc.get(vpc) !== gateway)
      return missing(`${gateway}, not a VGW of ${vpc} in the snapshot`, '`aws ec2 describe-vpn-gateways`');
    return route.origin === PROPAGATED
      ? { target: gateway, comment: 'propagated: on-prem advertises it' }
      : { target: gateway };
  }
  if (gateway?.startsWith('vpce-')) return unsupported('VPC endpoints (gateway or Gateway Load Balancer)');
  if (route.natGatewayId) {
    return vpcSide.natVpc.get(route.natGatewayId) === vpc
      ? { target: route.natGatewayId }
      : missing(
          `${route.natGatewayId}, a NAT gateway not in the snapshot`,
          '`aws ec2 describe-nat-gateways`',
        );
  }
  if (route.transitGatewayId) {
    return transit.vpcAttachment.has(`${route.transitGatewayId}|${vpc}`)
      ? { target: route.transitGatewayId }
      : missing(
          `${route.transitGatewayId}, with no attachment of ${vpc} in the snapshot`,
          '`aws ec2 describe-transit-gateways` and `describe-transit-gateway-attachments`',
        );
  }
  if (route.peeringId) {
    return vpcSide.peeringVpcs.get(route.peeringId)?.includes(vpc)
      ? { target: route.peeringId }
      : missing(`${route.peeringId}, a peering not imported`, '`aws ec2 describe-vpc-peering-connections`');
  }
  if (route.networkInterfaceId) {
    const eni = enis.get(route.networkInterfaceId);
    if (!eni?.subnetId || vpcSide.subnetVpc.get(eni.subnetId) !== vpc) {
      return missing(
        `network interface ${route.networkInterfaceId}${route.instanceId ? ` of ${route.instanceId}` : ''}, whose subnet is not known`,
        '`aws ec2 describe-network-interfaces`',
      );
    }
    if (!net.appliances[eni.id]) {
      const label = nameTag(eni.tags) ?? eni.description ?? eni.instanceId;
      net.appliances[eni.id] = { subnet: eni.subnetId, ...(label ? { name: label } : {}) };
      draft.commentAfter(
        ['network', 'appliances', eni.id, 'subnet'],
        `a network interface used as a route target${eni.instanceId ? ` (instance ${eni.instanceId})` : ''}: Footprint treats it as a firewall`,
      );
    }
    return { target: eni.id };
  }
  if (route.instanceId)
    return missing(`instance ${route.instanceId}`, '`aws ec2 describe-network-interfaces`');
  if (route.localGatewayId) return unsupported('Outposts local gateways');
  if (route.carrierGatewayId) return unsupported('carrier gateways (Wavelength)');
  if (route.egressOnlyGatewayId) return unsupported('egress-only internet gateways');
  if (route.coreNetworkArn) return unsupported('Cloud WAN core networks');
  return missing('a target Footprint does not recognise');
}

/** The canonical text of a CIDR (host bits as written are an error elsewhere). */
function normal(cidr: string): string {
  const parsed = parseCidr(cidr);
  return isCidr(parsed) ? parsed.text : cidr;
}

function describeTarget(route: AwsRoute): string {
  return (
    route.natGatewayId ??
    route.transitGatewayId ??
    route.peeringId ??
    route.networkInterfaceId ??
    route.instanceId ??
    route.gatewayId ??
    'its target'
  );
}
