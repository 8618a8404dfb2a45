/**
 * Headless Chromium for the page tests: Debian's `chromium` package driven by playwright-core,
 * never a downloaded browser. `FOOTPRINT_CHROMIUM` overrides the path (e.g. on macOS).
 */
import { existsSync } from 'node:fs';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebSocket endpoint of the run's shared browser (test/browser-server.ts); '' when none. */
    chromiumEndpoint: string;
  }
}

export const CHROMIUM = process.env.FOOTPRINT_CHROMIUM ?? '/usr/bin/chromium';

/** No sandbox (CI runs as root), no GPU, no background network. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

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

/**
 * A fresh browser context of its own (no cookies, storage or routes shared with another file), in
 * the run's shared Chromium (test/browser-server.ts), or in one launched for it when there is none.
 */
export async function launchBrowser(): Promise<Browser> {
  const endpoint = inject('chromiumEndpoint');
  const browser = endpoint
    ? await chromium.connect(endpoint)
    : await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  const context = await browser.newContext({ viewport: { width: 1440, height: 1000 } });
  return {
    context,
    async close() {
      await context.close();
      // Disconnects from the shared browser; closes one launched for this file.
      await browser.close();
    },
  };
}

/**
 * A new page of `context` for a test: each step (a locator, a wait) fails after 5 s, so a missing
 * element fails fast, but opening a page gets 20 s, since a page of a megabyte or more waits on a
 * loaded machine (page.goto timed out at 5 s at load 20).
 */
export async function newTestPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.setDefaultTimeout(5000);
  page.setDefaultNavigationTimeout(20_000);
  return page;
}
