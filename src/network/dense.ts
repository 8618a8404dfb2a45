/**
 * The integer-indexed hot path of forwarding, for all-pairs work ({@link forwardRttMs}): subnets,
 * route tables, Transit Gateways, their attachments and route tables, and the places hops land on
 * as dense ids; routes as typed arrays of kinds and targets; AWS RTTs between the places used as
 * one matrix. A trace reads typed arrays only: no strings, no objects, no messages.
 *
 * It follows the same AWS rules as `forward.ts` (the rules and their sources are in that file's
 * header: the `local` route through the region between zones, a Transit Gateway reached only from
 * an AZ of its VPC attachment's subnets (or a Local Zone's parent zone), delivery into a VPC
 * attachment, Transit Gateway peering), adding the same RTTs in the same order, so that its figure
 * is the forwarder's to the bit. Whatever else a packet meets (an internet, NAT or virtual private
 * gateway, an appliance, VPC peering, Direct Connect, a start at a site) it hands back as
 * `UNHANDLED`, and the caller runs the full forwarder on that packet instead.
 */
import { getLocalZone } from '../catalog/index.js';
import { getOrThrow } from '../errors.js';
import type { CompiledNetwork } from './compile.js';
import type { LpmTable } from './lpm.js';
import type { Route, TgwRoute } from './spec/index.js';

/** The packet met something the dense path does not model: run the full forwarder. */
export const UNHANDLED = -1;

/** As the forwarder: a decision point met after this many hops is a loop. */
const MAX_STEPS = 64;

/** Route kinds of the dense path (anything else is OTHER: unhandled). */
const LOCAL = 1;
const BLACKHOLE = 2;
const TRANSIT = 3;
const OTHER = 0;
/** Transit Gateway attachment kinds. */
const ATTACH_VPC = 1;
const ATTACH_PEERING = 2;

/** The dense form of a compiled network. */
export interface DenseNetwork {
  /** Places (zones, regions) by id, and AWS RTTs between them at `i * places + j`. */
  readonly places: number;
  readonly awsRtt: Float64Array;
  /**
   * Per subnet (in `network.subnets` order, the owners table's first entries), its fields side by
   * side at `subnet * SUBNET_FIELDS`: VPC, zone, route table, and the zone where a Transit Gateway
   * attachment must have a subnet for this one (-1: any).
   */
  readonly subnets: Ids16;
  readonly subnetCount: number;
  readonly vpcRegion: Int32Array;
  readonly vpcCount: number;
  /**
   * VPC route tables. A small one (most) is scanned: at `table`, the first of its records in `scan`
   * times 32 plus how many (`SCAN_TRIE`: a large table); each record (`SCAN_FIELDS` integers: the
   * base, and the prefix length, route kind and target packed by {@link packRoute}) is a distinct
   * prefix, longest first, so that a lookup reads a cache line or two. A large one is looked up in
   * its compiled table (`tables`), its routes' kinds and targets from `tableOffset`.
   */
  readonly tableScan: Int32Array;
  readonly scan: Int32Array;
  readonly tables: readonly LpmTable<Route>[];
  readonly tableOffset: Int32Array;
  readonly routeKind: Uint8Array;
  readonly routeTarget: Int32Array;
  /** Per Transit Gateway: its region; per (tgw, vpc) at `tgw * vpcCount + vpc`, the VPC attachment or -1. */
  readonly tgwRegion: Int32Array;
  readonly tgwVpcAttachment: Ids16;
  /** Per attachment: kind, route table (-1: none), VPC (vpc kind), peer's region and back attachment. */
  readonly attachKind: Uint8Array;
  readonly attachTable: Ids16;
  readonly attachVpc: Ids16;
  readonly attachPeerRegion: Ids16;
  readonly attachBack: Ids16;
  /** The first attachment subnet (vpc kind), -1 when none. */
  readonly attachVia: Ids16;
  /** 1 when the attachment lists no subnets (reaches from every zone). */
  readonly attachAnyZone: Uint8Array;
  /** Per (attachment, place) at `a * places + p`: 1 when the attachment has a subnet in that zone. */
  readonly attachZone: Uint8Array;
  /** Transit Gateway route tables; per table, the offset of its routes' targets (-1: blackhole). */
  readonly tgwTables: readonly LpmTable<TgwRoute>[];
  readonly tgwTableOffset: Int32Array;
  readonly tgwRouteTarget: Ids16;
}

