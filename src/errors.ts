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
  | 'FP_BAD_JSON'
  | 'FP_IMPORT'
  | 'FP_BAD_CSV'
  | 'FP_FASTER_THAN_LIGHT';

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
  const lines = [`error[${d.code}]: ${d.message}`];
  if (d.location) lines.push(`  --> ${d.location.file}:${d.location.line}:${d.location.col}`);
  if (d.frame) lines.push(d.frame);
  if (d.expected) lines.push(`  = expected: ${d.expected}`);
  if (d.suggestion) lines.push(`  = help: ${d.suggestion}`);
  return lines.join('\n');
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
 * A broken invariant of Footprint itself, not something the user can fix: e.g. an id that
 * resolution guaranteed and that is missing anyway. It names what was looked up, so that the bug
 * report says where to look. Not a {@link FootprintError}: the CLI prints it as the bug it is.
 * @example throw new InternalError("no subnet 'a1' in the network, though a route table names it")
 */
export class InternalError extends Error {
  constructor(message: string) {
    super(`internal error (a bug in Footprint, please report it): ${message}`);
    this.name = 'InternalError';
  }
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

/**
 * `map.get(key)` where a miss is a bug (resolution guaranteed the key): the value, or an
 * {@link InternalError} naming the key and what the map holds. Use it instead of `map.get(key) as T`.
 * @example const subnet = getOrThrow(network.subnets, id, 'subnet');
 */
export function getOrThrow<K, V>(map: ReadonlyMap<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new InternalError(`no ${what} ${JSON.stringify(key)}`);
  return value;
}
