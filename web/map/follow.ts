/**
 * On a screen too narrow for the split pane, the map scrolls away with the page, and a row's
 * highlight lands on a map out of sight. Rather than yank the page up to the map, a button offers to
 * show it: the page moves only when the user asks, and the map then shows the row's route.
 */
import { h } from '../dom.js';

export interface MapFollower {
  /** The button (fixed at the bottom of the screen; hidden until a route is highlighted off-screen). */
  readonly button: HTMLButtonElement;
  /** Tell it a route was highlighted (or cleared, `undefined`). */
  highlighted(route: string | undefined): void;
}

/** More than half of `element` is on the screen. */
function inView(element: Element): boolean {
  const box = element.getBoundingClientRect();
  const visible = Math.min(box.bottom, window.innerHeight) - Math.max(box.top, 0);
  return box.height > 0 && visible >= box.height / 2;
}

/**
 * A "show on the map" button for `frame` (the map's drawing); `show(route)` draws the route
 * highlighted once the map is in view.
 */
export function mapFollower(frame: HTMLElement, show: (route: string) => void): MapFollower {
  let last: string | undefined;
  const hide = () => {
    button.hidden = true;
  };
  const button = h(
    'button',
    {
      type: 'button',
      class: 'show-on-map',
      hidden: true,
      onclick: () => {
        const smooth = !matchMedia('(prefers-reduced-motion: reduce)').matches;
        frame.scrollIntoView({ block: 'start', behavior: smooth ? 'smooth' : 'auto' });
        if (last !== undefined) show(last);
        hide();
      },
    },
    'Show on the map ↑',
  );
  // Gone once the map is back in view, however the user got there.
  new IntersectionObserver(
    (entries) => {
      if (entries.some((entry) => entry.intersectionRatio >= 0.5)) hide();
    },
    { threshold: [0.5] },
  ).observe(frame);
  return {
    button,
    highlighted(route) {
      if (route === undefined) return; // the row was left: the offer stays until taken or moot
      if (inView(frame)) return hide();
      last = route;
      button.hidden = false;
    },
  };
}
