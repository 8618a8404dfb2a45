/**
 * Issue 22's defects of the page's map and layout, in real headless Chromium: hovering a row after a
 * click on the map leaves the page where it is; the map stays in view beside the sections on wide
 * screens; ...
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLiveServer } from '../src/cli/live-server.js';
import { loadPageAssets } from '../src/report/page-assets.js';
import { axeViolations, type Browser, browserAvailable, launchBrowser, newTestPage } from './browser.js';
import { reportPage } from './report-pages.js';

const withBrowser = browserAvailable();
let browser: Browser;
const dir = mkdtempSync(join(tmpdir(), 'fp-page-defects-'));
const TICKETMASTER = 'examples/ticketmaster-phoenix/estate.yaml';
/** Seed 000's network done wrong: traces and expected figures, a long page. */
const NETWORK_DONT = 'examples/ticketmaster-phoenix/network-dont.yaml';

beforeAll(async () => {
  if (withBrowser) browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the report page of `estate` at a viewport size; the caller closes it. */
async function open(estate: string, width = 1440, height = 900): Promise<Page> {
  const out = await reportPage(estate);
  const page = await newTestPage(browser.context);
  await page.setViewportSize({ width, height });
  await page.goto(pathToFileURL(out).href);
  await page.locator('#map .places [data-place]').first().waitFor();
  return page;
}

/** The box of an element on the screen (it must be there). */
async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const found = await locator.boundingBox();
  if (!found) throw new Error('not on the screen');
  return found;
}

/** Two animation frames: what a hover or a click redraws has been drawn (and scrolled, if it does). */
async function settle(page: Page): Promise<void> {
  await page.evaluate(
    () => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => done(null)))),
  );
}

describe.runIf(withBrowser)('the map and the rows that highlight on it', { timeout: 60_000 }, () => {
  it('leaves the page where it is when a row is hovered after a click on the map (defect 1)', async () => {
    const page = await open(TICKETMASTER);
    try {
      await page.locator('#map .places [data-place="phx-dc"]').click();
      await settle(page);
      const row = page.locator('#expectations tbody tr').nth(2);
      await row.scrollIntoViewIfNeeded();
      await settle(page);
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(100);
      // The defect sent the page back to the top (hundreds of px); on a loaded machine a late layout
      // of the place's panel may still nudge it by a line (18 px was seen), which is not the defect.
      const stays = async () =>
        expect(Math.abs((await page.evaluate(() => window.scrollY)) - before)).toBeLessThan(40);
      await row.hover();
      await settle(page);
      await expect(page.locator('#map .route.highlighted').count()).resolves.toBe(1);
      await stays();
      // Leaving the row (the highlight clears, the map redraws) does not move the page either.
      await page.mouse.move(5, 5);
      await settle(page);
      await stays();
    } finally {
      await page.close();
    }
  });

  it('keeps the map in view beside the sections on a wide screen, so a row highlights a visible map (defect 4)', async () => {
    const page = await open(NETWORK_DONT, 1440, 900);
    try {
      const map = page.locator('#map .map-frame');
      // The split pane: the sections are beside the map, not under it.
      const frame = await box(map);
      const sections = await box(page.locator('.sections'));
      expect(sections.x).toBeGreaterThanOrEqual(frame.x + frame.width);
      // The last trace card and the last expected figure, far down the page.
      for (const row of [
        page.locator('#traces .trace').last(),
        page.locator('#expectations tbody tr').last(),
      ]) {
        await row.scrollIntoViewIfNeeded();
        expect(await page.evaluate(() => window.scrollY)).toBeGreaterThan(600);
        await row.hover();
        await settle(page);
        await expect(page.locator('#map .route.highlighted').count()).resolves.toBe(1);
        const shown = await box(map);
        expect(shown.y).toBeGreaterThanOrEqual(0);
        expect(shown.y + shown.height).toBeLessThanOrEqual(900);
        await expect(page.locator('.show-on-map').isVisible()).resolves.toBe(false);
      }
    } finally {
      await page.close();
    }
  });

  it('on a narrow screen, leaves the page where it is and offers to show the map (defect 4)', async () => {
    const page = await open(NETWORK_DONT, 390, 844);
    try {
      const row = page.locator('#traces .trace').last();
      await row.scrollIntoViewIfNeeded();
      const before = await page.evaluate(() => window.scrollY);
      expect(before).toBeGreaterThan(844);
      await row.hover();
      await settle(page);
      expect(await page.evaluate(() => window.scrollY)).toBe(before);
      const offer = page.locator('.show-on-map');
      await expect(offer.isVisible()).resolves.toBe(true);
      // Taken (the pointer has left the row by then): the map comes into view with the row's route.
      const route = await row.getAttribute('data-route');
      await offer.click();
      await page.waitForFunction(() => {
        const frame = document.querySelector('#map .map-frame')?.getBoundingClientRect();
        return frame !== undefined && frame.top >= -1 && frame.top < 40;
      });
      await expect(page.locator(`#map .route.highlighted[data-route="${route}"]`).count()).resolves.toBe(1);
      await expect(offer.isVisible()).resolves.toBe(false);
    } finally {
      await page.close();
    }
  });
});

