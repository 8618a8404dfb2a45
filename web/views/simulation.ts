/**
 * A simulation over time (`footprint simulate SCENARIO -o`, `footprint serve SCENARIO`): a summary
 * row per design (worst interval p99 against its budget, requests lost, peak instances, cost), and
 * for the design chosen with the tabs (or a row of the table) its demand, p99 per metro against the
 * budget, instances per pool and cost, as time series on scales every design shares.
 */
import { h } from '../dom.js';
import type { SimulationDesignReport, SimulationReport } from '../report.js';
import { ms } from '../rtt.js';
import { defineView } from '../view.js';
import { nameOwnCharts } from './chart-name.js';
import {
  type ChartContext,
  chartContext,
  costChart,
  demandChart,
  instancesChart,
  LAUNCHING_COLOR,
  OVER,
  p99Chart,
  sourceLabel,
} from './simulation-charts.js';
import { doorsTimelines } from './simulation-doors.js';

/** The design shown, kept across re-renders of the live page. */
const kept: { design?: string } = {};

const usd = (v: number | null) => (v === null || !Number.isFinite(v) ? '–' : `$${v.toFixed(v < 10 ? 3 : 2)}`);
const count = (n: number) => Math.round(n).toLocaleString('en-US');

interface ChartKind {
  readonly id: 'demand' | 'p99' | 'instances' | 'cost';
  readonly title: string;
  readonly draw: (ctx: ChartContext, design: SimulationDesignReport, width: number) => Element;
  readonly legend: (ctx: ChartContext, design: SimulationDesignReport) => HTMLElement | null;
}

const KINDS: readonly ChartKind[] = [
  {
    id: 'demand',
    title: 'Demand: arrivals per second, stacked by metro',
    draw: demandChart,
    legend: (ctx, d) => sourceLegend(ctx, d, false),
  },
  {
    id: 'p99',
    title: 'p99 latency per metro against the budget',
    draw: p99Chart,
    legend: (ctx, d) => sourceLegend(ctx, d, true),
  },
  { id: 'instances', title: 'Instances per pool', draw: instancesChart, legend: poolLegend },
  { id: 'cost', title: 'Cost: cumulative, and per interval', draw: costChart, legend: () => null },
];

export const simulationView = defineView({
  id: 'simulation',
  title: 'Simulation over time',
  needs: 'simulation',
  slot: 'lead',
  caption:
    'Every design through the same demand, drawn on the same scales: pick one to see it interval by interval. Red marks the intervals whose p99 is over its budget.',
  render(simulation: SimulationReport) {
    const designs = simulation.designs;
    const ctx = chartContext(simulation);
    let current = designs.find((d) => d.id === kept.design) ?? (designs[0] as SimulationDesignReport);
    const tabs = h('div', { class: 'sim-tabs', role: 'tablist', 'aria-label': 'Designs' });
    const panel = h('div', { class: 'sim-panel', role: 'tabpanel', id: 'simulation-panel' });
    const table = summaryTable(simulation, (id) => choose(id));
    const tabButtons = designs.map((d) =>
      h(
        'button',
        {
          type: 'button',
          role: 'tab',
          id: `simulation-tab-${d.id}`,
          'data-design': d.id,
          'aria-controls': 'simulation-panel',
          onclick: () => choose(d.id),
          onkeydown: (event: Event) => {
            const key = (event as KeyboardEvent).key;
            if (key !== 'ArrowRight' && key !== 'ArrowLeft') return;
            const i = designs.indexOf(current) + (key === 'ArrowRight' ? 1 : -1);
            const next = designs[(i + designs.length) % designs.length] as SimulationDesignReport;
            choose(next.id);
            tabs.querySelector<HTMLButtonElement>(`[data-design="${next.id}"]`)?.focus();
          },
        },
        h('span', { class: 'sim-tab-id' }, d.id),
        d.name !== d.id ? h('span', { class: 'sim-tab-name' }, d.name) : null,
      ),
    );
    tabs.append(...tabButtons);
    const choose = (id: string) => {
      current = designs.find((d) => d.id === id) ?? current;
      kept.design = current.id;
      for (const button of tabButtons) {
        const selected = button.dataset.design === current.id;
        button.setAttribute('aria-selected', String(selected));
        button.tabIndex = selected ? 0 : -1;
      }
      for (const row of table.querySelectorAll<HTMLTableRowElement>('tr[data-design]'))
        row.classList.toggle('selected', row.dataset.design === current.id);
      panel.setAttribute('aria-labelledby', `simulation-tab-${current.id}`);
      panel.dataset.design = current.id;
      panel.replaceChildren(...KINDS.map((kind) => figure(ctx, current, kind)));
    };
    choose(current.id);
    return h(
      'div',
      { class: 'sim' },
      h('div', { class: 'table-scroll' }, table),
      designs.length > 1 ? tabs : null,
      panel,
      doorsTimelines(simulation),
      notes(simulation),
    );
  },
});

