/**
 * `footprint serve A --against B` (issue 22): the live page of two designs side by side, the same
 * page data `report A --against B -o` inlines, rebuilt when either design's files change; a
 * scenario with --against is refused. The designs are copies in a temporary folder (the Local Zone
 * design extends the estate beside it), so that the test can change design B.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer } from '../src/cli/live-server.js';
import type { ComparisonPageReport } from '../src/report/index.js';
import { loadPageAssets } from '../src/report/page-assets.js';
import { footprint, ROOT } from './cli.js';

const EXAMPLES = join(ROOT, 'examples/ticketmaster-phoenix');
let dir: string;
let a: string;
let b: string;
let server: LiveServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fp-serve-against-'));
  a = join(dir, 'event-page-local-zone.yaml');
  b = join(dir, 'estate.yaml');
  copyFileSync(join(EXAMPLES, 'event-page-local-zone.yaml'), a);
  copyFileSync(join(EXAMPLES, 'estate.yaml'), b);
  server = await startLiveServer({ file: a, against: b, port: 0, assets: loadPageAssets(), pollMs: 50 });
}, 60_000);
afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
});

const comparison = () => (server.state().report as ComparisonPageReport | undefined)?.comparison;

async function until<T>(what: string, probe: () => T | undefined, timeoutMs = 45_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('footprint serve A --against B', { timeout: 60_000 }, () => {
  it('serves the comparison page of the two designs, and watches both', async () => {
    expect(server.kind()).toBe('estate');
    const part = comparison();
    expect(server.state().report?.estate.name).toBe('ticketmaster-southwest-local-zone');
    expect(part?.b.estate.name).toBe('ticketmaster-southwest');
    expect(part?.comparison.budgetsHeld).toEqual({ a: 3, b: 0 });
    expect(part?.moves.map((m) => m.service)).toEqual([
      'event-details',
      'pricing',
      'recommendations',
      'seat-map',
    ]);
    expect([...server.files()].sort()).toEqual([a, b].sort());
  });

  it('rebuilds the page when design B changes', async () => {
    const before = server.state().version;
    writeFileSync(
      b,
      readFileSync(b, 'utf8').replace(/^name: ticketmaster-southwest$/m, 'name: design-b-renamed'),
    );
    const renamed = await until('the page of the changed design B', () =>
      server.state().version > before && comparison()?.b.estate.name === 'design-b-renamed'
        ? comparison()
        : undefined,
    );
    // A extends B's file, and names itself: only B's name changed.
    expect(server.state().report?.estate.name).toBe('ticketmaster-southwest-local-zone');
    expect(renamed.comparison.b.name).toBe('design-b-renamed');
  });

  it('refuses --against with a scenario, exit 2, before serving', async () => {
    const refused = await footprint(
      'serve',
      'examples/ticketmaster-phoenix/onsale.yaml',
      '--against',
      b,
      '--port',
      '0',
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--against compares two estates');
    expect(refused.stdout).toBe('');
  });
});
