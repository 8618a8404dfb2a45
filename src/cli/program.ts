/**
 * The `footprint` command line: a thin shell over the library. Parses, calls, renders.
 */
import { Command, CommanderError } from 'commander';
import { FootprintError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { protectCoordinates } from './argv.js';
import {
  ChecksFailed,
  type CliIo,
  EXIT_CHECK_FAILED,
  EXIT_OK,
  EXIT_USAGE,
  printError,
  processIo,
} from './io.js';
import type { LintOutcome } from './lint.js';
import { packageVersion } from './version.js';

/** What commander wraps help to when the stream is not a terminal. */
const HELP_WIDTH = 80;

/** Adds one command to the program (its module's `register…` function). */
type Register = (program: Command, io: CliIo, outcome: LintOutcome) => void;

/**
 * The commands, in the order help lists them, each loaded only when it runs: `footprint latency`
 * imports the latency command and what it needs, not the simulator, the placement solver and the
 * YAML loader. Adding a command is one line here: its name, and the module and function that
 * register it.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  report: () => import('./report.js').then((m) => m.registerReport),
  serve: () => import('./serve.js').then((m) => m.registerServe),
  latency: () => import('./latency.js').then((m) => m.registerLatency),
  matrix: () => import('./matrix.js').then((m) => m.registerMatrix),
  trace: () => import('./trace.js').then((m) => m.registerTrace),
  lint: () => import('./lint.js').then((m) => m.registerLint),
  catalog: () => import('./catalog.js').then((m) => m.registerCatalog),
  calibrate: () => import('./calibrate.js').then((m) => m.registerCalibrate),
  validate: () => import('./validate.js').then((m) => m.registerValidate),
  evaluate: () => import('./evaluate.js').then((m) => m.registerEvaluate),
  check: () => import('./check.js').then((m) => m.registerCheck),
  deps: () => import('./deps.js').then((m) => m.registerDeps),
  cells: () => import('./cells.js').then((m) => m.registerCells),
  gameday: () => import('./gameday.js').then((m) => m.registerGameday),
  import: () => import('./import.js').then((m) => m.registerImport),
  place: () => import('./place.js').then((m) => m.registerPlace),
  simulate: () => import('./simulate.js').then((m) => m.registerSimulate),
  sweep: () => import('./sweep.js').then((m) => m.registerSweep),
  worker: () => import('./worker.js').then((m) => m.registerWorker),
  schema: () => import('./schema.js').then((m) => m.registerSchema),
};

/** The options that print the version. */
const VERSION_FLAGS = new Set(['--version', '-V']);

/** The names of every command, in help order. */
export const COMMAND_NAMES: readonly string[] = Object.keys(COMMANDS);

/**
 * Builds the program; commands write through `io`, and commander wraps its help to `io`'s width.
 * With `only`, the one command of that name is loaded and registered (what running it needs), or
 * none for the version flag; without, every command (for help, and for a command line that names
 * none).
 */
export async function buildProgram(
  io: CliIo = processIo,
  outcome: LintOutcome = { code: EXIT_OK },
  only?: string,
): Promise<Command> {
  const output = {
    writeOut: io.stdout,
    writeErr: io.stderr,
    getOutHelpWidth: () => io.columns?.('stdout') ?? HELP_WIDTH,
    getErrHelpWidth: () => io.columns?.('stderr') ?? HELP_WIDTH,
  };
  const program = new Command()
    .name('footprint')
    .description(
      'A digital twin of a hybrid, multi-region AWS estate: how many milliseconds apart things are, and why.',
    )
    .version(packageVersion())
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput(output);
  // Commander prints the version before reading a command: none is loaded for it (loading all of
  // them took a second from a cold start).
  const names =
    only !== undefined && Object.hasOwn(COMMANDS, only)
      ? [only]
      : only !== undefined && VERSION_FLAGS.has(only)
        ? []
        : COMMAND_NAMES;
  const registers = await Promise.all(names.map((name) => (COMMANDS[name] as () => Promise<Register>)()));
  for (const register of registers) register(program, io, outcome);
  for (const command of program.commands) command.exitOverride().configureOutput(output);
  return program;
}

/**
 * Runs the CLI on `argv` (without the node and script entries) and returns the exit code:
 * 0 success, 1 a check failed, 2 bad input or usage. Never throws for user errors.
 */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const json = argv.includes('--json');
  const outcome = { code: EXIT_OK };
  if (argv.length === 0) {
    (await buildProgram(io, outcome)).outputHelp();
    return EXIT_USAGE;
  }
  try {
    refuseUnknownCommand(argv);
    // The command named first is the only one to load; anything else (options, `help`) loads all.
    const program = await buildProgram(io, outcome, argv[0]);
    await program.parseAsync(protectCoordinates(argv), { from: 'user' });
    return outcome.code;
  } catch (error) {
    if (error instanceof FootprintError) return printError(io, error, json);
    if (error instanceof ChecksFailed) return EXIT_CHECK_FAILED;
    if (error instanceof CommanderError) {
      // Help and version exit 0; usage errors were already printed by commander.
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    throw error;
  }
}

/**
 * An unknown command is a usage error even with `--help` after it (commander would print the
 * general help and exit 0, hiding the typo from a script).
 */
function refuseUnknownCommand(argv: readonly string[]): void {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || first === 'help') return;
  const names = COMMAND_NAMES;
  if (names.includes(first)) return;
  const hint = didYouMean(first, names);
  throw new FootprintError({
    code: 'FP_USAGE',
    message: `unknown command '${first}'`,
    expected: `one of: ${names.join(', ')}`,
    ...(hint ? { suggestion: hint } : {}),
  });
}
