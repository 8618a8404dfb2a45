/**
 * The views of the page, in the order it shows them.
 *
 * Each view is fed by ONE part of the report JSON (a top-level key of `footprint report --json`)
 * and is rendered only when that part is present and not empty, so a part that has not landed yet
 * simply hides its view. To add a view:
 *
 * 1. Give its part a type in `PageReport` (web/report.ts), imported from the library when the
 *    library has it (the report JSON is the contract; the page holds no domain logic).
 * 2. Write `web/views/<name>.ts` exporting `defineView({ id, title, needs: '<part>', slot, render })`.
 *    `render(part, page)` returns a DOM node; `page` gives the whole report, the place directory
 *    (`page.places`: every place with coordinates), and the shared selection (`page.select`,
 *    `page.onSelect`) and route highlight (`page.highlight`). To draw on the map, also return
 *    `routes(part, page)`: each route is a list of `{ place, rttMs }` (cumulative RTT) that the
 *    map draws hop by hop as great arcs coloured by each step's RTT, with a legend toggle per
 *    `group`. A route's places must have coordinates: be in the report's `places`, or be added to
 *    the directory by `placeDirectory` (web/report.ts) from the part's own `lat`/`lon`.
 * 3. Add it to `VIEWS` below. Test it in test/page.test.ts with hand-made report JSON.
 *
 * Shapes the page already draws, for the parts still to land:
 *
 * - `traces` (issue 5, `footprint trace --json`), a list of
 *   `{ from, to, rttMs, physicalBestRttMs, hops: [{ element, kind, place, rttMs, lat?, lon?, placeKind? }] }`
 *   where a hop's `rttMs` is cumulative from `from`; `lat`, `lon` and `placeKind` (region, az,
 *   local-zone, dx-location, site...) are needed only for a place not among the report's `places`.
 * - `requests` (issue 7, `footprint evaluate --json`), a list of
 *   `{ request, metro, p50Ms, p99Ms, budgetMs?, ok, criticalPath: [{ call, place?, ms }] }`
 *   where the `ms` of the critical path's calls add up to `p50Ms` (network plus compute).
 * - `findings` (issue 9, `footprint lint --json`): the lint findings, drawn as a table.
 * - `placement` (issue 8, `footprint report FILE --place`): the placement diff and the per-metro
 *   figures today and proposed; see web/views/placement.ts.
 * - `decisions` (issue 22, `footprint report --json`): the decision summary, first on the page
 *   (above the map) but on a simulation's page, whose subject is the scenario.
 * - `comparison` (issue 22, `footprint report A --against B -o`): design B against A, first on the
 *   page; the decision summary of each is in it, so the page leaves out A's own.
 * - `simulation` (issue 13, `footprint simulate SCENARIO -o` and `footprint serve SCENARIO`): every
 *   design's run with its series and the figures drawn beside it (src/report/simulation-page.ts);
 *   it leads the page, above the map.
 */

import type { View } from './view.js';
import { candidatesView } from './views/candidates.js';
import { compareView } from './views/compare.js';
import { decisionsView } from './views/decisions.js';
import { expectationsView } from './views/expectations.js';
import { findingsView } from './views/findings.js';
import { linksView } from './views/links.js';
import { mapView } from './views/map.js';
import { matrixView } from './views/matrix.js';
import { placeView } from './views/place.js';
import { placementView } from './views/placement.js';
import { requestsView } from './views/requests.js';
import { simulationView } from './views/simulation.js';
import { tracesView } from './views/traces.js';
import { usersView } from './views/users.js';

// biome-ignore lint/suspicious/noExplicitAny: views are checked against their own part by defineView.
export const VIEWS: readonly View<any>[] = [
  simulationView,
  compareView,
  decisionsView,
  mapView,
  placeView,
  expectationsView,
  findingsView,
  tracesView,
  requestsView,
  placementView,
  candidatesView,
  matrixView,
  usersView,
  linksView,
];
