/**
 * The comparison of two designs as text: the `Comparison: A against B` section of
 * `footprint report A --against B`.
 */
import type { ComparedBudget, ComparedFinding, ReportComparison } from './compare.js';
import { ms, textTable } from './format.js';

function signed(deltaMs: number | null): string {
  if (deltaMs === null) return '';
  const text = ms(Math.abs(deltaMs));
  return Number(text) === 0 ? '0' : `${deltaMs < 0 ? '-' : '+'}${text}`;
}

function verdict(side: ComparedBudget['a']): string {
  return side === null ? '-' : side.held ? 'held' : 'broken';
}

function findingLine(f: ComparedFinding): string {
  const cost = f.costMs !== null ? `, ${ms(f.costMs)} ms` : '';
  return `    ${f.rule} (${f.severity}${cost}) on ${f.elements.join(', ')}`;
}

/**
 * The comparison section; `*` marks a budget whose verdict changed, the largest p99 improvement first.
 * @example renderComparisonReport(compareReports(a, b)).startsWith('Comparison: ')
 */
export function renderComparisonReport(c: ReportComparison): string {
  const out = [
    `Comparison: ${c.a.name} against ${c.b.name} (differences are B minus A; negative: B is faster)`,
  ];
  out.push(`  A: ${c.a.files[0] ?? c.a.name}`, `  B: ${c.b.files[0] ?? c.b.name}`);
  if (c.budgets.length > 0) {
    const changed = c.budgets.filter((x) => x.verdictChange !== null).length;
    out.push(
      '',
      `  latency budgets: ${c.budgetsHeld.a} of ${c.budgets.filter((x) => x.a).length} hold in A, ${c.budgetsHeld.b} of ${c.budgets.filter((x) => x.b).length} in B; ${changed} verdict(s) changed (*)`,
      textTable(
        c.budgets,
        [
          { header: '', value: (x) => (x.verdictChange ? '*' : '') },
          { header: 'request · users in', value: (x) => `${x.request} · ${x.metro}` },
          { header: 'p99 A', value: (x) => (x.a ? ms(x.a.p99Ms) : '-'), align: 'right' },
          { header: 'p99 B', value: (x) => (x.b ? ms(x.b.p99Ms) : '-'), align: 'right' },
          { header: 'Δ p99', value: (x) => signed(x.p99DeltaMs), align: 'right' },
          { header: 'p50 A', value: (x) => (x.a ? ms(x.a.p50Ms) : '-'), align: 'right' },
          { header: 'p50 B', value: (x) => (x.b ? ms(x.b.p50Ms) : '-'), align: 'right' },
          { header: 'Δ p50', value: (x) => signed(x.p50DeltaMs), align: 'right' },
          { header: 'A', value: (x) => verdict(x.a) },
          { header: 'B', value: (x) => verdict(x.b) },
        ],
        '    ',
      ),
    );
  }
  const f = c.findings;
  out.push(
    '',
    `  lint findings: ${f.onlyInA.length} only in A, ${f.onlyInB.length} only in B, ${f.inBoth} in both`,
  );
  if (f.onlyInA.length > 0) out.push('  only in A:', ...f.onlyInA.map(findingLine));
  if (f.onlyInB.length > 0) out.push('  only in B:', ...f.onlyInB.map(findingLine));
  const e = c.expectations;
  out.push('', `  expected figures: ${e.held.a} of ${e.total.a} hold in A, ${e.held.b} of ${e.total.b} in B`);
  for (const row of e.rows.filter((r) => r.a?.ok !== r.b?.ok))
    out.push(
      `  * ${row.from} -> ${row.to}: ${row.a ? `${ms(row.a.rttMs)} ms ${row.a.ok ? 'holds' : 'fails'}` : '-'} in A, ${row.b ? `${ms(row.b.rttMs)} ms ${row.b.ok ? 'holds' : 'fails'}` : '-'} in B`,
    );
  if (c.costUsdPerHour)
    out.push(
      `  instance cost: ${c.costUsdPerHour.a.toFixed(2)} USD/h in A, ${c.costUsdPerHour.b.toFixed(2)} in B (${c.costUsdPerHour.deltaUsd >= 0 ? '+' : ''}${c.costUsdPerHour.deltaUsd.toFixed(2)})`,
    );
  return `${out.join('\n')}\n`;
}
