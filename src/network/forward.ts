/**
 * Forwarding: follows one packet (a destination address) from a subnet or a site, gateway by
 * gateway, as AWS and the customer's routers would, laying every hop on the physical map.
 *
 * AWS rules applied here (aws-facts.md):
 * - the `local` route joins subnets of a VPC; between two zones the VPC's traffic passes through
 *   the region (so two Local Zones of one VPC talk through the parent region);
 * - a Transit Gateway is regional: a Local Zone subnet reaches it through the parent region;
 * - a subnet reaches a Transit Gateway only from an AZ where the VPC's attachment has a subnet
 *   ("any resources in Availability Zones where there is no transit gateway attachment cannot
 *   reach the transit gateway": Amazon VPC Transit Gateways, "Amazon VPC attachments",
 *   https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html), and a Local Zone subnet
 *   only when the attachment has a subnet in the Local Zone's parent zone ("You must create a
 *   transit gateway attachment in the parent zone": AWS Local Zones User Guide,
 *   https://docs.aws.amazon.com/local-zones/latest/ug/local-zones-connectivity-transit-gateway-lzs.html).
 *   An attachment that lists no subnets (an import without its VPC attachment details) is taken to
 *   cover every AZ, and a Local Zone whose parent zone the catalog does not know any of its AZs;
 * - traffic to a VGW over Direct Connect leaves AWS at the DX location of the circuit, straight from
 *   the zone (inside the US, DX traffic does not pass through the parent region);
 * - a DX gateway carries no VPC-to-VPC traffic: a VGW only sends to on-prem what on-prem advertises,
 *   so a hairpin works only where on-prem advertises a covering prefix;
 * - a Transit Gateway delivers into a VPC attachment; a destination outside that VPC is routed by
 *   the route table of the attachment's subnet (the inspection-VPC pattern).
 *
 * A site whose position is not known yet (a placeholder) ends the packet's path where it would
 * leave for that site, e.g. at the DX location of the circuit, with stop reason `placeholder`.
 *
 * Every step returns how it ended ({@link Exit}): delivered, or stopped with a reason. The compiler
 * thus refuses a way out of a step that forgets to say why the packet stopped; what resolution
 * guarantees (an id a route names exists) is looked up with `getOrThrow`, so that a broken
 * guarantee is a visible internal error, never a silent drop.
 */

import { assertNever, getOrThrow, InternalError } from '../errors.js';
import {
  type AddressOwner,
  attachmentReach,
  type CompiledNetwork,
  type SiteRoute,
  type VpcAttachment,
} from './compile.js';
import { DenseForwarder, denseNetwork, UNHANDLED } from './dense.js';
import { formatIpv4, isPrivateIpv4, type Network, type Subnet, type VirtualInterface } from './spec/index.js';

/** How a hop was reached from the previous one, for its cost. */
type Medium = 'none' | 'aws' | 'wan' | 'internet' | { readonly link: string };

/** What a hop of a path is: the kind of element the packet passes. */
export type HopKind =
  | 'subnet'
  | 'vpc'
  | 'site'
  | 'on-prem'
  | 'internet-gateway'
  | 'nat-gateway'
  | 'appliance'
  | 'peering'
  | 'virtual-private-gateway'
  | 'transit-gateway'
  | 'tgw-attachment'
  | 'dx-gateway'
  | 'virtual-interface';

export interface ForwardHop {
  readonly element: string;
  readonly kind: HopKind;
  readonly place: string;
  /** Cumulative RTT from the start, ms. */
  readonly rttMs: number;
  /** The decision taken there, e.g. `route 192.168.0.0/16 -> vgw-phx`. */
  readonly action?: string;
  /** The route table that took it: a subnet's, or a Transit Gateway's (the trace diagram draws it). */
  readonly routeTable?: string;
}

/** What a hop records of the decision that led to it: its text, and the route table when one decided. */
type Decision = string | { readonly action: string; readonly routeTable: string };

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
  | 'no-attachment-subnet'
  | 'not-on-internet'
  | 'overlap'
  | 'placeholder';

