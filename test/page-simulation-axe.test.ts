/**
 * Issue 22: axe-core reads the simulation page (`footprint simulate SCENARIO -o`) at 1440x900 and
 * on a 390x844 phone and finds no violation at all, not only no serious one: its charts had labelled
 * groups without a role (each chart's plots now name themselves, as the report page's do), and the
 * expected figures' table two columns without a header's text. The page is simulated once for the
 * file (the short on-sale fixture, its three designs), one browser page per size.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, browserAvailable, launchBrowser, newTestPage } from './browser.js';
import { footprint, ROOT } from './cli.js';

const SCENARIO = 'test/fixtures/sim/onsale-short.yaml';
const SIZES = [
  { width: 1440, height: 900 },
  { width: 390, height: 844 },
];

const withBrowser = browserAvailable();
let dir: string;
let page: string;
let browser: Browser;

beforeAll(async () => {
  if (!withBrowser) return;
  dir = mkdtempSync(join(tmpdir(), 'fp-sim-axe-'));
  page = join(dir, 'onsale.html');
  const [written] = await Promise.all([
    footprint('simulate', SCENARIO, '-o', page),
    launchBrowser().then((b) => (browser = b)),
  ]);
  expect(written.code, written.stderr).toBe(0);
}, 120_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.runIf(withBrowser)('the simulation page and axe-core', { timeout: 60_000 }, () => {
  it.each(SIZES)('finds no violation at %o', async (size) => {
    const tab: Page = await newTestPage(browser.context);
    try {
      await tab.setViewportSize(size);
      await tab.goto(pathToFileURL(page).href);
      for (const kind of ['demand', 'p99', 'instances', 'cost'])
        await tab.locator(`#simulation [data-chart="${kind}"] svg`).first().waitFor();
      await tab.locator('#map .places [data-place]').first().waitFor();
      // The page's CSP allows its own script only: axe is evaluated through the DevTools protocol.
      await tab.evaluate(readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8'));
      const violations = await tab.evaluate(async () => {
        const { axe, document } = globalThis as unknown as {
          axe: { run: (c: unknown, o: object) => Promise<AxeResults> };
          document: unknown;
        };
        const results = await axe.run(document, { resultTypes: ['violations'] });
        return results.violations.map(
          (v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
        );
      });
      expect(violations).toEqual([]);
    } finally {
      await tab.close();
    }
  });
});

/** What the test reads of axe's results. */
interface AxeResults {
  violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[];
}
