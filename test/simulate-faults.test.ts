/**
 * `footprint simulate` with faults, end to end through run(argv, io): a region lost moves the
 * users' calls to the other region once the health checks notice (and not before); both Phoenix
 * DX circuits cut (the calls to the data center take the backup path's RTT); the on-sale example
 * with the Phoenix Local Zone lost at its peak; the figures in JSON, text and CSV, byte for byte
 * the same on a second run.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { physicalLatency } from '../src/latency/index.js';
import { EMPTY_ESTATE } from '../src/model/index.js';
import { compileSimulation, type FaultSummary, loadScenario, type Simulation } from '../src/sim/index.js';
import { footprint, ROOT } from './cli.js';

function readOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

const REGION_LOST = 'test/fixtures/sim/region-lost.yaml';
const DX_CUT = 'test/fixtures/sim/dx-cut.yaml';
const EXAMPLE = 'examples/ticketmaster-phoenix/onsale-faults.yaml';

function faultsOf(simulation: Simulation): readonly FaultSummary[] {
  return simulation.designs[0]?.run.summary.faults ?? [];
}

describe('a region lost', { timeout: 60_000 }, async () => {
  const result = await footprint('simulate', REGION_LOST, '--json');
  const simulation = JSON.parse(result.stdout) as Simulation;
  const run = simulation.designs[0]?.run;
  const fault = faultsOf(simulation)[0] as FaultSummary;

  it('is noticed after 2 failed checks 30 s apart, each at its 5 s timeout; calls go there until then', () => {
    expect(result.code).toBe(0);
    expect(fault.fault).toBe('lose region us-west-2');
    const detected = (fault.detectedS as number) - fault.startS;
    expect(detected).toBeGreaterThanOrEqual(35);
    expect(detected).toBeLessThan(65);
    const last = (fault.lastLostCallS as number) - fault.startS;
    expect(last).toBeGreaterThanOrEqual(30);
    expect(last).toBeLessThanOrEqual(detected);
    // 50 requests a second into the lost region until then; each one times out (3 s).
    expect(fault.lostCalls).toBeGreaterThan(50 * 30);
    expect(fault.lostCalls).toBeLessThan(50 * 65 + 50);
    expect(fault.requests.timeouts).toBeGreaterThan(50 * 30);
  });

  it('moves the calls to us-east-1 by balancing: the latency during it is the other region’s', () => {
    // Los Angeles to us-east-1 by the latency model (about 58 ms; to us-west-2 about 31), plus
    // 5 ms of compute and a little queueing.
    const east = physicalLatency(EMPTY_ESTATE, 'metro:los-angeles', 'use1-az1').rttMs;
    expect(east).toBeGreaterThan(physicalLatency(EMPTY_ESTATE, 'metro:los-angeles', 'usw2-az1').rttMs + 20);
    expect(fault.p50Ms).toBeGreaterThan(east + 4);
    expect(fault.p50Ms).toBeLessThan(east + 10);
    const pools = run?.summary.pools ?? [];
    expect(pools.find((p) => p.id === 'api@use1-az1')?.served).toBeGreaterThan(50 * 150);
  });

  it('is recovered from when the servers are back (30 s boot) and pass 5 checks 30 s apart', () => {
    const recovered = (fault.recoveredS as number) - (fault.endS as number);
    expect(recovered).toBeGreaterThanOrEqual(30 + 4 * 30);
    expect(recovered).toBeLessThan(30 + 5 * 30 + 6);
    const p50 = run?.series.sources[0]?.p50Ms ?? [];
    expect(p50.at(-1)).toBeLessThan(45);
  });

  it("gives the same bytes again: the health checks' phases and the timeouts come from the seed", async () => {
    expect((await footprint('simulate', REGION_LOST, '--json')).stdout).toBe(result.stdout);
  });

  it('prints the fault in the text report', async () => {
    const text = await footprint('simulate', REGION_LOST);
    expect(text.stdout).toContain('faults: requests started during each (until recovered)');
    expect(text.stdout).toMatch(
      /lose region us-west-2 \(at 2m, for 2m\)\n\s+detected \/ recovered\s+\+\d+s \/ \+\d+m\d+s\n/,
    );
  });
});

describe('compiling faults against a design', () => {
  it('losing us-west-2 stops nothing of the Local Zone burst but blocks its launches (its control plane)', () => {
    const file = join(ROOT, 'examples/ticketmaster-phoenix/region-lost-inline.yaml');
    const text = [
      'name: region-lost-inline',
      'estate: ./onsale-lz-burst.yaml',
      'duration: 5m',
      'demand: [{ request: event-page, rate: 10 }]',
      'faults: [{ at: 1m, for: 1m, lose: { region: us-west-2 } }]',
    ].join('\n');
    const scenario = loadScenario(file, (path) => (path === file ? text : readOrUndefined(path)));
    const { model, notes } = compileSimulation(
      scenario,
      scenario.designs[0] as (typeof scenario.designs)[number],
    );
    const fault = model.faults?.[0];
    expect(fault?.pools).toEqual([]);
    expect(fault?.launchBlocked.map((p) => model.pools[p]?.id)).toEqual([
      'event-details@us-west-2-phx-2a',
      'pricing@us-west-2-phx-2a',
      'seat-map@us-west-2-phx-2a',
      'recommendations@us-west-2-phx-2a',
    ]);
    expect(notes).not.toContain("the fault 'lose region us-west-2' hits no pool of this design");
  });
});

describe('losing an AZ of a region with Local Zone pools', () => {
  const file = join(ROOT, 'test/fixtures/gameday/inline.yaml');
  const scenarioText = (estate: string) =>
    [
      'name: parent-inline',
      `estate: ${estate}`,
      'duration: 5m',
      'demand: [{ request: page, rate: 10 }]',
      'faults: [{ at: 1m, for: 1m, lose: { zone: usw2-az1 } }]',
    ].join('\n');
  const unknownParent = join(ROOT, 'test/fixtures/gameday/no-parent.yaml');
  const estates: Record<string, string> = {
    [unknownParent]: (readOrUndefined(join(ROOT, 'test/fixtures/gameday/lz-burst.yaml')) ?? '').replace(
      /localZones:\n.*\n/,
      '',
    ),
  };
  const compile = (estate: string) => {
    const scenario = loadScenario(file, (path) =>
      path === file ? scenarioText(estate) : (estates[path] ?? readOrUndefined(path)),
    );
    return compileSimulation(scenario, scenario.designs[0] as (typeof scenario.designs)[number]);
  };

  it('blocks the launches of a Local Zone whose parent it is (declared under localZones)', () => {
    const { model, notes } = compile('./lz-burst.yaml');
    expect(model.faults?.[0]?.launchBlocked.map((p) => model.pools[p]?.id)).toEqual(['api@us-west-2-phx-2a']);
    expect(notes.join('\n')).not.toContain('is not known');
  });

  it('says so when nobody knows the parent, rather than guessing', () => {
    const { model, notes } = compile('./no-parent.yaml');
    expect(model.faults?.[0]?.launchBlocked).toEqual([]);
    expect(notes).toContain(
      'the parent AZ of us-west-2-phx-2a is not known, so losing usw2-az1 does not stop its launches: declare it under localZones (ParentZoneId in describe-availability-zones)',
    );
  });
});

describe('both Phoenix DX circuits cut', { timeout: 60_000 }, async () => {
  const result = await footprint('simulate', DX_CUT, '--json');
  const simulation = JSON.parse(result.stdout) as Simulation;
  const [hillsboro, phoenix] = faultsOf(simulation) as [FaultSummary, FaultSummary];

  it('recomputes the RTTs without the links: the same with one left, the backup path with none', () => {
    const scenario = loadScenario(DX_CUT);
    const { model } = compileSimulation(scenario, scenario.designs[0] as (typeof scenario.designs)[number]);
    const e = model.endpoints.length;
    const az = model.endpoints.indexOf('usw2-az1');
    const dc = model.endpoints.indexOf('phx-dc');
    const rtt = (v: number) => model.rttVariants?.[v]?.[az * e + dc] as number;
    // Seed 000: 30-40 ms to Oregon over DX (either circuit: Phoenix and Hillsboro both reach it);
    // with neither, the company WAN to Virginia (about 60 ms) and the backbone back west.
    expect(rtt(0)).toBeGreaterThan(30);
    expect(rtt(0)).toBeLessThan(40);
    expect(rtt(1)).toBeCloseTo(rtt(0), 6);
    expect(rtt(2)).toBeGreaterThan(100);
    expect(rtt(2)).toBeLessThan(140);
  });

  it('raises the page latency to the backup path while both are cut, and loses no request', () => {
    expect(result.code).toBe(0);
    expect(hillsboro.fault).toBe('cut link dx-pdx');
    expect(hillsboro.detectedS).toBeNull();
    expect(hillsboro.recoveredS).toBe(hillsboro.endS);
    expect(phoenix.requests.started).toBe(phoenix.requests.succeeded);
    // The page calls the database four times in series (once, then from pricing, seat-map and
    // recommendations): about 85 ms more each round trip.
    const run = simulation.designs[0]?.run;
    const p50 = run?.series.sources[0]?.p50Ms ?? [];
    const at = (t: number) => p50[run?.series.t.indexOf(t) ?? -1] as number;
    expect(at(200) - at(100)).toBeGreaterThan(2 * 80);
    expect(Math.abs(at(340) - at(100))).toBeLessThan(10);
  });
});

describe('the on-sale example: the Phoenix Local Zone lost at the peak', { timeout: 120_000 }, async () => {
  // Simulated once (five seconds of CPU): the JSON and the CSV of the same run.
  const csvDir = mkdtempSync(join(tmpdir(), 'footprint-faults-'));
  afterAll(() => rmSync(csvDir, { recursive: true, force: true }));
  const result = await footprint('simulate', EXAMPLE, '--json', '--csv', csvDir);
  const simulation = JSON.parse(result.stdout) as Simulation;
  const zone = faultsOf(simulation)[0] as FaultSummary;

  it('is noticed within two checks; its calls time out until then; the data center cannot take it all', () => {
    expect(zone.fault).toBe('lose zone us-west-2-phx-2a');
    expect(zone.endS).toBeNull();
    const detected = (zone.detectedS as number) - zone.startS;
    expect(detected).toBeGreaterThanOrEqual(35);
    expect(detected).toBeLessThan(65);
    // Four services, each checked at its own phase: the last call there goes before the slowest notices.
    expect((zone.lastLostCallS as number) - zone.startS).toBeLessThan(65);
    expect(zone.lostCalls).toBeGreaterThan(0);
    expect(zone.requests.timeouts).toBeGreaterThan(0);
    // The data center's 20 servers cannot take the on-sale alone.
    expect(zone.requests.rejected).toBeGreaterThan(0);
    expect(zone.p99Ms).toBeGreaterThan(1000);
  });

  it('writes the faults as CSV', () => {
    expect(readdirSync(csvDir)).toContain('lz-burst-faults.csv');
    const csv = readFileSync(join(csvDir, 'lz-burst-faults.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toMatch(/^fault,start_s,end_s,detected_s,recovered_s,started,/);
    expect(csv[1]).toMatch(/^lose zone us-west-2-phx-2a,360,,\d/);
    expect(csv).toHaveLength(2);
  });
});
