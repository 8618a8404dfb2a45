/**
 * The front doors' timeline on the simulation page in a real browser: the page
 * `footprint simulate test/fixtures/sim/region-loss-short.yaml -o` writes draws, for the region
 * lost, the share of the affected users' requests served elsewhere over time, a line per design.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/program.js';
import { type Browser, browserAvailable, launchBrowser, newTestPage } from './browser.js';

describe.runIf(browserAvailable())('the front doors’ timeline in a browser', () => {
  let browser: Browser;
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-doors-page-'));
    file = join(dir, 'doors.html');
    let stderr = '';
    const code = await run(['simulate', 'test/fixtures/sim/region-loss-short.yaml', '-o', file], {
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
    });
    expect(code, stderr).toBe(0);
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('draws the share served elsewhere per design, named, without console problems', async () => {
    const page = await newTestPage(browser.context);
    await page.setViewportSize({ width: 1440, height: 900 });
    const problems: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
    await page.goto(pathToFileURL(file).href);
    const chart = page.locator('#simulation [data-chart="served-elsewhere"]');
    await chart.locator('svg').first().waitFor();
    expect(await chart.locator('figcaption').textContent()).toContain('lose region eu-west-1');
    expect(await chart.locator('.sim-legend li').allTextContents()).toEqual([
      'cdn-weighted',
      'dns-only',
      'dns-cloudfront',
      'accelerator',
      'in-memory',
    ]);
    expect(
      await chart.locator('svg[aria-label^="Share served elsewhere"] path[stroke]').count(),
    ).toBeGreaterThanOrEqual(4);
    expect(problems).toEqual([]);
    await page.close();
  });
});
