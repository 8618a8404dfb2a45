/**
 * The fast parser (`js-yaml`) stands in for `yaml` only where the two agree: on every YAML and JSON
 * file of the repository (the examples, the fixtures, the bad-input corpus) and on scalars of every
 * core type, it gives the same value as the full parser, and it never accepts a file the full parser
 * refuses. Positions still come from `yaml`, parsed when first asked for.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { fastValue, parseLayer, parseLayerFully } from './load.js';

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.(ya?ml|json)$/.test(name) ? [path] : [];
  });
}

/** The full parser's value, or the codes of the errors it throws. */
function fully(file: string, text: string): { value: unknown } | { codes: string[] } {
  try {
    return { value: parseLayerFully(file, text, true).value };
  } catch (error) {
    if (!(error instanceof FootprintError)) throw error;
    return { codes: error.diagnostics.map((d) => d.code) };
  }
}

describe('the fast YAML path', () => {
  const files = [...yamlFiles('examples'), ...yamlFiles('test/fixtures'), ...yamlFiles('test/golden')];

  it('gives the full parser’s value for every file it reads, and reads no file the full parser refuses', () => {
    let read = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const fast = fastValue(text);
      const full = fully(file, text);
      if (!fast) continue;
      read++;
      expect('value' in full, `${file}: the full parser refuses it`).toBe(true);
      if ('value' in full) {
        // Node's comparison, not toStrictEqual: a key named `constructor` would be taken for the class.
        expect(isDeepStrictEqual(fast.value ?? {}, full.value), file).toBe(true);
        expect(JSON.stringify(fast.value ?? {}), file).toBe(JSON.stringify(full.value));
      }
    }
    expect(files.length).toBeGreaterThan(150);
    expect(read).toBeGreaterThan(50);
  });

  it('resolves plain scalars as the YAML 1.2 core schema does, and quoted ones as strings', () => {
    const text = [
      "a: '123'",
      'b: 123',
      'c: 0o17',
      'd: 0x1F',
      'e: 1e3',
      'f: .inf',
      'g:',
      'h: ~',
      'i: True',
      'j: yes',
      'k: 1_000',
      'l: 0b11',
      'm: +12',
      'n: 1.',
      'o: -.5',
      'p: 2001-12-14',
      'q: .NaN',
      'r: 10.0.0.0/8',
      's: "x\\ty"',
      't: |',
      '  two',
      '  lines',
      'u: >-',
      '  folded',
      '  text',
      '1: numeric key',
      'null: null key',
      'v: [1, "2", { w: 3 }]',
    ].join('\n');
    const fast = fastValue(text);
    expect(fast).toBeDefined();
    expect(fast?.value).toStrictEqual(parseLayerFully('zoo.yaml', text, true).value);
  });

  it('leaves to the full parser what it must refuse or locate', () => {
    for (const text of [
      'a: &x 1\nb: *x\n',
      'a: !include other.yaml\n',
      '<<: {a: 1}\n',
      'a: 1\na: 2\n',
      'a: [1\n',
    ]) {
      expect(fastValue(text), text).toBeUndefined();
    }
  });

  it('parses the document for positions only when one is asked for', () => {
    const { layer, value } = parseLayer('lazy.yaml', 'name: x\nsites:\n  dc: { kind: datacenter }\n');
    expect(value).toStrictEqual({ name: 'x', sites: { dc: { kind: 'datacenter' } } });
    expect(layer.lineCounter.linePos(layer.text.indexOf('dc:'))).toEqual({ line: 3, col: 3 });
    expect(layer.document.errors).toEqual([]);
  });
});