/** Where and why a packet stopped. */
export interface ForwardStop {
  readonly element: string;
  readonly reason: StopReason;
  readonly message: string;
}

export interface ForwardResult {
  readonly delivered: boolean;
  readonly hops: readonly ForwardHop[];
  readonly rttMs: number;
  /** Where and why the packet died, when it did. */
  readonly stop?: ForwardStop;
  /** True when the packet left for the public internet (the destination is not in the estate). */
  readonly internet?: boolean;
  /**
   * The internet gateway the packet left AWS by, if it did: the source address was translated to
   * a public one there (or at a NAT gateway before it), so replies come back through it.
   */
  readonly internetGateway?: string;
}

const MAX_STEPS = 64;

/** The starting point of a packet. */
export type ForwardStart =
  | { readonly kind: 'subnet'; readonly id: string }
  | { readonly kind: 'site'; readonly id: string };

/** How a step of forwarding ended: every step returns one. */
type Exit = { readonly delivered: true } | { readonly delivered: false; readonly stop: ForwardStop };

const DELIVERED: Exit = { delivered: true };

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

/** One reusable forwarder per compiled network, for {@link forwardRttMs}. */
const reusable = new WeakMap<CompiledNetwork, Forwarder>();
/** One dense forwarder per compiled network, built on its first use. */
const denseForwarders = new WeakMap<CompiledNetwork, DenseForwarder>();

/**
 * The one-way RTT of a packet to `address` from `start`, or NaN when it is not delivered: the hot
 * path of all-pairs work. Allocates nothing: no hop list, no result, no message unless one is
 * needed to say why a packet stopped.
 */
export function forwardRttMs(compiled: CompiledNetwork, start: ForwardStart, address: number): number {
  const subnet = start.kind === 'subnet' ? compiled.subnetIndex.get(start.id) : undefined;
  return subnet === undefined
    ? forwardRttMsInFull(compiled, start, address)
    : forwardFromSubnetRttMs(compiled, subnet, address);
}

/**
 * {@link forwardRttMs} from the subnet of dense index `subnet` (its position in
 * `network.subnets`, as `compiled.subnetIndex` gives it): integer-indexed throughout
 * (`dense.ts`), the full forwarder only for a packet that meets what the dense path leaves out.
 */
export function forwardFromSubnetRttMs(compiled: CompiledNetwork, subnet: number, address: number): number {
  let dense = denseForwarders.get(compiled);
  if (!dense) {
    dense = new DenseForwarder(denseNetwork(compiled), compiled.owners);
    denseForwarders.set(compiled, dense);
  }
  const rtt = dense.rttMs(subnet, address);
  if (rtt !== UNHANDLED) return rtt;
  const id = compiled.subnetIds[subnet];
  if (id === undefined) throw new InternalError(`no subnet of index ${subnet}`);
  return forwardRttMsInFull(compiled, { kind: 'subnet', id }, address);
}

function forwardRttMsInFull(compiled: CompiledNetwork, start: ForwardStart, address: number): number {
  let forwarder = reusable.get(compiled);
  if (!forwarder) {
    forwarder = new Forwarder(compiled, address, false);
    reusable.set(compiled, forwarder);
  } else forwarder.reset(address);
  return forwarder.from(start).delivered ? forwarder.rttMs : Number.NaN;
}

/** The hop list of a forwarding that records none: never written to. */
const NO_HOPS: readonly ForwardHop[] = Object.freeze([]);

class Forwarder {
  private readonly network: Network;
  private readonly hops: ForwardHop[];
  private steps = 0;
  private place = '';
  private rtt = 0;
  private owner: AddressOwner | undefined;
  /** The subnet that holds the destination, if a subnet does (looked up once). */
  private target: Subnet | undefined;
  private internet = false;
  private internetGateway: string | undefined;
  private generation = 0;

