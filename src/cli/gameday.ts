/**
 * `footprint gameday FILE`: a game day's timeline of faults through its scenario and the
 * assertions that must hold (or, with --standard, the standard game days against a scenario); exit
 * 1 when one breaks.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { FootprintError } from '../errors.js';
import {
  type Gameday,
  loadGameday,
  runGameday,
  STANDARD_GAMEDAYS,
  type StandardGameday,
  standardGamedays,
  standardScenario,
} from '../gameday/index.js';
import { durationSeconds } from '../model/index.js';
import { gamedayJunit, gamedayReport, renderGameday, renderGamedays } from '../report/index.js';
import { ChecksFailed, type CliIo, emit, progressLine } from './io.js';
import { seedOption } from './options.js';
import { checkWritable, writeOutput } from './output-files.js';

interface GamedayFlags {
  standard?: string | true;
  availability?: number;
  p99?: number;
  recover?: number;
  rate?: number;
  duration?: number;
  seed?: number;
  junit?: string;
  json?: boolean;
}

function durationOption(name: string) {
  return (value: string): number => {
    const s = durationSeconds(value);
    if (!(s > 0))
      throw new InvalidArgumentError(`${name} must be a duration such as 200ms, 30s or 10m, got '${value}'`);
    return s;
  };
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!(n > 0 && n <= 1_000_000))
      throw new InvalidArgumentError(`${name} must be a number above 0, got '${value}'`);
    return n;
  };
}

function percentOption(value: string): number {
  const n = Number(value.replace('%', ''));
  if (!(n >= 0 && n <= 100))
    throw new InvalidArgumentError(`--availability must be a percentage from 0 to 100, got '${value}'`);
  return n;
}

/** The standard game days `--standard` names (all when it names none). */
function standardKinds(value: string | true): StandardGameday[] {
  if (value === true) return [...STANDARD_GAMEDAYS];
  const kinds = value.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(STANDARD_GAMEDAYS as readonly string[]).includes(k));
  if (unknown.length > 0)
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `--standard: no standard game day ${unknown.map((k) => `'${k}'`).join(', ')}`,
      expected: `some of: ${STANDARD_GAMEDAYS.join(', ')} (comma-separated), or none for all`,
    });
  return kinds as StandardGameday[];
}

export function registerGameday(program: Command, io: CliIo): void {
  program
    .command('gameday')
    .description(
      'run a game day: a timeline of faults through the scenario and assertions that must hold; exit 1 when one breaks. With --standard, the standard game days against a scenario',
    )
    .argument(
      '<file>',
      'the game-day file (a scenario with assertions); with --standard a scenario, or an estate (under --rate)',
    )
    .option(
      '--standard [kinds]',
      `run the standard game days against the scenario: ${STANDARD_GAMEDAYS.join(', ')} (comma-separated; default all)`,
    )
    .option(
      '--availability <percent>',
      'with --standard: availability that must hold during each fault (default 99.9)',
      percentOption,
    )
    .option(
      '--p99 <duration>',
      'with --standard: p99 every interval must hold during each fault (default none)',
      durationOption('--p99'),
    )
    .option(
      '--recover <duration>',
      "with --standard: recovery within this time of the fault's end (default 10m)",
      durationOption('--recover'),
    )
    .option(
      '--rate <n>',
      'with --standard and an estate: requests per second of each of its requests (default 20)',
      positiveNumber('--rate'),
    )
    .option(
      '--duration <duration>',
      'with --standard and an estate: the run (default 40m; the fault at a quarter for a quarter)',
      durationOption('--duration'),
    )
    .option('--seed <n>', "override the scenario's seed", seedOption)
    .option('--junit <out>', 'write a JUnit XML report (a test case per assertion)')
    .option('--json', 'print JSON (the assertions and faults of every design, without time series)')
    .addHelpText(
      'after',
      '\nExamples:\n  footprint gameday examples/ticketmaster-phoenix/gameday-parent-az.yaml\n  footprint gameday examples/skyscanner-multi-region/region-loss.yaml --standard region-loss,dx-cut --junit gameday.xml',
    )
    .action((file: string, flags: GamedayFlags) => {
      if (flags.standard === undefined) {
        const stray = (['availability', 'p99', 'recover', 'rate', 'duration'] as const).filter(
          (k) => flags[k] !== undefined,
        );
        if (stray.length)
          throw new FootprintError({
            code: 'FP_USAGE',
            message: `${stray.map((k) => `--${k}`).join(', ')} go${stray.length === 1 ? 'es' : ''} with --standard`,
            suggestion: 'a game-day file states its own assertions',
          });
      }
      if (flags.junit !== undefined) checkWritable(flags.junit);
      const gamedays: Gameday[] =
        flags.standard === undefined
          ? [loadGameday(file)]
          : standardGamedays(
              standardScenario(file, {
                ...(flags.rate !== undefined ? { rate: flags.rate } : {}),
                ...(flags.duration !== undefined ? { durationS: flags.duration } : {}),
              }),
              {
                only: standardKinds(flags.standard),
                ...(flags.availability !== undefined ? { availability: flags.availability } : {}),
                ...(flags.p99 !== undefined ? { p99S: flags.p99 } : {}),
                ...(flags.recover !== undefined ? { recoverS: flags.recover } : {}),
              },
            );
      if (gamedays.length === 0)
        throw new FootprintError({
          code: 'FP_USAGE',
          message: `no standard game day applies to ${file}`,
          suggestion:
            'the designs have no pool in an AZ, Local Zone or region, no Direct Connect link, no called service and no Spot pool of the kinds asked for',
        });
      const progress = progressLine(io, flags.json !== true);
      const reports = gamedays.map((g) =>
        gamedayReport(
          runGameday(g, {
            ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
            onProgress: (design, fraction) => progress.update(`${g.name} · ${design}`, fraction),
          }),
        ),
      );
      progress.done();
      if (flags.junit !== undefined) writeOutput(flags.junit, gamedayJunit(reports));
      const broken = reports.reduce((n, r) => n + r.broken, 0);
      const data =
        flags.standard === undefined
          ? reports[0]
          : { scenario: file, gamedays: reports, holds: broken === 0, broken };
      emit(io, flags.json === true, data, () =>
        flags.standard === undefined
          ? renderGameday(reports[0] as (typeof reports)[number])
          : renderGamedays(reports),
      );
      if (broken > 0) throw new ChecksFailed();
    });
}
