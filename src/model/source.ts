/**
 * Where each value of an estate came from: the parsed YAML documents of a file and the files it
 * extends, so that any path into the merged estate maps back to file:line:col with a code frame.
 */
import { type Document, isMap, isScalar, isSeq, LineCounter, type Pair, type Node as YamlNode } from 'yaml';
import type { Diagnostic, ErrorCode, SourceLocation } from '../errors.js';

/** A path into the estate's data: keys and array indices, e.g. `['links', 'dx-phx', 'between', 1]`. */
export type DataPath = readonly (string | number)[];

/** One parsed file of an estate. */
export interface SourceLayer {
  /** The file name as the user gave it (or as `extends` resolved it), used in messages. */
  readonly file: string;
  readonly text: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /**
   * False for a file that is not named as YAML or JSON (reached through `extends:`): its lines are
   * never quoted in a code frame, whatever it turns out to hold.
   */
  readonly quote?: boolean;
}

/**
 * The files of an estate, most derived first. Maps data paths to positions.
 */
export class EstateSource {
  constructor(readonly layers: readonly SourceLayer[]) {}

  /** The files, most derived first. */
  get files(): string[] {
    return this.layers.map((l) => l.file);
  }

  /**
   * The position of the value at `path` (or of its key, with `on: 'key'`). The most derived file that
   * defines the exact path wins; failing that, the deepest defined ancestor.
   */
  locate(path: DataPath, on: 'value' | 'key' = 'value'): SourceLocation | undefined {
    let best: { layer: SourceLayer; node: YamlNode; depth: number; isKey: boolean } | undefined;
    for (const layer of this.layers) {
      const found = findNode(layer.document.contents, path, on);
      if (found && (!best || found.depth > best.depth)) best = { layer, ...found };
      if (best && best.depth === path.length) break;
    }
    if (!best) {
      const first = this.layers[0];
      return first ? { file: first.file, line: 1, col: 1 } : undefined;
    }
    const range = best.node.range;
    const start = range ? range[0] : 0;
    const end = range ? range[1] : start + 1;
    const pos = best.layer.lineCounter.linePos(start);
    const lineEnd = lineEndOffset(best.layer.text, start);
    return {
      file: best.layer.file,
      line: pos.line,
      col: pos.col,
      length: Math.max(1, Math.min(end, lineEnd) - start),
    };
  }

  /** A code frame for a location in one of these files. */
  frame(location: SourceLocation): string | undefined {
    const layer = this.layers.find((l) => l.file === location.file);
    return layer && layer.quote !== false ? codeFrame(layer.text, location) : undefined;
  }

  /** A diagnostic located at `path`, with its code frame. */
  diagnostic(
    path: DataPath,
    code: ErrorCode,
    message: string,
    extra: { expected?: string; suggestion?: string; on?: 'value' | 'key' } = {},
  ): Diagnostic {
    const location = this.locate(path, extra.on);
    const frame = location ? this.frame(location) : undefined;
    return {
      code,
      message,
      ...(location ? { location } : {}),
      ...(frame ? { frame } : {}),
      ...(extra.expected ? { expected: extra.expected } : {}),
      ...(extra.suggestion ? { suggestion: extra.suggestion } : {}),
    };
  }
}

function findNode(
  root: unknown,
  path: DataPath,
  on: 'value' | 'key',
): { node: YamlNode; depth: number; isKey: boolean } | undefined {
  let node = root as YamlNode | null | undefined;
  if (!node) return undefined;
  let depth = 0;
  let keyNode: YamlNode | undefined;
  for (const segment of path) {
    keyNode = undefined;
    let next: YamlNode | undefined;
    if (isMap(node)) {
      const pair = pairsByKey(node).get(String(segment));
      if (pair) {
        keyNode = pair.key as YamlNode;
        next = (pair.value as YamlNode | null) ?? keyNode;
      }
    } else if (isSeq(node) && typeof segment === 'number') {
      next = node.items[segment] as YamlNode | undefined;
    }
    if (!next) break;
    node = next;
    depth++;
  }
  if (on === 'key' && keyNode && depth === path.length) return { node: keyNode, depth, isKey: true };
  return { node, depth, isKey: false };
}

/**
 * A map's pairs by key, built once per map: locating thousands of errors in a map of thousands of
 * entries would otherwise search it once per error. The first pair of a key wins, as `find` did.
 */
const pairIndex = new WeakMap<object, Map<string, Pair<unknown, unknown>>>();
function pairsByKey(map: { items: Pair<unknown, unknown>[] }): Map<string, Pair<unknown, unknown>> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const p of map.items)
      if (isScalar(p.key) && !index.has(String(p.key.value))) index.set(String(p.key.value), p);
    pairIndex.set(map, index);
  }
  return index;
}

function lineEndOffset(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl === -1 ? text.length : nl;
}

/**
 * A code frame: the offending line with one line of context either side and a caret underline.
 * @example codeFrame('a: 1\nb: x\n', { file: 'f', line: 2, col: 4 })
 */
export function codeFrame(text: string, location: SourceLocation): string {
  const lines = linesOf(text);
  const first = Math.max(1, location.line - 1);
  const last = Math.min(lines.length, location.line + 1);
  const width = String(last).length;
  const out = [`${' '.repeat(width + 1)}|`];
  for (let n = first; n <= last; n++) {
    const line = lines[n - 1] ?? '';
    if (n !== location.line && line.trim() === '') continue;
    // A long line (minified JSON, deep nesting) is shown as a window around the column.
    const from = Math.max(0, Math.min(location.col - 1 - FRAME_WIDTH / 2, line.length - FRAME_WIDTH));
    const cut = line.length > FRAME_WIDTH;
    const content = cut
      ? `${from > 0 ? '…' : ''}${line.slice(from, from + FRAME_WIDTH)}${from + FRAME_WIDTH < line.length ? '…' : ''}`
      : line;
    out.push(`${String(n).padStart(width)} | ${content}`);
    if (n === location.line) {
      const col = cut ? location.col - from + (from > 0 ? 1 : 0) : location.col;
      const caretLength = Math.max(1, Math.min(location.length ?? 1, content.length - col + 1));
      out.push(`${' '.repeat(width + 1)}| ${' '.repeat(col - 1)}${'^'.repeat(caretLength)}`);
    }
  }
  return out.join('\n');
}

/** The widest stretch of a line a code frame shows. */
const FRAME_WIDTH = 160;

/**
 * The lines of the last few texts framed: a file with 25,000 errors is split once, not once per
 * error (which made printing them quadratic).
 */
const splitTexts = new Map<string, readonly string[]>();
function linesOf(text: string): readonly string[] {
  let lines = splitTexts.get(text);
  if (!lines) {
    if (splitTexts.size >= 4) splitTexts.delete(splitTexts.keys().next().value as string);
    lines = text.split(/\r?\n/);
    splitTexts.set(text, lines);
  }
  return lines;
}

export { LineCounter };
