/**
 * Forwarding: follows one packet (a destination address) from a subnet or a site, gateway by
 * gateway, as AWS and the customer's routers would, laying every hop on the physical map.
 *
 * AWS rules applied here (aws-facts.md):
 * - the `local` route joins subnets of a VPC; between two zones the VPC's traffic passes through
 *   the region (so two Local Zones of one VPC talk through the parent region);
 * - a Transit Gateway is regional: a Local Zone subnet reaches it through the parent region;
 * - traffic to a VGW over Direct Connect leaves AWS at the DX location of the circuit, straight from
 *   the zone (inside the US, DX traffic does not pass through the parent region);
 * - a DX gateway carries no VPC-to-VPC traffic: a VGW only sends to on-prem what on-prem advertises,
 *   so a hairpin works only where on-prem advertises a covering prefix;
 * - a Transit Gateway delivers into a VPC attachment; a destination outside that VPC is routed by
 *   the route table of the attachment's subnet (the inspection-VPC pattern).
 *
 * A site whose position is not known yet (a placeholder) ends the packet's path where it would
 * leave for that site, e.g. at the DX location of the circuit, with stop reason `placeholder`.
 */
import type { AddressOwner, CompiledNetwork, SiteRoute } from './compile.js';
import { formatIpv4, type Network, type Subnet, type VirtualInterface } from './spec/index.js';

/** How a hop was reached from the previous one, for its cost. */
type Medium = 'none' | 'aws' | 'wan' | { readonly link: string };

export interface ForwardHop {
  readonly element: string;
  readonly kind: string;
  readonly place: string;
  /** Cumulative RTT from the start, ms. */
  readonly rttMs: number;
  /** The decision taken there, e.g. `route 192.168.0.0/16 -> vgw-phx`. */
  readonly action?: string;
}

export type StopReason =
  | 'no-route'
  | 'blackhole'
  | 'loop'
  | 'dx-gateway-transit'
  | 'not-associated'
  | 'not-transitive'
  | 'private-to-internet'
  | 'no-subnet'
  | 'no-vif'
  | 'placeholder';

export interface ForwardResult {
  readonly delivered: boolean;
  readonly hops: readonly ForwardHop[];
  readonly rttMs: number;
  /** Where and why the packet died, when it did. */
  readonly stop?: { readonly element: string; readonly reason: StopReason; readonly message: string };
  /** True when the packet left for the public internet (the destination is not in the estate). */
  readonly internet?: boolean;
}

const MAX_STEPS = 64;

/** The starting point of a packet. */
export type ForwardStart =
  | { readonly kind: 'subnet'; readonly id: string }
  | { readonly kind: 'site'; readonly id: string };

/**
 * Forwards a packet to `address` from `start`. Never throws for routing problems: an undeliverable
 * packet is a result with the hop where it died and why.
 */
export function forward(
  compiled: CompiledNetwork,
  start: ForwardStart,
  address: number,
  options: { record?: boolean } = {},
): ForwardResult {
  return new Forwarder(compiled, address, options.record !== false).run(start);
}

class Forwarder {
  private readonly network: Network;
  private readonly hops: ForwardHop[] = [];
  private steps = 0;
  private place = '';
  private rtt = 0;
  private readonly owner: AddressOwner | undefined;
  private readonly dst: string;
  private stop: ForwardResult['stop'];
  private delivered = false;
  private internet = false;

  private readonly generation: number;

  constructor(
    private readonly compiled: CompiledNetwork,
    private readonly address: number,
    /** False: keep the RTT and the verdict only (no hop list, no decision text): the hot path. */
    private readonly record: boolean,
  ) {
    this.network = compiled.network;
    this.generation = ++compiled.scratch.generation;
    this.owner = compiled.owners.lookup(address)?.value;
    this.dst = formatIpv4(address);
  }

  run(start: ForwardStart): ForwardResult {
    if (start.kind === 'subnet') {
      const subnet = this.network.subnets.get(start.id) as Subnet;
      this.place = subnet.zone;
      this.hop(subnet.id, 'subnet', subnet.zone, 'none');
      if (this.deliveredTo(subnet)) return this.result();
      this.fromSubnet(subnet);
    } else {
      this.place = start.id;
      this.hop(start.id, 'site', start.id, 'none');
      if (!this.atPlaceholder(start.id)) this.fromSite(start.id);
    }
    return this.result();
  }

