import type { Command } from 'commander';
import { diagnosticToJson, formatDiagnostic } from '../errors.js';
import { type Estate, loadEstate, placeholderDiagnostic } from '../model/index.js';
import { counted } from '../report/index.js';
import { type CliIo, emit } from './io.js';

/** What is valid but incomplete: placeholder sites, located in the estate file. */
function warningsOf(estate: Estate) {
  return (estate.placeholderSites ?? []).map((site) => {
    const d = placeholderDiagnostic(site, false);
    const located = estate.source?.diagnostic(['sites', site.id, 'placeholder'], d.code, d.message, {
      ...(d.suggestion ? { suggestion: d.suggestion } : {}),
    });
    return located ?? d;
  });
}

export function registerValidate(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check an estate file: shape, ids and references; every problem with file:line:col')
    .argument('<file>', 'the estate file (YAML or JSON)')
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean }) => {
      const estate = loadEstate(file);
      const warnings = warningsOf(estate);
      const summary = {
        ok: true,
        estate: estate.name,
        files: estate.files,
        sites: estate.sites.length,
        placeholderSites: estate.placeholderSites?.length ?? 0,
        links: estate.links.length,
        users: estate.users.length,
        expectations: estate.expectations.length,
        services: estate.services.length,
        requests: estate.requests.length,
        budgets: estate.budgets.length,
        warnings: warnings.map(diagnosticToJson),
      };
      // Warnings do not fail validation: the estate is usable, only incomplete.
      if (options.json !== true) {
        for (const w of warnings) io.stderr(`${formatDiagnostic(w).replace(/^error/, 'warning')}\n\n`);
      }
      const placeholders = summary.placeholderSites
        ? ` and ${summary.placeholderSites} placeholder site${summary.placeholderSites === 1 ? '' : 's'} to fill in`
        : '';
      emit(
        io,
        options.json === true,
        summary,
        () =>
          `ok: estate '${estate.name}' is valid (${counted(summary.sites, 'site')}, ${counted(summary.links, 'link')}, ${counted(summary.users, 'user population')}, ${counted(summary.expectations, 'expectation')}, ${counted(summary.services, 'service')}, ${counted(summary.requests, 'request')}, ${counted(summary.budgets, 'budget')})${placeholders}\n  files: ${estate.files.join(' <- ')}\n`,
      );
    });
}
