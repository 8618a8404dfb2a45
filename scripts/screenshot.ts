/**
 * What the docs' pictures share: run a footprint command that writes a page (`-o` is added), open it
 * in headless Chromium (Debian's `chromium`, driven by playwright-core; set FOOTPRINT_CHROMIUM for
 * another) at 1440x900, let `prepare` pick what to show, and save the screenshot.
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { run } from '../src/cli/program.js';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CHROMIUM = process.env.FOOTPRINT_CHROMIUM ?? '/usr/bin/chromium';

/** Writes the page of `footprint ...argv -o FILE`, shows it as `prepare` leaves it, saves it to `out`. */
export async function screenshotPage(
  argv: readonly string[],
  out: string,
  prepare: (page: Page) => Promise<void>,
): Promise<void> {
  // Relative paths, as a user types them: the page shows the file name.
  process.chdir(ROOT);
  const dir = mkdtempSync(join(tmpdir(), 'footprint-screenshot-'));
  try {
    const html = join(dir, 'page.html');
    let stderr = '';
    const code = await run([...argv, '-o', html], {
      stdout: () => {},
      stderr: (text) => {
        stderr += text;
      },
    });
    if (code !== 0) throw new Error(`footprint ${argv.join(' ')} failed (${code}): ${stderr}`);
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    });
    try {
      const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
      await page.goto(pathToFileURL(html).href);
      await prepare(page);
      await page.waitForTimeout(500);
      await page.screenshot({ path: out });
    } finally {
      await browser.close();
    }
    console.log(`wrote ${out} (${Math.round(statSync(out).size / 1024)} KiB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
