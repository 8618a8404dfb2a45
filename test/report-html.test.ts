/**
 * `footprint report FILE -o page.html`: one self-contained, deterministic HTML file.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { footprint, json, STACK_TRACE } from './cli.js';

const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';

describe('footprint report -o', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-html-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the same bytes on every run', async () => {
    const [a, b] = [join(dir, 'a.html'), join(dir, 'b.html')];
    const first = await footprint('report', EXAMPLE, '-o', a);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/^wrote .*a\.html \(\d\.\d MB\)/);
    expect((await footprint('report', EXAMPLE, '--output', b)).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it('holds the report JSON, the page script and style, and refers to nothing outside', async () => {
    const file = join(dir, 'page.html');
    expect((await footprint('report', EXAMPLE, '-o', file)).code).toBe(0);
    const html = readFileSync(file, 'utf8');
    const data = /<script type="application\/json" id="footprint-report">([\s\S]*?)<\/script>/.exec(
      html,
    )?.[1];
    const report = JSON.parse(data as string) as { estate: { name: string }; places: unknown[] };
    expect(report).toEqual(json(await footprint('report', EXAMPLE, '--json')));
    expect(report.estate.name).toBe('ticketmaster-southwest');
    expect(html.includes("connect-src 'none'")).toBe(true);
    // No external resource of any kind: no src/href but data:, no @import, url() only to a
    // fragment of the page itself, and the only http URLs are XML namespace names.
    const outside = [
      ...html.matchAll(/\s(?:src|href)="(?!data:)[^"]*"|@import|url\((?!["'`]?(?:#|data:))[^)]*\)/g),
      ...[...html.matchAll(/https?:\/\/[^"'`\s)]*/g)].filter((m) => !m[0].startsWith('http://www.w3.org/')),
    ].map((m) => m[0]);
    expect(outside).toEqual([]);
    // Big enough to hold the world atlas, small enough to mail: about 1 MB.
    expect(html.length).toBeGreaterThan(500_000);
    expect(html.length).toBeLessThan(2_000_000);
  });

  it('prints where it wrote as JSON on request', async () => {
    const file = join(dir, 'json.html');
    const result = await footprint('report', EXAMPLE, '-o', file, '--json');
    expect(json<{ output: string; bytes: number }>(result)).toEqual({
      output: file,
      bytes: readFileSync(file).length,
    });
  });

  it('says plainly when it cannot write the file', async () => {
    const result = await footprint('report', EXAMPLE, '-o', join(dir, 'missing', 'page.html'));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('error[FP_FILE_NOT_FOUND]: cannot write');
    expect(result.stderr).toContain('(ENOENT)');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});