/**
 * Dense ids, 16-bit when every one fits (the estates this path is for: half the bytes, so more of
 * a 20,000-subnet network's tables stay in the core's cache), else 32-bit.
 */
type Ids16 = Int16Array | Int32Array;

/** `values` as 16-bit integers when they all fit, else 32-bit. */
function narrow(values: ArrayLike<number>): Ids16 {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < -32_768 || v > 32_767) return Int32Array.from(values);
  }
  return Int16Array.from(values);
}

/** Fields per subnet in `DenseNetwork.subnets`. */
const SUBNET_FIELDS = 4;
const VPC = 0;
const ZONE = 1;
const TABLE = 2;
const NEED_ZONE = 3;
/** Integers per record of a scanned route table, and the most distinct prefixes scanned. */
const SCAN_FIELDS = 2;
const SCAN_LIMIT = 16;
/** `tableScan`'s count for a table looked up in its trie; the first record is `tableScan >> SCAN_SHIFT`. */
const SCAN_TRIE = 31;
const SCAN_SHIFT = 5;
/** The mask of each prefix length, as a signed 32-bit integer (what `&` gives). */
const MASKS = Int32Array.from({ length: 33 }, (_, length) =>
  length === 0 ? 0 : (0xffffffff << (32 - length)) | 0,
);
/** The largest route target a packed record holds (a Transit Gateway's id); a larger one is OTHER. */
const MAX_PACKED_TARGET = (1 << 22) - 2;

/**
 * A scanned record's prefix length (bits 0-5), route kind (6-7) and target + 1 (8-31) as one
 * integer; a target beyond what fits makes the route OTHER (the full forwarder decides it).
 */
function packRoute(length: number, kind: number, target: number): number {
  const fits = target <= MAX_PACKED_TARGET;
  return length | ((fits ? kind : OTHER) << 6) | ((fits ? target + 1 : 0) << 8);
}

/** Interns strings as dense ids. */
class Ids {
  readonly of = new Map<string, number>();
  readonly names: string[] = [];
  id(name: string): number {
    let id = this.of.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.of.set(name, id);
    }
    return id;
  }
}

const ROUTE_KIND: Partial<Record<Route['targetKind'], number>> = {
  local: LOCAL,
  blackhole: BLACKHOLE,
  'transit-gateway': TRANSIT,
};

