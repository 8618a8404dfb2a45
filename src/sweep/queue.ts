/**
 * Sweeps over a shared work queue: BullMQ over Redis. The producer stores the files the plan read
 * (its bundle) under the sweep's fingerprint, puts one job per point on the queue (the job id is
 * the fingerprint and the point's index, so a point is queued once however often it is added), and
 * waits for the rows. Workers, on any number of machines, pull jobs, load the plan from Redis (no
 * files needed), run the point and record its row with HSETNX: a point is recorded once, even when
 * a worker thought dead finishes after all. A worker that dies mid-point holds a lock that expires;
 * BullMQ's stalled-job check puts the job back for another worker.
 */
import { type Job, Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { FootprintError } from '../errors.js';
import { bundleReader, type LoadedSweep, loadSweep } from './load.js';
import type { SweepRow } from './row.js';
import { runPoint } from './run.js';

/** The queue every sweep's points go on; jobs name their sweep. */
export const QUEUE_NAME = 'footprint-sweep';
/** How long a sweep's plan and rows stay in Redis after their last write (7 days). */
export const KEEP_S = 7 * 86_400;

/** How long a worker's lock lasts while it loads a sweep's plan (the first point of a sweep). */
const PLAN_LOAD_LOCK_MS = 120_000;

/** A point's job: which sweep (its fingerprint) and which point. */
export interface PointJob {
  readonly sweep: string;
  readonly index: number;
}

interface RedisAddress {
  readonly host: string;
  readonly port: number;
  readonly db?: number;
  readonly username?: string;
  readonly password?: string;
  readonly tls?: Record<string, never>;
}

/**
 * Parses `redis://[user:password@]host:port[/db]` (or `rediss://` for TLS), as `--queue` takes it.
 * @example parseRedisUrl('redis://127.0.0.1:6379').port // 6379
 */
export function parseRedisUrl(text: string): RedisAddress {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  const db = url && url.pathname.length > 1 ? Number(url.pathname.slice(1)) : 0;
  if (
    !url ||
    (url.protocol !== 'redis:' && url.protocol !== 'rediss:') ||
    !url.hostname ||
    !Number.isInteger(db)
  )
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `--queue: '${text}' is not a Redis URL`,
      expected: 'redis://HOST:PORT (or rediss:// for TLS, redis://:PASSWORD@HOST:PORT/DB)',
    });
  return {
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : 6379,
    ...(db ? { db } : {}),
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    ...(url.protocol === 'rediss:' ? { tls: {} } : {}),
  };
}

/** Keys of a sweep in Redis. */
export function sweepKeys(fingerprint: string): { plan: string; rows: string; errors: string } {
  const base = `footprint:sweep:${fingerprint}`;
  return { plan: `${base}:plan`, rows: `${base}:rows`, errors: `${base}:errors` };
}

/** A connection to Redis, or a located user error when there is none within a few seconds. */
export async function connectRedis(url: string): Promise<Redis> {
  const address = parseRedisUrl(url);
  const redis = new Redis({
    ...address,
    lazyConnect: true,
    maxRetriesPerRequest: null,
    connectTimeout: 5000,
  });
  redis.on('error', () => {}); // reported below, or retried by ioredis while running
  try {
    await Promise.race([
      redis.connect(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out')), 5000).unref()),
    ]);
  } catch (error) {
    redis.disconnect();
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `--queue: cannot reach Redis at ${url} (${error instanceof Error ? error.message : String(error)})`,
      suggestion: 'start one (redis-server --port 6379) or give the URL of yours',
    });
  }
  return redis;
}

export interface QueueRunOptions {
  /** Hears each row as it is recorded, with how many are done. */
  readonly onRow?: (row: SweepRow, done: number) => void;
  /** How often to look for new rows, in ms; default 100. */
  readonly pollMs?: number;
}

/**
 * Puts the points at `indices` on the queue at `url` and waits until workers have recorded every
 * one; returns their rows in point order. Points already recorded (an earlier run of the same
 * sweep) are not queued again.
 * @example const rows = await runOnQueue(sweep, [0, 1, 2], 'redis://127.0.0.1:6379');
 */
