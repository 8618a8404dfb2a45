/**
 * What the `footprint` executable runs: the command line, and anything that is not a user error
 * reported as a bug. Kept light (no commander, no command): a plain `footprint latency FROM TO
 * [--json]` goes straight to the latency command's printer, without building commander's program
 * (commander and the Node built-ins it loads, such as child_process, were half of what a cold
 * start of `footprint latency` added to Node's own, issue 19); every other command line goes
 * through commander ({@link run}), as before.
 */
import { FootprintError } from '../errors.js';
import { plainLatency } from './argv.js';
import { type CliIo, EXIT_INTERNAL, EXIT_OK, printError, processIo } from './io.js';

/**
 * Runs the CLI as the `footprint` executable does: {@link run} (or, for a plain latency command
 * line, its printer with the same output), and anything that is not a user error is a bug,
 * reported as one, briefly (its stack only with FOOTPRINT_DEBUG set), with exit code 70
 * (EX_SOFTWARE). Never throws.
 */
export async function runExecutable(
  argv: readonly string[],
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const plain = plainLatency(argv);
    if (plain === undefined) return await (await import('./program.js')).run(argv, io);
    try {
      await (await import('./latency.js')).printLatency(io, plain.from, plain.to, { json: plain.json });
      return EXIT_OK;
    } catch (error) {
      // As run() prints a user error.
      if (error instanceof FootprintError) return printError(io, error, plain.json);
      throw error;
    }
  } catch (error) {
    io.stderr(
      `footprint: internal error: ${error instanceof Error ? error.message : String(error)}\nThis is a bug in Footprint; please report it with the command you ran.\n`,
    );
    if (env.FOOTPRINT_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return EXIT_INTERNAL;
  }
}
