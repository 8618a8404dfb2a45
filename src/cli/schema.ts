import type { Command } from 'commander';
import { estateJsonSchema } from '../model/index.js';
import { scenarioJsonSchema } from '../sim/index.js';
import type { CliIo } from './io.js';

export function registerSchema(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description(
      'print the JSON Schema of estate files (or of scenario files), for editors (e.g. yaml-language-server)',
    )
    .option('--scenario', 'the schema of scenario files (footprint simulate) instead')
    .option('--json', 'print JSON (the schema is always JSON)')
    .action((options: { scenario?: boolean }) => {
      const schema = options.scenario ? scenarioJsonSchema() : estateJsonSchema();
      io.stdout(`${JSON.stringify(schema, null, 2)}\n`);
    });
}
