/**
 * The world map: countries from the bundled world-atlas TopoJSON, projected with d3-geo; the
 * estate's places by kind, users' metros sized by share, links and routes as great arcs coloured
 * by RTT. Pan and zoom down to a metro; click a place to see its RTT to everything else.
 */
import { type GeoProjection, geoInterpolate, geoMercator, geoPath } from 'd3-geo';
import { select } from 'd3-selection';
import 'd3-transition';
import './targets.css';
import land from 'footprint:land';
import { type ZoomBehavior, zoom, zoomIdentity } from 'd3-zoom';
import { h, s } from '../dom.js';
import type { MapPlace, ReportLink } from '../report.js';
import { km, ms, percent, rttColor } from '../rtt.js';
import type { MapRoute, Page } from '../view.js';
import { mapFollower } from './follow.js';
import { drawLabels, LINE_PX } from './labels.js';
import {
  type Box,
  fitTransform,
  MAP_HEIGHT,
  MAP_WIDTH,
  niceScaleBar,
  spreadColocated,
  type ZoomTransform,
} from './layout.js';
import { mapLegend } from './legend.js';
import { BASE_SCALE, baseProjection } from './projection.js';
import { labelServices } from './service-labels.js';
import { drawServices } from './services.js';
import { SYMBOL_RANK, symbol, symbolKind, usersRadius } from './symbols.js';
import { drawUserHandles } from './users.js';

const EARTH_RADIUS_KM = 6371;
const MIN_K = 0.62;
const MAX_K = 20000;
/** The zoom at which about this many km fit across the map, for "zoom to a metro". */
const METRO_SPAN_KM = 260;
/** Room around the estate: labels go to the right of markers, the controls sit at the top. */
const FIT_PADDING = { top: 70, right: 150, bottom: 50, left: 90 };
/** A phone's map has its controls on two rows. */
const PHONE_PADDING = { top: 100, right: 100, bottom: 40, left: 40 };

/** Map state that survives a re-render (the live page re-renders on every change of the estate). */
interface MapMemory {
  transform?: ZoomTransform;
  hiddenGroups: Set<string>;
}
const memory: MapMemory = { hiddenGroups: new Set() };

/**
 * The map's size on the screen in CSS px, which is also its viewBox, so that labels, badges and
 * markers are drawn at their real size on a phone as on a wide screen (issue 22, defect 2). The
 * design size until the map is laid out; a phone's map is taller than it is wide.
 */
const view = { width: MAP_WIDTH, height: MAP_HEIGHT };
const PHONE_WIDTH = 600;

function viewFor(width: number): { width: number; height: number } {
  const ratio = width < PHONE_WIDTH ? 1.1 : MAP_HEIGHT / MAP_WIDTH;
  return { width, height: Math.round(width * ratio) };
}

const base = baseProjection();

function zoomed(t: ZoomTransform): GeoProjection {
  return geoMercator()
    .scale(BASE_SCALE * t.k)
    .translate([t.k * (MAP_WIDTH / 2) + t.x, t.k * (MAP_HEIGHT / 2) + t.y])
    .clipExtent([
      [-40, -40],
      [view.width + 40, view.height + 40],
    ]);
}

function metroK(lat: number): number {
  return (2 * Math.PI * EARTH_RADIUS_KM * Math.cos((lat * Math.PI) / 180)) / METRO_SPAN_KM;
}

