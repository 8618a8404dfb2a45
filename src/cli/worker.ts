/**
 * `footprint worker`: a process that pulls sweep points from a BullMQ queue on Redis and runs
 * them, until stopped (SIGTERM or Ctrl-C: it finishes its current point first). Run one per core,
 * on as many machines as you like; they need no files, only Redis.
 */
import type { Command } from 'commander';
import { startQueueWorker } from '../sweep/index.js';
import { type CliIo, emit } from './io.js';
import { positiveInteger } from './options.js';

interface WorkerFlags {
  queue: string;
  lock?: number;
  json?: boolean;
}

export function registerWorker(program: Command, io: CliIo): void {
  program
    .command('worker')
    .description(
      'run the points of sweeps put on a Redis queue (`footprint sweep ... --queue`), until stopped',
    )
    .requiredOption('--queue <redis-url>', 'the Redis the sweeps are queued on, e.g. redis://127.0.0.1:6379')
    .option(
      '--lock <seconds>',
      "how long a point's lock lasts: a dead worker's point is run again after about this long; more than the longest point (default 30)",
      positiveInteger('--lock'),
    )
    .option('--json', 'print JSON when stopped')
    .action(async (flags: WorkerFlags) => {
      let ran = 0;
      let recorded = 0;
      const worker = await startQueueWorker(flags.queue, {
        ...(flags.lock !== undefined ? { lockMs: flags.lock * 1000 } : {}),
        onPoint: (_job, fresh) => {
          ran++;
          if (fresh) recorded++;
        },
      });
      if (flags.json !== true) io.stderr(`footprint worker: pulling sweep points from ${flags.queue}\n`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGTERM', stop);
          process.off('SIGINT', stop);
          resolve();
        };
        process.once('SIGTERM', stop);
        process.once('SIGINT', stop);
      });
      await worker.close();
      emit(
        io,
        flags.json === true,
        { points: ran, recorded },
        () => `footprint worker: ran ${ran} points, recorded ${recorded}\n`,
      );
    });
}
