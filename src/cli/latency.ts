/**
 * `footprint latency`: the best physical RTT between two places. Commander registers it; a plain
 * command line (two places, perhaps --json) skips commander and calls {@link printLatency}
 * straight from `executable.ts` (issue 19: a cold start).
 */
import type { Command } from 'commander';
import { physicalLatency } from '../latency/index.js';
import { renderPhysicalLatency } from '../report/latency.js';
import { optionalEstate } from './argv.js';
import { type CliIo, emit } from './io.js';

export function registerLatency(program: Command, io: CliIo): void {
  program
    .command('latency')
    .description(
      'the best physical RTT between two places, hop by hop, with the distance and the straight-fiber floor',
    )
    .argument('<from>', 'a place: site id, region, AZ id, Local Zone, dx:CODE, metro:slug, or lat,lon')
    .argument('<to>', 'a place, as <from>')
    .option('--estate <file>', 'an estate file whose sites and links join the catalog')
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  footprint latency us-east-1 eu-west-1\n  footprint latency 51.51,-0.13 40.71,-74.01\n  footprint latency phx-dc us-west-2-phx-2a --estate examples/ticketmaster-phoenix/estate.yaml',
    )
    .action((from: string, to: string, options: LatencyOptions) => printLatency(io, from, to, options));
}

/** The command's options. */
export interface LatencyOptions {
  readonly estate?: string;
  readonly json?: boolean;
}

/**
 * What `footprint latency` does once its arguments are read: commander's action, and the
 * executable's own for a plain command line (`executable.ts`), so both print the same bytes.
 */
export async function printLatency(
  io: CliIo,
  from: string,
  to: string,
  options: LatencyOptions,
): Promise<void> {
  const estate = await optionalEstate(options.estate);
  const result = physicalLatency(estate, from, to);
  emit(io, options.json === true, result, () => renderPhysicalLatency(result));
}
