/**
 * The layer rule (the design's Architecture, and the README's Development section): a layer
 * imports only from layers above it in this order. Every import counts: type-only ones, `export … from`, `import()` and `typeof import()`,
 * and tests (a test belongs to the layer of its folder).
 *
 *   src/errors.ts       user-facing errors with stable codes, and the printer
 *   src/suggest.ts      did-you-mean: the closest ids to a misspelt one
 *   src/geo/            great-circle distance, coordinates
 *   src/catalog/        the embedded AWS catalog
 *   src/network/spec/   the network section of the estate file: CIDRs, its schema, its
 *                       resolution into a checked Network (implicit routes, TGW propagation);
 *                       it needs nothing from the model, so the estate can compose it
 *   src/model/          the estate: schema, loading, resolution; it puts network/spec's
 *                       networkSchema in its schema and calls its resolveNetwork with a report
 *                       that locates problems in the user's files
 *   src/import/         estates from AWS CLI output
 *   src/latency/        physical latency
 *   src/network/        LPM, compilation, forwarding through gateways, trace
 *   src/lint/           rules over the estate and its network
 *   src/app/            request latency
 *   src/placement/      placement optimisation
 *   src/sim/            the simulator
 *   src/sweep/          grids of simulations
 *   src/report/         report data and renderers
 *   src/cli/            one file per command
 *   src/index.ts        the public library API
 *
 * Around the library: test/, bench/ and scripts/ use it (anything in src/) and their own files
 * (test/ may also test scripts/, e.g. the generator of the estate reference, and use bench/'s
 * helpers, e.g. the Redis server a test and a benchmark both start);
 * web/ uses only the library's output (type-only imports from src/); src/ imports none of them,
 * except that a test under src/ may use bench/'s generated estates (made for benchmarks and scale
 * tests): a test is not shipped, so this adds nothing to the library's dependencies.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/** The layers, first to last. An entry ending in `/` is a folder; the longest match wins. */
const LAYERS = [
  'src/errors.ts',
  'src/suggest.ts',
  'src/geo/',
  'src/catalog/',
  'src/network/spec/',
  'src/model/',
  'src/import/',
  'src/latency/',
  'src/network/',
  'src/lint/',
  'src/app/',
  'src/placement/',
  'src/sim/',
  'src/gameday/',
  'src/sweep/',
  'src/report/',
  'src/cli/',
  'src/index.ts',
] as const;

/** The folders around the library. */
const AROUND = ['test/', 'bench/', 'scripts/', 'web/'] as const;

interface SourceFile {
  /** Relative to the repository root, with `/`. */
  readonly path: string;
  readonly text: string;
}

interface Import {
  readonly line: number;
  readonly specifier: string;
  readonly typeOnly: boolean;
}

interface Violation {
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly rule: string;
}

/** Every module a file names: imports, re-exports, `import()` and `typeof import()` types. */
function importsOf(file: SourceFile): Import[] {
  const source = ts.createSourceFile(file.path, file.text, ts.ScriptTarget.Latest);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: ts.Expression | undefined, typeOnly: boolean) => {
    if (!specifier || !ts.isStringLiteralLike(specifier)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ line, specifier: specifier.text, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node)) add(node, node.moduleSpecifier, node.importClause?.isTypeOnly === true);
    else if (ts.isExportDeclaration(node)) add(node, node.moduleSpecifier, node.isTypeOnly);
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference))
      add(node, node.moduleReference.expression, node.isTypeOnly);
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument))
      add(node, node.argument.literal, true);
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      add(node, node.arguments[0], false);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The layer of a path under src/ (its index in {@link LAYERS}), or -1 when it is in none. */
function layerOf(path: string): number {
  // An import names `x.js` for `x.ts`; `errors.test.ts` belongs with `errors.ts`.
  const file = path.replace(/\.(m?js)$/, '.ts').replace(/\.test\.ts$/, '.ts');
  let best = -1;
  LAYERS.forEach((layer, i) => {
    const matches = layer.endsWith('/') ? file.startsWith(layer) : file === layer;
    if (matches && (best < 0 || layer.length > (LAYERS[best] as string).length)) best = i;
  });
  return best;
}

function rootOf(path: string): string {
  return path.startsWith('src/') ? 'src/' : (AROUND.find((root) => path.startsWith(root)) ?? '');
}

function layerName(index: number): string {
  return `${LAYERS[index]} (layer ${index + 1} of ${LAYERS.length})`;
}

/** The imports that break the layer rule, each with the rule it breaks. */
function checkLayers(files: readonly SourceFile[]): Violation[] {
  const violations: Violation[] = [];
  for (const file of files) {
    const root = rootOf(file.path);
    const own = root === 'src/' ? layerOf(file.path) : -1;
    if (root === 'src/' && own < 0) {
      violations.push({
        file: file.path,
        line: 1,
        specifier: '',
        rule: 'every file under src/ is in a layer: add its folder to LAYERS (and to the README layout) where it belongs',
      });
      continue;
    }
    for (const { line, specifier, typeOnly } of importsOf(file)) {
      if (!specifier.startsWith('.')) continue; // a package
      const target = posix.join(posix.dirname(file.path), specifier);
      const targetRoot = rootOf(target);
      const broken = (rule: string) => violations.push({ file: file.path, line, specifier, rule });
      if (root === 'src/') {
        if (targetRoot === 'bench/' && file.path.endsWith('.test.ts')) continue;
        if (targetRoot !== 'src/') {
          broken(
            `the library (src/) imports nothing outside src/ (a test may use bench/), but this is ${target}`,
          );
          continue;
        }
        const layer = layerOf(target);
        if (layer > own)
          broken(
            `${layerName(own)} may import only from layers above it, but ${target} is in ${layerName(layer)}${typeOnly ? ' (type-only imports count too)' : ''}`,
          );
      } else if (root === 'web/') {
        if (targetRoot === 'src/' && !typeOnly)
          broken(`web/ uses only the library's output: import its types with 'import type', not its code`);
        else if (targetRoot !== 'src/' && targetRoot !== 'web/')
          broken(`web/ imports only web/ and types from src/, but this is ${target}`);
      } else if (
        targetRoot !== 'src/' &&
        targetRoot !== root &&
        !(root === 'test/' && (targetRoot === 'scripts/' || targetRoot === 'bench/'))
      ) {
        broken(
          `${root} imports the library (src/) and its own files (test/ may check scripts/ and use bench/ too), but this is ${target}`,
        );
      }
    }
  }
  return violations;
}

