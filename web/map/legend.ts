/**
 * The map's legend: a symbol per kind of place present, the users' circles, the kinds of line
 * (each can be hidden), and the RTT colour scale.
 */
import * as Plot from '@observablehq/plot';
import { h, s } from '../dom.js';
import { rttColorScale } from '../rtt.js';
import type { Page } from '../view.js';
import { nameChart } from '../views/chart-name.js';
import { SYMBOL_LABELS, SYMBOL_RANK, type SymbolKind, symbol, symbolKind } from './symbols.js';

/** What each style of route is, in the legend. */
const ROUTE_STYLES = { path: 'physical best, dashed', trace: 'routed, dark edge' } as const;

export function mapLegend(page: Page, hidden: Set<string>, changed: () => void): HTMLElement {
  const kinds = new Set<SymbolKind>();
  let users = false;
  for (const place of page.places.values()) {
    if (place.transient) continue;
    const kind = symbolKind(place);
    if (kind) kinds.add(kind);
    else users = true;
  }
  const items: HTMLElement[] = [...kinds]
    .sort((a, b) => SYMBOL_RANK[a] - SYMBOL_RANK[b])
    .map((kind) =>
      h(
        'li',
        { 'data-legend-kind': kind },
        s('svg', { width: 18, height: 16, viewBox: '0 0 18 16' }, symbol(kind, 9, 8)),
        SYMBOL_LABELS[kind],
      ),
    );
  // Places that are not the estate's own but that a path or trace passes through: drawn hollow.
  const passing = [...page.places.values()].find((p) => !p.primary && !p.transient && symbolKind(p));
  if (passing)
    items.push(
      h(
        'li',
        { 'data-legend-kind': 'passing' },
        s(
          'svg',
          { width: 18, height: 16, viewBox: '0 0 18 16', 'aria-hidden': 'true' },
          symbol(symbolKind(passing) ?? 'host', 9, 8, true),
        ),
        'On a path only (hollow)',
      ),
    );
  // A comparison page draws both designs' places: those of one design only are ringed.
  for (const only of ['a', 'b'] as const)
    if ([...page.places.values()].some((p) => p.only === only))
      items.push(
        h(
          'li',
          { 'data-legend-kind': `only-${only}` },
          s(
            'svg',
            { width: 18, height: 16, viewBox: '0 0 18 16', 'aria-hidden': 'true' },
            s('circle', { class: `only-ring ring-${only}`, cx: 9, cy: 8, r: 6 }),
          ),
          `In design ${only.toUpperCase()} only (ringed)`,
        ),
      );
  if (users)
    items.push(
      h(
        'li',
        { 'data-legend-kind': 'metro' },
        s(
          'svg',
          { width: 18, height: 16, viewBox: '0 0 18 16' },
          s('circle', { class: 'user-metro', cx: 9, cy: 8, r: 7 }),
          s('circle', { class: 'user-dot', cx: 9, cy: 8, r: 3 }),
        ),
        'Users (area: share; click the dot)',
      ),
    );
  const lineGroups: { group: string; label: string; className: string }[] = [];
  if (page.report.links.length > 0)
    lineGroups.push({ group: 'links', label: 'Estate link (physical)', className: 'link' });
  for (const route of page.routes)
    if (!lineGroups.some((g) => g.group === route.group))
      lineGroups.push({
        group: route.group,
        label: `${route.group} (${ROUTE_STYLES[route.style]})`,
        className: `route route-${route.style}`,
      });
  const toggles = lineGroups.map(({ group, label, className }) =>
    h(
      'li',
      {},
      h(
        'label',
        {},
        h('input', {
          type: 'checkbox',
          'data-toggle': group,
          checked: !hidden.has(group),
          onchange: (event: Event) => {
            if ((event.target as HTMLInputElement).checked) hidden.delete(group);
            else hidden.add(group);
            changed();
          },
        }),
        s(
          'svg',
          { width: 26, height: 10, viewBox: '0 0 26 10', class: className, 'aria-hidden': 'true' },
          className === 'route route-path' ? null : s('path', { d: 'M3,5L23,5', class: 'casing' }),
          s('path', { d: 'M3,5L23,5', class: 'stroke', stroke: '#555' }),
        ),
        label,
      ),
    ),
  );
  const ramp = Plot.legend({
    color: rttColorScale,
    width: 230,
    ticks: [1, 2, 5, 10, 20, 50, 100, 200],
    tickFormat: (d: number) => String(d),
    label: 'RTT (ms), log scale',
  });
  nameChart(ramp, 'Colour scale of RTT in ms, log scale, from green (1 ms) to purple (200 ms)');
  return h(
    'div',
    { class: 'map-legend' },
    h('ul', { class: 'legend-kinds' }, items),
    toggles.length > 0 ? h('ul', { class: 'legend-lines' }, toggles) : null,
    h('div', { class: 'legend-ramp' }, ramp),
  );
}
