/**
 * The compiled routing of Direct Connect and of the customer's sites, for the compiled network
 * (`compile.ts`): longest-prefix-match tables of what each VGW and DX gateway sends where, and of
 * each site router's candidate routes, best first.
 *
 * Routing that AWS and BGP decide for you, made explicit:
 * - a VGW sends to on-prem what on-prem advertises over its virtual interfaces (direct, or through
 *   its DX gateway); a DX gateway never hands traffic from one VPC to another;
 * - on-prem, a site's router knows its own networks, its static routes, what AWS advertises over the
 *   VIFs that end at the site, and (over the company WAN, as iBGP would) what its WAN neighbours
 *   know of their own. Among equally long prefixes it prefers local, then static, then learned
 *   directly, then over the WAN; then the higher local preference; then the candidate that reaches
 *   the destination soonest (what an operator tunes BGP for).
 */

import type { CompiledNetwork } from './compile.js';
import { LpmTable } from './lpm.js';
import type { Cidr, Network, VirtualInterface } from './spec/index.js';

/** A way out of a site's router. */
export interface SiteRoute {
  readonly origin: 'local' | 'static' | 'learned' | 'wan';
  /** local: the on-prem network id; static/learned: the VIF, link or site; wan: the neighbour site. */
  readonly nextHop: string;
  readonly nextHopKind: 'on-prem' | 'virtual-interface' | 'link' | 'site';
  readonly localPreference: number;
}

function groupTable<T>(entries: Iterable<{ cidr: Cidr; value: T }>): LpmTable<readonly T[]> {
  const groups = new Map<string, { cidr: Cidr; value: T[] }>();
  for (const entry of entries) {
    const group = groups.get(entry.cidr.text);
    if (group) group.value.push(entry.value);
    else groups.set(entry.cidr.text, { cidr: entry.cidr, value: [entry.value] });
  }
  return new LpmTable([...groups.values()]);
}

/**
 * What Direct Connect routes: each VGW's DX gateway; per VGW, the on-prem prefixes its private VIFs
 * carry (its own, or its DX gateway's); per DX gateway, the on-prem prefixes of its transit VIFs and
 * the prefixes allowed towards each associated gateway.
 */
export function directConnectTables(
  network: Network,
): Pick<CompiledNetwork, 'dxgwOfVgw' | 'vgwToPremises' | 'dxgwTransitToPremises' | 'dxgwToAws'> {
  const dxgwOfVgw = new Map<string, string>();
  for (const gateway of network.dxGateways.values()) {
    for (const a of gateway.associations)
      if (a.gatewayKind === 'virtual-private-gateway') dxgwOfVgw.set(a.gateway, gateway.id);
  }
  const vifs = [...network.virtualInterfaces.values()];
  const advertised = (carrying: readonly VirtualInterface[]) =>
    groupTable(carrying.flatMap((v) => v.advertisedPrefixes.map((cidr) => ({ cidr, value: v }))));
  const vgwToPremises = new Map<string, LpmTable<readonly VirtualInterface[]>>();
  for (const vgw of network.virtualPrivateGateways.values()) {
    const dxgw = dxgwOfVgw.get(vgw.id);
    vgwToPremises.set(
      vgw.id,
      advertised(
        vifs.filter((v) => v.type === 'private' && (v.vgw === vgw.id || (dxgw && v.dxGateway === dxgw))),
      ),
    );
  }
  const dxgwTransitToPremises = new Map<string, LpmTable<readonly VirtualInterface[]>>();
  const dxgwToAws = new Map<string, LpmTable<readonly string[]>>();
  for (const gateway of network.dxGateways.values()) {
    dxgwTransitToPremises.set(
      gateway.id,
      advertised(vifs.filter((v) => v.type === 'transit' && v.dxGateway === gateway.id)),
    );
    dxgwToAws.set(
      gateway.id,
      groupTable(
        gateway.associations.flatMap((a) => a.allowedPrefixes.map((cidr) => ({ cidr, value: a.gateway }))),
      ),
    );
  }
  return { dxgwOfVgw, vgwToPremises, dxgwTransitToPremises, dxgwToAws };
}

/** What AWS advertises to on-prem over a VIF: the CIDRs on-prem can reach through it. */
export function awsPrefixesOverVif(network: Network, vif: VirtualInterface): Cidr[] {
  if (vif.vgw) {
    const vgw = network.virtualPrivateGateways.get(vif.vgw);
    return vgw ? [...(network.vpcs.get(vgw.vpc)?.cidrs ?? [])] : [];
  }
  const gateway = vif.dxGateway ? network.dxGateways.get(vif.dxGateway) : undefined;
  if (!gateway) return [];
  const wanted = vif.type === 'transit' ? 'transit-gateway' : 'virtual-private-gateway';
  return gateway.associations.filter((a) => a.gatewayKind === wanted).flatMap((a) => [...a.allowedPrefixes]);
}

const ORIGIN_RANK: Record<SiteRoute['origin'], number> = { local: 0, static: 1, learned: 2, wan: 3 };

export function compileSiteRoutes(
  compiled: Omit<CompiledNetwork, 'siteRoutes'>,
): Map<string, LpmTable<readonly SiteRoute[]>> {
  const { network, estate } = compiled;
  const own = new Map<string, { cidr: Cidr; route: SiteRoute }[]>();
  const add = (site: string, cidr: Cidr, route: SiteRoute) => {
    const list = own.get(site) ?? [];
    list.push({ cidr, route });
    own.set(site, list);
  };
  for (const premises of network.onPrem.values()) {
    for (const cidr of premises.cidrs) {
      add(premises.site, cidr, {
        origin: 'local',
        nextHop: premises.id,
        nextHopKind: 'on-prem',
        localPreference: 100,
      });
    }
  }
  for (const vif of network.virtualInterfaces.values()) {
    for (const cidr of awsPrefixesOverVif(network, vif)) {
      add(vif.site, cidr, {
        origin: 'learned',
        nextHop: vif.id,
        nextHopKind: 'virtual-interface',
        localPreference: vif.localPreference,
      });
    }
  }
  const result = new Map<string, LpmTable<readonly SiteRoute[]>>();
  for (const site of estate.sites) {
    const entries: { cidr: Cidr; value: SiteRoute }[] = [];
    const router = network.routers.get(site.id);
    for (const r of router?.routes ?? []) {
      entries.push({
        cidr: r.destination,
        value: { origin: 'static', nextHop: r.nextHop, nextHopKind: r.nextHopKind, localPreference: 100 },
      });
    }
    for (const { cidr, route } of own.get(site.id) ?? []) entries.push({ cidr, value: route });
    // iBGP over the WAN: what the other sites know of their own (not what they learned over the WAN).
    for (const other of estate.sites) {
      if (other.id === site.id || !Number.isFinite(compiled.segments.wanRttMs(site.id, other.id))) continue;
      for (const { cidr, route } of own.get(other.id) ?? []) {
        entries.push({
          cidr,
          value: {
            origin: 'wan',
            nextHop: other.id,
            nextHopKind: 'site',
            localPreference: route.localPreference,
          },
        });
      }
    }
    const table = groupTable(entries);
    result.set(
      site.id,
      new LpmTable(
        table.entries.map((e) => ({
          cidr: e.cidr,
          value: [...e.value].sort(
            (a, b) =>
              ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin] ||
              b.localPreference - a.localPreference ||
              a.nextHop.localeCompare(b.nextHop),
          ),
        })),
      ),
    );
  }
  return result;
}
