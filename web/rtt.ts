/**
 * One colour scale for every RTT on the page (map arcs, matrix cells, bars), and number formats
 * that match the text report.
 */
import * as Plot from '@observablehq/plot';

/**
 * RTTs span three orders of magnitude (a cross-connect under 1 ms, a continent 60 ms, the far
 * side of the world 250 ms), so the scale is logarithmic. The stops read as: within a metro,
 * within a region of a continent, across a continent, across an ocean.
 */
export const RTT_DOMAIN: [number, number] = [0.5, 250];
const RTT_RANGE = ['#1a9850', '#66bd63', '#e6b400', '#f46d43', '#b2182b', '#5e1a4f'];

/** Plot options for the RTT colour scale: pass as `color` to Plot.plot or Plot.legend. */
export const rttColorScale = {
  type: 'log',
  domain: RTT_DOMAIN,
  range: RTT_RANGE,
  interpolate: 'hcl',
  clamp: true,
  label: 'RTT (ms)',
} as const satisfies Plot.ScaleOptions;

const scale = Plot.scale({ color: rttColorScale });

/** The colour of an RTT in ms. */
export function rttColor(rttMs: number): string {
  if (!Number.isFinite(rttMs)) return '#999';
  return String(scale.apply(Math.max(rttMs, RTT_DOMAIN[0])));
}

/** `12.3` with one decimal (two below 10 ms), as the text report prints it; `-` when not finite. */
export function ms(value: number | null | undefined): string {
  if (value === undefined || value === null || !Number.isFinite(value)) return '-';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** `1,234` km. */
export function km(value: number): string {
  return Math.round(value).toLocaleString('en-US');
}

/** `50%`. */
export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** Text (black or white) readable on a fill colour. */
export function inkOn(fill: string): string {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(fill.trim());
  const rgb = /rgb\((\d+),\s*(\d+),\s*(\d+)/.exec(fill);
  const parts = m ? m.slice(1, 4).map((h) => Number.parseInt(h, 16)) : rgb ? rgb.slice(1, 4).map(Number) : [];
  if (parts.length !== 3) return '#111';
  const [r, g, b] = parts as [number, number, number];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? '#111' : '#fff';
}
