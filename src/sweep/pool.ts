/**
 * Running a sweep's points on this machine: in the calling thread (one worker), or on it and a
 * pool of worker threads, each handed the next point as it finishes one. Rows come back in whatever order
 * the threads finish; they are returned in point order, so the result does not depend on how many
 * workers ran it, nor on their timing.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { FootprintError } from '../errors.js';
import type { LoadedSweep } from './load.js';
import type { SweepRow } from './row.js';
import { runPoint } from './run.js';

/** What a thread is given: the sweep file's path and every file the plan read. */
export interface ThreadSetup {
  readonly file: string;
  readonly bundle: Readonly<Record<string, string>>;
}
export interface ThreadRequest {
  readonly index: number;
}
export type ThreadReply =
  | { readonly ready: true }
  | { readonly index: number; readonly row: SweepRow }
  | { readonly index: number; readonly error: string };

/** The thread's script, built beside this file in dist/ (from src/ under a test, the built one). */
const THREAD = new URL('../../dist/sweep/thread.js', import.meta.url);

export interface LocalRunOptions {
  /** Worker threads; 1 runs in the calling thread. Default: every core. */
  readonly workers?: number;
  /** Hears each row as it comes, with how many are done. */
  readonly onRow?: (row: SweepRow, done: number) => void;
}

/** Every core of this machine (as Node counts them). */
export function defaultWorkers(): number {
  return Math.max(1, availableParallelism());
}

/**
 * Runs the points at `indices` and returns their rows in point order.
 * @example const rows = await runLocal(loadSweep('examples/ticketmaster-phoenix/sweep.yaml'), [0, 1, 2], { workers: 2 });
 */
export async function runLocal(
  sweep: LoadedSweep,
  indices: readonly number[],
  options: LocalRunOptions = {},
): Promise<SweepRow[]> {
  const workers = Math.max(1, Math.min(options.workers ?? defaultWorkers(), indices.length));
  const rows: SweepRow[] = [];
  if (workers === 1) {
    for (const index of indices) {
      const row = runPoint(sweep, index);
      rows.push(row);
      options.onRow?.(row, rows.length);
    }
  } else {
    await runOnThreads(sweep, indices, workers, (row) => {
      rows.push(row);
      options.onRow?.(row, rows.length);
    });
  }
  return rows.sort((a, b) => a.index - b.index);
}

/**
 * `workers - 1` threads and the calling thread, which is warm already (its plan loaded, its code
 * compiled): it takes a point whenever it is free, between the threads' messages, so that a small
 * grid is not slowed by threads starting up and a large one uses every core.
 */
function runOnThreads(
  sweep: LoadedSweep,
  indices: readonly number[],
  workers: number,
  onRow: (row: SweepRow) => void,
): Promise<void> {
  if (!existsSync(THREAD))
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: 'the sweep worker (dist/sweep/thread.js) is missing',
      suggestion: 'run `npm run build` in the Footprint checkout, or run with --workers 1',
    });
  return new Promise((resolve, reject) => {
    const setup: ThreadSetup = { file: sweep.file, bundle: sweep.bundle };
    const threads: Worker[] = [];
    let next = 0;
    let done = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const t of threads) void t.terminate();
      if (error) reject(error);
      else resolve();
    };
    const record = (row: SweepRow) => {
      onRow(row);
      if (++done === indices.length) finish();
    };
    const feed = (thread: Worker) => {
      const index = indices[next++];
      if (index !== undefined) thread.postMessage({ index } satisfies ThreadRequest);
    };
    for (let i = 1; i < workers; i++) {
      const thread = new Worker(THREAD, { workerData: setup });
      threads.push(thread);
      thread.on('message', (reply: ThreadReply) => {
        if ('ready' in reply) return feed(thread);
        if ('error' in reply) return finish(new Error(`point ${reply.index}: ${reply.error}`));
        record(reply.row);
        if (!settled) feed(thread);
      });
      thread.on('error', (error) => finish(error));
      thread.on('exit', (code) => {
        if (!settled) finish(new Error(`a sweep worker thread stopped (exit code ${code})`));
      });
    }
    const inThisThread = () => {
      if (settled) return;
      const index = indices[next++];
      if (index === undefined) return;
      try {
        record(runPoint(sweep, index));
      } catch (error) {
        return finish(error instanceof Error ? error : new Error(String(error)));
      }
      setImmediate(inThisThread); // the threads' messages first
    };
    setImmediate(inThisThread);
  });
}
