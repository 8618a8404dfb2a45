/**
 * The public library API is what docs/library.md lists, by name and kind, and every function and
 * class of it has a TSDoc `@example`: read from src/index.ts with the TypeScript compiler, so types
 * count as much as values, and checked against what the module exports at run time.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { type ApiEntry, type ApiKind, readPublicApi } from './public-api.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

const LIBRARY_PAGE = 'docs/library.md';
const API_HEADING = '## The API, by name';

interface ListedName {
  readonly name: string;
  readonly kind: string;
  readonly line: number;
}

/** The rows of the tables under "The API, by name": `| \`name\` | kind | what it is |`. */
function listedNames(markdown: string): ListedName[] {
  const lines = markdown.split('\n');
  const start = lines.indexOf(API_HEADING);
  if (start < 0) throw new Error(`${LIBRARY_PAGE} has no "${API_HEADING}" section`);
  const listed: ListedName[] = [];
  for (let i = start + 1; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.startsWith('## ')) break;
    const row = /^\|\s*`([^`]+)`\s*\|\s*([a-z]+)\s*\|/.exec(line);
    if (row) listed.push({ name: row[1] as string, kind: row[2] as string, line: i + 1 });
  }
  return listed;
}

describe('the public API', () => {
  let api: ApiEntry[];
  let listed: ListedName[];

  beforeAll(() => {
    api = readPublicApi(ROOT);
    listed = listedNames(readFileSync(join(ROOT, LIBRARY_PAGE), 'utf8'));
  }, 60_000);

  it(`is what ${LIBRARY_PAGE} lists, name by name`, () => {
    const exported = api.map((e) => e.name).sort();
    const names = listed.map((l) => l.name);
    expect(
      names.filter((name, i) => names.indexOf(name) !== i),
      'listed twice',
    ).toEqual([]);
    expect(
      exported.filter((name) => !names.includes(name)),
      `exported by src/index.ts but not listed in ${LIBRARY_PAGE}`,
    ).toEqual([]);
    expect(
      names.filter((name) => !exported.includes(name)),
      `listed in ${LIBRARY_PAGE} but not exported by src/index.ts`,
    ).toEqual([]);
  });

  it('says what kind of thing each name is', () => {
    const kinds = new Map<string, ApiKind>(api.map((e) => [e.name, e.kind]));
    const wrong = listed
      .filter((l) => kinds.has(l.name) && kinds.get(l.name) !== l.kind)
      .map((l) => `${LIBRARY_PAGE}:${l.line}: ${l.name} is a ${kinds.get(l.name)}, not a ${l.kind}`);
    expect(wrong).toEqual([]);
  });

  it('is small enough to learn: no internals', () => {
    // About six names a capability: game days (issue 15) brought the bound from 120 to 130.
    expect(api.length).toBeLessThan(130);
    for (const name of [
      'traceRoute',
      'lintEstate',
      'loadEstate',
      'placeServices',
      'importAws',
      'FootprintError',
    ])
      expect(api.map((e) => e.name)).toContain(name);
  });

  it('has a TSDoc @example, naming it, on every function and class', () => {
    const missing = api
      .filter((e) => e.kind === 'function' || e.kind === 'class')
      .filter((e) => !e.examples.some((example) => example.includes(e.name)))
      .map((e) => `${e.file}: ${e.name}`);
    expect(missing, 'functions without an @example that uses them').toEqual([]);
  });

  it('has a TSDoc summary on every name', () => {
    const missing = api.filter((e) => e.summary === '').map((e) => `${e.file}: ${e.name}`);
    expect(missing, 'exports without a TSDoc comment').toEqual([]);
  });

  it('exports at run time exactly the values it declares', async () => {
    const module = await import('../src/index.js');
    const values = api.filter((e) => e.kind !== 'type').map((e) => e.name);
    expect(Object.keys(module).sort()).toEqual(values.sort());
  });

  it('imports from the layers\u2019 index files only, never from a file inside a layer', () => {
    const source = readFileSync(join(ROOT, 'src/index.ts'), 'utf8');
    const from = [...source.matchAll(/^(?:export|\}).* from '([^']+)';$/gm)].map((m) => m[1] as string);
    expect(from.length).toBeGreaterThan(10);
    expect(from.filter((path) => !/^\.\/([a-z]+\/index|errors)\.js$/.test(path))).toEqual([]);
  });
});
