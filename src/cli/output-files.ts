/**
 * Files the commands write: checked before long work, written with a user error (exit 2) when the
 * path cannot be, never an internal one. Also re-exports the page bundle (read by the report
 * layer, which the library exports too).
 */
import { accessSync, constants, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { FootprintError } from '../errors.js';

export { loadPageAssets } from '../report/page-assets.js';

/** Writes a file the user named; a path that cannot be written is a user error. */
export function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    throw cannotWrite(file, (error as NodeJS.ErrnoException).code ?? 'error');
  }
}

function cannotWrite(file: string, reason: string): FootprintError {
  return new FootprintError({
    code: 'FP_FILE_NOT_FOUND',
    message: `cannot write '${file}' (${reason})`,
    expected: 'a file path in an existing, writable directory',
  });
}

/**
 * Fails before long work (a simulation of minutes) when the file it will write cannot be: its
 * directory missing, not a directory, or not writable. The write itself still reports what this
 * cannot foresee (a full disk).
 */
export function checkWritable(file: string): void {
  const dir = dirname(file);
  let reason: string | undefined;
  try {
    if (!statSync(dir).isDirectory()) reason = 'ENOTDIR';
    else accessSync(dir, constants.W_OK);
  } catch (error) {
    reason = (error as NodeJS.ErrnoException).code ?? 'error';
  }
  if (reason !== undefined) throw cannotWrite(file, reason);
}
