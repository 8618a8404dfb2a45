/**
 * The picture of the simulation page in the docs: `footprint simulate` of the Ticketmaster on-sale
 * (three designs) at 1440x900 with the region burst picked (its p99 over the budget once its
 * instances serve), saved as docs/simulate-page.png.
 *
 * Run it after a change to the page: `npm run docs:screenshot` (it needs `npm run build` first).
 */
import { join } from 'node:path';
import { ROOT, screenshotPage } from './screenshot.js';

await screenshotPage(
  ['simulate', 'examples/ticketmaster-phoenix/onsale.yaml'],
  join(ROOT, 'docs/simulate-page.png'),
  async (page) => {
    await page.locator('#simulation [data-chart="cost"] svg').first().waitFor();
    await page.locator('.sim-tabs [data-design="region-burst"]').click();
    await page.locator('[data-chart="p99"] g.sim-over circle').first().waitFor();
    // Nothing hovered: no tip over the charts.
    await page.mouse.move(0, 0);
  },
);
