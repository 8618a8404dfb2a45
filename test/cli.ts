/**
 * Runs the `footprint` CLI as a user would, in this process: the same entry point as the
 * executable (`runExecutable` in src/cli/executable.ts), with stdout and stderr captured as a pipe
 * would capture them (not a terminal: no help wrapping to a width), from the repository root.
 * A spawned node would cost most of a second per call in start-up alone; test/spawned.test.ts
 * keeps the few checks that need a real process (exit status, signals, stack traces).
 */
import { fileURLToPath } from 'node:url';
import { runExecutable } from '../src/cli/executable.js';
import type { CliIo } from '../src/cli/io.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `footprint ...args` and returns its exit code and what it printed. Relative paths in
 * `args` are read from the repository root, as the spawned CLI was run there; the environment
 * is this process's.
 */
export async function footprint(...args: string[]): Promise<CliResult> {
  // Workers cannot chdir: the tests' relative paths need vitest started from the root.
  if (process.cwd() !== ROOT.replace(/[\\/]$/, ''))
    throw new Error(`run the tests from the repository root (${ROOT}), not ${process.cwd()}`);
  return captured(runExecutable, args);
}

/**
 * What `runner` (the executable's entry point, or commander's program `run`) exits with and prints
 * for `args`, both streams captured as a pipe would capture them.
 */
export async function captured(
  runner: (argv: readonly string[], io: CliIo) => Promise<number>,
  args: readonly string[],
): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  };
  const code = await runner(args, io);
  return { code, stdout, stderr };
}

/** Parses stdout as JSON. */
export function json<T = unknown>(result: CliResult): T {
  return JSON.parse(result.stdout) as T;
}

/** A Node stack frame in output means an error escaped as a crash. */
export const STACK_TRACE = /\n\s+at .+\(?.*:\d+:\d+\)?/;
