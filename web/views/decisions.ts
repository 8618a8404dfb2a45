/**
 * The decision summary, first on the page (`decisions` of `footprint report --json`): each latency
 * budget per request and metro, held or broken and by how many ms; the lint finding that costs the
 * most ms; and what the proposed placement changes per metro, p99 today -> proposed, with the
 * headline latency it optimises. Every figure is the JSON's, carried in `data-ms` for tests.
 */
import { h } from '../dom.js';
import { placementSwitch } from '../map/services.js';
import type { PageReport } from '../report.js';
import { ms } from '../rtt.js';
import { defineView } from '../view.js';

type Decisions = PageReport['decisions'];
type PlacementPart = NonNullable<Decisions['placement']>;

/** A figure: its text as the text report prints it, its exact value in `data-ms`. */
function figure(value: number, role: string): HTMLElement {
  return h('span', { class: 'figure', 'data-role': role, 'data-ms': value }, `${ms(value)} ms`);
}

function metroName(metro: string): string {
  return metro.replace(/^metro:/, '');
}

function budgetsBlock(d: Decisions): HTMLElement | null {
  if (d.budgets.length === 0) return null;
  const held = d.budgets.filter((b) => b.held).length;
  return h(
    'div',
    { class: 'decision decision-budgets' },
    h(
      'h3',
      {},
      h(
        'span',
        { class: `verdict ${held === d.budgets.length ? 'ok' : 'fail'}` },
        `${held} of ${d.budgets.length} latency budgets hold`,
      ),
    ),
    h(
      'ul',
      {},
      d.budgets.map((b) =>
        h(
          'li',
          { 'data-request': b.request, 'data-metro': b.metro, class: b.held ? 'held' : 'broken' },
          h('span', { class: `status ${b.held ? 'ok' : 'fail'}` }, b.held ? 'held' : 'broken'),
          ` ${b.request} · ${metroName(b.metro)}: p99 `,
          figure(b.p99Ms, 'p99'),
          b.p99BudgetMs !== null ? ` against ≤ ${b.p99BudgetMs} ms` : '',
          b.p50BudgetMs !== null ? ` (p50 ≤ ${b.p50BudgetMs} ms)` : '',
          b.held ? ', spare ' : ', over by ',
          figure(Math.abs(b.marginMs), 'margin'),
        ),
      ),
    ),
  );
}

function findingBlock(d: Decisions): HTMLElement {
  const w = d.worstFinding;
  const total = d.findings.errors + d.findings.warnings + d.findings.notes;
  if (!w)
    return h(
      'div',
      { class: 'decision decision-finding' },
      h('h3', {}, 'Costliest lint finding'),
      h(
        'p',
        { class: 'muted' },
        total === 0 ? 'No findings.' : `${total} finding${total === 1 ? '' : 's'}, none costed in ms.`,
      ),
    );
  return h(
    'div',
    { class: 'decision decision-finding', 'data-rule': w.rule },
    h('h3', {}, 'Costliest lint finding'),
    h(
      'p',
      {},
      h('span', { class: `status ${w.severity === 'error' ? 'fail' : 'warn'}` }, w.severity),
      ' ',
      h('code', {}, w.rule),
      ' costs ',
      figure(w.costMs, 'cost'),
      `: ${w.message}`,
    ),
    h('p', { class: 'muted' }, `Fix: ${w.fix}`),
  );
}

/** A cost: its text, its exact value in `data-usd`. */
function usd(value: number, role: string): HTMLElement {
  return h('span', { class: 'figure', 'data-role': role, 'data-usd': value }, `${value.toFixed(2)} USD/h`);
}

/**
 * What the design's instances cost an hour; with a placement its block says it (today and proposed)
 * on the headline's line, so that the summary keeps the map in the first screen.
 */
function costBlock(d: Decisions): HTMLElement | null {
  if (!d.cost || d.cost.instances === 0 || d.placement?.proposed) return null;
  return h(
    'div',
    { class: 'decision decision-cost' },
    h('h3', {}, 'Instance cost'),
    h(
      'p',
      {},
      usd(d.cost.usdPerHour, 'cost-design'),
      ` for ${d.cost.instances} instances as placed, at the placement's price per instance-hour by kind of place (the estate's placement.instanceHourUsd, else illustrative defaults)`,
    ),
  );
}

function placementBlock(p: PlacementPart, report: PageReport): HTMLElement {
  if (!p.proposed)
    return h(
      'div',
      { class: 'decision decision-placement' },
      h('h3', {}, 'Placement'),
      h('p', {}, 'No placement proposed: see the placement section for why.'),
    );
  return h(
    'div',
    { class: 'decision decision-placement' },
    h('h3', {}, 'What the proposed placement changes'),
    placementSwitch(report),
    h(
      'p',
      { class: 'headline-latency' },
      'Users-weighted mean latency ',
      figure(p.latencyMs.today, 'latency-today'),
      ' today → ',
      figure(p.latencyMs.proposed, 'latency-proposed'),
      ' proposed; instance cost ',
      usd(p.costUsdPerHour.today, 'cost-today'),
      ' → ',
      usd(p.costUsdPerHour.proposed, 'cost-proposed'),
      h(
        'span',
        { class: 'muted' },
        " (latency: each request's mean-based latency per metro, weighted by the metro's share of its users; the placement table's last row)",
      ),
    ),
    p.moves.length > 0
      ? h(
          'ul',
          { class: 'moves' },
          p.moves.map((m) =>
            h(
              'li',
              { 'data-service': m.service },
              `${m.service}: ${m.today.join(', ')} → ${m.proposed.join(', ')}`,
            ),
          ),
        )
      : null,
    h(
      'ul',
      { class: 'metro-changes' },
      p.metros.map((m) =>
        h(
          'li',
          { 'data-request': m.request, 'data-metro': m.metro },
          `${m.request} · ${metroName(m.metro)}: p99 `,
          figure(m.p99TodayMs, 'p99-today'),
          ' → ',
          figure(m.p99ProposedMs, 'p99-proposed'),
          m.p99BudgetMs !== null
            ? h(
                'span',
                { class: `status ${m.heldProposed ? 'ok' : 'fail'}` },
                m.heldProposed ? 'holds' : 'breaks',
              )
            : null,
        ),
      ),
    ),
  );
}

/** The summary's blocks: budgets, the costliest finding, and the placement when there is one. */
export function decisionBlocks(d: Decisions, report: PageReport): HTMLElement {
  return h(
    'div',
    { class: 'decisions' },
    budgetsBlock(d),
    findingBlock(d),
    d.placement ? placementBlock(d.placement, report) : null,
    costBlock(d),
  );
}

export const decisionsView = defineView({
  id: 'decisions',
  title: 'Decisions',
  needs: 'decisions',
  slot: 'lead',
  caption:
    'What this report says to decide: each latency budget held or broken and by how much, the lint finding that costs the most, and what the proposed placement changes.',
  render: (d: Decisions, page) => decisionBlocks(d, page.report),
});
