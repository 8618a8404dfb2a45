/**
 * The figures the estate expects (from the talk, a measurement, a requirement), whether the
 * physical model agrees, and the path each one takes; the paths are also drawn on the map.
 */
import './a11y.css';
import { h, s } from '../dom.js';
import type { ReportExpectation } from '../report.js';
import { ms, rttColor } from '../rtt.js';
import { defineView, type Page } from '../view.js';
import { placeButton } from './place.js';

export const expectationsView = defineView({
  id: 'expectations',
  title: 'Expected figures',
  needs: 'expectations',
  slot: 'main',
  wide: true,
  caption:
    'RTTs the estate file expects, checked against the physical model. Hover a row to see its path on the map.',
  routes: (expectations) =>
    expectations.map((e, i) => ({
      id: `expectation-${i}`,
      group: 'Expected paths',
      label: `${e.from} → ${e.to}: ${ms(e.rttMs)} ms`,
      steps: e.path.map((step) => ({ place: step.place, rttMs: step.rttMs })),
      style: 'path' as const,
    })),
  render(expectations, page) {
    const held = expectations.filter((e) => e.ok).length;
    return h(
      'div',
      {},
      h(
        'p',
        { class: `verdict ${held === expectations.length ? 'ok' : 'fail'}` },
        `${held} of ${expectations.length} hold`,
      ),
      h(
        'table',
        { class: 'expectations' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, h('span', { class: 'sr-only' }, 'verdict')),
            h('th', {}, 'from → to'),
            h('th', { class: 'num' }, 'RTT ms'),
            h('th', {}, 'expected'),
            h('th', {}, h('span', { class: 'sr-only' }, 'the RTT against the expected range')),
            h('th', {}, 'path'),
            h('th', {}, 'source'),
          ),
        ),
        h(
          'tbody',
          {},
          expectations.map((e, i) =>
            h(
              'tr',
              {
                'data-route': `expectation-${i}`,
                class: e.ok ? 'ok' : 'fail',
                onmouseenter: () => page.highlight(`expectation-${i}`),
                onmouseleave: () => page.highlight(undefined),
              },
              h('td', {}, h('span', { class: `status ${e.ok ? 'ok' : 'fail'}` }, e.ok ? 'ok' : 'FAIL')),
              h('td', { class: 'pair' }, placeButton(page, e.from), ' → ', placeButton(page, e.to)),
              h('td', { class: 'num strong' }, ms(e.rttMs)),
              h('td', { class: 'range' }, range(e)),
              h('td', {}, bullet(e)),
              h('td', { class: 'path' }, pathChips(e, page)),
              h('td', { class: 'note' }, e.note ?? ''),
            ),
          ),
        ),
      ),
    );
  },
});

function range(e: ReportExpectation): string {
  if (e.minMs !== undefined && e.maxMs !== undefined) return `${e.minMs}–${e.maxMs}`;
  if (e.maxMs !== undefined) return `≤ ${e.maxMs}`;
  return `≥ ${e.minMs}`;
}

/** A bullet graph: the expected range as a band, the model's figure as a tick. */
function bullet(e: ReportExpectation): SVGElement {
  const top = Math.max(e.maxMs ?? 0, e.rttMs, e.minMs ?? 0) * 1.25 || 1;
  const x = (v: number) => 2 + (96 * Math.min(v, top)) / top;
  const lo = x(e.minMs ?? 0);
  const hi = x(e.maxMs ?? top);
  return s(
    'svg',
    { class: 'bullet', width: 100, height: 14, viewBox: '0 0 100 14' },
    s('rect', { x: 2, y: 6, width: 96, height: 2, class: 'track' }),
    s('rect', { x: lo, y: 3, width: Math.max(1, hi - lo), height: 8, class: 'band' }),
    s('rect', {
      x: x(e.rttMs) - 1.5,
      y: 0,
      width: 3,
      height: 14,
      fill: e.ok ? rttColor(e.rttMs) : '#c62828',
    }),
  );
}

function pathChips(e: ReportExpectation, page: Page): Node[] {
  const out: Node[] = [];
  e.path.forEach((step, i) => {
    if (i > 0) out.push(h('span', { class: 'hop' }, `${step.linkClass ?? ''} ›`));
    out.push(placeButton(page, step.place));
  });
  return out;
}