export async function runOnQueue(
  sweep: LoadedSweep,
  indices: readonly number[],
  url: string,
  options: QueueRunOptions = {},
): Promise<SweepRow[]> {
  const redis = await connectRedis(url);
  const queue = new Queue<PointJob>(QUEUE_NAME, { connection: parseRedisUrl(url) });
  try {
    const keys = sweepKeys(sweep.fingerprint);
    await redis.set(keys.plan, JSON.stringify({ file: sweep.file, bundle: sweep.bundle }), 'EX', KEEP_S);
    await redis.del(keys.errors);
    const found = new Map<number, SweepRow>();
    const pending = new Set(indices);
    await collect(redis, keys.rows, pending, found, options);
    const jobs = [...pending].map((index) => ({
      name: 'point',
      data: { sweep: sweep.fingerprint, index },
      // Removed when done either way: the row (or the error) is the record, and a job left behind
      // under its id would stop the point being queued again.
      opts: {
        jobId: `${sweep.fingerprint}.${index}`,
        removeOnComplete: true,
        removeOnFail: true,
        attempts: 3,
      },
    }));
    for (let i = 0; i < jobs.length; i += 1000) await queue.addBulk(jobs.slice(i, i + 1000));
    const pollMs = options.pollMs ?? 100;
    let seen = -1;
    while (pending.size > 0) {
      const [count, errors] = await Promise.all([redis.hlen(keys.rows), redis.hgetall(keys.errors)]);
      const failure = Object.entries(errors)[0];
      if (failure) throw new Error(`point ${failure[0]} failed on a worker: ${failure[1]}`);
      if (count !== seen) {
        seen = count;
        await collect(redis, keys.rows, pending, found, options);
      }
      if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    await redis.expire(keys.rows, KEEP_S);
    return [...found.values()].sort((a, b) => a.index - b.index);
  } finally {
    await queue.close();
    redis.disconnect();
  }
}

/** Moves the recorded rows of `pending` points into `found`. */
async function collect(
  redis: Redis,
  key: string,
  pending: Set<number>,
  found: Map<number, SweepRow>,
  options: QueueRunOptions,
): Promise<void> {
  const wanted = [...pending];
  for (let i = 0; i < wanted.length; i += 10_000) {
    const chunk = wanted.slice(i, i + 10_000);
    const values = await redis.hmget(key, ...chunk.map(String));
    values.forEach((value, j) => {
      const index = chunk[j];
      if (value === null || index === undefined) return;
      const row = JSON.parse(value) as SweepRow;
      pending.delete(index);
      found.set(index, row);
      options.onRow?.(row, found.size);
    });
  }
}

export interface QueueWorkerOptions {
  /**
   * How long a job's lock lasts, in ms: a worker that dies holding a point gives it back after
   * about this long (BullMQ's stalled-job check). It must exceed the longest point. Default 30 s.
   */
  readonly lockMs?: number;
  /** Hears each point this worker ran (or found already recorded). */
  readonly onPoint?: (job: PointJob, recorded: boolean) => void;
}

/** A running queue worker: `close()` lets it finish its current point and stop. */
export interface QueueWorker {
  close(): Promise<void>;
}

/**
 * Pulls points from the queue at `url` and runs them, until closed.
 * @example const worker = await startQueueWorker('redis://127.0.0.1:6379'); // ... await worker.close();
 */
export async function startQueueWorker(url: string, options: QueueWorkerOptions = {}): Promise<QueueWorker> {
  const redis = await connectRedis(url);
  const plans = new Map<string, LoadedSweep>();
  const lockMs = options.lockMs ?? 30_000;
  const processor = async (job: Job<PointJob>, token?: string) => {
    const { sweep: fingerprint, index } = job.data;
    const keys = sweepKeys(fingerprint);
    if (await redis.hexists(keys.rows, String(index))) {
      options.onPoint?.(job.data, false);
      return;
    }
    let sweep = plans.get(fingerprint);
    if (!sweep) {
      // Loading a plan blocks this thread for a while (once per sweep): the lock must outlast it.
      if (token !== undefined) await job.extendLock(token, Math.max(lockMs, PLAN_LOAD_LOCK_MS));
      const stored = await redis.get(keys.plan);
      if (stored === null) throw new Error(`the plan of sweep ${fingerprint} is not in Redis`);
      const { file, bundle } = JSON.parse(stored) as { file: string; bundle: Record<string, string> };
      sweep = loadSweep(file, bundleReader(bundle), { checked: true });
      if (sweep.fingerprint !== fingerprint)
        throw new Error(
          `sweep ${fingerprint} loads as ${sweep.fingerprint} here: another version of Footprint?`,
        );
      plans.set(fingerprint, sweep);
    }
    const row = runPoint(sweep, index);
    const recorded = (await redis.hsetnx(keys.rows, String(index), JSON.stringify(row))) === 1;
    options.onPoint?.(job.data, recorded);
  };
  const worker = new Worker<PointJob>(QUEUE_NAME, processor, {
    connection: parseRedisUrl(url),
    concurrency: 1,
    lockDuration: lockMs,
    stalledInterval: Math.max(500, Math.round(lockMs / 2)),
    maxStalledCount: 10,
  });
  worker.on('failed', (job, error) => {
    if (!job || job.attemptsMade < (job.opts.attempts ?? 1)) return;
    const keys = sweepKeys(job.data.sweep);
    void redis.hset(keys.errors, String(job.data.index), error.message).catch(() => {});
  });
  worker.on('error', () => {}); // connection trouble: ioredis reconnects
  await worker.waitUntilReady();
  return {
    async close() {
      await worker.close();
      redis.disconnect();
    },
  };
}
