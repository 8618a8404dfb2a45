/**
 * Text rendering of a calibration: how well the model explained the pings before and after, what
 * changed per link class, and each ping.
 */
import type { LinkClassParameters, RoutedClassParameters } from '../catalog/index.js';
import type { CalibrationResult } from '../latency/calibrate.js';
import type { ErrorSummary } from '../latency/irls.js';
import { counted, ms, textTable } from './format.js';

const percent = (x: number) => `${(x * 100).toFixed(1)} %`;
const errors = (e: ErrorSummary) => `median ${percent(e.medianError)}, p90 ${percent(e.p90Error)}`;

function describeClass(p: LinkClassParameters): string {
  const r = p as Partial<RoutedClassParameters>;
  const inflations =
    r.seaInflation !== undefined
      ? `x${p.inflation.toFixed(2)} land, x${r.seaInflation.toFixed(2)} sea, x${(r.accessInflation ?? 0).toFixed(2)} access`
      : `x${p.inflation.toFixed(2)}`;
  return `${inflations}, ${ms(p.hopMs)} ms per link`;
}

/**
 * The calibration, for a terminal; `written` is the file the result went to.
 * @example console.log(renderCalibration(calibrate(estate, pings), 'calibration.json', 'pings.csv'));
 */
export function renderCalibration(result: CalibrationResult, written: string, reference: string): string {
  const out: string[] = [];
  out.push(
    `Calibrated on ${counted(result.pings.length, 'ping')}${result.overheadMs ? ` (measurement overhead ${ms(result.overheadMs)} ms taken into account)` : ''}`,
  );
  out.push(`  error before: ${errors(result.before)}`);
  out.push(`  error after:  ${errors(result.after)} (on the same pings)`);
  if (result.afterLeaveOneOut)
    out.push(
      `  leave-one-out: ${errors(result.afterLeaveOneOut)} (each ping predicted by a fit to the others: expect this elsewhere)`,
    );
  out.push('', 'Link classes the pings inform');
  out.push(
    textTable(
      result.classes,
      [
        { header: 'class', value: (c) => c.linkClass },
        { header: 'pings', value: (c) => String(c.pings), align: 'right' },
        { header: 'before', value: (c) => describeClass(c.before) },
        { header: 'after', value: (c) => describeClass(c.after) },
      ],
      '  ',
    ),
  );
  out.push('', 'Pings (ms)');
  out.push(
    textTable(
      result.pings,
      [
        { header: 'line', value: (p) => String(p.line), align: 'right' },
        { header: 'from', value: (p) => p.from },
        { header: 'to', value: (p) => p.to },
        { header: 'measured', value: (p) => ms(p.measuredMs), align: 'right' },
        { header: 'before', value: (p) => ms(p.beforeMs), align: 'right' },
        { header: 'after', value: (p) => ms(p.afterMs), align: 'right' },
        { header: 'path', value: (p) => p.path.join(' > ') },
      ],
      '  ',
    ),
  );
  out.push('', `wrote ${written}`);
  out.push(`  the estate uses it with:  calibration: ${reference}`);
  return `${out.join('\n')}\n`;
}
