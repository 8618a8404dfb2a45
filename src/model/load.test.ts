import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { loadEstateData, mergePatch } from './load.js';

function files(map: Record<string, string>) {
  return (path: string) => map[path];
}

function errorOf(fn: () => unknown): FootprintError {
  try {
    fn();
  } catch (error) {
    if (error instanceof FootprintError) return error;
    throw error;
  }
  throw new Error('expected a FootprintError');
}

describe('mergePatch (RFC 7396)', () => {
  it('merges maps, replaces lists and scalars, deletes with null', () => {
    expect(mergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [9] })).toEqual({
      a: 1,
      b: { d: 3, e: 4 },
      l: [9],
    });
    expect(mergePatch({ a: 1 }, 'x')).toBe('x');
  });
});

describe('loadEstateData', () => {
  it('merges an extends chain, most derived last', () => {
    const { data, source } = loadEstateData(
      'dir/do.yaml',
      files({
        'dir/do.yaml': 'extends: base.yaml\nname: do\nsites:\n  b: { kind: colo }\n',
        'dir/base.yaml': 'name: base\nsites:\n  a: { kind: datacenter }\n',
      }),
    );
    expect(data).toEqual({ name: 'do', sites: { a: { kind: 'datacenter' }, b: { kind: 'colo' } } });
    expect(source.files).toEqual(['dir/do.yaml', 'dir/base.yaml']);
  });

  it('locates values in the file that defined them', () => {
    const { source } = loadEstateData(
      'do.yaml',
      files({
        'do.yaml': 'extends: base.yaml\nname: do\n',
        'base.yaml': 'name: base\nsites:\n  a:\n    kind: datacenter\n',
      }),
    );
    expect(source.locate(['sites', 'a', 'kind'])).toMatchObject({ file: 'base.yaml', line: 4, col: 11 });
    expect(source.locate(['name'])).toMatchObject({ file: 'do.yaml', line: 2, col: 7 });
    expect(source.locate(['sites', 'a'], 'key')).toMatchObject({ file: 'base.yaml', line: 3, col: 3 });
  });

  it('reports a cycle of extends with its location', () => {
    const error = errorOf(() =>
      loadEstateData(
        'a.yaml',
        files({ 'a.yaml': 'extends: b.yaml\nname: a\n', 'b.yaml': 'extends: a.yaml\nname: b\n' }),
      ),
    );
    expect(error.code).toBe('FP_EXTENDS');
    expect(error.message).toContain('cycle');
    expect(error.diagnostics[0]?.location).toMatchObject({ file: 'b.yaml', line: 1 });
  });

  it('reports a missing base file at the extends line', () => {
    const error = errorOf(() =>
      loadEstateData('a.yaml', files({ 'a.yaml': 'name: a\nextends: nowhere.yaml\n' })),
    );
    expect(error.code).toBe('FP_EXTENDS');
    expect(error.message).toContain("cannot read estate file 'nowhere.yaml'");
    expect(error.diagnostics[0]?.location).toMatchObject({ file: 'a.yaml', line: 2, col: 10 });
  });

  it('reports a missing file without a location', () => {
    const error = errorOf(() => loadEstateData('nope.yaml', files({})));
    expect(error.code).toBe('FP_FILE_NOT_FOUND');
  });

  it('reports YAML syntax errors and duplicate keys with positions and frames', () => {
    const error = errorOf(() =>
      loadEstateData(
        'x.yaml',
        files({ 'x.yaml': 'name: x\nsites:\n  a: { kind: colo }\n  a: { kind: office }\n' }),
      ),
    );
    expect(error.code).toBe('FP_DUPLICATE_ID');
    expect(error.message).toContain("'a' appears more than once");
    expect(error.diagnostics[0]?.location).toMatchObject({ file: 'x.yaml', line: 4, col: 3 });
    expect(error.diagnostics[0]?.frame).toContain('4 |   a: { kind: office }');

    const syntax = errorOf(() => loadEstateData('y.yaml', files({ 'y.yaml': 'name: [unclosed\n' })));
    expect(syntax.code).toBe('FP_YAML_SYNTAX');
    expect(syntax.diagnostics[0]?.location?.file).toBe('y.yaml');
  });
});
