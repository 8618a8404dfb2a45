/**
 * `footprint trace FROM TO`: the path a packet really takes through route tables and gateways, hop
 * by hop, against the physical best.
 */
import type { Command } from 'commander';
import { loadEstate } from '../model/index.js';
import { traceRoute } from '../network/index.js';
import { renderTrace } from '../report/index.js';
import { type CliIo, emit } from './io.js';

export function registerTrace(program: Command, io: CliIo): void {
  program
    .command('trace')
    .description(
      'the path a packet really takes through route tables and gateways, hop by hop, against the physical best',
    )
    .argument('<from>', 'a subnet id, a site id, an on-prem network id, or an IPv4 address in the estate')
    .argument('<to>', 'as <from>')
    .requiredOption('--estate <file>', 'the estate file (with a network section)')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  footprint trace phx-app phx-dc --estate examples/ticketmaster-phoenix/network-dont.yaml\n  footprint trace 10.10.1.20 10.20.1.5 --estate examples/ticketmaster-phoenix/network-do.yaml',
    )
    .action((from: string, to: string, options: { estate: string; json?: boolean }) => {
      const result = traceRoute(loadEstate(options.estate), from, to);
      emit(io, options.json === true, result, () => renderTrace(result));
    });
}
