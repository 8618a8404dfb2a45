/**
 * `footprint latency`: the best physical RTT between two places, as commander registers it. A
 * plain command line (two places, perhaps --json) skips commander: `latency-plain.ts`.
 */
import type { Command } from 'commander';
import { optionalEstate } from './argv.js';
import type { CliIo } from './io.js';
import { writeLatency } from './latency-plain.js';

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

/** What `footprint latency` does once commander has read its arguments. */
async function printLatency(io: CliIo, from: string, to: string, options: LatencyOptions): Promise<void> {
  writeLatency(io, await optionalEstate(options.estate), from, to, options.json === true);
}