describe.runIf(withBrowser)('labels while a place is selected', { timeout: 60_000 }, () => {
  it("keep every other place's label and RTT badge (defect 6)", async () => {
    // Hillsboro's DX location (dx:ECPO1), beside Oregon's region, used to lose its label.
    {
      const page = await open(TICKETMASTER);
      try {
        const own = await page
          .locator('#map .places .place:not(.passing)')
          .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-place') ?? ''));
        expect(own.length).toBeGreaterThanOrEqual(10);
        for (const selected of own) {
          await page.locator(`#map .places [data-place="${selected}"]`).click({ force: true });
          await page.locator(`.rtt-list[data-from="${selected}"]`).waitFor();
          const shown = await page.evaluate(() => ({
            labels: [...document.querySelectorAll('#map .labels text.place-label')].map((t) => t.textContent),
            badges: [...document.querySelectorAll('#map .labels [data-rtt-to]')].map((b) =>
              b.getAttribute('data-rtt-to'),
            ),
            listed: [...document.querySelectorAll('.rtt-list tr[data-to]')].map((r) =>
              r.getAttribute('data-to'),
            ),
          }));
          expect({ selected, unlabelled: own.filter((id) => !shown.labels.includes(id)) }).toEqual({
            selected,
            unlabelled: [],
          });
          const ownListed = shown.listed.filter((id) => id !== null && own.includes(id));
          expect(ownListed.length).toBe(own.length - 1);
          expect({ selected, noBadge: ownListed.filter((id) => !shown.badges.includes(id)) }).toEqual({
            selected,
            noBadge: [],
          });
        }
      } finally {
        await page.close();
      }
    }
  });
});

describe.runIf(withBrowser)("users' metros and links on the map", { timeout: 60_000 }, () => {
  it("selects a users' metro by its own handle, not the Local Zone on its centre (defect 8)", async () => {
    const page = await open(TICKETMASTER);
    try {
      // Phoenix's users are centred where the Phoenix Local Zone is drawn.
      const handle = page.locator('#map [tabindex][data-place="metro:phoenix"]');
      const { x, y, width, height } = await box(handle);
      const zone = await box(page.locator('#map .places [data-place="us-west-2-phx-2a"]'));
      const gap = Math.hypot(
        x + width / 2 - (zone.x + zone.width / 2),
        y + height / 2 - (zone.y + zone.height / 2),
      );
      expect(gap).toBeGreaterThanOrEqual(12);
      // Nothing covers the handle: a click on it selects the metro.
      const hit = await page.evaluate(
        ([px, py]) => document.elementFromPoint(px, py)?.closest('[data-place]')?.getAttribute('data-place'),
        [x + width / 2, y + height / 2],
      );
      expect(hit).toBe('metro:phoenix');
      await page.mouse.click(x + width / 2, y + height / 2);
      await page.locator('.rtt-list[data-from="metro:phoenix"]').waitFor();
    } finally {
      await page.close();
    }
  });

  it("reaches every users' metro and every link from the keyboard (defect 8)", async () => {
    const page = await open(TICKETMASTER);
    try {
      // From the top of the page: the map's drawing comes first.
      const reached: string[] = [];
      for (let i = 0; i < 40; i++) {
        await page.keyboard.press('Tab');
        const focused = await page.evaluate(() => {
          const active = document.activeElement;
          return active?.getAttribute('data-link') ?? active?.getAttribute('data-place') ?? '';
        });
        if (focused) reached.push(focused);
      }
      for (const metro of ['metro:phoenix', 'metro:los-angeles', 'metro:las-vegas'])
        expect(reached).toContain(metro);
      const links = await page
        .locator('#map [data-link]')
        .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-link')));
      expect(links).toHaveLength(4);
      for (const link of links) expect(reached).toContain(link);
      // A link says what it is; Enter on a users' metro selects it.
      const label = await page.locator(`#map [data-link="${links[0]}"]`).getAttribute('aria-label');
      expect(label).toMatch(/km, [\d.]+ ms RTT/);
      await page.locator('#map [tabindex][data-place="metro:las-vegas"]').focus();
      await page.keyboard.press('Enter');
      await page.locator('.rtt-list[data-from="metro:las-vegas"]').waitFor();
    } finally {
      await page.close();
    }
  });
});

