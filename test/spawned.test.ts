/**
 * The built executable (dist/cli/main.js) in a child process: what only a real process shows.
 * Its exit status, that an internal error is a short message and never a stack trace, that the
 * in-process runs of the other end-to-end tests print what the executable prints, and `serve`
 * stopping cleanly on SIGTERM and SIGINT. Every other end-to-end test runs the CLI in-process
 * (test/cli.ts): a node start-up per call would cost most of the suite's time.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CLI, footprint, ROOT, STACK_TRACE } from './cli.js';

const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `node [nodeArgs] dist/cli/main.js args` from the repository root. */
function spawnFootprint(
  args: readonly string[],
  options: { nodeArgs?: readonly string[]; env?: NodeJS.ProcessEnv } = {},
): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), CLI, ...args], {
      cwd: ROOT,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 60_000,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** A module loaded before the CLI that breaks JSON.stringify: any `--json` output becomes a bug. */
const FAULT = 'data:text/javascript,JSON.stringify=()=>{throw new Error("injected fault")}';

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error('dist/cli/main.js is missing: run `npm run build` (npm test does)');
});

/**
 * Runs `footprint args` both ways: spawned, and in-process as the other tests do. The two must
 * print the same bytes and exit with the same code; returns the spawned run.
 */
async function bothWays(...args: string[]): Promise<Exit> {
  const spawned = await spawnFootprint(args);
  expect(spawned.signal).toBeNull();
  expect(await footprint(...args)).toEqual({
    code: spawned.code,
    stdout: spawned.stdout,
    stderr: spawned.stderr,
  });
  return spawned;
}

describe('the executable: exit codes, the same as in-process', () => {
  it('exits 0 on success', async () => {
    const result = await bothWays('validate', EXAMPLE);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain("ok: estate 'ticketmaster-southwest' is valid");
  });

  it('exits 0 on --help, wrapped as in a pipe', async () => {
    const help = await bothWays('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: footprint [options] [command]');
    expect(Math.max(...help.stdout.split('\n').map((line) => line.length))).toBeLessThanOrEqual(80);
  });

  it('exits 1 when a check fails', async () => {
    const result = await bothWays('lint', 'test/fixtures/dx-gateway-two-vpcs.yaml', '--strict');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('error [dx/gateway-vpc-to-vpc]');
  });

  it('exits 2 on a usage error, with no stack trace (bad input: the next tests)', async () => {
    const usage = await bothWays('frobnicate');
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("error[FP_USAGE]: unknown command 'frobnicate'");
    expect(usage.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('the executable: bad estate files', () => {
  it('exits 2 with the located error and no stack trace, as text', async () => {
    const result = await bothWays('validate', 'test/fixtures/bad/unknown-place.yaml');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    const expected = readFileSync(join(ROOT, 'test/fixtures/bad/unknown-place.expected'), 'utf8');
    for (const line of expected.split('\n').filter((l) => l.trim() !== ''))
      expect(result.stderr).toContain(line);
  });

  it('exits 2 with the located error and no stack trace, as JSON', async () => {
    const result = await bothWays('validate', 'test/fixtures/bad/wrong-type.yaml', '--json');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(JSON.parse(result.stderr)).toEqual({
      errors: [
        {
          code: 'FP_WRONG_TYPE',
          message: "links.dx-phx.gbps: expected a number, got 'ten' (a string)",
          file: 'test/fixtures/bad/wrong-type.yaml',
          line: 8,
          col: 11,
          expected: 'capacity in Gbit/s',
        },
      ],
    });
  });
});

describe('the executable: a reader that stops reading', () => {
  it('ends quietly, with no EPIPE stack trace, when the pipe closes early', async () => {
    // `footprint simulate ... --json | head -c 100`, on output larger than a pipe holds (64 KB):
    // two hours in one-second intervals at one request a second is quick to run and long to print.
    const dir = mkdtempSync(join(tmpdir(), 'footprint-epipe-'));
    const scenario = join(dir, 'long.yaml');
    writeFileSync(
      scenario,
      [
        'name: long-and-quiet',
        `estate: ${join(ROOT, 'examples/ticketmaster-phoenix/onsale-buy-servers.yaml')}`,
        'duration: 2h',
        'interval: 1s',
        'demand: [{ request: event-page, rate: 1 }]',
        '',
      ].join('\n'),
    );
    const child = spawn(process.execPath, [CLI, 'simulate', scenario, '--json'], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    let head = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      head += chunk;
      if (head.length >= 100) child.stdout.destroy();
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(head.slice(0, 1)).toBe('{');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('the executable: an internal error', () => {
  it('is a short message with exit code 70, never a stack trace', async () => {
    const result = await spawnFootprint(['latency', 'us-east-1', 'eu-west-1', '--json'], {
      nodeArgs: ['--import', FAULT],
      env: { ...process.env, FOOTPRINT_DEBUG: '' },
    });
    expect(result.code).toBe(70);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      'footprint: internal error: injected fault\nThis is a bug in Footprint; please report it with the command you ran.\n',
    );
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('shows its stack with FOOTPRINT_DEBUG, which STACK_TRACE recognises', async () => {
    const result = await spawnFootprint(['latency', 'us-east-1', 'eu-west-1', '--json'], {
      nodeArgs: ['--import', FAULT],
      env: { ...process.env, FOOTPRINT_DEBUG: '1' },
    });
    expect(result.code).toBe(70);
    expect(result.stderr).toMatch(STACK_TRACE);
    expect(result.stderr).toContain('\nError: injected fault\n    at ');
  });
});

describe('the executable: serve', () => {
  it.each(['SIGTERM', 'SIGINT'] as const)(
    'serves on the port it is given, says where, and stops on %s with exit 0',
    async (signal) => {
      const child = spawn(process.execPath, [CLI, 'serve', EXAMPLE, '--port', '0'], { cwd: ROOT });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
        child.once('exit', (code, signal) => resolve({ code, signal })),
      );
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
        stderr += chunk;
      });
      try {
        const url = await new Promise<string>((resolve, reject) => {
          let out = '';
          child.stdout.setEncoding('utf8');
          child.stdout.on('data', (chunk: string) => {
            out += chunk;
            const match = /serving ticketmaster-southwest at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
            if (match) resolve(match[1] as string);
          });
          child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}${stderr}`)));
        });
        const response = await fetch(url);
        expect(response.status).toBe(200);
        expect(await response.text()).toContain('data-live');
      } finally {
        child.kill(signal);
      }
      expect(await exited).toEqual({ code: 0, signal: null });
      expect(stderr).toBe('');
    },
  );
});
