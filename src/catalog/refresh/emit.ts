/**
 * The TypeScript source of a catalog data file, written the way biome formats it (2-space indent,
 * single quotes, 110 columns), so that a refreshed file passes `biome check` unchanged and the
 * same data always gives the same bytes.
 */
import type { CatalogSource } from '../types.js';

const LINE_WIDTH = 110;

type Scalar = string | number | boolean;
type Value = Scalar | readonly Scalar[];

/** A string literal as biome writes it: single quotes unless the text holds one and no double. */
function literal(text: string): string {
  const escaped = text.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');
  if (text.includes("'") && !text.includes('"')) return `"${escaped}"`;
  return `'${escaped.replace(/'/g, "\\'")}'`;
}

function scalar(value: Scalar): string {
  return typeof value === 'string' ? literal(value) : String(value);
}

/** One `key: value,` property at `indent`, broken the way biome breaks a line that is too long. */
function property(key: string, value: Value, indent: string): string {
  if (Array.isArray(value)) {
    const items = (value as readonly Scalar[]).map(scalar);
    const inline = `${indent}${key}: [${items.join(', ')}],`;
    if (inline.length <= LINE_WIDTH) return inline;
    return [`${indent}${key}: [`, ...items.map((i) => `${indent}  ${i},`), `${indent}],`].join('\n');
  }
  const text = scalar(value as Scalar);
  const inline = `${indent}${key}: ${text},`;
  // Like prettier, biome keeps a value beside a key shorter than the indent width + 3.
  if (inline.length <= LINE_WIDTH || key.length < 5) return inline;
  return `${indent}${key}:\n${indent}  ${text},`;
}

/** An object literal, expanded one property a line; undefined properties are left out. */
function objectSource(entry: object, indent: string): string {
  const lines = Object.entries(entry)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => property(k, v as Value, `${indent}  `));
  return `{\n${lines.join('\n')}\n${indent}}`;
}

/** What one data file holds: its header comment, type, and the names of its two constants. */
export interface DataFileLayout {
  /** Everything before the `import type` line: the file's doc comment, kept as it is. */
  readonly header: string;
  /** The entry type, e.g. `LocalZone`. */
  readonly typeName: string;
  /** e.g. `LOCAL_ZONES_SOURCE`. */
  readonly sourceConst: string;
  /** e.g. `LOCAL_ZONES`. */
  readonly listConst: string;
}

/**
 * The source of a data file: header, import, the `CatalogSource` constant and the entry list.
 * @example dataFileSource(layout, source, entries).endsWith('];\n') // true
 */
export function dataFileSource(
  layout: DataFileLayout,
  source: CatalogSource,
  entries: readonly object[],
): string {
  return [
    `${layout.header}import type { CatalogSource, ${layout.typeName} } from '../types.js';`,
    '',
    `export const ${layout.sourceConst}: CatalogSource = ${objectSource(source, '')};`,
    '',
    `export const ${layout.listConst}: readonly ${layout.typeName}[] = [`,
    ...entries.map((e) => `  ${objectSource(e, '  ')},`),
    '];',
    '',
  ].join('\n');
}

/** The header of a data file's source: everything before its `import type` line. */
export function headerOf(fileText: string): string {
  const at = fileText.indexOf('import type ');
  return at < 0 ? '' : fileText.slice(0, at);
}
