/**
 * The code blocks of the docs, read for test/docs-commands.test.ts: the shell commands of ```sh
 * blocks, the transcripts of ```console blocks (`$ npx footprint ...` then what it prints), the
 * programs of ```ts blocks, and the HTML comment before a block that says how to run it:
 *
 *   <!-- not-run: why -->                       the block is left out (and counted)
 *   <!-- docs-test: snapshot/=test/fixtures/aws/hybrid/ exit(check)=1 -->
 *                                               a file the user makes, replaced by a committed
 *                                               fixture; the exit code a subcommand should give
 */

export interface Directive {
  /** Why the block is not run, when it is not. */
  readonly notRun?: string;
  /** Files a user makes, by the name the docs give them, and the fixture that stands in for each. */
  readonly files: ReadonlyMap<string, string>;
  /** Expected exit codes by subcommand (the first word after `footprint`); 0 otherwise. */
  readonly exits: ReadonlyMap<string, number>;
}

export interface CodeBlock {
  readonly file: string;
  /** The line of the opening fence, 1-based. */
  readonly line: number;
  readonly lang: string;
  readonly lines: readonly string[];
  readonly directive: Directive;
}

const NO_DIRECTIVE: Directive = { files: new Map(), exits: new Map() };

/** Parses the comment before a block; throws on anything it does not understand. */
export function parseDirective(comment: string, where: string): Directive {
  const notRun = /^<!--\s*not-run:\s*(.+?)\s*-->$/.exec(comment);
  if (notRun) return { ...NO_DIRECTIVE, notRun: notRun[1] as string };
  const test = /^<!--\s*docs-test:\s*(.+?)\s*-->$/.exec(comment);
  if (!test) return NO_DIRECTIVE;
  const files = new Map<string, string>();
  const exits = new Map<string, number>();
  for (const token of (test[1] as string).split(/\s+/)) {
    const exit = /^exit\(([a-z-]+)\)=(\d)$/.exec(token);
    const file = /^([^=]+)=([^=]+)$/.exec(token);
    if (exit) exits.set(exit[1] as string, Number(exit[2]));
    else if (file) files.set(file[1] as string, file[2] as string);
    else
      throw new Error(
        `${where}: cannot read '${token}' in ${comment} (give FILE=FIXTURE or exit(SUBCOMMAND)=N)`,
      );
  }
  return { files, exits };
}

/** Every fenced code block of a Markdown file, with the directive of the comment just before it. */
export function readBlocks(file: string, markdown: string): CodeBlock[] {
  const lines = markdown.split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w-]*)/.exec(lines[i] as string);
    if (!open) continue;
    const fence = open[2] as string;
    const indent = (open[1] as string).length;
    const start = i;
    const body: string[] = [];
    for (i++; i < lines.length && !(lines[i] as string).trim().startsWith(fence); i++)
      body.push((lines[i] as string).slice(indent));
    let before = start - 1;
    while (before >= 0 && (lines[before] as string).trim() === '') before--;
    const comment = before >= 0 ? (lines[before] as string).trim() : '';
    blocks.push({
      file,
      line: start + 1,
      lang: (open[3] as string).toLowerCase(),
      lines: body,
      directive: comment.startsWith('<!--') ? parseDirective(comment, `${file}:${before + 1}`) : NO_DIRECTIVE,
    });
  }
  return blocks;
}

export const SHELL_LANGS = new Set(['sh', 'bash', 'shell']);

/** One command of a shell block, as the test will treat it. */
export type ShellCommand =
  | {
      readonly kind: 'footprint';
      readonly line: number;
      readonly text: string;
      readonly argv: readonly string[];
      /** `> file`: where the docs send stdout. */
      readonly stdoutTo?: string;
    }
  | { readonly kind: 'npm'; readonly line: number; readonly text: string; readonly argv: readonly string[] }
  | { readonly kind: 'unhandled'; readonly line: number; readonly text: string; readonly why: string };

/** Lines with their trailing `\` continuations joined, each with the line it starts on. */
function logicalLines(lines: readonly string[], firstLine: number): { text: string; line: number }[] {
  const out: { text: string; line: number }[] = [];
  let current: { text: string; line: number } | undefined;
  lines.forEach((raw, i) => {
    const continued = /\\\s*$/.test(raw);
    const text = raw.replace(/\\\s*$/, ' ');
    if (current) current.text += ` ${text.trim()}`;
    else current = { text, line: firstLine + i };
    if (!continued) {
      out.push(current);
      current = undefined;
    }
  });
  if (current) out.push(current);
  return out;
}