/** Builds the map for a page. */
export function drawMap(page: Page): HTMLElement {
  const places = [...page.places.values()];
  const users = places.filter((p) => p.kind === 'metro');
  const markers = places.filter((p) => p.kind !== 'metro');

  const svg = s('svg', {
    viewBox: `0 0 ${view.width} ${view.height}`,
    class: 'map-svg',
    role: 'group',
    'aria-label': `Map of ${page.report.estate.name}`,
  });
  const landGroup = s(
    'g',
    { class: 'land' },
    // Projected at build time in the base projection: zooming only changes the group's transform.
    s('path', { class: 'graticule', d: land.graticule }),
    s('path', { class: 'land-fill', d: land.land }),
    s('path', { class: 'borders', d: land.borders }),
  );
  const overlay = s('g', { class: 'overlay' });
  const ocean = s('rect', { class: 'ocean', width: view.width, height: view.height });
  svg.append(ocean, landGroup, overlay);
  const scaleBar = h('div', { class: 'scale-bar' });

  let transform: ZoomTransform = memory.transform ?? initialTransform(page);
  let highlighted: string | undefined;
  /** The user has panned or zoomed: a resize keeps their view's centre rather than refitting. */
  let moved = memory.transform !== undefined;

  const render = () => {
    landGroup.setAttribute('transform', `translate(${transform.x},${transform.y}) scale(${transform.k})`);
    // Markers and links are redrawn: keep the keyboard focus on the same one.
    const active = overlay.contains(document.activeElement) ? document.activeElement : null;
    const focused = active?.hasAttribute('data-link')
      ? `[data-link="${CSS.escape(active.getAttribute('data-link') ?? '')}"]`
      : active?.hasAttribute('data-place')
        ? `[tabindex][data-place="${CSS.escape(active.getAttribute('data-place') ?? '')}"]`
        : undefined;
    overlay.replaceChildren(
      ...drawOverlay(page, transform, highlighted, memory.hiddenGroups, users, markers, overChrome()),
    );
    // Without preventScroll, focusing the redrawn marker scrolls the page back up to the map
    // whenever a row below highlights a route (issue 22, defect 1).
    if (focused)
      (overlay.querySelector(focused) as SVGElement | null)?.focus({
        preventScroll: true,
      });
    svg.classList.toggle('has-highlight', highlighted !== undefined);
    const [, centreLat] = base.invert?.([
      (view.width / 2 - transform.x) / transform.k,
      (view.height / 2 - transform.y) / transform.k,
    ]) ?? [0, 0];
    const kmPerPx = (EARTH_RADIUS_KM * Math.cos((centreLat * Math.PI) / 180)) / (BASE_SCALE * transform.k);
    const bar = niceScaleBar(kmPerPx, 110);
    scaleBar.replaceChildren(
      h('span', { class: 'scale-line', style: `width:${(bar.px / view.width) * 100}%` }),
      h('span', {}, `${km(bar.km)} km`),
    );
  };

  /** The controls and the scale bar over the map, in its units: services' labels keep clear of them. */
  const overChrome = (): Box[] => {
    const f = frame.getBoundingClientRect();
    const scale = f.width > 0 ? view.width / f.width : 1;
    return [controls, scaleBar].map((element) => {
      const r = element.getBoundingClientRect();
      return {
        x: (r.left - f.left) * scale,
        y: (r.top - f.top) * scale,
        width: r.width * scale,
        height: r.height * scale,
      };
    });
  };

  const behaviour: ZoomBehavior<SVGSVGElement, unknown> = zoom<SVGSVGElement, unknown>()
    .scaleExtent([MIN_K, MAX_K])
    .extent(() => [
      [0, 0],
      [view.width, view.height],
    ])
    .on('zoom', (event: { transform: ZoomTransform; sourceEvent: unknown }) => {
      if (event.sourceEvent) moved = true;
      transform = { k: event.transform.k, x: event.transform.x, y: event.transform.y };
      memory.transform = transform;
      render();
    });
  const selection = select(svg as SVGSVGElement);
  selection.call(behaviour).on('dblclick.zoom', null);
  const goTo = (t: ZoomTransform, animate = true) => {
    const target = zoomIdentity.translate(t.x, t.y).scale(t.k);
    if (animate && !matchMedia('(prefers-reduced-motion: reduce)').matches)
      selection.transition().duration(450).call(behaviour.transform, target);
    else selection.call(behaviour.transform, target);
  };
  const toggle = (target: EventTarget | null) => {
    const id = (target as Element | null)?.closest('[data-place]')?.getAttribute('data-place') ?? undefined;
    page.select(id === page.selected ? undefined : id);
  };
  svg.addEventListener('click', (event) => toggle(event.target));
  svg.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    event.preventDefault();
    toggle(event.target);
  });

  const zoomTo = (place: MapPlace) => {
    const [x, y] = base([place.lon, place.lat]) ?? [0, 0];
    const k = metroK(place.lat);
    goTo({ k, x: view.width / 2 - k * x, y: view.height / 2 - k * y });
  };
  const metroChoice = h(
    'select',
    {
      class: 'zoom-to',
      'aria-label': 'Zoom to a metro',
      onchange: (event: Event) => {
        const target = event.target as HTMLSelectElement;
        const place = page.places.get(target.value);
        if (place) zoomTo(place);
        target.value = '';
      },
    },
    h('option', { value: '' }, 'Zoom to…'),
    ...zoomChoices(places).map((p) =>
      h('option', { value: p.id }, p.kind === 'metro' ? `${p.name} (users)` : `${p.id} · ${p.name}`),
    ),
  );
  const button = (label: string, title: string, action: () => void, testId: string) =>
    h('button', { type: 'button', title, 'data-action': testId, onclick: action }, label);
  const controls = h(
    'div',
    { class: 'map-controls' },
    button('+', 'Zoom in', () => selection.transition().duration(250).call(behaviour.scaleBy, 2), 'zoom-in'),
    button(
      '−',
      'Zoom out',
      () => selection.transition().duration(250).call(behaviour.scaleBy, 0.5),
      'zoom-out',
    ),
    button('Estate', 'Fit the estate', () => goTo(initialTransform(page)), 'fit'),
    button('World', 'The whole world', () => goTo(worldTransform()), 'world'),
    metroChoice,
  );

  const legend = mapLegend(page, memory.hiddenGroups, () => render());
  const frame = h('div', { class: 'map-frame' }, svg, controls, scaleBar);
  const follower = mapFollower(frame, (route) => {
    highlighted = route;
    render();
  });
  page.onSelect(() => render());
  page.onHighlight((route) => {
    highlighted = route;
    render();
    follower.highlighted(route);
  });
  goTo(transform, false);
  render();
  // Drawn at the size the page gives it, and again when that changes (a phone turned, a window).
  new ResizeObserver(() => {
    const width = Math.round(frame.clientWidth);
    if (width === 0 || Math.abs(width - view.width) < 1) return;
    const before = { ...view };
    Object.assign(view, viewFor(width));
    svg.setAttribute('viewBox', `0 0 ${view.width} ${view.height}`);
    ocean.setAttribute('width', String(view.width));
    ocean.setAttribute('height', String(view.height));
    const kept = moved
      ? {
          ...transform,
          x: transform.x + (view.width - before.width) / 2,
          y: transform.y + (view.height - before.height) / 2,
        }
      : initialTransform(page);
    goTo(kept, false);
  }).observe(frame);
  return h('div', { class: 'map', id: 'map' }, frame, legend, follower.button);
}

