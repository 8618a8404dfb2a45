/**
 * What the `footprint` executable runs: the command line, and anything that is not a user error
 * reported as a bug. Kept light (no commander, no command): a plain `footprint latency FROM TO
 * [--json]` goes straight to `latency-plain.ts`, without building commander's program (commander
 * and the Node built-ins it loads, such as child_process, were half of what a cold start of
 * `footprint latency` added to Node's own, issue 19); every other command line goes through
 * commander (`run` in program.ts), as before.
 */
import { plainLatency } from './argv.js';
import { type CliIo, printInternalError, processIo } from './io.js';

/**
 * Runs the CLI as the `footprint` executable does: `run` of program.ts (or, for a plain latency
 * command line, `runPlainLatency`, with the same output), and anything that is not a user error
 * is a bug, reported as one (`printInternalError`), with exit code 70 (EX_SOFTWARE). Never throws.
 */
export async function runExecutable(
  argv: readonly string[],
  io: CliIo = processIo,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  try {
    const plain = plainLatency(argv);
    if (plain !== undefined) return (await import('./latency-plain.js')).runPlainLatency(plain, io, env);
    return await (await import('./program.js')).run(argv, io);
  } catch (error) {
    return printInternalError(io, error, env);
  }
}
