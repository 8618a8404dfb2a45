/**
 * The integer-indexed hot path of forwarding, for all-pairs work ({@link forwardRttMs}): subnets,
 * route tables, Transit Gateways, their attachments and route tables, and the places hops land on
 * as dense ids; routes as typed arrays of kinds and targets; AWS RTTs between the places used as
 * one matrix. A trace reads typed arrays only: no strings, no objects, no messages.
 *
 * Its network is built by `dense-build.ts`. It follows the same AWS rules as `forward.ts` (the rules and their sources are in that file's
 * header: the `local` route through the region between zones, a Transit Gateway reached only from
 * an AZ of its VPC attachment's subnets (or a Local Zone's parent zone), delivery into a VPC
 * attachment, Transit Gateway peering), adding the same RTTs in the same order, so that its figure
 * is the forwarder's to the bit. Whatever else a packet meets (an internet, NAT or virtual private
 * gateway, an appliance, VPC peering, Direct Connect, a start at a site) it hands back as
 * `UNHANDLED`, and the caller runs the full forwarder on that packet instead.
 */
import {
  ATTACH_PEERING,
  ATTACH_VPC,
  BLACKHOLE,
  type DenseNetwork,
  LOCAL,
  MASKS,
  NEED_ZONE,
  OTHER,
  SCAN_FIELDS,
  SCAN_SHIFT,
  SCAN_TRIE,
  SUBNET_FIELDS,
  TABLE,
  TRANSIT,
  VPC,
  ZONE,
} from './dense-build.js';
import type { LpmTable } from './lpm.js';
import type { Route, TgwRoute } from './spec/index.js';

export { type DenseNetwork, denseNetwork } from './dense-build.js';

/** The packet met something the dense path does not model: run the full forwarder. */
export const UNHANDLED = -1;

/** As the forwarder: a decision point met after this many hops is a loop. */
const MAX_STEPS = 64;

/**
 * Forwards packets on a dense network: the RTT of one from a subnet to an address, NaN when the
 * forwarder would stop it, or {@link UNHANDLED}. One per compiled network (single-threaded).
 */
export class DenseForwarder {
  // The RTT and the address start as doubles (NaN until a packet sets them): a field that starts as a
  // small integer changes the forwarder's hidden class when a double is first stored, and code
  // optimised for one forwarder then deoptimises on the next network's.
  private rtt = Number.NaN;
  private place = 0;
  private steps = 0;
  private address = Number.NaN;
  /** The subnet that holds the destination, -1 when none does. */
  private target = -1;
  /**
   * The decision points this packet met (subnets' route tables by subnet, Transit Gateway route
   * tables after them): a loop meets one twice. A short list, not a stamp per element: a packet
   * meets a few, and a list stays in one cache line where stamps would touch one per element.
   */
  private readonly visited = new Int32Array(2 * MAX_STEPS + 4);
  private visits = 0;

  constructor(
    private readonly dense: DenseNetwork,
    private readonly owners: LpmTable<unknown>,
  ) {}

  /** One-way RTT from subnet `source` (its dense id) to `address`. */
  rttMs(source: number, address: number): number {
    const d = this.dense;
    const owner = this.owners.lookupIndex(address);
    this.target = owner < d.subnetCount ? owner : -1;
    this.address = address;
    this.rtt = 0;
    this.place = d.subnets[source * SUBNET_FIELDS + ZONE] as number;
    this.steps = 1;
    this.visits = 0;
    return this.target === source ? 0 : this.fromSubnet(source);
  }

  /** Moves the packet to `place` over AWS's network (nothing when it is there already). */
  private hop(place: number): void {
    if (place !== this.place) this.rtt += this.dense.awsRtt[this.place * this.dense.places + place] as number;
    this.place = place;
    this.steps++;
  }

  /** Records a visit to a decision point; false when the packet has been there (a loop) or wandered too long. */
  private enter(point: number): boolean {
    if (this.steps > MAX_STEPS) return false;
    const visited = this.visited;
    for (let k = 0; k < this.visits; k++) if (visited[k] === point) return false;
    visited[this.visits++] = point;
    return true;
  }

  /** The route of a large (trie) table for the address: its index into `routeKind`, or -1. */
  private trieRoute(table: number): number {
    const d = this.dense;
    const index = (d.tables[table] as LpmTable<Route>).lookupIndex(this.address);
    return index < 0 ? -1 : (d.tableOffset[table] as number) + index;
  }