/**
 * Splits a shell line into words, honouring quotes; a `#` that starts a word starts a comment.
 * Operators (`&&`, `|`, `;`, `>`, `<`, `$(`, backquotes) come back as words of their own.
 */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i] as string;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unbalanced ${c} in: ${line}`);
      word += line.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (/\s/.test(c)) {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else if (c === '#' && !inWord) {
      break;
    } else if ('|&;<>`'.includes(c) || (c === '$' && line[i + 1] === '(')) {
      if (inWord) words.push(word);
      const op = line.slice(i, i + 2);
      const two = ['&&', '||', '>>', '$('].includes(op);
      words.push(two ? op : c);
      if (two) i++;
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (inWord) words.push(word);
  return words;
}

const OPERATORS = new Set(['&&', '||', '|', ';', '<', '>', '>>', '`', '$(', '&']);

/** The commands of a shell block: `footprint` and `npm` ones, and whatever else (to be refused). */
export function shellCommands(block: CodeBlock): ShellCommand[] {
  const commands: ShellCommand[] = [];
  for (const { text, line } of logicalLines(block.lines, block.line + 1)) {
    let words: string[];
    try {
      words = shellWords(text);
    } catch (error) {
      commands.push({ kind: 'unhandled', line, text, why: (error as Error).message });
      continue;
    }
    if (words.length === 0) continue;
    // `a && b`: each in turn (a shell stops at the first that fails; so does the test).
    const segments: string[][] = [[]];
    for (const word of words) {
      if (word === '&&') segments.push([]);
      else (segments.at(-1) as string[]).push(word);
    }
    for (const segment of segments) {
      const program = segment[0] === 'npx' ? segment.slice(1) : segment;
      const operators = program.filter((w) => OPERATORS.has(w));
      if (program[0] === 'footprint') {
        const redirect = program.indexOf('>');
        const onlyRedirect =
          operators.length === 0 || (operators.length === 1 && redirect === program.length - 2);
        if (!onlyRedirect) {
          commands.push({
            kind: 'unhandled',
            line,
            text,
            why: `shell operators ${operators.join(' ')} around a footprint command`,
          });
          continue;
        }
        commands.push(
          redirect >= 0
            ? {
                kind: 'footprint',
                line,
                text,
                argv: program.slice(1, redirect),
                stdoutTo: program[redirect + 1] as string,
              }
            : { kind: 'footprint', line, text, argv: program.slice(1) },
        );
      } else if (segment[0] === 'npm' && operators.length === 0) {
        commands.push({ kind: 'npm', line, text, argv: segment.slice(1) });
      } else {
        commands.push({
          kind: 'unhandled',
          line,
          text,
          why: `'${segment.join(' ')}' is neither a footprint command nor an npm script`,
        });
      }
    }
  }
  return commands;
}

/** A ```console block: `$ npx footprint ...` (with `\` continuations) and the lines it prints. */
export interface Transcript {
  readonly line: number;
  readonly text: string;
  readonly argv: readonly string[];
  /** The lines shown, but `...`. */
  readonly shown: readonly string[];
}

export function transcriptOf(block: CodeBlock): Transcript | undefined {
  const first = block.lines[0];
  if (first === undefined || !/^\$\s+(npx\s+)?footprint\s/.test(first)) return undefined;
  let end = 0;
  while (/\\\s*$/.test(block.lines[end] as string) && end < block.lines.length - 1) end++;
  const command = block.lines
    .slice(0, end + 1)
    .map((l) => l.replace(/\\\s*$/, '').trim())
    .join(' ')
    .replace(/^\$\s+/, '');
  const words = shellWords(command);
  const program = words[0] === 'npx' ? words.slice(1) : words;
  return {
    line: block.line,
    text: command,
    argv: program.slice(1),
    shown: block.lines.slice(end + 1).filter((l) => l.trim() !== '' && l.trim() !== '...'),
  };
}

/** A line as compared with the output: columns may be narrower in an excerpt. */
export function normaliseLine(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}
