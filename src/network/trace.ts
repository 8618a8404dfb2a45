/**
 * `trace`: the path a packet really takes between two endpoints (subnets, sites or addresses),
 * both ways, compared with the best path physics allows.
 */
import { FootprintError, InternalError } from '../errors.js';
import { type LatencyOptions, physicalLatency } from '../latency/index.js';
import type { Estate } from '../model/index.js';
import { closestMatches } from '../suggest.js';
import { type CompiledNetwork, compileNetwork, networkOf } from './compile.js';
import {
  type ForwardHop,
  type ForwardResult,
  type ForwardStart,
  type ForwardStop,
  forward,
  type HopKind,
  type StopReason,
} from './forward.js';
import { firstHost, formatIpv4, parseIpv4 } from './spec/index.js';

export interface TraceEndpoint {
  /** The element the trace starts or ends at: a subnet, a site, or an on-prem network. */
  readonly element: string;
  readonly kind: 'subnet' | 'site' | 'on-prem';
  /** The place on the map: a zone id or a site id. */
  readonly place: string;
  readonly address: string;
}

/** Something a trace found on the way: a blackhole, a missing route, a loop, a detour, an asymmetric path… */
export interface TraceFinding {
  readonly code: StopReason | 'detour' | 'asymmetric' | 'one-way';
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly element?: string;
}

export interface TraceDirection {
  readonly reachable: boolean;
  /** The routed RTT when the packet arrives. */
  readonly rttMs?: number;
  readonly hops: readonly ForwardHop[];
  readonly stop?: ForwardResult['stop'];
}

/** The routed path between two endpoints, both ways, with its RTT, the physical best and the findings. */
export interface TraceResult {
  readonly from: string;
  readonly to: string;
  readonly source: TraceEndpoint;
  readonly destination: TraceEndpoint;
  readonly reachable: boolean;
  /** Routed RTT: the way out plus the way back when both arrive; else the way out, or undefined. */
  readonly rttMs?: number;
  /** The best RTT physics allows between the two places; +Infinity (null in JSON) with no physical path. */
  readonly physicalBestRttMs: number;
  /** rttMs - physicalBestRttMs. */
  readonly differenceMs?: number;
  readonly hops: readonly ForwardHop[];
  /** Where and why the packet stops on the way there, when it does. */
  readonly stop?: ForwardStop;
  readonly reverse: TraceDirection;
  readonly asymmetric: boolean;
  readonly findings: readonly TraceFinding[];
}

/** A routed path that costs more than this over the physical best is a detour worth a finding. */
export const DETOUR_MIN_MS = 5;
export const DETOUR_MIN_RATIO = 1.5;

/** Resolves `ref` (a subnet id, a site id, an on-prem network id, or an IPv4 address) to an endpoint. */
export function traceEndpoint(compiled: CompiledNetwork, ref: string): TraceEndpoint {
  const network = compiled.network;
  const subnet = network.subnets.get(ref);
  if (subnet)
    return {
      element: subnet.id,
      kind: 'subnet',
      place: subnet.zone,
      address: formatIpv4(firstHost(subnet.cidr)),
    };
  const premises = network.onPrem.get(ref);
  if (premises?.cidrs[0]) {
    return {
      element: premises.site,
      kind: 'site',
      place: premises.site,
      address: formatIpv4(firstHost(premises.cidrs[0])),
    };
  }
  const site =
    compiled.estate.sites.find((s) => s.id === ref) ??
    compiled.estate.placeholderSites?.find((s) => s.id === ref);
  if (site) {
    const local = [...network.onPrem.values()].find((p) => p.site === site.id)?.cidrs[0];
    if (local === undefined) {
      throw new FootprintError({
        code: 'FP_UNKNOWN_ELEMENT',
        message: `site '${ref}' has no on-prem network to trace from or to`,
        suggestion: `add network.onPrem: { ${ref}-net: { site: ${ref}, cidrs: [...] } }`,
      });
    }
    return { element: site.id, kind: 'site', place: site.id, address: formatIpv4(firstHost(local)) };
  }
  const address = parseIpv4(ref);
  if (address !== undefined) {
    const owner = compiled.owners.lookup(address)?.value;
    if (!owner) {
      throw new FootprintError({
        code: 'FP_UNKNOWN_ELEMENT',
        message: `no subnet or on-prem network of the estate holds ${ref}`,
        suggestion: "trace between addresses inside the estate's subnets or on-prem networks",
      });
    }
    return owner.kind === 'subnet'
      ? { element: owner.id, kind: 'subnet', place: owner.place, address: ref }
      : { element: owner.site, kind: 'site', place: owner.site, address: ref };
  }
  const candidates = [
    ...network.subnets.keys(),
    ...network.onPrem.keys(),
    ...compiled.estate.sites.map((s) => s.id),
    ...(compiled.estate.placeholderSites ?? []).map((s) => s.id),
  ];
  const matches = closestMatches(ref, candidates);
  throw new FootprintError({
    code: 'FP_UNKNOWN_ELEMENT',
    message: `unknown trace endpoint '${ref}'`,
    expected: 'a subnet id, a site id, an on-prem network id, or an IPv4 address inside the estate',
    ...(matches.length ? { suggestion: `did you mean ${matches.map((m) => `'${m}'`).join(' or ')}?` } : {}),
  });
}

