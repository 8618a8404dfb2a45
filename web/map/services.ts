/**
 * Services on the map (issue 22): each service at its place (a list under the place's marker), its
 * calls between places as arcs labelled with their RTT in ms, and each users' metro's worst p99
 * over its requests beside its circle. With a proposed placement (`report --place`), a switch shows
 * today's placement or the proposed one; both are drawn, the switch only shows one.
 */
import { type GeoProjection, geoInterpolate, geoPath } from 'd3-geo';
import { h, s } from '../dom.js';
import type { PageReport } from '../report.js';
import { ms, rttColor } from '../rtt.js';
import type { Page } from '../view.js';

export type Variant = 'today' | 'proposed';

/** Which placement the map shows; it survives re-renders. */
const state: { shown: Variant } = { shown: 'today' };

type Services = PageReport['services'];
type Spot = Services['services'][number]['today'][number];

/** True when the report proposes a placement the map can show against today's. */
export function hasProposal(report: PageReport): boolean {
  return (report.services?.services ?? []).some((s) => s.proposed !== undefined);
}

/** The services' layer of the map: both placements, one shown. */
export function drawServices(page: Page, projection: GeoProjection): SVGElement {
  const part = page.report.services;
  const layer = s('g', { class: 'services', 'data-shown': hasProposal(page.report) ? state.shown : 'today' });
  if (!part || part.services.length === 0) return layer;
  layer.append(drawVariant(page, projection, 'today'));
  if (hasProposal(page.report)) layer.append(drawVariant(page, projection, 'proposed'));
  return layer;
}

function drawVariant(page: Page, projection: GeoProjection, variant: Variant): SVGElement {
  const part = page.report.services;
  const group = s('g', { class: `services-${variant}`, 'data-variant': variant });
  const spots = part.services.flatMap((service) =>
    ((variant === 'today' ? service.today : service.proposed) ?? []).map((spot) => ({ service, spot })),
  );
  const located = new Map<string, { lat: number; lon: number }>();
  for (const { spot } of spots) located.set(spot.place, spot);
  for (const { spot } of spots) located.set(spot.at, spot);
  const point = (place: string) => located.get(place) ?? page.places.get(place);
  const calls = (variant === 'today' ? part.calls : part.proposedCalls) ?? [];
  for (const call of calls) {
    const a = point(call.from);
    const b = point(call.to);
    if (!a || !b || (a.lat === b.lat && a.lon === b.lon)) continue;
    const d = geoPath(projection)({
      type: 'LineString',
      coordinates: [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ],
    });
    const mid = projection(geoInterpolate([a.lon, a.lat], [b.lon, b.lat])(0.5));
    group.append(
      s(
        'g',
        { class: 'service-call', 'data-call': `${call.caller}>${call.service}`, 'data-ms': call.rttMs },
        s('path', { d: d ?? '', stroke: rttColor(call.rttMs) }),
        mid ? s('text', { x: mid[0], y: mid[1] - 4, 'text-anchor': 'middle' }, `${ms(call.rttMs)} ms`) : null,
        s(
          'title',
          {},
          `${call.caller} → ${call.service}: ${call.from} → ${call.to}, ${ms(call.rttMs)} ms RTT`,
        ),
      ),
    );
  }
  group.append(...spotLabels(projection, spots), ...usersP99(page, projection, variant));
  return group;
}

/** Per map place, the services there: a list under its marker. */
function spotLabels(
  projection: GeoProjection,
  spots: readonly { service: { id: string }; spot: Spot }[],
): SVGElement[] {
  const byPlace = new Map<string, { spot: Spot; lines: string[] }>();
  for (const { service, spot } of spots) {
    const entry = byPlace.get(spot.at) ?? { spot, lines: [] };
    entry.lines.push(`${service.id} ×${spot.instances}${spot.place !== spot.at ? ` (${spot.place})` : ''}`);
    byPlace.set(spot.at, entry);
  }
  return [...byPlace].map(([at, { spot, lines }]) => {
    const [x, y] = projection([spot.lon, spot.lat]) ?? [Number.NaN, Number.NaN];
    return s(
      'g',
      { class: 'service-spot', 'data-at': at },
      // To the left of the marker: the place's own label is on its right.
      s(
        'text',
        { x: x - 10, y: y + 4, 'text-anchor': 'end' },
        ...lines.map((line, i) => s('tspan', { x: x - 10, dy: i === 0 ? 0 : 12 }, line)),
      ),
      s('title', {}, `${at}: ${lines.join(', ')}`),
    );
  });
}

/** Each users' metro's worst p99 over its requests, today or with the proposed placement. */
function usersP99(page: Page, projection: GeoProjection, variant: Variant): SVGElement[] {
  const worst = new Map<string, number>();
  const note = (metro: string, p99: number) => worst.set(metro, Math.max(worst.get(metro) ?? 0, p99));
  if (variant === 'today') for (const r of page.report.requests) note(r.metro, r.p99Ms);
  else for (const m of page.report.decisions?.placement?.metros ?? []) note(m.metro, m.p99ProposedMs);
  return [...worst].flatMap(([metro, p99]) => {
    const place = page.places.get(metro);
    const xy = place ? projection([place.lon, place.lat]) : null;
    if (!xy) return [];
    return [
      s(
        'text',
        {
          class: 'users-p99',
          x: xy[0],
          y: xy[1] - 14,
          'text-anchor': 'middle',
          'data-metro': metro,
          'data-ms': p99,
        },
        `p99 ${ms(p99)} ms`,
      ),
    ];
  });
}

/** Shows `variant` on every services layer on the page, and in the layers drawn after. */
export function showPlacement(variant: Variant): void {
  state.shown = variant;
  for (const layer of document.querySelectorAll('svg g.services')) layer.setAttribute('data-shown', variant);
  for (const button of document.querySelectorAll<HTMLButtonElement>('.placement-switch button'))
    button.setAttribute('aria-pressed', String(button.dataset.variant === variant));
}

/** The switch between today's placement and the proposed one on the map; null without a proposal. */
export function placementSwitch(report: PageReport): HTMLElement | null {
  if (!hasProposal(report)) return null;
  const button = (variant: Variant, label: string) =>
    h(
      'button',
      {
        type: 'button',
        'data-variant': variant,
        'aria-pressed': String(state.shown === variant),
        onclick: () => showPlacement(variant),
      },
      label,
    );
  return h(
    'div',
    { class: 'placement-switch', role: 'group', 'aria-label': 'Placement on the map' },
    h('span', { class: 'muted' }, 'On the map: '),
    button('today', 'today'),
    button('proposed', 'proposed'),
  );
}
