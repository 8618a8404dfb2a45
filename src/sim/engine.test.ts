/**
 * The engine's behaviour on small models built by hand: every request ends once, runs repeat byte
 * for byte, network and payload times add up, retries make a storm, target tracking scales out and
 * in on AWS's timing, Spot interruptions come at their rate, a zone's capacity stops launches, and
 * costs follow instance-hours.
 */
import { describe, expect, it } from 'vitest';
import { NO_FAULT } from './compile-faults.js';
import { Engine } from './engine.js';
import {
  BALANCE_NEAREST,
  BALANCE_PRIMARY,
  BALANCE_ROUND_ROBIN,
  DIST_CONSTANT,
  DIST_EXPONENTIAL,
  FAULT_BROWNOUT,
  METRIC_UTILISATION,
  NODE_PARALLEL,
  ProgramBuilder,
  type SimModel,
  type SimPool,
  type SimScaling,
  TRANSFER_CLASSES,
} from './model.js';
import type { SimRun } from './result.js';
import { simRun } from './result-summary.js';
import { simulateModel } from './simulate.js';
import { chainModel, fixedPool } from './synthetic.js';

const exp = (mean: number) => ({ dist: DIST_EXPONENTIAL, a: mean, b: 0 });
const constant = (s: number) => ({ dist: DIST_CONSTANT, a: s, b: 0 });

function single(options: {
  rate: number;
  servers: number;
  service: number;
  durationS: number;
  seed?: number;
}): SimModel {
  return chainModel({
    arrivalRate: options.rate,
    servers: options.servers,
    compute: exp(options.service),
    durationS: options.durationS,
    seed: options.seed ?? 1,
    intervalS: options.durationS / 10,
  });
}

function accounted(run: SimRun): void {
  const r = run.summary.requests;
  expect(r.succeeded + r.errors + r.rejected + r.timeouts).toBe(r.generated);
  expect(r.attempts).toBe(r.generated + r.retries);
  const { l, lambdaW } = run.summary.littlesLaw;
  expect(Math.abs(l - lambdaW)).toBeLessThanOrEqual(1e-9 * Math.max(1, lambdaW));
  // The series adds up to the summary for requests that ended within the demand window.
  const seriesEnded = run.series.sources.reduce(
    (sum, s) => sum + [...s.succeeded, ...s.errors, ...s.rejected, ...s.timeouts].reduce((a, b) => a + b, 0),
    0,
  );
  expect(seriesEnded).toBeLessThanOrEqual(r.generated);
}

/** A model whose one pool has the given shape, over a single call. */
function withPool(base: SimModel, pool: Partial<SimPool>): SimModel {
  const first = base.pools[0] as SimPool;
  return { ...base, pools: [{ ...first, ...pool }] };
}

describe('conservation and determinism', () => {
  it('ends every request exactly once, through rejections, timeouts and retries', () => {
    // 125 % load on 4 workers, queues of 5 per instance, 3 s client timeout, 3 attempts.
    const base = withPool(single({ rate: 5, servers: 4, service: 1, durationS: 2000 }), {
      queuePerInstance: 5,
    });
    const model: SimModel = {
      ...base,
      client: { timeoutS: 3, attempts: 3, backoffBaseS: 0.2, backoffCapS: 2, retryErrors: true },
    };
    const run = simulateModel(model);
    accounted(run);
    const r = run.summary.requests;
    expect(r.rejected).toBeGreaterThan(0);
    expect(r.timeouts).toBeGreaterThan(0);
    expect(r.retries).toBeGreaterThan(0);
  });

  it('gives the same bytes for the same seed, and other figures for another', () => {
    const model = single({ rate: 3, servers: 4, service: 1, durationS: 3000 });
    const a = JSON.stringify(simulateModel(model));
    const b = JSON.stringify(simulateModel(model));
    const c = JSON.stringify(simulateModel({ ...model, seed: 2 }));
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });
});