/**
 * The physical best between two places; +Infinity when no physical path joins them, NaN when one
 * is a placeholder site (its position is not known yet).
 */
function physicalBest(estate: Estate, from: string, to: string, options: LatencyOptions): number {
  if (from === to) return 0;
  try {
    return physicalLatency(estate, from, to, options).rttMs;
  } catch (error) {
    if (error instanceof FootprintError && error.code === 'FP_NO_PATH') return Number.POSITIVE_INFINITY;
    if (error instanceof FootprintError && error.code === 'FP_PLACEHOLDER_SITE') return Number.NaN;
    throw error;
  }
}

function addressOf(endpoint: TraceEndpoint): number {
  const address = parseIpv4(endpoint.address);
  if (address === undefined)
    throw new InternalError(`trace endpoint address '${endpoint.address}' does not parse`);
  return address;
}

/**
 * The replies to a packet that left AWS through an internet gateway. They are addressed to the
 * public address its source was translated to (a NAT gateway's, or the instance's own at the
 * internet gateway), not to the private source, so they come back through the gateways that
 * translated it and retrace the way out: NAT is stateful.
 */
function statefulReply(out: ForwardResult, sourceAddress: string): ForwardResult {
  const nat = out.hops.find((h) => h.kind === 'nat-gateway')?.element;
  const hops = [...out.hops].reverse().map((h): ForwardHop => {
    const action =
      h.kind === 'internet-gateway' && h.element === out.internetGateway
        ? `reply to the public address of ${nat ? `NAT gateway ${nat}` : sourceAddress}`
        : h.kind === 'nat-gateway'
          ? `translated back to ${sourceAddress}`
          : undefined;
    return {
      element: h.element,
      kind: h.kind,
      place: h.place,
      rttMs: out.rttMs - h.rttMs,
      ...(action ? { action } : {}),
    };
  });
  return { delivered: true, hops, rttMs: out.rttMs };
}

function startOf(endpoint: TraceEndpoint): ForwardStart {
  return endpoint.kind === 'subnet'
    ? { kind: 'subnet', id: endpoint.element }
    : { kind: 'site', id: endpoint.element };
}

function direction(result: ForwardResult): TraceDirection {
  return {
    reachable: result.delivered,
    ...(result.delivered ? { rttMs: result.rttMs } : {}),
    hops: result.hops,
    ...(result.stop ? { stop: result.stop } : {}),
  };
}

/**
 * Whether a hop of each kind counts when the two directions of a path are compared: the gateways
 * and routers do; hops that differ by direction by nature (the Transit Gateway attachment a packet
 * leaves by, the on-prem network it ends in) do not, and neither does the VPC hop, which marks
 * where traffic between two zones of a VPC crosses its region: it is no gateway, and it falls on
 * either side of a peering or an appliance depending on the direction. A new kind of hop must take
 * a side here.
 */
const COMPARED_HOP: Readonly<Record<HopKind, boolean>> = {
  subnet: true,
  vpc: false,
  site: true,
  'on-prem': false,
  'internet-gateway': true,
  'nat-gateway': true,
  appliance: true,
  peering: true,
  'virtual-private-gateway': true,
  'transit-gateway': true,
  'tgw-attachment': false,
  'dx-gateway': true,
  'virtual-interface': true,
};

