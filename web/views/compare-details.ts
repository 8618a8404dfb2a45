/**
 * The comparison's details (web/views/compare.ts): the lint findings one design has and the other
 * not, and the expected figures whose RTT or verdict differs between the two.
 */
import { h } from '../dom.js';
import type { ComparisonPagePart } from '../report.js';
import { ms } from '../rtt.js';
import { delta } from './compare.js';

type Comparison = ComparisonPagePart['comparison'];
type Finding = Comparison['findings']['onlyInA'][number];

function findingItem(f: Finding, only: 'a' | 'b'): HTMLElement {
  return h(
    'li',
    { class: `finding-only only-${only}`, 'data-only': only, 'data-rule': f.rule },
    h(
      'span',
      { class: `only-badge only-${only}` },
      only === 'a' ? 'only in A: gone in B' : 'only in B: new in B',
    ),
    ' ',
    h(
      'span',
      { class: `status ${f.severity === 'error' ? 'fail' : f.severity === 'warning' ? 'warn' : 'note'}` },
      f.severity,
    ),
    ' ',
    h('code', {}, f.rule),
    f.costMs !== null ? ` costs ${ms(f.costMs)} ms` : '',
    ` on ${f.elements.join(', ')}: ${f.message}`,
  );
}

/** The findings only one design has, B's new ones first. */
export function comparedFindings(c: Comparison): HTMLElement {
  const f = c.findings;
  return h(
    'div',
    { class: 'compare-findings' },
    h(
      'h3',
      {},
      `Lint findings: ${f.onlyInB.length} new in B, ${f.onlyInA.length} gone in B, ${f.inBoth} in both`,
    ),
    f.onlyInA.length + f.onlyInB.length > 0
      ? h(
          'ul',
          {},
          f.onlyInB.map((x) => findingItem(x, 'b')),
          f.onlyInA.map((x) => findingItem(x, 'a')),
        )
      : h('p', { class: 'muted' }, 'Both designs have the same findings.'),
  );
}

/** The expected figures: held in each, and the rows whose RTT or verdict differs. */
export function comparedExpectations(c: Comparison): HTMLElement | null {
  const e = c.expectations;
  if (e.rows.length === 0) return null;
  const differs = e.rows.filter(
    (r) => r.a === null || r.b === null || r.a.ok !== r.b.ok || ms(r.a.rttMs) !== ms(r.b.rttMs),
  );
  const side = (x: { rttMs: number; ok: boolean } | null) =>
    x
      ? [
          h('span', { class: 'figure', 'data-ms': x.rttMs }, `${ms(x.rttMs)} ms `),
          h('span', { class: `status ${x.ok ? 'ok' : 'fail'}` }, x.ok ? 'holds' : 'fails'),
        ]
      : '–';
  return h(
    'div',
    { class: 'compare-expectations' },
    h('h3', {}, `Expected figures: ${e.held.a} of ${e.total.a} hold in A, ${e.held.b} of ${e.total.b} in B`),
    differs.length > 0
      ? h(
          'ul',
          {},
          differs.map((r) =>
            h(
              'li',
              {
                'data-from': r.from,
                'data-to': r.to,
                'data-only': r.a === null ? 'b' : r.b === null ? 'a' : undefined,
              },
              `${r.from} → ${r.to}: A `,
              side(r.a),
              ', B ',
              side(r.b),
              r.a && r.b ? [' ', delta(r.b.rttMs - r.a.rttMs, 'rtt')] : null,
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'Every expected figure is the same in both designs.'),
  );
}
