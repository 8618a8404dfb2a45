/**
 * How commands talk to the terminal: an injectable pair of streams, and the one printer that turns
 * errors into text or JSON.
 */
import { diagnosticToJson, type FootprintError, formatDiagnostic } from '../errors.js';
import { toJson } from '../report/index.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

/** Exit codes: 0 success, 1 a check failed, 2 bad input or usage. */
export const EXIT_OK = 0;
export const EXIT_CHECK_FAILED = 1;
export const EXIT_USAGE = 2;

/** Prints a user error; JSON on request. Returns the exit code. */
export function printError(io: CliIo, error: FootprintError, json: boolean): number {
  if (json) {
    io.stderr(toJson({ errors: error.diagnostics.map(diagnosticToJson) }));
  } else {
    const count = error.diagnostics.length;
    const body = error.diagnostics.map(formatDiagnostic).join('\n\n');
    io.stderr(`${body}\n${count > 1 ? `\n${count} errors\n` : ''}`);
  }
  return EXIT_USAGE;
}

/** Writes a result: JSON when asked, else the text rendering. */
export function emit(io: CliIo, json: boolean, data: unknown, text: () => string): void {
  io.stdout(json ? toJson(data) : text());
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
