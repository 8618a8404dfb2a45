/**
 * Where request latency gets its RTTs: an injected provider, so that the evaluator does not care
 * whether an RTT comes from physics (the default: the best path over the physical graph), from the
 * network layer's routed trace, or from a user's measurements.
 *
 * An endpoint is where a caller or callee sits: a zone, a site, a metro of users, or a subnet (`id`
 * the subnet, `place` its zone).
 */
import type { Place } from '../catalog/index.js';
import { InternalError } from '../errors.js';
import { type LatencyOptions, latencyMatrix } from '../latency/index.js';
import type { Estate, ServicePlacement } from '../model/index.js';
import { compileNetwork, traceRoute } from '../network/index.js';

/** Where a caller or callee sits. */
export interface Endpoint {
  /** Unique among endpoints: a place id, or a subnet id. */
  readonly id: string;
  /** Where the endpoint physically is. */
  readonly place: Place;
  /** Set when the endpoint is a subnet of the estate's network. */
  readonly subnet?: string;
}

/**
 * The endpoint where a service's instances at one placement sit: the subnet when the placement
 * names one (with its zone as the place), else the place.
 */
export function placementEndpoint(placement: ServicePlacement): Endpoint {
  return placement.subnet
    ? { id: placement.subnet, place: placement.place, subnet: placement.subnet }
    : { id: placement.place.id, place: placement.place };
}

/**
 * RTTs between endpoints: a row-major `endpoints.length` squared matrix in ms, +Infinity where there
 * is no path. The diagonal is the RTT between two instances at the same endpoint.
 */
export type RttProvider = (endpoints: readonly Endpoint[]) => Float64Array;

/**
 * Round trip between two instances in one zone or one site: a few hundred microseconds (pings
 * between instances of one AZ averaged 0.26 ms in us-east-1a and 0.41 ms in us-east-1c, orensol.com
 * 2009). The physical model puts 0 there.
 */
export const SAME_PLACE_RTT_MS = 0.25;

export interface PhysicalRttOptions extends LatencyOptions {
  /** RTT between two instances at the same place; default {@link SAME_PLACE_RTT_MS}. */
  readonly samePlaceRttMs?: number;
}

/**
 * The default provider: the best physical RTT (src/latency), with {@link SAME_PLACE_RTT_MS} on the
 * diagonal.
 * @example physicalRtt(estate)([{ id: 'phx-dc', place }, …])
 */
export function physicalRtt(estate: Estate, options: PhysicalRttOptions = {}): RttProvider {
  const same = options.samePlaceRttMs ?? SAME_PLACE_RTT_MS;
  return (endpoints) => {
    const k = endpoints.length;
    if (k === 0) return new Float64Array(0);
    const matrix = latencyMatrix(
      estate,
      endpoints.map((e) => e.place),
      options.parameters ? { parameters: options.parameters } : {},
    );
    const rtt = Float64Array.from(matrix.rttMs);
    for (let i = 0; i < k; i++) rtt[i * k + i] = same;
    return rtt;
  };
}

/**
 * A provider from a function of two endpoints: measurements, or a routed trace.
 * @example rttFromFunction((a, b) => (a.id === b.id ? 0.2 : 30))
 */
export function rttFromFunction(rttMs: (from: Endpoint, to: Endpoint) => number): RttProvider {
  return (endpoints) => {
    const k = endpoints.length;
    const rtt = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) rtt[i * k + j] = rttMs(endpoints[i] as Endpoint, endpoints[j] as Endpoint);
    return rtt;
  };
}

/**
 * The routed provider: between two endpoints the estate's network can trace (subnets, and sites
 * with on-prem networks), the RTT of the path the route tables give, out and back (+Infinity when
 * a packet dies on the way: the evaluator then says which call cannot go); between any other two
 * (users' metros, zones without a subnet), the physical one.
 */
export function routedRtt(estate: Estate, options: PhysicalRttOptions = {}): RttProvider {
  const physical = physicalRtt(estate, options);
  const network = estate.network;
  if (!network) return physical;
  const compiled = compileNetwork(estate, options.parameters ? { parameters: options.parameters } : {});
  const traceable = (e: Endpoint) =>
    e.subnet !== undefined ||
    (e.place.kind === 'site' && [...network.onPrem.values()].some((p) => p.site === e.place.id));
  return (endpoints) => {
    const rtt = physical(endpoints);
    const k = endpoints.length;
    for (let i = 0; i < k; i++) {
      const a = endpoints[i] as Endpoint;
      if (!traceable(a)) continue;
      for (let j = 0; j < k; j++) {
        const b = endpoints[j] as Endpoint;
        if (i === j || !traceable(b) || a.place.id === b.place.id) continue;
        const trace = traceRoute(estate, a.subnet ?? a.place.id, b.subnet ?? b.place.id, { compiled });
        const rttMs = trace.reachable && trace.reverse.reachable ? trace.rttMs : Number.POSITIVE_INFINITY;
        if (rttMs === undefined) throw new InternalError(`the trace from '${a.id}' to '${b.id}' has no RTT`);
        rtt[i * k + j] = rttMs;
      }
    }
    return rtt;
  };
}

/** True when a service of the estate sits in a subnet: its calls then follow the route tables. */
export function usesRoutedRtt(estate: Estate): boolean {
  return estate.services.some((s) => s.placements.some((p) => p.subnet !== undefined));
}

/** The provider an estate gets by default: routed when any service sits in a subnet, else physical. */
export function defaultRtt(estate: Estate, options: PhysicalRttOptions = {}): RttProvider {
  return usesRoutedRtt(estate) ? routedRtt(estate, options) : physicalRtt(estate, options);
}
