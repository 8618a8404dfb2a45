#!/usr/bin/env node
/**
 * The `footprint` executable. Anything that is not a user error is a bug: it is reported as one,
 * briefly, with exit code 70 (EX_SOFTWARE).
 *
 * A plain `footprint latency FROM TO [--json]` runs the script the build made of
 * `latency-plain.ts`, with its V8 code cache (`script.ts`), when it is there: a cold start then
 * loads one file and compiles next to nothing (issue 19). Any other command line, or no script (or
 * one that does not load), goes through the modules (`executable.ts`).
 *
 * A reader that stops reading (`footprint matrix ... | head`) closes the pipe: the rest of the
 * output has nowhere to go, so the process ends quietly, as Unix tools do, instead of an unhandled
 * EPIPE's stack trace.
 */
import { plainLatency } from './argv.js';
import { loadScript } from './script.js';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/**
 * The built script of `latency-plain.ts`; undefined when there is none or it does not load (a
 * damaged file): the modules then answer, the same.
 */
function plainLatencyScript() {
  try {
    return loadScript<typeof import('./latency-plain.js')>(
      new URL('../cli-chunks/', import.meta.url),
      'latency-plain',
    );
  } catch {
    return undefined;
  }
}

const argv = process.argv.slice(2);
const plain = plainLatency(argv);
const script = plain && plainLatencyScript();
if (plain && script) process.exitCode = script.exports.runPlainLatency(plain);
else
  import('./executable.js')
    .then((m) => m.runExecutable(argv))
    .then((code) => {
      process.exitCode = code;
    });
