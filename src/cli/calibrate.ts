/**
 * `footprint calibrate PINGS`: fits the latency model to the user's pings and writes a calibration
 * file (src/latency/calibrate does the fitting).
 */
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { FootprintError } from '../errors.js';
import { calibrate } from '../latency/calibrate.js';
import { parsePings, readFromDisk } from '../model/index.js';
import { renderCalibration, toJson } from '../report/index.js';
import { type CliIo, emit } from './io.js';
import { loadOptionalEstate } from './options.js';
import { writeOutput } from './output-files.js';

export function registerCalibrate(program: Command, io: CliIo): void {
  program
    .command('calibrate')
    .description(
      'fit the latency model to your own pings (from,to,rtt_ms) and write a calibration file the estate can use',
    )
    .argument('<pings>', 'a CSV file of from,to,rtt_ms; places by id or "lat,lon" in double quotes')
    .option('--estate <file>', 'the estate whose sites and links the pings cross')
    .option(
      '--out <file>',
      'where to write the calibration (default: calibration.json beside the estate, or here)',
    )
    .option(
      '--overhead <ms>',
      "the measurement's own overhead in ms, e.g. a TCP handshake (default 0)",
      nonNegative,
    )
    .option('--json', 'print JSON')
    .addHelpText(
      'after',
      '\nExample:\n  footprint calibrate examples/ticketmaster-phoenix/pings.csv --estate examples/ticketmaster-phoenix/estate.yaml --out /tmp/calibration.json\n\nThen add `calibration: ./calibration.json` (relative to the estate file) to the estate.',
    )
    .action((file: string, options: { estate?: string; out?: string; overhead?: number; json?: boolean }) => {
      const estate = loadOptionalEstate(options.estate);
      const text = readFromDisk(file);
      if (text === undefined) {
        throw new FootprintError({
          code: 'FP_FILE_NOT_FOUND',
          message: `cannot read pings file '${file}'`,
          expected: 'a CSV file of from,to,rtt_ms',
        });
      }
      const pings = parsePings(text, file, estate);
      const overheadMs = options.overhead ?? 0;
      const smallest = pings.reduce((min, p) => Math.min(min, p.rttMs), Number.POSITIVE_INFINITY);
      if (pings.length > 0 && overheadMs >= smallest)
        throw new FootprintError({
          code: 'FP_USAGE',
          message: `--overhead ${overheadMs} ms is not less than the smallest ping (${smallest} ms): the overhead is a part of each measurement`,
          expected: "the measuring tool's own cost in ms, e.g. 0.5 for a TCP handshake's processing",
        });
      const result = calibrate(estate, pings, { source: file, overheadMs });
      const out =
        options.out ??
        (options.estate ? join(dirname(options.estate), 'calibration.json') : 'calibration.json');
      writeOutput(out, toJson(result.file, 4));
      const relativeOut = options.estate ? relative(dirname(options.estate), out) : basename(out);
      const reference =
        relativeOut.startsWith('..') || isAbsolute(relativeOut) ? relativeOut : `./${relativeOut}`;
      const { parameters: _parameters, ...shown } = result;
      emit(io, options.json === true, { ...shown, written: out }, () =>
        renderCalibration(result, out, reference),
      );
    });
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`expected milliseconds >= 0, got '${value}'`);
  return n;
}
