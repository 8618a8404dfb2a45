/**
 * The four charts of a simulated design, drawn with Observable Plot at a given width: demand
 * (arrivals per second stacked by metro), p99 per metro against its budget, instances per pool (and
 * those launching), and cost per interval and cumulative. Each interval's figure is drawn as a step
 * over that interval. The scales are shared by every design of the simulation, so switching designs
 * compares like with like. Everything drawn is in the report's `simulation` part.
 */
import * as Plot from '@observablehq/plot';
import { h } from '../dom.js';
import type { SimulationDesignReport, SimulationReport } from '../report.js';
import { ms } from '../rtt.js';

/** Series colours; red is kept for budgets and what is over them. */
const PALETTE = ['#4e79a7', '#f28e2c', '#59a14f', '#af7aa1', '#76b7b2', '#9c755f', '#edc949', '#ff9da7'];
export const OVER = '#c62828';
/** Instances still launching, stacked on top of those in service. */
export const LAUNCHING = 'launching';
export const LAUNCHING_COLOR = '#c9ced4';

export interface ChartContext {
  readonly simulation: SimulationReport;
  /** Time on the x axis: seconds divided by `factor`, in `unit`. */
  readonly time: { readonly factor: number; readonly unit: string; readonly endS: number };
  /** The colour of each source (request · metro) and pool, the same in every design. */
  readonly sourceColor: ReadonlyMap<string, string>;
  readonly poolColor: ReadonlyMap<string, string>;
  readonly max: {
    readonly arrivalsPerS: number;
    readonly p99Ms: number;
    readonly instances: number;
    readonly cumulativeUsd: number;
    readonly intervalUsd: number;
  };
}

type Design = SimulationDesignReport;
type SourceSeries = Design['run']['series']['sources'][number];

/** How a source is named on the page: its metro, with the request when there are several. */
export function sourceLabel(simulation: SimulationReport, s: { request: string; metro: string }): string {
  const requests = new Set(simulation.designs.flatMap((d) => d.run.summary.sources.map((x) => x.request)));
  const metro = s.metro.replace(/^metro:/, '');
  return requests.size > 1 ? `${s.request} · ${metro}` : metro;
}

/** The scales and colours every design's charts share. */
export function chartContext(simulation: SimulationReport): ChartContext {
  const designs = simulation.designs;
  const endS = Math.max(simulation.durationS, ...designs.map((d) => d.run.series.t.at(-1) ?? 0));
  const time =
    endS <= 1800
      ? { factor: 1, unit: 's', endS }
      : endS <= 2 * 86_400
        ? { factor: 60, unit: 'min', endS }
        : { factor: 3600, unit: 'h', endS };
  const colors = (keys: string[]) => new Map(keys.map((k, i) => [k, PALETTE[i % PALETTE.length] as string]));
  const sources = [
    ...new Set(designs.flatMap((d) => d.run.series.sources.map((s) => sourceLabel(simulation, s)))),
  ];
  // A pool takes its service's colour, darker at the service's first place, paler at the others,
  // so that a service's pools read as one across designs.
  const pools = designs.flatMap((d) => d.run.summary.pools);
  const services = colors([...new Set(pools.map((p) => p.service))]);
  const poolColor = new Map<string, string>();
  for (const p of pools) {
    if (poolColor.has(p.id)) continue;
    const places = [...new Set(pools.filter((x) => x.service === p.service).map((x) => x.place))];
    const shade = places.indexOf(p.place);
    poolColor.set(p.id, mix(services.get(p.service) ?? '#999', '#ffffff', Math.min(0.7, shade * 0.45)));
  }
  const finite = (values: readonly (number | null)[]) =>
    values.filter((v): v is number => v !== null && Number.isFinite(v));
  const maxOf = (values: number[]) => Math.max(0, ...values);
  return {
    simulation,
    time,
    sourceColor: colors(sources),
    poolColor,
    max: {
      arrivalsPerS: maxOf(
        designs.flatMap((d) =>
          d.run.series.t.map((_, i) => d.figures.arrivalsPerS.reduce((sum, s) => sum + (s[i] ?? 0), 0)),
        ),
      ),
      p99Ms: maxOf(
        designs.flatMap((d) => [
          ...d.run.series.sources.flatMap((s) => finite(s.p99Ms)),
          ...finite(d.run.summary.sources.map((s) => s.budgetP99Ms ?? null)),
        ]),
      ),
      instances: maxOf(
        designs.flatMap((d) =>
          d.run.series.t.map((_, i) =>
            d.run.series.pools.reduce((sum, p) => sum + (p.instances[i] ?? 0) + (p.launching[i] ?? 0), 0),
          ),
        ),
      ),
      cumulativeUsd: maxOf(designs.map((d) => d.figures.cumulativeCostUsd.at(-1) ?? 0)),
      intervalUsd: maxOf(designs.flatMap((d) => finite(d.run.series.costUsd))),
    },
  };
}

