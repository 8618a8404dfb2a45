/**
 * A sweep's results as Parquet (one row per point, typed columns, which DuckDB, pandas and Spark
 * read), written with hyparquet-writer and read back with hyparquet, both pure JavaScript. The
 * file's key-value metadata says which sweep it is (name, fingerprint, how many points in all) and,
 * for a shard's file, which shard: merging checks them. Same rows, same bytes.
 */
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { FootprintError } from '../errors.js';
import { ROW_COLUMNS, type SweepRow } from './row.js';

/** The metadata key a results file carries. */
export const RESULTS_KEY = 'footprint.sweep';

/** What a results file says about itself. */
export interface ResultsHeader {
  /** The format of these files; a reader refuses others. */
  readonly format: 1;
  readonly name: string;
  readonly fingerprint: string;
  /** Points in the whole grid (not only in this file). */
  readonly points: number;
  /** The shard this file holds, `k/N`; absent for the whole grid (a full run, or a merge). */
  readonly shard?: string;
  /** In a merge that lacks some of the grid's points: how many. */
  readonly missingPoints?: number;
}

/** A results file: its header and rows, in point order. */
export interface SweepResults {
  readonly header: ResultsHeader;
  readonly rows: readonly SweepRow[];
}

/**
 * The Parquet bytes of a sweep's results. Rows are written in point order, whatever order they
 * came in; so shards merged, a local run and a queue run of one grid give the same bytes.
 * @example writeResults({ header, rows }).byteLength
 */
export function writeResults(results: SweepResults): Uint8Array {
  const rows = [...results.rows].sort((a, b) => a.index - b.index);
  const buffer = parquetWriteBuffer({
    columnData: ROW_COLUMNS.map(([name, type]) => ({
      name,
      type,
      nullable: false,
      data: rows.map((row) => row[name]),
    })),
    kvMetadata: [{ key: RESULTS_KEY, value: JSON.stringify(results.header) }],
    createdBy: 'footprint sweep',
  });
  return new Uint8Array(buffer);
}

/**
 * Reads a results file written by {@link writeResults}. `file` names it in errors.
 * @example (await readResults(readFileSync('out.parquet'), 'out.parquet')).rows.length
 */
export async function readResults(bytes: Uint8Array, file: string): Promise<SweepResults> {
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  let header: ResultsHeader | undefined;
  try {
    const metadata = parquetMetadata(buffer);
    const value = metadata.key_value_metadata?.find((kv) => kv.key === RESULTS_KEY)?.value;
    header = value !== undefined ? (JSON.parse(value) as ResultsHeader) : undefined;
  } catch {
    throw notResults(file, 'it is not a Parquet file');
  }
  if (header?.format !== 1) throw notResults(file, "it is Parquet, but not a Footprint sweep's results");
  const objects = (await parquetReadObjects({ file: buffer })) as Record<string, unknown>[];
  const rows = objects.map((o) => {
    const row: Record<string, unknown> = {};
    for (const [name] of ROW_COLUMNS) {
      const v = o[name];
      row[name] = typeof v === 'bigint' ? Number(v) : v;
    }
    return row as unknown as SweepRow;
  });
  return { header, rows };
}

function notResults(file: string, why: string): FootprintError {
  return new FootprintError({
    code: 'FP_INVALID_VALUE',
    message: `'${file}' is not a sweep's results: ${why}`,
    expected: 'a Parquet file written by `footprint sweep ... -o FILE.parquet`',
  });
}
