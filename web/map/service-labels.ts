/**
 * The services' labels on the map (issue 22): the services at each place, each call's RTT, and each
 * users' metro's worst p99, for every variant of the services layer (today and proposed, or design
 * A and B), one shown. They are placed after the places' own labels, like them each where it fits
 * clear of markers and labels already placed, farther away with a leader line when nothing beside
 * its marker is free, so that many services at one spot (the Phoenix data center, Local Zone and
 * users within a few km) no longer print over each other.
 */
import { type GeoProjection, geoInterpolate } from 'd3-geo';
import { s } from '../dom.js';
import { ms } from '../rtt.js';
import type { Page } from '../view.js';
import { textWidth } from './labels.js';
import { type Box, placeLabels } from './layout.js';
import { callEnds, callId, type Placed, placedVariants, type Spot } from './services.js';
import { usersRadius } from './symbols.js';

const FONT = '400 11px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const BOLD = '600 11px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const LINE = 13;

interface Request {
  readonly id: string;
  readonly kind: 'spot' | 'call' | 'p99';
  readonly lines: readonly string[];
  readonly anchor: { readonly x: number; readonly y: number };
  readonly candidates: readonly Box[];
  /** A call's label on one of its first this many candidates sits on its arc: no leader. */
  readonly onArc?: number;
  readonly attributes: Record<string, string | number>;
  readonly title?: string;
}

/** Boxes of `width` x `height` around a point: beside it, then farther out in eight directions. */
function around(x: number, y: number, width: number, height: number, gap: number, far: boolean): Box[] {
  const near: Box[] = [
    { x: x - gap - width, y: y - LINE / 2, width, height },
    { x: x + gap, y: y - LINE / 2, width, height },
    { x: x - width / 2, y: y + gap, width, height },
    { x: x - width / 2, y: y - gap - height, width, height },
    { x: x - gap - width, y: y - height + LINE / 2, width, height },
    { x: x + gap, y: y - height + LINE / 2, width, height },
  ];
  if (!far) return near;
  const out = [...near];
  for (const d of [20, 40, 64, 96, 140])
    for (const [dx, dy] of [
      [-1, 0],
      [1, 0],
      [0, 1],
      [0, -1],
      [-1, 1],
      [1, 1],
      [-1, -1],
      [1, -1],
    ] as const)
      out.push({
        x: dx < 0 ? x - gap - width - d : dx > 0 ? x + gap + d : x - width / 2,
        y: dy > 0 ? y + gap + d : dy < 0 ? y - gap - height - d : y - height / 2,
        width,
        height,
      });
  return out;
}

function near(a: { x: number; y: number }, b: readonly [number, number]): boolean {
  return Math.hypot(a.x - b[0], a.y - b[1]) < 30;
}

