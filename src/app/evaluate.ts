/**
 * End-to-end request latency: for each request and each metro of its users, compile the call graph
 * against the RTTs between the endpoints involved, draw it with the seeded sampler, and say where the
 * milliseconds go (the critical path, call by call) and whether the budgets hold.
 */
import type { LatencyOptions } from '../latency/index.js';
import type { AppRequest, Estate, LatencyBudget } from '../model/index.js';
import { compileRequest } from './compile-request.js';
import {
  type EndpointTable,
  PART_CACHE,
  PART_COMPUTE,
  PART_NETWORK,
  PART_PAYLOAD,
  PARTS,
  type PayloadOptions,
  type Plan,
} from './plan.js';
import { defaultRtt, type Endpoint, placementEndpoint, type RttProvider, usesRoutedRtt } from './rtt.js';
import { type SampleRun, Sampler, streamSeed } from './sample.js';

/** Seed of the generator when none is given. */
export const DEFAULT_SEED = 1;
/** Draws per request and metro when none is given: p99 within about 2 % for typical call graphs. */
export const DEFAULT_SAMPLES = 20_000;

/** Options of `evaluateRequests`: seed, draws, where RTTs come from, and the payload defaults. */
export interface EvaluateOptions extends PayloadOptions, LatencyOptions {
  /** Generator seed (a 32-bit integer); default {@link DEFAULT_SEED}. */
  readonly seed?: number;
  /** Draws per request and metro; default {@link DEFAULT_SAMPLES}. */
  readonly samples?: number;
  /**
   * Where RTTs come from; default the physical model, or the routed one when a service sits in a
   * subnet ({@link defaultRtt}, with `parameters`).
   */
  readonly rtt?: RttProvider;
  /**
   * RTTs already computed (e.g. once for every candidate place, when placement evaluates many
   * placements); must hold every endpoint of the estate. Overrides `rtt`.
   */
  readonly table?: EndpointTable;
}

/** One call on the critical path and the milliseconds it adds to the mean end-to-end latency. */
export interface CriticalStep {
  /** `users -> event-details`, `event-details -> inventory-db`. */
  readonly call: string;
  readonly caller: string;
  readonly service: string;
  readonly from: string;
  readonly to: string;
  /** Where the call is written in the estate. */
  readonly path: string;
  /** Share of draws in which this call is on the critical path (1 for calls in series). */
  readonly onPath: number;
  /** One round trip between `from` and `to`. */
  readonly rttMs: number;
  readonly roundTrips: number;
  readonly fanOut: number;
  readonly cacheHitRatio: number;
  /** True for the cache-hit side of a cached call. */
  readonly cacheHit: boolean;
  /** Mean ms the call adds to the end-to-end latency, by part, and in all. */
  readonly networkMs: number;
  readonly payloadMs: number;
  readonly computeMs: number;
  readonly cacheMs: number;
  readonly ms: number;
  /** ms / the mean end-to-end latency. */
  readonly share: number;
}

/** The end-to-end latency of one request for the users of one metro. */
export interface RequestLatency {
  readonly request: string;
  readonly name: string;
  readonly metro: string;
  /** The metro's share of the request's users. */
  readonly share: number;
  /** Where the users reach the entry service. */
  readonly entry: string;
  readonly meanMs: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** The tightest p99 budget for this request and metro; null when there is none. */
  readonly budgetMs: number | null;
  /** The tightest p50 budget; null when there is none. */
  readonly p50BudgetMs: number | null;
  /** True when every budget holds (and when there is none). */
  readonly ok: boolean;
  readonly criticalPath: readonly CriticalStep[];
}

/** Every request of an estate for every metro of its users: p50/p99, the budgets, and where the milliseconds go. */
export interface RequestEvaluation {
  readonly seed: number;
  readonly samples: number;
  /**
   * Where the RTTs came from: `physical` (the best path physics allows), `routed` (the estate's
   * route tables, for services in subnets), or `given` (a caller's provider or table).
   */
  readonly rtt: 'physical' | 'routed' | 'given';
  readonly requests: readonly RequestLatency[];
}

/**
 * The RTT table between every endpoint the estate's requests can touch: each place a service runs
 * and each metro of a request's users, plus `extra` endpoints (e.g. candidate places).
 */
