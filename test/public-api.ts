/**
 * The public API as TypeScript sees it: every name src/index.ts exports, what kind of thing it is,
 * and the TSDoc of its declaration. Read with the compiler, so types count as much as values.
 */
import { join } from 'node:path';
import ts from 'typescript';

export type ApiKind = 'function' | 'class' | 'constant' | 'type';

export interface ApiEntry {
  readonly name: string;
  readonly kind: ApiKind;
  /** Where it is declared, relative to the repository root. */
  readonly file: string;
  /** The TSDoc summary, empty when there is none. */
  readonly summary: string;
  /** The text of each `@example` tag. */
  readonly examples: readonly string[];
}

function kindOf(declaration: ts.Declaration): ApiKind {
  if (ts.isFunctionDeclaration(declaration)) return 'function';
  if (ts.isClassDeclaration(declaration)) return 'class';
  if (ts.isVariableDeclaration(declaration)) {
    const init = declaration.initializer;
    return init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init)) ? 'function' : 'constant';
  }
  return 'type';
}

/** The exports of `src/index.ts` under `root`, sorted by name. */
export function readPublicApi(root: string): ApiEntry[] {
  const entry = join(root, 'src/index.ts');
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  // Names, kinds and TSDoc need the sources only: no standard library or @types to read (seconds).
  const program = ts.createProgram([entry], { ...options, noEmit: true, noLib: true, types: [] });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(entry);
  if (!source) throw new Error(`cannot read ${entry}`);
  const module = checker.getSymbolAtLocation(source);
  if (!module) throw new Error(`${entry} is not a module`);
  const entries: ApiEntry[] = [];
  for (const exported of checker.getExportsOfModule(module)) {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations?.[0];
    if (!declaration) throw new Error(`${exported.name} has no declaration`);
    // For a function with overloads, the docs sit on any of its declarations.
    const docs = (symbol.declarations ?? []).flatMap((d) => ts.getJSDocCommentsAndTags(d));
    const tags = (symbol.declarations ?? []).flatMap((d) => ts.getJSDocTags(d));
    entries.push({
      name: exported.name,
      kind: kindOf(declaration),
      file: declaration.getSourceFile().fileName.slice(root.length).replace(/^\//, ''),
      summary:
        ts.displayPartsToString(symbol.getDocumentationComment(checker)).trim() ||
        (docs.length > 0 ? '(tags only)' : ''),
      examples: tags
        .filter((tag) => tag.tagName.text === 'example')
        .map((tag) =>
          typeof tag.comment === 'string' ? tag.comment : (ts.getTextOfJSDocComment(tag.comment) ?? ''),
        ),
    });
  }
  return entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
