/**
 * The `footprint` command line: a thin shell over the library. Parses, calls, renders.
 */
import { Command, CommanderError } from 'commander';
import { FootprintError } from '../errors.js';
import { didYouMean } from '../suggest.js';
import { registerCalibrate } from './calibrate.js';
import { registerCatalog } from './catalog.js';
import { registerCells } from './cells.js';
import { registerCheck } from './check.js';
import { registerDeps } from './deps.js';
import { registerEvaluate } from './evaluate.js';
import { registerImport } from './import.js';
import {
  ChecksFailed,
  type CliIo,
  EXIT_CHECK_FAILED,
  EXIT_INTERNAL,
  EXIT_OK,
  EXIT_USAGE,
  printError,
  processIo,
} from './io.js';
import { registerLatency } from './latency.js';
import { type LintOutcome, registerLint } from './lint.js';
import { registerMatrix } from './matrix.js';
import { protectCoordinates } from './options.js';
import { registerPlace } from './place.js';
import { registerReport } from './report.js';
import { registerSchema } from './schema.js';
import { registerServe } from './serve.js';
import { registerSimulate } from './simulate.js';
import { registerSweep } from './sweep.js';
import { registerTrace } from './trace.js';
import { registerValidate } from './validate.js';
import { packageVersion } from './version.js';
import { registerWorker } from './worker.js';

/** What commander wraps help to when the stream is not a terminal. */
const HELP_WIDTH = 80;

/** Builds the program; commands write through `io`, and commander wraps its help to `io`'s width. */
export function buildProgram(io: CliIo = processIo, outcome: LintOutcome = { code: EXIT_OK }): Command {
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
  registerReport(program, io);
  registerServe(program, io);
  registerLatency(program, io);
  registerMatrix(program, io);
  registerTrace(program, io);
  registerLint(program, io, outcome);
  registerCatalog(program, io);
  registerCalibrate(program, io);
  registerValidate(program, io);
  registerEvaluate(program, io);
  registerCheck(program, io);
  registerDeps(program, io);
  registerCells(program, io);
  registerImport(program, io);
  registerPlace(program, io);
  registerSimulate(program, io);
  registerSweep(program, io);
  registerWorker(program, io);
  registerSchema(program, io);
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
  const program = buildProgram(io, outcome);
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT_USAGE;
  }
  try {
    refuseUnknownCommand(program, argv);
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
 * Runs the CLI as the `footprint` executable does: {@link run}, and anything that is not a user
 * error is a bug, reported as one, briefly (its stack only with FOOTPRINT_DEBUG set), with exit
 * code 70 (EX_SOFTWARE). Never throws.
 */
export async function runExecutable(
  argv: readonly string[],
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    io.stderr(
      `footprint: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in Footprint; please report it with the command you ran.\n`,
    );
    if (env.FOOTPRINT_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT_INTERNAL;
  }
}

/**
 * An unknown command is a usage error even with `--help` after it (commander would print the
 * general help and exit 0, hiding the typo from a script).
 */
function refuseUnknownCommand(program: Command, argv: readonly string[]): void {
  const first = argv[0];
  if (first === undefined || first.startsWith('-') || first === 'help') return;
  const names = program.commands.flatMap((c) => [c.name(), ...c.aliases()]);
  if (names.includes(first)) return;
  const hint = didYouMean(first, names);
  throw new FootprintError({
    code: 'FP_USAGE',
    message: `unknown command '${first}'`,
    expected: `one of: ${names.join(', ')}`,
    ...(hint ? { suggestion: hint } : {}),
  });
}
