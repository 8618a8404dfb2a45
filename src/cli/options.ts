/**
 * Option handling shared by commands.
 */
import { InvalidArgumentError } from 'commander';
import { EMPTY_ESTATE, type Estate, loadEstate } from '../model/index.js';

/** The estate named by `--estate`, or the catalog alone. */
export function loadOptionalEstate(file: string | undefined): Estate {
  return file === undefined ? EMPTY_ESTATE : loadEstate(file);
}

/**
 * Commander reads `-33.87,151.21` as an option. Before parsing, such arguments become RFC 5870
 * `geo:` URIs, which every place argument accepts.
 * @example protectCoordinates(['latency', '-33.87,151.21', 'x']) // ['latency', 'geo:-33.87,151.21', 'x']
 */
export function protectCoordinates(argv: readonly string[]): string[] {
  return argv.map((arg) => (/^-\d+(\.\d+)?\s*,\s*[-+]?\d+(\.\d+)?$/.test(arg) ? `geo:${arg}` : arg));
}

/** Parses a positive integer option. */
export function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a positive integer, got '${value}'`);
    return n;
  };
}
