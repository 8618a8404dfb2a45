/**
 * `footprint simulate` end to end, in-process through run(argv, io): the on-sale's three designs
 * (a six-minute version of the example, same designs and rates), the figures the seed predicts,
 * byte-identical runs, CSV output, design selection, the scenario schema, and the corpus of bad
 * scenario files (each `test/fixtures/bad-scenarios/NAME.yaml` with `NAME.expected`).
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderSimulation } from '../src/report/index.js';
import type { Simulation } from '../src/sim/index.js';
import { footprint, ROOT, STACK_TRACE } from './cli.js';

const SHORT = 'test/fixtures/sim/onsale-short.yaml';

// Each simulates a few hundred thousand requests: on a loaded 2-core machine that takes seconds.
describe('footprint simulate: the on-sale', { timeout: 120_000 }, async () => {
  const result = await footprint('simulate', SHORT, '--json');
  const simulation = JSON.parse(result.stdout) as Simulation;
  const design = (id: string) => {
    const found = simulation.designs.find((d) => d.id === id);
    if (!found) throw new Error(`no design ${id}`);
    return found.run.summary;
  };

  it('runs the three designs', () => {
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(simulation.designs.map((d) => d.id)).toEqual(['lz-burst', 'region-burst', 'buy-servers']);
  });

  it('holds the page budget with the Local Zone burst and breaks it with the region burst (seed 000)', () => {
    for (const source of design('lz-burst').sources) {
      expect(source.budgetP99Ms).toBe(100);
      expect(source.worstP99Ms).toBeLessThan(100);
    }
    for (const source of design('buy-servers').sources) expect(source.worstP99Ms).toBeLessThan(100);
    // Region instances call the inventory database in Phoenix 30-40 ms away, in series.
    for (const source of design('region-burst').sources) {
      expect(source.worstP99Ms).toBeGreaterThan(130);
      expect(source.intervalsOverBudget).toBeGreaterThan(5);
    }
  });

  it('loses no request in any design, and every request ends once', () => {
    for (const d of simulation.designs) {
      const r = d.run.summary.requests;
      expect(r.errors + r.rejected + r.timeouts).toBe(0);
      expect(r.succeeded).toBe(r.generated);
      expect(Math.abs(d.run.summary.littlesLaw.l - d.run.summary.littlesLaw.lambdaW)).toBeLessThan(1e-6);
    }
  });

  it('bursts 80 instances into the zone and back, and bills them', () => {
    const lz = design('lz-burst');
    const burst = lz.pools.filter((p) => p.place === 'us-west-2-phx-2a');
    expect(burst.reduce((sum, p) => sum + p.peakInstances, 0)).toBe(80);
    expect(burst.every((p) => p.startInstances === 0 && p.launches > 0)).toBe(true);
    expect(lz.cost.onDemandUsd).toBeGreaterThan(0);
    // Buying the servers owns 80 more at $0.15 an hour for the whole run, used or not.
    const extra = design('buy-servers').cost.onPremisesUsd - lz.cost.onPremisesUsd;
    expect(extra).toBeCloseTo((80 * 0.15 * simulation.durationS) / 3600, 9);
    expect(design('buy-servers').cost.onDemandUsd).toBe(0);
    expect(lz.cost.per1000SessionsUsd).toBeGreaterThan(0);
  });

  it('gives the same figures for a design run alone, and other figures with another seed', async () => {
    // A design's run depends on the scenario, its estate and the seed, never on the designs beside
    // it: run alone it gives the figures it gave among the three (and so the same bytes each time).
    // The same run writes its series as CSV.
    const dir = mkdtempSync(join(tmpdir(), 'footprint-sim-'));
    const alone = await footprint('simulate', SHORT, '--design', 'buy-servers', '--json', '--csv', dir);
    const one = JSON.parse(alone.stdout) as Simulation;
    expect(one.designs).toEqual(simulation.designs.filter((d) => d.id === 'buy-servers'));
    expect(alone.stdout).toBe(`${JSON.stringify({ ...simulation, designs: one.designs }, null, 2)}\n`);
    // Another seed, other figures (on a scenario a tenth of a second long).
    const [seeded, other] = await Promise.all(
      ['7', '8'].map((seed) =>
        footprint('simulate', 'test/fixtures/sim/region-lost.yaml', '--json', '--seed', seed),
      ),
    );
    const runOf = (r: typeof seeded) => (JSON.parse(r?.stdout ?? '') as Simulation).designs[0]?.run;
    expect(runOf(other)).not.toEqual(runOf(seeded));
    expect((JSON.parse(other?.stdout ?? '') as Simulation).seed).toBe(8);
    expect(readdirSync(dir).sort()).toEqual([
      'buy-servers-cost.csv',
      'buy-servers-pools.csv',
      'buy-servers-sources.csv',
    ]);
    const sources = readFileSync(join(dir, 'buy-servers-sources.csv'), 'utf8').trim().split('\n');
    expect(sources[0]).toBe('t_s,request,metro,arrivals,succeeded,errors,rejected,timeouts,p50_ms,p99_ms');
    expect(sources).toHaveLength(1 + 24 * 3); // 4 minutes in 10 s intervals, three metros
  });

  it('prints the designs side by side', () => {
    // The text the command prints is this rendering of the run (the docs test runs the command).
    const text = renderSimulation(simulation);
    expect(text).toMatch(/lz-burst\s+region-burst\s+buy-servers\n/);
    expect(text).toContain('event-page: p50 / p99 (budget p99 <= 100.0)');
    expect(text).toMatch(/worst interval p99\s+\d+\.\d held\s+\d+\.\d over\s+\d+\.\d held\n/);
    expect(text).toContain("Little's law");
  });
});

describe('footprint simulate: options', { timeout: 120_000 }, () => {
  it('refuses an unknown design with the ones it knows', async () => {
    const result = await footprint('simulate', SHORT, '--design', 'lz');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--design: no design 'lz'");
    expect(result.stderr).toContain('one of: lz-burst, region-burst, buy-servers');
  });

  it('prints the scenario schema the repository ships', async () => {
    const result = await footprint('schema', '--scenario');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'schema/scenario.schema.json'), 'utf8'));
  });
});

describe('bad scenario files give precise errors', () => {
  const dir = join(ROOT, 'test/fixtures/bad-scenarios');
  const cases = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();

  it('has a corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(10);
  });

  for (const file of cases)
    it(file, async () => {
      const expected = readFileSync(join(dir, file.replace(/\.yaml$/, '.expected')), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      const result = await footprint('simulate', `test/fixtures/bad-scenarios/${file}`);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stderr).toMatch(/^error\[FP_[A-Z_]+\]: /);
      for (const line of expected) expect(result.stderr).toContain(line);
    });
});

describe('designs that share a broken base', () => {
  it('show its error once, not once per design', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footprint-shared-base-'));
    const write = (name: string, text: string) => writeFileSync(join(dir, name), text);
    write('base.yaml', 'name: base\nsites:\n  dc: { kind: data-center, metro: metro:phoenix }\n');
    write('a.yaml', 'extends: ./base.yaml\nname: a\n');
    write('b.yaml', 'extends: ./base.yaml\nname: b\n');
    write(
      'scenario.yaml',
      'name: shared\ndesigns:\n  a: { estate: ./a.yaml }\n  b: { estate: ./b.yaml }\nduration: 1m\ndemand: [{ request: x, rate: 1 }]\n',
    );
    const result = await footprint('simulate', join(dir, 'scenario.yaml'));
    expect(result.code).toBe(2);
    expect(result.stderr.match(/^error\[/gm)).toHaveLength(1);
    expect(result.stderr).toContain("sites.dc.kind: 'data-center' (a string) is not allowed");
    expect(result.stderr).toContain(`--> ${join(dir, 'base.yaml')}:3:`);
  });
});
