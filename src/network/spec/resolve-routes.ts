/**
 * Resolution of VPC route tables, once every gateway is known: destinations (CIDRs or prefix
 * lists), targets that exist and are attached to the table's VPC, the implicit local routes, and
 * the main table of every VPC.
 *
 * Two routes for one CIDR (AWS, "How route priority works", Amazon VPC User Guide,
 * https://docs.aws.amazon.com/vpc/latest/userguide/route-tables-priority.html, "Route priority for
 * prefix lists"): a static route (a CIDR written in the table) takes priority over a route whose
 * destination is a prefix list holding the same CIDR, and AWS accepts the pair; two prefix lists
 * holding the same CIDR towards different targets AWS also accepts, but "randomly" chooses which
 * route takes priority, so Footprint refuses that ambiguity and says how to settle it.
 */
import { assertNever, getOrThrow } from '../../errors.js';
import type { Cidr } from './cidr.js';
import type { NetworkElementKind, Route, RouteTargetKind, Vpc } from './network.js';
import {
  cidrAt,
  type DataPath,
  elementAt,
  type NetworkContext,
  unknownElement,
  type VpcSide,
} from './resolve-network.js';

const TARGET_KINDS: Partial<Record<NetworkElementKind, RouteTargetKind>> = {
  'internet-gateway': 'internet-gateway',
  'nat-gateway': 'nat-gateway',
  'virtual-private-gateway': 'virtual-private-gateway',
  'transit-gateway': 'transit-gateway',
  peering: 'peering',
  appliance: 'appliance',
};

/** The peering of each peering id, for the VPCs it joins. */
type Peerings = ReadonlyMap<string, { readonly between: readonly [string, string] }>;

/** A table's route for one block, with whether it came from a prefix list (a static route wins over those). */
interface BlockRoute {
  readonly route: Route;
  readonly fromPrefixList: boolean;
}

/**
 * Resolves route tables once every gateway is known: destinations (CIDRs or prefix lists),
 * targets (existing and attached to the table's VPC), implicit local routes and main tables.
 * `tgwVpcAttachments` maps `tgw|vpc` to the attachment id.
 */
export function resolveRouteTables(
  context: NetworkContext,
  side: VpcSide,
  peerings: Peerings,
  tgwVpcAttachments: ReadonlySet<string>,
): void {
  const mainOf = new Map<string, string>();
  for (const [id, table] of Object.entries(context.input.routeTables ?? {})) {
    const path = ['network', 'routeTables', id];
    const vpc = elementAt(context, side.vpcs, table.vpc, [...path, 'vpc'], 'vpc', 'VPC');
    if (!vpc) continue;
    if (table.main) claimMainTable(context, mainOf, vpc, id, path);
    const byBlock = new Map<string, BlockRoute>();
    for (const [destination, target] of Object.entries(table.routes ?? {})) {
      const routePath = [...path, 'routes', destination];
      const resolved = destinationBlocks(context, side, destination, routePath);
      if (!resolved) continue;
      const targetKind = routeTargetKind(context, side, vpc, target, routePath, peerings, tgwVpcAttachments);
      if (!targetKind) continue;
      for (const block of resolved.blocks) {
        if (targetKind === 'local' && !localRouteFits(context, vpc, block, routePath)) continue;
        const route = { destination: block, via: destination, target, targetKind, implicit: false };
        addBlockRoute(context, id, byBlock, { route, fromPrefixList: resolved.fromPrefixList }, routePath);
      }
    }
    side.routeTables.set(id, {
      id,
      vpc: vpc.id,
      main: table.main === true,
      routes: withLocalRoutes(byBlock, vpc),
      implicit: false,
      ...(table.name ? { name: table.name } : {}),
    });
  }
  addDefaultMainTables(side, mainOf);
  routeSubnetsByMainTables(side, mainOf);
}