  constructor(
    private readonly compiled: CompiledNetwork,
    private address: number,
    /** False: keep the RTT and the verdict only (no hop list, no decision text): the hot path. */
    private readonly record: boolean,
  ) {
    this.network = compiled.network;
    this.hops = record ? [] : (NO_HOPS as ForwardHop[]);
    this.reset(address);
  }

  /** Ready to forward a new packet (a reusable forwarder records no hops). */
  reset(address: number): void {
    this.address = address;
    this.steps = 0;
    this.place = '';
    this.rtt = 0;
    this.internet = false;
    this.internetGateway = undefined;
    this.generation = ++this.compiled.scratch.generation;
    this.owner = this.compiled.owners.lookup(address)?.value;
    this.target =
      this.owner?.kind === 'subnet' ? getOrThrow(this.network.subnets, this.owner.id, 'subnet') : undefined;
  }

  get rttMs(): number {
    return this.rtt;
  }

  /** The destination address as text: for messages only. */
  private get dst(): string {
    return formatIpv4(this.address);
  }

  run(start: ForwardStart): ForwardResult {
    const exit = this.from(start);
    return {
      delivered: exit.delivered,
      hops: this.hops,
      rttMs: this.rtt,
      ...(exit.delivered ? {} : { stop: exit.stop }),
      ...(this.internet ? { internet: true } : {}),
      ...(this.internetGateway !== undefined ? { internetGateway: this.internetGateway } : {}),
    };
  }

  from(start: ForwardStart): Exit {
    switch (start.kind) {
      case 'subnet': {
        const subnet = getOrThrow(this.network.subnets, start.id, 'subnet');
        this.place = subnet.zone;
        this.hop(subnet.id, 'subnet', subnet.zone, 'none');
        return this.ownerSubnet()?.id === subnet.id ? DELIVERED : this.fromSubnet(subnet);
      }
      case 'site':
        this.place = start.id;
        this.hop(start.id, 'site', start.id, 'none');
        return this.atPlaceholder(start.id) ?? this.fromSite(start.id);
      default:
        return assertNever(start, 'forwarding start');
    }
  }

  private cost(to: string, medium: Medium): number {
    if (medium === 'none' || to === this.place) return 0;
    const segments = this.compiled.segments;
    if (medium === 'aws') return segments.awsRttMs(this.place, to);
    if (medium === 'wan') return segments.wanRttMs(this.place, to);
    if (medium === 'internet') return segments.internetRttMs(this.place, to);
    return segments.linkRttMs(medium.link);
  }

  private hop(element: string, kind: HopKind, place: string, medium: Medium, decision?: Decision): void {
    this.rtt += this.cost(place, medium);
    this.place = place;
    this.steps++;
    if (!this.record) return;
    const decided = typeof decision === 'string' ? { action: decision } : (decision ?? {});
    this.hops.push({ element, kind, place, rttMs: this.rtt, ...decided });
  }

  private stopped(element: string, reason: StopReason, message: string): Exit {
    return { delivered: false, stop: { element, reason, message } };
  }

  /** The subnet that holds the destination, if a subnet does. */
  private ownerSubnet(): Subnet | undefined {
    return this.target;
  }

  /** The stop when `site` is a placeholder (its position is not known yet); undefined otherwise. */
  private atPlaceholder(site: string): Exit | undefined {
    if (!this.compiled.placeholderSites.has(site)) return undefined;
    const where = this.place === site ? `at '${site}'` : `at ${this.place}, before '${site}'`;
    return this.stopped(
      site,
      'placeholder',
      `the path to ${this.dst} stops ${where}: site '${site}' is a placeholder whose position is not known yet; give it a metro or location to trace beyond`,
    );
  }

