/**
 * What the map draws over the land at a zoom: links and routes as great arcs coloured by RTT, the
 * places' markers and labels, the users' circles and handles, the services and their calls.
 */
import { type GeoProjection, geoInterpolate, geoPath } from 'd3-geo';
import { s } from '../dom.js';
import type { MapPlace, ReportLink } from '../report.js';
import { km, ms, percent, rttColor } from '../rtt.js';
import type { MapRoute, Page } from '../view.js';
import { drawLabels, LINE_PX } from './labels.js';
import { type Box, spreadColocated, type ZoomTransform } from './layout.js';
import { labelServices } from './service-labels.js';
import { drawServices } from './services.js';
import { SYMBOL_RANK, symbol, symbolKind, usersRadius } from './symbols.js';
import { drawUserHandles } from './users.js';
import { view, zoomed } from './viewport.js';

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

export function drawOverlay(
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
    const lit = highlighted !== undefined && (route.id === highlighted || route.key === highlighted);
    if (route.transient && !lit) continue;
    routeLayer.append(drawRoute(page, projection, route, lit));
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
    'data-key': route.key,
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
  // A transient route ends at a place without a marker (a catalog candidate): ring its end.
  const end = route.transient ? page.places.get(route.steps[route.steps.length - 1]?.place ?? '') : undefined;
  const at = end ? projection([end.lon, end.lat]) : null;
  if (at) group.append(s('circle', { class: 'candidate-end', cx: at[0], cy: at[1], r: 6 }));
  return group;
}
