/**
 * The corpus of bad estate files: each `test/fixtures/bad/NAME.yaml` has `NAME.expected`, lines
 * that must all appear in what `footprint validate` prints. Exit code 2, never a stack trace.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footprint, ROOT, STACK_TRACE } from './cli.js';

const DIR = join(ROOT, 'test/fixtures/bad');
const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('bad estate files give precise errors', () => {
  it('has a corpus', () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
  });

  for (const file of cases) {
    it(file, async () => {
      const expected = readFileSync(join(DIR, file.replace(/\.yaml$/, '.expected')), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '');
      const result = await footprint('validate', `test/fixtures/bad/${file}`);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).not.toMatch(STACK_TRACE);
      expect(result.stderr).toMatch(/^error\[FP_[A-Z_]+\]: /);
      for (const line of expected) expect(result.stderr).toContain(line);
    });
  }

  it('prints the same errors as JSON with --json', async () => {
    const result = await footprint('validate', 'test/fixtures/bad/unknown-place.yaml', '--json');
    expect(result.code).toBe(2);
    const body = JSON.parse(result.stderr) as {
      errors: { code: string; file: string; line: number; col: number }[];
    };
    expect(body.errors[0]).toMatchObject({
      code: 'FP_UNKNOWN_PLACE',
      file: 'test/fixtures/bad/unknown-place.yaml',
      line: 5,
    });
  });
});

describe('a file with thousands of errors', () => {
  it('prints the first 50 and how many more, in linear time; --json lists them all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'footprint-many-errors-'));
    const file = join(dir, 'many.yaml');
    const sites = Array.from({ length: 3000 }, (_, i) => `  s${i}: { kind: nope, metro: metro:phoenix }`);
    writeFileSync(file, ['name: many', 'sites:', ...sites, ''].join('\n'));
    const text = await footprint('validate', file);
    expect(text.code).toBe(2);
    expect(text.stderr.match(/^error\[FP_INVALID_VALUE\]/gm)).toHaveLength(50);
    expect(text.stderr).toContain(`--> ${file}:52:`);
    expect(text.stderr).toContain('2,950 more not shown (the first 50 are above; --json lists them all)');
    expect(text.stderr.trimEnd().endsWith('3,000 errors')).toBe(true);
    const json = await footprint('validate', file, '--json');
    expect((JSON.parse(json.stderr) as { errors: unknown[] }).errors).toHaveLength(3000);
    rmSync(dir, { recursive: true, force: true });
  });
});
