/**
 * The world map: countries from the bundled world-atlas TopoJSON, projected with d3-geo; the
 * estate's places by kind, users' metros sized by share, links and routes as great arcs coloured
 * by RTT. Pan and zoom down to a metro; click a place to see its RTT to everything else. What is
 * drawn over the land at a zoom is overlay.ts.
 */
import { select } from 'd3-selection';
import 'd3-transition';
import './targets.css';
import land from 'footprint:land';
import { type ZoomBehavior, zoom, zoomIdentity } from 'd3-zoom';
import { h, s } from '../dom.js';
import type { MapPlace } from '../report.js';
import { km } from '../rtt.js';
import type { Page } from '../view.js';
import { mapFollower } from './follow.js';
import { type Box, fitTransform, MAP_WIDTH, niceScaleBar, type ZoomTransform } from './layout.js';
import { mapLegend } from './legend.js';
import { drawOverlay } from './overlay.js';
import { BASE_SCALE, baseProjection } from './projection.js';
import { PHONE_WIDTH, view, viewFor } from './viewport.js';

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
const base = baseProjection();

function metroK(lat: number): number {
  return (2 * Math.PI * EARTH_RADIUS_KM * Math.cos((lat * Math.PI) / 180)) / METRO_SPAN_KM;
}

/** Builds the map for a page. */
export function drawMap(page: Page): HTMLElement {
  const places = [...page.places.values()];
  const users = places.filter((p) => p.kind === 'metro');
  const markers = places.filter((p) => p.kind !== 'metro' && !p.transient);

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
