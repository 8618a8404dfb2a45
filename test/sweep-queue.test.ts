/**
 * `footprint sweep --queue` and `footprint worker` over a real Redis: Debian's redis-server,
 * started here on 127.0.0.1 on a port of its own and stopped afterwards. Three worker processes run
 * the on-sale grid (60 points); the rows equal the local run's, byte for byte. Then a worker is
 * killed (SIGKILL) while it holds a point: BullMQ's stalled-job check gives the point to another
 * worker, and no point is lost or recorded twice. Without redis-server the tests are skipped,
 * except under FOOTPRINT_REQUIRE_REDIS=1 (CI), where they fail.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { QueueEvents } from 'bullmq';
import type { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, redisServerPath, startRedis } from '../bench/redis-server.js';
import { loadSweep, readResults, runOnQueue } from '../src/sweep/index.js';
import { CLI, footprint, ROOT } from './cli.js';

const SWEEP = 'examples/ticketmaster-phoenix/sweep.yaml';

const server = redisServerPath();
if (!server && process.env.FOOTPRINT_REQUIRE_REDIS === '1')
  throw new Error(
    'FOOTPRINT_REQUIRE_REDIS=1 but redis-server is not installed (apt-get install redis-server)',
  );

describe.skipIf(!server)('footprint sweep --queue: three workers over Redis', { timeout: 240_000 }, () => {
  let redisServer: RedisServer | undefined;
  let url = '';
  let redis: Redis | undefined;
  const workers: ChildProcess[] = [];
  const dir = mkdtempSync(join(tmpdir(), 'footprint-sweep-queue-'));

  const startWorker = () => {
    const worker = spawn(process.execPath, [CLI, 'worker', '--queue', url, '--lock', '3'], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    workers.push(worker);
    return worker;
  };

  beforeAll(async () => {
    redisServer = await startRedis(server as string);
    url = redisServer.url;
    redis = redisServer.redis;
  });

  afterAll(async () => {
    // Every worker this file started, and its Redis, stopped.
    for (const w of workers) if (w.exitCode === null && w.signalCode === null) w.kill('SIGTERM');
    await Promise.all(
      workers.map((w) =>
        w.exitCode === null && w.signalCode === null ? new Promise((r) => w.once('exit', r)) : undefined,
      ),
    );
    await redisServer?.stop();
  });

  it('runs the 60-point grid on three workers: the same bytes as the local run', async () => {
    const local = join(dir, 'local.parquet');
    const localRun = await footprint('sweep', SWEEP, '--workers', '1', '-o', local);
    expect(localRun.code, localRun.stderr).toBe(0);
    const three = [startWorker(), startWorker(), startWorker()];
    const queued = join(dir, 'queued.parquet');
    const run = await footprint('sweep', SWEEP, '--queue', url, '-o', queued, '--json');
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).ran).toBe(60);
    expect(readFileSync(queued).equals(readFileSync(local))).toBe(true);
    const rows = (await readResults(readFileSync(queued), queued)).rows;
    expect(rows.map((r) => r.index)).toEqual([...Array(60).keys()]);
    // Each stops when asked (SIGTERM), after its current point.
    for (const w of three) {
      w.kill('SIGTERM');
      const code = await new Promise((r) => w.once('exit', r));
      expect(code).toBe(0);
    }
    // Run again: every point is already recorded (idempotent by point), nothing is queued.
    const again = await footprint('sweep', SWEEP, '--queue', url, '-o', join(dir, 'again.parquet'));
    expect(again.code, again.stderr).toBe(0);
    expect(readFileSync(join(dir, 'again.parquet')).equals(readFileSync(local))).toBe(true);
  });

  it('loses no point when a worker is killed mid-run', async () => {
    await redis?.flushall();
    const sweep = loadSweep(SWEEP);
    const events = new QueueEvents('footprint-sweep', {
      connection: { host: '127.0.0.1', port: Number(new URL(url).port) },
    });
    let stalled = 0;
    events.on('stalled', () => {
      stalled++;
    });
    await events.waitUntilReady();
    const victim = startWorker();
    const all = [...Array(sweep.points).keys()];
    const running = runOnQueue(sweep, all, url);
    const rowsKey = `footprint:sweep:${sweep.fingerprint}:rows`;
    // Let the victim record a few points, then kill it while it runs the next.
    const deadline = Date.now() + 60_000;
    while (((await redis?.hlen(rowsKey)) ?? 0) < 5 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    victim.kill('SIGKILL');
    await new Promise((r) => victim.once('exit', r));
    const before = (await redis?.hlen(rowsKey)) ?? 0;
    expect(before).toBeGreaterThanOrEqual(5);
    expect(before).toBeLessThan(60);
    startWorker();
    startWorker();
    const rows = await running;
    await events.close();
    expect(rows.map((r) => r.index)).toEqual(all);
    expect(await redis?.hlen(rowsKey)).toBe(60);
    // The point the victim held came back through the stalled-job check.
    expect(stalled).toBeGreaterThanOrEqual(1);
    const local = join(dir, 'local.parquet');
    const localRows = (await readResults(readFileSync(local), local)).rows;
    expect(rows).toEqual(localRows);
  });
});
