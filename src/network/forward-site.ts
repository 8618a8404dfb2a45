/**
 * Forwarding at a site: the customer's router picks its route (the compiled order: local, static,
 * learned over a VIF, then over the WAN; the higher local preference; then the candidate that
 * reaches the destination soonest, see `compile-premises.ts`) and the packet goes on over a
 * virtual interface into AWS, a link or the WAN to another site, or is delivered to the site's
 * own network.
 */
import { assertNever, getOrThrow, InternalError } from '../errors.js';
import type { SiteRoute } from './compile-premises.js';
import { vifToAws } from './forward-direct-connect.js';
import { DELIVERED, type Exit, type Forwarder } from './forward-state.js';

export function fromSite(f: Forwarder, site: string): Exit {
  if (f.owner?.kind === 'on-prem' && f.owner.site === site) {
    f.hop(f.owner.id, 'on-prem', site, 'none');
    return DELIVERED;
  }
  const compiled = f.compiled;
  const index = getOrThrow(compiled.siteIndex, site, 'index of site');
  const loop = f.enter(compiled.scratch.siteStamps, index, site);
  if (loop) return loop;
  const entry = getOrThrow(compiled.siteRoutes, site, 'router of site').lookup(f.address);
  if (!entry) return f.stopped(site, 'no-route', `the router at '${site}' has no route to ${f.dst}`);
  const route = bestSiteRoute(f, site, entry.value);
  const action = f.record ? `${route.origin} route ${entry.cidr.text} -> ${route.nextHop}` : undefined;
  switch (route.nextHopKind) {
    case 'virtual-interface': {
      const vif = getOrThrow(f.network.virtualInterfaces, route.nextHop, 'virtual interface');
      f.hop(vif.id, 'virtual-interface', vif.location, { link: vif.connection }, action);
      return vifToAws(f, vif);
    }
    case 'link': {
      const link = compiled.estate.links.find((l) => l.id === route.nextHop);
      if (!link)
        throw new InternalError(`no link '${route.nextHop}', though the router at '${site}' names it`);
      const other = link.between[0] === site ? link.between[1] : link.between[0];
      if (link.kind === 'direct-connect') {
        return f.stopped(
          site,
          'no-vif',
          `link '${link.id}' is a Direct Connect circuit: traffic crosses it on a virtual interface; route to the VIF instead`,
        );
      }
      const placeholder = f.atPlaceholder(other);
      if (placeholder) return placeholder;
      f.hop(other, 'site', other, { link: link.id }, action);
      return fromSite(f, other);
    }
    case 'site': {
      const placeholder = f.atPlaceholder(route.nextHop);
      if (placeholder) return placeholder;
      f.hop(route.nextHop, 'site', route.nextHop, 'wan', action);
      return fromSite(f, route.nextHop);
    }
    case 'on-prem':
      // The site's own block covers the address, which a more specific network elsewhere holds.
      return f.stopped(
        site,
        'overlap',
        `the router at '${site}' keeps ${f.dst} in its own network '${route.nextHop}' (${entry.cidr.text}), but ${f.dst} belongs to '${f.owner?.id ?? 'nothing in the estate'}': the two overlap`,
      );
    default:
      return assertNever(route.nextHopKind, 'next hop kind');
  }
}

/** The first tier (origin and preference) wins; within it, the soonest to the destination. */
export function bestSiteRoute(f: Forwarder, site: string, routes: readonly SiteRoute[]): SiteRoute {
  const [first] = routes;
  if (!first) throw new InternalError(`an empty route list at site '${site}'`);
  let tied = 0;
  for (const route of routes) {
    if (route.origin !== first.origin || route.localPreference !== first.localPreference) break;
    tied++;
  }
  if (tied === 1) return first;
  let best = first;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const route of routes.slice(0, tied)) {
    const c = estimate(f, site, route);
    if (c < bestCost) {
      best = route;
      bestCost = c;
    }
  }
  return best;
}

export function estimate(f: Forwarder, site: string, route: SiteRoute): number {
  const segments = f.compiled.segments;
  switch (route.nextHopKind) {
    case 'virtual-interface': {
      const vif = getOrThrow(f.network.virtualInterfaces, route.nextHop, 'virtual interface');
      const destination = f.owner?.kind === 'subnet' ? f.owner.place : undefined;
      const tail = destination ? segments.awsRttMs(vif.location, destination) : 0;
      return segments.linkRttMs(vif.connection) + tail;
    }
    case 'site':
      return segments.wanRttMs(site, route.nextHop);
    case 'link':
      return segments.linkRttMs(route.nextHop);
    case 'on-prem':
      return 0;
    default:
      return assertNever(route.nextHopKind, 'next hop kind');
  }
}