  private fromSubnet(subnet: number): number {
    const d = this.dense;
    if (!this.enter(subnet)) return Number.NaN;
    const fields = subnet * SUBNET_FIELDS;
    const table = d.subnets[fields + TABLE] as number;
    if (table < 0) return UNHANDLED;
    let kind = OTHER;
    let target = -1;
    const at = d.tableScan[table] as number;
    const count = at & SCAN_TRIE;
    if (count !== SCAN_TRIE) {
      // A small table: its records, longest prefix first.
      const scan = d.scan;
      const address = this.address;
      let r = (at >> SCAN_SHIFT) * SCAN_FIELDS;
      const end = r + count * SCAN_FIELDS;
      let packed = 0;
      for (; r < end; r += SCAN_FIELDS) {
        packed = scan[r + 1] as number;
        if ((address & (MASKS[packed & 63] as number)) === scan[r]) break;
      }
      if (r === end) return Number.NaN;
      kind = (packed >> 6) & 3;
      target = (packed >>> 8) - 1;
    } else {
      const route = this.trieRoute(table);
      if (route < 0) return Number.NaN;
      kind = d.routeKind[route] as number;
      target = d.routeTarget[route] as number;
    }
    const vpc = d.subnets[fields + VPC] as number;
    switch (kind) {
      case LOCAL:
        return this.deliverInVpc(vpc);
      case BLACKHOLE:
        return Number.NaN;
      case TRANSIT: {
        const attachment = target < 0 ? -1 : (d.tgwVpcAttachment[target * d.vpcCount + vpc] as number);
        if (attachment < 0) return UNHANDLED;
        const need = d.subnets[fields + NEED_ZONE] as number;
        if (
          need >= 0 &&
          d.attachAnyZone[attachment] === 0 &&
          d.attachZone[attachment * d.places + need] === 0
        )
          return Number.NaN;
        this.hop(d.tgwRegion[target] as number);
        return this.fromTgw(attachment);
      }
      default:
        return UNHANDLED;
    }
  }

  /** The `local` route: into the destination subnet if it is in `vpc`, through the region when the zones differ. */
  private deliverInVpc(vpc: number): number {
    const d = this.dense;
    const target = this.target;
    if (target < 0 || d.subnets[target * SUBNET_FIELDS + VPC] !== vpc) return Number.NaN;
    const zone = d.subnets[target * SUBNET_FIELDS + ZONE] as number;
    if (zone !== this.place) this.hop(d.vpcRegion[vpc] as number);
    this.hop(zone);
    return this.rtt;
  }

  /** Into a Transit Gateway by attachment `ingress`: its route table decides. */
  private fromTgw(ingress: number): number {
    const d = this.dense;
    const table = d.attachTable[ingress] as number;
    if (table === -1) return Number.NaN;
    if (table < 0) return UNHANDLED;
    if (!this.enter(d.subnetCount + table)) return Number.NaN;
    const index = (d.tgwTables[table] as LpmTable<TgwRoute>).lookupIndex(this.address);
    if (index < 0) return Number.NaN;
    const out = d.tgwRouteTarget[(d.tgwTableOffset[table] as number) + index] as number;
    if (out === -1) return Number.NaN;
    if (out < 0) return UNHANDLED;
    switch (d.attachKind[out]) {
      case ATTACH_VPC: {
        this.steps++;
        const target = this.target;
        if (target >= 0 && d.subnets[target * SUBNET_FIELDS + VPC] === d.attachVpc[out]) {
          this.hop(d.subnets[target * SUBNET_FIELDS + ZONE] as number);
          return this.rtt;
        }
        // Not in the attached VPC: the attachment subnet's route table decides (inspection VPCs).
        const via = d.attachVia[out] as number;
        if (via < 0) return Number.NaN;
        this.hop(d.subnets[via * SUBNET_FIELDS + ZONE] as number);
        return this.fromSubnet(via);
      }
      case ATTACH_PEERING: {
        this.steps++;
        const back = d.attachBack[out] as number;
        if (back < 0) return Number.NaN;
        this.hop(d.attachPeerRegion[out] as number);
        return this.fromTgw(back);
      }
      default:
        return UNHANDLED;
    }
  }
}
