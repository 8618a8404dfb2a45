/**
 * The page bundle built from web/ by `npm run build` (scripts/build-web.mjs): read once per process.
 */
import { readFileSync } from 'node:fs';
import { FootprintError } from '../errors.js';
import type { PageAssets } from './html.js';

const BUNDLE = new URL('../../dist/web/', import.meta.url);

let cached: PageAssets | undefined;

/**
 * Reads dist/web/page.js and page.css, the page {@link renderHtmlPage} inlines; a missing bundle is
 * a broken install, said plainly (FP_FILE_NOT_FOUND).
 * @example const html = renderHtmlPage(buildEstateReport(estate), loadPageAssets());
 */
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
