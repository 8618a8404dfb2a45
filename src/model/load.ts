/**
 * Reading estate files: YAML (JSON is YAML too) with positions, `extends:` chains merged as
 * JSON Merge Patch (RFC 7396: maps merge key by key, `null` deletes, anything else replaces).
 */

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { CORE_SCHEMA, load as loadYamlValue } from 'js-yaml';
import { type Document, isScalar, LineCounter, parseDocument, visit } from 'yaml';
import { type Diagnostic, FootprintError } from '../errors.js';
import { allowedRoots, checkReadable, confined, decodeUtf8, isConfined, readNamedFile } from './files.js';
import { codeFrame, EstateSource, type SourceLayer } from './source.js';
import { unclosedOpener } from './yaml-unclosed.js';

/** Reads a file for the loader; returns undefined when it does not exist. */
export type ReadFile = (path: string) => string | undefined;

/** The raw, merged data of an estate and where each part came from. */
export interface LoadedEstate {
  readonly data: unknown;
  readonly source: EstateSource;
}

const MAX_EXTENDS_DEPTH = 16;

/**
 * Reads from disk; undefined for a missing file. Refuses what is not a regular file, or is over the
 * size limit (see files.ts).
 */
export const readFromDisk: ReadFile = confined((path: string) => {
  checkReadable(path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'ENOTDIR') return undefined;
    throw error;
  }
  return decodeUtf8(bytes, path);
});

/**
 * Loads an estate file and the files it extends, and merges them. Throws a {@link FootprintError}
 * with every YAML problem located in its file.
 * @example loadEstateData('examples/ticketmaster-phoenix/estate.yaml').source.files
 */
export function loadEstateData(file: string, readFile: ReadFile = readFromDisk): LoadedEstate {
  const layers: SourceLayer[] = [];
  const values: unknown[] = [];
  let current: string | undefined = file;
  let requestedFrom: { layer: SourceLayer } | undefined;
  // Files named by other files stay inside these (on disk; a custom reader decides for itself).
  const roots = isConfined(readFile) ? allowedRoots(file) : undefined;
  while (current !== undefined) {
    if (layers.some((l) => samePath(l.file, current as string))) {
      const from = requestedFrom?.layer;
      throw new FootprintError(
        extendsDiagnostic(
          from,
          `'extends' makes a cycle: ${[...layers.map((l) => l.file), current].join(' -> ')}`,
        ),
      );
    }
    if (layers.length >= MAX_EXTENDS_DEPTH) {
      throw new FootprintError(
        extendsDiagnostic(requestedFrom?.layer, `'extends' chain is deeper than ${MAX_EXTENDS_DEPTH} files`),
      );
    }
    const text = readLayer(current, readFile, requestedFrom?.layer, roots);
    if (text === undefined) {
      const message = `cannot read estate file '${current}'`;
      if (requestedFrom)
        throw new FootprintError(
          extendsDiagnostic(requestedFrom.layer, message, 'a path relative to this file'),
        );
      throw new FootprintError({
        code: 'FP_FILE_NOT_FOUND',
        message,
        expected: 'a readable YAML or JSON estate file',
      });
    }
    const named = requestedFrom !== undefined;
    const { layer, value } = parseLayer(current, text, !named || looksLikeYamlOrJson(current));
    if (named && !isPlainObject(value))
      throw new FootprintError(
        extendsDiagnostic(
          requestedFrom?.layer,
          `'${current}' is not an estate file: it holds no YAML map`,
          'a YAML or JSON estate file',
        ),
      );
    layers.push(layer);
    values.push(value);
    const parent = (value as { extends?: unknown } | null)?.extends;
    if (parent === undefined || parent === null) break;
    if (typeof parent !== 'string' || parent.length === 0) {
      throw new FootprintError(
        extendsDiagnostic(layer, "'extends' must name a file", 'a path relative to this file'),
      );
    }
    current = isAbsolute(parent) ? parent : join(dirname(current), parent);
    requestedFrom = { layer };
  }
  let data: unknown = values[values.length - 1];
  for (let i = values.length - 2; i >= 0; i--) data = mergePatch(data, values[i]);
  if (isPlainObject(data)) delete data.extends;
  return { data, source: new EstateSource(layers) };
}

/** A file name that says YAML or JSON: only such files are quoted in errors. */
export function looksLikeYamlOrJson(file: string): boolean {
  return /\.(ya?ml|json)$/i.test(file);
}

/**
 * Reads one file of an `extends` chain: a file named by another must be inside `roots`, and what
 * the reader refuses (not a regular file, too large) is located at the `extends:` that named it.
 */
function readLayer(
  path: string,
  readFile: ReadFile,
  from: SourceLayer | undefined,
  roots: readonly string[] | undefined,
): string | undefined {
  if (!from) return readFile(path);
  return readNamedFile(path, readFile, roots, (refusal) =>
    extendsDiagnostic(from, refusal.message, refusal.expected, refusal.suggestion),
  );
}