  /**
   * Guards against routing loops: a decision point (a subnet's route table, a Transit Gateway route
   * table, a site's router) met twice by the same packet. Stamps, not sets: no allocation. The
   * loop's stop, or undefined when the packet may go on.
   */
  private enter(stamps: Uint32Array, index: number, element: string): Exit | undefined {
    if (stamps[index] === this.generation || this.steps > MAX_STEPS) {
      return this.stopped(
        element,
        'loop',
        `routing loop: the packet to ${this.dst} comes back to ${element}`,
      );
    }
    stamps[index] = this.generation;
    return undefined;
  }

  private fromSubnet(subnet: Subnet): Exit {
    const table = subnet.routeTable;
    const compiled = this.compiled;
    const routing = getOrThrow(compiled.subnetRouting, subnet.id, 'index of subnet');
    const loop = this.enter(compiled.scratch.subnetStamps, routing.index, table);
    if (loop) return loop;
    if (!routing.table) throw new InternalError(`route table '${table}' is missing`);
    const route = routing.table.lookup(this.address)?.value;
    if (!route) return this.stopped(table, 'no-route', `route table '${table}' has no route to ${this.dst}`);
    const action = this.record
      ? { action: `route ${route.via} -> ${route.target}`, routeTable: table }
      : undefined;
    switch (route.targetKind) {
      case 'blackhole':
        return this.stopped(
          table,
          'blackhole',
          `route table '${table}' drops ${this.dst}: ${route.via} is a blackhole route`,
        );
      case 'local': {
        const target = this.ownerSubnet();
        if (!target || target.vpc !== subnet.vpc) {
          return this.stopped(
            table,
            'no-subnet',
            `${this.dst} is inside VPC '${subnet.vpc}' but no subnet holds it`,
          );
        }
        return this.deliverInVpc(target, action);
      }
      case 'internet-gateway':
        return this.toInternet(route.target, subnet, table, action);
      case 'nat-gateway': {
        const nat = getOrThrow(this.network.natGateways, route.target, 'NAT gateway');
        const natSubnet = getOrThrow(this.network.subnets, nat.subnet, 'subnet');
        this.hop(route.target, 'nat-gateway', natSubnet.zone, 'aws', action);
        return this.fromSubnet(natSubnet);
      }
      case 'appliance': {
        const appliance = getOrThrow(this.network.appliances, route.target, 'appliance');
        const home = getOrThrow(this.network.subnets, appliance.subnet, 'subnet');
        this.hop(route.target, 'appliance', home.zone, 'aws', action);
        return this.fromSubnet(home);
      }
      case 'virtual-private-gateway':
        this.hop(route.target, 'virtual-private-gateway', this.place, 'none', action);
        return this.vgwToPremises(route.target, subnet.vpc);
      case 'transit-gateway': {
        const tgw = getOrThrow(this.network.transitGateways, route.target, 'Transit Gateway');
        const attachment = compiled.vpcAttachmentByTgw.get(route.target)?.get(subnet.vpc);
        if (!attachment)
          throw new InternalError(
            `Transit Gateway attachment (tgw|vpc) '${route.target}|${subnet.vpc}' is missing`,
          );
        const unattached = this.outsideAttachment(subnet, attachment);
        if (unattached) return unattached;
        this.hop(route.target, 'transit-gateway', tgw.region, 'aws', action);
        return this.tgwForward(tgw.id, attachment.id);
      }
      case 'peering': {
        const peering = getOrThrow(this.network.peerings, route.target, 'peering');
        const vpc = getOrThrow(this.network.vpcs, subnet.vpc, 'VPC');
        const other = peering.between[0] === subnet.vpc ? peering.between[1] : peering.between[0];
        const target = this.ownerSubnet();
        this.hop(route.target, 'peering', vpc.region, 'aws', action);
        if (!target || target.vpc !== other) {
          return this.stopped(
            route.target,
            'not-transitive',
            `peering '${route.target}' reaches VPC '${other}' only, and ${this.dst} is not in it (peering is not transitive)`,
          );
        }
        return this.deliverInVpc(target);
      }
      default:
        return assertNever(route.targetKind, 'route target kind');
    }
  }

