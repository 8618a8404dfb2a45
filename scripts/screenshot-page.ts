/**
 * The picture of the page in the README: `footprint report` of the Ticketmaster example as one HTML
 * file, opened in headless Chromium (Debian's `chromium`, driven by playwright-core; set
 * FOOTPRINT_CHROMIUM for another) at 1440x900 with the Phoenix data center selected (its RTT to every
 * other place on the map and beside it), and saved as docs/report-page.png.
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
const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';
const OUT = join(ROOT, 'docs/report-page.png');

process.chdir(ROOT);
const dir = mkdtempSync(join(tmpdir(), 'footprint-screenshot-'));
try {
  const html = join(dir, 'report.html');
  let stderr = '';
  const code = await run(['report', EXAMPLE, '-o', html], {
    stdout: () => {},
    stderr: (text) => {
      stderr += text;
    },
  });
  if (code !== 0) throw new Error(`footprint report failed (${code}): ${stderr}`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    await page.goto(pathToFileURL(html).href);
    await page.locator('#map .places [data-place]').first().waitFor();
    await page.locator('#map [data-place="phx-dc"]').click();
    await page.locator('.rtt-list[data-from="phx-dc"]').waitFor();
    await page.waitForTimeout(500);
    await page.screenshot({ path: OUT });
  } finally {
    await browser.close();
  }
  console.log(`wrote ${OUT} (${Math.round(statSync(OUT).size / 1024)} KiB)`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
