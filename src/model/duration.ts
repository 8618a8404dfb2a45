/**
 * Durations as users write them: a number of seconds, or a number with a unit (`250ms`, `90s`,
 * `10m`, `1.5h`, `2d`). Shared by the estate's capacity section and by scenario files.
 */
import { z } from 'zod';

const UNITS: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400 };
export const DURATION_PATTERN = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/;

/** The longest duration any figure may have: a year. */
export const MAX_DURATION_S = 366 * 86_400;

export const durationSchema = z
  .union([
    z.number().nonnegative().max(MAX_DURATION_S),
    z.string().regex(DURATION_PATTERN, 'a duration such as 250ms, 90s, 10m, 1.5h or 2d'),
  ])
  .describe('a duration: seconds, or a number with a unit (250ms, 90s, 10m, 1.5h, 2d)');

export type DurationInput = z.infer<typeof durationSchema>;

/**
 * Seconds in a duration; NaN when it does not parse.
 * @example durationSeconds('10m') // 600
 */
export function durationSeconds(value: DurationInput): number {
  if (typeof value === 'number') return value;
  const match = DURATION_PATTERN.exec(value);
  if (!match) return Number.NaN;
  return Number(match[1]) * (UNITS[match[2] as string] as number);
}

/**
 * A duration for people: `45s`, `10m`, `1h30m`.
 * @example formatDuration(5400) // '1h30m'
 */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return String(seconds);
  if (seconds < 1) return `${Math.round(seconds * 1000)}ms`;
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = s % 60;
  return [h ? `${h}h` : '', m ? `${m}m` : '', rest || (!h && !m) ? `${rest}s` : ''].join('');
}
