/**
 * Resolution of the customer's side: on-prem networks at sites, and the routers at sites with
 * their static routes (to a virtual interface, a link, or another site).
 */
import type { Cidr } from './cidr.js';
import type { OnPremNetwork, Router, RouterRoute, VirtualInterface } from './network.js';
import type { PhysicalLink } from './resolve-direct-connect.js';
import { cidrAt, type DataPath, type NetworkContext } from './resolve-network.js';

function unknownSite(context: NetworkContext, path: DataPath, site: string, siteIds: ReadonlySet<string>) {
  context.report(path, {
    code: 'FP_UNKNOWN_PLACE',
    message: `unknown site '${site}'`,
    expected: `a site of the estate: ${[...siteIds].join(', ')}`,
  });
}

/** On-prem networks: CIDR blocks at a site of the estate. */
export function resolveOnPrem(
  context: NetworkContext,
  siteIds: ReadonlySet<string>,
): Map<string, OnPremNetwork> {
  const onPrem = new Map<string, OnPremNetwork>();
  for (const [id, network] of Object.entries(context.input.onPrem ?? {})) {
    const path = ['network', 'onPrem', id];
    if (!siteIds.has(network.site)) {
      unknownSite(context, [...path, 'site'], network.site, siteIds);
      continue;
    }
    const cidrs = network.cidrs
      .map((c, i) => cidrAt(c, [...path, 'cidrs', i], context.report))
      .filter((c): c is Cidr => c !== undefined);
    onPrem.set(id, { id, site: network.site, cidrs });
  }
  return onPrem;
}

/** Customer routers, by site (one per site), with their static routes. */
export function resolveRouters(
  context: NetworkContext,
  siteIds: ReadonlySet<string>,
  virtualInterfaces: ReadonlyMap<string, VirtualInterface>,
  links: readonly PhysicalLink[],
): Map<string, Router> {
  const { report } = context;
  const linkById = new Map(links.map((l) => [l.id, l]));
  const routers = new Map<string, Router>();
  for (const [id, router] of Object.entries(context.input.routers ?? {})) {
    const path = ['network', 'routers', id];
    if (!siteIds.has(router.site)) {
      unknownSite(context, [...path, 'site'], router.site, siteIds);
      continue;
    }
    const previous = [...routers.values()].find((r) => r.site === router.site);
    if (previous) {
      report([...path, 'site'], {
        code: 'FP_DUPLICATE_ID',
        message: `site '${router.site}' already has router '${previous.id}'; declare one router per site`,
      });
      continue;
    }
    const routes: RouterRoute[] = [];
    for (const [destination, nextHop] of Object.entries(router.routes ?? {})) {
      const routePath = [...path, 'routes', destination];
      const cidr = cidrAt(destination, routePath, (p, d) => report(p, d, 'key'));
      if (!cidr) continue;
      const route = routerRoute(
        context,
        siteIds,
        virtualInterfaces,
        linkById,
        router.site,
        nextHop,
        routePath,
      );
      if (route) routes.push({ destination: cidr, ...route });
    }
    routers.set(router.site, { id, site: router.site, routes });
  }
  return routers;
}

/** Where a static route of the router at `site` goes: a VIF or link that ends there, or another site. */
function routerRoute(
  context: NetworkContext,
  siteIds: ReadonlySet<string>,
  virtualInterfaces: ReadonlyMap<string, VirtualInterface>,
  linkById: ReadonlyMap<string, PhysicalLink>,
  site: string,
  nextHop: string,
  path: DataPath,
): Omit<RouterRoute, 'destination'> | undefined {
  const vif = virtualInterfaces.get(nextHop);
  const link = linkById.get(nextHop);
  if (vif) {
    if (vif.site === site) return { nextHop, nextHopKind: 'virtual-interface' };
    context.report(path, {
      code: 'FP_UNATTACHED',
      message: `virtual interface '${nextHop}' ends at site '${vif.site}', not at '${site}'`,
    });
    return undefined;
  }
  if (link) {
    if (link.between.includes(site)) return { nextHop, nextHopKind: 'link' };
    context.report(path, {
      code: 'FP_UNATTACHED',
      message: `link '${nextHop}' joins ${link.between.join(' and ')}, not site '${site}'`,
    });
    return undefined;
  }
  if (siteIds.has(nextHop) && nextHop !== site) return { nextHop, nextHopKind: 'site' };
  context.report(path, {
    code: 'FP_UNKNOWN_ELEMENT',
    message: `unknown next hop '${nextHop}'`,
    expected: 'a virtual interface, a link or another site',
  });
  return undefined;
}
