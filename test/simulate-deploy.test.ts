/**
 * Deploys as faults (issue 15, item 4): a bad push to a service's cells, all at once against one
 * cell at a time with a bake time, stopped and rolled back on an alarm; the damage of each compared.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { FaultSummary, Simulation } from '../src/sim/index.js';
import { footprint, json, ROOT, STACK_TRACE } from './cli.js';

const FIXTURE = 'test/fixtures/sim/deploy.yaml';

describe('a bad push to the search cells', { timeout: 60_000 }, async () => {
  const result = await footprint('simulate', FIXTURE, '--json');
  const faults = json<Simulation>(result).designs[0]?.run.summary.faults as FaultSummary[];
  const [all, oneByOne, fast] = faults as [FaultSummary, FaultSummary, FaultSummary];

  it('reaches every cell at once, or only the first before the alarm (3 minutes) stops it', () => {
    expect(result.code).toBe(0);
    expect(all.fault).toBe('deploy search (all at once): 12 of 12 cells');
    expect(oneByOne.fault).toBe('deploy search (one at a time, bake 10m): 1 of 12 cells');
    // With a 1-minute bake the push reaches cells at 0, 1 and 2 minutes; the one due at 3 does not get it.
    expect(fast.fault).toBe('deploy search (one at a time, bake 1m): 3 of 12 cells');
  });

  it('lasts until the rollback: the alarm at 3 minutes, 2 more to roll back', () => {
    for (const f of [all, oneByOne, fast]) {
      expect(f.kind).toBe('deploy');
      expect((f.endS as number) - f.startS).toBe(300);
    }
  });

  it('is noticed by the health checks within a minute', () => {
    for (const f of [all, oneByOne, fast]) {
      expect((f.detectedS as number) - f.startS).toBeGreaterThan(0);
      expect((f.detectedS as number) - f.startS).toBeLessThan(60);
      expect(f.recoveredS).not.toBeNull();
    }
  });

  it('costs far less one cell at a time: the damage grows with the cells reached', () => {
    const failed = (f: FaultSummary) => f.requests.errors + f.requests.timeouts;
    expect(failed(all)).toBeGreaterThan(20 * failed(oneByOne));
    expect(failed(fast)).toBeGreaterThan(failed(oneByOne));
    expect(failed(fast)).toBeLessThan(failed(all));
    // All at once: every call fails until the health checks fail over nowhere (all unhealthy: fail
    // open), so most searches of the five minutes fail.
    expect(failed(all)).toBeGreaterThan(0.4 * all.requests.started);
  });

  it('prints the comparison in the text report', async () => {
    const text = (await footprint('simulate', FIXTURE)).stdout;
    expect(text).toContain('deploy search (all at once): 12 of 12 cells (at 5m, for 5m)');
    expect(text).toContain('deploy search (one at a time, bake 10m): 1 of 12 cells (at 20m, for 5m)');
  });
});

describe('bad pushes', () => {
  const dir = mkdtempSync(join(ROOT, 'test/fixtures/sim/tmp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const base = readFileSync(join(ROOT, FIXTURE), 'utf8')
    .replaceAll('../../../', '../../../../')
    .replace(/faults:[\s\S]*$/, 'faults:\n');

  it.each([
    [
      'a bake with all at once',
      '  - { at: 5m, deploy: { service: search, bake: 5m } }',
      "'bake' goes with strategy one-at-a-time",
    ],
    [
      'a push that changes nothing',
      '  - { at: 5m, deploy: { service: search, errorRate: 0 } }',
      'the push changes nothing',
    ],
    ['an unknown service', '  - { at: 5m, deploy: { service: serch } }', "unknown service 'serch'"],
    [
      'two things at once',
      '  - { at: 5m, deploy: { service: search }, cut: { link: x } }',
      'a fault is one thing (lose, cut, brownout or deploy), not cut and deploy',
    ],
  ])('%s', async (_what, fault, message) => {
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, `${base}${fault}\n`);
    const result = await footprint('simulate', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toMatch(/bad\.yaml:15:\d+/);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
