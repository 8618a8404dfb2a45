/**
 * Issue 22's defects of the page's map and layout, in real headless Chromium: hovering a row after a
 * click on the map leaves the page where it is; the map stays in view beside the sections on wide
 * screens; ...
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Browser, browserAvailable, launchBrowser } from './browser.js';
import { footprint } from './cli.js';

const withBrowser = browserAvailable();
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'fp-page-defects-'));
const TICKETMASTER = 'examples/ticketmaster-phoenix/estate.yaml';

beforeAll(async () => {
  if (withBrowser) browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The report page of `estate`, written once for the file however many tests open it. */
const written = new Map<string, Promise<string>>();
function reportPage(estate: string): Promise<string> {
  let page = written.get(estate);
  if (!page) {
    const out = join(dir, `${estate.replace(/\W+/g, '-')}.html`);
    page = footprint('report', estate, '-o', out).then((result) => {
      expect(result.code, result.stderr).toBe(0);
      return out;
    });
    written.set(estate, page);
  }
  return page;
}

/** Opens the report page of `estate` at a viewport size; the caller closes it. */
async function open(estate: string, width = 1440, height = 900): Promise<Page> {
  const out = await reportPage(estate);
  const page = await browser.context.newPage();
  page.setDefaultTimeout(5000);
  await page.setViewportSize({ width, height });
  await page.goto(pathToFileURL(out).href);
  await page.locator('#map .places [data-place]').first().waitFor();
  return page;
}

/** Two animation frames: what a hover or a click redraws has been drawn (and scrolled, if it does). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
  );
}

describe.runIf(withBrowser)('the map and the rows that highlight on it', { timeout: 60_000 }, () => {
  it('leaves the page where it is when a row is hovered after a click on the map (defect 1)', async () => {
    const page = await open(TICKETMASTER);
    try {
      await page.locator('#map .places [data-place="phx-dc"]').click();
      const row = page.locator('#expectations tbody tr').nth(2);
      await row.scrollIntoViewIfNeeded();
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(100);
      await row.hover();
      await settle(page);
      await expect(page.locator('#map .route.highlighted').count()).resolves.toBe(1);
      expect(await page.evaluate(() => window.scrollY)).toBe(before);
      // Leaving the row (the highlight clears, the map redraws) does not move the page either.
      await page.mouse.move(5, 5);
      await settle(page);
      expect(await page.evaluate(() => window.scrollY)).toBe(before);
    } finally {
      await page.close();
    }
  });
});
