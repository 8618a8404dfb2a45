/**
 * Screen layout for the map, as pure functions: where co-located markers go so that none hides
 * another, where labels fit, what zoom shows a set of points or a metro.
 */

/** The map's drawing area (SVG viewBox units; the SVG scales to its column). */
export const MAP_WIDTH = 960;
export const MAP_HEIGHT = 580;

export interface ScreenPoint {
  readonly id: string;
  readonly x: number;
  readonly y: number;
  /** Lower ranks stay at the true position of their group; the others go around them. */
  readonly rank: number;
}

export interface PlacedMarker {
  readonly id: string;
  /** Where the marker is drawn. */
  readonly x: number;
  readonly y: number;
  /** Where the place really is (a leader line joins the two when they differ). */
  readonly anchorX: number;
  readonly anchorY: number;
  /** The group of co-located markers this one belongs to (the id of its centre). */
  readonly group: string;
}

/**
 * Spreads markers that would overlap: points closer than `mergePx` form a group; the lowest-ranked
 * stays at its true position and the others stack below it, `stepPx` apart, so that each can
 * carry its own label on its line.
 * @example spreadColocated([{ id: 'a', x: 0, y: 0, rank: 0 }, { id: 'b', x: 1, y: 0, rank: 1 }], 10, 16)
 */
export function spreadColocated(
  points: readonly ScreenPoint[],
  mergePx: number,
  stepPx: number,
): PlacedMarker[] {
  const order = [...points].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
  const groups: { centre: ScreenPoint; members: ScreenPoint[] }[] = [];
  for (const point of order) {
    const group = groups.find((g) =>
      g.members.some((m) => Math.hypot(m.x - point.x, m.y - point.y) < mergePx),
    );
    if (group) group.members.push(point);
    else groups.push({ centre: point, members: [point] });
  }
  return groups.flatMap(({ centre, members }) =>
    members.map((m, i) => ({
      id: m.id,
      x: centre.x,
      y: centre.y + i * stepPx,
      anchorX: m.x,
      anchorY: m.y,
      group: centre.id,
    })),
  );
}

export interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/** True when two boxes overlap by more than a pixel (touching is fine). */
function overlaps(a: Box, b: Box): boolean {
  const slack = 1;
  return (
    a.x + slack < b.x + b.width &&
    b.x + slack < a.x + a.width &&
    a.y + slack < b.y + b.height &&
    b.y + slack < a.y + a.height
  );
}

function inside(a: Box, bounds: Box): boolean {
  return (
    a.x >= bounds.x &&
    a.y >= bounds.y &&
    a.x + a.width <= bounds.x + bounds.width &&
    a.y + a.height <= bounds.y + bounds.height
  );
}

/**
 * Picks, for each label in order, the first candidate box inside `bounds` that overlaps neither
 * the obstacles nor a label already placed; `undefined` when none fits (the label is left out).
 */
export function placeLabels(
  labels: readonly { readonly id: string; readonly candidates: readonly Box[] }[],
  obstacles: readonly Box[],
  bounds?: Box,
): Map<string, Box | undefined> {
  const taken: Box[] = [...obstacles];
  const result = new Map<string, Box | undefined>();
  for (const label of labels) {
    const box = label.candidates.find(
      (c) => (!bounds || inside(c, bounds)) && !taken.some((t) => overlaps(c, t)),
    );
    result.set(label.id, box);
    if (box) taken.push(box);
  }
  return result;
}

export interface ZoomTransform {
  readonly k: number;
  readonly x: number;
  readonly y: number;
}

export interface Padding {
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
  readonly left: number;
}

/**
 * The zoom that shows every point inside the padding, within `[minK, maxK]`, centred in the
 * padded area. Points are in base (unzoomed) coordinates.
 */
export function fitTransform(
  points: readonly { readonly x: number; readonly y: number }[],
  width: number,
  height: number,
  padding: Padding,
  minK: number,
  maxK: number,
): ZoomTransform {
  if (points.length === 0) return { k: 1, x: 0, y: 0 };
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const innerWidth = width - padding.left - padding.right;
  const innerHeight = height - padding.top - padding.bottom;
  const spanX = Math.max(x1 - x0, 1e-9);
  const spanY = Math.max(y1 - y0, 1e-9);
  const k = Math.min(maxK, Math.max(minK, Math.min(innerWidth / spanX, innerHeight / spanY)));
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return { k, x: padding.left + innerWidth / 2 - k * cx, y: padding.top + innerHeight / 2 - k * cy };
}

/**
 * A length for a scale bar: the largest 1, 2 or 5 times a power of ten that fits in `maxPx`.
 * @example niceScaleBar(0.5, 120) // { km: 200, px: 100 }
 */
export function niceScaleBar(kmPerPx: number, maxPx: number): { km: number; px: number } {
  const maxKm = kmPerPx * maxPx;
  const power = 10 ** Math.floor(Math.log10(maxKm));
  const km = [5, 2, 1].map((m) => m * power).find((v) => v <= maxKm) ?? power;
  return { km, px: km / kmPerPx };
}
