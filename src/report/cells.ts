/**
 * The text of `footprint cells`: each cell group's blast radius (users and capacity one cell takes,
 * whether the rest absorbs it, cell sizes against the cap) and the N+2 findings.
 */
import type { CellGroupReport, CellsReport } from '../app/index.js';
import { counted } from './format.js';

const pct = (share: number) => `${(share * 100).toFixed(1)} %`;
const num = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

function renderGroup(g: CellGroupReport): string[] {
  const router = g.router === 'hash' ? 'hash' : `shuffle-shard, ${g.shardSize} of ${g.count} cells per key`;
  const lines = [
    `cell group '${g.group}': ${counted(g.count, 'cell')} of ${g.services.join(', ')}, by ${g.partitionKey} (${router})`,
  ];
  for (const c of g.cells) {
    const over = c.over.length ? `  OVER maxSize (${c.over.join(', ')})` : '';
    lines.push(
      `  ${c.cell} @ ${c.places.join(', ')}: ${pct(c.userShare)} of ${g.partitionKey}s, ${num(c.instances)} instances${over}`,
    );
  }
  const caps = [
    g.maxSize.users !== undefined ? `${pct(g.maxSize.users)} of ${g.partitionKey}s` : '',
    g.maxSize.instances !== undefined ? `${g.maxSize.instances} instances` : '',
  ].filter(Boolean);
  if (caps.length) lines.push(`  maxSize: ${caps.join(', ')} per cell`);
  lines.push(
    g.router === 'hash'
      ? `  one cell down: ${pct(g.usersLost)} of ${g.partitionKey}s lose service (1/${g.count})`
      : `  one cell down: ${pct(g.usersLost)} of ${g.partitionKey}s lose their whole shard; ${pct(g.usersTouched)} lose one of their ${g.shardSize} cells (k/N) and retry on another`,
  );
  for (const a of g.absorption)
    lines.push(
      `  ${a.service}: losing ${a.worstCell} takes ${pct(a.capacityShare)} of capacity; the other ${g.count - 1} scale to ${num(a.remaining)} instances for a demand of ${num(a.demand)} (${a.source}): ${a.absorbs ? 'absorbs' : 'DOES NOT ABSORB'}`,
    );
  return lines;
}

/**
 * A cells report as `footprint cells` prints it.
 * @example console.log(renderCells(cellsReport(loadEstate('examples/skyscanner-multi-region/cells.yaml'))));
 */
export function renderCells(report: CellsReport): string {
  const lines = [`estate '${report.estate}': ${counted(report.groups.length, 'cell group')}`];
  for (const g of report.groups) lines.push('', ...renderGroup(g));
  lines.push('', 'N+2 (each cellular service in 3 to 5 clusters of each region it runs in):');
  for (const f of report.nPlus2)
    lines.push(`  ${f.ok ? 'ok  ' : 'FAIL'} ${f.service} in ${f.region}: ${f.message}`);
  const failed = report.groups.filter((g) => !g.ok).length + report.nPlus2.filter((f) => !f.ok).length;
  lines.push('', report.ok ? 'ok: every check passes' : `FAIL: ${counted(failed, 'check')} failed`);
  return `${lines.join('\n')}\n`;
}