/** Builds the dense form of a compiled network (once per network: see `forwardRttMs`). */
export function denseNetwork(compiled: CompiledNetwork): DenseNetwork {
  const network = compiled.network;
  const places = new Ids();
  const index = (map: ReadonlyMap<string, unknown>) => new Map([...map.keys()].map((id, i) => [id, i]));
  const vpcOf = index(network.vpcs);
  const tgwOf = index(network.transitGateways);
  const attachOf = index(network.tgwAttachments);
  const subnetOf = compiled.subnetIndex;
  const subnets = [...network.subnets.values()];
  const tableIds = [...network.routeTables.keys()];
  const tableOf = new Map(tableIds.map((id, i) => [id, i]));
  const subnetFields = subnets.flatMap((s) => {
    const need = s.zoneKind === 'local-zone' ? getLocalZone(s.zone)?.parentAzId : s.zone;
    return [
      vpcOf.get(s.vpc) ?? -1,
      places.id(s.zone),
      tableOf.get(s.routeTable) ?? -1,
      need === undefined ? -1 : places.id(need),
    ];
  });
  const routes = denseRoutes(compiled, tableIds, tgwOf);
  const { zoneLists, ...attachments } = denseAttachments(compiled, {
    places,
    vpcOf,
    tgwOf,
    attachOf,
    subnetOf,
  });
  const tgwTables = [...network.tgwRouteTables.keys()].map((id) =>
    getOrThrow(compiled.tgwRouteTables, id, 'compiled Transit Gateway route table'),
  );
  const tgwTableOffset = new Int32Array(tgwTables.length + 1);
  const tgwTargets: number[] = [];
  [...network.tgwRouteTables.values()].forEach((table, t) => {
    tgwTableOffset[t] = tgwTargets.length;
    // -1: a blackhole; -2: an attachment resolution should have refused (the forwarder says so).
    for (const r of table.routes)
      tgwTargets.push(r.target === 'blackhole' ? -1 : (attachOf.get(r.target) ?? -2));
  });
  tgwTableOffset[tgwTables.length] = tgwTargets.length;
  // Regions are places too: every place is interned before the matrix is sized.
  const vpcRegion = Int32Array.from(network.vpcs.values(), (v) => places.id(v.region));
  const tgwRegion = Int32Array.from(network.transitGateways.values(), (g) => places.id(g.region));
  const n = places.names.length;
  const awsRtt = new Float64Array(n * n);
  places.names.forEach((a, i) => {
    places.names.forEach((b, j) => {
      awsRtt[i * n + j] = compiled.segments.awsRttMs(a, b);
    });
  });
  // Zones are known once attachments are: the zone table is sized by the places in the end.
  const attachZone = new Uint8Array(attachments.attachKind.length * n);
  for (const [a, zones] of zoneLists) for (const p of zones) attachZone[a * n + p] = 1;
  // Every field named, in one order, no spread: every dense network then has the same hidden class,
  // so the hot path's property reads stay monomorphic when a process traces on several networks
  // (spread objects got a class each: a second network made the forwarder's code polymorphic,
  // 1.3-1.8x slower per trace for the rest of the process).
  return {
    places: n,
    awsRtt,
    subnets: narrow(subnetFields),
    subnetCount: subnets.length,
    vpcRegion,
    vpcCount: vpcOf.size,
    tableScan: routes.tableScan,
    scan: routes.scan,
    tables: routes.tables,
    tableOffset: routes.tableOffset,
    routeKind: routes.routeKind,
    routeTarget: routes.routeTarget,
    tgwRegion,
    tgwVpcAttachment: attachments.tgwVpcAttachment,
    attachKind: attachments.attachKind,
    attachTable: attachments.attachTable,
    attachVpc: attachments.attachVpc,
    attachPeerRegion: attachments.attachPeerRegion,
    attachBack: attachments.attachBack,
    attachVia: attachments.attachVia,
    attachAnyZone: attachments.attachAnyZone,
    attachZone,
    tgwTables,
    tgwTableOffset,
    tgwRouteTarget: narrow(tgwTargets),
  };
}

/**
 * VPC route tables as typed arrays: small ones as scan records, every route's kind and target. The
 * scan follows `LpmTable`'s: the first route of a prefix wins, then the longest prefix.
 */
function denseRoutes(
  compiled: CompiledNetwork,
  tableIds: readonly string[],
  tgwOf: ReadonlyMap<string, number>,
): Pick<DenseNetwork, 'tableScan' | 'scan' | 'tables' | 'tableOffset' | 'routeKind' | 'routeTarget'> {
  const tables: LpmTable<Route>[] = [];
  const tableOffset = new Int32Array(tableIds.length + 1);
  const tableScan = new Int32Array(tableIds.length);
  const scan: number[] = [];
  const kinds: number[] = [];
  const targets: number[] = [];
  tableIds.forEach((id, t) => {
    const table = getOrThrow(compiled.routeTables, id, 'compiled route table');
    tables.push(table);
    tableOffset[t] = kinds.length;
    for (const { value: route } of table.entries) {
      kinds.push(ROUTE_KIND[route.targetKind] ?? OTHER);
      targets.push(route.targetKind === 'transit-gateway' ? (tgwOf.get(route.target) ?? -1) : -1);
    }
    const seen = new Set<string>();
    const distinct = table.entries.flatMap(({ cidr }, index) => {
      const key = `${cidr.base >>> 0}/${cidr.length}`;
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ cidr, index }];
    });
    // A table past the scan limit, or whose records start past what the packed start holds: the trie.
    if (distinct.length > SCAN_LIMIT || scan.length / SCAN_FIELDS >= 2 ** (31 - SCAN_SHIFT)) {
      tableScan[t] = SCAN_TRIE;
      return;
    }
    distinct.sort((a, b) => b.cidr.length - a.cidr.length || a.index - b.index);
    tableScan[t] = ((scan.length / SCAN_FIELDS) << SCAN_SHIFT) | distinct.length;
    for (const { cidr, index } of distinct) {
      const route = (tableOffset[t] as number) + index;
      scan.push(cidr.base | 0, packRoute(cidr.length, kinds[route] as number, targets[route] as number));
    }
  });
  tableOffset[tableIds.length] = kinds.length;
  return {
    tableScan,
    scan: Int32Array.from(scan),
    tables,
    tableOffset,
    routeKind: Uint8Array.from(kinds),
    routeTarget: Int32Array.from(targets),
  };
}

