/**
 * The picture of the simulation page in the docs: `footprint simulate` of the Ticketmaster on-sale
 * (three designs) as one HTML file, opened in headless Chromium (Debian's `chromium`, driven by
 * playwright-core; set FOOTPRINT_CHROMIUM for another) at 1440x900 with the region burst picked (its
 * p99 over the budget once its instances serve), and saved as docs/simulate-page.png.
 *
 * Run it after a change to the page: `npm run docs:screenshot` (it needs `npm run build` first).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { run } from '../src/cli/program.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.FOOTPRINT_CHROMIUM ?? '/usr/bin/chromium';
// Relative, as a user types it: the page shows the file name.
const SCENARIO = 'examples/ticketmaster-phoenix/onsale.yaml';
const OUT = join(ROOT, 'docs/simulate-page.png');

process.chdir(ROOT);
const dir = mkdtempSync(join(tmpdir(), 'footprint-screenshot-'));
try {
  const html = join(dir, 'onsale.html');
  let stderr = '';
  const code = await run(['simulate', SCENARIO, '-o', html], {
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
    },
  });
  if (code !== 0) throw new Error(`footprint simulate failed (${code}): ${stderr}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(pathToFileURL(html).href);
    await page.locator('#simulation [data-chart="cost"] svg').first().waitFor();
    await page.locator('.sim-tabs [data-design="region-burst"]').click();
    await page.locator('[data-chart="p99"] g.sim-over circle').first().waitFor();
    // Nothing hovered: no tip over the charts.
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${OUT} (${Math.round(statSync(OUT).size / 1024)} KiB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
