/**
 * Equivalence classes of subnets, for all-pairs routed RTT at scale without enumerating every
 * pair. Two subnets are equivalent when they route alike as sources (same zone, route tables equal
 * once their own VPC's local routes are set aside and per-VPC gateways are replaced by what they
 * lead to) and are reached alike as destinations (covered by the same prefixes everywhere in the
 * network, their own VPC's and subnet's blocks set aside). Whether two endpoints share a VPC
 * changes the path (the local route), so a pair of classes carries two RTTs: same VPC and not.
 *
 * The classes are a claim: `verifyClasses` traces sample pairs directly and compares.
 */

import { assertNever, getOrThrow } from '../errors.js';
import type { CompiledNetwork } from './compile.js';
import { forward } from './forward.js';
import type { Cidr, Network, Route, Subnet } from './spec/index.js';

export interface SubnetClasses {
  /** Class index of each subnet, by subnet id. */
  readonly classOf: ReadonlyMap<string, number>;
  /** Members of each class, in estate order. */
  readonly members: readonly (readonly string[])[];
}

/** Every distinct destination prefix the network routes on, by prefix length, for signatures. */
function prefixUniverse(network: Network): Map<number, Set<number>> {
  const byLength = new Map<number, Set<number>>();
  const add = (c: Cidr) => {
    let set = byLength.get(c.length);
    if (!set) {
      set = new Set();
      byLength.set(c.length, set);
    }
    set.add(c.base);
  };
  for (const t of network.routeTables.values()) for (const r of t.routes) add(r.destination);
  for (const t of network.tgwRouteTables.values()) for (const r of t.routes) add(r.destination);
  for (const v of network.virtualInterfaces.values()) for (const c of v.advertisedPrefixes) add(c);
  for (const g of network.dxGateways.values())
    for (const a of g.associations) for (const c of a.allowedPrefixes) add(c);
  for (const r of network.routers.values()) for (const route of r.routes) add(route.destination);
  for (const p of network.onPrem.values()) for (const c of p.cidrs) add(c);
  return byLength;
}

function canonicalTarget(compiled: CompiledNetwork, route: Route, vpc: string): string {
  const network = compiled.network;
  switch (route.targetKind) {
    case 'local':
    case 'blackhole':
      return route.targetKind;
    case 'internet-gateway':
      return 'igw';
    case 'virtual-private-gateway':
      return `vgw:${compiled.dxgwOfVgw.get(route.target) ?? route.target}`;
    case 'transit-gateway': {
      const attachment = compiled.tgwVpcAttachment.get(`${route.target}|${vpc}`);
      return `tgw:${route.target}:${attachment?.routeTable ?? '-'}`;
    }
    case 'nat-gateway':
    case 'peering':
    case 'appliance':
      return `${route.targetKind}:${route.target}:${network.kinds.get(route.target) ?? ''}`;
    default:
      return assertNever(route.targetKind, 'route target kind');
  }
}

/** The classes of each compiled network, computed once (a compiled network does not change). */
const classesOf = new WeakMap<CompiledNetwork, SubnetClasses>();

/** Groups the network's subnets into classes that route alike. */
export function subnetClasses(compiled: CompiledNetwork): SubnetClasses {
  let classes = classesOf.get(compiled);
  if (!classes) {
    classes = computeSubnetClasses(compiled);
    classesOf.set(compiled, classes);
  }
  return classes;
}

function computeSubnetClasses(compiled: CompiledNetwork): SubnetClasses {
  const network = compiled.network;
  const universe = [...prefixUniverse(network)].sort((a, b) => a[0] - b[0]);
  const tableSignature = new Map<string, string>();
  const classByKey = new Map<string, { readonly index: number; readonly ids: string[] }>();
  const members: string[][] = [];
  const classOf = new Map<string, number>();
  for (const subnet of network.subnets.values()) {
    const vpc = network.vpcs.get(subnet.vpc);
    const own = new Set((vpc?.cidrs ?? []).map((c) => c.text));
    const tableKey = `${subnet.routeTable}`;
    let source = tableSignature.get(tableKey);
    if (source === undefined) {
      const table = network.routeTables.get(subnet.routeTable);
      source = (table?.routes ?? [])
        .map(
          (r) =>
            `${own.has(r.destination.text) ? 'OWN' : r.destination.text}>${canonicalTarget(compiled, r, subnet.vpc)}`,
        )
        .sort()
        .join(',');
      tableSignature.set(tableKey, source);
    }
    const covering: string[] = [];
    const address = subnet.cidr.base;
    for (const [length, bases] of universe) {
      const masked = length === 0 ? 0 : (address & ((0xffffffff << (32 - length)) >>> 0)) >>> 0;
      if (!bases.has(masked)) continue;
      const text = `${masked}/${length}`;
      const isOwnVpc = vpc?.cidrs.some((c) => c.base === masked && c.length === length);
      const isOwnSubnet = length >= subnet.cidr.length;
      covering.push(isOwnSubnet ? 'SUB' : isOwnVpc ? 'OWN' : text);
    }
    const ingress = ingressSignature(compiled, subnet);
    const key = `${subnet.zone}|${source}|${covering.join(',')}|${ingress}`;
    let found = classByKey.get(key);
    if (!found) {
      found = { index: members.length, ids: [] };
      classByKey.set(key, found);
      members.push(found.ids);
    }
    found.ids.push(subnet.id);
    classOf.set(subnet.id, found.index);
  }
  return { classOf, members };
}