describe('time on the network', () => {
  /** Two endpoints 100 ms apart: users at 0, the pool at 1. */
  function distant(roundTrips: number, payloadS: number): SimModel {
    const base = chainModel({
      arrivalRate: 1,
      servers: 50,
      compute: constant(0.01),
      durationS: 500,
      seed: 3,
    });
    const program = {
      ...base.program,
      roundTrips: base.program.roundTrips.map((v, i) => (base.program.kind[i] === 2 ? roundTrips : v)),
      payloadS: base.program.payloadS.map((v, i) => (base.program.kind[i] === 2 ? payloadS : v)),
    };
    return {
      ...base,
      endpoints: ['users', 'far'],
      rttMs: new Float64Array([0, 100, 100, 0.25]),
      transferClass: new Uint8Array(4),
      program,
      pools: [{ ...(base.pools[0] as SimPool), endpoint: 1 }],
    };
  }

  it('adds the RTT times the round trips, the payload time and the compute time', () => {
    for (const [roundTrips, payloadS, expected] of [
      [1, 0, 110],
      [3, 0, 310],
      [1, 0.08, 190],
    ] as const) {
      const run = simulateModel(distant(roundTrips, payloadS));
      const source = run.summary.sources[0];
      expect(source?.meanMs).toBeCloseTo(expected, 6);
      expect(Math.abs((source?.p99Ms ?? 0) - expected) / expected).toBeLessThan(0.006);
    }
  });
});

describe('clients', () => {
  it('makes a retry storm visible: retries add attempts the estate works on for nobody', () => {
    const base = single({ rate: 4.4, servers: 4, service: 1, durationS: 3000, seed: 5 });
    const patient = simulateModel({
      ...base,
      client: { timeoutS: 4, attempts: 1, backoffBaseS: 0.1, backoffCapS: 1, retryErrors: true },
    });
    const retrying = simulateModel({
      ...base,
      client: { timeoutS: 4, attempts: 4, backoffBaseS: 0.1, backoffCapS: 1, retryErrors: true },
    });
    accounted(patient);
    accounted(retrying);
    expect(retrying.summary.requests.attempts).toBeGreaterThan(1.5 * retrying.summary.requests.generated);
    expect(retrying.summary.requests.abandonedAttemptsFinished).toBeGreaterThan(0);
    // The extra attempts crowd out the first ones: fewer requests succeed, not more.
    expect(retrying.summary.requests.succeeded).toBeLessThan(patient.summary.requests.succeeded);
    expect(retrying.summary.pools[0]?.meanUtilisation).toBeGreaterThan(0.99);
  });

  it('pops no event for the timeout of an attempt that has ended', () => {
    const base = single({ rate: 3, servers: 4, service: 1, durationS: 2000, seed: 2 });
    const client = { attempts: 3, backoffBaseS: 0.1, backoffCapS: 1, retryErrors: true };
    const none = simulateModel(base);
    const patient = simulateModel({ ...base, client: { ...client, timeoutS: 500 } });
    const hasty = simulateModel({ ...base, client: { ...client, timeoutS: 2 } });
    accounted(hasty);
    // No request takes 500 s: the same run, event for event, as with no timeout at all.
    expect(patient.summary.events).toBe(none.summary.events);
    expect(JSON.stringify(patient.series)).toBe(JSON.stringify(none.series));
    // Attempts that time out still pop theirs: one event more each, and their retries' events.
    const timedOut = hasty.summary.requests.retries + hasty.summary.requests.timeouts;
    expect(timedOut).toBeGreaterThan(50);
    expect(hasty.summary.events).toBeGreaterThan(none.summary.events + timedOut);
  });

  it('groups requests into sessions', () => {
    const base = single({ rate: 1, servers: 8, service: 0.01, durationS: 2000 });
    const source = base.sources[0];
    if (!source) throw new Error('no source');
    const run = simulateModel({ ...base, sources: [{ ...source, sessionRequests: 4, thinkS: 5 }] });
    accounted(run);
    const sessions = run.summary.cost.sessions;
    expect(sessions).toBeGreaterThan(1800);
    expect(run.summary.requests.generated / sessions).toBeGreaterThan(3.9);
    expect(run.summary.requests.generated / sessions).toBeLessThanOrEqual(4);
  });
});

