/**
 * Issue 22's "users' metros against every candidate region, Local Zone and subnet, with the
 * budgets", and the cost placement computes, in Chromium at 1440x900 and on a 390x844 phone, on the
 * Ticketmaster estate with its proposed placement (`report --place`): the table's figures and
 * colours are the report JSON's, a candidate column focused from the keyboard draws its users' arcs
 * on the map, the table scrolls sideways on the phone with the page's hint and text of 12 px or
 * more, and axe finds no serious or critical violation. One page per size, written once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EstateReport } from '../src/report/index.js';
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
import { footprint } from './cli.js';

const ESTATE = 'examples/ticketmaster-phoenix/estate.yaml';
/** The cells' backgrounds (web/views/candidates.css). */
const BACKGROUND = { held: 'rgb(220, 243, 226)', tight: 'rgb(255, 240, 194)', broken: 'rgb(253, 224, 224)' };

const withBrowser = browserAvailable();
let dir: string;
let browser: Browser;
let json: EstateReport;
let pages = new Map<PageSize, Promise<Page>>();

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fp-candidates-'));
  const out = join(dir, 'place.html');
  const [written, printed] = await Promise.all([
    footprint('report', ESTATE, '--place', '-o', out),
    footprint('report', ESTATE, '--place', '--json'),
    withBrowser ? launchBrowser().then((b) => (browser = b)) : undefined,
  ]);
  expect(written.code, written.stderr).toBe(0);
  expect(printed.code, printed.stderr).toBe(0);
  json = JSON.parse(printed.stdout);
  if (withBrowser) pages = openAtEverySize(browser.context, out, '#candidates .candidates-table');
}, 90_000);
afterAll(async () => {
  await browser?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the report JSON', () => {
  it("carries the placement's candidates against the metros, the Phoenix Local Zone holding every budget", () => {
    const c = json.candidates;
    expect(c.source).toBe('placement');
    expect(c.rows.map((r) => r.metro)).toEqual(['metro:phoenix', 'metro:los-angeles', 'metro:las-vegas']);
    expect(c.columns[0]?.id).toBe('us-west-2-phx-2a');
    expect(c.columns[0]?.broken).toBe(0);
    expect(c.columns.some((x) => x.broken > 0)).toBe(true);
    // The design's instances at the placement's prices are placement's "today" (fleets split evenly).
    expect(json.decisions.cost.usdPerHour).toBeCloseTo(
      json.decisions.placement?.costUsdPerHour.today ?? 0,
      9,
    );
  });
});

