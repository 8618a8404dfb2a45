/**
 * `footprint sweep` end to end, in-process: the on-sale grid (examples/ticketmaster-phoenix/
 * sweep.yaml, 60 short points) run on worker threads, and as three shards merged; the same rows
 * either way, byte for byte, whatever the worker count; the Parquet file read by DuckDB (an
 * independent reader); the report; and bad inputs, each a located error.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli/io.js';
import { run as runCli } from '../src/cli/program.js';
import { readResults, type SweepReport, type SweepRow } from '../src/sweep/index.js';
import { footprint, ROOT, STACK_TRACE } from './cli.js';

const SWEEP = 'examples/ticketmaster-phoenix/sweep.yaml';

describe('footprint sweep: the on-sale grid', { timeout: 180_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-sweep-'));
  const local = join(dir, 'local.parquet');
  const run = await footprint('sweep', SWEEP, '--workers', '2', '-o', local, '--json');
  const shards: string[] = [];
  const shardRuns: Awaited<ReturnType<typeof footprint>>[] = [];
  for (const k of [1, 2, 3]) {
    const file = join(dir, `shard-${k}.parquet`);
    shards.push(file);
    shardRuns.push(
      await footprint('sweep', SWEEP, '--shard', `${k}/3`, '--workers', '1', '-o', file, '--json'),
    );
  }
  const merged = join(dir, 'merged.parquet');
  // Out of order on purpose: the merge sorts by point.
  const merge = await footprint(
    'sweep',
    'merge',
    shards[2] as string,
    shards[0] as string,
    shards[1] as string,
    '-o',
    merged,
    '--json',
  );
  const results = await readResults(readFileSync(local), local);

  it('runs every point of the grid, 3 designs x 2 loads x 2 outages x 5 seeds', () => {
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const out = JSON.parse(run.stdout) as { points: number; ran: number; rows: SweepRow[] };
    expect(out.points).toBe(60);
    expect(out.ran).toBe(60);
    expect(results.rows.map((r) => r.index)).toEqual([...Array(60).keys()]);
    expect(new Set(results.rows.map((r) => r.id)).size).toBe(60);
    expect(new Set(results.rows.map((r) => r.design))).toEqual(
      new Set(['lz-burst', 'region-burst', 'buy-servers']),
    );
    // The rows are the run's JSON rows (which round figures for print), as written.
    out.rows.forEach((row, i) => {
      const written = results.rows[i] as SweepRow;
      expect(written.id).toBe(row.id);
      expect(written.generated).toBe(row.generated);
      expect(written.costUsd).toBeCloseTo(row.costUsd, 3);
      expect(written.p99Ms).toBeCloseTo(row.p99Ms, 2);
    });
  });

  it('gives figures a load level and a design explain', () => {
    const meanGenerated = (load: number) => {
      const rows = results.rows.filter((r) => r.load === load);
      return rows.reduce((s, r) => s + r.generated, 0) / rows.length;
    };
    // Twice the load: twice the requests, within the noise of five seeds' arrivals.
    expect(meanGenerated(2) / meanGenerated(1)).toBeGreaterThan(1.85);
    expect(meanGenerated(2) / meanGenerated(1)).toBeLessThan(2.15);
    // Buying the servers costs their hours all the time: more a run than either burst design.
    const cost = (design: string) =>
      results.rows.filter((r) => r.design === design).reduce((s, r) => s + r.costUsd, 0);
    expect(cost('buy-servers')).toBeGreaterThan(cost('lz-burst') * 1.2);
    for (const row of results.rows) {
      expect(row.succeeded + row.failed).toBeLessThanOrEqual(row.generated);
      expect(row.successRatio).toBeCloseTo(row.succeeded / row.generated, 12);
      // Phoenix users to a page in Phoenix: tens of ms, not hundreds.
      expect(row.p99Ms).toBeGreaterThan(20);
      expect(row.p99Ms).toBeLessThan(200);
    }
  });

  // The shards ran on one worker each, the local run on two: the same bytes, whatever the workers.
  it('shards 1/3, 2/3 and 3/3 hold every point once, and merge into the local run, byte for byte', async () => {
    for (const [i, r] of shardRuns.entries()) {
      expect(r.code, r.stderr).toBe(0);
      const shard = await readResults(readFileSync(shards[i] as string), 'shard');
      expect(shard.header.shard).toBe(`${i + 1}/3`);
      expect(shard.rows.length).toBe(20);
    }
    expect(merge.code, merge.stderr).toBe(0);
    expect(JSON.parse(merge.stdout)).toMatchObject({ rows: 60, missing: [], duplicates: 0 });
    const mergedResults = await readResults(readFileSync(merged), merged);
    expect(mergedResults.rows).toEqual(results.rows);
    expect(readFileSync(merged).equals(readFileSync(local))).toBe(true);
  });

  it('writes Parquet that DuckDB reads: the same rows, typed columns', async () => {
    const db = await DuckDBInstance.create(':memory:');
    const connection = await db.connect();
    const read = await connection.runAndReadAll(
      `select * from read_parquet('${local.replace(/'/g, "''")}') order by "index"`,
    );
    const rows = read.getRowObjectsJS();
    expect(rows.length).toBe(60);
    const types = Object.fromEntries(
      read.columnNames().map((name, i) => [name, String(read.columnTypes()[i])]),
    );
    expect(types).toMatchObject({
      index: 'INTEGER',
      id: 'VARCHAR',
      load: 'DOUBLE',
      meetsBudget: 'BOOLEAN',
      costUsd: 'DOUBLE',
    });
    rows.forEach((row, i) => {
      const mine = results.rows[i] as SweepRow;
      for (const [key, value] of Object.entries(mine)) expect(row[key], `${mine.id} ${key}`).toEqual(value);
    });
    const best = await connection.runAndReadAll(
      `select design, avg(costUsd) as cost from read_parquet('${local.replace(/'/g, "''")}') group by design order by cost`,
    );
    expect(best.getRowObjectsJS().map((r) => r.design)).toContain('buy-servers');
    connection.closeSync();
  });

  it('reports the best design per load and outage, and the sensitivity to each parameter', async () => {
    const report = await footprint('sweep', 'report', local, '--json');
    expect(report.code, report.stderr).toBe(0);
    const analysis = JSON.parse(report.stdout) as SweepReport;
    expect(analysis.best.map((b) => `${b.load} ${b.outage}`)).toEqual([
      '1 lz-lost',
      '1 none',
      '2 lz-lost',
      '2 none',
    ]);
    for (const cell of analysis.best) {
      expect(cell.designs.length).toBe(3);
      expect(cell.designs[0]?.design).toBe(cell.best);
      // Buying 80 servers is never the cheapest way through a short on-sale that fails nothing.
      expect(cell.best).not.toBe('buy-servers');
    }
    const costByDesign = analysis.sensitivity.find((s) => s.figure === 'costUsd' && s.parameter === 'design');
    // The design sets the cost: it explains nearly all of its variance, the seed almost none.
    expect(costByDesign?.share).toBeGreaterThan(0.9);
    const costBySeed = analysis.sensitivity.find((s) => s.figure === 'costUsd' && s.parameter === 'seed');
    expect(costBySeed?.share).toBeLessThan(0.05);
    const text = await footprint('sweep', 'report', local);
    expect(text.stdout).toContain('Best design per load and outage');
    const page = join(dir, 'report.html');
    const html = await footprint('sweep', 'report', local, '-o', page);
    expect(html.code, html.stderr).toBe(0);
    const body = readFileSync(page, 'utf8');
    expect(body).toContain('<h1>onsale-sweep</h1>');
    expect(body).toContain('Sensitivity to each parameter');
    expect(body).not.toMatch(/<script/);
  });

  it('refuses to merge files of different sweeps, and says which points a partial merge lacks', async () => {
    const partial = await footprint(
      'sweep',
      'merge',
      shards[0] as string,
      '-o',
      join(dir, 'partial.parquet'),
      '--json',
    );
    expect(partial.code).toBe(0);
    expect(JSON.parse(partial.stdout).missing.length).toBe(40);
    const other = join(dir, 'other.yaml');
    writeFileSync(
      other,
      readFileSync(join(ROOT, SWEEP), 'utf8')
        .replace('seeds: { from: 1, count: 5 }', 'seeds: [7]')
        .replace(/\.\//g, `${ROOT}examples/ticketmaster-phoenix/`),
    );
    const otherOut = join(dir, 'other.parquet');
    expect((await footprint('sweep', other, '--workers', '1', '--shard', '1/12', '-o', otherOut)).code).toBe(
      0,
    );
    const mixed = await footprint(
      'sweep',
      'merge',
      shards[0] as string,
      otherOut,
      '-o',
      join(dir, 'mixed.parquet'),
    );
    expect(mixed.code).toBe(2);
    expect(mixed.stderr).toContain('holds results of another sweep');
  });
});

describe('footprint sweep: progress', { timeout: 60_000 }, () => {
  const runInteractive = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const io: CliIo = {
      stdout: (t) => {
        stdout += t;
      },
      stderr: (t) => {
        stderr += t;
      },
      interactive: true,
    };
    const code = await runCli(args, io);
    return { code, stdout, stderr };
  };

  it('draws a progress bar with an ETA on a terminal, and none with --json', async () => {
    const shown = await runInteractive('sweep', SWEEP, '--shard', '1/20', '--workers', '1');
    expect(shown.code).toBe(0);
    expect(shown.stderr).toMatch(/\r\[#* *\] 100% 3\/3 points, ETA 0 s/);
    expect(shown.stdout).not.toContain('\r');
    const quiet = await runInteractive('sweep', SWEEP, '--shard', '1/20', '--workers', '1', '--json');
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toBe('');
  });
});

describe('footprint sweep: bad inputs', { timeout: 60_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-sweep-bad-'));
  const scenario = join(ROOT, 'examples/ticketmaster-phoenix/onsale.yaml');
  const bad = async (name: string, text: string) => {
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, text);
    const result = await footprint('sweep', file, '--workers', '1');
    expect(result.code).toBe(2);
    expect(result.stderr).not.toMatch(STACK_TRACE);
    return { file, stderr: result.stderr };
  };

  it('locates a key that is not a sweep key', async () => {
    const { file, stderr } = await bad('key', `name: x\nscenario: ${scenario}\nlods: [1, 2]\n`);
    expect(stderr).toContain(`${file}:3:1`);
    expect(stderr).toContain("did you mean 'loads'");
  });

  it('locates a load that is not a multiplier', async () => {
    const { file, stderr } = await bad('load', `name: x\nscenario: ${scenario}\nloads: [1, -2]\n`);
    expect(stderr).toContain(`${file}:3:12`);
  });

  it('locates an outage whose zone does not exist in the sweep file, not in the scenario written for it', async () => {
    const { file, stderr } = await bad(
      'zone',
      `name: x\nscenario: ${scenario}\nset: { duration: 10s, interval: 5s, actions: [] }\noutages:\n  lost:\n    - { at: 5s, lose: { zone: us-west-2-phx-9z } }\n`,
    );
    expect(stderr).toMatch(new RegExp(`${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:6:\\d+`));
    expect(stderr).toContain('us-west-2-phx-9z');
  });

  it('locates a `set` the scenario cannot take (an action after the run ends) in the sweep file', async () => {
    const { file, stderr } = await bad(
      'set',
      `name: x\nscenario: ${scenario}\nset: { duration: 10s, interval: 5s }\n`,
    );
    // The scenario's own actions come at 16m: after a 10-second run. They are the scenario's lines.
    expect(stderr).toContain('examples/ticketmaster-phoenix/onsale.yaml:');
    expect(stderr).toContain('after the run ends');
    expect(file).toBeTruthy();
  });

  it('names a design estate that does not exist', async () => {
    const { file, stderr } = await bad(
      'design',
      `name: x\nscenario: ${scenario}\nset: { duration: 10s, interval: 5s, actions: [] }\ndesigns:\n  mine: { estate: ./nope.yaml }\n`,
    );
    expect(stderr).toContain(`${file}:5:`);
    expect(stderr).toContain('cannot read estate file');
  });

  it('runs a design patched in the sweep file, and locates a bad patch there', async () => {
    const estate = join(ROOT, 'examples/ticketmaster-phoenix/onsale-lz-burst.yaml');
    const base = `name: x\nscenario: ${scenario}\nset: { duration: 10s, interval: 5s, actions: [] }\ndesigns:\n  lz: { estate: ${estate} }\n`;
    const good = join(dir, 'patch.yaml');
    writeFileSync(
      good,
      `${base}  small:\n    estate: ${estate}\n    patch: { capacity: { seat-map: { pools: { phx-dc: { instances: 2 } } } } }\n`,
    );
    const ran = await footprint('sweep', good, '--workers', '1', '--json');
    expect(ran.code, ran.stderr).toBe(0);
    const rows = (JSON.parse(ran.stdout) as { rows: SweepRow[] }).rows;
    // The data centre's seat-map servers go from 6 to 2: four fewer instances at the peak.
    expect((rows[0] as SweepRow).peakInstances - (rows[1] as SweepRow).peakInstances).toBe(4);
    const { file, stderr } = await bad(
      'bad-patch',
      `${base}  small:\n    estate: ${estate}\n    patch: { capacity: { seat-map: { pools: { phx-dc: { instances: -2 } } } } }\n`,
    );
    expect(stderr).toContain(`in the patch of design 'small' (${file}:8:5)`);
  });

  it('refuses a shard that is not k/N, and a results file that is not one', async () => {
    const shard = await footprint('sweep', SWEEP, '--shard', '4/3');
    expect(shard.code).toBe(2);
    expect(shard.stderr).toContain('k/N with 1 <= k <= N');
    const notParquet = await footprint('sweep', 'report', SWEEP);
    expect(notParquet.code).toBe(2);
    expect(notParquet.stderr).toContain('is not a sweep');
    const queue = await footprint('sweep', SWEEP, '--queue', 'http://x');
    expect(queue.code).toBe(2);
    expect(queue.stderr).toContain('is not a Redis URL');
  });
});