/** The places the zoom menu offers: users' metros, then the estate's places, by name. */
function zoomChoices(places: readonly MapPlace[]): MapPlace[] {
  const metros = places.filter((p) => p.kind === 'metro');
  const own = places.filter((p) => p.kind !== 'metro' && p.primary && p.kind !== 'az');
  return [...metros, ...own];
}

function worldTransform(): ZoomTransform {
  const k = MIN_K * 1.02;
  const [, yTop] = base([0, 80]) ?? [0, 0];
  const [, yBottom] = base([0, -58]) ?? [0, 0];
  return { k, x: view.width / 2 - (k * MAP_WIDTH) / 2, y: view.height / 2 - (k * (yTop + yBottom)) / 2 };
}

/** The estate's places and users, with room around them; a single metro gets the metro zoom. */
function initialTransform(page: Page): ZoomTransform {
  const shown = [...page.places.values()].filter((p) => p.primary);
  const points = shown.map((p) => {
    const [x, y] = base([p.lon, p.lat]) ?? [0, 0];
    return { x, y };
  });
  const lat = shown.length > 0 ? shown.reduce((sum, p) => sum + p.lat, 0) / shown.length : 0;
  const padding = view.width < PHONE_WIDTH ? PHONE_PADDING : FIT_PADDING;
  return fitTransform(points, view.width, view.height, padding, MIN_K, metroK(lat));
}

function arcPath(projection: GeoProjection, a: MapPlace, b: MapPlace): string {
  return (
    geoPath(projection)({
      type: 'LineString',
      coordinates: [
        [a.lon, a.lat],
        [b.lon, b.lat],
      ],
    }) ?? ''
  );
}

function midpoint(projection: GeoProjection, a: MapPlace, b: MapPlace): [number, number] | undefined {
  const mid = geoInterpolate([a.lon, a.lat], [b.lon, b.lat])(0.5);
  return projection(mid) ?? undefined;
}

function onScreen(x: number, y: number, margin = 0): boolean {
  return x >= -margin && y >= -margin && x <= view.width + margin && y <= view.height + margin;
}

