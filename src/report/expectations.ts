/**
 * Expectations and traces in the report: every expected RTT checked (physical, or routed through
 * the route tables), and paths laid on the map step by step with coordinates.
 */

import type { Place } from '../catalog/index.js';
import { InternalError } from '../errors.js';
import type { ExpectationResult, LatencyOptions, PathStep } from '../latency/index.js';
import { checkExpectations } from '../latency/index.js';
import { type Estate, resolvePlace } from '../model/index.js';
import { compileNetwork, type ForwardStop, type TraceResult, traceRoute } from '../network/index.js';
import { type TraceDiagram, traceDiagram } from './trace-diagram.js';

/** One place on a physical path, where it is, and the cumulative RTT to it: what the map draws. */
export interface ReportPathStep {
  readonly place: string;
  readonly kind: Place['kind'];
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  /** Cumulative RTT from the start of the path. */
  readonly rttMs: number;
  /** The link class of the step that reached this place (absent on the first step). */
  readonly linkClass?: string;
  /** The estate link of that step, when it is one. */
  readonly link?: string;
}

export interface ReportExpectation extends ExpectationResult {
  /** The path as `a -class-> b -class-> c`. */
  readonly via: string;
  /** The same path step by step, with coordinates. */
  readonly path: readonly ReportPathStep[];
}

/** One hop of a routed trace, with the coordinates of its place for the map. */
export interface ReportTraceHop {
  readonly element: string;
  readonly kind: string;
  readonly place: string;
  readonly rttMs: number;
  /** The decision that led here, e.g. `route 192.168.0.0/16 -> tgw-usw2`. */
  readonly action?: string;
  /** The route table that took it, when one did. */
  readonly routeTable?: string;
  readonly lat: number;
  readonly lon: number;
  readonly placeKind: Place['kind'];
}

/** A routed trace as the report shows it. */
export interface ReportTrace {
  readonly from: string;
  readonly to: string;
  readonly reachable: boolean;
  /** The routed RTT when the packet arrives; otherwise the RTT to the hop where it dies. */
  readonly rttMs: number;
  readonly physicalBestRttMs: number;
  readonly hops: readonly ReportTraceHop[];
  /** Where and why the packet stops on the way there, when it does. */
  readonly stop?: ForwardStop;
  readonly findings: TraceResult['findings'];
  /** The trace as a logical diagram: route tables, gateways and locations, each step in ms. */
  readonly diagram: TraceDiagram;
}

/** An expectation checked, with the trace behind it when it is a routed one. */
export interface CheckedExpectation {
  readonly result: ExpectationResult & { readonly routed: boolean };
  readonly trace?: TraceResult;
}

/**
 * Checks every expectation of the estate: physical ones against the physical model, routed ones
 * by tracing through the route tables (an unreachable destination fails, at +Infinity ms).
 */
export function checkAllExpectations(estate: Estate, options: LatencyOptions = {}): CheckedExpectation[] {
  const physical = checkExpectations(estate, options);
  const compiled = estate.network ? compileNetwork(estate, options) : undefined;
  return estate.expectations.map((e) => {
    if (!e.routed) {
      // checkExpectations gives one result per physical expectation, in order.
      const result = physical.shift();
      if (result === undefined) throw new InternalError(`expectation '${e.id}' has no physical check`);
      return { result: { ...result, routed: false } };
    }
    const trace = traceRoute(estate, e.from, e.to, { ...options, ...(compiled ? { compiled } : {}) });
    const rttMs = trace.rttMs ?? Number.POSITIVE_INFINITY;
    const ok =
      trace.reachable &&
      (e.minMs === undefined || rttMs >= e.minMs) &&
      (e.maxMs === undefined || rttMs <= e.maxMs);
    return { result: { ...e, rttMs, ok }, trace };
  });
}

/** One-line routed path summary: `phx-app > tgw-usw2 (us-west-2) > ... > phx-dc`, or where it dies. */
export function summariseTrace(trace: TraceResult): string {
  const hops = trace.hops
    .map((h) => (h.place === h.element ? h.element : `${h.element} (${h.place})`))
    .join(' > ');
  return trace.reachable
    ? `${hops} [routed]`
    : `${hops} [dies: ${trace.findings[0]?.message ?? 'unreachable'}]`;
}

/** One-line path summary: `phx-dc -direct-connect-> dx:ECPH1 -metro-> us-west-2-phx-2a`. */
export function summarisePath(path: readonly PathStep[]): string {
  return path.map((s, i) => (i === 0 ? s.place : `-${s.segment?.linkClass ?? '?'}-> ${s.place}`)).join(' ');
}

export function locatePath(estate: Estate, path: readonly PathStep[]): ReportPathStep[] {
  return path.map((step) => {
    const place = resolvePlace(step.place, estate);
    return {
      place: step.place,
      kind: step.kind,
      name: step.name,
      lat: place.lat,
      lon: place.lon,
      rttMs: step.rttMs,
      ...(step.segment ? { linkClass: step.segment.linkClass } : {}),
      ...(step.segment?.link !== undefined ? { link: step.segment.link } : {}),
    };
  });
}

export function reportTrace(estate: Estate, trace: TraceResult): ReportTrace {
  return {
    from: trace.from,
    to: trace.to,
    reachable: trace.reachable,
    rttMs: trace.rttMs ?? trace.hops.at(-1)?.rttMs ?? 0,
    physicalBestRttMs: trace.physicalBestRttMs,
    hops: trace.hops.map((hop) => {
      const place = resolvePlace(hop.place, estate);
      return { ...hop, lat: place.lat, lon: place.lon, placeKind: place.kind };
    }),
    ...(trace.stop ? { stop: trace.stop } : {}),
    findings: trace.findings,
    diagram: traceDiagram(estate, trace),
  };
}

/** A routed path on the map: one step per place the packet visits (gateways at one place merge). */
export function locateTrace(estate: Estate, trace: TraceResult): ReportPathStep[] {
  const steps: ReportPathStep[] = [];
  for (const hop of trace.hops) {
    const previous = steps[steps.length - 1];
    if (previous?.place === hop.place) continue;
    const place = resolvePlace(hop.place, estate);
    steps.push({
      place: hop.place,
      kind: place.kind,
      name: place.name,
      lat: place.lat,
      lon: place.lon,
      rttMs: hop.rttMs,
      ...(previous ? { linkClass: 'routed', link: hop.element } : {}),
    });
  }
  return steps;
}