/** Makes `id` the main table of its VPC, unless the VPC already has one (a VPC has exactly one). */
function claimMainTable(
  context: NetworkContext,
  mainOf: Map<string, string>,
  vpc: Vpc,
  id: string,
  path: DataPath,
): void {
  const other = mainOf.get(vpc.id);
  if (other) {
    context.report([...path, 'main'], {
      code: 'FP_DUPLICATE_ID',
      message: `VPC '${vpc.id}' already has main route table '${other}'; a VPC has exactly one`,
    });
  } else mainOf.set(vpc.id, id);
}

/** The blocks a route's destination stands for: a prefix list's, or one CIDR; reports a destination that is neither. */
function destinationBlocks(
  context: NetworkContext,
  side: VpcSide,
  destination: string,
  path: DataPath,
): { readonly blocks: readonly Cidr[]; readonly fromPrefixList: boolean } | undefined {
  const list = side.prefixLists.get(destination);
  if (list) return { blocks: list, fromPrefixList: true };
  if (destination.includes('/') || /^\d/.test(destination)) {
    const cidr = cidrAt(destination, path, (p, d) => context.report(p, d, 'key'));
    return cidr ? { blocks: [cidr], fromPrefixList: false } : undefined;
  }
  unknownElement(context, path, destination, ['prefix-list'], 'prefix list');
  return undefined;
}

/** Whether a local route names a CIDR of its VPC, as it must; reports it when not. */
function localRouteFits(context: NetworkContext, vpc: Vpc, block: Cidr, path: DataPath): boolean {
  if (vpc.cidrs.some((c) => c.base === block.base && c.length === block.length)) return true;
  context.report(path, {
    code: 'FP_BAD_ROUTE',
    message: `a local route must name a CIDR of VPC '${vpc.id}' (${vpc.cidrs.map((c) => c.text).join(', ')}), not ${block.text}`,
  });
  return false;
}

/**
 * Adds a route for its block unless the table has one already: a static route takes priority over a
 * prefix list's, whichever was written first; the same prefix-list route twice is one route; any
 * other pair is reported (two prefix lists to different targets: AWS would pick one at random).
 */
function addBlockRoute(
  context: NetworkContext,
  tableId: string,
  byBlock: Map<string, BlockRoute>,
  candidate: BlockRoute,
  path: DataPath,
): void {
  const { destination: block, via: destination, target } = candidate.route;
  const previous = byBlock.get(block.text);
  if (!previous) {
    byBlock.set(block.text, candidate);
    return;
  }
  if (previous.fromPrefixList !== candidate.fromPrefixList) {
    // The static route wins, whichever was written first.
    if (previous.fromPrefixList) byBlock.set(block.text, candidate);
    return;
  }
  if (candidate.fromPrefixList && previous.route.target === target) return; // the same route twice
  context.report(
    path,
    candidate.fromPrefixList
      ? {
          code: 'FP_DUPLICATE_ID',
          message: `route table '${tableId}' sends ${block.text} to '${previous.route.target}' (prefix list ${previous.route.via}) and to '${target}' (prefix list ${destination}): AWS picks one of the two at random`,
          suggestion: `remove ${block.text} from one of the prefix lists, or add a static route for it (a static route takes priority over prefix lists)`,
        }
      : {
          code: 'FP_DUPLICATE_ID',
          message: `route table '${tableId}' has two routes for ${block.text} (via ${previous.route.via} and ${destination})`,
          suggestion: 'keep one route per destination',
        },
    'key',
  );
}

/** The local route AWS adds for a VPC CIDR. */
function implicitLocalRoute(block: Cidr): Route {
  return { destination: block, via: block.text, target: 'local', targetKind: 'local', implicit: true };
}

/** A table's routes: the written ones, then the implicit local route of each VPC CIDR the table does not route itself. */
function withLocalRoutes(byBlock: ReadonlyMap<string, BlockRoute>, vpc: Vpc): Route[] {
  const routes = [...byBlock.values()].map((r) => r.route);
  for (const block of vpc.cidrs) if (!byBlock.has(block.text)) routes.push(implicitLocalRoute(block));
  return routes;
}