/** A point of a step series: the value over the interval that ends at `t`. */
interface Step {
  readonly t: number;
  readonly value: number;
  readonly key: string;
  readonly color: string;
}

/** Rows for a step line or area: one at each interval's end, and one at 0 to start the first step. */
function steps(design: Design, values: readonly (number | null)[], key: string, color: string, f: number) {
  const t = design.run.series.t;
  const value = (v: number | null | undefined) => (v === null || v === undefined ? Number.NaN : v);
  const rows: Step[] = [{ t: 0, value: value(values[0]), key, color }];
  t.forEach((time, i) => {
    rows.push({ t: time / f, value: value(values[i]), key, color });
  });
  return rows;
}

function base(ctx: ChartContext, width: number, height: number, ariaLabel: string) {
  return {
    width,
    height,
    marginLeft: 52,
    marginRight: 14,
    marginTop: 16,
    marginBottom: 34,
    ariaLabel,
    style: { fontSize: '11px', fontFamily: 'inherit', overflow: 'visible' },
    x: {
      label: `time (${ctx.time.unit})`,
      labelAnchor: 'right' as const,
      labelArrow: 'none' as const,
      domain: [0, ctx.time.endS / ctx.time.factor],
    },
  };
}

const yAxis = (label: string, max: number) => ({
  label,
  labelArrow: 'none' as const,
  grid: true,
  nice: true,
  domain: [0, max > 0 ? max * 1.05 : 1],
});

/** When an interval ended, as the tips say it. */
function at(ctx: ChartContext, tS: number): string {
  return `${+(tS / ctx.time.factor).toFixed(2)} ${ctx.time.unit}`;
}

/** Arrivals per second in each interval, stacked by metro. */
export function demandChart(ctx: ChartContext, design: Design, width: number): Element {
  const f = ctx.time.factor;
  const sources = design.run.series.sources;
  const rows = sources.flatMap((s, k) => {
    const label = sourceLabel(ctx.simulation, s);
    return steps(
      design,
      design.figures.arrivalsPerS[k] ?? [],
      label,
      ctx.sourceColor.get(label) ?? '#999',
      f,
    );
  });
  const intervals = design.run.series.t.map((t, i) => ({
    t: t / f,
    total: design.figures.arrivalsPerS.reduce((sum, s) => sum + (s[i] ?? 0), 0),
    text: [
      `interval ending at ${at(ctx, t)}`,
      ...sources.map(
        (s, k) =>
          `${sourceLabel(ctx.simulation, s)}: ${Math.round(design.figures.arrivalsPerS[k]?.[i] ?? 0)} requests/s`,
      ),
    ].join('\n'),
  }));
  return Plot.plot({
    ...base(ctx, width, 190, `Demand over time: arrivals per second stacked by metro, ${design.id}`),
    y: yAxis('arrivals (requests/s)', ctx.max.arrivalsPerS),
    marks: [
      Plot.areaY(rows, {
        x: 't',
        y: 'value',
        z: 'key',
        fill: 'color',
        order: [...ctx.sourceColor.keys()],
        curve: 'step-before',
        fillOpacity: 0.85,
        className: 'sim-demand',
      }),
      Plot.ruleY([0]),
      Plot.tip(intervals, Plot.pointerX({ x: 't', y: 'total', title: 'text' })),
    ],
  });
}