describe('capacity over time', () => {
  const ec2: SimScaling = {
    platform: 'ec2',
    metric: METRIC_UTILISATION,
    target: 0.6,
    overService: false,
    periodS: 60,
    outPeriods: 3,
    inPeriods: 15,
    launchS: 120,
    cooldownS: 300,
    scaleInShare: 0.1,
  };

  /** 1 req/s until 1,800 s, 10 req/s until 5,400 s, then 1 req/s; 1 s of work each, 2 workers an instance. */
  function stepped(pool: Partial<SimPool>): SimModel {
    const base = chainModel({
      arrivalRate: 1,
      servers: 2,
      compute: exp(1),
      durationS: 9000,
      seed: 7,
      intervalS: 30,
    });
    const rates = new Float64Array(9000).map((_, t) => (t >= 1800 && t < 5400 ? 10 : 1));
    const source = base.sources[0];
    if (!source) throw new Error('no source');
    return {
      ...withPool(base, {
        initial: 2,
        min: 1,
        max: 20,
        scaling: ec2,
        owned: false,
        onDemandHourly: 1,
        ...pool,
      }),
      sources: [{ ...source, profile: { stepS: 1, rates } }],
      client: { timeoutS: 60, attempts: 1, backoffBaseS: 0.1, backoffCapS: 1, retryErrors: false },
    };
  }

  it('scales out after three periods above the target and a launch, and back in after fifteen below', () => {
    const run = simulateModel(stepped({}));
    accounted(run);
    const t = run.series.t;
    const pool = run.series.pools[0];
    if (!pool) throw new Error('no pool');
    const firstLaunch = t[pool.launches.findIndex((n) => n > 0)] as number;
    // The step comes at 1,800 s; the alarm needs three whole 60 s periods above the target.
    expect(firstLaunch).toBeGreaterThan(1800 + 120);
    expect(firstLaunch).toBeLessThanOrEqual(1800 + 4 * 60 + 30);
    const firstMore = t[pool.instances.findIndex((n) => n > 2)] as number;
    expect(firstMore - firstLaunch).toBeGreaterThanOrEqual(120 - 30);
    // 10 s of work a second at 60 % needs about 17 instances of 2 workers.
    expect(run.summary.pools[0]?.peakInstances).toBeGreaterThanOrEqual(15);
    expect(run.summary.pools[0]?.peakInstances).toBeLessThanOrEqual(20);
    // It scales in gradually: at most 10 % of the instances (at least one) a step, steps at least
    // the 300 s cooldown apart, never below min; and after the peak it comes back down.
    let lastDrop = Number.NEGATIVE_INFINITY;
    for (let i = 1; i < t.length; i++) {
      const before = pool.instances[i - 1] as number;
      const after = pool.instances[i] as number;
      if (after < before) {
        expect(before - after).toBeLessThanOrEqual(Math.max(1, Math.ceil(0.1 * before)));
        expect((t[i] as number) - lastDrop).toBeGreaterThanOrEqual(300 - 30);
        lastDrop = t[i] as number;
      }
      expect(after).toBeGreaterThanOrEqual(1);
    }
    expect(pool.instances.at(-1)).toBeLessThan(4);
  });

  it('stops launching at a zone’s capacity, as InsufficientInstanceCapacity does', () => {
    const model = { ...stepped({ limit: 0 }), limits: [{ zone: 'usw2-az1', family: '*', max: 6 }] };
    const run = simulateModel(model);
    accounted(run);
    expect(run.summary.pools[0]?.peakInstances).toBe(6);
    expect(run.summary.pools[0]?.launchFailures).toBeGreaterThan(0);
  });

  it('interrupts Spot instances at their rate and replaces them', () => {
    const base = chainModel({
      arrivalRate: 2,
      servers: 2,
      compute: exp(1),
      durationS: 7200,
      seed: 11,
      intervalS: 60,
    });
    const model = withPool(base, {
      initial: 20,
      min: 20,
      max: 20,
      owned: false,
      onDemandHourly: 1,
      spotHourly: 0.3,
      scaling: ec2,
      spot: { share: 1, interruptionsPerHour: 1, noticeS: 120, families: ['c6i', 'c5'] },
    });
    const run = simulateModel(model);
    accounted(run);
    const pool = run.summary.pools[0];
    // 20 instances x 2 h x 1 per hour: Poisson, 40 expected (3 sigma: 21 to 59).
    expect(pool?.interruptions).toBeGreaterThan(21);
    expect(pool?.interruptions).toBeLessThan(59);
    expect(pool?.launches).toBeGreaterThanOrEqual((pool?.interruptions ?? 0) - 1);
    // All on Spot: the cost is Spot's, about 20 instances x 2 h x $0.30 (replacements overlap briefly).
    expect(run.summary.cost.onDemandUsd).toBe(0);
    expect(run.summary.cost.spotUsd).toBeGreaterThan(12);
    expect(run.summary.cost.spotUsd).toBeLessThan(13.5);
  });

  it('bills owned servers for the whole run and cloud instances from launch to stop', () => {
    const base = chainModel({ arrivalRate: 1, servers: 4, compute: exp(0.1), durationS: 3600, seed: 1 });
    const owned = simulateModel(
      withPool(base, { initial: 3, min: 3, max: 3, owned: true, onDemandHourly: 0.5 }),
    );
    expect(owned.summary.cost.onPremisesUsd).toBeCloseTo(1.5, 9);
    const cloud = simulateModel(
      withPool(base, { initial: 3, min: 3, max: 3, owned: false, onDemandHourly: 0.5 }),
    );
    expect(cloud.summary.cost.onDemandUsd).toBeGreaterThanOrEqual(1.5);
    expect(cloud.summary.cost.onDemandUsd).toBeLessThan(1.51);
  });
});