/** One chart, drawn at the width it gets (and again when that changes). */
function figure(ctx: ChartContext, design: SimulationDesignReport, kind: ChartKind): HTMLElement {
  const host = h('div', { class: 'sim-plot' });
  let drawn = 0;
  const observer = new ResizeObserver(() => {
    if (!host.isConnected) return observer.disconnect();
    const width = Math.floor(host.clientWidth);
    if (width <= 0 || width === drawn) return;
    drawn = width;
    host.replaceChildren(nameOwnCharts(kind.draw(ctx, design, width), `${kind.title}, ${design.id}`));
  });
  observer.observe(host);
  return h(
    'figure',
    { class: 'sim-chart', 'data-chart': kind.id, 'data-design': design.id },
    h('figcaption', {}, kind.title),
    kind.legend(ctx, design),
    host,
  );
}

function swatch(color: string, label: string, style: 'fill' | 'line' | 'dashed' = 'fill'): HTMLElement {
  return h(
    'li',
    {},
    h('span', {
      class: `swatch swatch-${style}`,
      style: style === 'fill' ? `background:${color}` : `border-color:${color}`,
    }),
    label,
  );
}

function sourceLegend(ctx: ChartContext, design: SimulationDesignReport, budget: boolean): HTMLElement {
  const labels = [...new Set(design.run.series.sources.map((s) => sourceLabel(ctx.simulation, s)))];
  return h(
    'ul',
    { class: 'sim-legend' },
    labels.map((l) => swatch(ctx.sourceColor.get(l) ?? '#999', l, budget ? 'line' : 'fill')),
    budget ? swatch(OVER, 'p99 budget', 'dashed') : null,
    budget ? swatch('rgba(198, 40, 40, 0.18)', 'over budget') : null,
  );
}

function poolLegend(ctx: ChartContext, design: SimulationDesignReport): HTMLElement {
  const pools = design.run.series.pools;
  const launching = pools.some((p) => p.launching.some((n) => n > 0));
  return h(
    'ul',
    { class: 'sim-legend' },
    pools.map((p) => swatch(ctx.poolColor.get(p.id) ?? '#999', p.id)),
    launching ? swatch(LAUNCHING_COLOR, 'launching') : null,
  );
}

interface Column {
  readonly header: string;
  readonly num?: boolean;
  readonly cell: (d: SimulationDesignReport, simulation: SimulationReport) => (Node | string | null)[];
}

/** The summary's columns: how the users fared, and what it took. */
const COLUMNS: readonly Column[] = [
  {
    header: 'design',
    cell: (d) => [
      h('span', { class: 'strong' }, d.id),
      d.name !== d.id ? h('div', { class: 'muted' }, d.name) : null,
    ],
  },
  {
    header: 'worst interval p99',
    num: true,
    cell: (d, simulation) => {
      const worst = d.figures.worst;
      return worst
        ? [`${ms(worst.p99Ms)} ms`, h('div', { class: 'muted' }, sourceLabel(simulation, worst))]
        : ['–'];
    },
  },
  {
    header: 'p99 budget',
    cell: (d) => {
      const worst = d.figures.worst;
      if (worst?.budgetP99Ms === undefined) return [h('span', { class: 'muted' }, 'none')];
      return [
        h('span', { class: `status ${worst.over ? 'fail' : 'ok'}` }, worst.over ? 'over' : 'held'),
        ` ≤ ${ms(worst.budgetP99Ms)} ms`,
        h(
          'div',
          { class: 'muted' },
          `${worst.intervalsOverBudget ?? 0} of ${d.run.series.t.length} intervals over`,
        ),
      ];
    },
  },
  {
    header: 'requests lost',
    num: true,
    cell: (d) => [
      count(d.figures.lostRequests),
      h('div', { class: 'muted' }, `of ${count(d.run.summary.requests.generated)}`),
    ],
  },
  { header: 'peak instances', num: true, cell: (d) => [count(d.figures.peakInstances)] },
  {
    header: 'total cost',
    num: true,
    cell: (d) => [h('span', { class: 'strong' }, usd(d.run.summary.cost.totalUsd))],
  },
  { header: 'per 1,000 sessions', num: true, cell: (d) => [usd(d.run.summary.cost.per1000SessionsUsd)] },
];

/** A row per design; on a phone each row is a card of labelled figures. */
function summaryTable(simulation: SimulationReport, choose: (id: string) => void): HTMLTableElement {
  return h(
    'table',
    { class: 'sim-summary' },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        COLUMNS.map((c) => h('th', { class: c.num ? 'num' : undefined }, c.header)),
      ),
    ),
    h(
      'tbody',
      {},
      simulation.designs.map((d) =>
        h(
          'tr',
          { 'data-design': d.id, onclick: () => choose(d.id) },
          COLUMNS.map((c, i) =>
            h(
              'td',
              { class: c.num ? 'num' : undefined, 'data-label': i > 0 ? c.header : undefined },
              c.cell(d, simulation),
            ),
          ),
        ),
      ),
    ),
  );
}

function notes(simulation: SimulationReport): HTMLElement | null {
  const several = simulation.designs.length > 1;
  const list = simulation.designs.flatMap((d) => d.notes.map((n) => (several ? `${d.id}: ${n}` : n)));
  const runs = `seed ${simulation.seed}; ${simulation.designs.length} design${several ? 's' : ''}; ${count(simulation.durationS)} s of demand in intervals of ${count(simulation.intervalS)} s`;
  return h(
    'div',
    { class: 'sim-notes muted' },
    h('p', {}, runs),
    list.length > 0
      ? h(
          'ul',
          {},
          list.map((n) => h('li', {}, n)),
        )
      : null,
  );
}
