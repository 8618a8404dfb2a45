/**
 * A plain `footprint latency FROM TO [--json]` (see `plainLatency` in argv.ts), run without
 * commander: what a cold start of the executable needs for it and nothing else (issue 19). The
 * build also bundles this module on its own as a script with a V8 code cache
 * (`dist/cli-chunks/latency-plain.cjs`, see `script.ts`), which the executable runs when it can.
 * It prints what commander's `latency` command prints: both call {@link writeLatency}.
 */
import { FootprintError } from '../errors.js';
import { physicalLatency } from '../latency/index.js';
import { EMPTY_ESTATE, type Estate } from '../model/estate.js';
import { renderPhysicalLatency } from '../report/latency.js';
import type { PlainLatency } from './argv.js';
import { type CliIo, EXIT_OK, emit, printError, printInternalError, processIo } from './io.js';

/** The best physical path between two places of an estate, written as text or JSON. */
export function writeLatency(io: CliIo, estate: Estate, from: string, to: string, json: boolean): void {
  const result = physicalLatency(estate, from, to);
  emit(io, json, result, () => renderPhysicalLatency(result));
}

/**
 * Runs a plain latency command line over the catalog and returns the exit code, as the
 * executable would through commander: a user error printed (exit 2), anything else a bug (70).
 * Never throws.
 */
export function runPlainLatency(
  plain: PlainLatency,
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
): number {
  try {
    writeLatency(io, EMPTY_ESTATE, plain.from, plain.to, plain.json);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof FootprintError) return printError(io, error, plain.json);
    return printInternalError(io, error, env);
  }
}
