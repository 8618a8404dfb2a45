/**
 * User-facing errors: small, stable codes (`FP_UNKNOWN_PLACE`), a location in the user's file when
 * there is one, what was expected and a suggestion. One printer turns them into text or JSON.
 * Every layer may throw a {@link FootprintError}; anything else that escapes is a bug.
 */

/** A position in a user's file; line and col are 1-based. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  /** Length of the offending span on its line, for the caret underline. */
  readonly length?: number;
}

/** The stable codes of user errors; scripts may match on them. */
export type ErrorCode =
  | 'FP_USAGE'
  | 'FP_FILE_NOT_FOUND'
  | 'FP_YAML_SYNTAX'
  | 'FP_WRONG_TYPE'
  | 'FP_UNKNOWN_KEY'
  | 'FP_MISSING_KEY'
  | 'FP_INVALID_VALUE'
  | 'FP_UNKNOWN_PLACE'
  | 'FP_DUPLICATE_ID'
  | 'FP_RESERVED_ID'
  | 'FP_BAD_COORDINATES'
  | 'FP_BAD_LINK'
  | 'FP_EXTENDS'
  | 'FP_NO_PATH'
  | 'FP_UNKNOWN_ELEMENT'
  | 'FP_BAD_CIDR'
  | 'FP_OVERLAP'
  | 'FP_UNATTACHED'
  | 'FP_BAD_ROUTE'
  | 'FP_UNKNOWN_SERVICE'
  | 'FP_UNKNOWN_REQUEST'
  | 'FP_CALL_CYCLE'
  | 'FP_BAD_PLACEMENT'
  | 'FP_NOT_OFFERED'
  | 'FP_RESIDENCY'
  | 'FP_CAPACITY'
  | 'FP_PLACEHOLDER_SITE'
  | 'FP_STALE_OFFERINGS'
  | 'FP_BAD_JSON'
  | 'FP_IMPORT'
  | 'FP_BAD_CSV'
  | 'FP_FASTER_THAN_LIGHT'
  | 'FP_UNKNOWN_FRONT_DOOR'
  | 'FP_UNKNOWN_HEALTH_CHECK'
  | 'FP_ALIAS_CYCLE'
  | 'FP_WRONG_ENTRY';

/** One problem a user can fix: a stable code, a message, where it is (file:line:col), and how to fix it. */
export interface Diagnostic {
  readonly code: ErrorCode;
  readonly message: string;
  readonly location?: SourceLocation;
  /** The source line(s) around the location with a caret under the offending span. */
  readonly frame?: string;
  /** What the input should have been, e.g. `a number of milliseconds >= 0`. */
  readonly expected?: string;
  /** A fix, e.g. `did you mean 'dx:ECPH1'?` */
  readonly suggestion?: string;
}

/**
 * An error the user can fix. Carries one or more diagnostics.
 * @example
 * throw new FootprintError({ code: 'FP_USAGE', message: 'give one estate file', expected: 'footprint report FILE' });
 * // error.diagnostics: every problem, each with its code, message and file:line:col
 */
export class FootprintError extends Error {
  readonly diagnostics: readonly Diagnostic[];

  constructor(diagnostics: Diagnostic | readonly Diagnostic[]) {
    const list = Array.isArray(diagnostics)
      ? (diagnostics as readonly Diagnostic[])
      : [diagnostics as Diagnostic];
    super(list.map((d) => d.message).join('; '));
    this.name = 'FootprintError';
    this.diagnostics = list;
  }

  get code(): ErrorCode {
    return this.diagnostics[0]?.code ?? 'FP_USAGE';
  }
}

/** Shorthand for a single-diagnostic error. */
export function fail(
  code: ErrorCode,
  message: string,
  extra: Omit<Diagnostic, 'code' | 'message'> = {},
): never {
  throw new FootprintError({ code, message, ...extra });
}

/**
 * Renders a diagnostic as text, in the shape compilers use:
 * `error[FP_UNKNOWN_PLACE]: …`, then `--> file:line:col`, the code frame, `expected:` and `help:`.
 * @example
 * try {
 *   loadEstate('my-estate.yaml');
 * } catch (error) {
 *   if (error instanceof FootprintError) console.error(error.diagnostics.map(formatDiagnostic).join('\n\n'));
 * }
 */
export function formatDiagnostic(d: Diagnostic): string {
  const lines = [`error[${d.code}]: ${escapeControl(d.message)}`];
  if (d.location) lines.push(`  --> ${escapeControl(d.location.file)}:${d.location.line}:${d.location.col}`);
  if (d.frame) lines.push(escapeControl(d.frame));
  if (d.expected) lines.push(`  = expected: ${escapeControl(d.expected)}`);
  if (d.suggestion) lines.push(`  = help: ${escapeControl(d.suggestion)}`);
  return lines.join('\n');
}

/**
 * Text from input files made safe for a terminal: control characters (an escape sequence would
 * clear the screen or retitle the window) shown as `\x1b`-style escapes. Line breaks and tabs stay.
 * @example escapeControl('name\x1b[2J') // 'name\\x1b[2J'
 */
export function escapeControl(text: string): string {
  return text.replace(
    // biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
    /[\x00-\x08\x0b-\x1f\x7f-\x9f]/g,
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`,
  );
}

/**
 * Renders a diagnostic as plain JSON data.
 * @example diagnosticToJson(error.diagnostics[0]) // { code: 'FP_UNKNOWN_PLACE', message: …, file, line, col, … }
 */
export function diagnosticToJson(d: Diagnostic): Record<string, unknown> {
  const out: Record<string, unknown> = { code: d.code, message: d.message };
  if (d.location) {
    out.file = d.location.file;
    out.line = d.location.line;
    out.col = d.location.col;
  }
  if (d.expected) out.expected = d.expected;
  if (d.suggestion) out.suggestion = d.suggestion;
  return out;
}

/**
 * A bug in Footprint, not a mistake a user can fix: an invariant the code relies on does not hold
 * (an id resolution checked is missing from an index built from it). The CLI reports it as a bug.
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}

/**
 * The value under `key` in a map the caller knows holds it (built from ids already resolved and
 * checked). A miss is a bug, so it throws an {@link InternalError} that names what was missing;
 * where a miss can be the user's mistake, report a located {@link FootprintError} instead.
 * @example
 * const service = getOrThrow(servicesById, call.service, 'service');
 * // throws InternalError "service 'seat-map' is missing" when the index lacks it
 */
export function getOrThrow<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined && !map.has(key)) throw new InternalError(`${what} '${String(key)}' is missing`);
  return value as V;
}

/**
 * The item at `index` of an array the caller knows is long enough (an index it computed, the first
 * item of a list it checked is not empty). A miss is a bug: an {@link InternalError} naming what was
 * missing.
 * @example
 * const first = itemOrThrow(rows, 0, 'first row of the table');
 */
export function itemOrThrow<T>(items: ArrayLike<T>, index: number, what: string): T {
  if (!(index >= 0 && index < items.length))
    throw new InternalError(`${what} is missing (index ${index} of ${items.length})`);
  return items[index] as T;
}

/**
 * The exhaustiveness check of a `switch` over a closed union: the `default:` branch calls it with
 * the narrowed value, which the compiler requires to be `never`. Adding a member to the union then
 * fails to compile at every switch that does not handle it.
 * @example
 * switch (route.targetKind) {
 *   case 'local': ...
 *   default: return assertNever(route.targetKind, 'route target kind');
 * }
 */
export function assertNever(value: never, what: string): never {
  throw new InternalError(`unhandled ${what} ${JSON.stringify(value)}`);
}