  private result(): ForwardResult {
    return {
      delivered: this.delivered,
      hops: this.hops,
      rttMs: this.rtt,
      ...(this.stop ? { stop: this.stop } : {}),
      ...(this.internet ? { internet: true } : {}),
    };
  }

  private cost(to: string, medium: Medium): number {
    if (medium === 'none' || to === this.place) return 0;
    const segments = this.compiled.segments;
    if (medium === 'aws') return segments.awsRttMs(this.place, to);
    if (medium === 'wan') return segments.wanRttMs(this.place, to);
    return segments.linkRttMs(medium.link);
  }

  private hop(element: string, kind: string, place: string, medium: Medium, action?: string): void {
    this.rtt += this.cost(place, medium);
    this.place = place;
    this.steps++;
    if (this.record) this.hops.push({ element, kind, place, rttMs: this.rtt, ...(action ? { action } : {}) });
  }

  private die(element: string, reason: StopReason, message: string): void {
    this.stop = { element, reason, message };
  }

  /** True (and the packet stops) when `site` is a placeholder: its position is not known yet. */
  private atPlaceholder(site: string): boolean {
    if (!this.compiled.placeholderSites.has(site)) return false;
    const where = this.place === site ? `at '${site}'` : `at ${this.place}, before '${site}'`;
    this.die(
      site,
      'placeholder',
      `the path to ${this.dst} stops ${where}: site '${site}' is a placeholder whose position is not known yet; give it a metro or location to trace beyond`,
    );
    return true;
  }

  /**
   * Guards against routing loops: a decision point (a subnet's route table, a Transit Gateway route
   * table, a site's router) met twice by the same packet. Stamps, not sets: no allocation.
   */
  private enter(stamps: Uint32Array, index: number, element: string): boolean {
    if (stamps[index] === this.generation || this.steps > MAX_STEPS) {
      this.die(element, 'loop', `routing loop: the packet to ${this.dst} comes back to ${element}`);
      return false;
    }
    stamps[index] = this.generation;
    return true;
  }

  private deliveredTo(subnet: Subnet): boolean {
    if (this.owner?.kind === 'subnet' && this.owner.id === subnet.id) {
      this.delivered = true;
      return true;
    }
    return false;
  }

  private fromSubnet(subnet: Subnet): void {
    const table = subnet.routeTable;
    const scratch = this.compiled.scratch;
    if (!this.enter(scratch.subnetStamps, this.compiled.subnetIndex.get(subnet.id) as number, table)) return;
    const route = this.compiled.routeTables.get(table)?.lookup(this.address)?.value;
    if (!route) {
      this.die(table, 'no-route', `route table '${table}' has no route to ${this.dst}`);
      return;
    }
    const action = this.record ? `route ${route.via} -> ${route.target}` : undefined;
    const vpc = this.network.vpcs.get(subnet.vpc);
    switch (route.targetKind) {
      case 'blackhole':
        this.die(
          table,
          'blackhole',
          `route table '${table}' drops ${this.dst}: ${route.via} is a blackhole route`,
        );
        return;
      case 'local': {
        const target = this.owner?.kind === 'subnet' ? this.network.subnets.get(this.owner.id) : undefined;
        if (!target || target.vpc !== subnet.vpc) {
          this.die(table, 'no-subnet', `${this.dst} is inside VPC '${subnet.vpc}' but no subnet holds it`);
          return;
        }
        this.deliverInVpc(target, action);
        return;
      }
      case 'internet-gateway':
        if (this.owner) {
          this.die(
            route.target,
            'private-to-internet',
            `${this.dst} is a private address of ${this.owner.id}, sent to internet gateway '${route.target}' by ${table}`,
          );
          return;
        }
        this.hop(route.target, 'internet-gateway', subnet.zone, 'none', action);
        this.internet = true;
        this.delivered = true;
        return;
      case 'nat-gateway': {
        const nat = this.network.natGateways.get(route.target);
        const natSubnet = nat ? this.network.subnets.get(nat.subnet) : undefined;
        if (!natSubnet) return;
        this.hop(route.target, 'nat-gateway', natSubnet.zone, 'aws', action);
        this.fromSubnet(natSubnet);
        return;
      }
      case 'appliance': {
        const appliance = this.network.appliances.get(route.target);
        const home = appliance ? this.network.subnets.get(appliance.subnet) : undefined;
        if (!home) return;
        this.hop(route.target, 'appliance', home.zone, 'aws', action);
        this.fromSubnet(home);
        return;
      }
      case 'virtual-private-gateway':
        this.hop(route.target, 'virtual-private-gateway', this.place, 'none', action);
        this.vgwToPremises(route.target, subnet.vpc);
        return;
      case 'transit-gateway': {
        const tgw = this.network.transitGateways.get(route.target);
        const attachment = this.compiled.tgwVpcAttachment.get(`${route.target}|${subnet.vpc}`);
        if (!tgw || !attachment) return;
        this.hop(route.target, 'transit-gateway', tgw.region, 'aws', action);
        this.tgwForward(tgw.id, attachment.id);
        return;
      }
      case 'peering': {
        const peering = this.network.peerings.get(route.target);
        const other = peering?.between[0] === subnet.vpc ? peering.between[1] : peering?.between[0];
        const target = this.owner?.kind === 'subnet' ? this.network.subnets.get(this.owner.id) : undefined;
        this.hop(route.target, 'peering', vpc?.region ?? this.place, 'aws', action);
        if (!target || target.vpc !== other) {
          this.die(
            route.target,
            'not-transitive',
            `peering '${route.target}' reaches VPC '${other}' only, and ${this.dst} is not in it (peering is not transitive)`,
          );
          return;
        }
        this.deliverInVpc(target);
        return;
      }
    }
  }

