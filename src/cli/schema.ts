/**
 * `footprint schema`: the JSON Schema of estate, scenario or game-day files, for editors.
 */
import type { Command } from 'commander';
import { FootprintError } from '../errors.js';
import { gamedayJsonSchema } from '../gameday/index.js';
import { estateJsonSchema } from '../model/index.js';
import { scenarioJsonSchema } from '../sim/index.js';
import type { CliIo } from './io.js';

export function registerSchema(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description(
      'print the JSON Schema of estate files (or of scenario or game-day files), for editors (e.g. yaml-language-server)',
    )
    .option('--scenario', 'the schema of scenario files (footprint simulate) instead')
    .option('--gameday', 'the schema of game-day files (footprint gameday) instead')
    .option('--json', 'print JSON (the schema is always JSON)')
    .action((options: { scenario?: boolean; gameday?: boolean }) => {
      if (options.scenario && options.gameday)
        throw new FootprintError({ code: 'FP_USAGE', message: '--scenario or --gameday, not both' });
      const schema = options.gameday
        ? gamedayJsonSchema()
        : options.scenario
          ? scenarioJsonSchema()
          : estateJsonSchema();
      io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
