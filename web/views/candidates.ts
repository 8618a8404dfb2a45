/**
 * Users' metros against every candidate place (`candidates` of the report): a row per metro, a
 * column per candidate, best first; each cell the metro's RTT to the candidate and, against the
 * budgets, the p99 of its worst budgeted request were the services that may move there, coloured
 * held, tight or broken. Hovering or focusing a column (or a cell) draws its users' arcs on the map.
 * Every figure is the JSON's, carried in data attributes for tests.
 */
import './candidates.css';
import { h } from '../dom.js';
import type { PageReport } from '../report.js';
import { ms, percent } from '../rtt.js';
import type { MapRoute, Page } from '../view.js';
import { defineView } from '../view.js';

type Candidates = PageReport['candidates'];
type Column = Candidates['columns'][number];
type Cell = Candidates['rows'][number]['cells'][number];

const KIND_NAMES: Record<string, string> = {
  region: 'region',
  az: 'AZ',
  'local-zone': 'Local Zone',
  site: 'site',
  subnet: 'subnet',
};

/** The map's key for a candidate's arcs: every metro's route to it highlights together. */
export function candidateKey(id: string): string {
  return `candidate:${id}`;
}

/** The budgets the metros' users have, in words: `event-page p99 ≤ 100 ms`. */
function budgetNames(part: Candidates): string[] {
  const names = new Set<string>();
  for (const row of part.rows)
    for (const b of row.cells[0]?.budgets ?? [])
      names.add(
        [
          b.request,
          b.p99BudgetMs !== null ? `p99 ≤ ${b.p99BudgetMs} ms` : '',
          b.p50BudgetMs !== null ? `p50 ≤ ${b.p50BudgetMs} ms` : '',
        ]
          .filter((x) => x !== '')
          .join(' '),
      );
  return [...names];
}

function columnHeader(c: Column, page: Page): HTMLElement {
  const key = candidateKey(c.id);
  const total = c.held + c.tight + c.broken;
  const on = () => page.highlight(key);
  const off = () => page.highlight(undefined);
  return h(
    'th',
    { scope: 'col', 'data-candidate': c.id, class: c.estate ? 'own' : 'catalog' },
    h(
      'button',
      {
        type: 'button',
        class: 'candidate-col',
        'data-candidate': c.id,
        title: `${c.id}: show its users' RTT on the map`,
        onmouseenter: on,
        onfocus: on,
        onmouseleave: off,
        onblur: off,
      },
      h('span', { class: 'candidate-id' }, c.id),
      h(
        'span',
        { class: 'candidate-kind' },
        `${KIND_NAMES[c.kind] ?? c.kind}${c.estate ? '' : ' · catalog'}`,
      ),
      total > 0
        ? h(
            'span',
            { class: `candidate-held ${c.broken > 0 ? 'broken' : c.tight > 0 ? 'tight' : 'held'}` },
            `${c.held + c.tight}/${total} hold`,
          )
        : null,
    ),
  );
}

/** The cell's worst budget: the one with the least to spare. */
function worst(cell: Cell): Cell['budgets'][number] | undefined {
  return [...cell.budgets].sort((a, b) => a.marginMs - b.marginMs)[0];
}

function cellOf(cell: Cell, c: Column, metro: string, page: Page): HTMLElement {
  const w = worst(cell);
  const verdict = cell.verdict ?? 'none';
  const key = candidateKey(c.id);
  return h(
    'td',
    {
      class: `candidate-cell verdict-${verdict}`,
      'data-candidate': c.id,
      'data-metro': metro,
      'data-verdict': verdict,
      'data-rtt-ms': cell.rttMs,
      'data-p99-ms': w?.p99Ms,
      title: w
        ? `${metro} → ${c.id}: RTT ${ms(cell.rttMs)} ms; ${w.request} p99 ${ms(w.p99Ms)} ms with the movable services there, ${w.marginMs >= 0 ? `${ms(w.marginMs)} ms to spare` : `over by ${ms(-w.marginMs)} ms`}${w.rttAlone ? ' (the RTT alone is over the budget)' : ''}`
        : `${metro} → ${c.id}: RTT ${ms(cell.rttMs)} ms`,
      onmouseenter: () => page.highlight(key),
      onmouseleave: () => page.highlight(undefined),
    },
    h('span', { class: 'cell-rtt' }, `${ms(cell.rttMs)} ms`),
    w
      ? h(
          'span',
          { class: 'cell-p99' },
          `p99 ${ms(w.p99Ms)}`,
          h('span', { class: 'cell-verdict' }, ` ${w.rttAlone ? 'RTT over' : verdict}`),
        )
      : null,
  );
}

export const candidatesView = defineView({
  id: 'candidates',
  title: 'Metros against candidates',
  needs: 'candidates',
  slot: 'main',
  wide: true,
  caption:
    "Each users' metro (row) against each place the services could be served from (column), best first: the metro's RTT, and the p99 of its worst budgeted request with every service that is not pinned there. Hover or focus a column to see it on the map.",
  render(part, page) {
    const budgets = budgetNames(part);
    const tight = Math.round(part.tightShare * 100);
    const left = [
      part.leftOut > 0 ? `${part.leftOut} farther from the users left out` : '',
      part.unreachable > 0 ? `${part.unreachable} from which a call has no path left out` : '',
    ].filter((x) => x !== '');
    return h(
      'div',
      { class: 'candidates' },
      h(
        'p',
        { class: 'candidates-rule muted' },
        `Candidates: ${part.rule}${left.length > 0 ? ` (${left.join('; ')})` : ''}; p99 of ${part.samples.toLocaleString('en-US')} draws per request and metro.`,
      ),
      h(
        'table',
        { class: 'candidates-table' },
        h(
          'caption',
          { class: 'candidates-budget' },
          budgets.length > 0 ? `Budget: ${budgets.join('; ')}` : 'No budget: RTT only',
        ),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', class: 'corner' }, "users' metro · share"),
            part.columns.map((c) => columnHeader(c, page)),
          ),
        ),
        h(
          'tbody',
          {},
          part.rows.map((row) =>
            h(
              'tr',
              { 'data-metro': row.metro },
              h('th', { scope: 'row' }, `${row.name} · ${percent(row.share)}`),
              row.cells.map((cell, i) => cellOf(cell, part.columns[i] as Column, row.metro, page)),
            ),
          ),
        ),
      ),
      h(
        'p',
        { class: 'candidates-legend muted' },
        h('span', { class: 'swatch-verdict verdict-held' }, 'held'),
        ' the budget holds · ',
        h('span', { class: 'swatch-verdict verdict-tight' }, 'tight'),
        ` holds with under ${tight} % of it to spare · `,
        h('span', { class: 'swatch-verdict verdict-broken' }, 'broken'),
        ' over it (RTT over: the RTT alone is) · catalog: a place the estate does not use yet',
      ),
    );
  },
  routes(part): MapRoute[] {
    return part.columns.flatMap((c, i) =>
      part.rows.map((row) => ({
        id: `${candidateKey(c.id)}:${row.metro}`,
        key: candidateKey(c.id),
        transient: true,
        group: 'Users to a candidate',
        label: `${row.name} → ${c.id}`,
        steps: [
          { place: row.metro, rttMs: 0 },
          { place: c.id, rttMs: row.cells[i]?.rttMs ?? 0 },
        ],
        style: 'path' as const,
      })),
    );
  },
});
