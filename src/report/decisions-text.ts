/**
 * The decision summary as text: the first section of `footprint report`.
 */
import { type DecisionSummary, HEADLINE_LATENCY } from './decisions.js';
import { ms, textTable } from './format.js';

/** `held, 0.80 ms to spare` or `broken by 99.2 ms`. */
export function marginText(held: boolean, marginMs: number): string {
  return held ? `held, ${ms(Math.max(0, marginMs))} ms to spare` : `broken by ${ms(-marginMs)} ms`;
}

/** The summary's lines, from a blank line; none when there is nothing to decide. */
export function decisionsSection(summary: DecisionSummary): string[] {
  const out: string[] = [];
  if (summary.budgets.length > 0) {
    const held = summary.budgets.filter((b) => b.held).length;
    out.push(`  latency budgets: ${held} of ${summary.budgets.length} hold`);
    out.push(
      textTable(
        summary.budgets,
        [
          { header: 'request · users in', value: (b) => `${b.request} · ${b.metro}` },
          { header: 'p99 ms', value: (b) => ms(b.p99Ms), align: 'right' },
          { header: 'budget', value: (b) => budgetText(b.p99BudgetMs, b.p50BudgetMs) },
          { header: '', value: (b) => marginText(b.held, b.marginMs) },
        ],
        '    ',
      ),
    );
  }
  const f = summary.findings;
  if (summary.worstFinding)
    out.push(
      `  costliest lint finding: ${summary.worstFinding.rule} (${summary.worstFinding.severity}), ${ms(summary.worstFinding.costMs)} ms: ${summary.worstFinding.message}`,
      `    fix: ${summary.worstFinding.fix}`,
    );
  else
    out.push(
      f.errors + f.warnings + f.notes === 0
        ? '  lint: no findings'
        : `  lint: ${f.errors} error(s), ${f.warnings} warning(s), ${f.notes} note(s), none costed in milliseconds`,
    );
  if (summary.cost && summary.cost.instances > 0)
    out.push(
      `  instance cost: ${summary.cost.usdPerHour.toFixed(2)} USD/h for ${summary.cost.instances} instances as placed, at the placement's prices per instance-hour`,
    );
  if (summary.placement) out.push(...placementLines(summary.placement));
  return out.length > 0 ? ['', 'Decisions', ...out] : [];
}

function budgetText(p99: number | null, p50: number | null): string {
  return [p99 !== null ? `p99 <= ${p99}` : '', p50 !== null ? `p50 <= ${p50}` : '']
    .filter(Boolean)
    .join(', ');
}

function placementLines(p: NonNullable<DecisionSummary['placement']>): string[] {
  if (!p.proposed) return ['  placement: no placement proposed (see Placement below)'];
  const out = [
    `  placement: ${ms(p.latencyMs.today)} ms today -> ${ms(p.latencyMs.proposed)} ms proposed, the ${HEADLINE_LATENCY}; instance cost ${p.costUsdPerHour.today.toFixed(2)} -> ${p.costUsdPerHour.proposed.toFixed(2)} USD/h`,
  ];
  for (const m of p.moves) out.push(`    ${m.service}: ${m.today.join(', ')} -> ${m.proposed.join(', ')}`);
  out.push(
    textTable(
      p.metros,
      [
        { header: 'request · users in', value: (m) => `${m.request} · ${m.metro}` },
        { header: 'p99 today', value: (m) => ms(m.p99TodayMs), align: 'right' },
        { header: 'p99 proposed', value: (m) => ms(m.p99ProposedMs), align: 'right' },
        { header: 'budget', value: (m) => (m.p99BudgetMs === null ? '' : `<= ${m.p99BudgetMs}`) },
        { header: 'mean-based today', value: (m) => ms(m.modelTodayMs), align: 'right' },
        { header: 'proposed', value: (m) => ms(m.modelProposedMs), align: 'right' },
        { header: 'weight', value: (m) => m.weight.toFixed(3), align: 'right' },
      ],
      '    ',
    ),
  );
  return out;
}
