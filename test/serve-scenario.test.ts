/**
 * `footprint serve SCENARIO`: how it tells a scenario from an estate, and how it follows one: the
 * simulation runs in a worker, the page keeps the previous run while the next one runs, a broken
 * file shows its located errors, an estate of the scenario changing runs it again, and a signal
 * stops the server at once, mid-run.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, type LiveState, startLiveServer } from '../src/cli/live-server.js';
import { servedKind } from '../src/cli/live-sources.js';
import { run } from '../src/cli/program.js';
import { loadPageAssets } from '../src/report/page-assets.js';
import type { SimulationPageReport } from '../src/report/simulation-page.js';
import { CLI, ROOT } from './cli.js';

const SCENARIO = `name: live-onsale
estate: ./onsale-lz-burst.yaml
duration: 1m
interval: 10s
seed: 7
demand:
  - request: event-page
    rate: 300
    sessions: { requests: 4, think: 20s }
`;

function state(server: LiveServer): Promise<LiveState> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path: '/report.json',
        headers: { host: `127.0.0.1:${server.port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve(JSON.parse(body) as LiveState));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 90_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 40));
  }
}

const simulation = (s: LiveState) => (s.report as SimulationPageReport | undefined)?.simulation;
const budget = (s: LiveState) => simulation(s)?.designs[0]?.run.summary.sources[0]?.budgetP99Ms;

describe('serve: an estate or a scenario', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-served-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('tells them apart by their top-level keys', () => {
    expect(servedKind(join(ROOT, 'examples/ticketmaster-phoenix/estate.yaml'))).toBe('estate');
    expect(servedKind(join(ROOT, 'examples/ticketmaster-phoenix/onsale.yaml'))).toBe('scenario');
    expect(servedKind(file('minimal.yaml', 'name: x\n'))).toBe('estate');
    // A scenario being written, still without demand: its own loader says what is missing.
    expect(servedKind(file('nodemand.yaml', 'name: x\ndesigns: { a: { estate: e.yaml } }\n'))).toBe(
      'scenario',
    );
    // Unreadable or not YAML: the loader says why.
    expect(servedKind(join(dir, 'missing.yaml'))).toBeUndefined();
    expect(servedKind(file('broken.yaml', 'name: [x\n'))).toBeUndefined();
  });

  it('says plainly when a file is neither', async () => {
    for (const [name, text] of [
      ['list.yaml', '- a\n- b\n'],
      ['other.yaml', 'foo: 1\nbar: 2\n'],
    ] as const) {
      let stderr = '';
      const code = await run(['serve', file(name, text), '--port', '0'], {
        stdout: () => {},
        stderr: (t) => {
          stderr += t;
        },
      });
      expect(code).toBe(2);
      expect(stderr).toContain(
        `error[FP_WRONG_TYPE]: '${join(dir, name)}' is neither an estate nor a scenario`,
      );
      expect(stderr).toContain(`${join(dir, name)}:1:1`);
      expect(stderr).toContain('or a scenario (name:, demand:, and estate: or designs:)');
    }
  });
});

describe('serve SCENARIO: following the scenario and its estates', () => {
  let dir: string;
  let scenario: string;
  let server: LiveServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-serve-scenario-'));
    cpSync(join(ROOT, 'examples/ticketmaster-phoenix'), dir, { recursive: true });
    scenario = join(dir, 'live.yaml');
    writeFileSync(scenario, SCENARIO);
    server = await startLiveServer({ file: scenario, port: 0, assets: loadPageAssets(), pollMs: 50 });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs the scenario in the background, then serves its page and watches every file it read', async () => {
    expect(server.kind()).toBe('scenario');
    const first = await until('the first run', async () => {
      const now = await state(server);
      return now.report ? now : undefined;
    });
    expect(first.kind).toBe('scenario');
    expect(first.running).toBeUndefined();
    expect(first.errors).toBeUndefined();
    expect(simulation(first)?.scenario).toBe('live-onsale');
    expect(first.report?.estate.name).toBe('ticketmaster-southwest-onsale-lz-burst');
    expect(budget(first)).toBe(100);
    const watched = [...server.files()].map((f) => f.slice(dir.length + 1)).sort();
    expect(watched).toEqual(['estate.yaml', 'live.yaml', 'onsale-estate.yaml', 'onsale-lz-burst.yaml']);
    const page = await fetch(server.url);
    expect(await page.text()).toContain('<body data-live="events">');
  }, 120_000);

  it('runs again when an estate changes, showing the previous run meanwhile', async () => {
    const before = await until('a report', async () => {
      const now = await state(server);
      return now.report && !now.running ? now : undefined;
    });
    const estate = join(dir, 'estate.yaml');
    writeFileSync(estate, readFileSync(estate, 'utf8').replace('p99Ms: 100,', 'p99Ms: 50,'));
    const running = await until('the run', async () => {
      const now = await state(server);
      return now.running ? now : undefined;
    });
    expect(budget(running)).toBe(100);
    const after = await until('the new run', async () => {
      const now = await state(server);
      return !now.running && budget(now) === 50 ? now : undefined;
    });
    expect(after.version).toBeGreaterThan(running.version);
    expect(running.version).toBeGreaterThan(before.version);
  }, 120_000);

  it('shows a broken scenario located over the last run, and recovers', async () => {
    writeFileSync(scenario, SCENARIO.replace('seed: 7', 'seed: 7\nsede: 8'));
    const broken = await until('the error', async () => {
      const now = await state(server);
      return now.errors && !now.running ? now : undefined;
    });
    expect(broken.errors?.[0]).toContain(`${scenario}:6:1`);
    expect(broken.errors?.[0]).toContain("'sede'");
    expect(simulation(broken)?.scenario).toBe('live-onsale');
    writeFileSync(scenario, SCENARIO.replace('name: live-onsale', 'name: live-fixed'));
    const fixed = await until('the recovery', async () => {
      const now = await state(server);
      return simulation(now)?.scenario === 'live-fixed' && !now.running ? now : undefined;
    });
    expect(fixed.errors).toBeUndefined();
  }, 120_000);
});

describe('serve SCENARIO: the command', () => {
  it('says what it serves, and stops at once on a signal while a run is going on', async () => {
    const child = spawn(
      process.execPath,
      [CLI, 'serve', 'examples/ticketmaster-phoenix/onsale.yaml', '--port', '0'],
      {
        cwd: ROOT,
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    let out = '';
    try {
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.setEncoding('utf8');
        child.stdout.on('data', (chunk: string) => {
          out += chunk;
          const match = /serving the simulation of .*onsale\.yaml at (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (match) resolve(match[1] as string);
        });
        child.on('exit', (code) => reject(new Error(`serve exited with ${code}: ${out}`)));
      });
      const answer = (await (await fetch(`${url}report.json`)).json()) as LiveState;
      expect(answer).toEqual({ version: 1, kind: 'scenario', running: true });
    } finally {
      child.kill('SIGTERM');
    }
    const started = Date.now();
    expect(await exited).toBe(0);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(out).not.toContain('simulated');
  }, 60_000);
});
