/**
 * What every part of a catalog refresh shares: the line of the diff report a change is, the order
 * things are listed in, and the `source` of a data set a refresh covered part of.
 */
import type { CatalogSource } from '../types.js';

/** One line of the diff report. `skipped`: in the outputs, but the catalog cannot take it as is. */
export interface CatalogChange {
  readonly data: 'partitions' | 'regions' | 'local-zones' | 'local-zone-offerings' | 'dx-locations';
  readonly kind: 'added' | 'removed' | 'changed' | 'skipped';
  readonly id: string;
  readonly detail: string;
}

/** The data sets in the order the report lists them. */
export const DATA_ORDER: readonly CatalogChange['data'][] = [
  'partitions',
  'regions',
  'local-zones',
  'local-zone-offerings',
  'dx-locations',
];

const BEFORE = '; other entries as before: ';

/** Code-unit order, the same in every locale. */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A field's value as the report prints it. */
export const show = (v: unknown): string =>
  v === undefined ? '(none)' : Array.isArray(v) ? v.join(' ') || '(none)' : String(v);

/** `field: old -> new` for each field that differs. */
export function fieldChanges(before: object, after: object, fields: readonly string[]): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  return fields.filter((f) => show(b[f]) !== show(a[f])).map((f) => `${f}: ${show(b[f])} -> ${show(a[f])}`);
}

/**
 * The source of a data set a refresh covered part of: what was read (each part `what for which`),
 * and what the rest is.
 * @example refreshedSource({ data: 'regions', asOf: '2026-01-01', source: 'hand' }, ['botocore for aws'], '2026-12-05').source
 * // 'botocore for aws, 2026-12-05; other entries as before: hand (as of 2026-01-01)'
 */
export function refreshedSource(
  previous: CatalogSource,
  parts: readonly string[],
  asOf: string,
): CatalogSource {
  const rest = previous.source.includes(BEFORE)
    ? previous.source.slice(previous.source.indexOf(BEFORE) + BEFORE.length)
    : `${previous.source} (as of ${previous.asOf})`;
  return { data: previous.data, asOf, source: `${parts.join('; ')}, ${asOf}${BEFORE}${rest}` };
}
