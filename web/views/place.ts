/**
 * Click a place, see its RTT to everything else: the selected place's row of the matrix (and, for
 * a users' metro, its reach), sorted, with a bar per place coloured by RTT.
 */
import { h } from '../dom.js';
import { rttsFrom } from '../map/overlay.js';
import { SYMBOL_LABELS, symbolKind } from '../map/symbols.js';
import type { MapPlace } from '../report.js';
import { ms, percent, RTT_DOMAIN, rttColor } from '../rtt.js';
import { defineView, type Page } from '../view.js';

export const placeView = defineView({
  id: 'place',
  title: 'Place',
  needs: 'matrix',
  slot: 'aside',
  render(_matrix, page) {
    const panel = h('div', { class: 'place-panel', 'aria-live': 'polite' });
    const update = () => panel.replaceChildren(...placePanel(page));
    page.onSelect(update);
    update();
    return panel;
  },
});

function kindLabel(place: MapPlace): string {
  const kind = symbolKind(place);
  if (!kind) return `users' metro, ${percent(place.share ?? 0)} of users`;
  return SYMBOL_LABELS[kind].toLowerCase();
}

function placePanel(page: Page): Node[] {
  const selected = page.selected !== undefined ? page.places.get(page.selected) : undefined;
  if (!selected)
    return [
      h('h2', {}, 'RTT from a place'),
      h(
        'p',
        { class: 'hint' },
        'Click a place on the map, or a name in a table, to see its round-trip time to every other place.',
      ),
      h('p', { class: 'hint' }, 'Scroll or pinch to zoom, drag to pan; "Zoom to…" goes to a metro.'),
    ];
  const rtts = [...rttsFrom(page, selected.id)].sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]));
  const max = Math.max(RTT_DOMAIN[0], ...rtts.map(([, rtt]) => (Number.isFinite(rtt) ? rtt : 0)));
  return [
    h('h2', {}, selected.id),
    h(
      'p',
      { class: 'place-name' },
      selected.name,
      h('span', { class: 'muted' }, ` · ${kindLabel(selected)}`),
    ),
    h('p', { class: 'muted' }, `${selected.lat.toFixed(2)}, ${selected.lon.toFixed(2)}`),
    rtts.length === 0
      ? h('p', { class: 'hint' }, 'No RTT from this place in the report: it is only on a path.')
      : h(
          'table',
          { class: 'rtt-list', 'data-from': selected.id },
          h(
            'thead',
            {},
            h('tr', {}, h('th', {}, 'to'), h('th', { class: 'num' }, 'RTT ms'), h('th', {}, '')),
          ),
          h(
            'tbody',
            {},
            rtts.map(([id, rtt]) =>
              h(
                'tr',
                { 'data-to': id },
                h('td', {}, placeButton(page, id)),
                h('td', { class: 'num' }, ms(rtt)),
                h(
                  'td',
                  { class: 'bar-cell' },
                  h('span', {
                    class: 'bar',
                    style: `width:${Math.max(2, (100 * (Number.isFinite(rtt) ? rtt : 0)) / max)}%;background:${rttColor(rtt)}`,
                  }),
                ),
              ),
            ),
          ),
        ),
    h('button', { type: 'button', class: 'link-button', onclick: () => page.select(undefined) }, 'Clear'),
  ];
}

/** A place id that selects the place when clicked. */
export function placeButton(page: Page, id: string): HTMLElement {
  const place = page.places.get(id);
  return h(
    'button',
    {
      type: 'button',
      class: 'place-ref',
      title: place?.name ?? id,
      'data-select': id,
      onclick: () => page.select(id),
    },
    id,
  );
}
