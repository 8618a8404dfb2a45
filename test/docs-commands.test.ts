/**
 * The docs' commands, run: every `footprint` command of the ```sh blocks in README.md and
 * docs/*.md goes through `run(argv, io)` in-process, from the repository root, and must exit 0 (or
 * what the block's `<!-- docs-test: exit(SUBCOMMAND)=N -->` says) with nothing on stderr; every
 * ```console transcript (`$ npx footprint ...`) must print the lines it shows; the ```ts programs
 * must run. So the docs cannot rot.
 *
 * Handled on purpose, never skipped silently:
 * - `npx footprint` and `footprint` are the same command; `a && b` runs a, then b.
 * - `> file` and the options that write files (`-o`, `--output`, `--junit`, `--out`, and `calibrate`,
 *   which writes beside the estate without `--out`) write into a temporary folder, one per page;
 *   later commands of the page that name the file read it from there. Nothing is written into the
 *   repository (checked at the end).
 * - Files a user makes (`snapshot/`, `my-estate.yaml`) are replaced by the committed fixture the
 *   block's `<!-- docs-test: NAME=FIXTURE -->` names.
 * - `npm` lines name scripts of package.json (checked), and are not run: they are the project's own
 *   build and test, or benchmarks.
 * - `serve`, `--write`, pipes, loops and other programs fail the test unless the block is marked
 *   `<!-- not-run: why -->`; the marked blocks are listed below, so adding one is a decision.
 */
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { run } from '../src/cli/program.js';
import {
  type CodeBlock,
  normaliseLine,
  readBlocks,
  SHELL_LANGS,
  type ShellCommand,
  shellCommands,
  transcriptOf,
} from './docs-blocks.js';

/** The repository root: the docs' paths are relative to it. */
const ROOT = fileURLToPath(new URL('..', import.meta.url));
/** A Node stack frame in output means an error escaped as a crash. */
const STACK_TRACE = /\n\s+at .+\(?.*:\d+:\d+\)?/;

/** The blocks left out on purpose: where, and the start of the reason the docs give. */
const NOT_RUN = [
  'README.md: it serves until stopped',
  'docs/catalog.md: it calls AWS with your credentials',
  'docs/catalog.md: it copies from the Python package the AWS CLI v1 installs',
  'docs/gameday.md: it takes about half a minute',
  'docs/import.md: it calls AWS with your credentials',
  'docs/report.md: it serves until stopped',
  'docs/report.md: it serves until stopped',
  'docs/simulate.md: it takes about a minute',
  'docs/simulate.md: it takes about ten seconds',
  'docs/simulate.md: it takes about ten seconds',
  'docs/sweep.md: it needs a Kubernetes cluster',
  'docs/sweep.md: it needs a Redis server and runs until stopped',
  'docs/sweep.md: it needs the duckdb command-line tool',
  'docs/sweep.md: it takes about two and a half CPU-minutes',
];

/** Options whose value is a file the command writes. */
const OUTPUT_OPTIONS = new Set(['-o', '--output', '--junit', '--out']);

/** Folders whose files the docs' commands must leave alone. */
const WATCHED = ['examples', 'test/fixtures', 'docs', 'schema'];

