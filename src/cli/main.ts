#!/usr/bin/env node
/**
 * The `footprint` executable. Anything that is not a user error is a bug: it is reported as one,
 * briefly, with exit code 70 (EX_SOFTWARE).
 *
 * A reader that stops reading (`footprint matrix ... | head`) closes the pipe: the rest of the
 * output has nowhere to go, so the process ends quietly, as Unix tools do, instead of an unhandled
 * EPIPE's stack trace.
 */
import { runExecutable } from './executable.js';

for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

runExecutable(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