/** A VPC without a declared main table has AWS's default one: the local routes only. */
function addDefaultMainTables(side: VpcSide, mainOf: Map<string, string>): void {
  for (const vpc of side.vpcs.values()) {
    if (mainOf.has(vpc.id)) continue;
    const id = `${vpc.id}:main`;
    mainOf.set(vpc.id, id);
    side.routeTables.set(id, {
      id,
      vpc: vpc.id,
      main: true,
      implicit: true,
      routes: vpc.cidrs.map(implicitLocalRoute),
    });
  }
}

/** A subnet associated with no route table uses its VPC's main table. */
function routeSubnetsByMainTables(side: VpcSide, mainOf: ReadonlyMap<string, string>): void {
  for (const subnet of side.subnets.values()) {
    if (subnet.routeTable === '') {
      side.subnets.set(subnet.id, {
        ...subnet,
        routeTable: getOrThrow(mainOf, subnet.vpc, 'main route table of VPC'),
      });
    }
  }
}

function routeTargetKind(
  context: NetworkContext,
  side: VpcSide,
  vpc: Vpc,
  target: string,
  path: DataPath,
  peerings: Peerings,
  tgwVpcAttachments: ReadonlySet<string>,
): RouteTargetKind | undefined {
  if (target === 'local' || target === 'blackhole') return target;
  const kind = context.kinds.get(target);
  const targetKind = kind ? TARGET_KINDS[kind] : undefined;
  if (!targetKind) {
    unknownElement(
      context,
      path,
      target,
      [
        'internet-gateway',
        'nat-gateway',
        'virtual-private-gateway',
        'transit-gateway',
        'peering',
        'appliance',
      ],
      'route target',
    );
    return undefined;
  }
  const unattached = (message: string, suggestion?: string) => {
    context.report(path, {
      code: 'FP_UNATTACHED',
      message: `route to ${targetKind} '${target}': ${message}`,
      ...(suggestion ? { suggestion } : {}),
    });
    return undefined;
  };
  switch (targetKind) {
    case 'internet-gateway':
    case 'virtual-private-gateway': {
      const gateways =
        targetKind === 'internet-gateway' ? side.internetGateways : side.virtualPrivateGateways;
      const gateway = gateways.get(target);
      if (!gateway || gateway.vpc === vpc.id) return targetKind;
      const own = [...gateways.values()].find((g) => g.vpc === vpc.id);
      return unattached(
        `it is attached to VPC '${gateway.vpc}', not '${vpc.id}'`,
        own
          ? `did you mean '${own.id}', the ${targetKind} of '${vpc.id}'?`
          : `attach a ${targetKind} to '${vpc.id}' and route to it`,
      );
    }
    case 'nat-gateway': {
      const nat = side.natGateways.get(target);
      const home = nat ? side.subnets.get(nat.subnet)?.vpc : undefined;
      return home && home !== vpc.id ? unattached(`it sits in VPC '${home}', not '${vpc.id}'`) : targetKind;
    }
    case 'appliance': {
      const appliance = side.appliances.get(target);
      const home = appliance ? side.subnets.get(appliance.subnet)?.vpc : undefined;
      return home && home !== vpc.id
        ? unattached(`its interface is in VPC '${home}', not '${vpc.id}'`)
        : targetKind;
    }
    case 'peering': {
      const peering = peerings.get(target);
      return peering && !peering.between.includes(vpc.id)
        ? unattached(`it joins ${peering.between.join(' and ')}, not '${vpc.id}'`)
        : targetKind;
    }
    case 'transit-gateway':
      return tgwVpcAttachments.has(`${target}|${vpc.id}`)
        ? targetKind
        : unattached(
            `VPC '${vpc.id}' has no attachment to it`,
            `add an attachment { vpc: ${vpc.id}, subnets: [...] } under transitGateways.${target}.attachments`,
          );
    case 'local':
    case 'blackhole':
      return targetKind; // not gateways: handled before the lookup
    default:
      return assertNever(targetKind, 'route target kind');
  }
}
