/**
 * `footprint matrix [PLACES...]`: the RTT between every pair of places (the estate's with
 * --estate, else every commercial region).
 */
import type { Command } from 'commander';
import { catalogPlaces } from '../catalog/index.js';
import { latencyMatrix } from '../latency/index.js';
import { matrixCsv, renderMatrix } from '../report/latency.js';
import { optionalEstate } from './argv.js';
import { type CliIo, emit } from './io.js';

export function registerMatrix(program: Command, io: CliIo): void {
  program
    .command('matrix')
    .description(
      "RTT between every pair of places (default: the estate's places with --estate, else every commercial region)",
    )
    .argument('[places...]', 'places, as for `latency`')
    .option('--estate <file>', 'an estate file whose sites and links join the catalog')
    .option('--csv', 'print CSV')
    .option('--json', 'print JSON')
    .action(async (refs: string[], options: { estate?: string; csv?: boolean; json?: boolean }) => {
      const estate = await optionalEstate(options.estate);
      const places =
        refs.length > 0
          ? refs
          : options.estate !== undefined
            ? (await import('../report/estate.js')).estatePlaces(estate)
            : catalogPlaces(['region']).filter((p) => p.partition === 'aws');
      const matrix = latencyMatrix(estate, places);
      const ids = matrix.places.map((p) => p.id);
      const data = { places: ids, rttMs: ids.map((_, i) => ids.map((__, j) => matrix.at(i, j))) };
      if (options.csv && !options.json) io.stdout(matrixCsv(matrix));
      else emit(io, options.json === true, data, () => renderMatrix(matrix));
    });
}
