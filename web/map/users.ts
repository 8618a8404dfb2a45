/**
 * A handle for each users' metro: a small dot that takes the clicks and the keyboard focus for the
 * metro. The metro's circle is an area (its share of users) drawn behind everything, and the
 * estate's places in the metro sit on its centre (the Phoenix Local Zone on Phoenix's users), so
 * the circle alone could not be clicked without selecting the zone, nor reached from the keyboard
 * (issue 22, defect 8). The handle goes at the centre when that is free, else on the circle's rim
 * where no marker is.
 */
import { s } from '../dom.js';
import type { MapPlace } from '../report.js';
import { percent } from '../rtt.js';
import type { Box } from './layout.js';
import { usersRadius } from './symbols.js';

/** A handle keeps this far from any marker's centre: its 24 px target clear of theirs. */
const CLEAR_PX = 24;
/** Radius of the handle's invisible hit area: a 24 px target. */
const HIT_RADIUS = 12;

/** Where a handle goes: the centre, else the rim (24 px out at least) or farther, at the first angle clear of `taken`. */
function handlePosition(
  centre: readonly [number, number],
  radius: number,
  taken: readonly { readonly x: number; readonly y: number }[],
): [number, number] {
  const clear = (x: number, y: number) => taken.every((t) => Math.hypot(t.x - x, t.y - y) >= CLEAR_PX);
  const [cx, cy] = centre;
  if (clear(cx, cy)) return [cx, cy];
  // On the rim (a target's width out at least), else farther out: a leader joins it to the centre.
  for (const d of [0, 12, 24].map((more) => Math.max(radius, CLEAR_PX) + more))
    for (const degrees of [-90, 180, 0, 90, -135, -45, 135, 45]) {
      const a = (degrees * Math.PI) / 180;
      const [x, y] = [cx + d * Math.cos(a), cy + d * Math.sin(a)];
      if (clear(x, y)) return [x, y];
    }
  return [cx, cy];
}

/**
 * The users' handles, above the markers `placed`; returns the layer and the boxes the labels must
 * keep clear of.
 */
export function drawUserHandles(
  users: readonly MapPlace[],
  at: (p: MapPlace) => [number, number],
  placed: readonly { readonly x: number; readonly y: number }[],
  selected: string | undefined,
): { layer: SVGElement; boxes: Box[] } {
  const layer = s('g', { class: 'user-handles' });
  const boxes: Box[] = [];
  const taken = [...placed];
  for (const u of users) {
    const [x, y] = handlePosition(at(u), usersRadius(u.share ?? 0), taken);
    taken.push({ x, y });
    const [cx, cy] = at(u);
    if (Math.hypot(x - cx, y - cy) > usersRadius(u.share ?? 0) + 1)
      layer.append(s('line', { class: 'label-leader', x1: cx, y1: cy, x2: x, y2: y }));
    boxes.push({ x: x - 6, y: y - 6, width: 12, height: 12 });
    layer.append(
      s(
        'g',
        {
          class: `user-handle${selected === u.id ? ' selected' : ''}`,
          'data-place': u.id,
          'data-kind': 'metro',
          tabindex: 0,
          role: 'button',
          'aria-label': `${u.name} users: ${percent(u.share ?? 0)} of users`,
        },
        s('circle', { class: 'hit', cx: x, cy: y, r: HIT_RADIUS }),
        s('circle', { class: 'dot', cx: x, cy: y, r: 5 }),
        s('title', {}, `${u.name}: ${percent(u.share ?? 0)} of users`),
      ),
    );
  }
  return { layer, boxes };
}
