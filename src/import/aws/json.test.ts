import { describe, expect, it } from 'vitest';
import { decodeText, jsonProblem, lineCol, parseJsonFile } from './json.js';

describe('malformed JSON is located at line:col', () => {
  const cases: [string, string, number, number][] = [
    ['trailing comma in an object', '{\n  "Vpcs": [\n    { "VpcId": "vpc-1", }\n  ]\n}', 3, 25],
    ['trailing comma in an array', '{"Vpcs": [1, 2,]}', 1, 16],
    ['missing comma', '{\n  "a": 1\n  "b": 2\n}', 3, 3],
    ['truncated file', '{\n  "Subnets": [\n    {\n', 4, 1],
    ['unquoted key', '{ Vpcs: [] }', 1, 3],
    ['bad literal', '{"a": tru}', 1, 7],
    ['text after the value', '{"a": 1}\n{"b": 2}', 2, 1],
    ['a line break inside a string', '{"a": "x\ny"}', 1, 9],
    ['a single-quoted string', "{'a': 1}", 1, 2],
  ];
  for (const [what, text, line, col] of cases) {
    it(what, () => {
      expect(() => JSON.parse(text)).toThrow();
      const result = parseJsonFile(text, 'f.json');
      if (!('diagnostic' in result)) throw new Error('parsed');
      expect(result.diagnostic.code).toBe('FP_BAD_JSON');
      expect(result.diagnostic.location).toEqual({ file: 'f.json', line, col });
      expect(result.diagnostic.frame).toContain('^');
    });
  }

  it('says what it found', () => {
    expect(jsonProblem('{"a": 1,}').message).toBe('a trailing comma before }');
    expect(jsonProblem('{"a": 1').message).toBe(
      "expected ',' or '}' after a value, found the end of the file",
    );
  });

  it('parses what JSON.parse parses', () => {
    expect(parseJsonFile('{"Vpcs": [{"VpcId": "vpc-1", "n": -1.5e3, "t": true, "x": null}]}', 'f')).toEqual({
      value: { Vpcs: [{ VpcId: 'vpc-1', n: -1500, t: true, x: null }] },
    });
  });

  it('counts lines and columns from 1', () => {
    expect(lineCol('ab\ncd', 0)).toEqual({ line: 1, col: 1 });
    expect(lineCol('ab\ncd', 4)).toEqual({ line: 2, col: 2 });
  });
});

describe('text encodings the AWS CLI output arrives in', () => {
  const json = '{"Vpcs": []}';
  it('UTF-8 with and without a byte-order mark', () => {
    expect(decodeText(new TextEncoder().encode(json))).toBe(json);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(json)]))).toBe(json);
  });
  it('UTF-16LE with a byte-order mark (Windows PowerShell redirection)', () => {
    const bytes = [0xff, 0xfe, ...[...json].flatMap((c) => [c.charCodeAt(0), 0])];
    expect(decodeText(new Uint8Array(bytes))).toBe(json);
  });
});