describe.runIf(withBrowser)('the page on a 390x844 phone', { timeout: 60_000 }, () => {
  /** A phone: 390x844 CSS px at Chromium's device scale 3, touch, the page's own viewport meta. */
  let context: BrowserContext | undefined;
  afterAll(async () => {
    await context?.close();
  });

  async function phone(estate: string): Promise<{ page: Page; close: () => Promise<void> }> {
    const out = await reportPage(estate);
    const chromium = browser.context.browser();
    if (!chromium) throw new Error('no browser');
    context ??= await chromium.newContext({
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 3,
      isMobile: true,
      hasTouch: true,
    });
    const page = await newTestPage(context);
    await page.goto(pathToFileURL(out).href);
    await page.locator('#map .places [data-place]').first().waitFor();
    await settle(page);
    return { page, close: () => page.close() };
  }

  it('draws the map at its size: labels of 11 px and more, targets of 24 px, the menu inside (defect 2)', async () => {
    const { page, close } = await phone(TICKETMASTER);
    try {
      await page.locator('#map .places [data-place="phx-dc"]').tap();
      await page.locator('.rtt-list[data-from="phx-dc"]').waitFor();
      const map = await page.evaluate(() => {
        const svg = document.querySelector('#map svg.map-svg') as SVGSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        const px = (e: Element) => Number.parseFloat(getComputedStyle(e).fontSize);
        const size = (e: Element) => {
          const r = e.getBoundingClientRect();
          return { id: e.getAttribute('data-place') ?? e.textContent ?? '', w: r.width, h: r.height };
        };
        return {
          scale,
          // Text drawn on the map, at the map's rendered scale.
          svgText: [...svg.querySelectorAll('.labels text')].map((t) => px(t) * scale),
          htmlText: [
            ...document.querySelectorAll('#map .map-controls *, #map .scale-bar, #map .map-legend li'),
          ].map(px),
          ramp: [...document.querySelectorAll('#map .legend-ramp text')].map(px),
          targets: [
            // Links are lines, reached from the keyboard; a click on one is a click on its stroke.
            ...svg.querySelectorAll('[tabindex]:not([data-link])'),
            ...document.querySelectorAll(
              '#map .map-controls button, #map .map-controls select, #map .map-legend label',
            ),
          ].map(size),
          frame: (document.querySelector('#map .map-frame') as HTMLElement).getBoundingClientRect().toJSON(),
          menu: (document.querySelector('#map .zoom-to') as HTMLElement).getBoundingClientRect().toJSON(),
          scrollWidth: document.documentElement.scrollWidth,
        };
      });
      expect(map.scale).toBeCloseTo(1, 2);
      expect(map.svgText.length).toBeGreaterThan(10);
      expect(Math.min(...map.svgText)).toBeGreaterThanOrEqual(11 - 0.01);
      expect(Math.min(...map.htmlText)).toBeGreaterThanOrEqual(11);
      expect(map.ramp.length).toBeGreaterThan(5);
      expect(Math.min(...map.ramp)).toBeGreaterThanOrEqual(11);
      const small = map.targets.filter((t) => t.w < 24 - 0.01 || t.h < 24 - 0.01);
      expect(map.targets.length).toBeGreaterThan(15);
      expect(JSON.stringify(small)).toBe('[]');
      // The "Zoom to" menu is inside the map's frame; the page does not scroll sideways.
      expect(map.menu.left).toBeGreaterThanOrEqual(map.frame.left);
      expect(map.menu.right).toBeLessThanOrEqual(map.frame.right);
      expect(map.menu.bottom).toBeLessThanOrEqual(map.frame.bottom);
      expect(map.scrollWidth).toBe(390);
    } finally {
      await close();
    }
  });

  it('shows that a clipped table or chart scrolls, and draws chart text at 11 px and more (defect 2)', async () => {
    const { page, close } = await phone(TICKETMASTER);
    try {
      await page.locator('#requests .requests-chart svg').first().waitFor();
      await settle(page);
      const sections = await page.evaluate(() =>
        [...document.querySelectorAll('section.view-main')].map((s) => {
          const hint = s.querySelector('.scroll-hint');
          const text = [...s.querySelectorAll('svg text')].map((t) => {
            const svg = t.closest('svg') as SVGSVGElement;
            const drawn = svg.viewBox.baseVal?.width || svg.width.baseVal.value;
            return (
              Number.parseFloat(getComputedStyle(t).fontSize) * (svg.getBoundingClientRect().width / drawn)
            );
          });
          return {
            id: s.id,
            clips: s.scrollWidth > s.clientWidth + 1,
            marked: s.classList.contains('clips-right'),
            hint: hint !== null && getComputedStyle(hint).display !== 'none',
            shadow: getComputedStyle(s).boxShadow !== 'none',
            smallest: Math.min(...text),
          };
        }),
      );
      // The expected figures, the findings, the request chart and the matrix are wider than a phone.
      expect(sections.filter((s) => s.clips).map((s) => s.id)).toEqual(
        expect.arrayContaining(['expectations', 'findings', 'requests', 'matrix']),
      );
      for (const s of sections)
        expect({ id: s.id, marked: s.marked, hint: s.hint, shadow: s.shadow }).toEqual({
          id: s.id,
          marked: s.clips,
          hint: s.clips,
          shadow: s.clips,
        });
      for (const id of ['requests', 'matrix', 'users']) {
        const smallest = sections.find((s) => s.id === id)?.smallest ?? 0;
        expect(smallest, id).toBeGreaterThanOrEqual(11 - 0.01);
        expect(smallest, id).toBeLessThan(40);
      }
      // Scrolled to its end, a section no longer says there is more to the right.
      await page.locator('#expectations').evaluate((s) => {
        s.scrollLeft = s.scrollWidth;
      });
      await settle(page);
      await expect(page.locator('#expectations').getAttribute('class')).resolves.not.toContain('clips-right');
    } finally {
      await close();
    }
  });
});

