/**
 * Issue 22: the logical diagram of a trace, opened from its card in "Traced paths", in Chromium at
 * 1440x900 (beside the map) and on a 390x844 phone (full width). The page is the "don't" design of
 * the Ticketmaster example (network-dont.yaml) with one more routed expectation that stops at the
 * Transit Gateway's route table (test/fixtures/trace-stops.yaml): its Phoenix Local Zone to Phoenix
 * data center trace, through us-west-2 and the Portland-area DX, is the example's own.
 *
 * One page per size, written once and reused by every test. With FOOTPRINT_SCREENSHOTS=1 the
 * wide screen's diagram of that trace is saved as docs/trace-diagram.png.
 */
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
  openSized,
  PAGE_SIZE_NAMES,
  PAGE_SIZES,
  type PageSize,
} from './browser.js';
import { ROOT } from './cli.js';
import { reportPage } from './report-pages.js';

const withBrowser = browserAvailable();
const ESTATE = 'test/fixtures/trace-stops.yaml';
const SCREENSHOTS = process.env.FOOTPRINT_SCREENSHOTS === '1';

let browser: Browser;
const pages = new Map<PageSize, Page>();
let report: EstateReport;

beforeAll(async () => {
  if (!withBrowser) return;
  const [launched, out] = await Promise.all([launchBrowser(), reportPage(ESTATE)]);
  browser = launched;
  for (const size of PAGE_SIZE_NAMES)
    pages.set(size, await openSized(browser.context, out, PAGE_SIZES[size], '.diagram-button'));
  // The figures the page draws: its own inlined report JSON.
  const page = await inFront(pages.get('wide'));
  report = JSON.parse(
    await page.locator('#footprint-report').evaluate((e) => e.textContent ?? ''),
  ) as EstateReport;
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

/** Opens the diagram of the trace to `to` from the keyboard, and returns its index. */
async function openDiagram(page: Page, to: string): Promise<number> {
  const index = report.traces.findIndex((t) => t.to === to);
  const button = page.locator(`.diagram-button[data-diagram="${index}"]`);
  await button.focus();
  await page.keyboard.press('Enter');
  await page.locator(`#trace-diagram-${index} .trace-diagram-svg`).waitFor();
  return index;
}

/** The drawn boxes of the diagram's nodes, in the document's order. */
function nodeBoxes(page: Page, index: number) {
  return page.$$eval(`#trace-diagram-${index} [data-node]`, (nodes) =>
    nodes.map((n) => {
      const box = (n.querySelector('rect') as SVGRectElement).getBoundingClientRect();
      return {
        id: n.getAttribute('data-node') ?? '',
        role: n.getAttribute('data-role') ?? '',
        element: n.getAttribute('data-element') ?? '',
        text: n.textContent ?? '',
        x: box.x,
        y: box.y,
        width: box.width,
        height: box.height,
      };
    }),
  );
}

type Box = { x: number; y: number; width: number; height: number };
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width - 0.5 &&
  b.x < a.x + a.width - 0.5 &&
  a.y < b.y + b.height - 0.5 &&
  b.y < a.y + a.height - 0.5;

describe.runIf(withBrowser).each(PAGE_SIZE_NAMES)('the trace diagram at %s size', (size) => {
  it('opens from its card by keyboard: one node per hop in order, with the route tables and gateways', async () => {
    const page = await inFront(pages.get(size));
    const index = await openDiagram(page, 'phx-dc');
    const trace = report.traces[index];
    if (!trace) throw new Error('no trace to phx-dc');
    const panel = page.locator(`#trace-diagram-${index}`);
    expect(await page.locator(`.diagram-button[data-diagram="${index}"]`).getAttribute('aria-expanded')).toBe(
      'true',
    );
    expect(await panel.evaluate((p) => p.contains(document.activeElement))).toBe(true);
    // The map shows the same trace's geography while its diagram is open, even once the pointer
    // has left its card.
    await page.mouse.move(1, 1);
    expect(await page.locator('#map .route.highlighted').getAttribute('data-route')).toBe(`trace-${index}`);
    const nodes = await nodeBoxes(page, index);
    const hops = nodes.filter((n) => n.role === 'hop');
    expect(hops.map((n) => n.element)).toEqual(trace.hops.map((h) => h.element));
    expect(hops.map((n) => n.element)).toEqual([
      'phx-app',
      'tgw-usw2',
      'att-dx',
      'dxgw-main',
      'vif-pdx',
      'phx-dc',
      'phx-net',
    ]);
    // The route tables stand before the hop they chose, with the route they matched.
    expect(nodes.map((n) => n.element)).toEqual([
      'phx-app',
      'lz-main',
      'tgw-usw2',
      'tgw-rt',
      'att-dx',
      'dxgw-main',
      'vif-pdx',
      'phx-dc',
      'phx-net',
    ]);
    expect(nodes.find((n) => n.element === 'lz-main')?.text).toContain('192.168.0.0/16 → tgw-usw2');
    expect(nodes.find((n) => n.element === 'vif-pdx')?.text).toContain('virtual interface');
    // In order along the diagram's direction, and no box on another.
    const direction = await panel.locator('svg').getAttribute('data-direction');
    const along = nodes.map((n) => (direction === 'LR' ? n.x : n.y));
    expect(along).toEqual([...along].sort((a, b) => a - b));
    for (const [i, a] of nodes.entries())
      for (const b of nodes.slice(i + 1)) expect(overlap(a, b), `${a.id} on ${b.id}`).toBe(false);
    // The locations are the map's places, in the order the packet reaches them.
    const places = await panel
      .locator('.diagram-location')
      .evaluateAll((ls) => ls.map((l) => l.getAttribute('data-place')));
    expect(places).toEqual(['us-west-2-phx-2a', 'us-west-2', 'dx:ECPO1', 'phx-dc']);

    // Beside the map on a wide screen; full width (of the page's column) on a phone.
    const box = (await panel.boundingBox()) as Box;
    const map = (await page.locator('#map').boundingBox()) as Box;
    if (size === 'wide') expect(box.x).toBeGreaterThanOrEqual(map.x + map.width);
    else expect(box.width).toBeGreaterThan(PAGE_SIZES.phone.width * 0.85);
    expect(box.x + box.width).toBeLessThanOrEqual(PAGE_SIZES[size].width);

    if (SCREENSHOTS && size === 'wide') {
      await panel.scrollIntoViewIfNeeded();
      await panel.screenshot({ path: join(ROOT, 'docs/trace-diagram.png') });
    }
  });

  it("labels each step with the ms it adds, and the labels add up to the trace's RTT", async () => {
    const page = await inFront(pages.get(size));
    const index = report.traces.findIndex((t) => t.to === 'phx-dc');
    const trace = report.traces[index];
    const labels = await page.locator(`#trace-diagram-${index} .edge-label`).allTextContents();
    expect(labels).toHaveLength(8);
    const sum = labels.reduce((total, label) => total + Number(label.replace(/[+ms]/g, '')), 0);
    expect(Math.abs(sum - (trace?.rttMs ?? 0))).toBeLessThan(0.1);
    // Steps that move the packet are coloured as the map colours a trace: not the grey of 0 ms.
    const moving = await page.locator(`#trace-diagram-${index} .diagram-edge.moves .line`).count();
    expect(moving).toBe(3);
  });

  it('keeps its text at 12 px or more on the screen, and is named for assistive technology', async () => {
    const page = await inFront(pages.get(size));
    const index = report.traces.findIndex((t) => t.to === 'phx-dc');
    const svg = page.locator(`#trace-diagram-${index} svg`);
    expect(await svg.getAttribute('role')).toBe('img');
    const name = (await svg.getAttribute('aria-label')) ?? '';
    expect(name).toContain('Logical diagram of the trace from phx-app to phx-dc');
    expect(name).toContain('route table lz-main (192.168.0.0/16 → tgw-usw2)');
    const smallest = await svg.evaluate((element) => {
      const scale = element.getBoundingClientRect().width / Number(element.getAttribute('width'));
      return Math.min(
        ...[...element.querySelectorAll('text, tspan')].map(
          (t) => Number.parseFloat(getComputedStyle(t).fontSize) * scale,
        ),
      );
    });
    expect(smallest).toBeGreaterThanOrEqual(12);
  });

  // At one size: the diagram's names and colours do not change with the width, and axe costs
  // a second or two of Chromium.
  it.runIf(size === 'wide')('has no accessibility violation (axe-core)', async () => {
    const page = await inFront(pages.get(size));
    // The page's CSP allows its own script only: axe is evaluated through the DevTools protocol.
    expect(await axeViolations(page, { include: ['.trace-diagram'] })).toEqual([]);
  });

  it('shows where and why a stopped trace stops; closing gives the focus back to its button', async () => {
    const page = await inFront(pages.get(size));
    const index = await openDiagram(page, 'iad-net');
    // One diagram at a time.
    expect(await page.locator('.trace-diagram').count()).toBe(1);
    const panel = page.locator(`#trace-diagram-${index}`);
    const stop = panel.locator('[data-role="stop"]');
    expect(await stop.getAttribute('data-element')).toBe('tgw-rt');
    expect(await stop.textContent()).toContain('no route');
    expect(await panel.locator('.diagram-stop').textContent()).toContain(
      "Transit Gateway route table 'tgw-rt' has no route to 172.16.0.1",
    );
    expect(await panel.locator('.edge-label').last().textContent()).toBe('stops');
    await page.keyboard.press('Escape');
    expect(await page.locator('.trace-diagram').count()).toBe(0);
    expect(await page.locator('#map .route.highlighted').count()).toBe(0);
    const focused = await page.evaluate(() => document.activeElement?.getAttribute('data-diagram'));
    expect(focused).toBe(String(index));
    // The Close button does the same.
    await openDiagram(page, 'iad-net');
    await panel.locator('.diagram-close').click();
    expect(await page.locator('.trace-diagram').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-diagram'))).toBe(
      String(index),
    );
  });
});
