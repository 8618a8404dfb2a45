/**
 * Runs the built CLI (dist/cli/main.js) as a user would, in a child process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLI = fileURLToPath(new URL('../dist/cli/main.js', import.meta.url));

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function footprint(...args: string[]): CliResult {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
}

/** Parses stdout as JSON. */
export function json<T = unknown>(result: CliResult): T {
  return JSON.parse(result.stdout) as T;
}

/** A Node stack frame in output means an error escaped as a crash. */
export const STACK_TRACE = /\n\s+at .+\(?.*:\d+:\d+\)?/;
