/**
 * Where each service should run (`footprint report FILE --place`): the objective today and
 * proposed, each service's places today and proposed, and each request's p50/p99 per metro in both
 * against its budget; when no placement meets the rules, why.
 */
import { h } from '../dom.js';
import { placementSwitch } from '../map/services.js';
import type { PageReport } from '../report.js';
import { ms } from '../rtt.js';
import { defineView } from '../view.js';
import { placeButton } from './place.js';

type Placement = NonNullable<PageReport['placement']>;

function objectiveLine(p: Placement): string {
  const o = p.objective;
  const fmt = (v: number) =>
    o.unit === 'ms' ? `${ms(v)} ms` : o.unit === 'USD/h' ? `${v.toFixed(2)} USD/h` : `${v.toFixed(3)}x`;
  if (o.foundBy === 'today')
    return `${o.kind}: ${fmt(o.today)} today; ${p.infeasible.length > 0 ? 'no placement proposed' : 'every service stays'}`;
  const how =
    o.status === 'optimal'
      ? `${o.scope === 'candidates' ? 'optimal among the candidates considered' : 'proven optimal'} (${p.solver.name})`
      : o.status === 'recheck-limit'
        ? "best found, not proven: the evaluator's re-checks ran out"
        : `${o.status.replace('-', ' ')}, gap ${((o.gap ?? 0) * 100).toFixed(2)} %`;
  const name =
    o.kind === 'latency'
      ? 'users-weighted mean latency (the last row of the table below)'
      : o.kind === 'cost'
        ? 'instance cost'
        : 'latency and cost, each relative to today';
  return `${name}: ${fmt(o.today)} today → ${fmt(o.proposed)} proposed; ${how}`;
}

/**
 * The table's last row: the weighted sum of its mean-based column, which is the headline latency
 * (`objective.latencyMs`): the users-weighted mean, each request once.
 */
function weightedRow(p: Placement): HTMLElement {
  const l = p.objective.latencyMs;
  return h(
    'tfoot',
    {},
    h(
      'tr',
      { class: 'weighted' },
      h(
        'th',
        { colspan: 8, scope: 'row' },
        "users-weighted mean (each row's mean-based latency × its weight)",
      ),
      h('td', { class: 'num', 'data-ms': l.today }, ms(l.today)),
      h('td', { class: 'num strong', 'data-ms': l.proposed }, ms(l.proposed)),
      h('td', { class: 'num' }, '1'),
    ),
  );
}

/** The instance cost today and proposed (the placement computes both, whatever it minimises). */
function costLine(p: Placement): HTMLElement | null {
  const o = p.objective;
  if (o.foundBy === 'today') return null;
  const c = o.costUsdPerHour;
  const change = c.today > 0 ? Math.round(((c.proposed - c.today) / c.today) * 100) : 0;
  return h(
    'p',
    { class: 'placement-cost' },
    'Instance cost: ',
    h(
      'span',
      { class: 'figure', 'data-usd': c.today, 'data-role': 'cost-today' },
      `${c.today.toFixed(2)} USD/h`,
    ),
    ' today → ',
    h(
      'span',
      { class: 'figure strong', 'data-usd': c.proposed, 'data-role': 'cost-proposed' },
      `${c.proposed.toFixed(2)} USD/h`,
    ),
    ` proposed (${change > 0 ? '+' : ''}${change} %), each service's fleet split evenly over its places, at the price per instance-hour of each kind of place`,
  );
}

export const placementView = defineView({
  id: 'placement',
  title: 'Placement: where each service should run',
  needs: 'placement',
  slot: 'main',
  wide: true,
  caption:
    'The placement `footprint place` recommends, and what the evaluator predicts for each request and metro today and with it.',
  render(p: Placement, page) {
    const statusCell = (ok: boolean, budgeted: boolean) =>
      budgeted ? h('span', { class: `status ${ok ? 'ok' : 'fail'}` }, ok ? 'ok' : 'FAIL') : '';
    return h(
      'div',
      {},
      h('p', { class: `verdict ${p.feasible ? 'ok' : 'fail'}` }, objectiveLine(p)),
      costLine(p),
      placementSwitch(page.report),
      p.infeasible.length > 0
        ? h(
            'ul',
            { class: 'infeasible' },
            p.infeasible.map((r) => h('li', { 'data-kind': r.kind }, r.message)),
          )
        : null,
      h(
        'table',
        { class: 'placement-services' },
        h(
          'thead',
          {},
          h('tr', {}, h('th', {}, 'service'), h('th', {}, 'today'), h('th', {}, 'proposed'), h('th', {}, '')),
        ),
        h(
          'tbody',
          {},
          p.services.map((s) =>
            h(
              'tr',
              { 'data-service': s.service, class: s.moved ? 'moved' : '' },
              h('td', {}, s.service),
              h(
                'td',
                {},
                s.today.map((x) => h('span', {}, placeButton(page, x.place), ` ×${x.instances} `)),
              ),
              h(
                'td',
                {},
                p.objective.foundBy === 'today' && p.infeasible.length > 0
                  ? '–'
                  : s.proposed.map((x) => h('span', {}, placeButton(page, x.place), ` ×${x.instances} `)),
              ),
              h('td', { class: 'muted' }, s.pinned ? 'pinned' : s.moved ? 'moves' : 'stays'),
            ),
          ),
        ),
      ),
      h(
        'table',
        { class: 'placement-budgets' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', {}, 'request · users in'),
            h('th', { class: 'num' }, 'p50 today'),
            h('th', { class: 'num' }, 'p99 today'),
            h('th', {}, ''),
            h('th', { class: 'num' }, 'p50 proposed'),
            h('th', { class: 'num' }, 'p99 proposed'),
            h('th', {}, ''),
            h('th', { class: 'num' }, 'p99 budget'),
            h('th', { class: 'num', title: 'the placement model: mean-based latency' }, 'mean-based today'),
            h('th', { class: 'num' }, 'mean-based proposed'),
            h('th', { class: 'num' }, 'weight'),
          ),
        ),
        h(
          'tbody',
          {},
          p.budgets.map((b) => {
            const budgeted = b.p99BudgetMs !== null || b.p50BudgetMs !== null;
            return h(
              'tr',
              { 'data-metro': b.metro },
              h('td', {}, `${b.request} · ${b.metro.replace(/^metro:/, '')}`),
              h('td', { class: 'num' }, ms(b.today.p50Ms)),
              h('td', { class: 'num' }, ms(b.today.p99Ms)),
              h('td', {}, statusCell(b.today.ok, budgeted)),
              h('td', { class: 'num strong' }, ms(b.proposed.p50Ms)),
              h('td', { class: 'num strong' }, ms(b.proposed.p99Ms)),
              h('td', {}, statusCell(b.proposed.ok, budgeted)),
              h('td', { class: 'num' }, b.p99BudgetMs === null ? '–' : `≤ ${b.p99BudgetMs}`),
              h('td', { class: 'num', 'data-ms': b.todayModelMs }, ms(b.todayModelMs)),
              h('td', { class: 'num strong', 'data-ms': b.modelMs }, ms(b.modelMs)),
              h('td', { class: 'num' }, b.weight.toFixed(3)),
            );
          }),
        ),
        weightedRow(p),
      ),
      p.notes.length > 0
        ? h(
            'ul',
            { class: 'notes muted' },
            p.notes.map((n) => h('li', {}, n)),
          )
        : null,
    );
  },
});