describe.runIf(withBrowser)('traces, links and the legend', { timeout: 60_000 }, () => {
  it('draws traces unlike estate links, says so in the legend, with the "on a path" marker (defect 9)', async () => {
    const page = await open(NETWORK_DONT);
    try {
      const look = (selector: string) =>
        page.locator(selector).evaluateAll((paths) =>
          paths.map((p) => {
            const style = getComputedStyle(p);
            return `${p.getAttribute('class')}:${style.stroke}/${style.strokeWidth}/${style.strokeDasharray}`;
          }),
        );
      // On the map: an estate link has a white casing, a routed trace a dark one.
      const link = await look('#map .links .link:first-child path');
      const trace = await look('#map .route-trace path');
      expect(link).toContainEqual(expect.stringMatching(/^casing:rgb\(255, 255, 255\)/));
      expect(trace).toContainEqual(expect.stringMatching(/^casing:rgb\(29, 35, 41\)/));
      // In the legend: each kind of line drawn as on the map, and named for what it is.
      const legend = await page
        .locator('.map-legend .legend-lines label')
        .evaluateAll((labels) => labels.map((l) => l.textContent));
      expect(legend).toEqual(
        expect.arrayContaining([
          'Estate link (physical)',
          'Traces (routed, dark edge)',
          'Expected paths (physical best, dashed)',
        ]),
      );
      const swatch = (group: string) => look(`.map-legend label:has([data-toggle="${group}"]) svg path`);
      expect(await swatch('links')).not.toEqual(await swatch('Traces'));
      expect((await swatch('Traces')).join()).toMatch(/casing:rgb\(29, 35, 41\)/);
      // Places a trace passes through (the Los Angeles Local Zone here) are hollow, and the legend says so.
      await expect(page.locator('#map .places .passing').count()).resolves.toBeGreaterThan(0);
      await expect(page.locator('.map-legend [data-legend-kind="passing"]').textContent()).resolves.toBe(
        'On a path only (hollow)',
      );
    } finally {
      await page.close();
    }
  });

  it('gives every trace waterfall an axis in ms on one shared scale (defect 9)', async () => {
    const page = await open(NETWORK_DONT);
    try {
      const cards = await page.locator('#traces .trace').evaluateAll((traces) =>
        traces.map((t) => {
          const lane = t.querySelector('tbody td.waterfall') as HTMLElement;
          const width = lane.getBoundingClientRect().width;
          return {
            ticks: [...t.querySelectorAll('.waterfall-axis .tick')].map((tick) => tick.textContent),
            // Each hop's bar ends at its cumulative RTT: ms per px of the lane.
            msPerPx: [...t.querySelectorAll('tbody tr')].flatMap((row) => {
              const total = Number(row.querySelector('td.num')?.textContent);
              const step = row.querySelector('.step') as HTMLElement;
              const right = step.getBoundingClientRect().right - lane.getBoundingClientRect().left;
              return total > 5 ? [total / right] : [];
            }),
            width,
          };
        }),
      );
      expect(cards.length).toBeGreaterThanOrEqual(2);
      const scales = cards.flatMap((c) => c.msPerPx);
      expect(scales.length).toBeGreaterThanOrEqual(4);
      // One scale: every bar's end reads the same ms per px, within half a pixel's worth.
      const [lo, hi] = [Math.min(...scales), Math.max(...scales)];
      expect(hi / lo).toBeLessThan(1.02);
      for (const c of cards) {
        expect(c.ticks[0]).toBe('0 ms');
        expect(c.ticks.length).toBeGreaterThanOrEqual(3);
        expect(c.ticks).toEqual(cards[0]?.ticks);
      }
    } finally {
      await page.close();
    }
  });
});

