/**
 * Cold starts in the simulator (issue 15, item 2): us-west-2 loses power and comes back; services
 * with start-up dependencies crash-loop with back-off until they answer (batch), or start as soon as
 * they do (strict). A start-up cycle never comes back; a bootstrap breaks it; losing one AZ of two
 * leaves every dependency answering in the other.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ColdStartFigures, FaultSummary, Simulation } from '../src/sim/index.js';
import { footprint, json, ROOT } from './cli.js';

const FIXTURE = 'test/fixtures/sim/coldstart.yaml';
const END_S = 720;
const BOOT_S = 180;

function coldStartOf(
  simulation: Simulation,
  design: string,
): { fault: FaultSummary; cold: ColdStartFigures } {
  const fault = simulation.designs.find((d) => d.id === design)?.run.summary.faults?.[0] as FaultSummary;
  return { fault, cold: fault.coldStart as ColdStartFigures };
}

/** The first start of a service after the fault's end (seconds), or null; and the most tries of its pools. */
function started(cold: ColdStartFigures, service: string): { afterS: number | null; tries: number } {
  const pools = cold.pools.filter((p) => p.service === service);
  const times = pools.flatMap((p) => (p.startedS === null ? [] : [p.startedS - END_S]));
  return {
    afterS: times.length ? Math.min(...times) : null,
    tries: Math.max(...pools.map((p) => p.attempts)),
  };
}

async function simulate(text: string | undefined, ...args: string[]): Promise<Simulation> {
  if (text === undefined) return json<Simulation>(await footprint('simulate', FIXTURE, '--json', ...args));
  const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
  const dir = mkdtempSync(join(ROOT, 'test/fixtures/sim/tmp-'));
  try {
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, text.replaceAll('../../../', '../../../../'));
    const result = await footprint('simulate', file, '--json', ...args);
    if (result.code !== 0) throw new Error(result.stderr);
    return json<Simulation>(result);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('a cold start in batches (crash loops with back-off)', { timeout: 60_000 }, async () => {
  const simulation = await simulate(undefined);
  const bootstrap = coldStartOf(simulation, 'bootstrap').cold;
  const cycle = coldStartOf(simulation, 'cycle');

  it('starts what needs nothing, or has it, as soon as its servers have booted', () => {
    // event-config is bootstrapped; seat-map needs only inventory-db, in Phoenix, never lost.
    expect(started(bootstrap, 'event-config')).toEqual({ afterS: BOOT_S, tries: 1 });
    expect(started(bootstrap, 'seat-map')).toEqual({ afterS: BOOT_S, tries: 1 });
  });

  it('starts the next wave after one back-off, and the one after after two (10 s, then 20 s)', () => {
    // pricing needs event-config: its first try at boot finds it not up yet (same instant), the next 10 s later.
    expect(started(bootstrap, 'pricing')).toEqual({ afterS: BOOT_S + 10, tries: 2 });
    expect(started(bootstrap, 'recommendations')).toEqual({ afterS: BOOT_S + 10, tries: 2 });
    // event-details needs pricing: it fails at boot and at +10 s (pricing starts then too), then +20 s.
    expect(started(bootstrap, 'event-details')).toEqual({ afterS: BOOT_S + 30, tries: 3 });
  });

  it('serves the page again once the last wave is up, in every metro', () => {
    for (const r of bootstrap.requests) {
      expect(r.servedS).not.toBeNull();
      expect((r.servedS as number) - END_S).toBeGreaterThanOrEqual(BOOT_S + 30 - 30);
      expect((r.servedS as number) - END_S).toBeLessThanOrEqual(BOOT_S + 30 + 30);
    }
  });

  it('never brings a start-up cycle back: its members crash-loop to the end of the run', () => {
    for (const service of ['event-details', 'pricing', 'event-config', 'recommendations']) {
      const s = started(cycle.cold, service);
      expect(s.afterS).toBeNull();
      // Tries at boot, then after 10, 20, 40, 80, 160 and 300 s (capped): within the 5 minutes left.
      expect(s.tries).toBeGreaterThanOrEqual(5);
    }
    expect(started(cycle.cold, 'seat-map').afterS).toBe(BOOT_S);
    expect(cycle.cold.requests.every((r) => r.servedS === null)).toBe(true);
    expect(cycle.fault.recoveredS).toBeNull();
  });

  it('prints each service and request against the fault’s end', async () => {
    const text = (await footprint('simulate', FIXTURE)).stdout;
    expect(text).toMatch(/event-details up after its end \(tries\) +never \(\d\) +\+3m30s \(3\)\n/);
    expect(text).toMatch(/event-page served again after its end +never +\+\d+m(\d+s)?\n/);
  });
});

describe('a cold start in strict order, and a zone lost', { timeout: 60_000 }, async () => {
  const text = readFileSync(join(ROOT, FIXTURE), 'utf8');
  const strict = await simulate(`${text}coldStart: { order: strict }\n`);
  const batch = coldStartOf(await simulate(undefined), 'bootstrap').cold;

  it('starts each service when its dependencies answer: every wave at once, sooner than batches', () => {
    const cold = coldStartOf(strict, 'bootstrap').cold;
    for (const service of ['event-config', 'seat-map', 'pricing', 'recommendations', 'event-details'])
      expect(started(cold, service)).toEqual({ afterS: BOOT_S, tries: 1 });
    const served = (c: ColdStartFigures) => Math.max(...c.requests.map((r) => r.servedS as number));
    expect(served(cold)).toBeLessThan(served(batch));
    // The cycle still never starts: no order breaks it.
    expect(started(coldStartOf(strict, 'cycle').cold, 'pricing').afterS).toBeNull();
  });

  it('leaves every dependency answering in the other AZ when one AZ is lost: the cycle starts', async () => {
    const zone = await simulate(
      text.replace('lose: { region: us-west-2, boot: 3m }', 'lose: { zone: usw2-az1, boot: 3m }'),
      '--design',
      'cycle',
    );
    const { cold, fault } = coldStartOf(zone, 'cycle');
    for (const service of ['event-details', 'pricing', 'event-config'])
      expect(started(cold, service)).toEqual({ afterS: BOOT_S, tries: 1 });
    expect(fault.recoveredS).not.toBeNull();
  });

  it('refuses a back-off whose base is over its cap, at file:line:col', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync(join(ROOT, 'test/fixtures/sim/tmp-'));
    try {
      const file = join(dir, 'bad.yaml');
      writeFileSync(
        file,
        `${text.replaceAll('../../../', '../../../../')}coldStart: { backoff: { base: 10m, cap: 1m } }\n`,
      );
      const result = await footprint('simulate', file);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('a back-off from 600 s to 60 s');
      expect(result.stderr).toMatch(/bad\.yaml:16:\d+/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
