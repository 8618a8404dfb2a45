/**
 * The page bundle built from web/ by `npm run build` (scripts/build-web.mjs): read once per process.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { FootprintError } from '../errors.js';
import type { PageAssets } from '../report/html.js';

const BUNDLE = new URL('../../dist/web/', import.meta.url);

let cached: PageAssets | undefined;

/** Reads dist/web/page.js and page.css; a missing bundle is a broken install, said plainly. */
export function loadPageAssets(): PageAssets {
  if (!cached) {
    try {
      cached = {
        script: readFileSync(new URL('page.js', BUNDLE), 'utf8'),
        style: readFileSync(new URL('page.css', BUNDLE), 'utf8'),
      };
    } catch {
      throw new FootprintError({
        code: 'FP_FILE_NOT_FOUND',
        message: 'the page bundle (dist/web/page.js) is missing',
        suggestion: 'run `npm run build` in the Footprint checkout',
      });
    }
  }
  return cached;
}

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