describe.runIf(withBrowser)('serve: the error overlay', { timeout: 60_000 }, () => {
  it('locates a YAML syntax error where it is, and wraps a long message instead of cutting it (defect 10)', async () => {
    const folder = mkdtempSync(join(dir, 'serve-'));
    const file = join(folder, 'estate.yaml');
    // An unclosed { on line 3: the parser notices at line 6, past a blank line and a comment.
    writeFileSync(
      file,
      'name: broken\nsites:\n  phx-dc: { kind: datacenter, metro: metro:phoenix\n\n  # the other data center\n  iad-dc: { kind: datacenter, location: [39.02, -77.46] }\n',
    );
    const server = await startLiveServer({ file, port: 0, assets: loadPageAssets(), pollMs: 50 });
    const page = await newTestPage(browser.context, 30_000);
    try {
      await page.setViewportSize({ width: 390, height: 844 });
      await page.goto(server.url);
      const overlay = page.locator('.error-overlay');
      await overlay.waitFor();
      expect(await overlay.textContent()).toContain(`${file}:3:11`);
      // A long message: an unknown place named with 200 characters.
      const long = `nowhere-${'x'.repeat(200)}`;
      writeFileSync(
        file,
        `name: long\nsites:\n  phx-dc: { kind: datacenter, metro: metro:phoenix }\nlinks:\n  wan: { kind: wan, between: [phx-dc, ${long}] }\n`,
      );
      await page.locator('.error-overlay', { hasText: long.slice(0, 40) }).waitFor();
      const fits = await page.evaluate(() => {
        const card = (document.querySelector('.error-card') as HTMLElement).getBoundingClientRect();
        const lines = [...document.querySelectorAll('.error-card .message-line')];
        return {
          card: { left: card.left, right: card.right },
          viewport: window.innerWidth,
          outside: lines.flatMap((line) =>
            [...line.getClientRects()].filter((r) => r.right > card.right + 0.5).map(() => line.textContent),
          ),
          lines: lines.length,
        };
      });
      expect(fits.lines).toBeGreaterThan(0);
      expect(fits.card.right).toBeLessThanOrEqual(fits.viewport);
      expect(fits.outside).toEqual([]);
    } finally {
      await page.close();
      await server.close();
    }
  });
});

describe.runIf(withBrowser)('accessibility (axe-core)', { timeout: 120_000 }, () => {
  const EXAMPLES = [TICKETMASTER, NETWORK_DONT, 'examples/skyscanner-multi-region/estate.yaml'];

  // Every example at a desktop's size; the phone's layout (its own controls, scroll hints, the map
  // drawn at its size) on the largest example: the colours and names do not change with the width,
  // and each page axe reads costs seconds of Chromium.
  const DESKTOP = { width: 1440, height: 900 };
  const PHONE = { width: 390, height: 844 };
  const SIZES_OF = (estate: string) => (estate === TICKETMASTER ? [DESKTOP, PHONE] : [DESKTOP]);

  it('finds no serious or critical violation on the examples at 1440x900, and on a 390x844 phone (defect 11)', async () => {
    const found: string[] = [];
    for (const estate of EXAMPLES) {
      const out = await reportPage(estate);
      for (const viewport of SIZES_OF(estate)) {
        // The page's CSP allows its own script only: axe is evaluated through the DevTools protocol.
        const page = await newTestPage(browser.context, 30_000);
        try {
          await page.setViewportSize(viewport);
          await page.goto(pathToFileURL(out).href);
          await page.locator('#map .places [data-place]').first().waitFor();
          await settle(page);
          const violations = await axeViolations(page, { seriousOnly: true });
          found.push(...violations.map((v) => `${estate} at ${viewport.width}: ${v}`));
        } finally {
          await page.close();
        }
      }
    }
    expect(found).toEqual([]);
  });
});
