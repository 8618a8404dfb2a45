/**
 * Faults on small models built by hand, with tolerances that follow from the timings: a place lost
 * gets calls until the load balancer's health checks (30 s apart, 2 failures) notice, then none;
 * its calls time out; it comes back after a boot and 5 good checks; lost instances are replaced
 * after the launch time; a cut link moves calls to the backup path's RTT; a brown-out adds its
 * latency and its error rate; with every pool unhealthy the balancer fails open.
 */
import { describe, expect, it } from 'vitest';
import {
  BALANCE_NEAREST,
  DIST_CONSTANT,
  ELB_HEALTH_CHECK,
  FAULT_BROWNOUT,
  FAULT_CUT,
  FAULT_LOSE_INSTANCES,
  FAULT_LOSE_PLACE,
  METRIC_UTILISATION,
  type SimFault,
  type SimModel,
  type SimPool,
} from './model.js';
import type { FaultSummary, SimRun } from './result.js';
import { simulateModel } from './simulate.js';
import { chainModel } from './synthetic.js';

const TIMEOUT_S = 2;

/**
 * Users at endpoint 0 call one service (10 ms of compute) with pools `a` (10 ms away) and `b` (30 ms
 * away), each of 4 instances of 2 workers: the nearest, `a`, takes nearly every call.
 */
function twoPlaces(
  faults: SimFault[],
  options: { durationS?: number; pool?: Partial<SimPool> } = {},
): SimModel {
  const durationS = options.durationS ?? 1800;
  const base = chainModel({
    arrivalRate: 20,
    servers: 2,
    compute: { dist: DIST_CONSTANT, a: 0.01, b: 0 },
    durationS,
    seed: 5,
    intervalS: 10,
  });
  const pool = base.pools[0] as SimPool;
  const service = base.services[0];
  if (!service) throw new Error('no service');
  return {
    ...base,
    endpoints: ['users', 'a', 'b'],
    // users-a 10 ms, users-b 30 ms, a-b 20 ms.
    rttMs: new Float64Array([0, 10, 30, 10, 0.25, 20, 30, 20, 0.25]),
    transferClass: new Uint8Array(9),
    services: [{ ...service, balancing: BALANCE_NEAREST, pools: [0, 1] }],
    pools: [
      { ...pool, id: 'svc@a', place: 'a', endpoint: 1, initial: 4, min: 4, max: 4, ...options.pool },
      { ...pool, id: 'svc@b', place: 'b', endpoint: 2, initial: 4, min: 4, max: 4 },
    ],
    client: { timeoutS: TIMEOUT_S, attempts: 1, backoffBaseS: 0.1, backoffCapS: 1, retryErrors: false },
    faults,
  };
}

function fault(kind: number, fields: Partial<SimFault>): SimFault {
  return {
    label: 'fault',
    kind,
    startS: 300,
    endS: 900,
    pools: [0],
    launchBlocked: [],
    instances: 0,
    bootS: 60,
    addedLatencyS: 0,
    errorRate: 0,
    rttAtStart: 0,
    rttAtEnd: 0,
    ...fields,
  };
}

function summaryOf(run: SimRun, i = 0): FaultSummary {
  const found = run.summary.faults?.[i];
  if (!found) throw new Error('no fault summary');
  return found;
}

function accounted(run: SimRun): void {
  const r = run.summary.requests;
  expect(r.succeeded + r.errors + r.rejected + r.timeouts).toBe(r.generated);
}

