/**
 * Routed traces (`footprint trace --json`): each hop with its cumulative RTT, against the physical
 * best between the two ends; each trace is also drawn on the map hop by hop.
 */
import { h } from '../dom.js';
import type { TraceResult } from '../report.js';
import { ms, rttColor } from '../rtt.js';
import { defineView, type Page } from '../view.js';
import { placeButton } from './place.js';
import { diagramButton, openDiagramRoute } from './trace-diagram.js';

export const tracesView = defineView({
  id: 'traces',
  title: 'Traced paths',
  needs: 'traces',
  slot: 'main',
  wide: true,
  caption:
    'The path packets take through route tables and gateways, hop by hop with the cumulative RTT, against the best the physical network allows. "Diagram" draws a trace\'s route tables, gateways and places, with the milliseconds each step adds.',
  routes: (traces) =>
    traces.map((t, i) => ({
      id: `trace-${i}`,
      group: 'Traces',
      label: `${t.from} → ${t.to}: ${ms(t.rttMs)} ms routed`,
      steps: collapse(t).map((hop) => ({ place: hop.place, rttMs: hop.rttMs })),
      style: 'trace' as const,
    })),
  render: (traces, page) => {
    // One scale for every trace's waterfall, so that their bars compare at a glance.
    const max = Math.max(...traces.flatMap((t) => [t.rttMs, t.physicalBestRttMs]), 1e-9);
    return h(
      'div',
      { class: 'traces', 'data-scale-ms': max },
      traces.map((t, i) => traceCard(t, i, page, max)),
    );
  },
});

/**
 * Round ticks from 0 to `max`: steps of 1, 2 or 5 times a power of ten, about four of them.
 * @example axisTicks(62.7) // [0, 20, 40, 60]
 */
export function axisTicks(max: number): number[] {
  const rough = max / 4;
  const power = 10 ** Math.floor(Math.log10(rough));
  const step = ([1, 2, 5, 10].map((m) => m * power).find((v) => v >= rough) ?? 10 * power) as number;
  const ticks: number[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) ticks.push(Number((i * step).toPrecision(12)));
  return ticks;
}

/** The waterfall's axis, in the column's header: ticks in ms on the shared scale. */
function waterfallAxis(max: number): HTMLElement {
  return h(
    'div',
    { class: 'waterfall-axis', 'aria-label': `cumulative RTT, 0 to ${ms(max)} ms` },
    axisTicks(max).map((tick) =>
      h('span', { class: 'tick', style: `left:${(100 * tick) / max}%` }, tick === 0 ? '0 ms' : String(tick)),
    ),
  );
}

/** Consecutive hops in one place are one step on the map. */
function collapse(trace: TraceResult): TraceResult['hops'] {
  return trace.hops.filter((hop, i) => trace.hops[i + 1]?.place !== hop.place);
}

function traceCard(trace: TraceResult, index: number, page: Page, max: number): HTMLElement {
  const extra = trace.rttMs - trace.physicalBestRttMs;
  return h(
    'div',
    {
      class: 'trace',
      'data-route': `trace-${index}`,
      onmouseenter: () => page.highlight(`trace-${index}`),
      // The trace whose diagram is open stays highlighted on the map.
      onmouseleave: () => page.highlight(openDiagramRoute()),
    },
    h(
      'h3',
      {},
      placeButton(page, trace.from),
      ' → ',
      placeButton(page, trace.to),
      h('span', { class: 'figure' }, `${ms(trace.rttMs)} ms routed`),
      h('span', { class: 'muted' }, ` · physical best ${ms(trace.physicalBestRttMs)} ms`),
      extra > 0.05 ? h('span', { class: 'penalty' }, ` · +${ms(extra)} ms from the design`) : null,
      // A report of an older Footprint has no diagram: no button.
      trace.diagram ? diagramButton(trace, index, page) : null,
    ),
    h(
      'table',
      { class: 'hops' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', {}, 'element'),
          h('th', {}, 'kind'),
          h('th', {}, 'place'),
          h('th', { class: 'num' }, 'total ms'),
          h('th', { class: 'waterfall' }, waterfallAxis(max)),
        ),
      ),
      h(
        'tbody',
        {},
        trace.hops.map((hop, i) => {
          const before = trace.hops[i - 1]?.rttMs ?? 0;
          return h(
            'tr',
            { 'data-hop': i },
            h('td', {}, hop.element),
            h('td', { class: 'muted' }, hop.kind),
            h('td', {}, placeButton(page, hop.place)),
            h('td', { class: 'num' }, ms(hop.rttMs)),
            h(
              'td',
              { class: 'waterfall' },
              h('span', {
                class: 'step',
                style: `left:${(100 * before) / max}%;width:${Math.max(0.4, (100 * (hop.rttMs - before)) / max)}%;background:${rttColor(hop.rttMs - before)}`,
              }),
              h('span', { class: 'best', style: `left:${(100 * trace.physicalBestRttMs) / max}%` }),
            ),
          );
        }),
      ),
    ),
  );
}