/** RTTs from the selected place to every other place (its row of the matrix, or a metro's reach). */
export function rttsFrom(page: Page, from: string): Map<string, number> {
  const out = new Map<string, number>();
  const { matrix, users } = page.report;
  const row = matrix.places.indexOf(from);
  if (row >= 0)
    for (const [j, to] of matrix.places.entries())
      if (to !== from) out.set(to, matrix.rttMs[row]?.[j] ?? Number.NaN);
  for (const u of users) {
    if (u.metro === from) for (const r of u.reach) out.set(r.place, r.rttMs);
    else {
      const reach = u.reach.find((r) => r.place === from);
      if (reach) out.set(u.metro, reach.rttMs);
    }
  }
  return out;
}

function drawOverlay(
  page: Page,
  t: ZoomTransform,
  highlighted: string | undefined,
  hidden: ReadonlySet<string>,
  users: readonly MapPlace[],
  markers: readonly MapPlace[],
  chrome: readonly Box[],
): SVGElement[] {
  const projection = zoomed(t);
  const at = (p: MapPlace) => projection([p.lon, p.lat]) ?? [Number.NaN, Number.NaN];
  const layers: SVGElement[] = [];
  const selected = page.selected !== undefined ? page.places.get(page.selected) : undefined;
  const fromSelected = selected ? rttsFrom(page, selected.id) : new Map<string, number>();

  // Users' metros, behind everything.
  const userLayer = s('g', { class: 'users' });
  for (const u of [...users].sort((a, b) => (b.share ?? 0) - (a.share ?? 0))) {
    const [x, y] = at(u);
    userLayer.append(
      s(
        'circle',
        {
          class: `user-metro${selected?.id === u.id ? ' selected' : ''}`,
          cx: x,
          cy: y,
          r: usersRadius(u.share ?? 0),
          'data-place': u.id,
          'data-kind': 'metro',
        },
        s('title', {}, `${u.name}: ${percent(u.share ?? 0)} of users`),
      ),
    );
  }
  layers.push(userLayer);

  // Estate links: solid arcs with a white casing, labelled with their RTT when long enough.
  const linkLayer = s('g', { class: 'links', 'data-group': 'links' });
  const linkLabels: { text: string; x: number; y: number; color: string }[] = [];
  if (!hidden.has('links')) {
    for (const link of page.report.links) {
      const a = page.places.get(link.between[0]);
      const b = page.places.get(link.between[1]);
      if (!a || !b) continue;
      const d = arcPath(projection, a, b);
      const color = rttColor(link.rttMs);
      linkLayer.append(
        s(
          'g',
          {
            class: 'link',
            'data-link': link.id,
            tabindex: 0,
            role: 'img',
            'aria-label': linkTitle(link).replace('\n', ': '),
          },
          // A 24 px wide band along the link takes the pointer (WCAG 2.2 target size).
          s('path', { class: 'hit', d }),
          s('path', { class: 'casing', d }),
          s('path', { class: 'stroke', d, stroke: color }),
          s('title', {}, linkTitle(link)),
        ),
      );
      const [ax, ay] = at(a);
      const [bx, by] = at(b);
      const mid = midpoint(projection, a, b);
      if (mid && Math.hypot(bx - ax, by - ay) > 60 && onScreen(mid[0], mid[1]))
        linkLabels.push({ text: `${ms(link.rttMs)} ms`, x: mid[0], y: mid[1], color });
    }
  }
  layers.push(linkLayer);

  // Routes from views (expected paths, traces): one arc per step, coloured by the step's RTT.
  const routeLayer = s('g', { class: 'routes' });
  for (const route of page.routes) {
    if (hidden.has(route.group)) continue;
    routeLayer.append(drawRoute(page, projection, route, route.id === highlighted));
  }
  const services = drawServices(page, projection);
  layers.push(routeLayer, services);

  // The selected place's RTT to everything else: thin arcs.
  const spider = s('g', { class: 'spider' });
  if (selected) {
    for (const [id, rtt] of fromSelected) {
      const other = page.places.get(id);
      if (!other) continue;
      spider.append(s('path', { d: arcPath(projection, selected, other), stroke: rttColor(rtt) }));
    }
  }
  layers.push(spider);

  // Markers, spread where they coincide on screen, with leader lines to their true positions.
  const screen = markers.map((p) => {
    const [x, y] = at(p);
    const kind = symbolKind(p) ?? 'host';
    return { id: p.id, x, y, rank: SYMBOL_RANK[kind] + (p.primary ? 0 : 10) };
  });
  const visible = screen.filter((p) => onScreen(p.x, p.y, 30));
  // Closer than a target's 24 px: one column, a target apart.
  const placed = spreadColocated(visible, LINE_PX, LINE_PX);
  const leaders = s('g', { class: 'leaders' });
  const markerLayer = s('g', { class: 'places' });
  const obstacles: Box[] = [];
  for (const m of placed) {
    const place = page.places.get(m.id) as MapPlace;
    const kind = symbolKind(place) ?? 'host';
    if (Math.hypot(m.x - m.anchorX, m.y - m.anchorY) > 3)
      leaders.append(s('line', { x1: m.anchorX, y1: m.anchorY, x2: m.x, y2: m.y }));
    const isSelected = selected?.id === place.id;
    markerLayer.append(
      s(
        'g',
        {
          class: `place${isSelected ? ' selected' : ''}${place.primary ? '' : ' passing'}${place.only ? ` only-${place.only}` : ''}`,
          'data-place': place.id,
          'data-kind': kind,
          'data-only': place.only,
          tabindex: 0,
          role: 'button',
          'aria-label': `${place.id}: ${place.name}${place.only ? ` (design ${place.only.toUpperCase()} only)` : ''}`,
        },
        // A 24 px target whatever the symbol's size.
        s('circle', { class: 'hit', cx: m.x, cy: m.y, r: 12 }),
        isSelected ? s('circle', { class: 'halo', cx: m.x, cy: m.y, r: 12 }) : null,
        place.only ? s('circle', { class: `only-ring ring-${place.only}`, cx: m.x, cy: m.y, r: 10 }) : null,
        symbol(kind, m.x, m.y, !place.primary),
        s(
          'title',
          {},
          `${place.id}\n${place.name}${place.primary ? '' : '\n(on a path)'}${place.only ? `\n(design ${place.only.toUpperCase()} only)` : ''}`,
        ),
      ),
    );
    obstacles.push({ x: m.x - 7, y: m.y - 7, width: 14, height: 14 });
  }
  // Users' metros get a handle of their own, clear of the markers (issue 22, defect 8).
  const handles = drawUserHandles(users, at, placed, selected?.id);
  obstacles.push(...handles.boxes);
  layers.push(leaders, markerLayer, handles.layer);

  // Labels: one block per group of co-located markers, RTT badges when a place is selected.
  const bounds = { x: 2, y: 2, width: view.width - 4, height: view.height - 4 };
  layers.push(drawLabels(page, placed, obstacles, linkLabels, users, at, fromSelected, selected, bounds));
  const markerAt = (id: string) => placed.find((m) => m.id === id);
  labelServices(services, page, projection, markerAt, [...obstacles, ...chrome], bounds);
  return layers;
}

