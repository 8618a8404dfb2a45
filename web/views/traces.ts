/**
 * Routed traces (`footprint trace --json`): each hop with its cumulative RTT, against the physical
 * best between the two ends; each trace is also drawn on the map hop by hop.
 */
import { h } from '../dom.js';
import type { TraceResult } from '../report.js';
import { ms, rttColor } from '../rtt.js';
import { defineView, type Page } from '../view.js';
import { placeButton } from './place.js';

export const tracesView = defineView({
  id: 'traces',
  title: 'Traced paths',
  needs: 'traces',
  slot: 'main',
  wide: true,
  caption:
    'The path packets take through route tables and gateways, hop by hop with the cumulative RTT, against the best the physical network allows.',
  routes: (traces) =>
    traces.map((t, i) => ({
      id: `trace-${i}`,
      group: 'Traces',
      label: `${t.from} → ${t.to}: ${ms(t.rttMs)} ms routed`,
      steps: collapse(t).map((hop) => ({ place: hop.place, rttMs: hop.rttMs })),
      style: 'trace' as const,
    })),
  render: (traces, page) =>
    h(
      'div',
      { class: 'traces' },
      traces.map((t, i) => traceCard(t, i, page)),
    ),
});

/** Consecutive hops in one place are one step on the map. */
function collapse(trace: TraceResult): TraceResult['hops'] {
  return trace.hops.filter((hop, i) => trace.hops[i + 1]?.place !== hop.place);
}

function traceCard(trace: TraceResult, index: number, page: Page): HTMLElement {
  const extra = trace.rttMs - trace.physicalBestRttMs;
  const max = Math.max(trace.rttMs, trace.physicalBestRttMs, 1e-9);
  return h(
    'div',
    {
      class: 'trace',
      'data-route': `trace-${index}`,
      onmouseenter: () => page.highlight(`trace-${index}`),
      onmouseleave: () => page.highlight(undefined),
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
          h('th', {}, ''),
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
