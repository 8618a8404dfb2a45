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

/**
 * Resolves route tables once every gateway is known: destinations (CIDRs or prefix lists),
 * targets (existing and attached to the table's VPC), implicit local routes and main tables.
 * `tgwVpcAttachments` maps `tgw|vpc` to the attachment id.
 */
export function resolveRouteTables(
  context: NetworkContext,
  side: VpcSide,
  peerings: ReadonlyMap<string, { readonly between: readonly [string, string] }>,
  tgwVpcAttachments: ReadonlySet<string>,
): void {
  const { input, report } = context;
  const mainOf = new Map<string, string>();
  for (const [id, table] of Object.entries(input.routeTables ?? {})) {
    const path = ['network', 'routeTables', id];
    const vpc = elementAt(context, side.vpcs, table.vpc, [...path, 'vpc'], 'vpc', 'VPC');
    if (!vpc) continue;
    if (table.main) {
      const other = mainOf.get(vpc.id);
      if (other) {
        report([...path, 'main'], {
          code: 'FP_DUPLICATE_ID',
          message: `VPC '${vpc.id}' already has main route table '${other}'; a VPC has exactly one`,
        });
      } else mainOf.set(vpc.id, id);
    }
    /** The route of each block, with whether it came from a prefix list (a static route wins over those). */
    const byBlock = new Map<string, { readonly route: Route; readonly fromPrefixList: boolean }>();
    for (const [destination, target] of Object.entries(table.routes ?? {})) {
      const routePath = [...path, 'routes', destination];
      let blocks: readonly Cidr[];
      const list = side.prefixLists.get(destination);
      if (list) blocks = list;
      else if (destination.includes('/') || /^\d/.test(destination)) {
        const cidr = cidrAt(destination, routePath, (p, d) => report(p, d, 'key'));
        if (!cidr) continue;
        blocks = [cidr];
      } else {
        unknownElement(context, routePath, destination, ['prefix-list'], 'prefix list');
        continue;
      }
      const targetKind = routeTargetKind(context, side, vpc, target, routePath, peerings, tgwVpcAttachments);
      if (!targetKind) continue;
      for (const block of blocks) {
        if (
          targetKind === 'local' &&
          !vpc.cidrs.some((c) => c.base === block.base && c.length === block.length)
        ) {
          report(routePath, {
            code: 'FP_BAD_ROUTE',
            message: `a local route must name a CIDR of VPC '${vpc.id}' (${vpc.cidrs.map((c) => c.text).join(', ')}), not ${block.text}`,
          });
          continue;
        }
        const candidate = {
          route: { destination: block, via: destination, target, targetKind, implicit: false },
          fromPrefixList: list !== undefined,
        };
        const previous = byBlock.get(block.text);
        if (!previous) {
          byBlock.set(block.text, candidate);
          continue;
        }
        if (previous.fromPrefixList !== candidate.fromPrefixList) {
          // The static route wins, whichever was written first.
          if (previous.fromPrefixList) byBlock.set(block.text, candidate);
          continue;
        }
        if (candidate.fromPrefixList && previous.route.target === target) continue; // the same route twice
        report(
          routePath,
          candidate.fromPrefixList
            ? {
                code: 'FP_DUPLICATE_ID',
                message: `route table '${id}' sends ${block.text} to '${previous.route.target}' (prefix list ${previous.route.via}) and to '${target}' (prefix list ${destination}): AWS picks one of the two at random`,
                suggestion: `remove ${block.text} from one of the prefix lists, or add a static route for it (a static route takes priority over prefix lists)`,
              }
            : {
                code: 'FP_DUPLICATE_ID',
                message: `route table '${id}' has two routes for ${block.text} (via ${previous.route.via} and ${destination})`,
                suggestion: 'keep one route per destination',
              },
          'key',
        );
      }
    }
    const routes = [...byBlock.values()].map((r) => r.route);
    for (const block of vpc.cidrs) {
      if (!byBlock.has(block.text)) {
        routes.push({
          destination: block,
          via: block.text,
          target: 'local',
          targetKind: 'local',
          implicit: true,
        });
      }
    }
    side.routeTables.set(id, {
      id,
      vpc: vpc.id,
      main: table.main === true,
      routes,
      implicit: false,
      ...(table.name ? { name: table.name } : {}),
    });
  }
  // A VPC without a declared main table has AWS's default one: the local routes only.
  for (const vpc of side.vpcs.values()) {
    if (mainOf.has(vpc.id)) continue;
    const id = `${vpc.id}:main`;
    mainOf.set(vpc.id, id);
    side.routeTables.set(id, {
      id,
      vpc: vpc.id,
      main: true,
      implicit: true,
      routes: vpc.cidrs.map((c) => ({
        destination: c,
        via: c.text,
        target: 'local',
        targetKind: 'local',
        implicit: true,
      })),
    });
  }
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
  peerings: ReadonlyMap<string, { readonly between: readonly [string, string] }>,
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
