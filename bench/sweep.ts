/**
 * Benchmark: sweep throughput. The on-sale grid (examples/ticketmaster-phoenix/sweep.yaml, 60
 * short points) run
 *
 * 1. on one core, in this thread (`runLocal`, one worker): the peer every other figure is measured
 *    against, in the same run;
 * 2. on every core, on worker threads;
 * 3. through Redis: three `footprint worker` processes on this machine pulling the points from a
 *    BullMQ queue on Debian's redis-server (started here on 127.0.0.1, a free port, and stopped),
 *    after a warm-up run so that each worker has loaded the plan.
 *
 * Each is run five times (`--reps N`) and its medians printed (CPU and wall clock apart): one run
 * of 60 short points moves by 15 % or more on a shared machine, enough to make the queue's overhead
 * come out negative.
 *
 * Printed: points a minute (wall clock) and CPU ms a point for each, the ratio to one core, and the
 * queue's overhead per point: the CPU the workers and the producer spent beyond the points' own
 * CPU on one core, and the wall-clock time per point beyond a perfect three-way split. CPU time is
 * the fairer figure on a shared machine (the load average is printed); wall-clock figures need a
 * quiet one.
 *
 *   npm run bench:sweep             the grid, three ways
 *   npm run bench:sweep -- --json   machine-readable
 *   npm run bench:sweep -- --reps 3 fewer repetitions
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { loadSweep, runLocal, runOnQueue } from '../src/sweep/index.js';
import { median } from './measure.js';
import { redisServerPath, startRedis } from './redis-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));
const SWEEP = 'examples/ticketmaster-phoenix/sweep.yaml';
const json = process.argv.includes('--json');
const repsAt = process.argv.indexOf('--reps');
const REPS = repsAt >= 0 ? Math.max(1, Number(process.argv[repsAt + 1]) || 1) : 5;

interface Figure {
  readonly name: string;
  readonly points: number;
  readonly wallS: number;
  readonly cpuS: number;
}

/** CPU seconds (user + system) of a process, from /proc. */
function processCpuS(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

function ownCpuS(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}

async function measureOnce(
  name: string,
  points: number,
  run: () => Promise<unknown>,
  extraCpu: () => number,
): Promise<Figure> {
  const cpu0 = ownCpuS() + extraCpu();
  const t0 = performance.now();
  await run();
  const wallS = (performance.now() - t0) / 1000;
  return { name, points, wallS, cpuS: ownCpuS() + extraCpu() - cpu0 };
}

/** The medians of REPS runs: CPU seconds and wall-clock seconds, each its own median. */
async function measure(
  name: string,
  points: number,
  run: () => Promise<unknown>,
  extraCpu = () => 0,
): Promise<Figure> {
  const runs: Figure[] = [];
  for (let i = 0; i < REPS; i++) runs.push(await measureOnce(name, points, run, extraCpu));
  return { name, points, wallS: median(runs.map((r) => r.wallS)), cpuS: median(runs.map((r) => r.cpuS)) };
}

async function throughRedis(points: number): Promise<Figure | string> {
  const server = redisServerPath();
  if (!server) return 'redis-server is not installed (apt-get install redis-server)';
  const { url, stop } = await startRedis(server);
  const workers: ChildProcess[] = [];
  try {
    // A client of its own: the queue's waits need it to retry, not to give up at the first error.
    const redis = new Redis(url, { retryStrategy: () => 50, maxRetriesPerRequest: null });
    redis.on('error', () => {});
    for (let i = 0; i < 3; i++)
      workers.push(
        spawn(process.execPath, [CLI, 'worker', '--queue', url, '--lock', '10'], {
          cwd: ROOT,
          stdio: 'ignore',
        }),
      );
    const sweep = loadSweep(SWEEP);
    const all = [...Array(points).keys()];
    // Warm-up: every worker loads the plan (and its JIT warms) on points of its own.
    await runOnQueue(sweep, all, url);
    await redis.del(`footprint:sweep:${sweep.fingerprint}:rows`);
    const workersCpu = () => workers.reduce((s, w) => s + (w.pid ? processCpuS(w.pid) : 0), 0);
    // Each repetition starts from no recorded rows (points already recorded are not queued again).
    const rows = `footprint:sweep:${sweep.fingerprint}:rows`;
    const figure = await measure(
      '3 workers through Redis',
      points,
      async () => {
        await runOnQueue(sweep, all, url);
        await redis.del(rows);
      },
      workersCpu,
    );
    redis.disconnect();
    return figure;
  } finally {
    for (const w of workers) w.kill('SIGTERM');
    await Promise.all(workers.map((w) => new Promise((r) => w.once('exit', r))));
    await stop();
  }
}

async function main(): Promise<void> {
  const sweep = loadSweep(SWEEP);
  const all = [...Array(sweep.points).keys()];
  await runLocal(sweep, all.slice(0, 6), { workers: 1 }); // warm-up
  const one = await measure('1 core (this thread): the peer', sweep.points, () =>
    runLocal(sweep, all, { workers: 1 }),
  );
  const cores = availableParallelism();
  const many = await measure(`${cores} cores (worker threads)`, sweep.points, () =>
    runLocal(sweep, all, { workers: cores }),
  );
  const queued = await throughRedis(sweep.points);
  const figures = [one, many, ...(typeof queued === 'string' ? [] : [queued])];
  const perPointCpuMs = (one.cpuS / one.points) * 1000;
  const overhead =
    typeof queued === 'string'
      ? undefined
      : {
          cpuMsPerPoint: (queued.cpuS / queued.points) * 1000 - perPointCpuMs,
          wallMsPerPoint: (queued.wallS / queued.points) * 1000 - (one.wallS / one.points / 3) * 1000,
        };
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores,
    loadAverage: loadavg().map((l) => Number(l.toFixed(2))),
    node: process.version,
  };
  if (json) {
    console.log(
      JSON.stringify(
        {
          machine,
          sweep: SWEEP,
          points: sweep.points,
          repetitions: REPS,
          figures,
          overhead,
          ...(typeof queued === 'string' ? { redis: queued } : {}),
        },
        null,
        2,
      ),
    );
    return;
  }
  console.log(
    `sweep bench: ${SWEEP}, ${sweep.points} points, medians of ${REPS} runs; ${machine.cpu}, ${cores} cores, load ${machine.loadAverage.join(' ')}, node ${machine.node}`,
  );
  console.log('run                               points/min (wall)  CPU ms/point  vs 1 core (wall)');
  for (const f of figures) {
    const perMin = (f.points / f.wallS) * 60;
    const ratio = f.points / f.wallS / (one.points / one.wallS);
    console.log(
      `${f.name.padEnd(34)}${perMin.toFixed(0).padStart(17)}${((f.cpuS / f.points) * 1000).toFixed(1).padStart(14)}${ratio.toFixed(2).padStart(18)}x`,
    );
  }
  if (typeof queued === 'string') console.log(`through Redis: skipped, ${queued}`);
  else if (overhead)
    console.log(
      `queue overhead per point: ${overhead.cpuMsPerPoint.toFixed(1)} ms CPU (workers + producer, beyond the point's own ${perPointCpuMs.toFixed(1)} ms), ${overhead.wallMsPerPoint.toFixed(1)} ms wall beyond a perfect three-way split of the one-core run`,
    );
}

await main();
