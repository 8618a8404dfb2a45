#!/usr/bin/env node
/**
 * The `footprint` executable. Anything that is not a user error is a bug: it is reported as one,
 * briefly, with exit code 70 (EX_SOFTWARE).
 */
import { run } from './program.js';

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `footprint: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in Footprint; please report it with the command you ran.\n`,
    );
    if (process.env.FOOTPRINT_DEBUG) process.stderr.write(`${error instanceof Error ? error.stack : ''}\n`);
    process.exitCode = 70;
  },
);
