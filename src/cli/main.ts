#!/usr/bin/env node
/**
 * The `footprint` executable. Anything that is not a user error is a bug: it is reported as one,
 * briefly, with exit code 70 (EX_SOFTWARE).
 */
import { runExecutable } from './program.js';

runExecutable(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