function linkTitle(link: ReportLink): string {
  return `${link.id} (${link.kind}): ${link.between[0]} – ${link.between[1]}\n${km(link.distanceKm)} km, ${ms(link.rttMs)} ms RTT${link.measured ? ' (measured)' : ''}`;
}

function drawRoute(page: Page, projection: GeoProjection, route: MapRoute, highlighted: boolean): SVGElement {
  const group = s('g', {
    class: `route route-${route.style}${highlighted ? ' highlighted' : ''}`,
    'data-route': route.id,
    'data-group': route.group,
  });
  route.steps.forEach((step, i) => {
    const previous = route.steps[i - 1];
    if (!previous) return;
    const a = page.places.get(previous.place);
    const b = page.places.get(step.place);
    if (!a || !b) return;
    const stepMs = step.rttMs - previous.rttMs;
    const d = arcPath(projection, a, b);
    // A routed trace has a dark casing, an estate link a white one: the two never look alike.
    if (route.style === 'trace') group.append(s('path', { class: 'casing', d }));
    group.append(
      s(
        'path',
        { class: 'stroke', d, stroke: rttColor(stepMs), 'data-step': i },
        s(
          'title',
          {},
          `${route.label}\n${a.id} → ${b.id}: ${ms(stepMs)} ms (cumulative ${ms(step.rttMs)} ms)`,
        ),
      ),
    );
  });
  return group;
}
