/**
 * The map's labels: a line per place beside each group of co-located markers (with the RTT from
 * the selected place), RTT badges on links and users' metros, and users' names; each where it
 * fits, the estate's own places first.
 */
import { s } from '../dom.js';
import type { MapPlace } from '../report.js';
import { ms, percent, rttColor } from '../rtt.js';
import type { Page } from '../view.js';
import { type Box, type PlacedMarker, placeLabels } from './layout.js';
import { usersRadius } from './symbols.js';

/**
 * Line height of the place labels, and the spacing of co-located markers: 24 px, so that each
 * marker's 24 px target is clear of its neighbours' and each can be tapped on a phone (WCAG 2.2
 * target size; issue 22: the Phoenix data center, Local Zone and DX location sit within a few km).
 */
export const LINE_PX = 24;
const LABEL_FONT =
  '600 11px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
const BADGE_FONT =
  '600 11px system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
let measureContext: CanvasRenderingContext2D | null | undefined;

/** The width of a text in px, measured with the page's font (estimated where canvas is missing). */
export function textWidth(text: string, font: string): number {
  if (measureContext === undefined) measureContext = document.createElement('canvas').getContext('2d');
  if (!measureContext) return text.length * 6.6;
  measureContext.font = font;
  return measureContext.measureText(text).width;
}

function badgeWidth(text: string): number {
  return textWidth(text, BADGE_FONT) + 10;
}

interface LabelLine {
  readonly text: string;
  readonly primary: boolean;
  readonly rttMs?: number;
}

export function drawLabels(
  page: Page,
  placed: readonly PlacedMarker[],
  obstacles: Box[],
  linkLabels: readonly { text: string; x: number; y: number; color: string }[],
  users: readonly MapPlace[],
  at: (p: MapPlace) => [number, number],
  fromSelected: ReadonlyMap<string, number>,
  selected: MapPlace | undefined,
  /** The map's drawing, less a margin: labels stay inside. */
  bounds: Box,
): SVGElement {
  const layer = s('g', { class: 'labels' });
  for (const label of linkLabels) {
    const width = badgeWidth(label.text);
    obstacles.push({ x: label.x - width / 2, y: label.y - 8, width, height: 16 });
  }
  // Group labels: beside each group's column of markers, one line per marker, with the RTT from
  // the selected place when there is one.
  const groups = new Map<string, PlacedMarker[]>();
  for (const m of placed) groups.set(m.group, [...(groups.get(m.group) ?? []), m]);
  const requests: { id: string; lines: LabelLine[]; candidates: Box[] }[] = [];
  for (const [id, members] of groups) {
    const lines: LabelLine[] = members.map((m) => {
      const place = page.places.get(m.id) as MapPlace;
      const rttMs = fromSelected.get(m.id);
      return { text: place.id, primary: place.primary, ...(rttMs !== undefined ? { rttMs } : {}) };
    });
    const width = Math.max(...lines.map(lineWidth)) + 6;
    const height = lines.length * LINE_PX;
    const first = members[0] as PlacedMarker;
    const top = first.y - LINE_PX / 2;
    requests.push({
      id,
      lines,
      candidates: [
        { x: first.x + 9, y: top, width, height },
        { x: first.x - 9 - width, y: top, width, height },
        { x: first.x + 9, y: top - height + LINE_PX / 2, width, height },
        { x: first.x - 9 - width, y: top - height + LINE_PX / 2, width, height },
        ...[0.5, 0.9, 0.1].flatMap((share) => [
          {
            x: first.x - width * share,
            y: top + (members.length - 1) * LINE_PX + LINE_PX / 2 + 8,
            width,
            height,
          },
          { x: first.x - width * share, y: top - height - 2, width, height },
        ]),
      ],
    });
  }
  // The estate's own places first, so that they keep their labels when space runs out.
  requests.sort((a, b) => Number(b.lines[0]?.primary) - Number(a.lines[0]?.primary));
  const boxes = placeLabels(requests, obstacles, bounds);
  for (const box of boxes.values()) if (box) obstacles.push(box);
  displaceLabels(requests, boxes, obstacles, placed, layer, bounds);
  for (const request of requests) {
    const box = boxes.get(request.id);
    if (!box) continue;
    request.lines.forEach((line, i) => {
      const y = box.y + i * LINE_PX;
      layer.append(
        s(
          'text',
          { class: `place-label${line.primary ? '' : ' passing'}`, x: box.x + 3, y: y + LINE_PX / 2 + 4 },
          line.text,
        ),
      );
      if (line.rttMs !== undefined) {
        const text = `${ms(line.rttMs)} ms`;
        const x = box.x + 3 + textWidth(line.text, LABEL_FONT) + 5;
        layer.append(
          badge(
            { x, y: y + 0.5, width: badgeWidth(text), height: 15 },
            text,
            rttColor(line.rttMs),
            line.text,
          ),
        );
      }
    });
  }
  // Users' metros get their RTT badge when a place is selected.
  if (selected) {
    const requests = users
      .filter((u) => fromSelected.has(u.id))
      .map((u) => {
        const [x, y] = at(u);
        const width = badgeWidth(`${ms(fromSelected.get(u.id))} ms`);
        return {
          id: u.id,
          candidates: [
            { x: x - width / 2, y: y - 7.5, width, height: 15 },
            { x: x - width / 2, y: y + 6, width, height: 15 },
            { x: x - width / 2, y: y - 22, width, height: 15 },
          ],
        };
      });
    for (const [id, box] of placeLabels(requests, obstacles, bounds)) {
      if (!box) continue;
      obstacles.push(box);
      const rtt = fromSelected.get(id) as number;
      layer.append(badge(box, `${ms(rtt)} ms`, rttColor(rtt), id));
    }
  }
  for (const label of linkLabels) {
    const width = badgeWidth(label.text);
    layer.append(
      badge({ x: label.x - width / 2, y: label.y - 8, width, height: 16 }, label.text, label.color),
    );
  }
  // Users' metros: their name and share beside the circle, where it fits.
  const userText = (u: MapPlace) => `${u.name} · ${percent(u.share ?? 0)} of users`;
  const userBoxes = placeLabels(
    users.map((u) => {
      const [x, y] = at(u);
      const width = textWidth(userText(u), '400 11px system-ui') + 4;
      const r = usersRadius(u.share ?? 0);
      return {
        id: u.id,
        candidates: [
          { x: x - width / 2, y: y + r + 2, width, height: 14 },
          { x: x - width / 2, y: y - r - 16, width, height: 14 },
          { x: x + r + 4, y: y - 7, width, height: 14 },
          { x: x - r - 4 - width, y: y - 7, width, height: 14 },
        ],
      };
    }),
    obstacles,
    bounds,
  );
  for (const u of users) {
    const box = userBoxes.get(u.id);
    if (!box) continue;
    obstacles.push(box);
    layer.append(
      s(
        'text',
        { class: 'user-label', x: box.x + box.width / 2, y: box.y + 11, 'text-anchor': 'middle' },
        userText(u),
      ),
    );
  }
  return layer;
}

