/**
 * The report pages the browser tests open, written once per test process however many files open
 * them (vitest runs a worker's files in one process: `isolate: false`), into a folder removed as the
 * process exits. A page is `footprint report ESTATE -o PAGE`, checked to end with exit code 0.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { footprint } from './cli.js';

let dir: string | undefined;
const written = new Map<string, Promise<string>>();

function folder(): string {
  if (!dir) {
    const made = mkdtempSync(join(tmpdir(), 'fp-report-pages-'));
    process.once('exit', () => rmSync(made, { recursive: true, force: true }));
    dir = made;
  }
  return dir;
}

/** The path of the report page of `estate` (a path from the repository's root). */
export function reportPage(estate: string): Promise<string> {
  let page = written.get(estate);
  if (!page) {
    const out = join(folder(), `${estate.replace(/\W+/g, '-')}.html`);
    page = footprint('report', estate, '-o', out).then((result) => {
      expect(result.code, result.stderr).toBe(0);
      return out;
    });
    written.set(estate, page);
  }
  return page;
}
