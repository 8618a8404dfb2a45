/**
 * Issue 22: the comparison page (`footprint report A --against B -o`) in Chromium at 1440x900 and on
 * a 390x844 phone. A is the event page's services in the Phoenix Local Zone, B the estate with them
 * in us-west-2: the header names both, the budget table gives each metro's p99 in each and B minus A
 * signed and coloured (B slower: red), the findings of one design only are marked, the map shows
 * either design's services by a switch, nothing scrolls sideways on the phone, and axe finds no
 * serious violation. The page is written once for the file, one browser page per size.
 * `FOOTPRINT_SCREENSHOTS=1` also writes docs/report-compare.png from the wide page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateReport, ReportComparison } from '../src/report/index.js';
import {
  axeViolations,
  type Browser,
  browserAvailable,
  inFront,
  launchBrowser,
  openAtEverySize,
  PAGE_SIZE_NAMES,
  type PageSize,
} from './browser.js';
import { footprint, ROOT } from './cli.js';

const A = 'examples/ticketmaster-phoenix/event-page-local-zone.yaml';
const B = 'examples/ticketmaster-phoenix/estate.yaml';

const withBrowser = browserAvailable();
let dir: string;
let browser: Browser;
let json: { a: EstateReport; b: EstateReport; comparison: ReportComparison };
let pages = new Map<PageSize, Promise<Page>>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fp-compare-page-'));
  const out = join(dir, 'cmp.html');
  const [written, printed] = await Promise.all([
    footprint('report', A, '--against', B, '-o', out),
    footprint('report', A, '--against', B, '--json'),
    withBrowser ? launchBrowser().then((b) => (browser = b)) : undefined,
  ]);
  expect(written.code, written.stderr).toBe(0);
  expect(printed.code, printed.stderr).toBe(0);
  json = JSON.parse(printed.stdout);
  if (withBrowser) pages = openAtEverySize(browser.context, out, '#map .places [data-place]');
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe.runIf(withBrowser)('the comparison page', { timeout: 60_000 }, () => {
  it.each(PAGE_SIZE_NAMES)('names design A and design B in the header, at %s', async (size) => {
    const page = await inFront(pages.get(size));
    const heads = await page.$$eval('header [data-design]', (els) =>
      els.map((e) => [e.getAttribute('data-design'), e.querySelector('h2')?.textContent]),
    );
    expect(heads).toEqual([
      ['a', `A ${json.a.estate.name}`],
      ['b', `B ${json.b.estate.name}`],
    ]);
    await expect(page.locator('h1').textContent()).resolves.toBe(
      `${json.a.estate.name} against ${json.b.estate.name}`,
    );
    // The comparison comes first, above the map; the page's own decision summary gives way to it.
    const comparison = await page.locator('#comparison').boundingBox();
    const map = await page.locator('#map').boundingBox();
    expect(comparison?.y ?? Number.POSITIVE_INFINITY).toBeLessThan(map?.y ?? 0);
    await expect(page.locator('#decisions').count()).resolves.toBe(0);
  });

  it.each(PAGE_SIZE_NAMES)(
    "gives each metro's p99 in A and B and B minus A, signed and coloured, at %s",
    async (size) => {
      const page = await inFront(pages.get(size));
      const rows = await page.$$eval('#comparison .compare-budgets tbody tr', (trs) =>
        trs.map((tr) => {
          const delta = tr.querySelector('[data-role="p99"]');
          if (!delta) throw new Error('a row without its p99 delta');
          return {
            metro: tr.getAttribute('data-metro'),
            change: tr.getAttribute('data-verdict-change'),
            p99: [...tr.querySelectorAll('td .figure')].map((f) => Number(f.getAttribute('data-ms'))),
            delta: Number(delta.getAttribute('data-delta-ms')),
            text: delta.textContent,
            kind: delta.className,
            color: (
              globalThis as unknown as { getComputedStyle(e: unknown): { color: string } }
            ).getComputedStyle(delta).color,
          };
        }),
      );
      expect(rows.map((r) => r.metro)).toEqual(json.comparison.budgets.map((x) => x.metro));
      for (const [i, x] of json.comparison.budgets.entries()) {
        const row = rows[i];
        expect(row?.p99).toEqual([x.a?.p99Ms, x.b?.p99Ms]);
        expect(row?.delta).toBe(x.p99DeltaMs);
        expect(row?.change).toBe(x.verdictChange);
      }
      // Phoenix: the services in us-west-2 put about 130 ms on its p99; B is slower, in red.
      const phoenix = rows.find((r) => r.metro === 'metro:phoenix');
      expect(phoenix?.delta).toBeGreaterThan(100);
      expect(phoenix?.text).toMatch(/^\+\d+\.\d ms B slower$/);
      expect(phoenix?.kind).toBe('delta worse');
      expect(phoenix?.color).toBe('rgb(198, 40, 40)');
      expect(phoenix?.change).toBe('broken');
    },
  );

  it('marks the findings of one design only, and lists the services that moved', async () => {
    const page = await inFront(pages.get('wide'));
    const only = await page.$$eval('#comparison .finding-only', (items) =>
      items.map((li) => [
        li.getAttribute('data-only'),
        li.getAttribute('data-rule'),
        li.querySelector('.only-badge')?.textContent,
      ]),
    );
    expect(only).toEqual([
      ...json.comparison.findings.onlyInB.map((f) => ['b', f.rule, 'only in B: new in B']),
      ...json.comparison.findings.onlyInA.map((f) => ['a', f.rule, 'only in A: gone in B']),
    ]);
    // The Local Zone design's services each run in one zone only: lint says so in A, not in B.
    expect(only.filter(([side]) => side === 'a').length).toBe(4);
    const moved = await page.$$eval('#comparison .compare-moves li', (items) =>
      items.map((li) => li.getAttribute('data-service')),
    );
    expect(moved).toEqual(['event-details', 'pricing', 'recommendations', 'seat-map']);
  });

  it("switches the map between A's and B's services and p99", async () => {
    const page = await inFront(pages.get('wide'));
    const shown = () =>
      page.$eval('#map svg g.services', (layer) => ({
        shown: layer.getAttribute('data-shown'),
        p99: Number(
          layer
            .querySelector(
              `[data-variant="${layer.getAttribute('data-shown')}"] .users-p99[data-metro="metro:phoenix"]`,
            )
            ?.getAttribute('data-ms'),
        ),
      }));
    const phoenix = json.comparison.budgets.find((x) => x.metro === 'metro:phoenix');
    expect(await shown()).toEqual({ shown: 'a', p99: phoenix?.a?.p99Ms });
    await page.locator('#comparison .placement-switch button[data-variant="b"]').click();
    expect(await shown()).toEqual({ shown: 'b', p99: phoenix?.b?.p99Ms });
    await page.locator('#comparison .placement-switch button[data-variant="a"]').click();
    expect((await shown()).shown).toBe('a');
  });

  it('does not scroll sideways on the phone', async () => {
    const page = await inFront(pages.get('phone'));
    const widths = await page.evaluate(() => {
      const { document, innerWidth } = globalThis as unknown as BrowserWindow;
      return {
        page: document.documentElement.scrollWidth,
        viewport: innerWidth,
        wider: [...document.querySelectorAll('#comparison *, header *')]
          .filter((e) => e.getBoundingClientRect().right > innerWidth + 0.5)
          .map((e) => e.tagName + (e.className ? `.${e.className}` : '')),
      };
    });
    expect(widths.wider).toEqual([]);
    expect(widths.page).toBeLessThanOrEqual(widths.viewport);
  });

  it.each(PAGE_SIZE_NAMES)('has no serious or critical axe violation, at %s', async (size) => {
    const page = await inFront(pages.get(size));
    // What this page adds to a report page: its header, the comparison, and the map's legend.
    const include = ['header', '#comparison', '.map-legend'];
    expect(await axeViolations(page, { include, seriousOnly: true })).toEqual([]);
  });

  it.runIf(process.env.FOOTPRINT_SCREENSHOTS === '1')('writes docs/report-compare.png', async () => {
    const page = await inFront(pages.get('wide'));
    await page.evaluate(() => (globalThis as unknown as BrowserWindow).scrollTo(0, 0));
    await page.screenshot({
      path: join(ROOT, 'docs/report-compare.png'),
      clip: { x: 0, y: 0, width: 1440, height: 900 },
    });
  });
});

/** The little of a browser's window the test reads (the tests compile without the DOM's types). */
interface BrowserWindow {
  readonly innerWidth: number;
  scrollTo(x: number, y: number): void;
  readonly document: {
    readonly documentElement: { readonly scrollWidth: number };
    querySelectorAll(selector: string): Iterable<{
      readonly tagName: string;
      readonly className: string;
      getBoundingClientRect(): { readonly right: number };
    }>;
  };
}
