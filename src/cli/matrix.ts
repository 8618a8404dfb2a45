import type { Command } from 'commander';
import { catalogPlaces } from '../catalog/index.js';
import { latencyMatrix } from '../latency/index.js';
import { estatePlaces, matrixCsv, renderMatrix } from '../report/index.js';
import { type CliIo, emit } from './io.js';
import { loadOptionalEstate } from './options.js';

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
    .action((refs: string[], options: { estate?: string; csv?: boolean; json?: boolean }) => {
      const estate = loadOptionalEstate(options.estate);
      const places =
        refs.length > 0
          ? refs
          : options.estate !== undefined
            ? estatePlaces(estate)
            : catalogPlaces(['region']).filter((p) => p.partition === 'aws');
      const matrix = latencyMatrix(estate, places);
      const ids = matrix.places.map((p) => p.id);
      const data = { places: ids, rttMs: ids.map((_, i) => ids.map((__, j) => matrix.at(i, j))) };
      if (options.csv && !options.json) io.stdout(matrixCsv(matrix));
      else emit(io, options.json === true, data, () => renderMatrix(matrix));
    });
}