function extendsDiagnostic(
  layer: SourceLayer | undefined,
  message: string,
  expected?: string,
  suggestion?: string,
): Diagnostic {
  if (!layer) return { code: 'FP_EXTENDS', message };
  const source = new EstateSource([layer]);
  return source.diagnostic(['extends'], 'FP_EXTENDS', message, {
    ...(expected ? { expected } : {}),
    ...(suggestion ? { suggestion } : {}),
  });
}

function samePath(a: string, b: string): boolean {
  return relative(a, b) === '';
}

/**
 * What sends a file to the full parser even when the fast one reads it: anchors and aliases (`&`,
 * `*`), tags (`!`), directives (`%`), merge keys (`<<`), `__proto__`, complex keys (`?`, or a
 * collection before a colon), tabs. The full parser refuses or locates most of these; the rest are
 * rare enough that reading them slowly costs nothing.
 */
const NEEDS_FULL_PARSER = /[&*!%?\t]|<<|__proto__|[\]}]\s*:/;

/**
 * Parses one file; throws every YAML error found, each located with a code frame.
 *
 * Two parsers: `js-yaml` (its YAML 1.2 core schema, the same as `yaml`'s) reads a plain, valid file
 * about four times faster than `yaml` builds its document with positions; the document is then
 * parsed only when a position is asked for (an error in the estate, a finding that names a line).
 * Anything the fast parser refuses (a syntax error, a duplicate key) or that {@link NEEDS_FULL_PARSER}
 * matches is read by `yaml`, which finds and locates every problem.
 */
export function parseLayer(file: string, text: string, quote = true): { layer: SourceLayer; value: unknown } {
  const fast = fastValue(text);
  if (fast) return { layer: lazyLayer(file, text, quote), value: fast.value ?? {} };
  return parseLayerFully(file, text, quote);
}

/** The file's value by the fast parser; undefined when the text needs the full one. */
export function fastValue(text: string): { value: unknown } | undefined {
  if (NEEDS_FULL_PARSER.test(text)) return undefined;
  try {
    return { value: loadYamlValue(text, { schema: CORE_SCHEMA }) };
  } catch {
    return undefined;
  }
}

/** A layer whose YAML document (for positions) is parsed on first use. */
function lazyLayer(file: string, text: string, quote: boolean): SourceLayer {
  let parsed: { document: Document.Parsed; lineCounter: LineCounter } | undefined;
  const parse = () => {
    if (!parsed) {
      const lineCounter = new LineCounter();
      const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
      parsed = { document, lineCounter };
    }
    return parsed;
  };
  return {
    file,
    text,
    get document() {
      return parse().document;
    },
    get lineCounter() {
      return parse().lineCounter;
    },
    ...(quote ? {} : { quote: false }),
  };
}

/** Parses one file with `yaml`, positions and all; throws every YAML error found. */
export function parseLayerFully(
  file: string,
  text: string,
  quote: boolean,
): { layer: SourceLayer; value: unknown } {
  const lineCounter = new LineCounter();
  // Duplicate keys are found by duplicateKeys (linear); yaml's own check compares every key with
  // every earlier key of its map, seconds for an imported estate of 10,000 subnets.
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  const layer: SourceLayer = { file, text, document, lineCounter, ...(quote ? {} : { quote: false }) };
  const errors = [...document.errors, ...duplicateKeys(document)].sort((a, b) => a.pos[0] - b.pos[0]);
  if (errors.length > 0) {
    throw new FootprintError(
      errors.map((error) => {
        const opener = unclosedOpener(text, error.pos[0], error.message);
        const pos = lineCounter.linePos(opener ?? error.pos[0]);
        const location = { file, line: pos.line, col: pos.col };
        const duplicate = error.code === 'DUPLICATE_KEY';
        const message = duplicate
          ? `duplicate key: ${describeDuplicate(text, error.pos[0])}`
          : quote
            ? /call stack/i.test(error.message)
              ? 'YAML nested too deeply to read (lists or maps inside one another hundreds of levels down)'
              : `YAML syntax error: ${firstSentence(error.message)}`
            : `'${file}' is not YAML (a syntax error; its text is not shown: the file is not named .yaml, .yml or .json)`;
        return {
          code: duplicate ? 'FP_DUPLICATE_ID' : 'FP_YAML_SYNTAX',
          message,
          location,
          ...(quote ? { frame: codeFrame(text, location) } : {}),
          ...(duplicate
            ? { suggestion: 'every key of a map, and so every id, must be unique: rename one' }
            : opener !== undefined
              ? { suggestion: `this ${text[opener]} is never closed: close it, or end the line without it` }
              : {}),
        } satisfies Diagnostic;
      }),
    );
  }
  const reserved = reservedKeys(layer);
  if (reserved.length > 0) throw new FootprintError(reserved);
  let value: unknown;
  try {
    value = ownProperties(document.toJS({ maxAliasCount: 1000, mapAsMap: true }));
  } catch (error) {
    const location = { file, line: 1, col: 1 };
    throw new FootprintError({
      code: 'FP_YAML_SYNTAX',
      message: `YAML error: ${(error as Error).message}`,
      location,
      ...(quote ? { frame: codeFrame(text, location) } : {}),
    });
  }
  return { layer, value: value ?? {} };
}