  /**
   * Out through an internet gateway, which translates the private source address to a public one:
   * the internet routes public addresses only, so a private one (RFC 1918 and the like) is dropped
   * there; a public one outside the estate leaves for the internet; a public block of an on-prem
   * network arrives at its site over the internet, if the site is on it; a public block of a
   * subnet arrives through its VPC's internet gateway, over AWS's network.
   */
  private toInternet(igw: string, subnet: Subnet, table: string, action: Decision | undefined): Exit {
    const owner = this.owner;
    if (isPrivateIpv4(this.address)) {
      return this.stopped(
        igw,
        'private-to-internet',
        owner
          ? `${this.dst} is a private address of ${owner.id}, sent to internet gateway '${igw}' by ${table}`
          : `${this.dst} is a private address, sent to internet gateway '${igw}' by ${table}: the internet does not route it`,
      );
    }
    this.hop(igw, 'internet-gateway', subnet.zone, 'none', action);
    this.internetGateway = igw;
    if (!owner) {
      this.internet = true;
      return DELIVERED;
    }
    switch (owner.kind) {
      case 'on-prem': {
        const placeholder = this.atPlaceholder(owner.site);
        if (placeholder) return placeholder;
        const site = this.compiled.estate.sites.find((s) => s.id === owner.site);
        if (!site?.internet) {
          return this.stopped(
            owner.site,
            'not-on-internet',
            `${this.dst} is a public address of '${owner.id}' at site '${owner.site}', which is not on the internet (internet: false): nothing reaches it from internet gateway '${igw}'`,
          );
        }
        const over = this.record ? `over the internet to ${owner.cidr.text}` : undefined;
        this.hop(owner.site, 'site', owner.site, 'internet', over);
        return this.fromSite(owner.site);
      }
      case 'subnet': {
        const target = getOrThrow(this.network.subnets, owner.id, 'subnet');
        const targetIgw = this.compiled.igwOfVpc.get(target.vpc);
        if (targetIgw === undefined) {
          return this.stopped(
            target.id,
            'not-on-internet',
            `${this.dst} is a public address of subnet '${target.id}', but VPC '${target.vpc}' has no internet gateway to receive it`,
          );
        }
        const vpc = getOrThrow(this.network.vpcs, target.vpc, 'VPC');
        this.hop(targetIgw, 'internet-gateway', vpc.region, 'aws');
        this.hop(target.id, 'subnet', target.zone, 'aws');
        return DELIVERED;
      }
      default:
        return assertNever(owner, 'address owner');
    }
  }

  /**
   * The stop when `subnet` cannot reach the Transit Gateway of `attachment`: no attachment subnet in
   * its AZ, or for a Local Zone in its parent zone; undefined when it can.
   */
  private outsideAttachment(subnet: Subnet, attachment: VpcAttachment): Exit | undefined {
    const { zone, reached, zones } = attachmentReach(this.compiled, subnet, attachment);
    if (reached || zone === undefined) return undefined;
    const where =
      subnet.zoneKind === 'local-zone'
        ? `subnet '${subnet.id}' is in Local Zone ${subnet.zone}, whose parent zone is ${zone}, and attachment '${attachment.id}'`
        : `attachment '${attachment.id}'`;
    return this.stopped(
      attachment.id,
      'no-attachment-subnet',
      `${where} of Transit Gateway '${attachment.transitGateway}' has no subnet in ${zone} (only in ${[...zones].join(', ')}): from ${subnet.id} the packet to ${this.dst} cannot reach the Transit Gateway; add a subnet of VPC '${attachment.vpc}' in ${zone} to the attachment`,
    );
  }

  /** Into a subnet of the VPC (the destination's): through the region when the zones differ. */
  private deliverInVpc(target: Subnet, action?: Decision): Exit {
    if (target.zone !== this.place) {
      const vpc = getOrThrow(this.network.vpcs, target.vpc, 'VPC');
      this.hop(vpc.id, 'vpc', vpc.region, 'aws', action);
      this.hop(target.id, 'subnet', target.zone, 'aws');
    } else this.hop(target.id, 'subnet', target.zone, 'aws', action);
    return DELIVERED;
  }