describe('balancing between pools', () => {
  function twoPools(balancing: number, rate: number): SimModel {
    const base = chainModel({ arrivalRate: rate, servers: 2, compute: exp(1), durationS: 4000, seed: 13 });
    const a = base.pools[0] as SimPool;
    const service = base.services[0];
    if (!service) throw new Error('no service');
    return {
      ...base,
      services: [{ ...service, balancing, pools: [0, 1] }],
      pools: [
        { ...a, id: 'a', workers: 2 },
        { ...a, id: 'b', workers: 6 },
      ],
    };
  }

  it('primary: the first pool takes what it can, the second the overflow', () => {
    const light = simulateModel(twoPools(BALANCE_PRIMARY, 0.2)).summary.pools;
    expect((light[0]?.served ?? 0) / ((light[0]?.served ?? 0) + (light[1]?.served ?? 0))).toBeGreaterThan(
      0.95,
    );
    const heavy = simulateModel(twoPools(BALANCE_PRIMARY, 5)).summary.pools;
    expect(heavy[1]?.served).toBeGreaterThan(heavy[0]?.served ?? 0);
  });

  it('round robin: in proportion to workers', () => {
    const pools = simulateModel(twoPools(BALANCE_ROUND_ROBIN, 2)).summary.pools;
    const share = (pools[1]?.served ?? 0) / ((pools[0]?.served ?? 0) + (pools[1]?.served ?? 0));
    expect(share).toBeGreaterThan(0.72);
    expect(share).toBeLessThan(0.78);
  });
});