  /** Into a subnet of the VPC: through the region when the zones differ. */
  private deliverInVpc(target: Subnet, action?: string): void {
    const vpc = this.network.vpcs.get(target.vpc);
    if (target.zone !== this.place && vpc) this.hop(vpc.id, 'vpc', vpc.region, 'aws', action);
    this.hop(target.id, 'subnet', target.zone, 'aws', target.zone === this.place ? action : undefined);
    this.deliveredTo(target);
  }

  /** From a VGW towards on-prem: only what on-prem advertises over the VGW's VIFs. */
  private vgwToPremises(vgw: string, vpc: string): void {
    const candidates = this.compiled.vgwToPremises.get(vgw)?.lookup(this.address);
    if (!candidates) {
      const dxgw = this.compiled.dxgwOfVgw.get(vgw);
      const target = this.owner?.kind === 'subnet' ? this.network.subnets.get(this.owner.id) : undefined;
      const targetVgw = target ? this.compiled.vgwOfVpc.get(target.vpc) : undefined;
      if (
        dxgw &&
        target &&
        target.vpc !== vpc &&
        targetVgw &&
        this.compiled.dxgwOfVgw.get(targetVgw) === dxgw
      ) {
        this.die(
          vgw,
          'dx-gateway-transit',
          `DX gateway '${dxgw}' does not carry traffic between VPC '${vpc}' and VPC '${target.vpc}', not even hairpinned through on-prem, unless on-prem advertises a prefix covering ${this.dst} over the virtual interface`,
        );
      } else {
        this.die(
          vgw,
          'no-route',
          `virtual private gateway '${vgw}' has no route to ${this.dst}: on-prem does not advertise it over any of its virtual interfaces`,
        );
      }
      return;
    }
    const vif = this.closestVif(candidates.value);
    this.toPremisesOver(vif, this.record ? `on-prem advertises ${candidates.cidr.text}` : undefined);
  }