  /** From a VGW towards on-prem: only what on-prem advertises over the VGW's VIFs. */
  private vgwToPremises(vgw: string, vpc: string): Exit {
    const candidates = getOrThrow(this.compiled.vgwToPremises, vgw, 'virtual private gateway').lookup(
      this.address,
    );
    if (candidates) {
      const vif = this.closestVif(candidates.value);
      return this.toPremisesOver(vif, this.record ? `on-prem advertises ${candidates.cidr.text}` : undefined);
    }
    const dxgw = this.compiled.dxgwOfVgw.get(vgw);
    const target = this.ownerSubnet();
    const targetVgw = target ? this.compiled.vgwOfVpc.get(target.vpc) : undefined;
    if (
      dxgw &&
      target &&
      target.vpc !== vpc &&
      targetVgw &&
      this.compiled.dxgwOfVgw.get(targetVgw) === dxgw
    ) {
      return this.stopped(
        vgw,
        'dx-gateway-transit',
        `DX gateway '${dxgw}' does not carry traffic between VPC '${vpc}' and VPC '${target.vpc}', not even hairpinned through on-prem, unless on-prem advertises a prefix covering ${this.dst} over the virtual interface`,
      );
    }
    return this.stopped(
      vgw,
      'no-route',
      `virtual private gateway '${vgw}' has no route to ${this.dst}: on-prem does not advertise it over any of its virtual interfaces`,
    );
  }

