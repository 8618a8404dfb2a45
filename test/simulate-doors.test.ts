/**
 * Users entering through front doors during a fault, end to end through run(argv, io), pinned to
 * AWS's documented timings (issue 14, item 6). Each window follows from the fixture's figures:
 * - Route 53 (Developer Guide, "How Amazon Route 53 determines whether a health check is healthy";
 *   "Values that you specify when you create a health check"): a checker notices after 3 failed
 *   checks 30 s apart, the first within 30 s of the loss, each failure known at its 6 s timeout
 *   (HTTPS: 4 s to connect, 2 s to answer): 60-96 s; the record flips when fewer than 18 % of the 8
 *   checkers still say healthy. Resolvers then keep the old answer up to its TTL (60 s): no request
 *   reaches the dead primary later than detection + TTL; clients that stretch TTLs (10 minutes here)
 *   keep it up to detection + 10 minutes.
 * - Global Accelerator (Developer Guide, "Health check options"): 3 failures 30 s apart, each at
 *   its 10 s timeout: 70-100 s, and no DNS cache after it: nothing reaches the dead endpoint later.
 * - CloudFront (Developer Guide, "Optimize high availability with CloudFront origin failover";
 *   "Connection attempts", "Connection timeout"): every GET tries the primary first and reaches the
 *   secondary 3 x 10 s later; a POST does not fail over: it fails after those 30 s.
 * - ALB stickiness (ALB User Guide, "Sticky sessions"): a session stays on its target while that is
 *   healthy; the ALB's checks (30 s, 2 failures, 5 s timeout) take a lost zone out after 35-65 s,
 *   and sessions there move, losing the state kept in memory.
 */
import { describe, expect, it } from 'vitest';
import type { FaultSummary, Simulation } from '../src/sim/index.js';
import { footprint } from './cli.js';

async function faultOf(file: string): Promise<FaultSummary> {
  const result = await footprint('simulate', `test/fixtures/sim/${file}.yaml`, '--json');
  expect(result.code, result.stderr).toBe(0);
  const simulation = JSON.parse(result.stdout) as Simulation;
  return simulation.designs[0]?.run.summary.faults?.[0] as FaultSummary;
}

