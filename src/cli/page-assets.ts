/**
 * Files the commands write, and the page bundle (read by the report layer, which the library
 * exports too).
 */
import { writeFileSync } from 'node:fs';
import { FootprintError } from '../errors.js';

export { loadPageAssets } from '../report/page-assets.js';

/** Writes a file the user named; a path that cannot be written is a user error. */
export function writeOutput(file: string, text: string): void {
  try {
    writeFileSync(file, text);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? 'error';
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `cannot write '${file}' (${reason})`,
      expected: 'a file path in an existing, writable directory',
    });
  }
}
