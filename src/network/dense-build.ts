/**
 * The dense form of a compiled network that `dense.ts` forwards on: subnets, route tables, Transit
 * Gateways, their attachments and route tables, and the places hops land on as dense ids in typed
 * arrays, as narrow as the ids allow, so that the arrays a trace reads stay few and small (issue 19:
 * the cost per trace from 100 to 20,000 subnets). Built once per compiled network.
 */
import { getLocalZone } from '../catalog/index.js';
import { getOrThrow } from '../errors.js';
import type { CompiledNetwork } from './compile.js';
import type { LpmTable } from './lpm.js';
import type { Route, TgwRoute } from './spec/index.js';

/** Route kinds of the dense path (anything else is OTHER: unhandled). */
export const LOCAL = 1;
export const BLACKHOLE = 2;
export const TRANSIT = 3;
export const OTHER = 0;
/** Transit Gateway attachment kinds. */
export const ATTACH_VPC = 1;
export const ATTACH_PEERING = 2;

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
export type Ids16 = Int16Array | Int32Array;

/** `values` as 16-bit integers when they all fit, else 32-bit. */
export function narrow(values: ArrayLike<number>): Ids16 {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < -32_768 || v > 32_767) return Int32Array.from(values);
  }
  return Int16Array.from(values);
}

/** Fields per subnet in `DenseNetwork.subnets`. */
export const SUBNET_FIELDS = 4;
export const VPC = 0;
export const ZONE = 1;
export const TABLE = 2;
export const NEED_ZONE = 3;
/** Integers per record of a scanned route table, and the most distinct prefixes scanned. */
export const SCAN_FIELDS = 2;
const SCAN_LIMIT = 16;
/** `tableScan`'s count for a table looked up in its trie; the first record is `tableScan >> SCAN_SHIFT`. */
export const SCAN_TRIE = 31;
export const SCAN_SHIFT = 5;
/** The mask of each prefix length, as a signed 32-bit integer (what `&` gives). */
export const MASKS = Int32Array.from({ length: 33 }, (_, length) =>
  length === 0 ? 0 : (0xffffffff << (32 - length)) | 0,
);
/** The largest route target a packed record holds (a Transit Gateway's id); a larger one is OTHER. */
const MAX_PACKED_TARGET = (1 << 22) - 2;

/**
 * A scanned record's prefix length (bits 0-5), route kind (6-7) and target + 1 (8-31) as one
 * integer; a target beyond what fits makes the route OTHER (the full forwarder decides it).
 */
export function packRoute(length: number, kind: number, target: number): number {
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