const PAGES = [
  'README.md',
  ...readdirSync(join(ROOT, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`),
];

const blocks: CodeBlock[] = PAGES.flatMap((page) => readBlocks(page, readFileSync(join(ROOT, page), 'utf8')));
const notRun = blocks.filter((b) => b.directive.notRun !== undefined);
const runnable = blocks.filter((b) => b.directive.notRun === undefined);

interface Located {
  readonly page: string;
  readonly block: CodeBlock;
}
const commands: (Located & { readonly command: ShellCommand })[] = runnable
  .filter((b) => SHELL_LANGS.has(b.lang))
  .flatMap((block) => shellCommands(block).map((command) => ({ page: block.file, block, command })));
const transcripts = runnable.flatMap((block) => {
  const transcript = SHELL_LANGS.has(block.lang) ? undefined : transcriptOf(block);
  return transcript ? [{ page: block.file, block, transcript }] : [];
});
const programs = runnable.filter((b) => b.lang === 'ts' || b.lang === 'typescript');

/** Per page: its temporary folder, and the files its commands wrote, by the name the docs gave. */
const pages = new Map<string, { dir: string; written: Map<string, string> }>();
function pageState(page: string) {
  let state = pages.get(page);
  if (!state) {
    state = { dir: mkdtempSync(join(tmpdir(), 'footprint-docs-')), written: new Map() };
    pages.set(page, state);
  }
  return state;
}

/** The argv as the test runs it: fixtures for users' files, outputs into the page's folder. */
function prepare(page: string, block: CodeBlock, argv: readonly string[]): string[] {
  const state = pageState(page);
  if (argv[0] === 'serve')
    throw new Error('`serve` runs until stopped: mark its block <!-- not-run: why -->');
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (OUTPUT_OPTIONS.has(word) && i + 1 < argv.length) {
      const name = argv[++i] as string;
      const file = join(state.dir, basename(name));
      state.written.set(name, file);
      out.push(word, file);
    } else if (/^--(output|junit|out)=/.test(word)) {
      throw new Error(`write '${word}' as two words (the test redirects the file)`);
    } else {
      out.push(block.directive.files.get(word) ?? state.written.get(word) ?? word);
    }
  }
  if (out.includes('--write') && !out.some((w) => w.startsWith(state.dir)))
    throw new Error(
      '`--write` changes the estate file in place: run it on a file the page wrote, or mark it',
    );
  if (out[0] === 'calibrate' && !out.includes('--out')) {
    // Without --out, calibrate writes calibration.json beside the estate, into the repository.
    const file = join(state.dir, 'calibration.json');
    state.written.set('calibration.json', file);
    out.push('--out', file);
  }
  return out;
}

/**
 * Results of commands that read only the repository, by argv: several pages show the same command
 * (the README's line and the capability's page), and Footprint gives the same bytes for the same
 * input (tests of each command check that), so each runs once. A command that writes files (and
 * reads nothing a page wrote) is the same command whatever folder it writes into: a second page's
 * copy gets the first's files, copied to where it asked, and its output with its own paths.
 */
const ranAlready = new Map<string, { outputs: string[]; result: ReturnType<typeof footprintOnce> }>();

function footprint(argv: readonly string[]) {
  const outputs = argv.filter((_, i) => i > 0 && OUTPUT_OPTIONS.has(argv[i - 1] as string));
  const inputs = argv.filter((word) => !outputs.includes(word));
  if (inputs.some((word) => word.startsWith(tmpdir()))) return footprintOnce(argv);
  const key = JSON.stringify(argv.map((word) => (outputs.includes(word) ? `<out>/${basename(word)}` : word)));
  const first = ranAlready.get(key);
  if (!first) {
    const result = footprintOnce(argv);
    ranAlready.set(key, { outputs, result });
    return result;
  }
  return first.result.then((result) => {
    let { stdout } = result;
    first.outputs.forEach((from, i) => {
      const to = outputs[i] as string;
      if (existsSync(from)) copyFileSync(from, to);
      stdout = stdout.replaceAll(from, to);
    });
    return { ...result, stdout };
  });
}

async function footprintOnce(argv: readonly string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** The anchors of a page: GitHub's slugs of its headings, and explicit `<a id>`s. */
function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  for (const [, id] of markdown.matchAll(/<a id="([^"]+)"><\/a>/g)) anchors.add(id as string);
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6} (.+)$/gm))
    anchors.add(
      (heading as string)
        .toLowerCase()
        .replace(/[^\p{L}\p{N} _-]/gu, '')
        .replace(/ /g, '-'),
    );
  return anchors;
}

/** Size and modification time of every file under the watched folders. */
function snapshot(): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else {
        const stat = statSync(path);
        files.set(relative(ROOT, path), `${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  for (const dir of WATCHED) walk(join(ROOT, dir));
  for (const entry of readdirSync(ROOT)) files.set(entry, 'present');
  return files;
}

describe('the docs', () => {
  let before: Map<string, string>;
  beforeAll(() => {
    // Relative paths in the docs are relative to the repository root.
    if (process.cwd() !== ROOT.replace(/\/$/, '')) process.chdir(ROOT);
    before = snapshot();
  });
  afterAll(() => {
    for (const { dir } of pages.values()) rmSync(dir, { recursive: true, force: true });
  });

  it('have commands to run, and every block left out is on the list', () => {
    expect(commands.filter((c) => c.command.kind === 'footprint').length).toBeGreaterThan(30);
    expect(transcripts.length).toBeGreaterThan(5);
    expect(notRun.map((b) => `${b.file}: ${b.directive.notRun}`)).toEqual(
      NOT_RUN.map((start) =>
        expect.stringMatching(new RegExp(`^${start.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`)),
      ),
    );
    const counts = {
      footprint: commands.filter((c) => c.command.kind === 'footprint').length,
      npm: commands.filter((c) => c.command.kind === 'npm').length,
      transcripts: transcripts.length,
      programs: programs.length,
      notRun: notRun.length,
    };
    console.log(
      `docs: ${counts.footprint} footprint commands and ${counts.transcripts} transcripts run, ${counts.programs} program(s) run, ${counts.npm} npm commands checked, ${counts.notRun} blocks not run (${NOT_RUN.join('; ')})`,
    );
  });

  it.each(
    commands.filter((c) => c.command.kind === 'unhandled').map((c) => [`${c.page}:${c.command.line}`, c]),
  )('%s is handled', (_, { command }) => {
    expect.fail(
      `${command.text}\n${command.kind === 'unhandled' ? command.why : ''}: make it a footprint or npm command, or mark its block <!-- not-run: why -->`,
    );
  });

  const scripts = (
    JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
  ).scripts;
  it.each(commands.filter((c) => c.command.kind === 'npm').map((c) => [`${c.page}:${c.command.line}`, c]))(
    '%s names an npm script that exists',
    (_, { command }) => {
      const argv = command.kind === 'npm' ? command.argv : [];
      const [verb, name] = argv;
      if (verb === 'install' || verb === 'ci') return;
      const script = verb === 'run' ? name : verb;
      expect(scripts, `${command.text}: no script '${script}' in package.json`).toHaveProperty([
        script as string,
      ]);
    },
  );

  it.each(
    commands
      .filter((c) => c.command.kind === 'footprint')
      .map((c) => [`${c.page}:${c.command.line}`, c] as const),
  )('%s runs', async (_, { page, block, command }) => {
    if (command.kind !== 'footprint') return;
    const argv = prepare(page, block, command.argv);
    const expected = block.directive.exits.get(argv[0] as string) ?? 0;
    const result = await footprint(argv);
    expect(result.stderr, `${command.text}\nwrote to stderr`).toBe('');
    expect(result.code, `${command.text}\nexit code`).toBe(expected);
    expect(result.stdout).not.toMatch(STACK_TRACE);
    if (command.stdoutTo !== undefined) {
      const file = join(pageState(page).dir, basename(command.stdoutTo));
      writeFileSync(file, result.stdout);
      pageState(page).written.set(command.stdoutTo, file);
    }
  });

  it.each(transcripts.map((t) => [`${t.page}:${t.block.line}`, t] as const))(
    '%s prints what the transcript shows',
    async (_, { page, block, transcript }) => {
      const result = await footprint(prepare(page, block, transcript.argv));
      expect(result.stderr, transcript.text).toBe('');
      expect(result.code, transcript.text).toBe(block.directive.exits.get(transcript.argv[0] as string) ?? 0);
      const printed = new Set(result.stdout.split('\n').map(normaliseLine));
      const missing = transcript.shown.filter((line) => !printed.has(normaliseLine(line)));
      expect(missing, `${transcript.text}: lines the docs show that it does not print`).toEqual([]);
    },
  );

  it.each(programs.map((b) => [`${b.file}:${b.line}`, b] as const))(
    '%s runs',
    async (_, block) => {
      const state = pageState(block.file);
      const file = join(state.dir, `program-${block.line}.ts`);
      const index = pathToFileURL(join(ROOT, 'src/index.ts')).href;
      writeFileSync(file, block.lines.join('\n').replaceAll("from 'footprint'", `from '${index}'`));
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      const error = vi.spyOn(console, 'error').mockImplementation(() => {});
      try {
        await import(pathToFileURL(file).href);
        expect(log).toHaveBeenCalled();
        for (const [text] of error.mock.calls) expect(String(text)).toMatch(/^error\[FP_[A-Z_]+\]/);
      } finally {
        log.mockRestore();
        error.mockRestore();
      }
    },
    60_000,
  );

  it('link to files and headings that exist', () => {
    const broken: string[] = [];
    for (const page of PAGES) {
      const text = readFileSync(join(ROOT, page), 'utf8');
      const withoutCode = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
      for (const [, target] of withoutCode.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target as string)) continue;
        const [path, anchor] = (target as string).split('#') as [string, string | undefined];
        const file = path === '' ? page : join(page, '..', path);
        if (!existsSync(join(ROOT, file))) {
          broken.push(`${page}: ${target} (no such file)`);
          continue;
        }
        if (anchor !== undefined && !anchorsOf(readFileSync(join(ROOT, file), 'utf8')).has(anchor))
          broken.push(`${page}: ${target} (no such heading)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it('show the page in a small picture', () => {
    const png = readFileSync(join(ROOT, 'docs/report-page.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([1440, 900]);
    expect(png.length).toBeLessThan(300 * 1024);
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('](docs/report-page.png)');
  });

  it('leave the repository as they found it', () => {
    const after = snapshot();
    const changed = [...new Set([...before.keys(), ...after.keys()])].filter(
      (k) => before.get(k) !== after.get(k),
    );
    expect(changed, 'files the docs commands changed or created in the repository').toEqual([]);
  });
});
