/**
 * Option handling shared by commands.
 */
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../app/index.js';
import { EMPTY_ESTATE, type Estate, loadEstate } from '../model/index.js';

/** The estate named by `--estate`, or the catalog alone. */
export function loadOptionalEstate(file: string | undefined): Estate {
  return file === undefined ? EMPTY_ESTATE : loadEstate(file);
}

export { protectCoordinates } from './argv.js';

/** Parses a positive integer option. */
export function positiveInteger(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a positive integer, got '${value}'`);
    return n;
  };
}

/** Parses `--seed`: an integer in [0, 2^32). */
export function seedOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n >= 2 ** 32)
    throw new InvalidArgumentError(`--seed must be an integer from 0 to 4294967295, got '${value}'`);
  return n;
}

/** The most draws `--samples` allows per request and metro. */
export const MAX_SAMPLES = 10_000_000;

/** Parses `--samples`: a positive integer up to {@link MAX_SAMPLES}. */
export function samplesOption(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0 || n > MAX_SAMPLES)
    throw new InvalidArgumentError(
      `--samples must be an integer from 1 to ${MAX_SAMPLES.toLocaleString('en-US')}, got '${value}'`,
    );
  return n;
}

/** The sampler's options: its seed and its draws per request and metro. */
export function samplingOptions(command: Command): Command {
  return command
    .option('--seed <n>', `generator seed (default ${DEFAULT_SEED})`, seedOption)
    .option(
      '--samples <n>',
      `draws per request and metro (default ${DEFAULT_SAMPLES.toLocaleString('en-US')})`,
      samplesOption,
    );
}

/** The sampler's options a command was given, as evaluateRequests takes them (none: its defaults). */
export function samplingFlags(flags: { seed?: number; samples?: number }): {
  seed?: number;
  samples?: number;
} {
  return {
    ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
    ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
  };
}

/** The options of commands that evaluate requests: the sampler's seed and draws, JSON, timings. */
export function addSamplingOptions(command: Command): Command {
  samplingOptions(command).option('--json', 'print JSON');
  return addTimingsOption(command);
}

/**
 * `--timings`: wall-clock figures, only when asked, so that the same input gives the same bytes by
 * default. `--no-timings`, the old way to ask for that, is still accepted (hidden).
 */
export function addTimingsOption(command: Command): Command {
  return command
    .option('--timings', 'add wall-clock figures (they differ from run to run)')
    .addOption(new Option('--no-timings').hideHelp());
}