  /** Among equally specific VIFs, AWS is modelled to leave at the DX location nearest the packet. */
  private closestVif(vifs: readonly VirtualInterface[]): VirtualInterface {
    let best = vifs[0] as VirtualInterface;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const vif of vifs) {
      const c = this.compiled.segments.awsRttMs(this.place, vif.location);
      if (c < bestCost || (c === bestCost && vif.id < best.id)) {
        best = vif;
        bestCost = c;
      }
    }
    return best;
  }

  private toPremisesOver(vif: VirtualInterface, action: string | undefined): void {
    if (vif.dxGateway) this.hop(vif.dxGateway, 'dx-gateway', vif.location, 'aws');
    this.hop(vif.id, 'virtual-interface', vif.location, vif.dxGateway ? 'none' : 'aws', action);
    if (this.atPlaceholder(vif.site)) return;
    this.hop(vif.site, 'site', vif.site, { link: vif.connection });
    this.fromSite(vif.site);
  }

  private fromSite(site: string): void {
    if (this.owner?.kind === 'on-prem' && this.owner.site === site) {
      this.hop(this.owner.id, 'on-prem', site, 'none');
      this.delivered = true;
      return;
    }
    if (!this.enter(this.compiled.scratch.siteStamps, this.compiled.siteIndex.get(site) as number, site))
      return;
    const entry = this.compiled.siteRoutes.get(site)?.lookup(this.address);
    if (!entry) {
      this.die(site, 'no-route', `the router at '${site}' has no route to ${this.dst}`);
      return;
    }
    const route = this.bestSiteRoute(site, entry.value);
    const action = this.record ? `${route.origin} route ${entry.cidr.text} -> ${route.nextHop}` : undefined;
    switch (route.nextHopKind) {
      case 'virtual-interface': {
        const vif = this.network.virtualInterfaces.get(route.nextHop) as VirtualInterface;
        this.hop(vif.id, 'virtual-interface', vif.location, { link: vif.connection }, action);
        this.vifToAws(vif);
        return;
      }
      case 'link': {
        const link = this.compiled.estate.links.find((l) => l.id === route.nextHop);
        const other = link?.between[0] === site ? link.between[1] : link?.between[0];
        if (!link || !other) return;
        if (link.kind === 'direct-connect') {
          this.die(
            site,
            'no-vif',
            `link '${link.id}' is a Direct Connect circuit: traffic crosses it on a virtual interface; route to the VIF instead`,
          );
          return;
        }
        if (this.atPlaceholder(other)) return;
        this.hop(other, 'site', other, { link: link.id }, action);
        this.fromSite(other);
        return;
      }
      default:
        if (this.atPlaceholder(route.nextHop)) return;
        this.hop(route.nextHop, 'site', route.nextHop, 'wan', action);
        this.fromSite(route.nextHop);
    }
  }

  /** The first tier (origin and preference) wins; within it, the soonest to the destination. */
  private bestSiteRoute(site: string, routes: readonly SiteRoute[]): SiteRoute {
    const first = routes[0] as SiteRoute;
    let best = first;
    let bestCost = Number.POSITIVE_INFINITY;
    let tied = 0;
    for (const route of routes) {
      if (route.origin !== first.origin || route.localPreference !== first.localPreference) break;
      tied++;
    }
    if (tied === 1) return first;
    for (let i = 0; i < tied; i++) {
      const route = routes[i] as SiteRoute;
      const c = this.estimate(site, route);
      if (c < bestCost) {
        best = route;
        bestCost = c;
      }
    }
    return best;
  }

  private estimate(site: string, route: SiteRoute): number {
    const segments = this.compiled.segments;
    const destination = this.owner?.place;
    if (route.nextHopKind === 'virtual-interface') {
      const vif = this.network.virtualInterfaces.get(route.nextHop) as VirtualInterface;
      const tail =
        destination && this.owner?.kind === 'subnet' ? segments.awsRttMs(vif.location, destination) : 0;
      return segments.linkRttMs(vif.connection) + tail;
    }
    if (route.nextHopKind === 'site') return segments.wanRttMs(site, route.nextHop);
    return segments.linkRttMs(route.nextHop);
  }

  /** From on-prem into AWS over a VIF. */
  private vifToAws(vif: VirtualInterface): void {
    if (vif.vgw) {
      const vgw = this.network.virtualPrivateGateways.get(vif.vgw);
      this.hop(vif.vgw, 'virtual-private-gateway', vif.location, 'none');
      this.deliverFromGateway(vgw?.vpc as string, vif.vgw);
      return;
    }
    const dxgw = vif.dxGateway as string;
    this.hop(dxgw, 'dx-gateway', vif.location, 'none');
    const gateways = this.compiled.dxgwToAws.get(dxgw)?.lookup(this.address);
    const wanted = vif.type === 'transit' ? 'transit-gateway' : 'virtual-private-gateway';
    const choices = (gateways?.value ?? []).filter((g) => this.network.kinds.get(g) === wanted);
    if (choices.length === 0) {
      this.die(
        dxgw,
        'no-route',
        `DX gateway '${dxgw}' has no ${vif.type === 'transit' ? 'Transit Gateway' : 'VGW'} association whose allowed prefixes cover ${this.dst}`,
      );
      return;
    }
    if (vif.type === 'transit') {
      const tgwId = choices[0] as string;
      const tgw = this.network.transitGateways.get(tgwId);
      const attachment = this.compiled.tgwDxAttachment.get(`${tgwId}|${dxgw}`);
      if (!tgw || !attachment) return;
      this.hop(tgwId, 'transit-gateway', tgw.region, 'aws');
      this.tgwForward(tgwId, attachment.id);
      return;
    }
    const target = this.owner?.kind === 'subnet' ? this.network.subnets.get(this.owner.id) : undefined;
    const vgwId =
      choices.find((g) => target && this.network.virtualPrivateGateways.get(g)?.vpc === target.vpc) ??
      (choices[0] as string);
    this.hop(vgwId, 'virtual-private-gateway', this.place, 'none');
    this.deliverFromGateway(this.network.virtualPrivateGateways.get(vgwId)?.vpc as string, vgwId);
  }

  /** A gateway hands the packet into its VPC: delivered if a subnet holds the address. */
  private deliverFromGateway(vpc: string, gateway: string): void {
    const target = this.owner?.kind === 'subnet' ? this.network.subnets.get(this.owner.id) : undefined;
    if (!target || target.vpc !== vpc) {
      this.die(gateway, 'no-subnet', `${this.dst} is not in VPC '${vpc}' behind '${gateway}'`);
      return;
    }
    this.hop(target.id, 'subnet', target.zone, 'aws');
    this.deliveredTo(target);
  }

  private tgwForward(tgwId: string, ingress: string): void {
    const attachment = this.network.tgwAttachments.get(ingress);
    if (!attachment?.routeTable) {
      this.die(
        tgwId,
        'not-associated',
        `attachment '${ingress}' of '${tgwId}' is not associated with a route table: its traffic is dropped`,
      );
      return;
    }
    const tableIndex = this.compiled.tgwTableIndex.get(attachment.routeTable) as number;
    if (!this.enter(this.compiled.scratch.tgwTableStamps, tableIndex, attachment.routeTable)) return;
    const route = this.compiled.tgwRouteTables.get(attachment.routeTable)?.lookup(this.address)?.value;
    if (!route) {
      this.die(
        attachment.routeTable,
        'no-route',
        `Transit Gateway route table '${attachment.routeTable}' has no route to ${this.dst}`,
      );
      return;
    }
    if (route.target === 'blackhole') {
      this.die(
        attachment.routeTable,
        'blackhole',
        `Transit Gateway route table '${attachment.routeTable}' drops ${this.dst} (${route.destination.text} is a blackhole route)`,
      );
      return;
    }
    const action = this.record
      ? `${route.origin} route ${route.destination.text} -> ${route.target}`
      : undefined;
    const target = this.network.tgwAttachments.get(route.target);
    if (!target) return;
    if (target.kind === 'vpc') {
      const subnet = this.owner?.kind === 'subnet' ? this.network.subnets.get(this.owner.id) : undefined;
      this.hop(target.id, 'tgw-attachment', this.place, 'none', action);
      if (subnet && subnet.vpc === target.vpc) {
        this.hop(subnet.id, 'subnet', subnet.zone, 'aws');
        this.deliveredTo(subnet);
        return;
      }
      // Not in the attached VPC: the attachment subnet's route table decides (inspection VPCs).
      const via = this.network.subnets.get(target.subnets[0] ?? '');
      if (!via) {
        this.die(
          target.id,
          'no-subnet',
          `${this.dst} is not in VPC '${target.vpc}' and attachment '${target.id}' has no subnet to route from`,
        );
        return;
      }
      this.hop(via.id, 'subnet', via.zone, 'aws');
      this.fromSubnet(via);
      return;
    }
    if (target.kind === 'dx-gateway') {
      const vifs = this.compiled.dxgwTransitToPremises.get(target.dxGateway as string)?.lookup(this.address);
      this.hop(target.id, 'tgw-attachment', this.place, 'none', action);
      if (!vifs) {
        this.die(
          target.dxGateway as string,
          'no-route',
          `no transit virtual interface on DX gateway '${target.dxGateway}' carries ${this.dst}: on-prem does not advertise it`,
        );
        return;
      }
      this.toPremisesOver(
        this.closestVif(vifs.value),
        this.record ? `on-prem advertises ${vifs.cidr.text}` : undefined,
      );
      return;
    }
    const peer = this.network.transitGateways.get(target.peer as string);
    const back = this.compiled.tgwPeerAttachment.get(`${target.peer}|${tgwId}`);
    this.hop(target.id, 'tgw-attachment', this.place, 'none', action);
    if (!peer || !back) {
      this.die(target.id, 'no-route', `peer '${target.peer}' has no peering attachment back to '${tgwId}'`);
      return;
    }
    this.hop(peer.id, 'transit-gateway', peer.region, 'aws');
    this.tgwForward(peer.id, back.id);
  }
}
