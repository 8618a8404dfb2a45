/**
 * Merging results: shards of one grid (or the rows a queue gathered) into one file, exactly. The
 * files must be of the same sweep (name and fingerprint); a point found twice must have the same
 * row both times (a point is deterministic: a difference is a different grid, or a bug); the
 * merged rows are in point order, so the merge of every shard is the whole run, byte for byte.
 */
import { FootprintError } from '../errors.js';
import type { SweepResults } from './parquet.js';
import { ROW_COLUMNS, type SweepRow } from './row.js';

/** A merge: the results, and the points of the grid still missing from them. */
export interface MergedResults extends SweepResults {
  /** Indices of the grid's points that no input holds. */
  readonly missing: readonly number[];
  /** Points found in more than one input (with equal rows). */
  readonly duplicates: number;
}

/**
 * Merges results files of one sweep; `files` names them in errors.
 * @example mergeResults([shard1, shard2, shard3], ['a', 'b', 'c']).missing.length // 0
 */
export function mergeResults(inputs: readonly SweepResults[], files: readonly string[]): MergedResults {
  const [first] = inputs;
  if (!first)
    throw new FootprintError({
      code: 'FP_USAGE',
      message: 'nothing to merge',
      expected: 'one or more results files',
    });
  inputs.forEach((input, i) => {
    const h = input.header;
    if (
      h.fingerprint !== first.header.fingerprint ||
      h.points !== first.header.points ||
      h.name !== first.header.name
    )
      throw new FootprintError({
        code: 'FP_INVALID_VALUE',
        message: `'${files[i]}' holds results of another sweep (${h.name}, ${h.fingerprint}) than '${files[0]}' (${first.header.name}, ${first.header.fingerprint})`,
        expected: 'the shards of one sweep file, run on the same files',
        suggestion: 'a changed estate or scenario changes the fingerprint: run every shard again',
      });
  });
  const byIndex = new Map<number, SweepRow>();
  let duplicates = 0;
  inputs.forEach((input, i) => {
    for (const row of input.rows) {
      const seen = byIndex.get(row.index);
      if (seen === undefined) {
        byIndex.set(row.index, row);
        continue;
      }
      duplicates++;
      const differs = ROW_COLUMNS.find(([name]) => !Object.is(seen[name], row[name]));
      if (differs)
        throw new FootprintError({
          code: 'FP_INVALID_VALUE',
          message: `point ${row.id} differs between the inputs ('${files[i]}' has ${differs[0]} ${String(row[differs[0]])}, an earlier one ${String(seen[differs[0]])})`,
          expected: 'the same row for the same point: a point is deterministic',
        });
    }
  });
  const rows = [...byIndex.values()].sort((a, b) => a.index - b.index);
  const missing: number[] = [];
  for (let i = 0; i < first.header.points; i++) if (!byIndex.has(i)) missing.push(i);
  const { shard: _shard, missingPoints: _missing, ...whole } = first.header;
  const header = missing.length > 0 ? { ...whole, missingPoints: missing.length } : whole;
  return { header, rows, missing, duplicates };
}