/** How traffic enters the subnet's VPC: its VGW's DX gateway, its Transit Gateway attachments' tables. */
function ingressSignature(compiled: CompiledNetwork, subnet: Subnet): string {
  const vgw = compiled.vgwOfVpc.get(subnet.vpc);
  const attachments = vpcAttachmentTables(compiled).get(subnet.vpc) ?? [];
  return `${vgw ? (compiled.dxgwOfVgw.get(vgw) ?? vgw) : '-'}|${attachments.join(',')}`;
}

/** Per VPC, its Transit Gateway attachments as `tgw:table`, sorted: once per network, not per subnet. */
const attachmentTables = new WeakMap<CompiledNetwork, Map<string, string[]>>();
function vpcAttachmentTables(compiled: CompiledNetwork): Map<string, string[]> {
  let byVpc = attachmentTables.get(compiled);
  if (!byVpc) {
    byVpc = new Map();
    for (const a of compiled.network.tgwAttachments.values()) {
      if (a.kind !== 'vpc') continue;
      const list = byVpc.get(a.vpc) ?? [];
      list.push(`${a.transitGateway}:${a.routeTable ?? '-'}`);
      byVpc.set(a.vpc, list);
    }
    for (const list of byVpc.values()) list.sort();
    attachmentTables.set(compiled, byVpc);
  }
  return byVpc;
}

/** The routed RTT (out and back averaged) between two subnets; +Infinity when either way fails. */
export function subnetPairRttMs(compiled: CompiledNetwork, a: Subnet, b: Subnet): number {
  const out = forward(compiled, { kind: 'subnet', id: a.id }, b.cidr.base, { record: false });
  if (!out.delivered) return Number.POSITIVE_INFINITY;
  // Replies to what left through an internet gateway retrace the way out (see traceRoute).
  const back =
    out.internetGateway !== undefined
      ? out
      : forward(compiled, { kind: 'subnet', id: b.id }, a.cidr.base, { record: false });
  if (!back.delivered) return Number.POSITIVE_INFINITY;
  return (out.rttMs + back.rttMs) / 2;
}

export interface ClassMatrix {
  readonly classes: SubnetClasses;
  /** RTT between class i and class j for endpoints in different VPCs, at `i * k + j` (NaN: no such pair). */
  readonly apartRttMs: Float64Array;
  /** The same for endpoints in one VPC. */
  readonly togetherRttMs: Float64Array;
  /** How many ordered subnet pairs the matrix stands for. */
  readonly pairs: number;
  /** How many traces it took. */
  readonly traces: number;
}

/** All-pairs routed RTT over classes: one traced representative per (class, class, same VPC?). */
export function classMatrix(compiled: CompiledNetwork, classes = subnetClasses(compiled)): ClassMatrix {
  const network = compiled.network;
  const k = classes.members.length;
  const apart = new Float64Array(k * k).fill(Number.NaN);
  const together = new Float64Array(k * k).fill(Number.NaN);
  // Per class: members grouped by VPC, to find representatives of either relation.
  const byVpc = classes.members.map((ids) => {
    const groups = new Map<string, string[]>();
    for (const id of ids) {
      const vpc = getOrThrow(network.subnets, id, 'subnet').vpc;
      groups.set(vpc, [...(groups.get(vpc) ?? []), id]);
    }
    return groups;
  });
  let traces = 0;
  let pairs = 0;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const gi = byVpc[i] ?? new Map<string, string[]>();
      const gj = byVpc[j] ?? new Map<string, string[]>();
      let sameCount = 0;
      let sameRep: [string, string] | undefined;
      for (const [vpc, list] of gi) {
        const other = gj.get(vpc);
        if (!other) continue;
        const a = list.find((x) => other.some((y) => y !== x));
        const b = a ? other.find((y) => y !== a) : undefined;
        sameCount += list.length * other.length - (i === j ? list.length : 0);
        if (!sameRep && a && b) sameRep = [a, b];
      }
      const sizeI = classes.members[i]?.length ?? 0;
      const sizeJ = classes.members[j]?.length ?? 0;
      const total = sizeI * sizeJ - (i === j ? sizeI : 0);
      pairs += total;
      if (sameRep) {
        together[i * k + j] = subnetPairRttMs(
          compiled,
          getOrThrow(network.subnets, sameRep[0], 'subnet'),
          getOrThrow(network.subnets, sameRep[1], 'subnet'),
        );
        traces++;
      }
      if (total - sameCount > 0) {
        let rep: [string, string] | undefined;
        for (const [vpc, list] of gi) {
          for (const [otherVpc, other] of gj) {
            const [a, b] = [list[0], other[0]];
            if (otherVpc !== vpc && a !== undefined && b !== undefined) {
              rep = [a, b];
              break;
            }
          }
          if (rep) break;
        }
        if (rep) {
          apart[i * k + j] = subnetPairRttMs(
            compiled,
            getOrThrow(network.subnets, rep[0], 'subnet'),
            getOrThrow(network.subnets, rep[1], 'subnet'),
          );
          traces++;
        }
      }
    }
  }
  return { classes, apartRttMs: apart, togetherRttMs: together, pairs, traces };
}

/** The RTT the class matrix gives for a pair of subnets. */
export function classPairRttMs(compiled: CompiledNetwork, matrix: ClassMatrix, a: string, b: string): number {
  const k = matrix.classes.members.length;
  const i = getOrThrow(matrix.classes.classOf, a, 'subnet class of');
  const j = getOrThrow(matrix.classes.classOf, b, 'subnet class of');
  const same = compiled.network.subnets.get(a)?.vpc === compiled.network.subnets.get(b)?.vpc;
  return (same ? matrix.togetherRttMs : matrix.apartRttMs)[i * k + j] ?? Number.NaN;
}
