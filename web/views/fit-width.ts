/**
 * A chart drawn at the width its column gives it (and again when that changes), never narrower than
 * `minWidth`: shrunk from a wider drawing, a chart's text fell to 3 px on a phone (issue 22,
 * defect 2). Narrower than `minWidth`, the chart keeps its size and its section scrolls sideways.
 */
import { h } from '../dom.js';
import { nameChart } from './chart-name.js';

export function fitWidth(
  className: string,
  minWidth: number,
  name: string,
  draw: (width: number) => Element,
): HTMLElement {
  const host = h('div', { class: `chart ${className}` });
  let drawn = 0;
  const observer = new ResizeObserver(() => {
    if (!host.isConnected) return observer.disconnect();
    const width = Math.max(minWidth, Math.floor(host.clientWidth));
    if (host.clientWidth <= 0 || width === drawn) return;
    drawn = width;
    host.replaceChildren(nameChart(draw(width), name));
  });
  observer.observe(host);
  return host;
}
