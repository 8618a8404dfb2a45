/**
 * The evaluator's figures at each candidate of `candidates.ts`: each budgeted request, for each metro
 * of its users, with every service that is not pinned at the candidate.
 */
import {
  budgetsFor,
  type Endpoint,
  type EvaluateOptions,
  endpointTable,
  evaluateRequests,
  physicalRtt,
  type RequestLatency,
  routedRtt,
  usesRoutedRtt,
} from '../app/index.js';
import { FootprintError } from '../errors.js';
import type { LatencyOptions } from '../latency/index.js';
import type { Estate, ServicePlacement } from '../model/index.js';

/** One request's figures for one metro at one candidate. */
export interface Evaluated {
  readonly request: string;
  readonly metro: string;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly p99BudgetMs: number | null;
  readonly p50BudgetMs: number | null;
}

/**
 * Each request with a budget, for each metro of its users, with every service that is not pinned at
 * the candidate: one evaluation per candidate, over one RTT table.
 *
 * With the entry service at the candidate, its users' call straight to it (no front door) and no
 * cache on that call, a metro's latency is the round trips times its RTT to the candidate plus what
 * happens from there on, which no metro changes: the first metro's draws, shifted by the difference
 * in RTT, are every other metro's (the same quantiles, exactly shifted), at a metro's cost instead
 * of one per metro. Any other request is drawn for every metro.
 */
export function evaluateAtCandidates(
  estate: Estate,
  candidates: readonly Endpoint[],
  options: LatencyOptions & EvaluateOptions,
): (readonly Evaluated[] | undefined)[] {
  const requests = estate.requests.filter((r) => estate.budgets.some((b) => b.request === r.id));
  if (requests.length === 0) return candidates.map(() => []);
  const routed = usesRoutedRtt(estate) || candidates.some((c) => c.subnet !== undefined);
  const parameters = options.parameters ? { parameters: options.parameters } : {};
  const table = endpointTable(
    estate,
    routed ? routedRtt(estate, parameters) : physicalRtt(estate, parameters),
    candidates,
  );
  const size = table.endpoints.length;
  const rtt = (a: string, b: string) =>
    table.rttMs[(table.indexOf.get(a) as number) * size + (table.indexOf.get(b) as number)] as number;
  const pinned = new Set(estate.services.filter((s) => s.pinned).map((s) => s.id));
  const shifts = (r: (typeof requests)[number]) =>
    r.via === undefined && r.entry.cacheHitRatio === 0 && !pinned.has(r.entry.service) && r.users.length > 1;
  const drawn = requests.map((r) => (shifts(r) ? { ...r, users: r.users.slice(0, 1) } : r));
  return candidates.map((candidate) => {
    const derived: Estate = { ...estate, requests: drawn, services: servicesAt(estate, candidate) };
    let evaluated: readonly RequestLatency[];
    try {
      evaluated = evaluateRequests(derived, {
        ...(options.seed !== undefined ? { seed: options.seed } : {}),
        ...(options.samples !== undefined ? { samples: options.samples } : {}),
        table,
      }).requests;
    } catch (error) {
      // A call that cannot go from there (no physical or routed path): no candidate at all.
      if (error instanceof FootprintError && error.code === 'FP_NO_PATH') return undefined;
      throw error;
    }
    return requests.flatMap((request) => {
      const own = evaluated.filter((e) => e.request === request.id);
      const first = own[0];
      if (!shifts(request) || !first) return own.map((e) => evaluatedOf(estate, e.request, e.metro, e));
      const trips = request.entry.roundTrips;
      return request.users.map((u) => {
        const d = trips * (rtt(u.metro.id, candidate.id) - rtt(first.metro, candidate.id));
        return evaluatedOf(estate, request.id, u.metro.id, {
          p50Ms: first.p50Ms + d,
          p99Ms: first.p99Ms + d,
        });
      });
    });
  });
}

/** Every service that is not pinned at the candidate, its whole fleet there; pinned ones as they are. */
function servicesAt(estate: Estate, candidate: Endpoint): Estate['services'] {
  return estate.services.map((service) => {
    if (service.pinned) return service;
    const instances = service.placements.reduce((n, p) => n + p.instances, 0);
    const placement: ServicePlacement = {
      place: candidate.place,
      ...(candidate.subnet !== undefined ? { subnet: candidate.subnet } : {}),
      instances,
      path: [...service.path, 'at', 0],
    };
    return { ...service, placements: [placement] };
  });
}

function evaluatedOf(
  estate: Estate,
  request: string,
  metro: string,
  figures: { readonly p50Ms: number; readonly p99Ms: number },
): Evaluated {
  const budgets = budgetsFor(estate, request, metro);
  const tightest = (key: 'p50Ms' | 'p99Ms') => {
    const bounds = budgets.map((b) => b[key]).filter((v): v is number => v !== undefined);
    return bounds.length > 0 ? Math.min(...bounds) : null;
  };
  return {
    request,
    metro,
    p50Ms: figures.p50Ms,
    p99Ms: figures.p99Ms,
    p99BudgetMs: tightest('p99Ms'),
    p50BudgetMs: tightest('p50Ms'),
  };
}