describe('steps taken ahead of time', () => {
  /**
   * A page whose calls fan out, join, hit a cache and nest, over three places, with intervals short
   * enough that returns cross their closes: users -> front (a), whose body is a fan-out of three to
   * the database (b), then in parallel a mid-tier call (a) that calls the database and a cached
   * database call, then the mid tier again.
   */
  function page(faults: SimModel['faults']): SimModel {
    const b = new ProgramBuilder();
    const root = b.call({ service: 0, payloadBytes: 60_000, payloadS: 0.001 }, () => {
      b.call({ service: 1, fanOut: 3, payloadBytes: 2_000, payloadS: 0.0004 });
      const block = b.open(NODE_PARALLEL);
      b.call({ service: 2, payloadBytes: 500 }, () => b.call({ service: 1 }));
      b.call({ service: 1, cacheHitRatio: 0.5, cacheHitS: 0.0002 });
      b.close(block);
      b.call({ service: 2, roundTrips: 2 });
    });
    const pool = (id: string, service: number, endpoint: number, workers: number): SimPool =>
      fixedPool(id, service, id, endpoint, workers);
    return {
      endpoints: ['users', 'a', 'b'],
      rttMs: new Float64Array([0, 20, 30, 20, 0.5, 7, 30, 7, 0.4]),
      transferClass: new Uint8Array([0, 1, 1, 2, 0, 1, 2, 1, 0]),
      transferUsdPerGb: new Float64Array(TRANSFER_CLASSES.length).fill(0.09),
      services: [
        { id: 'front', compute: exp(0.004), balancing: BALANCE_NEAREST, pools: [0] },
        { id: 'db', compute: exp(0.002), balancing: BALANCE_NEAREST, pools: [1] },
        { id: 'mid', compute: exp(0.003), balancing: BALANCE_NEAREST, pools: [2] },
      ],
      pools: [pool('front', 0, 1, 4), pool('db', 1, 2, 8), pool('mid', 2, 1, 4)],
      limits: [],
      program: b.build(),
      sources: [
        {
          request: 'page',
          metro: 'users',
          endpoint: 0,
          root,
          profile: { stepS: 30, rates: new Float64Array([550]) },
          sessionRequests: 1,
          thinkS: 0,
        },
      ],
      client: { timeoutS: 0.085, attempts: 2, backoffBaseS: 0.01, backoffCapS: 0.05, retryErrors: true },
      actions: [],
      ...(faults ? { faults } : {}),
      durationS: 30,
      intervalS: 0.25,
      seed: 5,
    };
  }

  it('gives the figures of the same run handling every step as an event of its own, with fewer events', () => {
    // A fault that does nothing, after the run: with a fault possible every step is an event.
    const never = {
      label: 'nothing',
      kind: FAULT_BROWNOUT,
      startS: 1e6,
      endS: Number.POSITIVE_INFINITY,
      ...NO_FAULT,
    };
    const ahead = simulateModel(page(undefined));
    const stepwise = simulateModel(page([never]));
    const figures = (run: SimRun) =>
      JSON.stringify({
        series: run.series,
        sources: run.summary.sources,
        cost: run.summary.cost,
        requests: run.summary.requests,
      });
    accounted(ahead);
    expect(ahead.summary.requests.timeouts).toBeGreaterThan(0);
    expect(figures(ahead)).toBe(figures(stepwise));
    expect(ahead.summary.events).toBeLessThan(0.85 * stepwise.summary.events);
  });
});

describe('the engine as a library', () => {
  it('reports progress and its result through simRun', () => {
    const engine = new Engine(single({ rate: 1, servers: 2, service: 0.5, durationS: 1000 }));
    const seen: number[] = [];
    engine.run((f) => seen.push(f));
    expect(seen.length).toBeGreaterThan(10);
    expect(seen.at(-1)).toBeGreaterThan(0.98);
    expect(simRun(engine).summary.requests.generated).toBeGreaterThan(900);
  });
});
