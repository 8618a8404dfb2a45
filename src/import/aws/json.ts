/**
 * Reading one snapshot file as JSON. When it does not parse, the problem is located at line:col
 * with a code frame: Node's own messages differ between versions and some carry no position, so a
 * small scanner walks the JSON grammar (RFC 8259) to the first offending character.
 */
import type { Diagnostic } from '../../errors.js';
import { codeFrame } from '../../model/index.js';

/** The text without a byte-order mark; UTF-16 (as Windows PowerShell redirection writes it) decoded. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** True when the text looks like JSON (its first non-blank character opens an object or array). */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/**
 * Parses JSON; on failure returns a diagnostic located at the first offending character.
 * @example parseJsonFile('{"Vpcs": [}', 'vpcs.json') // { diagnostic: { code: 'FP_BAD_JSON', location: { line: 1, col: 11 } … } }
 */
export function parseJsonFile(text: string, file: string): { value: unknown } | { diagnostic: Diagnostic } {
  try {
    return { value: JSON.parse(text) };
  } catch {
    const problem = jsonProblem(text);
    const { line, col } = lineCol(text, problem.offset);
    const location = { file, line, col };
    return {
      diagnostic: {
        code: 'FP_BAD_JSON',
        message: `${file} is not valid JSON: ${problem.message}`,
        location,
        frame: codeFrame(text, location),
        expected: 'the JSON the AWS CLI prints with --output json, unedited',
      },
    };
  }
}

/** 1-based line and column of an offset. */
export function lineCol(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      start = i + 1;
    }
  }
  return { line, col: offset - start + 1 };
}

class JsonProblem {
  constructor(
    readonly offset: number,
    readonly message: string,
  ) {}
}

/** The offset and a description of the first JSON grammar violation in `text`. */
export function jsonProblem(text: string): { offset: number; message: string } {
  let i = 0;
  const fail = (message: string): never => {
    throw new JsonProblem(i, message);
  };
  const describe = () => (i >= text.length ? 'the end of the file' : `'${text[i]}'`);
  const blank = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i] as string)) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail(`unexpected ${describe()}`);
  };
  const string = () => {
    i++; // the opening quote
    for (;;) {
      if (i >= text.length) fail('a string is not closed before the end of the file');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c < 32) fail('a control character (e.g. a line break) inside a string');
      if (c === 92) {
        const next = text[i + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail('a bad \\u escape');
          i += 6;
          continue;
        }
        if (next === undefined || !'"\\/bfnrt'.includes(next)) fail('a bad escape in a string');
        i += 2;
        continue;
      }
      i++;
    }
  };
  const number = () => {
    const match = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!match || match[0] === '' || match[0] === '-') fail(`unexpected ${describe()}`);
    i += (match as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nesting deeper than 512 levels');
    blank();
    const c = text[i];
    if (c === '{') {
      i++;
      blank();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        blank();
        if (text[i] !== '"')
          fail(
            text[i] === '}' ? 'a trailing comma before }' : `expected a "quoted" key, found ${describe()}`,
          );
        string();
        blank();
        if (text[i] !== ':') fail(`expected ':' after a key, found ${describe()}`);
        i++;
        value(depth + 1);
        blank();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return;
        }
        fail(`expected ',' or '}' after a value, found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      blank();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        blank();
        if (text[i] === ']') fail('a trailing comma before ]');
        value(depth + 1);
        blank();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return;
        }
        fail(`expected ',' or ']' after a value, found ${describe()}`);
      }
    }
    if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail(`expected a value, found ${describe()}`);
  };
  try {
    value(0);
    blank();
    if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
  } catch (error) {
    if (error instanceof JsonProblem) return { offset: error.offset, message: error.message };
    throw error;
  }
  // JSON.parse refused what the scanner accepts: report the whole file.
  return { offset: 0, message: 'it does not parse' };
}
