/**
 * Shared rendering helpers: stable JSON with rounded numbers, aligned text tables, number formats.
 */

/**
 * Deep copy with every non-integer number rounded to `decimals` places, non-finite numbers as null,
 * and typed arrays as plain arrays: the JSON Footprint prints is stable byte for byte.
 * @example roundForOutput({ rttMs: 1.23456 }) // { rttMs: 1.235 }
 */
export function roundForOutput(value: unknown, decimals = 3): unknown {
  const factor = 10 ** decimals;
  const visit = (v: unknown): unknown => {
    if (typeof v === 'number') {
      if (!Number.isFinite(v)) return null;
      if (Number.isInteger(v)) return v;
      const rounded = Math.round(v * factor) / factor;
      return Object.is(rounded, -0) ? 0 : rounded;
    }
    if (Array.isArray(v)) return v.map(visit);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView))
      return Array.from(v as unknown as ArrayLike<number>, visit);
    if (v instanceof Map) return Object.fromEntries([...v.entries()].map(([k, x]) => [String(k), visit(x)]));
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v))
        if (x !== undefined && typeof x !== 'function') out[k] = visit(x);
      return out;
    }
    return v;
  };
  return visit(value);
}

/**
 * Pretty JSON for `--json`, rounded and newline-terminated.
 * @example toJson({ rttMs: 1.23456 }) // '{\n  "rttMs": 1.235\n}\n'
 */
export function toJson(value: unknown, decimals = 3): string {
  return `${JSON.stringify(roundForOutput(value, decimals), null, 2)}\n`;
}

export type Align = 'left' | 'right';

export interface Column<Row> {
  readonly header: string;
  readonly value: (row: Row) => string;
  readonly align?: Align;
}

/**
 * An aligned text table with a header and a rule, two spaces between columns.
 * @example textTable([{ a: 'x' }], [{ header: 'A', value: (r) => r.a }])
 */
export function textTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[], indent = ''): string {
  const cells = rows.map((row) => columns.map((c) => c.value(row)));
  // A loop, not Math.max(...cells): a table of 200,000 rows would overflow the stack.
  const widths = columns.map((c, i) =>
    cells.reduce((w, r) => Math.max(w, (r[i] as string).length), c.header.length),
  );
  const line = (values: readonly string[]) =>
    indent +
    values
      .map((v, i) =>
        columns[i]?.align === 'right' ? v.padStart(widths[i] as number) : v.padEnd(widths[i] as number),
      )
      .join('  ')
      .trimEnd();
  return [
    line(columns.map((c) => c.header)),
    line(widths.map((w) => '-'.repeat(w))),
    ...cells.map(line),
  ].join('\n');
}

/** `12.3` with one decimal (two below 10 ms), or `-` when not finite. */
export function ms(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '-';
  return value < 10 ? value.toFixed(2) : value.toFixed(1);
}

/** `1,234` km, rounded to whole km. */
export function km(value: number): string {
  return grouped(Math.round(value));
}

/**
 * An integer with thousands separators, as `toLocaleString('en-US')` writes it, without that call's
 * first use loading the locale data (about 20 ms of a command's cold start).
 */
export function grouped(n: number): string {
  if (!Number.isSafeInteger(n) || Object.is(n, -0)) return n.toLocaleString('en-US');
  return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
}

/**
 * A count and its noun, singular for one: `counted(1, 'ping')` is '1 ping', `counted(3, 'ping')`
 * '3 pings', `counted(2, 'user population')` '2 user populations'.
 */
export function counted(n: number, noun: string, plural = `${noun}s`): string {
  return `${Number.isInteger(n) ? grouped(n) : n.toLocaleString('en-US')} ${n === 1 ? noun : plural}`;
}