describe('front doors during a fault', { timeout: 120_000 }, () => {
  it('Route 53 failover (30 s, threshold 3, TTL 60 s): detected in 60-96 s, users moved within one TTL', async () => {
    const fault = await faultOf('doors-dns-failover');
    const doors = fault.frontDoors;
    expect(doors).toBeDefined();
    const detected = (doors?.detectedS as number) - fault.startS;
    expect(detected).toBeGreaterThanOrEqual(60);
    expect(detected).toBeLessThanOrEqual(96);
    const last = (fault.lastLostCallS as number) - fault.startS;
    // Resolvers that cached the primary before detection keep it until their TTL runs out.
    expect(last).toBeGreaterThan(detected);
    expect(last).toBeLessThanOrEqual(detected + 60);
    const served99 = (doors?.servedElsewhere99S as number) - fault.startS;
    expect(served99).toBeGreaterThan(detected);
    expect(served99).toBeLessThanOrEqual(detected + 60 + 10);
    // Sessions on the lost pool kept their state in memory: those users start over.
    expect(doors?.sessionsLost).toBeGreaterThan(0);
  });

  it('clients that stretch TTLs to 10 minutes keep reaching the dead primary up to detection + 10 minutes', async () => {
    const fault = await faultOf('doors-dns-stretched');
    const detected = (fault.frontDoors?.detectedS as number) - fault.startS;
    const last = (fault.lastLostCallS as number) - fault.startS;
    expect(last).toBeGreaterThan(detected + 60);
    expect(last).toBeLessThanOrEqual(detected + 600);
    expect((fault.frontDoors?.servedElsewhere99S as number) - fault.startS).toBeGreaterThan(detected + 60);
  });

  it('Global Accelerator (30 s, threshold 3): users moved within its health-check time, no DNS delay', async () => {
    const fault = await faultOf('doors-accelerator-failover');
    const detected = (fault.frontDoors?.detectedS as number) - fault.startS;
    expect(detected).toBeGreaterThanOrEqual(70);
    expect(detected).toBeLessThanOrEqual(100);
    const last = (fault.lastLostCallS as number) - fault.startS;
    expect(last).toBeLessThanOrEqual(detected);
    expect((fault.frontDoors?.servedElsewhere99S as number) - fault.startS).toBeLessThanOrEqual(
      detected + 10,
    );
  });

  it('CloudFront origin failover delays each GET by 3 x 10 s; a POST fails after them', async () => {
    const get = await faultOf('doors-cloudfront-get');
    expect(get.requests.succeeded).toBe(get.requests.started);
    // 30 s of connection attempts, then the secondary: Los Angeles and New York to us-east-1 by their edges.
    expect(get.p50Ms).toBeGreaterThan(30_000);
    expect(get.p50Ms).toBeLessThan(30_200);
    const post = await faultOf('doors-cloudfront-post');
    expect(post.requests.succeeded).toBe(0);
    expect(post.requests.errors).toBe(post.requests.started);
  });

  it('an ALB’s sticky sessions on a lost zone move once its checks notice, losing in-memory state', async () => {
    const fault = await faultOf('doors-alb-zone-lost');
    const detected = (fault.frontDoors?.detectedS as number) - fault.startS;
    expect(detected).toBeGreaterThanOrEqual(35);
    expect(detected).toBeLessThanOrEqual(65);
    expect((fault.lastLostCallS as number) - fault.startS).toBeLessThanOrEqual(detected);
    expect(fault.frontDoors?.sessionsLost).toBeGreaterThan(0);
    expect(fault.frontDoors?.sessionsMoved).toBe(0);
  });

  it('an asynchronous store whose writer is lost loses the writes within its lag, and takes its promotion time', async () => {
    // Aurora Global Database (AUR-UG, aurora-global-database-disaster-recovery.md): an unplanned
    // failover loses what was not replicated; here 20 writes/s x the 300 ms median lag = about 6.
    const fault = await faultOf('doors-writes-lost');
    expect(fault.frontDoors?.writesLost).toBeGreaterThan(4);
    expect(fault.frontDoors?.writesLost).toBeLessThan(8);
    expect(fault.frontDoors?.promotionS).toBe(60);
    expect((await faultOf('doors-dns-failover')).frontDoors?.writesLost).toBe(0);
  });

  it('the Skyscanner designs compare as their doors imply (test/fixtures/sim/region-loss-short.yaml)', async () => {
    const result = await footprint('simulate', 'test/fixtures/sim/region-loss-short.yaml', '--json');
    expect(result.code, result.stderr).toBe(0);
    const simulation = JSON.parse(result.stdout) as Simulation;
    const of = (id: string) => {
      const fault = simulation.designs.find((d) => d.id === id)?.run.summary.faults?.[0] as FaultSummary;
      const after = (t: number | null | undefined) =>
        t === null || t === undefined ? null : t - fault.startS;
      return { fault, doors: fault.frontDoors, after };
    };
    // Global Accelerator: its own checks (10 s x 3), no DNS cache.
    const ga = of('accelerator');
    expect(ga.after(ga.doors?.servedElsewhere99S)).toBeLessThanOrEqual(50);
    // CloudFront resolves the weighted origin record itself: the NLB's checks (10 s x 2) plus one 60 s TTL.
    const cdn = of('cdn-weighted');
    expect(cdn.after(cdn.doors?.servedElsewhere99S)).toBeLessThanOrEqual(20 + 60 + 10);
    // DNS only: 5 % of clients keep answers 5 minutes: the last of them long after the TTL.
    const dns = of('dns-only');
    expect(dns.after(dns.doors?.servedElsewhere99S)).toBeGreaterThan(20 + 60 + 10);
    // DNS + CloudFront origin groups: each request to Europe tries eu-west-1 first for 30 s, past the 10 s client timeout.
    expect(of('dns-cloudfront').doors?.servedElsewhere50S).toBeNull();
    // Sessions: replicated ones move, in-memory ones start over.
    expect(cdn.doors?.sessionsLost).toBe(0);
    expect(cdn.doors?.sessionsMoved).toBeGreaterThan(0);
    expect(of('in-memory').doors?.sessionsLost).toBeGreaterThan(0);
  });

  it('gives the same bytes for the same scenario and seed', async () => {
    const a = await footprint('simulate', 'test/fixtures/sim/doors-dns-failover.yaml', '--json');
    const b = await footprint('simulate', 'test/fixtures/sim/doors-dns-failover.yaml', '--json');
    expect(a.stdout).toBe(b.stdout);
  });
});