function formatViolation(v: Violation): string {
  return `${v.file}:${v.line}${v.specifier ? ` imports '${v.specifier}'` : ''}: ${v.rule}`;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

function readTree(folder: string): SourceFile[] {
  const out: SourceFile[] = [];
  for (const entry of readdirSync(join(ROOT, folder), { withFileTypes: true })) {
    const path = posix.join(folder, entry.name);
    if (entry.isDirectory()) out.push(...readTree(path));
    else if (/\.(ts|mts|mjs)$/.test(entry.name))
      out.push({ path, text: readFileSync(join(ROOT, path), 'utf8') });
  }
  return out;
}

describe('layers', () => {
  const files = ['src', ...AROUND.map((root) => root.slice(0, -1))].flatMap(readTree);

  it('reads the library, its tests, the page, the benchmarks and the scripts', () => {
    for (const root of ['src/', 'src/network/spec/', ...AROUND])
      expect(
        files.some((f) => f.path.startsWith(root)),
        root,
      ).toBe(true);
    expect(files.some((f) => f.path.startsWith('src/') && f.path.endsWith('.test.ts'))).toBe(true);
  });

  it('has every import go up the layer order', () => {
    expect(checkLayers(files).map(formatViolation)).toEqual([]);
  });

  describe('the checker', () => {
    const check = (path: string, text: string) => checkLayers([{ path, text }]).map(formatViolation);

    it('fails on an upward import, type-only ones and tests included', () => {
      expect(
        check('src/model/resolve.ts', "import { compileNetwork } from '../network/compile.js';"),
      ).toEqual([
        "src/model/resolve.ts:1 imports '../network/compile.js': src/model/ (layer 6 of 18) may import only from layers above it, but src/network/compile.js is in src/network/ (layer 9 of 18)",
      ]);
      expect(
        check('src/network/spec/x.test.ts', "\nimport type { Estate } from '../../model/index.js';"),
      ).toEqual([
        "src/network/spec/x.test.ts:2 imports '../../model/index.js': src/network/spec/ (layer 5 of 18) may import only from layers above it, but src/model/index.js is in src/model/ (layer 6 of 18) (type-only imports count too)",
      ]);
      expect(check('src/errors.test.ts', "import { parseEstate } from './model/index.js';")).toHaveLength(1);
      for (const text of [
        "export { traceRoute } from '../network/index.js';",
        "export type * from '../network/index.js';",
        "const m = await import('../network/index.js');",
        "let t: typeof import('../network/index.js').traceRoute;",
        "import lint = require('../lint/index.js');",
      ])
        expect(check('src/latency/x.ts', text), text).toHaveLength(1);
    });

    it('lets a layer import itself and the layers above it', () => {
      const text = [
        "import { FootprintError } from '../errors.js';",
        "import type { Cidr } from '../network/spec/index.js';",
        "import { loadEstate } from '../model/index.js';",
        "import { forward } from './forward.js';",
        "import { z } from 'zod';",
      ].join('\n');
      expect(check('src/network/trace.ts', text)).toEqual([]);
    });

    it('keeps the library out of the tests, benchmarks, scripts and page', () => {
      expect(check('src/network/x.ts', "import { networkEstate } from '../../bench/estates.js';")).toEqual([
        "src/network/x.ts:1 imports '../../bench/estates.js': the library (src/) imports nothing outside src/ (a test may use bench/), but this is bench/estates.js",
      ]);
      expect(
        check('src/network/x.test.ts', "import { networkEstate } from '../../bench/estates.js';"),
      ).toEqual([]);
      expect(check('src/network/x.test.ts', "import { runCli } from '../../test/cli.js';")).toHaveLength(1);
      expect(check('bench/x.ts', "import { runCli } from '../test/cli.js';")).toHaveLength(1);
      expect(check('test/x.test.ts', "import { parseEstate } from '../src/model/index.js';")).toEqual([]);
    });

    it('lets the page take only types from the library', () => {
      expect(check('web/report.ts', "import type { EstateReport } from '../src/report/estate.js';")).toEqual(
        [],
      );
      expect(
        check('web/report.ts', "import { buildEstateReport } from '../src/report/estate.js';"),
      ).toHaveLength(1);
      expect(check('web/report.ts', "import { h } from '../test/cli.js';")).toHaveLength(1);
    });

    it('fails on a file under src/ in no layer', () => {
      expect(check('src/gadgets/x.ts', '')).toEqual([
        'src/gadgets/x.ts:1: every file under src/ is in a layer: add its folder to LAYERS (and to the README layout) where it belongs',
      ]);
    });
  });
});
