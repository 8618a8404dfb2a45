/**
 * Users' metros against the candidate places, as text: one row per candidate (best first), one
 * column per metro with its RTT and, where its users have a budget, the worst request's p99 served
 * from there and whether it holds (the page draws the same as metros by candidates).
 */
import type { CandidateCell, CandidateColumn, ReportCandidates } from './candidates.js';
import { ms, textTable } from './format.js';

const MARK = { held: 'held', tight: 'tight', broken: 'BROKEN' } as const;

/** A cell: `6.8 · p99 67.5 held`, or the RTT alone when the metro's users have no budget. */
function cellText(cell: CandidateCell | undefined): string {
  if (!cell) return '-';
  const worst = [...cell.budgets].sort((a, b) => a.marginMs - b.marginMs)[0];
  if (!worst || cell.verdict === null) return ms(cell.rttMs);
  return `${ms(cell.rttMs)} · p99 ${ms(worst.p99Ms)} ${MARK[cell.verdict]}`;
}

/** The candidates section of the estate report; empty when there are no users or candidates. */
export function candidatesSection(candidates: ReportCandidates): string[] {
  if (candidates.rows.length === 0 || candidates.columns.length === 0) return [];
  const budgets = [
    ...new Set(
      candidates.rows.flatMap((r) =>
        (r.cells[0]?.budgets ?? []).map((b) =>
          [
            b.request,
            b.p99BudgetMs !== null ? `p99 <= ${b.p99BudgetMs}` : '',
            b.p50BudgetMs !== null ? `p50 <= ${b.p50BudgetMs}` : '',
          ]
            .filter((x) => x !== '')
            .join(' '),
        ),
      ),
    ),
  ];
  const left = [
    candidates.leftOut > 0 ? `${candidates.leftOut} farther left out` : '',
    candidates.unreachable > 0 ? `${candidates.unreachable} with a call that has no path left out` : '',
  ].filter((x) => x !== '');
  return [
    '',
    `Users' metros against candidates: ${candidates.rule}${left.length > 0 ? ` (${left.join('; ')})` : ''}`,
    `  each cell: the metro's RTT, and the p99 (${candidates.samples.toLocaleString('en-US')} draws) of its worst budgeted request with every service that is not pinned there${budgets.length > 0 ? ` (${budgets.join('; ')})` : ''}; tight: held with under ${Math.round(candidates.tightShare * 100)} % of the budget to spare`,
    textTable(
      candidates.columns.map((c, i) => ({ c, i })),
      [
        { header: 'candidate', value: ({ c }) => `${c.id}${c.estate ? '' : ' *'}` },
        { header: 'kind', value: ({ c }) => c.kind },
        { header: 'held', value: ({ c }) => heldText(c), align: 'right' },
        ...candidates.rows.map((row) => ({
          header: `${row.metro.replace(/^metro:/, '')} ${Math.round(row.share * 100)}%`,
          value: ({ i }: { i: number }) => cellText(row.cells[i]),
          align: 'right' as const,
        })),
      ],
      '  ',
    ),
    '  * not in the estate: a catalog place',
  ];
}

function heldText(c: CandidateColumn): string {
  const total = c.held + c.tight + c.broken;
  return total === 0 ? '-' : `${c.held + c.tight}/${total}`;
}