function requestsOf(
  page: Page,
  projection: GeoProjection,
  variant: Placed,
  markerAt: (place: string) => { x: number; y: number } | undefined,
): Request[] {
  const requests: Request[] = [];
  for (const [metro, p99] of variant.worstP99) {
    const place = page.places.get(metro);
    const xy = place ? projection([place.lon, place.lat]) : null;
    if (!place || !xy) continue;
    const text = `p99 ${ms(p99)} ms`;
    const width = textWidth(text, BOLD) + 4;
    const r = Math.max(usersRadius(place.share ?? 0), 10);
    requests.push({
      id: `p99:${metro}`,
      kind: 'p99',
      lines: [text],
      anchor: { x: xy[0], y: xy[1] },
      candidates: around(xy[0], xy[1], width, LINE, r + 2, true).slice(2),
      attributes: { class: 'users-p99', 'data-metro': metro, 'data-ms': p99 },
    });
  }
  const byPlace = new Map<string, { spot: Spot; lines: string[] }>();
  for (const { service, spot } of variant.spots) {
    const entry = byPlace.get(spot.at) ?? { spot, lines: [] };
    entry.lines.push(`${service.id} ×${spot.instances}${spot.place !== spot.at ? ` (${spot.place})` : ''}`);
    byPlace.set(spot.at, entry);
  }
  for (const [at, { spot, lines }] of byPlace) {
    const xy = markerAt(at) ?? projection([spot.lon, spot.lat]);
    if (!xy) continue;
    const [x, y] = 'x' in xy ? [xy.x, xy.y] : xy;
    const width = Math.max(...lines.map((l) => textWidth(l, FONT))) + 4;
    requests.push({
      id: `spot:${at}`,
      kind: 'spot',
      lines,
      anchor: { x, y },
      candidates: around(x, y, width, lines.length * LINE + 2, 10, true),
      attributes: { class: 'service-spot', 'data-at': at },
      title: `${at}: ${lines.join(', ')}`,
    });
  }
  const point = callEnds(page, variant);
  for (const call of variant.calls) {
    const a = point(call.from);
    const b = point(call.to);
    if (!a || !b || (a.lat === b.lat && a.lon === b.lon)) continue;
    const along = geoInterpolate([a.lon, a.lat], [b.lon, b.lat]);
    const mid = projection(along(0.5));
    if (!mid) continue;
    const text = `${ms(call.rttMs)} ms`;
    // Parallel calls of the same RTT (from two AZs of a region to one data center): one label.
    if (requests.some((r) => r.kind === 'call' && r.lines[0] === text && near(r.anchor, mid))) continue;
    const width = textWidth(text, FONT) + 4;
    // On the arc's middle, else above or below it, else farther along it.
    const candidates = [0.5, 0.4, 0.6, 0.3, 0.7, 0.2, 0.8].flatMap((share) => {
      const xy = projection(along(share));
      if (!xy) return [];
      const [x, y] = xy;
      return [
        { x: x - width / 2, y: y - LINE - 2, width, height: LINE },
        { x: x - width / 2, y: y + 2, width, height: LINE },
        { x: x + 4, y: y - LINE / 2, width, height: LINE },
        { x: x - 4 - width, y: y - LINE / 2, width, height: LINE },
      ];
    });
    requests.push({
      id: callId(call),
      kind: 'call',
      lines: [text],
      anchor: { x: mid[0], y: mid[1] },
      // Else off the arc, joined to its middle by a leader.
      candidates: [...candidates, ...around(mid[0], mid[1], width, LINE, 8, true)],
      onArc: candidates.length,
      attributes: { class: 'service-call-label' },
    });
  }
  return requests;
}

function drawRequest(request: Request, box: Box): SVGElement {
  const group = s('g', request.attributes);
  const nearest = {
    x: Math.max(box.x, Math.min(request.anchor.x, box.x + box.width)),
    y: Math.max(box.y, Math.min(request.anchor.y, box.y + box.height)),
  };
  // A call's label on its arc, wherever along it, needs no leader.
  const onArc = request.candidates.indexOf(box) < (request.onArc ?? 0);
  if (!onArc && Math.hypot(nearest.x - request.anchor.x, nearest.y - request.anchor.y) > 14)
    group.append(
      s('line', {
        class: 'label-leader',
        x1: request.anchor.x,
        y1: request.anchor.y,
        x2: nearest.x,
        y2: nearest.y,
      }),
    );
  group.append(
    s(
      'text',
      { x: box.x + 2, y: box.y + LINE - 3 },
      ...request.lines.map((line, i) => s('tspan', { x: box.x + 2, dy: i === 0 ? 0 : LINE }, line)),
    ),
  );
  if (request.title) group.append(s('title', {}, request.title));
  return group;
}

/**
 * Labels every variant of the services layer `layer` (drawServices'), each placed against
 * `obstacles` (the map's markers and labels) and its own labels, never another variant's: one
 * variant shows at a time. A call's label goes into the call's own group, the rest into the
 * variant's group; placed after the map's labels, they are drawn under the markers, clear of them.
 */
export function labelServices(
  layer: SVGElement,
  page: Page,
  projection: GeoProjection,
  markerAt: (place: string) => { x: number; y: number } | undefined,
  obstacles: readonly Box[],
  bounds: Box,
): void {
  for (const variant of placedVariants(page.report)) {
    const group = layer.querySelector(`[data-variant="${variant.variant}"]`);
    if (!group) continue;
    const requests = requestsOf(page, projection, variant, markerAt);
    const boxes = placeLabels(requests, obstacles, bounds);
    for (const request of requests) {
      const box = boxes.get(request.id);
      if (!box) continue;
      const call =
        request.kind === 'call' ? group.querySelector(`[data-call-id="${CSS.escape(request.id)}"]`) : null;
      (call ?? group).append(drawRequest(request, box));
    }
  }
}
