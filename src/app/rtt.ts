/**
 * Where request latency gets its RTTs: an injected provider, so that the evaluator does not care
 * whether an RTT comes from physics (the default: the best path over the physical graph), from the
 * network layer's routed trace, or from a user's measurements.
 *
 * An endpoint is where a caller or callee sits: a zone, a site or a metro of users today; a subnet
 * (`id` the subnet, `place` its zone) once the network layer lands.
 */
import type { Place } from '../catalog/index.js';
import { type LatencyOptions, latencyMatrix } from '../latency/index.js';
import type { Estate, ServicePlacement } from '../model/index.js';

/** Where a caller or callee sits. */
export interface Endpoint {
  /** Unique among endpoints: a place id today, a subnet id later. */
  readonly id: string;
  /** Where the endpoint physically is. */
  readonly place: Place;
}

/**
 * The endpoint where a service's instances at one placement sit. The one place that maps placements
 * to endpoints: a subnet placement will give its subnet id here, with its zone as the place.
 */
export function placementEndpoint(placement: ServicePlacement): Endpoint {
  return { id: placement.place.id, place: placement.place };
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
