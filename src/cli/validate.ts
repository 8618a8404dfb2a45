import type { Command } from 'commander';
import { loadEstate } from '../model/index.js';
import { type CliIo, emit } from './io.js';

export function registerValidate(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check an estate file: shape, ids and references; every problem with file:line:col')
    .argument('<file>', 'the estate file (YAML or JSON)')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      const estate = loadEstate(file);
      const summary = {
        ok: true,
        estate: estate.name,
        files: estate.files,
        sites: estate.sites.length,
        links: estate.links.length,
        users: estate.users.length,
        expectations: estate.expectations.length,
        services: estate.services.length,
        requests: estate.requests.length,
        budgets: estate.budgets.length,
      };
      emit(
        io,
        options.json === true,
        summary,
        () =>
          `ok: estate '${estate.name}' is valid (${summary.sites} sites, ${summary.links} links, ${summary.users} user populations, ${summary.expectations} expectations, ${summary.services} services, ${summary.requests} requests, ${summary.budgets} budgets)\n  files: ${estate.files.join(' <- ')}\n`,
      );
    });
}