/** The gateways and routers a path crosses, in order, without its two ends. */
function elementsOf(hops: readonly ForwardHop[], ends: readonly string[]): string[] {
  return hops.filter((h) => COMPARED_HOP[h.kind] && !ends.includes(h.element)).map((h) => h.element);
}

/**
 * Traces between two endpoints of an estate's network, both ways.
 * @example traceRoute(estate, 'phx-app', 'phx-dc').rttMs
 */
export function traceRoute(
  estate: Estate,
  fromRef: string,
  toRef: string,
  options: LatencyOptions & { compiled?: CompiledNetwork } = {},
): TraceResult {
  networkOf(estate);
  const compiled = options.compiled ?? compileNetwork(estate, options);
  const source = traceEndpoint(compiled, fromRef);
  const destination = traceEndpoint(compiled, toRef);
  const out = forward(compiled, startOf(source), addressOf(destination));
  const back =
    out.delivered && out.internetGateway !== undefined
      ? statefulReply(out, source.address)
      : forward(compiled, startOf(destination), addressOf(source));
  // A packet "arrives" at a site endpoint when it reaches the site's network.
  const cached = compiled.segments.physicalBestRttMs(source.place, destination.place);
  const physicalBestRttMs = Number.isNaN(cached)
    ? physicalBest(estate, source.place, destination.place, options)
    : cached;
  const findings: TraceFinding[] = [];
  for (const [label, result] of [
    ['', out],
    ['return path: ', back],
  ] as const) {
    // A placeholder stops both ways at the same site: say it once. It is missing knowledge, not a fault.
    const placeholder = result.stop?.reason === 'placeholder';
    if (placeholder && result === back && out.stop?.element === back.stop?.element) continue;
    if (result.stop) {
      findings.push({
        code: result.stop.reason,
        severity: placeholder ? 'warning' : 'error',
        message: `${label}${result.stop.message}`,
        element: result.stop.element,
      });
    }
  }
  if (out.delivered && !back.delivered) {
    findings.push({
      code: 'one-way',
      severity: 'error',
      message: `${fromRef} reaches ${toRef} but the replies are dropped at ${back.stop?.element ?? 'the way back'}`,
    });
  }
  const ends = [source.element, destination.element];
  const forwardElements = elementsOf(out.hops, ends);
  const reverseElements = elementsOf(back.hops, ends).reverse();
  const asymmetric =
    out.delivered && back.delivered && forwardElements.join('>') !== reverseElements.join('>');
  if (asymmetric) {
    findings.push({
      code: 'asymmetric',
      severity: 'warning',
      message: `the path is asymmetric: out via ${forwardElements.join(' > ') || '(direct)'}, back via ${reverseElements.join(' > ') || '(direct)'}`,
    });
  }
  const rttMs = out.delivered ? (back.delivered ? (out.rttMs + back.rttMs) / 2 : out.rttMs) : undefined;
  if (rttMs !== undefined) {
    const extra = rttMs - physicalBestRttMs;
    if (extra > DETOUR_MIN_MS && rttMs > DETOUR_MIN_RATIO * physicalBestRttMs) {
      const through = [...new Set(out.hops.slice(1, -1).map((h) => h.place))].filter(
        (p) => p !== source.place && p !== destination.place,
      );
      findings.push({
        code: 'detour',
        severity: 'warning',
        message: `the routed path takes ${extra.toFixed(1)} ms more than the physical best (${physicalBestRttMs.toFixed(1)} ms)${through.length ? `: it goes through ${through.join(', ')}` : ''}`,
      });
    }
  }
  return {
    from: fromRef,
    to: toRef,
    source,
    destination,
    reachable: out.delivered,
    ...(rttMs !== undefined ? { rttMs } : {}),
    ...(rttMs !== undefined && Number.isFinite(physicalBestRttMs)
      ? { differenceMs: rttMs - physicalBestRttMs }
      : {}),
    physicalBestRttMs,
    hops: out.hops,
    ...(out.stop ? { stop: out.stop } : {}),
    reverse: direction(back),
    asymmetric,
    findings,
  };
}
