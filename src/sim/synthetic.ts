/**
 * Small models built directly, without an estate: a request that calls `calls` services one after
 * the other, each with its own pool of `servers` workers, at one place (no network time). With one
 * call it is the M/M/c (or M/G/c) queue; tests check it against queueing theory and the benchmark
 * runs the same models in SimPy.
 */
import {
  BALANCE_NEAREST,
  NODE_SERIES,
  ProgramBuilder,
  type SimComputeTime,
  type SimModel,
  type SimPool,
  TRANSFER_CLASSES,
} from './model.js';

export interface ChainOptions {
  /** Requests per second. */
  readonly arrivalRate: number;
  /** Workers of each pool. */
  readonly servers: number;
  readonly compute: SimComputeTime;
  readonly durationS: number;
  readonly seed: number;
  /** Services called one after the other; default 1. */
  readonly calls?: number;
  readonly intervalS?: number;
}

/**
 * @example chainModel({ arrivalRate: 0.8, servers: 1, compute: { dist: DIST_EXPONENTIAL, a: 1, b: 0 }, durationS: 1e5, seed: 1 })
 */
export function chainModel(options: ChainOptions): SimModel {
  const calls = options.calls ?? 1;
  const builder = new ProgramBuilder();
  const root = builder.open(NODE_SERIES);
  for (let s = 0; s < calls; s++) builder.call({ service: s, label: `service-${s}` });
  builder.close(root);
  const program = builder.build();
  const services = Array.from({ length: calls }, (_, s) => ({
    id: `service-${s}`,
    compute: options.compute,
    balancing: BALANCE_NEAREST,
    pools: [s],
  }));
  const pools = services.map((service, s) => fixedPool(`${service.id}@here`, s, 'here', 0, options.servers));
  // The users' call is the series itself: a call node wrapping it would add a pool; instead the
  // request's root is the series, run from the users' endpoint.
  return {
    endpoints: ['here'],
    rttMs: new Float64Array([0]),
    transferClass: new Uint8Array([0]),
    transferUsdPerGb: new Float64Array(TRANSFER_CLASSES.length),
    services,
    pools,
    limits: [],
    program,
    sources: [
      {
        request: 'chain',
        metro: 'here',
        endpoint: 0,
        root,
        profile: { stepS: options.durationS, rates: new Float64Array([options.arrivalRate]) },
        sessionRequests: 1,
        thinkS: 0,
      },
    ],
    client: { timeoutS: 1e12, attempts: 1, backoffBaseS: 0, backoffCapS: 0, retryErrors: false },
    actions: [],
    durationS: options.durationS,
    intervalS: options.intervalS ?? options.durationS,
    seed: options.seed,
  };
}

/**
 * A pool of one instance of `workers` workers that never scales, free of charge, with an unbounded
 * queue: the pools of the synthetic models, and of tests that build a model by hand.
 */
export function fixedPool(
  id: string,
  service: number,
  place: string,
  endpoint: number,
  workers: number,
): SimPool {
  return {
    id,
    service,
    place,
    endpoint,
    workers,
    queuePerInstance: Number.POSITIVE_INFINITY,
    initial: 1,
    min: 1,
    max: 1,
    limit: -1,
    onDemandHourly: 0,
    spotHourly: 0,
    owned: true,
    platform: 'fixed',
  };
}