export function endpointTable(
  estate: Estate,
  rtt: RttProvider = defaultRtt(estate),
  extra: readonly Endpoint[] = [],
): EndpointTable {
  const endpoints: Endpoint[] = [];
  const indexOf = new Map<string, number>();
  const add = (endpoint: Endpoint) => {
    if (indexOf.has(endpoint.id)) return;
    indexOf.set(endpoint.id, endpoints.length);
    endpoints.push(endpoint);
  };
  for (const service of estate.services) for (const p of service.placements) add(placementEndpoint(p));
  for (const request of estate.requests)
    for (const u of request.users)
      add({
        id: u.metro.id,
        place: {
          id: u.metro.id,
          kind: 'metro',
          name: u.metro.name,
          lat: u.metro.lat,
          lon: u.metro.lon,
          metro: u.metro.id,
          country: u.metro.country,
        },
      });
  for (const endpoint of extra) add(endpoint);
  const rttMs = rtt(endpoints);
  if (rttMs.length !== endpoints.length * endpoints.length)
    throw new RangeError(
      `the RTT provider returned ${rttMs.length} values for ${endpoints.length} endpoints`,
    );
  return { endpoints, indexOf, rttMs };
}

/**
 * Evaluates every request of the estate for every metro of its users.
 * @example evaluateRequests(loadEstate('examples/ticketmaster-phoenix/estate.yaml')).requests[0]?.p99Ms
 */
export function evaluateRequests(estate: Estate, options: EvaluateOptions = {}): RequestEvaluation {
  const seed = options.seed ?? DEFAULT_SEED;
  const samples = options.samples ?? DEFAULT_SAMPLES;
  const table =
    options.table ??
    endpointTable(
      estate,
      options.rtt ?? defaultRtt(estate, options.parameters ? { parameters: options.parameters } : {}),
    );
  const rttSource =
    options.table || options.rtt ? 'given' : usesRoutedRtt(estate) ? 'routed' : ('physical' as const);
  const requests: RequestLatency[] = [];
  for (const request of estate.requests) {
    for (const users of request.users) {
      const plan = compileRequest(estate, request, users.metro.id, table, options);
      const run = new Sampler(plan).run(samples, streamSeed(seed, request.id, users.metro.id));
      requests.push(describeRun(estate, request, users.metro.id, users.share, plan, run));
    }
  }
  return { seed, samples, rtt: rttSource, requests };
}

/** The budgets that apply to a request from a metro. */
export function budgetsFor(estate: Estate, request: string, metro: string): LatencyBudget[] {
  return estate.budgets.filter((b) => b.request === request && (b.metro === undefined || b.metro === metro));
}

function describeRun(
  estate: Estate,
  request: AppRequest,
  metro: string,
  share: number,
  plan: Plan,
  run: SampleRun,
): RequestLatency {
  const budgets = budgetsFor(estate, request.id, metro);
  const tightest = (key: 'p50Ms' | 'p99Ms') => {
    const bounds = budgets.map((b) => b[key]).filter((v): v is number => v !== undefined);
    return bounds.length > 0 ? Math.min(...bounds) : null;
  };
  const budgetMs = tightest('p99Ms');
  const p50BudgetMs = tightest('p50Ms');
  const ok =
    (budgetMs === null || run.p99Ms <= budgetMs) && (p50BudgetMs === null || run.p50Ms <= p50BudgetMs);
  const criticalPath: CriticalStep[] = [];
  plan.steps.forEach((step, i) => {
    const onPath = run.onPath[i] as number;
    if (onPath === 0) return;
    const part = (k: number) => run.partMs[i * PARTS + k] as number;
    const ms = part(PART_NETWORK) + part(PART_PAYLOAD) + part(PART_COMPUTE) + part(PART_CACHE);
    criticalPath.push({
      call: `${step.caller} -> ${step.service}${step.cacheHit ? ' (cache hit)' : ''}`,
      caller: step.caller,
      service: step.service,
      from: step.from,
      to: step.to,
      path: step.path,
      onPath,
      rttMs: step.rttMs,
      roundTrips: step.roundTrips,
      fanOut: step.fanOut,
      cacheHitRatio: step.cacheHitRatio,
      cacheHit: step.cacheHit,
      networkMs: part(PART_NETWORK),
      payloadMs: part(PART_PAYLOAD),
      computeMs: part(PART_COMPUTE),
      cacheMs: part(PART_CACHE),
      ms,
      share: run.meanMs > 0 ? ms / run.meanMs : 0,
    });
  });
  return {
    request: request.id,
    name: request.name,
    metro,
    share,
    entry: plan.entry,
    meanMs: run.meanMs,
    p50Ms: run.p50Ms,
    p99Ms: run.p99Ms,
    budgetMs,
    p50BudgetMs,
    ok,
    criticalPath,
  };
}
