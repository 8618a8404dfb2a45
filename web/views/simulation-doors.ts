/**
 * The front doors' timeline: for each fault of a simulation whose users enter through front doors,
 * the share of the affected users' requests served elsewhere over time, one line per design, on one
 * chart so that the designs compare (the figures are the run's `summary.faults[].frontDoors`).
 */
import * as Plot from '@observablehq/plot';
import { h } from '../dom.js';
import type { SimulationReport } from '../report.js';
import { nameOwnCharts } from './chart-name.js';

const PALETTE = ['#4e79a7', '#f28e2c', '#59a14f', '#af7aa1', '#76b7b2', '#9c755f', '#edc949', '#ff9da7'];

interface Point {
  readonly t: number;
  readonly share: number;
  readonly design: string;
}

/** The timelines' figures, one per fault with front-door figures; null when there is none. */
export function doorsTimelines(simulation: SimulationReport): HTMLElement | null {
  const designs = simulation.designs;
  const faults = designs[0]?.run.summary.faults ?? [];
  const figures = faults.flatMap((fault, i) => {
    const lines = designs.flatMap((d) => {
      const doors = d.run.summary.faults?.[i]?.frontDoors;
      if (!doors) return [];
      return doors.timeline.flatMap((share, k) =>
        share === null ? [] : [{ t: (k * 10 + 10) / 60, share: Math.max(0, share), design: d.id }],
      );
    });
    return lines.length > 0
      ? [
          timeline(
            fault.fault,
            designs.map((d) => d.id),
            lines,
          ),
        ]
      : [];
  });
  return figures.length > 0 ? h('div', { class: 'sim-doors' }, figures) : null;
}

function timeline(fault: string, designs: readonly string[], points: readonly Point[]): HTMLElement {
  const color = (id: string) => PALETTE[designs.indexOf(id) % PALETTE.length] as string;
  const host = h('div', { class: 'sim-plot' });
  let drawn = 0;
  const observer = new ResizeObserver(() => {
    if (!host.isConnected) return observer.disconnect();
    const width = Math.floor(host.clientWidth);
    if (width <= 0 || width === drawn) return;
    drawn = width;
    host.replaceChildren(
      nameOwnCharts(
        Plot.plot({
          width,
          height: 220,
          marginLeft: 52,
          marginRight: 14,
          marginBottom: 34,
          ariaLabel: `Share served elsewhere over time, ${fault}`,
          style: { fontSize: '11px', fontFamily: 'inherit', overflow: 'visible' },
          x: { label: 'time since the fault (min)', labelAnchor: 'right', labelArrow: 'none' },
          y: {
            label: 'served elsewhere (%)',
            labelArrow: 'none',
            grid: true,
            domain: [0, 100],
            percent: true,
          },
          color: { domain: [...designs], range: designs.map(color) },
          marks: [
            Plot.line(points, {
              x: 't',
              y: 'share',
              stroke: 'design',
              strokeWidth: 1.8,
              curve: 'step-before',
            }),
            Plot.ruleY([0]),
            Plot.tip(
              points,
              Plot.pointerX({
                x: 't',
                y: 'share',
                title: (p: Point) => `${p.design}: ${Math.round(p.share * 100)} % by ${+p.t.toFixed(2)} min`,
              }),
            ),
          ],
        }),
        `Share served elsewhere over time, ${fault}`,
      ),
    );
  });
  observer.observe(host);
  return h(
    'figure',
    { class: 'sim-chart', 'data-chart': 'served-elsewhere' },
    h('figcaption', {}, `Affected users' requests served elsewhere: ${fault}`),
    h(
      'ul',
      { class: 'sim-legend' },
      designs.map((id) =>
        h('li', {}, h('span', { class: 'swatch swatch-line', style: `border-color:${color(id)}` }), id),
      ),
    ),
    host,
  );
}
