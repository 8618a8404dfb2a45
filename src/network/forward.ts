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
 * Each rule is applied, and cites its source, in the file of the step that meets it, one file per
 * kind of element the packet reaches: a subnet's route table (`forward-subnet.ts`), an internet
 * gateway (`forward-internet.ts`), a VGW, DX gateway or virtual interface
 * (`forward-direct-connect.ts`), a site's router (`forward-site.ts`), a Transit Gateway
 * (`forward-tgw.ts`); the packet's state and the moves every step makes (a hop, a stop, the loop
 * guard, the placeholder stop) are `forward-state.ts`. The steps call one another (a Transit
 * Gateway hands a packet to a subnet's route table, which may send it to a Transit Gateway again),
 * so their modules import one another's functions: plain function declarations, nothing run at load.
 *
 * This file starts a packet: from a subnet or a site, to a full result with its hops, or to its
 * RTT alone (the hot path of all-pairs work).
 */

import { assertNever, getOrThrow, InternalError } from '../errors.js';
import type { CompiledNetwork } from './compile.js';
import { DenseForwarder, denseNetwork, UNHANDLED } from './dense.js';
import { fromSite } from './forward-site.js';
import { DELIVERED, type Exit, Forwarder } from './forward-state.js';
import { fromSubnet } from './forward-subnet.js';

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
  return run(new Forwarder(compiled, address, options.record !== false), start);
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
  return forwardFrom(forwarder, start).delivered ? forwarder.rttMs : Number.NaN;
}

/** The result of forwarding from `start`: how it ended, with the hops when recorded. */
function run(f: Forwarder, start: ForwardStart): ForwardResult {
  const exit = forwardFrom(f, start);
  return {
    delivered: exit.delivered,
    hops: f.hops,
    rttMs: f.rttMs,
    ...(exit.delivered ? {} : { stop: exit.stop }),
    ...(f.internet ? { internet: true } : {}),
    ...(f.internetGateway !== undefined ? { internetGateway: f.internetGateway } : {}),
  };
}

/** The packet's first hop, at its start, and the steps from there. */
function forwardFrom(f: Forwarder, start: ForwardStart): Exit {
  switch (start.kind) {
    case 'subnet': {
      const subnet = getOrThrow(f.network.subnets, start.id, 'subnet');
      f.place = subnet.zone;
      f.hop(subnet.id, 'subnet', subnet.zone, 'none');
      return f.ownerSubnet()?.id === subnet.id ? DELIVERED : fromSubnet(f, subnet);
    }
    case 'site':
      f.place = start.id;
      f.hop(start.id, 'site', start.id, 'none');
      return f.atPlaceholder(start.id) ?? fromSite(f, start.id);
    default:
      return assertNever(start, 'forwarding start');
  }
}
