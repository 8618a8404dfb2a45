/**
 * Request latency per users' metro (`footprint evaluate --json`): the mean stacked by the calls on
 * the critical path (each call's share of it), p99 and the budget marked, and mean, p50 and p99 as
 * figures at the end of each bar.
 */
import * as Plot from '@observablehq/plot';
import type { RequestResult } from '../report.js';
import { ms } from '../rtt.js';
import { defineView } from '../view.js';
import { fitWidth } from './fit-width.js';

interface Segment {
  readonly row: string;
  readonly call: string;
  readonly ms: number;
  readonly order: number;
}

export const requestsView = defineView({
  id: 'requests',
  title: 'Request latency by metro',
  needs: 'requests',
  slot: 'main',
  wide: true,
  caption:
    'Mean latency of each request from each metro (the bar), split by the calls on its critical path (each call by its share of the mean); the black tick is p99, the dashed red line the p99 budget; the figures at the end are the mean, p50 and p99.',
  render(requests) {
    const row = (r: RequestResult) => `${r.request} · ${r.metro.replace(/^metro:/, '')}`;
    const rows = requests.map(row);
    const segments: Segment[] = requests.flatMap((r) =>
      r.criticalPath.map((c, order) => ({ row: row(r), call: c.call, ms: c.ms, order })),
    );
    const calls = [...new Set(segments.map((s) => s.call))];
    const max = Math.max(...requests.map((r) => Math.max(r.p99Ms, r.budgetMs ?? 0)));
    const longest = Math.max(...rows.map((r) => r.length));
    const budgets = requests.filter((r) => r.budgetMs !== null);
    const draw = (width: number) =>
      Plot.plot({
        width,
        height: 50 + rows.length * 30,
        marginLeft: Math.ceil(longest * 6.3) + 16,
        marginRight: 250,
        x: {
          label: 'latency (ms)',
          labelAnchor: 'center',
          labelArrow: 'none',
          grid: true,
          domain: [0, max * 1.05],
        },
        y: { domain: rows, label: null, tickSize: 0 },
        color: { domain: calls, scheme: 'tableau10', legend: true },
        style: { fontSize: '11px', fontFamily: 'inherit' },
        marks: [
          Plot.barX(
            segments,
            Plot.stackX({
              x: 'ms',
              y: 'row',
              fill: 'call',
              order: 'order',
              insetTop: 5,
              insetBottom: 5,
              title: (s: Segment) => `${s.call}: ${ms(s.ms)} ms`,
            }),
          ),
          Plot.tickX(requests, {
            x: 'p99Ms',
            y: row,
            stroke: '#111',
            strokeWidth: 2,
            insetTop: 3,
            insetBottom: 3,
          }),
          Plot.tickX(budgets, {
            x: 'budgetMs',
            y: row,
            stroke: '#c62828',
            strokeWidth: 2,
            strokeDasharray: '3,2',
          }),
          ...[true, false].map((ok) =>
            Plot.text(requests, {
              filter: (r: RequestResult) => r.ok === ok,
              x: (r: RequestResult) => Math.max(r.p99Ms, r.budgetMs ?? 0),
              y: row,
              text: (r: RequestResult) =>
                `mean ${ms(r.meanMs)} · p50 ${ms(r.p50Ms)} · p99 ${ms(r.p99Ms)}${ok ? '' : ' over budget'}`,
              dx: 6,
              textAnchor: 'start',
              fill: ok ? '#333' : '#c62828',
            }),
          ),
        ],
      });
    return fitWidth(
      'requests-chart',
      560,
      'Bar chart: the mean latency in ms of each request from each metro, split by the calls on its critical path, with p99 and the budget',
      draw,
    );
  },
});
