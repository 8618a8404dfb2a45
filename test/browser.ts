/**
 * Headless Chromium for the page tests: Debian's `chromium` package driven by playwright-core,
 * never a downloaded browser. `FOOTPRINT_CHROMIUM` overrides the path (e.g. on macOS).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The WebSocket endpoint of the run's shared browser (test/browser-server.ts); '' when none. */
    chromiumEndpoint: string;
  }
}

export const CHROMIUM = process.env.FOOTPRINT_CHROMIUM ?? '/usr/bin/chromium';

/**
 * No sandbox (CI runs as root), no GPU, no background network; one raster thread rather than
 * Chromium's several, which on two cores shared with the test workers only contend: the page tests'
 * Chromium took about 9 % less CPU with it (two interleaved pairs of runs of page and page-targets).
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--num-raster-threads=1',
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

/** The page events tests listen to (Playwright keeps its own listeners on others). */
const TEST_EVENTS = [
  'console',
  'pageerror',
  'request',
  'requestfailed',
  'response',
  'dialog',
  'download',
  'popup',
];

/** Pages of a context that a test has closed, kept open for the next test of the same context. */
const idle = new WeakMap<BrowserContext, Page[]>();

/**
 * A page of `context` for a test: each step (a locator, a wait) fails after `stepMs` (5 s), so a
 * missing element fails fast, but opening a page gets 20 s, since a page of a megabyte or more
 * waits on a loaded machine (page.goto timed out at 5 s at load 20).
 *
 * The page is one a test of the same context closed before, when there is one: a new tab costs
 * Chromium a renderer process and a cold compile of the page's script, about 1.3 s of CPU on this
 * kind of machine against 0.7 s for navigating a tab it has (the page tests open some sixty). So
 * `close()` on the page does not close it: it drops the listeners and routes the test added, puts
 * back the viewport the page was made with and its motion preference and leaves it on about:blank for the next test, which
 * starts with a navigation as a new tab would. Closing the context closes its pages.
 */
export async function newTestPage(context: BrowserContext, stepMs = 5000): Promise<Page> {
  const page = idle.get(context)?.pop() ?? (await pooled(context));
  // A tab behind another paints at a throttled rate (see inFront): a test's page starts in front.
  await page.bringToFront();
  page.setDefaultTimeout(stepMs);
  page.setDefaultNavigationTimeout(20_000);
  return page;
}

async function pooled(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  const viewport = page.viewportSize();
  const close = page.close.bind(page);
  page.close = async () => {
    if (page.isClosed()) return;
    try {
      for (const event of TEST_EVENTS) page.removeAllListeners(event);
      await page.unrouteAll({ behavior: 'ignoreErrors' });
      await page.goto('about:blank');
      if (viewport) await page.setViewportSize(viewport);
      await page.emulateMedia({ reducedMotion: null });
    } catch {
      // A page that cannot be put back (its context is closing) is not reused.
      await close().catch(() => {});
      return;
    }
    const pages = idle.get(context) ?? [];
    pages.push(page);
    idle.set(context, pages);
  };
  return page;
}

/**
 * `page` brought to the front of its browser: of two tabs open at once, only the front one paints at
 * full rate, and an action on the other waits on its throttled frames (about 2 s a click or a zoom;
 * a test of page-targets took 21 s instead of 3). A file that keeps a page per size calls this each
 * time it takes one.
 */
export async function inFront(page: Page | Promise<Page> | undefined): Promise<Page> {
  const found = await page;
  if (!found) throw new Error('no such page: was it opened in beforeAll?');
  await found.bringToFront();
  return found;
}

/**
 * A test page of `context` at `viewport`, on the page written to `file`, once `ready` (a selector) is
 * there; with `reducedMotion`, the map jumps where it is sent instead of animating.
 */
export async function openSized(
  context: BrowserContext,
  file: string,
  viewport: { readonly width: number; readonly height: number },
  ready: string,
  { reducedMotion = false } = {},
): Promise<Page> {
  const page = await newTestPage(context);
  await page.setViewportSize(viewport);
  if (reducedMotion) await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto(pathToFileURL(file).href);
  await page.locator(ready).first().waitFor();
  return page;
}

/** axe-core, read once: a page's CSP allows its own script only, so it goes in through the DevTools protocol. */
let axeSource: string | undefined;

/**
 * What axe-core finds on a page, as `id (impact): targets` lines: in the whole document, or in the
 * elements `include` selects; every violation, or with `seriousOnly` the serious and critical ones.
 */
export async function axeViolations(
  page: Page,
  { include, seriousOnly = false }: { include?: readonly string[]; seriousOnly?: boolean } = {},
): Promise<string[]> {
  axeSource ??= readFileSync(
    fileURLToPath(new URL('../node_modules/axe-core/axe.min.js', import.meta.url)),
    'utf8',
  );
  await page.evaluate(axeSource);
  return page.evaluate(
    async ({ include, seriousOnly }) => {
      type Results = { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
      const { axe, document } = globalThis as unknown as {
        axe: { run: (context: unknown, options: object) => Promise<Results> };
        document: unknown;
      };
      const context = include ? { include: include.map((selector) => [selector]) } : document;
      const results = await axe.run(context, { resultTypes: ['violations'] });
      return results.violations
        .filter((v) => !seriousOnly || v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    },
    { include, seriousOnly },
  );
}

/** The two screens the page is tested at: a laptop's, and a phone's. */
export const PAGE_SIZES = { wide: { width: 1440, height: 900 }, phone: { width: 390, height: 844 } } as const;
export type PageSize = keyof typeof PAGE_SIZES;
/** The names of {@link PAGE_SIZES}, for `it.each`. */
export const PAGE_SIZE_NAMES = Object.keys(PAGE_SIZES) as PageSize[];

/**
 * The page written to `file` opened at each of {@link PAGE_SIZES}, all at once, each once `ready` is
 * there: for a file whose tests read the same page at both sizes (take one with {@link inFront}).
 */
export function openAtEverySize(
  context: BrowserContext,
  file: string,
  ready: string,
): Map<PageSize, Promise<Page>> {
  return new Map(PAGE_SIZE_NAMES.map((size) => [size, openSized(context, file, PAGE_SIZES[size], ready)]));
}