interface DenseIds {
  readonly places: Ids;
  readonly vpcOf: ReadonlyMap<string, number>;
  readonly tgwOf: ReadonlyMap<string, number>;
  readonly attachOf: ReadonlyMap<string, number>;
  readonly subnetOf: ReadonlyMap<string, number>;
}

/** Transit Gateway attachments as typed arrays, and each VPC attachment's zones (as place ids). */
function denseAttachments(compiled: CompiledNetwork, ids: DenseIds) {
  const network = compiled.network;
  const tgwTableOf = compiled.tgwTableIndex;
  const count = network.tgwAttachments.size;
  const attachKind = new Uint8Array(count);
  const attachTable = new Int32Array(count).fill(-1);
  const attachVpc = new Int32Array(count).fill(-1);
  const attachPeerRegion = new Int32Array(count).fill(-1);
  const attachBack = new Int32Array(count).fill(-1);
  const attachVia = new Int32Array(count).fill(-1);
  const attachAnyZone = new Uint8Array(count);
  const tgwVpcAttachment = new Int32Array(ids.tgwOf.size * ids.vpcOf.size).fill(-1);
  const zoneLists = new Map<number, number[]>();
  [...network.tgwAttachments.values()].forEach((a, i) => {
    // -1: not associated (its traffic is dropped); -2: a table that is not compiled (the forwarder says so).
    if (a.routeTable !== undefined) attachTable[i] = tgwTableOf.get(a.routeTable) ?? -2;
    if (a.kind === 'vpc') {
      attachKind[i] = ATTACH_VPC;
      attachVpc[i] = ids.vpcOf.get(a.vpc) ?? -1;
      attachVia[i] = ids.subnetOf.get(a.subnets[0] ?? '') ?? -1;
      const zones = compiled.attachmentZones.get(a.id) ?? new Set<string>();
      attachAnyZone[i] = zones.size === 0 ? 1 : 0;
      zoneLists.set(
        i,
        [...zones].map((z) => ids.places.id(z)),
      );
    } else if (a.kind === 'peering') {
      attachKind[i] = ATTACH_PEERING;
      const peer = network.transitGateways.get(a.peer);
      const back = compiled.tgwPeerAttachment.get(`${a.peer}|${a.transitGateway}`);
      if (peer && back) {
        attachPeerRegion[i] = ids.places.id(peer.region);
        attachBack[i] = ids.attachOf.get(back.id) ?? -1;
      }
    }
  });
  for (const [tgw, byVpc] of compiled.vpcAttachmentByTgw) {
    const g = ids.tgwOf.get(tgw);
    for (const [vpc, a] of byVpc) {
      const v = ids.vpcOf.get(vpc);
      if (g !== undefined && v !== undefined)
        tgwVpcAttachment[g * ids.vpcOf.size + v] = ids.attachOf.get(a.id) ?? -1;
    }
  }
  return {
    attachKind,
    attachTable: narrow(attachTable),
    attachVpc: narrow(attachVpc),
    attachPeerRegion: narrow(attachPeerRegion),
    attachBack: narrow(attachBack),
    attachVia: narrow(attachVia),
    attachAnyZone,
    tgwVpcAttachment: narrow(tgwVpcAttachment),
    zoneLists,
  };
}

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
