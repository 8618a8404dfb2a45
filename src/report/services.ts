/**
 * Services for the map: where each service runs today (and, with a placement, where it is proposed
 * to run), each with coordinates, and the calls between them with the RTT of one round trip, from
 * the requests' critical paths (today's from the report's requests, the proposal's from the
 * evaluator's run of the proposed placement).
 */
import type { RequestLatency } from '../app/index.js';
import { type Estate, resolvePlace } from '../model/index.js';
import type { PlacementReport } from './placement.js';

/** Where some instances of a service run: the place as written (a zone, a site or a subnet), located. */
export interface ServiceSpot {
  readonly place: string;
  /** The map's place: the zone of a subnet, else the place itself. */
  readonly at: string;
  readonly lat: number;
  readonly lon: number;
  readonly instances: number;
}

export interface ReportService {
  readonly id: string;
  readonly pinned: boolean;
  readonly today: readonly ServiceSpot[];
  /** With a placement (`report --place`): where it is proposed to run. */
  readonly proposed?: readonly ServiceSpot[];
}

/** A call between two services' places, with the RTT of one round trip (ms). */
export interface ReportCall {
  readonly caller: string;
  readonly service: string;
  readonly from: string;
  readonly to: string;
  readonly rttMs: number;
}

/** The services part of the report (`services` of `footprint report --json`). */
export interface ReportServices {
  readonly services: readonly ReportService[];
  readonly calls: readonly ReportCall[];
  /** With a placement: the calls as the proposed placement makes them. */
  readonly proposedCalls?: readonly ReportCall[];
}

/** Each distinct call between services (not the users' entry) on the requests' critical paths. */
export function callsOf(requests: readonly RequestLatency[]): ReportCall[] {
  const calls = new Map<string, ReportCall>();
  for (const r of requests)
    for (const step of r.criticalPath) {
      if (step.caller === 'users') continue;
      const key = [step.caller, step.service, step.from, step.to].join('\n');
      if (!calls.has(key))
        calls.set(key, {
          caller: step.caller,
          service: step.service,
          from: step.from,
          to: step.to,
          rttMs: step.rttMs,
        });
    }
  return [...calls.values()].sort(
    (a, b) =>
      a.caller.localeCompare(b.caller) ||
      a.service.localeCompare(b.service) ||
      a.from.localeCompare(b.from) ||
      a.to.localeCompare(b.to),
  );
}

/**
 * The services with their places, and their calls.
 * @example reportServices(estate, evaluateRequests(estate).requests).services[0]?.today[0]?.at
 */
export function reportServices(
  estate: Estate,
  requests: readonly RequestLatency[],
  placement?: PlacementReport,
): ReportServices {
  const spot = (place: string, instances: number): ServiceSpot => {
    const zone = estate.network?.subnets.get(place)?.zone ?? place;
    const located = resolvePlace(zone, estate);
    return { place, at: located.id, lat: located.lat, lon: located.lon, instances };
  };
  const proposedOf = new Map(placement?.services.map((s) => [s.service, s.proposed]) ?? []);
  const proposing = placement !== undefined && placement.objective.foundBy !== 'today';
  return {
    services: estate.services.map((service) => {
      const proposed = proposedOf.get(service.id);
      return {
        id: service.id,
        pinned: service.pinned,
        today: service.placements.map((p) => spot(p.subnet ?? p.place.id, p.instances)),
        ...(proposing && proposed ? { proposed: proposed.map((p) => spot(p.place, p.instances)) } : {}),
      };
    }),
    calls: callsOf(requests),
    ...(proposing && placement?.calls ? { proposedCalls: placement.calls } : {}),
  };
}
