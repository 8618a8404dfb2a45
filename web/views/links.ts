/** The estate's own links (Direct Connect circuits, WAN...): length and RTT. */
import { h } from '../dom.js';
import { km, ms, rttColor } from '../rtt.js';
import { defineView } from '../view.js';
import { placeButton } from './place.js';

export const linksView = defineView({
  id: 'links',
  title: 'Links',
  needs: 'links',
  slot: 'main',
  caption: "The estate's own circuits. A measured RTT replaces the model's.",
  render: (links, page) =>
    h(
      'table',
      { class: 'links-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'link'),
          h('th', {}, 'kind'),
          h('th', {}, 'between'),
          h('th', { class: 'num' }, 'km'),
          h('th', { class: 'num' }, 'RTT ms'),
        ),
      ),
      h(
        'tbody',
        {},
        links.map((link) =>
          h(
            'tr',
            { 'data-link': link.id },
            h('td', {}, h('span', { class: 'swatch', style: `background:${rttColor(link.rttMs)}` }), link.id),
            h('td', {}, link.kind),
            h(
              'td',
              { class: 'pair' },
              placeButton(page, link.between[0]),
              ' – ',
              placeButton(page, link.between[1]),
            ),
            h('td', { class: 'num' }, km(link.distanceKm)),
            h(
              'td',
              { class: 'num' },
              ms(link.rttMs),
              link.measured ? h('span', { class: 'muted' }, ' measured') : null,
            ),
          ),
        ),
      ),
    ),
});