/** p99 per metro in each interval, the budget as a red rule, the intervals over it shaded and dotted. */
export function p99Chart(ctx: ChartContext, design: Design, width: number): Element {
  const f = ctx.time.factor;
  const { series, summary } = design.run;
  const budgetOf = (s: SourceSeries) =>
    summary.sources.find((x) => x.request === s.request && x.metro === s.metro)?.budgetP99Ms;
  const lines = series.sources.flatMap((s) => {
    const label = sourceLabel(ctx.simulation, s);
    return steps(design, s.p99Ms, label, ctx.sourceColor.get(label) ?? '#999', f);
  });
  const over = series.sources.flatMap((s, k) =>
    series.t
      .map((t, i) => ({
        t: t / f,
        p99Ms: s.p99Ms[i] ?? Number.NaN,
        over: design.figures.overBudget[k]?.[i] === true,
        text: `${sourceLabel(ctx.simulation, s)} at ${at(ctx, t)}: p99 ${ms(s.p99Ms[i])} ms, over its budget of ${ms(budgetOf(s))} ms`,
      }))
      .filter((p) => p.over),
  );
  const bands = series.t
    .map((t, i) => ({
      x1: (t - (design.figures.intervalS[i] ?? 0)) / f,
      x2: t / f,
      over: design.figures.overBudget.some((o) => o[i] === true),
    }))
    .filter((b) => b.over);
  const budgets = [
    ...new Map(
      series.sources
        .map((s) => ({ request: s.request, budget: budgetOf(s) }))
        .filter((b): b is { request: string; budget: number } => b.budget !== undefined)
        .map((b) => [b.budget, b]),
    ).values(),
  ];
  const several = new Set(series.sources.map((s) => s.request)).size > 1;
  const intervals = series.t.map((t, i) => ({
    t: t / f,
    top: Math.max(0, ...series.sources.map((s) => s.p99Ms[i] ?? 0)),
    text: [
      `interval ending at ${at(ctx, t)}`,
      ...series.sources.map((s) => `${sourceLabel(ctx.simulation, s)}: p99 ${ms(s.p99Ms[i])} ms`),
    ].join('\n'),
  }));
  return Plot.plot({
    ...base(ctx, width, 190, `p99 latency per metro over time against its budget, ${design.id}`),
    y: yAxis('p99 (ms)', ctx.max.p99Ms),
    marks: [
      Plot.rect(bands, { x1: 'x1', x2: 'x2', fill: OVER, fillOpacity: 0.09, className: 'sim-over-band' }),
      Plot.ruleY([0]),
      Plot.line(lines, {
        x: 't',
        y: 'value',
        z: 'key',
        stroke: 'color',
        curve: 'step-before',
        strokeWidth: 1.6,
      }),
      Plot.ruleY(budgets, {
        y: 'budget',
        stroke: OVER,
        strokeWidth: 1.5,
        strokeDasharray: '5,3',
        className: 'sim-budget',
      }),
      Plot.text(budgets, {
        y: 'budget',
        x: ctx.time.endS / f,
        text: (b: { request: string; budget: number }) =>
          `p99 budget ${ms(b.budget)} ms${several ? ` (${b.request})` : ''}`,
        textAnchor: 'end',
        dy: -6,
        fill: OVER,
        stroke: 'white',
        strokeWidth: 3,
        paintOrder: 'stroke',
      }),
      Plot.dot(over, { x: 't', y: 'p99Ms', r: 2.6, fill: OVER, title: 'text', className: 'sim-over' }),
      Plot.tip(intervals, Plot.pointerX({ x: 't', y: 'top', title: 'text' })),
    ],
  });
}

