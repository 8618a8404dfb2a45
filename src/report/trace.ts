/**
 * Text rendering of a routed trace.
 */
import type { TraceResult } from '../network/index.js';
import { ms, textTable } from './format.js';

/**
 * The trace as a terminal page: verdict, hop table, the way back if it differs, findings.
 * @example console.log(renderTrace(traceRoute(estate, 'phx-app', 'phx-dc')));
 */
export function renderTrace(result: TraceResult): string {
  const out: string[] = [];
  const placeholder = result.reachable ? undefined : result.findings.find((f) => f.code === 'placeholder');
  const head = `${result.from} (${result.source.address}) -> ${result.to} (${result.destination.address})`;
  if (result.reachable && result.rttMs !== undefined) {
    out.push(`${head}: ${ms(result.rttMs)} ms RTT routed`);
    out.push(
      `  physical best ${ms(result.physicalBestRttMs)} ms; the design costs ${ms(result.differenceMs)} ms more than physics`,
    );
  } else if (placeholder) {
    // Not a fault of the design: the estate does not say yet where the site is.
    const last = result.hops.at(-1);
    out.push(
      `${head}: stops at ${last?.place ?? '?'} (${ms(last?.rttMs)} ms RTT so far): '${placeholder.element}' is a placeholder site`,
    );
    out.push('  physical best: unknown until the site has a position');
  } else {
    out.push(`${head}: UNREACHABLE`);
    out.push(`  physical best ${ms(result.physicalBestRttMs)} ms`);
  }
  out.push('', hopTable(result.hops));
  const reverseAtPlaceholder = result.reverse.stop?.reason === 'placeholder';
  if (result.asymmetric || (!result.reverse.reachable && !reverseAtPlaceholder)) {
    out.push(
      '',
      `  way back${result.reverse.reachable ? ` (${ms(result.reverse.rttMs)} ms)` : ': UNREACHABLE'}:`,
    );
    out.push(hopTable(result.reverse.hops));
  }
  if (result.findings.length > 0) {
    out.push('', '  findings:');
    for (const f of result.findings) out.push(`    ${f.severity} [${f.code}] ${f.message}`);
  }
  return `${out.join('\n')}\n`;
}

function hopTable(hops: TraceResult['hops']): string {
  return textTable(
    hops,
    [
      { header: 'element', value: (h) => h.element },
      { header: 'kind', value: (h) => h.kind },
      { header: 'place', value: (h) => h.place },
      { header: 'rtt ms', value: (h) => ms(h.rttMs), align: 'right' },
      { header: 'why here', value: (h) => h.action ?? '' },
    ],
    '  ',
  );
}
