/**
 * What a view is, and the page context every view gets. See web/registry.ts for how to add one.
 */
import type { MapPlace, PageReport, Part, PartKey } from './report.js';

/** A route the map draws hop by hop: a great arc per step, coloured by that step's RTT. */
export interface MapRoute {
  /** Unique on the page; rows of tables use it to highlight the route. */
  readonly id: string;
  /** The legend toggle it belongs to, e.g. `Expected paths`. */
  readonly group: string;
  readonly label: string;
  /** The places in order with the cumulative RTT at each; places must be in the page's directory. */
  readonly steps: readonly { readonly place: string; readonly rttMs: number }[];
  /** `path` (physical best, dashed) or `trace` (routed, solid and thicker). */
  readonly style: 'path' | 'trace';
  /** Routes sharing a key highlight together: `page.highlight(key)` (a candidate's arcs from every metro). */
  readonly key?: string;
  /** Drawn only while highlighted: one of many routes that would crowd the map. */
  readonly transient?: boolean;
}

/** What every view may use: the whole report, the place directory, and the shared selection. */
export interface Page {
  readonly report: PageReport;
  /** Every place with coordinates the report mentions. */
  readonly places: ReadonlyMap<string, MapPlace>;
  /** Routes contributed by views, for the map. */
  readonly routes: readonly MapRoute[];
  /** The selected place (clicked on the map or in a table). */
  readonly selected: string | undefined;
  select(place: string | undefined): void;
  onSelect(listener: (place: string | undefined) => void): void;
  /** Emphasise one route on the map (hover); undefined clears. */
  highlight(route: string | undefined): void;
  onHighlight(listener: (route: string | undefined) => void): void;
}

/**
 * A view: one panel of the page, fed by one part of the report. `render` is called only when the
 * part is present and not empty.
 */
export interface View<K extends PartKey = PartKey> {
  /** Stable id: the section's DOM id, and what tests select by. */
  readonly id: string;
  readonly title: string;
  /** The part of the report this view draws. */
  readonly needs: K;
  /**
   * Where the view goes: above the map, full width (`lead`: the page's subject, such as a
   * simulation), the map itself, beside the map, or in the sections below it.
   */
  readonly slot: 'lead' | 'map' | 'aside' | 'main';
  /** In the main column: take the full width instead of half. */
  readonly wide?: boolean;
  /** One sentence under the title saying how to read the view. */
  readonly caption?: string;
  render?(part: Part<K>, page: Page): Node;
  /** Routes this view asks the map to draw. */
  routes?(part: Part<K>, page: Page): MapRoute[];
}

/** Declares a view with its part's type checked: `defineView({ needs: 'links', ... })`. */
export function defineView<K extends PartKey>(view: View<K>): View<K> {
  return view;
}

/** The part a view needs, when present and not empty. */
export function partFor<K extends PartKey>(report: PageReport, view: View<K>): Part<K> | undefined {
  const part = report[view.needs] as Part<K> | undefined;
  if (part === undefined || part === null) return undefined;
  if (Array.isArray(part) && part.length === 0) return undefined;
  if (view.needs === 'decisions' && (report.simulation || report.comparison)) return undefined;
  if (view.needs === 'matrix' && (part as PageReport['matrix']).places.length < 2) return undefined;
  if (view.needs === 'candidates') {
    const candidates = part as PageReport['candidates'];
    if (candidates.rows.length === 0 || candidates.columns.length === 0) return undefined;
  }
  return part;
}
