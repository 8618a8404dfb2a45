/**
 * `footprint gameday` end to end through run(argv, io): a Local Zone whose parent AZ powers down
 * as the load rises (the reactive design cannot launch and breaks its availability; the statically
 * stable one holds), exit codes, JUnit, byte-identical JSON, the standard game days against a
 * scenario, and bad game-day files located at file:line:col.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GamedayReport } from '../src/report/index.js';
import { footprint, json, ROOT, STACK_TRACE } from './cli.js';

const PARENT_AZ = 'test/fixtures/gameday/parent-az.yaml';
const STEADY = 'test/fixtures/gameday/steady.yaml';

describe('the parent AZ of a Local Zone powers down as the load rises', { timeout: 60_000 }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'fp-gameday-'));
  const junit = join(out, 'gameday.xml');
  const result = await footprint('gameday', PARENT_AZ, '--json', '--junit', junit);
  const report = json<GamedayReport>(result);
  const design = (id: string) => report.designs.find((d) => d.id === id);
  const reactive = design('reactive');
  const still = design('static');
  const assertion = (d: typeof reactive, name: string) => d?.assertions.find((a) => a.name.startsWith(name));

  it('exits 1 because an assertion breaks, and says which', () => {
    expect(result.code).toBe(1);
    expect(report.holds).toBe(false);
    expect(report.broken).toBe(1);
    expect(reactive?.broken).toBe(1);
    expect(still?.broken).toBe(0);
  });

  it('launches nothing in the Local Zone while its parent is down, in either design', () => {
    for (const d of [reactive, still]) {
      const launches = assertion(d, 'api@us-west-2-phx-2a: launches <=');
      expect(launches?.holds).toBe(true);
      expect(launches?.measures[0]?.value).toBe(0);
    }
    // The reactive design wanted to scale out and was refused; it launches once power returns.
    expect(
      assertion(reactive, 'api@us-west-2-phx-2a: launchFailures')?.measures[0]?.value,
    ).toBeGreaterThanOrEqual(1);
    const after = assertion(reactive, 'api@us-west-2-phx-2a: launches >= 1 in the 4m after');
    expect(after?.holds).toBe(true);
    expect(after?.measures[0]?.value).toBeGreaterThanOrEqual(1);
    // The fault itself records it exactly.
    const launches = reactive?.faults[0]?.launches?.find((l) => l.pool === 'api@us-west-2-phx-2a');
    expect(launches?.launches).toBe(0);
    expect(launches?.launchFailures).toBeGreaterThanOrEqual(1);
  });

  it('breaks the reactive design: two servers cannot take the peak without the burst', () => {
    const served = assertion(reactive, 'users served');
    expect(served?.holds).toBe(false);
    // 200 requests/s at the peak against two on-premises workers of 20 ms each (100/s).
    const availability = served?.measures[0]?.value as number;
    expect(availability).toBeGreaterThan(30);
    expect(availability).toBeLessThan(90);
  });

  it('holds in the statically stable design: its Local Zone capacity needs no launch', () => {
    const served = assertion(still, 'users served');
    expect(served?.holds).toBe(true);
    expect(served?.measures[0]?.value).toBeGreaterThanOrEqual(99.9);
    // Phoenix users to the data center and the Local Zone next to it: tens of ms, not hundreds.
    expect(served?.measures[1]?.value).toBeLessThan(200);
    expect(assertion(still, 'fault 1 recovered')?.holds).toBe(true);
  });

  it('writes JUnit: a suite per design, a failure for the broken assertion', () => {
    const xml = readFileSync(junit, 'utf8');
    expect(xml).toContain('<testsuites name="footprint gameday parent-az-small" tests="8" failures="1"');
    expect(xml).toContain('<testsuite name="parent-az-small · reactive" tests="5" failures="1"');
    expect(xml).toContain('<testsuite name="parent-az-small · static" tests="3" failures="0"');
    expect(xml.match(/<failure /g)).toHaveLength(1);
    expect(xml).toMatch(
      /<failure message="availability \(\d+ requests ended\): [\d.]+ % \(bound &gt;= 99 %\)/,
    );
  });

  it('gives the same bytes twice, and text that marks what broke', async () => {
    const again = await footprint('gameday', PARENT_AZ, '--json');
    expect(again.stdout).toBe(result.stdout);
    const text = await footprint('gameday', PARENT_AZ);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('design reactive: Launches as load rises\n assertions holding: 4 of 5');
    expect(text.stdout).toMatch(/ BROKEN {2}users served while the parent is down\n {11}availability/);
    expect(text.stdout).toContain('1. lose zone usw2-az1, 30s to 6m30s');
    expect(text.stdout).toMatch(/1 assertion broken: exit 1\n$/);
  });
});

describe('the standard game days', { timeout: 60_000 }, async () => {
  const result = await footprint('gameday', STEADY, '--standard', 'az-power-down,region-loss', '--json');
  const data = json<{ gamedays: GamedayReport[]; broken: number }>(result);

  it('generates one per AZ and region with a pool, in a stable order', () => {
    expect(data.gamedays.map((g) => g.gameday)).toEqual([
      'az-power-down use1-az1',
      'az-power-down usw2-az1',
      'region-loss us-east-1',
      'region-loss us-west-2',
    ]);
  });

  it('puts the fault at a quarter of the run for a quarter of it', () => {
    const fault = data.gamedays[3]?.designs[0]?.faults[0];
    expect(fault?.fault).toBe('lose region us-west-2');
    expect(fault?.startS).toBe(120);
    expect(fault?.endS).toBe(240);
  });

  it('holds where the users do not go and breaks where they do', () => {
    // Los Angeles users call us-west-2 (nearest): losing us-east-1 costs them nothing; losing
    // us-west-2 loses the calls sent there until the health checks notice (about 40 s of 2 min).
    const east = data.gamedays[2]?.designs[0]?.assertions[0];
    expect(east?.holds).toBe(true);
    expect(east?.measures[0]?.value).toBe(100);
    const west = data.gamedays[3]?.designs[0]?.assertions[0];
    expect(west?.holds).toBe(false);
    expect(west?.measures[0]?.value).toBeGreaterThan(50);
    expect(west?.measures[0]?.value).toBeLessThan(90);
    expect(result.code).toBe(1);
  });

  it('says when the run is too short to see the recovery', () => {
    // Servers that do not scale come back 5 minutes after their place (the default boot): the run
    // ends 4 minutes after the fault.
    const recovered = data.gamedays[3]?.designs[0]?.assertions[1];
    expect(recovered?.measures[0]?.value).toBeNull();
    expect(recovered?.measures[0]?.what).toContain(
      "not by the run's end, 4m after the fault's: lengthen the run",
    );
  });

  it('takes the thresholds from the command line', async () => {
    const loose = await footprint(
      'gameday',
      STEADY,
      '--standard',
      'region-loss',
      '--availability',
      '50',
      '--p99',
      '5s',
      '--json',
    );
    const gamedays = json<{ gamedays: GamedayReport[] }>(loose).gamedays;
    const west = gamedays[1]?.designs[0]?.assertions[0];
    expect(west?.name).toBe('availability >= 50 % while the fault is in force');
    expect(west?.measures.map((m) => m.holds)).toEqual([true, true]);
  });
});

describe('the standard game days against an estate, under a constant load', { timeout: 60_000 }, async () => {
  const result = await footprint(
    'gameday',
    'test/fixtures/sim/two-regions.yaml',
    '--standard',
    'region-loss',
    '--rate',
    '20',
    '--duration',
    '8m',
    '--json',
  );
  const data = json<{ gamedays: GamedayReport[] }>(result);

  it('loads the estate under each of its requests at --rate for --duration', () => {
    expect(data.gamedays.map((g) => g.gameday)).toEqual(['region-loss us-east-1', 'region-loss us-west-2']);
    const west = data.gamedays[1];
    expect(west?.file).toBe('test/fixtures/sim/two-regions.yaml');
    expect(west?.durationS).toBe(480);
    // 20 requests a second for 8 minutes, give or take the Poisson arrivals.
    const generated = west?.designs[0]?.requests.generated as number;
    expect(generated).toBeGreaterThan(20 * 480 * 0.95);
    expect(generated).toBeLessThan(20 * 480 * 1.05);
  });

  it('refuses an estate without requests, and the load options without --standard', async () => {
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const dir = mkdtempSync(join(ROOT, 'test/fixtures/gameday/tmp-'));
    try {
      const file = join(dir, 'empty.yaml');
      writeFileSync(file, 'name: empty\n');
      const none = await footprint('gameday', file, '--standard');
      expect(none.code).toBe(2);
      expect(none.stderr).toContain('has no requests: a game day needs load to measure');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    const stray = await footprint('gameday', PARENT_AZ, '--rate', '5');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--rate goes with --standard');
  });
});

describe('bad game days', () => {
  const dir = mkdtempSync(join(ROOT, 'test/fixtures/gameday/tmp-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const write = (
    name: string,
    assertions: string,
    faults = '  - { at: 1m, for: 2m, lose: { zone: usw2-az1 } }',
  ) => {
    const file = join(dir, name);
    writeFileSync(
      file,
      [
        'name: bad',
        'estate: ../lz-burst.yaml',
        'duration: 5m',
        'demand: [{ request: page, rate: 10 }]',
        'faults:',
        faults,
        'assertions:',
        assertions,
        '',
      ].join('\n'),
    );
    return file;
  };

  it.each([
    [
      'a fault that is not there',
      '  - recovered: { fault: 2, within: 5m }',
      ':8:',
      'there is no fault 2: the game day has 1',
    ],
    [
      'two things at once',
      '  - { availability: 99, pool: api@dc, launches: { max: 0 } }',
      ':8:',
      'an assertion checks one thing, not availability/p99 and pool',
    ],
    ['nothing', '  - { name: empty }', ':8:', 'the assertion checks nothing'],
    ['an unknown metro', '  - { metro: phoenx, availability: 99 }', ':8:', "no design has users in 'phoenx'"],
    [
      'an unknown request',
      '  - { request: pgae, availability: 99 }',
      ':8:',
      "the scenario has no demand for 'pgae'",
    ],
    [
      'an empty window',
      '  - { during: { from: 3m, to: 2m }, availability: 99 }',
      ':8:',
      'the window 3m to 2m is empty',
    ],
    ['a percentage over 100', '  - { availability: 101 }', ':8:', 'availability'],
    ['min over max', '  - { pool: api@dc, launches: { min: 3, max: 1 } }', ':8:', 'min 3 is over max 1'],
  ])('%s', async (_what, assertions, line, message) => {
    const file = write('bad.yaml', assertions);
    const result = await footprint('gameday', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(result.stderr).toContain(`bad.yaml${line}`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('keeps the numbers of the faults when one reaches no pool of a design', async () => {
    writeFileSync(
      join(dir, 'with-batch.yaml'),
      'extends: ../lz-burst.yaml\nname: with-batch\nservices:\n  batch: { at: [{ place: dc, instances: 1 }], computeMs: 5 }\n',
    );
    const file = join(dir, 'numbered.yaml');
    writeFileSync(
      file,
      [
        'name: numbered',
        'estate: ./with-batch.yaml',
        'duration: 5m',
        'demand: [{ request: page, rate: 10 }]',
        'faults:',
        '  - { at: 30s, for: 1m, brownout: { service: batch, errorRate: 1 } }',
        '  - { at: 1m, for: 2m, lose: { zone: usw2-az1 } }',
        'assertions:',
        '  - { during: { fault: 2 }, pool: api@us-west-2-phx-2a, launches: { max: 0 } }',
        '',
      ].join('\n'),
    );
    const result = await footprint('gameday', file, '--json');
    expect(result.code).toBe(0);
    const faults = json<GamedayReport>(result).designs[0]?.faults ?? [];
    expect(faults.map((f) => f.fault)).toEqual([
      'brown-out of batch (no request reaches it)',
      'lose zone usw2-az1',
    ]);
    expect(json<GamedayReport>(result).designs[0]?.assertions[0]?.window).toBe('while fault 2 is in force');
  });

  it('a window after a fault that never ends', async () => {
    const file = write(
      'forever.yaml',
      '  - { during: { fault: 1, after: 1m }, availability: 99 }',
      '  - { at: 1m, lose: { zone: usw2-az1 } }',
    );
    const result = await footprint('gameday', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('fault 1 never ends: nothing comes after it');
  });

  it('a pool the design does not have, with the closest one', async () => {
    const file = write('pool.yaml', '  - { pool: api@us-west-2-phx-2b, launches: { max: 0 } }');
    const result = await footprint('gameday', file);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("design 'estate' has no pool 'api@us-west-2-phx-2b'");
    expect(result.stderr).toContain('api@us-west-2-phx-2a');
  });

  it('flags that go with --standard, and standard game days that do not exist', async () => {
    const stray = await footprint('gameday', PARENT_AZ, '--availability', '99');
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain('--availability goes with --standard');
    const unknown = await footprint('gameday', STEADY, '--standard', 'az-power-down,meteor');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("--standard: no standard game day 'meteor'");
  });

  it('a game-day file given to --standard is refused for its assertions', async () => {
    const result = await footprint('gameday', PARENT_AZ, '--standard');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown key 'assertions'");
  });
});

describe('the example game day and the schema', () => {
  it('loads, and every design compiles with the pools its assertions name', async () => {
    const { loadGameday } = await import('../src/gameday/index.js');
    const { compileSimulation } = await import('../src/sim/index.js');
    const gameday = loadGameday('examples/ticketmaster-phoenix/gameday-parent-az.yaml');
    expect(gameday.scenario.designs.map((d) => d.id)).toEqual(['reactive', 'static']);
    expect(gameday.assertions).toHaveLength(4);
    for (const design of gameday.scenario.designs) {
      const { model } = compileSimulation(gameday.scenario, design);
      expect(model.pools.map((p) => p.id)).toContain('event-details@us-west-2-phx-2a');
      // The parent AZ the example declares blocks the Local Zone's launches while it is lost.
      expect(model.faults?.[0]?.launchBlocked.map((p) => model.pools[p]?.id)).toEqual([
        'event-details@us-west-2-phx-2a',
        'pricing@us-west-2-phx-2a',
        'seat-map@us-west-2-phx-2a',
        'recommendations@us-west-2-phx-2a',
      ]);
    }
  });

  it('prints the game-day schema the repository ships', async () => {
    const result = await footprint('schema', '--gameday');
    expect(result.stdout).toBe(readFileSync(join(ROOT, 'schema/gameday.schema.json'), 'utf8'));
    const both = await footprint('schema', '--gameday', '--scenario');
    expect(both.code).toBe(2);
  });
});
