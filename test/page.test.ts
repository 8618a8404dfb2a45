/**
 * The HTML page in a real browser (Debian's chromium, driven by playwright-core): what the map
 * draws for the example, a click on a place, the views fed by optional parts, the live page, and
 * that the report opens with the network disabled.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LiveServer, startLiveServer } from '../src/cli/live-server.js';
import { loadEstate } from '../src/model/index.js';
import { placeServices } from '../src/placement/index.js';
import { buildEstateReport, type EstateReport } from '../src/report/estate.js';
import { renderHtmlPage } from '../src/report/html.js';
import { loadPageAssets } from '../src/report/page-assets.js';
import { placementReport } from '../src/report/placement.js';
import { type Browser, browserAvailable, launchBrowser, newTestPage } from './browser.js';
import { footprint, json, ROOT } from './cli.js';

const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';

/** Console errors and warnings, uncaught exceptions and failed requests of a page. */
function watchProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.push(`console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  return problems;
}

const withBrowser = browserAvailable();

/** One browser for the file (a launch costs seconds); each test opens its own page in it. */
let browser: Browser;
beforeAll(async () => {
  if (withBrowser) browser = await launchBrowser();
}, 60_000);
afterAll(async () => {
  await browser?.close();
});

describe.runIf(withBrowser)('the report page in a browser', () => {
  let dir: string;
  let reportFile: string;
  let report: EstateReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-page-'));
    reportFile = join(dir, 'report.html');
    const written = await footprint('report', EXAMPLE, '-o', reportFile);
    expect(written.code, written.stderr).toBe(0);
    report = json<EstateReport>(await footprint('report', EXAMPLE, '--json'));
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  async function open(file = reportFile): Promise<{ page: Page; problems: string[] }> {
    const page = await newTestPage(browser.context);
    const problems = watchProblems(page);
    await page.goto(pathToFileURL(file).href);
    await page.locator('#map .places [data-place]').first().waitFor();
    return { page, problems };
  }

  it('opens with the network disabled, asks for nothing, and logs no error', async () => {
    const requests: string[] = [];
    await browser.context.setOffline(true);
    await browser.context.route('**/*', (route) => {
      const url = route.request().url();
      requests.push(url);
      return url.startsWith('file:') ? route.continue() : route.abort();
    });
    try {
      const { page, problems } = await open();
      await page.waitForTimeout(300);
      expect(requests).toEqual([pathToFileURL(reportFile).href]);
      expect(problems).toEqual([]);
      await expect(page.title()).resolves.toBe('ticketmaster-southwest · Footprint');
      await page.close();
    } finally {
      await browser.context.unroute('**/*');
      await browser.context.setOffline(false);
    }
  });

  describe('as it opens, before any click (read only: one page for these tests)', () => {
    let page: Page;
    let problems: string[];
    beforeAll(async () => {
      ({ page, problems } = await open());
    });
    afterAll(async () => {
      await page?.close();
    });

    it('draws every place, user metro, link and expected path of the example', async () => {
      const onPaths = new Set(report.expectations.flatMap((e) => e.path.map((step) => step.place)));
      const passing = [...onPaths].filter((id) => !report.places.some((p) => p.id === id));
      // The example: 10 places, 4 links, 3 users' metros, 5 expected paths over the estate's own places.
      expect([report.places.length, report.links.length, report.users.length, passing.length]).toEqual([
        10, 4, 3, 0,
      ]);
      const markers = page.locator('#map .places [data-place]');
      await expect(markers.count()).resolves.toBe(report.places.length + passing.length);
      for (const place of report.places)
        await expect(page.locator(`#map .places [data-place="${place.id}"]`).count()).resolves.toBe(1);
      await expect(page.locator('#map .places .passing').count()).resolves.toBe(passing.length);
      await expect(page.locator('#map .user-metro[data-place]').count()).resolves.toBe(report.users.length);
      await expect(page.locator('#map [data-link]').count()).resolves.toBe(report.links.length);
      await expect(page.locator('#map .map-svg .route').count()).resolves.toBe(report.expectations.length);
      const steps = report.expectations.reduce((sum, e) => sum + e.path.length - 1, 0);
      await expect(page.locator('#map .map-svg .route path').count()).resolves.toBe(steps);
      // Kinds: a data center is a square, a Local Zone a diamond; the legend names each kind shown.
      await expect(page.locator('[data-place="phx-dc"][data-kind="datacenter"] rect').count()).resolves.toBe(
        1,
      );
      await expect(
        page.locator('[data-place="us-west-2-phx-2a"][data-kind="local-zone"] path').count(),
      ).resolves.toBe(1);
      const legend = await page
        .locator('.map-legend [data-legend-kind]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-legend-kind')));
      expect(legend).toEqual(['region', 'local-zone', 'datacenter', 'dx-location', 'az', 'metro']);
      // Users' circles grow with their share.
      const radius = (id: string) =>
        page.locator(`[data-place="${id}"].user-metro`).getAttribute('r').then(Number);
      expect(await radius('metro:phoenix')).toBeGreaterThan(await radius('metro:los-angeles'));
      expect(await radius('metro:los-angeles')).toBeGreaterThan(await radius('metro:las-vegas'));
      // The links carry their RTT on the map.
      await expect(page.locator('#map .labels').textContent()).resolves.toContain('59.6 ms');
      expect(problems).toEqual([]);
    });

    it('shows the views the example has, and none of those it has not', async () => {
      const views = await page
        .locator('[data-view]')
        .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-view')));
      // The base estate has requests but no network: no traces view.
      expect(views).toEqual([
        'decisions',
        'place',
        'expectations',
        'findings',
        'requests',
        'candidates',
        'matrix',
        'users',
        'links',
      ]);
      await expect(page.locator('#findings tbody tr').count()).resolves.toBe(report.findings.length);
      await expect(page.locator('#expectations tbody tr').count()).resolves.toBe(5);
      await expect(page.locator('#expectations .status.ok').count()).resolves.toBe(5);
      // The heatmap: a cell per ordered pair of distinct places.
      const n = report.matrix.places.length;
      await expect(page.locator('#matrix svg g[aria-label="cell"] rect').count()).resolves.toBe(
        n + n * (n - 1),
      );
      // Users' reach: a bar per metro and internet-facing place.
      const bars = report.users.reduce((sum, u) => sum + u.reach.length, 0);
      await expect(page.locator('#users svg g[aria-label="bar"] rect').count()).resolves.toBe(bars);
      expect(problems).toEqual([]);
    });
  });

  // `npm run docs:screenshot` (FOOTPRINT_SCREENSHOTS=1): the README's picture of the page, the
  // example at 1440x900 with the Phoenix data center selected (its RTT to everything, on the map
  // and beside it).
  it.runIf(process.env.FOOTPRINT_SCREENSHOTS === '1')('writes docs/report-page.png', async () => {
    const { page } = await open();
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.locator('#map [data-place="phx-dc"]').click();
    await page.locator('.rtt-list[data-from="phx-dc"]').waitFor();
    await page.mouse.move(0, 0);
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(ROOT, 'docs/report-page.png') });
    await page.close();
  });

  it('shows the RTT from a clicked place to every other place', async () => {
    const { page, problems } = await open();
    await page.locator('#map [data-place="phx-dc"]').click();
    const rows = page.locator('.rtt-list[data-from="phx-dc"] tbody tr');
    // Every other place of the matrix; no users' metro, for phx-dc is private (no internet).
    await expect(rows.count()).resolves.toBe(report.matrix.places.length - 1);
    await expect(page.locator('.rtt-list tr[data-to="metro:phoenix"]').count()).resolves.toBe(0);
    const i = report.matrix.places.indexOf('phx-dc');
    let badges = 0;
    for (const [j, to] of report.matrix.places.entries()) {
      if (to === 'phx-dc') continue;
      const rtt = report.matrix.rttMs[i]?.[j] as number;
      const expected = rtt.toFixed(rtt < 10 ? 2 : 1);
      await expect(page.locator(`.rtt-list tr[data-to="${to}"] td.num`).textContent()).resolves.toBe(
        expected,
      );
      // On the map, beside the place, where there is room for it.
      const badge = page.locator(`#map [data-rtt-to="${to}"]`);
      if ((await badge.count()) === 0) continue;
      await expect(badge.textContent()).resolves.toBe(`${expected} ms`);
      badges++;
    }
    expect(badges).toBeGreaterThanOrEqual(report.matrix.places.length - 2);
    // Nearest first.
    await expect(rows.first().getAttribute('data-to')).resolves.toBe('dx:ECPH1');
    // The Phoenix Local Zone faces the internet: its list has the users' metros, at their reach.
    await page.locator('#map [data-place="us-west-2-phx-2a"]').click({ force: true });
    const reach = report.users
      .find((u) => u.metro === 'metro:phoenix')
      ?.reach.find((r) => r.place === 'us-west-2-phx-2a')?.rttMs as number;
    await expect(page.locator('.rtt-list tr[data-to="metro:phoenix"] td.num').textContent()).resolves.toBe(
      reach.toFixed(reach < 10 ? 2 : 1),
    );
    // A users' metro shows its reach; clicking a place name in a table selects it too.
    await page.locator('#map .user-metro[data-place="metro:las-vegas"]').click({ force: true });
    await expect(page.locator('.rtt-list').getAttribute('data-from')).resolves.toBe('metro:las-vegas');
    await page.locator('#links [data-select="iad-dc"]').first().click();
    await expect(page.locator('.place-panel h2').textContent()).resolves.toBe('iad-dc');
    // And from the keyboard.
    await page.locator('#map .places [data-place="us-west-2"]').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.place-panel h2').textContent()).resolves.toBe('us-west-2');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-place'))).resolves.toBe(
      'us-west-2',
    );
    expect(problems).toEqual([]);
    await page.close();
  });

  it('zooms to a metro, highlights a hovered path, and hides a kind of line', async () => {
    const { page, problems } = await open();
    const position = async (id: string) => {
      const box = await page.locator(`#map .places [data-place="${id}"] .symbol`).boundingBox();
      return { x: (box?.x ?? 0) + (box?.width ?? 0) / 2, y: (box?.y ?? 0) + (box?.height ?? 0) / 2 };
    };
    const scale = async () => Number((await page.locator('.scale-bar').textContent())?.replace(/[^\d]/g, ''));
    expect(await scale()).toBeGreaterThanOrEqual(200);
    await page.selectOption('.zoom-to', 'metro:phoenix');
    await page.waitForTimeout(700);
    expect(await scale()).toBeLessThanOrEqual(50);
    // At metro scale the Phoenix data center and its DX location 11 km away are apart on screen.
    const [dc, dx] = [await position('phx-dc'), await position('dx:ECPH1')];
    expect(Math.hypot(dc.x - dx.x, dc.y - dx.y)).toBeGreaterThan(20);
    await page.locator('[data-action="fit"]').click();
    await page.waitForTimeout(700);
    expect(await scale()).toBeGreaterThanOrEqual(200);

    await page.locator('#expectations tr[data-route="expectation-1"]').hover();
    await expect(page.locator('#map .route.highlighted').getAttribute('data-route')).resolves.toBe(
      'expectation-1',
    );
    await expect(page.locator('#map svg.has-highlight').count()).resolves.toBe(1);

    await page.locator('[data-toggle="Expected paths"]').uncheck();
    await expect(page.locator('#map .map-svg .route').count()).resolves.toBe(0);
    await page.locator('[data-toggle="links"]').uncheck();
    await expect(page.locator('#map [data-link]').count()).resolves.toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('draws routed traces hop by hop and request latency by metro from a real report', async () => {
    // The "do" design: routed expectations give traces; the base estate's event page gives requests.
    const full = buildEstateReport(loadEstate('examples/ticketmaster-phoenix/network-do.yaml'));
    expect(full.traces.length).toBe(2);
    expect(full.findings.map((f) => f.rule)).not.toContain('lz/dx-hairpin');
    expect(full.requests.length).toBe(3);
    const file = join(dir, 'with-parts.html');
    writeFileSync(file, renderHtmlPage(full, loadPageAssets()));
    const { page, problems } = await open(file);
    await expect(page.locator('#traces .trace').count()).resolves.toBe(2);
    const hops = full.traces.reduce((sum, t) => sum + t.hops.length, 0);
    await expect(page.locator('#traces tr[data-hop]').count()).resolves.toBe(hops);
    // The hairpin to Los Angeles: routed equals the physical best in this design.
    await expect(page.locator('#traces h3').nth(1).textContent()).resolves.toContain('phx-app');
    // On the map: the Los Angeles Local Zone, reached by the trace, is drawn.
    await expect(
      page.locator('#map .places [data-place="us-west-2-lax-1a"][data-kind="local-zone"]').count(),
    ).resolves.toBe(1);
    // Requests: one stacked bar per critical-path call, a p99 tick and a budget tick per row.
    const calls = full.requests.reduce((sum, r) => sum + r.criticalPath.length, 0);
    await expect(page.locator('#requests svg g[aria-label="bar"] rect').count()).resolves.toBe(calls);
    await expect(page.locator('#requests svg g[aria-label="tick"]').count()).resolves.toBe(2);
    const text = await page.locator('#requests').textContent();
    expect(text).toContain('los-angeles');
    expect(text).toContain('over budget');
    expect(problems).toEqual([]);
    await page.close();
  });
  it('shows where each service should run when the report carries a placement (report --place)', async () => {
    const estate = loadEstate(EXAMPLE);
    const placed = await placeServices(estate, { samples: 2000, timings: false });
    const full = buildEstateReport(estate, { placement: placementReport(placed) });
    const file = join(dir, 'with-placement.html');
    writeFileSync(file, renderHtmlPage(full, loadPageAssets()));
    const { page, problems } = await open(file);
    const views = await page
      .locator('[data-view]')
      .evaluateAll((sections) => sections.map((section) => section.getAttribute('data-view')));
    expect(views).toEqual([
      'decisions',
      'place',
      'expectations',
      'findings',
      'requests',
      'placement',
      'candidates',
      'matrix',
      'users',
      'links',
    ]);
    await expect(page.locator('#placement tr[data-service]').count()).resolves.toBe(5);
    await expect(page.locator('#placement tr[data-service].moved').count()).resolves.toBe(4);
    await expect(
      page.locator('#placement tr[data-service="event-details"] td').nth(2).textContent(),
    ).resolves.toBe('us-west-2-phx-2a ×12 ');
    // Per metro: failing today, within budget with the placement.
    await expect(page.locator('#placement tr[data-metro]').count()).resolves.toBe(3);
    await expect(page.locator('#placement tr[data-metro] .status.fail').count()).resolves.toBe(3);
    await expect(page.locator('#placement tr[data-metro] .status.ok').count()).resolves.toBe(3);
    await expect(page.locator('#placement .verdict.ok').textContent()).resolves.toBe(
      `users-weighted mean latency (the last row of the table below): ${placed.objective.today.toFixed(1)} ms today → ${placed.objective.proposed.toFixed(1)} ms proposed; proven optimal (${placed.solver.name})`,
    );
    // A place of the proposal is a button that selects it on the map.
    await page.locator('#placement tr[data-service="pricing"] [data-select="us-west-2-phx-2a"]').click();
    await expect(page.locator('.place-panel h2').textContent()).resolves.toBe('us-west-2-phx-2a');
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe.runIf(withBrowser)('the live page in a browser', () => {
  let dir: string;
  let server: LiveServer;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-live-'));
    file = join(dir, 'estate.yaml');
    copyFileSync(join(ROOT, EXAMPLE), file);
    server = await startLiveServer({ file, port: 0, assets: loadPageAssets(), pollMs: 50 });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('follows the estate file: updates in place, shows a located error, recovers', async () => {
    const page = await newTestPage(browser.context, 30_000);
    const problems = watchProblems(page);
    await page.goto(server.url);
    await page.locator('#map [data-link="wan-phx-iad"]').waitFor();
    await expect(
      page.locator('#links tr[data-link="wan-phx-iad"] td.num').last().textContent(),
    ).resolves.toBe('59.6');
    // Select a place: the selection survives the update.
    await page.locator('#map [data-place="iad-dc"]').click();
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('kind: wan\n', 'kind: wan\n    measuredRttMs: 70\n'));
    await page.locator('#links tr[data-link="wan-phx-iad"] td.num', { hasText: '70.0' }).waitFor();
    await expect(page.locator('.place-panel h2').textContent()).resolves.toBe('iad-dc');

    writeFileSync(file, original.replace('kind: wan\n', 'kind: wann\n'));
    const overlay = page.locator('.error-overlay');
    await overlay.waitFor();
    const message = await overlay.textContent();
    const line = original.split('\n').findIndex((l) => l.includes('kind: wan')) + 1;
    expect(message).toContain(`${file}:${line}:11`);
    expect(message).toContain("did you mean 'wan'?");

    writeFileSync(file, original);
    await overlay.waitFor({ state: 'detached' });
    await page.locator('#links tr[data-link="wan-phx-iad"] td.num', { hasText: '59.6' }).waitFor();
    expect(problems).toEqual([]);
    await page.close();
  });
});
