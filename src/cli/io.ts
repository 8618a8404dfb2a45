/**
 * How commands talk to the terminal: an injectable pair of streams, and the one printer that turns
 * errors into text or JSON.
 */
import { diagnosticToJson, escapeControl, type FootprintError, formatDiagnostic } from '../errors.js';
import { toJson } from '../report/format.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** True when stderr is a terminal a person watches: long work may draw progress there. */
  readonly interactive?: boolean;
  /**
   * The width of the terminal a stream writes to, which commander wraps help to; undefined (or
   * absent) when the stream is not a terminal: a pipe, a file, a test's capture.
   */
  readonly columns?: (stream: 'stdout' | 'stderr') => number | undefined;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  interactive: process.stderr.isTTY === true && !process.env.CI,
  columns: (stream) => (process[stream].isTTY ? process[stream].columns : undefined),
};

/**
 * A progress line on an interactive terminal (never in JSON, CI or a pipe): `update(label, 0..1)`
 * redraws it at most every 100 ms, `done()` clears it.
 */
export function progressLine(
  io: CliIo,
  enabled: boolean,
): { update: (label: string, fraction: number) => void; done: () => void } {
  if (!enabled || !io.interactive) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update: (label, fraction) => {
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      const width = 30;
      const filled = Math.round(fraction * width);
      io.stderr(
        `\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${Math.round(fraction * 100)}% ${label}\x1b[K`,
      );
      drawn = true;
    },
    done: () => {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}

/** Exit codes: 0 success, 1 a check failed, 2 bad input or usage, 70 a bug. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;
/** An error that is not the user's: a bug in Footprint (EX_SOFTWARE). */
export const EXIT_INTERNAL = 70;

/** Prints a user error; JSON on request. Returns the exit code. */
/** Errors printed as text: a file with thousands says the first ones and how many (JSON: all). */
export const MAX_ERRORS_SHOWN = 50;

export function printError(io: CliIo, error: FootprintError, json: boolean): number {
  if (json) {
    io.stderr(toJson({ errors: error.diagnostics.map(diagnosticToJson) }));
  } else {
    const count = error.diagnostics.length;
    const shown = error.diagnostics.slice(0, MAX_ERRORS_SHOWN);
    const body = shown.map(formatDiagnostic).join('\n\n');
    const more =
      count > shown.length
        ? `\n${(count - shown.length).toLocaleString('en-US')} more not shown (the first ${shown.length} are above; --json lists them all)`
        : '';
    io.stderr(`${body}\n${count > 1 ? `${more}\n${count.toLocaleString('en-US')} errors\n` : ''}`);
  }
  return EXIT_USAGE;
}

/**
 * Reports what is not a user error as the bug it is, briefly (its stack only with FOOTPRINT_DEBUG
 * set); returns {@link EXIT_INTERNAL} (EX_SOFTWARE).
 */
export function printInternalError(io: CliIo, error: unknown, env: NodeJS.ProcessEnv): number {
  io.stderr(
    `footprint: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in Footprint; please report it with the command you ran.\n`,
  );
  if (env.FOOTPRINT_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
  return EXIT_INTERNAL;
}

/** Writes a result: JSON when asked, else the text rendering. */
export function emit(io: CliIo, json: boolean, data: unknown, text: () => string): void {
  io.stdout(json ? toJson(data) : escapeControl(text()));
}

/**
 * Thrown by a command whose checks failed after it printed its report: the CLI exits with
 * {@link EXIT_CHECK_FAILED}.
 */
export class ChecksFailed extends Error {
  constructor(message = 'some checks failed') {
    super(message);
    this.name = 'ChecksFailed';
  }
}
