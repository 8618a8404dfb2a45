/**
 * Two designs side by side (`footprint report A --against B -o`), first on the page: which design
 * holds its latency budgets, then per request and metro the p99 of each and B minus A coloured
 * better or worse, what moved, each design's decision summary, the findings and expected figures
 * that appear or disappear, and the cost when both carry one. Every figure is the comparison's
 * (src/report/compare.ts), carried in `data-ms` / `data-delta-ms` for tests.
 */
import './compare.css';
import { h } from '../dom.js';
import { placementSwitch } from '../map/services.js';
import type { ComparisonPagePart, PageReport } from '../report.js';
import { ms } from '../rtt.js';
import { defineView } from '../view.js';
import { comparedExpectations, comparedFindings } from './compare-details.js';
import { decisionBlocks } from './decisions.js';

type Comparison = ComparisonPagePart['comparison'];
type Budget = Comparison['budgets'][number];

/** A difference B minus A: its sign, coloured better (B lower) or worse (B higher). */
export function delta(deltaMs: number | null, role: string): HTMLElement {
  if (deltaMs === null) return h('span', { class: 'delta none', 'data-role': role }, '–');
  const text = ms(Math.abs(deltaMs));
  const same = Number(text) === 0;
  const better = deltaMs < 0;
  return h(
    'span',
    {
      class: `delta ${same ? 'same' : better ? 'better' : 'worse'}`,
      'data-role': role,
      'data-delta-ms': deltaMs,
    },
    same ? '0 ms' : `${better ? '−' : '+'}${text} ms`,
    same ? null : h('span', { class: 'delta-word' }, better ? ' B faster' : ' B slower'),
  );
}

function metroName(metro: string): string {
  return metro.replace(/^metro:/, '');
}

/** Design A's and B's name with its letter, as the header and the columns show them. */
export function designName(letter: 'a' | 'b', name: string): HTMLElement {
  return h(
    'span',
    { class: `design-name design-${letter}` },
    h('span', { class: 'design-letter' }, letter.toUpperCase()),
    ` ${name}`,
  );
}

function verdictLine(c: Comparison): HTMLElement {
  const total = (side: 'a' | 'b') => c.budgets.filter((x) => x[side] !== null).length;
  const chip = (side: 'a' | 'b') => {
    const held = c.budgetsHeld[side];
    const of = total(side);
    return h(
      'span',
      { class: `verdict ${held === of ? 'ok' : 'fail'}`, 'data-design': side },
      `${side.toUpperCase()}: ${held} of ${of} latency budgets hold`,
    );
  };
  const fixed = c.budgets.filter((x) => x.verdictChange === 'fixed').length;
  const broken = c.budgets.filter((x) => x.verdictChange === 'broken').length;
  const changes = [
    fixed > 0 ? `${fixed} held in B only` : null,
    broken > 0 ? `${broken} broken in B only` : null,
  ].filter((x): x is string => x !== null);
  return h(
    'p',
    { class: 'compare-verdict' },
    chip('a'),
    chip('b'),
    h('span', {}, changes.length > 0 ? changes.join(', ') : 'no verdict changes'),
    c.costUsdPerHour
      ? h(
          'span',
          { class: 'compare-cost', 'data-delta-usd': c.costUsdPerHour.deltaUsd },
          `instances: ${c.costUsdPerHour.a.toFixed(2)} USD/h in A, ${c.costUsdPerHour.b.toFixed(2)} in B (${c.costUsdPerHour.deltaUsd >= 0 ? '+' : '−'}${Math.abs(c.costUsdPerHour.deltaUsd).toFixed(2)})`,
        )
      : null,
  );
}

function sideCell(side: Budget['a'], letter: 'A' | 'B'): HTMLElement {
  if (!side) return h('td', { class: 'num', 'data-label': `p99 ${letter}` }, '–');
  return h(
    'td',
    { class: 'num', 'data-label': `p99 ${letter}` },
    h('span', { class: 'figure', 'data-ms': side.p99Ms }, `${ms(side.p99Ms)} ms`),
    ' ',
    h(
      'span',
      { class: `status ${side.held ? 'ok' : 'fail'}` },
      side.held ? 'held' : `over ${ms(-side.marginMs)}`,
    ),
  );
}

