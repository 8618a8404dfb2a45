/**
 * What the benches share: steady-state timing (warm-up runs, then the median of timed runs, as CPU
 * time of this process and as wall time), the machine they ran on, and running a Python peer.
 *
 * CPU time (user + system, process.cpuUsage) is the figure to compare on a shared machine: another
 * process's load stretches wall time, much less the CPU time a single-threaded run uses.
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';

export interface Timing {
  /** Median CPU milliseconds per run (user + system). */
  readonly cpuMs: number;
  /** Median wall milliseconds per run. */
  readonly wallMs: number;
  readonly runs: number;
}

/** The median of some numbers (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** This process's CPU time so far (user + system), in ms. */
export function cpuNowMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** Runs `fn` `warmup` times untimed, then `runs` times timed: the medians. */
export function steadyState(fn: () => unknown, runs: number, warmup = 3): Timing {
  for (let r = 0; r < warmup; r++) fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let r = 0; r < runs; r++) {
    const c0 = cpuNowMs();
    const w0 = performance.now();
    fn();
    wall.push(performance.now() - w0);
    cpu.push(cpuNowMs() - c0);
  }
  return { cpuMs: median(cpu), wallMs: median(wall), runs };
}

/** The machine, to print beside the figures. */
export function machine(): string {
  const load = loadavg()
    .map((l) => l.toFixed(1))
    .join(' ');
  return `${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, load ${load}; Node ${process.versions.node}`;
}

/** The Python that runs the peers: Debian's, which has python3-scipy (PEER_PYTHON overrides). */
export const PYTHON = process.env.PEER_PYTHON ?? '/usr/bin/python3';

/** Runs a Python peer that prints one JSON object; its error (or why it did not run) otherwise. */
export function runPythonPeer<T>(script: string, args: readonly string[]): T | { readonly error: string } {
  const result = spawnSync(PYTHON, [script, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (result.error) return { error: `${PYTHON} did not run: ${result.error.message}` };
  const lines = result.stdout.trim().split('\n');
  try {
    return JSON.parse(lines[lines.length - 1] ?? '') as T | { error: string };
  } catch {
    return {
      error: `the peer failed (exit ${result.status}): ${result.stderr.trim().split('\n').pop() ?? ''}`,
    };
  }
}

/** `n` with thousands separators. */
export const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');