/**
 * An estate's own place whose label fits nowhere beside it (a selected place's RTT badge makes
 * every line longer) gets it farther away, joined by a leader line, rather than none (issue 22,
 * defect 6). Adds the boxes it places to `boxes` and `obstacles`, and the leaders to `layer`.
 */
function displaceLabels(
  requests: readonly { id: string; lines: LabelLine[]; candidates: Box[] }[],
  boxes: Map<string, Box | undefined>,
  obstacles: Box[],
  placed: readonly PlacedMarker[],
  layer: SVGElement,
  bounds: Box,
): void {
  const displaced = placeLabels(
    requests
      .filter((r) => !boxes.get(r.id) && r.lines.some((line) => line.primary))
      .map((r) => ({ id: r.id, candidates: farCandidates(r.candidates[0] as Box) })),
    obstacles,
    bounds,
  );
  for (const [id, box] of displaced) {
    if (!box) continue;
    obstacles.push(box);
    boxes.set(id, box);
    const marker = placed.find((m) => m.group === id) as PlacedMarker;
    layer.append(leader(marker, box));
  }
}

/**
 * Boxes the size of `beside` (a label's first choice, right of its markers) farther from the
 * markers, nearest first, in eight directions.
 */
function farCandidates(beside: Box): Box[] {
  const { width, height } = beside;
  const left = beside.x - 9;
  const top = beside.y;
  const out: Box[] = [];
  for (const d of [16, 32, 56, 88, 128])
    for (const [dx, dy] of [
      [1, 0],
      [-1, 0],
      [0, 1],
      [0, -1],
      [1, 1],
      [-1, 1],
      [1, -1],
      [-1, -1],
    ] as const)
      out.push({
        x: dx > 0 ? left + 9 + d : dx < 0 ? left - 9 - width - d : left - width / 2,
        y: dy > 0 ? top + d + LINE_PX / 2 : dy < 0 ? top - height - d + LINE_PX / 2 : top,
        width,
        height,
      });
  return out;
}

/** A thin line from a marker to its displaced label's nearest edge. */
function leader(marker: PlacedMarker, box: Box): SVGElement {
  const x = Math.max(box.x, Math.min(marker.x, box.x + box.width));
  const y = Math.max(box.y, Math.min(marker.y, box.y + box.height));
  return s('line', { class: 'label-leader', x1: marker.x, y1: marker.y, x2: x, y2: y });
}

function lineWidth(line: LabelLine): number {
  const text = textWidth(line.text, LABEL_FONT);
  return line.rttMs === undefined ? text : text + 5 + badgeWidth(`${ms(line.rttMs)} ms`);
}

function badge(box: Box, text: string, color: string, place?: string): SVGElement {
  return s(
    'g',
    { class: 'badge', ...(place ? { 'data-rtt-to': place } : {}) },
    s('rect', { x: box.x, y: box.y, width: box.width, height: box.height, rx: 3, stroke: color }),
    s('text', { x: box.x + box.width / 2, y: box.y + box.height - 4, 'text-anchor': 'middle' }, text),
  );
}