/** Instances in service per pool, stacked, and above them those still launching (every pool). */
export function instancesChart(ctx: ChartContext, design: Design, width: number): Element {
  const f = ctx.time.factor;
  const pools = design.run.series.pools;
  const launching = design.run.series.t.map((_, i) =>
    pools.reduce((sum, p) => sum + (p.launching[i] ?? 0), 0),
  );
  const rows = [
    ...pools.flatMap((p) => steps(design, p.instances, p.id, ctx.poolColor.get(p.id) ?? '#999', f)),
    ...(launching.some((n) => n > 0) ? steps(design, launching, LAUNCHING, LAUNCHING_COLOR, f) : []),
  ];
  const intervals = design.run.series.t.map((t, i) => {
    const total = pools.reduce((sum, p) => sum + (p.instances[i] ?? 0), 0);
    const up = launching[i] ?? 0;
    return {
      t: t / f,
      top: total + up,
      text: [
        `at ${at(ctx, t)}: ${total} in service${up > 0 ? `, ${up} launching` : ''}`,
        ...pools
          .filter((p) => (p.instances[i] ?? 0) + (p.launching[i] ?? 0) > 0)
          .map((p) => `${p.id}: ${p.instances[i]}${p.launching[i] ? ` (+${p.launching[i]} launching)` : ''}`),
      ].join('\n'),
    };
  });
  return Plot.plot({
    ...base(ctx, width, 190, `Instances per pool over time, and those launching, ${design.id}`),
    y: yAxis('instances', ctx.max.instances),
    marks: [
      Plot.areaY(rows, {
        x: 't',
        y: 'value',
        z: 'key',
        fill: 'color',
        order: [...pools.map((p) => p.id), LAUNCHING],
        curve: 'step-before',
        className: 'sim-instances',
      }),
      Plot.ruleY([0]),
      Plot.tip(intervals, Plot.pointerX({ x: 't', y: 'top', title: 'text' })),
    ],
  });
}

/** Cost: cumulative above, per interval below, on the same time axis. */
export function costChart(ctx: ChartContext, design: Design, width: number): Element {
  const f = ctx.time.factor;
  const { t, costUsd } = design.run.series;
  const usd = (v: number) => `$${v.toFixed(v < 10 ? 3 : 2)}`;
  const cumulative = [
    { t: 0, usd: 0 },
    ...t.map((time, i) => ({ t: time / f, usd: design.figures.cumulativeCostUsd[i] ?? 0 })),
  ];
  const bars = t.map((time, i) => ({
    x1: (time - (design.figures.intervalS[i] ?? 0)) / f,
    x2: time / f,
    usd: costUsd[i] ?? 0,
    text: `interval ending at ${at(ctx, time)}: ${usd(costUsd[i] ?? 0)}; ${usd(design.figures.cumulativeCostUsd[i] ?? 0)} so far`,
  }));
  const top = Plot.plot({
    ...base(ctx, width, 115, `Cumulative cost over time, ${design.id}`),
    marginBottom: 10,
    x: { ...base(ctx, width, 0, '').x, axis: null },
    y: { ...yAxis('cumulative (USD)', ctx.max.cumulativeUsd), ticks: 4 },
    marks: [
      Plot.areaY(cumulative, { x: 't', y: 'usd', fill: '#1f4e8c', fillOpacity: 0.1 }),
      Plot.line(cumulative, {
        x: 't',
        y: 'usd',
        stroke: '#1f4e8c',
        strokeWidth: 1.8,
        className: 'sim-cumulative',
      }),
      Plot.ruleY([0]),
      Plot.tip(
        cumulative,
        Plot.pointerX({
          x: 't',
          y: 'usd',
          title: (c: { t: number; usd: number }) => `${usd(c.usd)} by ${+c.t.toFixed(2)} ${ctx.time.unit}`,
        }),
      ),
    ],
  });
  const bottom = Plot.plot({
    ...base(ctx, width, 100, `Cost per interval over time, ${design.id}`),
    marginTop: 18,
    y: { ...yAxis('per interval (USD)', ctx.max.intervalUsd), ticks: 3 },
    marks: [
      Plot.rectY(bars, {
        x1: 'x1',
        x2: 'x2',
        y: 'usd',
        fill: '#8aa6c8',
        insetLeft: 0.5,
        className: 'sim-interval-cost',
      }),
      Plot.ruleY([0]),
      Plot.tip(bars, Plot.pointerX({ x1: 'x1', x2: 'x2', y: 'usd', title: 'text' })),
    ],
  });
  return h('div', { class: 'sim-cost' }, top, bottom);
}

/** `color` mixed with `other` (both #rrggbb) by `share` of `other`. */
function mix(color: string, other: string, share: number): string {
  const rgb = (c: string) => [1, 3, 5].map((i) => Number.parseInt(c.slice(i, i + 2), 16));
  const [a, b] = [rgb(color), rgb(other)];
  return `#${a
    .map((v, i) =>
      Math.round(v * (1 - share) + (b[i] as number) * share)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}
