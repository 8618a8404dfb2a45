/**
 * `footprint serve`: what it answers, what it refuses, and how it follows the estate file.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, type LiveState, startLiveServer } from '../src/cli/live-server.js';
import { run } from '../src/cli/program.js';
import { loadPageAssets } from '../src/report/page-assets.js';
import { footprint, ROOT, STACK_TRACE } from './cli.js';

const EXAMPLE = join(ROOT, 'examples/ticketmaster-phoenix/estate.yaml');

interface Answer {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: string;
}

/** A raw HTTP request: the path goes out exactly as written (fetch would normalise `..`). */
function get(
  server: LiveServer,
  path: string,
  init: { method?: string; host?: string } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: init.method ?? 'GET',
        headers: { host: init.host ?? `127.0.0.1:${server.port}` },
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

async function state(server: LiveServer): Promise<LiveState> {
  return JSON.parse((await get(server, '/report.json')).body) as LiveState;
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('footprint serve: what it serves', () => {
  let dir: string;
  let server: LiveServer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-serve-'));
    copyFileSync(EXAMPLE, join(dir, 'estate.yaml'));
    server = await startLiveServer({
      file: join(dir, 'estate.yaml'),
      port: 0,
      assets: loadPageAssets(),
      pollMs: 50,
    });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it('serves the page, its JSON and its event stream', async () => {
    const page = await get(server, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.body).toContain('<body data-live="events">');
    expect(page.body).toContain("connect-src 'self'");
    // The policy as a header too, where it can forbid framing (a meta tag cannot).
    expect(page.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'sha256-/);
    expect(page.headers['content-security-policy']).toContain("connect-src 'self'");
    expect(page.headers['content-security-policy']).toMatch(/; frame-ancestors 'none'$/);
    expect(page.headers['x-frame-options']).toBe('DENY');
    const json = await state(server);
    expect(json.version).toBe(1);
    expect(json.report?.estate.name).toBe('ticketmaster-southwest');
    expect(json.errors).toBeUndefined();
    expect((await get(server, '/report.json', { method: 'HEAD' })).status).toBe(200);
  });

  it.each([
    '/../package.json',
    '/..%2fpackage.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/../../../../etc/passwd',
    '//etc/passwd',
    '/estate.yaml',
    '/dist/web/page.js',
    '/node_modules/d3-geo/package.json',
    '/index.html/..',
    '/report.json/',
    '/\\..\\package.json',
    'http://127.0.0.1/etc/passwd',
    '*',
  ])('answers 404 for %s', async (path) => {
    const answer = await get(server, path);
    expect(answer.status).toBe(404);
    expect(answer.body).toBe('not found\n');
  });

  it('answers only to its own host names (no DNS rebinding)', async () => {
    expect((await get(server, '/', { host: 'attacker.example' })).status).toBe(403);
    expect((await get(server, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it('allows GET and HEAD only', async () => {
    const answer = await get(server, '/report.json', { method: 'POST' });
    expect(answer.status).toBe(405);
    expect(answer.headers.allow).toBe('GET, HEAD');
  });
});

describe('footprint serve: following the estate file', () => {
  let dir: string;
  let server: LiveServer;
  let base: string;
  let child: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-serve-'));
    base = join(dir, 'base.yaml');
    child = join(dir, 'estate.yaml');
    copyFileSync(EXAMPLE, base);
    writeFileSync(child, 'extends: base.yaml\nname: ticketmaster-live\n');
    server = await startLiveServer({ file: child, port: 0, assets: loadPageAssets(), pollMs: 50 });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('watches the file and every file it extends', () => {
    expect([...server.files()].sort()).toEqual([base, child].sort());
  });

  it('pushes a change event and a new report when a file changes, errors when it breaks, and recovers', async () => {
    const events = await openEvents(server);
    try {
      const first = await state(server);
      expect(first.report?.estate.name).toBe('ticketmaster-live');

      // A change in the extended file: the WAN gets a measured RTT.
      const text = readFileSync(base, 'utf8');
      writeFileSync(base, text.replace('kind: wan\n', 'kind: wan\n    measuredRttMs: 70\n'));
      const changed = await until('the measured WAN', async () => {
        const now = await state(server);
        return now.report?.links.find((l) => l.id === 'wan-phx-iad')?.rttMs === 70 ? now : undefined;
      });
      expect(changed.version).toBeGreaterThan(first.version);
      await until('a change event', async () =>
        events.received().includes(`{"version":${changed.version}}`) ? true : undefined,
      );

      // A broken file: the errors, located, over the last good report.
      writeFileSync(
        child,
        'extends: base.yaml\nname: ticketmaster-live\nsites:\n  phx-dc: { kind: datacentre }\n',
      );
      const broken = await until('the error', async () => {
        const now = await state(server);
        return now.errors ? now : undefined;
      });
      expect(broken.errors?.[0]).toContain(`${child}:4:`);
      expect(broken.errors?.[0]).toContain('datacentre');
      expect(broken.report?.estate.name).toBe('ticketmaster-live');

      // Fixed: the errors go, the report follows the file.
      writeFileSync(child, 'extends: base.yaml\nname: ticketmaster-fixed\n');
      const fixed = await until('the recovery', async () => {
        const now = await state(server);
        return now.report?.estate.name === 'ticketmaster-fixed' ? now : undefined;
      });
      expect(fixed.errors).toBeUndefined();
      expect(fixed.version).toBeGreaterThan(broken.version);
    } finally {
      events.close();
    }
  });

  it('builds the new page off the request thread: it answers meanwhile, and a newer edit cancels the build', async () => {
    const before = await state(server);
    writeFileSync(child, 'extends: base.yaml\nname: ticketmaster-first-edit\n');
    await until('a build under way', async () => (server.building() ? true : undefined));
    // The server answers at once, with the page it had.
    const meanwhile = await get(server, '/report.json');
    expect(meanwhile.status).toBe(200);
    expect((JSON.parse(meanwhile.body) as LiveState).version).toBe(before.version);
    // An edit while it builds: that build is dropped, the newer one lands, once.
    writeFileSync(child, 'extends: base.yaml\nname: ticketmaster-second-edit\n');
    const landed = await until('the second edit', async () => {
      const now = await state(server);
      return now.report?.estate.name === 'ticketmaster-second-edit' && !server.building() ? now : undefined;
    });
    expect(landed.version).toBe(before.version + 1);
  });
});

/** Reads the server-sent events of a live server. */
function openEvents(server: LiveServer): Promise<{ received: () => string; close: () => void }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const req = request({ host: '127.0.0.1', port: server.port, path: '/events' }, (res) => {
      expect(res.headers['content-type']).toMatch(/^text\/event-stream/);
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      resolve({ received: () => text, close: () => req.destroy() });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'ECONNRESET') reject(error);
    });
    req.end();
  });
}

describe('footprint serve: the command', () => {
  // Serving from a real process, and stopping on SIGTERM and SIGINT: test/spawned.test.ts.
  it('refuses a port that is not a number', async () => {
    const result = await footprint('serve', EXAMPLE, '--port', 'eighty');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("--port must be a port number, not 'eighty'");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('prints JSON lines with --json: where it serves and what it watches, then each update', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footprint-serve-json-'));
    const file = join(dir, 'estate.yaml');
    copyFileSync(EXAMPLE, file);
    const lines: Record<string, unknown>[] = [];
    let heard: (() => void) | undefined;
    const io = {
      stdout: (text: string) => {
        for (const line of text.split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        heard?.();
      },
      stderr: (text: string) => {
        throw new Error(`stderr: ${text}`);
      },
    };
    const until = async (count: number) => {
      while (lines.length < count) await new Promise<void>((resolve) => (heard = resolve));
    };
    const done = run(['serve', file, '--port', '0', '--json'], io);
    await until(1);
    const serving = lines[0] as { url: string; port: number };
    expect(lines[0]).toEqual({
      event: 'serving',
      kind: 'estate',
      file,
      url: `http://127.0.0.1:${serving.port}/`,
      port: serving.port,
      watching: [file],
    });
    expect((await fetch(serving.url)).status).toBe(200);
    writeFileSync(file, readFileSync(file, 'utf8').replace('name: ticketmaster-southwest', 'name: renamed'));
    await until(2);
    expect(lines[1]).toMatchObject({ event: 'update', message: expect.any(String) });
    // The command stops on Ctrl-C (the signal's listeners, called in-process) with exit 0.
    process.emit('SIGINT');
    await expect(done).resolves.toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });
});