function budgetTable(c: Comparison): HTMLElement {
  return h(
    'table',
    { class: 'compare-budgets' },
    h(
      'caption',
      {},
      'Latency per request and metro, p99 of each design and B minus A (negative: B is faster), the largest improvement first',
    ),
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, 'request · users in'),
        h('th', { scope: 'col', class: 'num' }, 'p99 A'),
        h('th', { scope: 'col', class: 'num' }, 'p99 B'),
        h('th', { scope: 'col', class: 'num' }, 'Δ p99'),
        h('th', { scope: 'col', class: 'num' }, 'Δ p50'),
      ),
    ),
    h(
      'tbody',
      {},
      c.budgets.map((x) =>
        h(
          'tr',
          {
            'data-request': x.request,
            'data-metro': x.metro,
            'data-verdict-change': x.verdictChange ?? undefined,
          },
          h(
            'th',
            { scope: 'row' },
            `${x.request} · ${metroName(x.metro)}`,
            x.verdictChange
              ? h(
                  'span',
                  { class: `status ${x.verdictChange === 'fixed' ? 'ok' : 'fail'}` },
                  x.verdictChange === 'fixed' ? 'held in B only' : 'broken in B only',
                )
              : null,
          ),
          sideCell(x.a, 'A'),
          sideCell(x.b, 'B'),
          h('td', { class: 'num', 'data-label': 'Δ p99' }, delta(x.p99DeltaMs, 'p99')),
          h('td', { class: 'num', 'data-label': 'Δ p50' }, delta(x.p50DeltaMs, 'p50')),
        ),
      ),
    ),
  );
}

function movesBlock(part: ComparisonPagePart, report: PageReport): HTMLElement | null {
  const { moves, placesOnlyIn } = part;
  if (moves.length === 0 && placesOnlyIn.a.length + placesOnlyIn.b.length === 0) return null;
  const list = (ids: readonly string[]) => (ids.length > 0 ? ids.join(', ') : 'not run');
  return h(
    'div',
    { class: 'compare-moves' },
    h('h3', {}, 'What moved'),
    placementSwitch(report),
    moves.length > 0
      ? h(
          'ul',
          {},
          moves.map((m) =>
            h('li', { 'data-service': m.service }, h('code', {}, m.service), `: ${list(m.a)} → ${list(m.b)}`),
          ),
        )
      : null,
    placesOnlyIn.a.length > 0
      ? h('p', { 'data-only': 'a' }, `Places in A only (ringed on the map): ${placesOnlyIn.a.join(', ')}`)
      : null,
    placesOnlyIn.b.length > 0
      ? h('p', { 'data-only': 'b' }, `Places in B only (ringed on the map): ${placesOnlyIn.b.join(', ')}`)
      : null,
  );
}

function sides(part: ComparisonPagePart, report: PageReport): HTMLElement {
  const column = (letter: 'a' | 'b', design: PageReport) =>
    h(
      'div',
      { class: `compare-side side-${letter}`, 'data-design': letter },
      h('h3', {}, designName(letter, design.estate.name)),
      design.estate.files.length > 0 ? h('p', { class: 'muted' }, design.estate.files.join(' ← ')) : null,
      decisionBlocks(design.decisions, design),
    );
  return h('div', { class: 'compare-sides' }, column('a', report), column('b', part.b));
}

export const compareView = defineView({
  id: 'comparison',
  title: 'Design A against design B',
  needs: 'comparison',
  slot: 'lead',
  caption:
    'What changes from A to B: every difference is B minus A, green where B is faster, red where slower. The map and the sections below show design A; the buttons switch the services on the map to B.',
  render: (part: ComparisonPagePart, page) =>
    h(
      'div',
      { class: 'comparison' },
      verdictLine(part.comparison),
      part.comparison.budgets.length > 0 ? budgetTable(part.comparison) : null,
      movesBlock(part, page.report),
      sides(part, page.report),
      comparedFindings(part.comparison),
      comparedExpectations(part.comparison),
    ),
});
