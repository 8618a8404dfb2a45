/**
 * Text rendering of lint findings.
 */
import type { LintResult } from '../lint/index.js';

function figure(v: number): string {
  return v.toFixed(1);
}

/**
 * Findings, worst first: rule, severity, what it costs, where, and the fix.
 * @example console.log(renderLint(lintFile('examples/ticketmaster-phoenix/network-dont.yaml')));
 */
export function renderLint(result: LintResult): string {
  const out: string[] = [];
  const { errors, warnings, notes } = result.summary;
  out.push(
    `${result.loaded ? 'lint' : 'lint (the estate does not load)'}: ${result.estate}: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}${notes ? `, ${notes} notes` : ''}`,
  );
  for (const f of result.findings) {
    const where = f.location ? `${f.location.file}:${f.location.line}:${f.location.col}: ` : '';
    out.push('', `${where}${f.severity} [${f.rule}] ${f.message}`);
    const cost: string[] = [];
    if (f.costMs !== undefined)
      cost.push(
        `costs ${figure(f.costMs)} ms (${figure(f.asIsRttMs ?? 0)} ms as designed, ${figure(f.fixedRttMs ?? 0)} ms fixed)`,
      );
    else if (f.asIsRttMs !== undefined) cost.push(`${figure(f.asIsRttMs)} ms as designed`);
    if (f.replicas !== undefined) cost.push(`${f.replicas} replica${f.replicas === 1 ? '' : 's'}`);
    if (f.risk) cost.push(`risk: ${f.risk}`);
    if (cost.length) out.push(`  ${cost.join('; ')}`);
    if (f.elements.length) out.push(`  elements: ${f.elements.join(', ')}`);
    out.push(`  fix: ${f.fix}`);
  }
  return `${out.join('\n')}\n`;
}
