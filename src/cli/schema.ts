import type { Command } from 'commander';
import { estateJsonSchema } from '../model/index.js';
import type { CliIo } from './io.js';

export function registerSchema(program: Command, io: CliIo): void {
  program
    .command('schema')
    .description('print the JSON Schema of estate files, for editors (e.g. yaml-language-server)')
    .option('--json', 'print JSON (the schema is always JSON)')
    .action(() => {
      io.stdout(`${JSON.stringify(estateJsonSchema(), null, 2)}\n`);
    });
}
