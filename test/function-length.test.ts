/**
 * No function in the library is over {@link MAX_LINES} lines: a longer one is split into named
 * phases that read as the algorithm's steps (issue 21). Read from src/ with the TypeScript
 * compiler: every function, method, accessor, constructor and arrow function with a body, its
 * body counted from the line of its `{` to the line of its `}` (a nested function counts in its
 * parent too). Tests and the catalog's data files are left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const MAX_LINES = 120;

/** Files whose long functions are data, not algorithms. */
const DATA = ['src/catalog/data/'];

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface FunctionSpan {
  /** Relative to the repository root, with `/`. */
  readonly file: string;
  readonly name: string;
  /** 1-based line of the body's first line. */
  readonly line: number;
  readonly lines: number;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { withFileTypes: true }).flatMap((entry) => {
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

/** The name a reader would look for: the declaration's, or the variable or property it is assigned to. */
function nameOf(node: ts.FunctionLikeDeclaration, source: ts.SourceFile): string {
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (node.name) return node.name.getText(source);
  const parent = node.parent;
  if (
    (ts.isVariableDeclaration(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertyDeclaration(parent)) &&
    parent.name
  )
    return parent.name.getText(source);
  return `<anonymous at line ${source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1}>`;
}

/** Every function with a body in a file, with its body's length in lines. */
function functionSpans(file: string, text: string): FunctionSpan[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const spans: FunctionSpan[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const fn = node as ts.FunctionLikeDeclaration & { body: ts.Node };
      const first = source.getLineAndCharacterOfPosition(fn.body.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(fn.body.getEnd()).line;
      spans.push({ file, name: nameOf(fn, source), line: first + 1, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return spans;
}

const where = (span: FunctionSpan) => `${span.file}:${span.line} ${span.name} (${span.lines} lines)`;

describe('function length', () => {
  const spans = sourceFiles('src')
    .filter((file) => !DATA.some((folder) => file.startsWith(folder)))
    .flatMap((file) => functionSpans(file, readFileSync(join(ROOT, file), 'utf8')))
    .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);

  it('reads the library', () => {
    expect(spans.length).toBeGreaterThan(500);
    console.log(
      `The longest functions in src/ (limit ${MAX_LINES} lines):\n${spans
        .slice(0, 10)
        .map((span) => `  ${where(span)}`)
        .join('\n')}`,
    );
  });

  it(`has no function over ${MAX_LINES} lines`, () => {
    const long = spans.filter((span) => span.lines > MAX_LINES);
    const advice = 'split each into named phases that read as the algorithm’s steps';
    expect(long.map(where), advice).toEqual([]);
  });

  describe('the measure', () => {
    it('counts a body from its opening line to its closing line, whatever declares it', () => {
      const text = [
        'export function placeServices() {',
        '  return 1;',
        '}',
        'const resolve = (x: number) => {',
        '  const inner = function () { return x; };',
        '  return inner();',
        '};',
        'class Engine { run() { return 0; } constructor() {} }',
        'const table = { render: () => 2 };',
      ].join('\n');
      expect(functionSpans('src/x.ts', text).map((s) => [s.name, s.line, s.lines])).toEqual([
        ['placeServices', 1, 3],
        ['resolve', 4, 4],
        ['inner', 5, 1],
        ['run', 8, 1],
        ['constructor', 8, 1],
        ['render', 9, 1],
      ]);
    });
  });
});