describe('a place lost', () => {
  const run = simulateModel(twoPlaces([fault(FAULT_LOSE_PLACE, { label: 'lose a' })]));
  const f = summaryOf(run);

  it('is noticed after two failed checks 30 s apart, each failing at its 5 s timeout', () => {
    const check = ELB_HEALTH_CHECK;
    const detectAfter = (f.detectedS as number) - f.startS;
    // The first failing probe goes out within one interval of the fault, the second one interval
    // later; each fails when its timeout expires.
    expect(detectAfter).toBeGreaterThanOrEqual(check.intervalS + check.timeoutS);
    expect(detectAfter).toBeLessThan(2 * check.intervalS + check.timeoutS);
  });

  it('gets calls until it is noticed, and none after', () => {
    const last = (f.lastLostCallS as number) - f.startS;
    expect(last).toBeGreaterThanOrEqual(30);
    expect(last).toBeLessThan(65);
    expect(f.lastLostCallS as number).toBeLessThanOrEqual(f.detectedS as number);
    // About 20 calls a second went there until then, and none of them came back.
    expect(f.lostCalls).toBeGreaterThan(20 * 30);
    expect(f.lostCalls).toBeLessThan(20 * 65 + 20);
    expect(run.summary.requests.timeouts).toBe(f.lostCalls);
    expect(f.requests.timeouts).toBe(f.lostCalls);
    accounted(run);
  });

  it('sends the calls to the other place once noticed: their latency is its RTT plus compute', () => {
    // Users-b is 30 ms, plus 10 ms of compute: the fault window's median is b's.
    expect(f.p50Ms).toBeGreaterThan(39);
    expect(f.p50Ms).toBeLessThan(41.5);
    const served = run.summary.pools.map((p) => p.served);
    expect(served[1]).toBeGreaterThan(20 * 500);
  });

  it('is recovered from after the servers boot and pass five checks', () => {
    // Back at 900 s, serving at 960 s (boot), healthy after 5 good checks 30 s apart.
    const recovered = f.recoveredS as number;
    expect(recovered).toBeGreaterThanOrEqual(900 + 60 + 4 * 30);
    expect(recovered).toBeLessThan(900 + 60 + 5 * 30 + 1);
    expect(run.summary.pools[0]?.endInstances).toBe(4);
  });

  it('gives the same bytes for the same seed', () => {
    const again = simulateModel(twoPlaces([fault(FAULT_LOSE_PLACE, { label: 'lose a' })]));
    expect(JSON.stringify(again)).toBe(JSON.stringify(run));
  });
});

describe('instances lost', () => {
  const ec2 = {
    platform: 'ec2',
    metric: METRIC_UTILISATION,
    target: 0.9,
    overService: false,
    periodS: 60,
    outPeriods: 3,
    inPeriods: 15,
    launchS: 120,
    cooldownS: 300,
    scaleInShare: 0.1,
  };

  it('are replaced by an Auto Scaling group after its launch time', () => {
    const model = twoPlaces([fault(FAULT_LOSE_INSTANCES, { instances: 3, endS: 300 })], {
      pool: { scaling: ec2, owned: false, min: 4 },
    });
    const run = simulateModel(model);
    const f = summaryOf(run);
    expect(run.summary.pools[0]?.launches).toBe(3);
    const recovered = (f.recoveredS as number) - f.startS;
    // Serving 120 s after the loss; noticed at the next health-check result (30 s apart).
    expect(recovered).toBeGreaterThanOrEqual(120);
    expect(recovered).toBeLessThan(120 + 30 + 1);
    accounted(run);
  });

  it('are not replaced on premises', () => {
    const run = simulateModel(twoPlaces([fault(FAULT_LOSE_INSTANCES, { instances: 3, endS: 300 })]));
    expect(run.summary.pools[0]?.launches).toBe(0);
    expect(run.summary.pools[0]?.endInstances).toBe(1);
    expect(summaryOf(run).recoveredS).toBeNull();
  });
});

describe('a Local Zone whose parent is lost', () => {
  it('keeps serving but cannot launch: instances lost meanwhile come back only after the parent', () => {
    const ec2 = {
      platform: 'ec2',
      metric: METRIC_UTILISATION,
      target: 0.9,
      overService: false,
      periodS: 60,
      outPeriods: 3,
      inPeriods: 15,
      launchS: 120,
      cooldownS: 300,
      scaleInShare: 0.1,
    };
    // The parent (here pool `b`'s place) lost 300-900 s; `a`, the Local Zone, loses 2 instances at 400 s.
    const model = twoPlaces(
      [
        fault(FAULT_LOSE_PLACE, { pools: [1], launchBlocked: [0] }),
        fault(FAULT_LOSE_INSTANCES, { startS: 400, endS: 400, instances: 2 }),
      ],
      { pool: { scaling: ec2, owned: false, min: 4 } },
    );
    const run = simulateModel(model);
    const a = run.series.pools[0];
    const at = (t: number) => a?.instances[run.series.t.indexOf(t)] as number;
    expect(at(390)).toBe(4);
    expect(at(890)).toBe(2);
    expect(run.summary.pools[0]?.launchFailures).toBeGreaterThan(0);
    // Launched when the parent is back, serving 120 s later.
    expect(at(1010)).toBe(2);
    expect(at(1030)).toBe(4);
    const lost = run.summary.faults?.[1];
    expect((lost?.recoveredS as number) - 900).toBeGreaterThanOrEqual(120);
    expect((lost?.recoveredS as number) - 900).toBeLessThan(120 + 31);
    accounted(run);
  });
});

