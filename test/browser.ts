/**
 * Headless Chromium for the page tests: Debian's `chromium` package driven by playwright-core,
 * never a downloaded browser. `FOOTPRINT_CHROMIUM` overrides the path (e.g. on macOS).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM = process.env.FOOTPRINT_CHROMIUM ?? '/usr/bin/chromium';

/** True when the browser can run; CI (`.ci/run`) sets FOOTPRINT_REQUIRE_BROWSER so a missing one fails. */
export function browserAvailable(): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (process.env.FOOTPRINT_REQUIRE_BROWSER)
    throw new Error(
      `${CHROMIUM} is missing: install Debian's chromium package (apt-get install -y chromium)`,
    );
  console.warn(`page tests skipped: no browser at ${CHROMIUM} (install chromium or set FOOTPRINT_CHROMIUM)`);
  return false;
}

export interface Browser {
  readonly context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh browser with its own profile, no background network, no sandbox (CI runs as root). */
export async function launchBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'footprint-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 1000 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
