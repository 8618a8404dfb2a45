/**
 * Demand over time: rates as users write them (constant, ramp, diurnal, spike, or a CSV of rates)
 * turned into piecewise-constant profiles the engine's arrivals follow, and the time series' step.
 */
import { type Diagnostic, FootprintError } from '../errors.js';
import { type DataPath, durationSeconds, OUTSIDE_SUGGESTION, type ReadFile } from '../model/index.js';
import type { SimRateProfile } from './model.js';
import type { RateInput } from './scenario-schema.js';

/** About 120 intervals, on a round number of seconds. */
export function niceInterval(durationS: number): number {
  const raw = durationS / 120;
  for (const step of [
    1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 14_400, 21_600, 43_200, 86_400,
  ])
    if (step >= raw) return Math.min(step, durationS);
  return 86_400;
}

export type Report = (
  path: DataPath,
  code: Diagnostic['code'],
  message: string,
  extra?: { expected?: string; suggestion?: string },
) => void;

/** A rate as a piecewise-constant profile: one step a second (a minute past two days). */
export function rateProfile(
  input: RateInput,
  durationS: number,
  path: DataPath,
  relative: (file: string) => string,
  readFile: ReadFile,
  report: Report,
  outside: (file: string) => string | undefined = () => undefined,
): SimRateProfile | undefined {
  const stepS = durationS <= 2 * 86_400 ? 1 : 60;
  const steps = Math.max(1, Math.ceil(durationS / stepS));
  const rates = new Float64Array(steps);
  let at: (t: number) => number;
  if (typeof input === 'number') at = () => input;
  else if ('constant' in input) at = () => input.constant;
  else if ('ramp' in input) {
    const { from, to } = input.ramp;
    const start = durationSeconds(input.ramp.start);
    const end = durationSeconds(input.ramp.end);
    if (!(end > start)) {
      report([...path, 'ramp', 'end'], 'FP_INVALID_VALUE', 'the ramp ends before it starts', {
        expected: 'end after start',
      });
      return undefined;
    }
    at = (t) => (t <= start ? from : t >= end ? to : from + ((to - from) * (t - start)) / (end - start));
  } else if ('diurnal' in input) {
    const { mean, amplitude } = input.diurnal;
    const peak = durationSeconds(input.diurnal.peakAt);
    const period = input.diurnal.period !== undefined ? durationSeconds(input.diurnal.period) : 86_400;
    if (!(period > 0)) {
      report([...path, 'diurnal', 'period'], 'FP_INVALID_VALUE', 'the period must be longer than 0');
      return undefined;
    }
    at = (t) => mean * (1 + amplitude * Math.cos((2 * Math.PI * (t - peak)) / period));
  } else if ('spike' in input) {
    const { base, peak } = input.spike;
    const start = durationSeconds(input.spike.at);
    const ramp = input.spike.ramp !== undefined ? durationSeconds(input.spike.ramp) : 0;
    const hold = durationSeconds(input.spike.hold);
    const down = input.spike.down !== undefined ? durationSeconds(input.spike.down) : 0;
    const top = start + ramp;
    const fall = top + hold;
    const end = fall + down;
    at = (t) => {
      if (t < start || t >= end) return base;
      if (t < top) return base + ((peak - base) * (t - start)) / ramp;
      if (t < fall) return peak;
      return peak + ((base - peak) * (t - fall)) / down;
    };
  } else {
    const rows = csvRates(input.csv, relative, readFile, [...path, 'csv'], report, outside);
    if (!rows) return undefined;
    at = (t) => {
      let rate = 0;
      for (const [time, r] of rows) {
        if (time > t) break;
        rate = r;
      }
      return rate;
    };
  }
  for (let k = 0; k < steps; k++) rates[k] = Math.max(0, at((k + 0.5) * stepS));
  return { stepS, rates };
}

/** Rows of (seconds, rate), sorted; a file of one column gives a rate per second. */
function csvRates(
  name: string,
  relative: (file: string) => string,
  readFile: ReadFile,
  path: DataPath,
  report: Report,
  outside: (file: string) => string | undefined,
): [number, number][] | undefined {
  const file = relative(name);
  const refused = outside(file);
  if (refused) {
    report(path, 'FP_FILE_NOT_FOUND', refused, { suggestion: OUTSIDE_SUGGESTION });
    return undefined;
  }
  const text = readFile(file);
  if (text === undefined) {
    report(path, 'FP_FILE_NOT_FOUND', `cannot read rate file '${name}'`, {
      expected: 'a CSV file relative to the scenario',
    });
    return undefined;
  }
  const rows: [number, number][] = [];
  const problems: Diagnostic[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const cells = trimmed.split(',').map((c) => c.trim());
    if (i === 0 && cells.some((c) => c !== '' && !/^[-+0-9.eE]+$/.test(c))) return; // a header row
    const numbers = cells.map(Number);
    const bad =
      cells.length > 2 ||
      numbers.some((n) => !Number.isFinite(n) || n < 0) ||
      cells.some((c) => !/^\d+(\.\d+)?$/.test(c));
    if (bad) {
      problems.push({
        code: 'FP_BAD_CSV',
        message: /\.(csv|txt)$/i.test(file)
          ? `rate file row '${trimmed.slice(0, 60)}' is not 'seconds,rate' or 'rate'`
          : `rate file row ${i + 1} is not 'seconds,rate' or 'rate' (not shown: the file is not named .csv)`,
        location: { file, line: i + 1, col: 1, length: Math.max(1, trimmed.length) },
        expected: 'one or two non-negative decimal numbers per row: seconds,rate or rate',
      });
      return;
    }
    if (cells.length === 1) rows.push([rows.length, numbers[0] as number]);
    else rows.push([numbers[0] as number, numbers[1] as number]);
  });
  if (problems.length > 0) throw new FootprintError(problems.slice(0, 20));
  for (let k = 1; k < rows.length; k++)
    if ((rows[k]?.[0] as number) <= (rows[k - 1]?.[0] as number)) {
      report(path, 'FP_BAD_CSV', `rate file '${name}': the times must increase (row ${k + 1})`);
      return undefined;
    }
  if (rows.some(([, r]) => r > 10_000_000)) {
    report(path, 'FP_BAD_CSV', `rate file '${name}': a rate is over 10 million per second`);
    return undefined;
  }
  return rows;
}