describe('a link cut', () => {
  it('moves the calls to the backup path: its RTT while cut, the direct one after', () => {
    // While cut, users reach `a` 50 ms away (the backup path) and `b` not at all.
    const cut = new Float64Array([
      0,
      50,
      Number.POSITIVE_INFINITY,
      50,
      0.25,
      20,
      Number.POSITIVE_INFINITY,
      20,
      0.25,
    ]);
    const base = twoPlaces([fault(FAULT_CUT, { pools: [], rttAtStart: 1, rttAtEnd: 0 })]);
    const model = { ...base, rttVariants: [base.rttMs, cut] };
    const run = simulateModel(model);
    const f = summaryOf(run);
    expect(f.detectedS).toBeNull();
    expect(f.recoveredS).toBe(900);
    expect(f.p50Ms).toBeGreaterThan(59);
    expect(f.p50Ms).toBeLessThan(61.5);
    const series = run.series.sources[0];
    const at = (t: number) => series?.p50Ms[run.series.t.indexOf(t)] as number;
    expect(at(600)).toBeGreaterThan(59);
    expect(at(1200)).toBeLessThan(21.5);
    accounted(run);
  });

  it('fails the calls that have no path left', () => {
    const none = new Float64Array([
      0,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      0.25,
      20,
      Number.POSITIVE_INFINITY,
      20,
      0.25,
    ]);
    const base = twoPlaces([fault(FAULT_CUT, { pools: [], rttAtStart: 1, rttAtEnd: 0 })]);
    const run = simulateModel({ ...base, rttVariants: [base.rttMs, none] });
    const f = summaryOf(run);
    expect(f.requests.errors).toBeGreaterThan(20 * 550);
    expect(f.requests.succeeded).toBeLessThan(100);
    accounted(run);
  });
});

describe('a brown-out', () => {
  it('adds its latency to the calls through it and its error rate to their errors', () => {
    const model = twoPlaces([fault(FAULT_BROWNOUT, { addedLatencyS: 0.05, errorRate: 0.1 })]);
    // Checks every 10 s that tolerate the added latency, and ten failures in a row: no detection.
    const service = model.services[0];
    if (!service) throw new Error('no service');
    const tolerant = { ...ELB_HEALTH_CHECK, intervalS: 10, unhealthyThreshold: 10 };
    const run = simulateModel({ ...model, services: [{ ...service, healthCheck: tolerant }] });
    const f = summaryOf(run);
    expect(f.detectedS).toBeNull();
    // 10 ms away + 10 ms compute + 50 ms added.
    expect(f.p50Ms).toBeGreaterThan(69);
    expect(f.p50Ms).toBeLessThan(71.5);
    const errorShare = f.requests.errors / f.requests.started;
    expect(errorShare).toBeGreaterThan(0.085);
    expect(errorShare).toBeLessThan(0.115);
    accounted(run);
  });

  it('past the check timeout is noticed, and the calls move to the other pool', () => {
    const run = simulateModel(twoPlaces([fault(FAULT_BROWNOUT, { addedLatencyS: 6 })]));
    const f = summaryOf(run);
    const detectAfter = (f.detectedS as number) - f.startS;
    expect(detectAfter).toBeGreaterThanOrEqual(35);
    expect(detectAfter).toBeLessThan(65);
    // Once noticed the calls go to `b`, 30 ms away: most requests of the window are fast.
    expect(f.p50Ms).toBeLessThan(41.5);
  });
});

describe('every pool unhealthy', () => {
  it('fails open: calls keep going to the pools, as ELB does', () => {
    const run = simulateModel(twoPlaces([fault(FAULT_LOSE_PLACE, { pools: [0, 1] })]));
    const f = summaryOf(run);
    expect(f.detectedS).not.toBeNull();
    // No pool is healthy, so the balancer treats all as healthy: calls go on being sent to the
    // lost places until the end of the fault.
    expect(f.lastLostCallS as number).toBeGreaterThan(890);
    const series = run.series.sources[0];
    const succeeded = run.series.t.reduce(
      (sum, t, i) => (t >= 310 && t <= 900 ? sum + (series?.succeeded[i] ?? 0) : sum),
      0,
    );
    expect(succeeded).toBe(0);
    accounted(run);
  });
});
