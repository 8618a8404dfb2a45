/**
 * `footprint validate FILE`: an estate file checked for shape, ids and references, every problem
 * located at file:line:col.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { diagnosticToJson, formatDiagnostic } from '../errors.js';
import {
  catalogAsOf,
  type Estate,
  loadEstate,
  placeholderDiagnostic,
  staleOfferings,
} from '../model/index.js';
import { counted } from '../report/index.js';
import { type CliIo, emit } from './io.js';

/**
 * What is valid but incomplete, located in the estate file: placeholder sites, and Local Zones whose
 * offerings the catalog knows only from a record more than a year older than `asOf`.
 */
function warningsOf(estate: Estate, asOf: string) {
  const placeholders = (estate.placeholderSites ?? []).map((site) => {
    const d = placeholderDiagnostic(site, false);
    const located = estate.source?.diagnostic(['sites', site.id, 'placeholder'], d.code, d.message, {
      ...(d.suggestion ? { suggestion: d.suggestion } : {}),
    });
    return located ?? d;
  });
  return [...placeholders, ...staleOfferings(estate, asOf)];
}

function isoDate(value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new InvalidArgumentError('expected a date, YYYY-MM-DD (e.g. 2026-12-05)');
  return value;
}

export function registerValidate(program: Command, io: CliIo): void {
  program
    .command('validate')
    .description('check an estate file: shape, ids and references; every problem with file:line:col')
    .argument('<file>', 'the estate file (YAML or JSON)')
    .option(
      '--as-of <date>',
      "warn about Local Zones whose offerings are older than a year before this date (default: the catalog's as-of)",
      isoDate,
    )
    .option('--json', 'print JSON')
    .action((file: string, options: { json?: boolean; asOf?: string }) => {
      const estate = loadEstate(file);
      const asOf = options.asOf ?? catalogAsOf();
      const warnings = warningsOf(estate, asOf);
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
        offeringsAsOf: asOf,
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