/** The tags of YAML 1.2's core schema: the only ones an estate may carry (`!!str 3` is fine). */
const CORE_TAGS = new Set(
  ['str', 'int', 'float', 'bool', 'null', 'map', 'seq'].map((t) => `tag:yaml.org,2002:${t}`),
);

/**
 * What the YAML parser would take silently and wrongly, refused outright: keys that JavaScript
 * objects cannot hold safely (`__proto__`), YAML 1.1 merge keys (`<<`, an ordinary key in YAML
 * 1.2, so the keys it meant to merge would be missing) and tags other than the core schema's
 * (`!include` would be read as the string after it).
 */
function reservedKeys(layer: SourceLayer): Diagnostic[] {
  const found: Diagnostic[] = [];
  const at = (range: readonly number[] | null | undefined, length: number) => {
    const pos = layer.lineCounter.linePos(range?.[0] ?? 0);
    const location = { file: layer.file, line: pos.line, col: pos.col, length };
    return { location, ...(layer.quote !== false ? { frame: codeFrame(layer.text, location) } : {}) };
  };
  visit(layer.document, {
    Pair(_, pair) {
      if (!isScalar(pair.key)) return;
      const key = String(pair.key.value);
      if (key === '__proto__')
        found.push({
          code: 'FP_INVALID_VALUE',
          message: "'__proto__' cannot be used as a key",
          ...at(pair.key.range, 9),
          suggestion: 'rename it',
        });
      else if (key === '<<')
        found.push({
          code: 'FP_YAML_SYNTAX',
          message:
            'YAML merge keys (`<<`) are not supported: Footprint reads YAML 1.2, where `<<` is an ordinary key',
          ...at(pair.key.range, 2),
          suggestion:
            'write the keys out (anchors and aliases `&a`/`*a` of whole values work), or share a base estate with `extends:`',
        });
    },
    Node(_, node) {
      if (node.tag === undefined || CORE_TAGS.has(node.tag)) return;
      found.push({
        code: 'FP_YAML_SYNTAX',
        message: `YAML tag '${node.tag}' is not supported: its value would be read as plain text`,
        // The node's range starts at its value: the tag is the last `!` before it.
        ...at([layer.text.lastIndexOf('!', node.range?.[0] ?? 0)], node.tag.length),
        suggestion: node.tag === '!include' ? 'to build on another file, use `extends:`' : 'remove the tag',
      });
    },
  });
  const line = (d: Diagnostic) => (d.location?.line ?? 0) * 1e6 + (d.location?.col ?? 0);
  return found.sort((a, b) => line(a) - line(b));
}

/** A key that appears twice in one map, as an error at the second one (scalar keys; the estate has no others). */
function duplicateKeys(
  document: ReturnType<typeof parseDocument>,
): { code: string; pos: [number, number]; message: string }[] {
  const found: { code: string; pos: [number, number]; message: string }[] = [];
  visit(document, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        if (!isScalar(pair.key)) continue;
        if (seen.has(pair.key.value)) {
          const start = pair.key.range?.[0] ?? 0;
          found.push({ code: 'DUPLICATE_KEY', pos: [start, start + 1], message: 'duplicate key' });
        }
        seen.add(pair.key.value);
      }
    },
  });
  return found;
}

function describeDuplicate(text: string, offset: number): string {
  const rest = text.slice(offset);
  const key = /^["']?([^"':\n]+)/.exec(rest)?.[1]?.trim();
  return key ? `'${key}' appears more than once in the same map` : 'a key appears more than once';
}

function firstSentence(message: string): string {
  return message
    .replace(/ at line \d+, column \d+[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Maps to plain objects whose keys are all own properties, `__proto__` included, so that no key of
 * the user's file can vanish into a prototype or collide with an inherited name.
 */
function ownProperties(value: unknown): unknown {
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value) {
      Object.defineProperty(out, String(key), {
        value: ownProperties(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (Array.isArray(value)) return value.map(ownProperties);
  if (value instanceof Set) return [...value].map(ownProperties);
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * JSON Merge Patch (RFC 7396): applies `patch` on top of `target`.
 * @example mergePatch({ a: 1, b: { c: 2 } }, { b: { c: null, d: 3 } }) // { a: 1, b: { d: 3 } }
 */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = isPlainObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else
      Object.defineProperty(result, key, {
        value: mergePatch(result[key], value),
        enumerable: true,
        writable: true,
        configurable: true,
      });
  }
  return result;
}