  /** Among equally specific VIFs, AWS is modelled to leave at the DX location nearest the packet. */
  private closestVif(vifs: readonly VirtualInterface[]): VirtualInterface {
    let best: VirtualInterface | undefined;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const vif of vifs) {
      const c = this.compiled.segments.awsRttMs(this.place, vif.location);
      if (!best || c < bestCost || (c === bestCost && vif.id < best.id)) {
        best = vif;
        bestCost = c;
      }
    }
    if (!best) throw new InternalError(`an empty list of virtual interfaces for ${this.dst}`);
    return best;
  }

  private toPremisesOver(vif: VirtualInterface, action: string | undefined): Exit {
    if (vif.dxGateway !== undefined) this.hop(vif.dxGateway, 'dx-gateway', vif.location, 'aws');
    this.hop(vif.id, 'virtual-interface', vif.location, vif.dxGateway !== undefined ? 'none' : 'aws', action);
    const placeholder = this.atPlaceholder(vif.site);
    if (placeholder) return placeholder;
    this.hop(vif.site, 'site', vif.site, { link: vif.connection });
    return this.fromSite(vif.site);
  }

  private fromSite(site: string): Exit {
    if (this.owner?.kind === 'on-prem' && this.owner.site === site) {
      this.hop(this.owner.id, 'on-prem', site, 'none');
      return DELIVERED;
    }
    const compiled = this.compiled;
    const index = getOrThrow(compiled.siteIndex, site, 'index of site');
    const loop = this.enter(compiled.scratch.siteStamps, index, site);
    if (loop) return loop;
    const entry = getOrThrow(compiled.siteRoutes, site, 'router of site').lookup(this.address);
    if (!entry) return this.stopped(site, 'no-route', `the router at '${site}' has no route to ${this.dst}`);
    const route = this.bestSiteRoute(site, entry.value);
    const action = this.record ? `${route.origin} route ${entry.cidr.text} -> ${route.nextHop}` : undefined;
    switch (route.nextHopKind) {
      case 'virtual-interface': {
        const vif = getOrThrow(this.network.virtualInterfaces, route.nextHop, 'virtual interface');
        this.hop(vif.id, 'virtual-interface', vif.location, { link: vif.connection }, action);
        return this.vifToAws(vif);
      }
      case 'link': {
        const link = compiled.estate.links.find((l) => l.id === route.nextHop);
        if (!link)
          throw new InternalError(`no link '${route.nextHop}', though the router at '${site}' names it`);
        const other = link.between[0] === site ? link.between[1] : link.between[0];
        if (link.kind === 'direct-connect') {
          return this.stopped(
            site,
            'no-vif',
            `link '${link.id}' is a Direct Connect circuit: traffic crosses it on a virtual interface; route to the VIF instead`,
          );
        }
        const placeholder = this.atPlaceholder(other);
        if (placeholder) return placeholder;
        this.hop(other, 'site', other, { link: link.id }, action);
        return this.fromSite(other);
      }
      case 'site': {
        const placeholder = this.atPlaceholder(route.nextHop);
        if (placeholder) return placeholder;
        this.hop(route.nextHop, 'site', route.nextHop, 'wan', action);
        return this.fromSite(route.nextHop);
      }
      case 'on-prem':
        // The site's own block covers the address, which a more specific network elsewhere holds.
        return this.stopped(
          site,
          'overlap',
          `the router at '${site}' keeps ${this.dst} in its own network '${route.nextHop}' (${entry.cidr.text}), but ${this.dst} belongs to '${this.owner?.id ?? 'nothing in the estate'}': the two overlap`,
        );
      default:
        return assertNever(route.nextHopKind, 'next hop kind');
    }
  }

  /** The first tier (origin and preference) wins; within it, the soonest to the destination. */
  private bestSiteRoute(site: string, routes: readonly SiteRoute[]): SiteRoute {
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
    switch (route.nextHopKind) {
      case 'virtual-interface': {
        const vif = getOrThrow(this.network.virtualInterfaces, route.nextHop, 'virtual interface');
        const destination = this.owner?.kind === 'subnet' ? this.owner.place : undefined;
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

  /** From on-prem into AWS over a VIF. */
  private vifToAws(vif: VirtualInterface): Exit {
    if (vif.vgw !== undefined) {
      const vgw = getOrThrow(this.network.virtualPrivateGateways, vif.vgw, 'virtual private gateway');
      this.hop(vgw.id, 'virtual-private-gateway', vif.location, 'none');
      return this.deliverFromGateway(vgw.vpc, vgw.id);
    }
    const dxgw = vif.dxGateway;
    this.hop(dxgw, 'dx-gateway', vif.location, 'none');
    const gateways = getOrThrow(this.compiled.dxgwToAws, dxgw, 'DX gateway').lookup(this.address);
    const wanted = vif.type === 'transit' ? 'transit-gateway' : 'virtual-private-gateway';
    const choices = (gateways?.value ?? []).filter((g) => this.network.kinds.get(g) === wanted);
    const [first] = choices;
    if (first === undefined) {
      return this.stopped(
        dxgw,
        'no-route',
        `DX gateway '${dxgw}' has no ${vif.type === 'transit' ? 'Transit Gateway' : 'VGW'} association whose allowed prefixes cover ${this.dst}`,
      );
    }
    if (vif.type === 'transit') {
      const tgw = getOrThrow(this.network.transitGateways, first, 'Transit Gateway');
      const attachment = getOrThrow(
        this.compiled.tgwDxAttachment,
        `${first}|${dxgw}`,
        'Transit Gateway attachment (tgw|dx gateway)',
      );
      this.hop(tgw.id, 'transit-gateway', tgw.region, 'aws');
      return this.tgwForward(tgw.id, attachment.id);
    }
    const target = this.ownerSubnet();
    const vgwOf = (id: string) =>
      getOrThrow(this.network.virtualPrivateGateways, id, 'virtual private gateway');
    const vgw = vgwOf(choices.find((g) => target && vgwOf(g).vpc === target.vpc) ?? first);
    this.hop(vgw.id, 'virtual-private-gateway', this.place, 'none');
    return this.deliverFromGateway(vgw.vpc, vgw.id);
  }

  /** A gateway hands the packet into its VPC: delivered if a subnet holds the address. */
  private deliverFromGateway(vpc: string, gateway: string): Exit {
    const target = this.ownerSubnet();
    if (!target || target.vpc !== vpc) {
      return this.stopped(gateway, 'no-subnet', `${this.dst} is not in VPC '${vpc}' behind '${gateway}'`);
    }
    this.hop(target.id, 'subnet', target.zone, 'aws');
    return DELIVERED;
  }

  private tgwForward(tgwId: string, ingress: string): Exit {
    const compiled = this.compiled;
    const routing = getOrThrow(compiled.tgwAttachmentRouting, ingress, 'Transit Gateway attachment');
    const table = routing.attachment.routeTable;
    if (!table) {
      return this.stopped(
        tgwId,
        'not-associated',
        `attachment '${ingress}' of '${tgwId}' is not associated with a route table: its traffic is dropped`,
      );
    }
    if (routing.tableIndex < 0 || !routing.table)
      throw new InternalError(`Transit Gateway route table '${table}' is missing`);
    const loop = this.enter(compiled.scratch.tgwTableStamps, routing.tableIndex, table);
    if (loop) return loop;
    const route = routing.table.lookup(this.address)?.value;
    if (!route) {
      return this.stopped(
        table,
        'no-route',
        `Transit Gateway route table '${table}' has no route to ${this.dst}`,
      );
    }
    if (route.target === 'blackhole') {
      return this.stopped(
        table,
        'blackhole',
        `Transit Gateway route table '${table}' drops ${this.dst} (${route.destination.text} is a blackhole route)`,
      );
    }
    const action = this.record
      ? { action: `${route.origin} route ${route.destination.text} -> ${route.target}`, routeTable: table }
      : undefined;
    const target = getOrThrow(this.network.tgwAttachments, route.target, 'Transit Gateway attachment');
    switch (target.kind) {
      case 'vpc': {
        const subnet = this.ownerSubnet();
        this.hop(target.id, 'tgw-attachment', this.place, 'none', action);
        if (subnet && subnet.vpc === target.vpc) {
          this.hop(subnet.id, 'subnet', subnet.zone, 'aws');
          return DELIVERED;
        }
        // Not in the attached VPC: the attachment subnet's route table decides (inspection VPCs).
        const via = this.network.subnets.get(target.subnets[0] ?? '');
        if (!via) {
          return this.stopped(
            target.id,
            'no-subnet',
            `${this.dst} is not in VPC '${target.vpc}' and attachment '${target.id}' has no subnet to route from`,
          );
        }
        this.hop(via.id, 'subnet', via.zone, 'aws');
        return this.fromSubnet(via);
      }
      case 'dx-gateway': {
        const vifs = getOrThrow(compiled.dxgwTransitToPremises, target.dxGateway, 'DX gateway').lookup(
          this.address,
        );
        this.hop(target.id, 'tgw-attachment', this.place, 'none', action);
        if (!vifs) {
          return this.stopped(
            target.dxGateway,
            'no-route',
            `no transit virtual interface on DX gateway '${target.dxGateway}' carries ${this.dst}: on-prem does not advertise it`,
          );
        }
        return this.toPremisesOver(
          this.closestVif(vifs.value),
          this.record ? `on-prem advertises ${vifs.cidr.text}` : undefined,
        );
      }
      case 'peering': {
        const peer = this.network.transitGateways.get(target.peer);
        const back = compiled.tgwPeerAttachment.get(`${target.peer}|${tgwId}`);
        this.hop(target.id, 'tgw-attachment', this.place, 'none', action);
        if (!peer || !back) {
          return this.stopped(
            target.id,
            'no-route',
            `peer '${target.peer}' has no peering attachment back to '${tgwId}'`,
          );
        }
        this.hop(peer.id, 'transit-gateway', peer.region, 'aws');
        return this.tgwForward(peer.id, back.id);
      }
      default:
        return assertNever(target, 'Transit Gateway attachment');
    }
  }
}