describe.runIf(withBrowser)("the page's metros against candidates", { timeout: 60_000 }, () => {
  it.each(PAGE_SIZE_NAMES)(
    "shows the JSON's figures, coloured by verdict, best first, at %s",
    async (size) => {
      const page = await inFront(pages.get(size));
      const heads = await page.$$eval('#candidates thead th[data-candidate]', (els) =>
        els.map((e) => e.getAttribute('data-candidate')),
      );
      expect(heads).toEqual(json.candidates.columns.map((c) => c.id));
      const cells = await page.$$eval('#candidates td.candidate-cell', (els) =>
        els.map((e) => ({
          metro: e.getAttribute('data-metro'),
          candidate: e.getAttribute('data-candidate'),
          verdict: e.getAttribute('data-verdict'),
          rttMs: Number(e.getAttribute('data-rtt-ms')),
          p99Ms: Number(e.getAttribute('data-p99-ms')),
          rttText: e.querySelector('.cell-rtt')?.textContent,
          background: (
            globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }
          ).getComputedStyle(e).backgroundColor,
        })),
      );
      const expected = json.candidates.rows.flatMap((row) =>
        row.cells.map((cell, i) => ({ row, cell, column: json.candidates.columns[i] })),
      );
      expect(cells.length).toBe(expected.length);
      for (const [i, { row, cell, column }] of expected.entries()) {
        const shown = cells[i];
        const worst = [...cell.budgets].sort((a, b) => a.marginMs - b.marginMs)[0];
        expect(shown?.metro).toBe(row.metro);
        expect(shown?.candidate).toBe(column?.id);
        expect(shown?.rttMs).toBe(cell.rttMs);
        expect(shown?.p99Ms).toBe(worst?.p99Ms);
        expect(shown?.verdict).toBe(cell.verdict);
        expect(shown?.background).toBe(BACKGROUND[cell.verdict as keyof typeof BACKGROUND]);
        expect(shown?.rttText).toMatch(/^\d+(\.\d+)? ms$/);
        expect(Number.parseFloat(shown?.rttText ?? '')).toBeCloseTo(cell.rttMs, cell.rttMs < 10 ? 2 : 1);
      }
      // Both verdicts are there: the Phoenix Local Zone holds, us-west-2's AZs break.
      expect(new Set(cells.map((c) => c.verdict))).toEqual(new Set(['held', 'broken']));
      await expect(page.locator('#candidates caption').textContent()).resolves.toBe(
        'Budget: event-page p99 ≤ 100 ms',
      );
    },
  );

  it.each(PAGE_SIZE_NAMES)(
    "draws a focused column's users on the map, from the keyboard, at %s",
    async (size) => {
      const page = await inFront(pages.get(size));
      const column =
        json.candidates.columns.find((c) => c.id === 'us-west-2-lax-1a') ?? json.candidates.columns[1];
      const id = column?.id as string;
      const button = page.locator(`#candidates button.candidate-col[data-candidate="${id}"]`);
      // Reached by Tab from the column before it: a button in the tab order.
      const before = page
        .locator('#candidates button.candidate-col')
        .nth(json.candidates.columns.findIndex((c) => c.id === id) - 1);
      await before.focus();
      await page.keyboard.press('Tab');
      await expect(
        button.evaluate((e) => e === (e.ownerDocument as { activeElement: unknown }).activeElement),
      ).resolves.toBe(true);
      const routes = page.locator(`#map .route.highlighted[data-key="candidate:${id}"]`);
      await expect.poll(() => routes.count()).toBe(json.candidates.rows.length);
      // Each arc ends at the candidate, ringed, and nothing else of the candidates is drawn.
      await expect(page.locator('#map .route[data-group="Users to a candidate"]').count()).resolves.toBe(
        json.candidates.rows.length,
      );
      await expect(routes.locator('circle.candidate-end').count()).resolves.toBe(json.candidates.rows.length);
      await button.blur();
      await expect.poll(() => page.locator('#map .route[data-group="Users to a candidate"]').count()).toBe(0);
    },
  );

  it('scrolls the table sideways on the phone, says so, and keeps its text at 12 px or more', async () => {
    const page = await inFront(pages.get('phone'));
    const layout = await page.evaluate(() => {
      const w = globalThis as unknown as {
        innerWidth: number;
        document: {
          documentElement: { scrollWidth: number };
          querySelector(s: string): { scrollWidth: number; clientWidth: number; className: string } | null;
          querySelectorAll(s: string): Iterable<{ textContent: string | null; children: { length: number } }>;
        };
        getComputedStyle(e: unknown): { fontSize: string; display: string };
      };
      const section = w.document.querySelector('#candidates');
      const hint = w.document.querySelector('#candidates .scroll-hint');
      const texts = [...w.document.querySelectorAll('#candidates table *')]
        .filter((e) => e.children.length === 0 && (e.textContent ?? '').trim() !== '')
        .map((e) => Number.parseFloat(w.getComputedStyle(e).fontSize));
      return {
        page: w.document.documentElement.scrollWidth,
        viewport: w.innerWidth,
        scrolls: section ? section.scrollWidth > section.clientWidth : false,
        clips: section?.className ?? '',
        hint: hint ? w.getComputedStyle(hint).display : 'none',
        smallest: Math.min(...texts),
      };
    });
    expect(layout.page).toBeLessThanOrEqual(layout.viewport);
    expect(layout.scrolls).toBe(true);
    expect(layout.clips).toContain('clips-right');
    expect(layout.hint).not.toBe('none');
    expect(layout.smallest).toBeGreaterThanOrEqual(12);
  });

  it.each(PAGE_SIZE_NAMES)(
    'shows the cost the placement computes, as the JSON gives it, at %s',
    async (size) => {
      const page = await inFront(pages.get(size));
      const usd = (selector: string) => page.locator(selector).first().getAttribute('data-usd').then(Number);
      const placement = json.decisions.placement?.costUsdPerHour;
      expect(placement).toBeDefined();
      // With a placement the summary gives its cost today (the design's, here) and proposed.
      await expect(page.locator('.decision-cost').count()).resolves.toBe(0);
      expect(placement?.today).toBeCloseTo(json.decisions.cost.usdPerHour, 9);
      await expect(usd('.decision-placement [data-role="cost-today"]')).resolves.toBe(placement?.today);
      await expect(usd('.decision-placement [data-role="cost-proposed"]')).resolves.toBe(placement?.proposed);
      await expect(usd('#placement .placement-cost [data-role="cost-today"]')).resolves.toBe(
        placement?.today,
      );
      await expect(usd('#placement .placement-cost [data-role="cost-proposed"]')).resolves.toBe(
        placement?.proposed,
      );
      await expect(page.locator('#placement .placement-cost').textContent()).resolves.toContain(
        `${placement?.today.toFixed(2)} USD/h today → ${placement?.proposed.toFixed(2)} USD/h proposed`,
      );
    },
  );

  it.each(PAGE_SIZE_NAMES)('has no serious or critical axe violation, at %s', async (size) => {
    const page = await inFront(pages.get(size));
    const include = ['#candidates', '#decisions', '#placement', '.map-legend'];
    expect(await axeViolations(page, { include, seriousOnly: true })).toEqual([]);
  });
});
