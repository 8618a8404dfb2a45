/**
 * `footprint lint FILE`: the seeds' do's and don'ts and network hygiene as rules, each finding
 * with its cost in ms and the fix; text, JSON or SARIF.
 */
import { type Command, Option } from 'commander';
import { lintFile } from '../lint/index.js';
import { toSarif } from '../lint/sarif.js';
import { renderLint, toJson } from '../report/index.js';
import { type CliIo, EXIT_CHECK_FAILED, EXIT_OK, EXIT_USAGE } from './io.js';
import { packageVersion } from './version.js';

/** Sets the exit code of `lint`: 2 when the estate does not load, 1 on errors with --strict. */
export interface LintOutcome {
  code: number;
}

export function registerLint(program: Command, io: CliIo, outcome: LintOutcome): void {
  program
    .command('lint')
    .description(
      "the seeds' do's and don'ts and network hygiene as rules, each finding with its cost in ms and the fix",
    )
    .argument('<file>', 'the estate file')
    .option('--strict', 'exit 1 when there is an error-level finding')
    .addOption(
      new Option('--format <format>', 'output format').choices(['text', 'json', 'sarif']).default('text'),
    )
    .option('--json', 'same as --format json')
    .action((file: string, options: { strict?: boolean; format: string; json?: boolean }) => {
      const result = lintFile(file);
      const format = options.json ? 'json' : options.format;
      if (format === 'sarif')
        io.stdout(`${JSON.stringify(toSarif(result, packageVersion(), process.cwd()), null, 2)}\n`);
      else if (format === 'json') io.stdout(toJson(result));
      else io.stdout(renderLint(result));
      outcome.code = !result.loaded
        ? EXIT_USAGE
        : options.strict && result.summary.errors > 0
          ? EXIT_CHECK_FAILED
          : EXIT_OK;
    });
}
