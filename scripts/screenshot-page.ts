/**
 * The picture of the page in the README: `footprint report` of the Ticketmaster example at 1440x900
 * with the Phoenix data center selected (its RTT to every other place on the map and beside it),
 * saved as docs/report-page.png.
 *
 * Run it after a change to the page: `npm run docs:screenshot` (it needs `npm run build` first).
 */
import { join } from 'node:path';
import { ROOT, screenshotPage } from './screenshot.js';

await screenshotPage(
  ['report', 'examples/ticketmaster-phoenix/estate.yaml'],
  join(ROOT, 'docs/report-page.png'),
  async (page) => {
    await page.locator('#map .places [data-place]').first().waitFor();
    await page.locator('#map [data-place="phx-dc"]').click();
    await page.locator('.rtt-list[data-from="phx-dc"]').waitFor();
  },
);
