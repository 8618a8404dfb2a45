/**
 * `footprint place FILE`: where each service should run so the requests meet their budgets at the
 * least latency or cost (the MILP of src/placement), re-checked by the evaluator.
 */
import { readFileSync } from 'node:fs';
import { type Command, InvalidArgumentError, Option } from 'commander';
import { DEFAULT_SAMPLES, DEFAULT_SEED } from '../app/index.js';
import { FootprintError } from '../errors.js';
import { loadEstate } from '../model/index.js';
import {
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_MAX_NODES,
  OBJECTIVE_KINDS,
  type ObjectiveKind,
  type PlacementEdits,
  type PlacementResult,
  placementOverlay,
  placeServices,
  writePlacementInPlace,
} from '../placement/index.js';
import { renderPlacement } from '../report/index.js';
import { ChecksFailed, type CliIo, emit } from './io.js';
import { addTimingsOption, positiveInteger, samplesOption, seedOption } from './options.js';
import { writeOutput } from './output-files.js';

interface PlaceFlags {
  objective: ObjectiveKind;
  costWeight?: number;
  maxNodes?: number;
  timeLimit?: number;
  radius?: number;
  candidates?: number;
  seed?: number;
  samples?: number;
  write?: boolean;
  output?: string;
  json?: boolean;
  timings?: boolean;
}

function positiveNumber(name: string) {
  return (value: string): number => {
    const n = Number(value);
    if (!Number.isFinite(n) || n <= 0)
      throw new InvalidArgumentError(`${name} must be a positive number, got '${value}'`);
    return n;
  };
}

function fraction(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > 1)
    throw new InvalidArgumentError(`--cost-weight must be a number from 0 to 1, got '${value}'`);
  return n;
}

export function registerPlace(program: Command, io: CliIo): void {
  const command = program
    .command('place')
    .description(
      'recommend where each service should run so that the requests meet their budgets at the least latency or cost (a MILP solved by HiGHS, re-checked by the evaluator)',
    )
    .argument('<file>', 'the estate file')
    .addOption(
      new Option('--objective <kind>', 'what to minimise: latency, cost, or a blend of both')
        .choices(OBJECTIVE_KINDS as string[])
        .default('latency'),
    )
    .option(
      '--cost-weight <w>',
      'under --objective blend: the weight of cost, 0 to 1 (default 0.5)',
      fraction,
    )
    .option(
      '--max-nodes <n>',
      `branch-and-bound nodes per solve (default ${DEFAULT_MAX_NODES.toLocaleString('en-US')}); the answer is the same on every run`,
      positiveInteger('--max-nodes'),
    )
    .option(
      '--time-limit <s>',
      'seconds per solve, on top of the node limit (then the answer can depend on the machine)',
      positiveNumber('--time-limit'),
    )
    .option(
      '--radius <ms>',
      "keep only zones within this RTT of a service's users and pinned neighbours (default: no radius; places a budget rules out on its own are left out anyway)",
      positiveNumber('--radius'),
    )
    .option(
      '--candidates <n>',
      `candidate places kept per service besides today's (default ${DEFAULT_MAX_CANDIDATES})`,
      positiveInteger('--candidates'),
    )
    .option('--seed <n>', `the evaluator's seed (default ${DEFAULT_SEED})`, seedOption)
    .option(
      '--samples <n>',
      `the evaluator's draws per request and metro (default ${DEFAULT_SAMPLES.toLocaleString('en-US')})`,
      samplesOption,
    )
    .option('--write', "write the placement into the estate file: each moved service's `at`, nothing else")
    .option(
      '-o, --output <file>',
      'write a new estate file that extends this one with the moved services only',
    )
    .option('--json', 'print JSON');
  addTimingsOption(command)
    .addHelpText(
      'after',
      '\nExamples:\n  footprint place examples/ticketmaster-phoenix/estate.yaml\n  footprint place estate.yaml --objective cost\n  footprint place estate.yaml -o placed.yaml && footprint evaluate placed.yaml --against estate.yaml',
    )
    .action(async (file: string, flags: PlaceFlags) => {
      if (flags.write && flags.output !== undefined)
        throw new FootprintError({
          code: 'FP_USAGE',
          message: '--write and --output both write the placement: give one',
          expected: '--write (into the estate file) or -o FILE (a new file that extends it)',
        });
      if (flags.costWeight !== undefined && flags.objective !== 'blend')
        throw new FootprintError({
          code: 'FP_USAGE',
          message: `--cost-weight applies to --objective blend, not ${flags.objective}`,
          expected: '--objective blend --cost-weight 0.3',
        });
      const estate = loadEstate(file);
      const result = await placeServices(estate, {
        objective: flags.objective,
        timings: flags.timings === true,
        ...(flags.costWeight !== undefined ? { costWeight: flags.costWeight } : {}),
        ...(flags.maxNodes !== undefined ? { maxNodes: flags.maxNodes } : {}),
        ...(flags.timeLimit !== undefined ? { timeLimitS: flags.timeLimit } : {}),
        ...(flags.radius !== undefined ? { radiusMs: flags.radius } : {}),
        ...(flags.candidates !== undefined ? { maxCandidates: flags.candidates } : {}),
        ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
        ...(flags.samples !== undefined ? { samples: flags.samples } : {}),
      });
      const written = flags.write || flags.output !== undefined ? write(file, flags, result) : undefined;
      emit(io, flags.json === true, { ...result, ...(written ? { written } : {}) }, () => {
        const text = renderPlacement(result);
        return written ? `${text}${written.message}\n` : text;
      });
      if (!result.feasible) throw new ChecksFailed('no placement meets the budgets');
    });
}

interface Written {
  readonly file: string | null;
  readonly mode: 'in-place' | 'extends' | 'none';
  readonly services: readonly string[];
  readonly message: string;
}

function write(file: string, flags: PlaceFlags, result: PlacementResult): Written {
  const moved = result.services.filter(
    (s) => s.moved || s.proposed.some((p, i) => p.instances !== s.today[i]?.instances),
  );
  const edits: PlacementEdits = Object.fromEntries(
    result.services.filter((s) => !s.pinned && s.moved).map((s) => [s.service, s.proposed]),
  );
  const ids = Object.keys(edits);
  if (!result.feasible)
    return {
      file: null,
      mode: 'none',
      services: [],
      message: 'nothing written: no placement meets the budgets',
    };
  if (ids.length === 0 && moved.length === 0)
    return {
      file: null,
      mode: 'none',
      services: [],
      message: 'nothing written: every service stays where it is',
    };
  if (flags.output !== undefined) {
    const summary = [
      `${result.objective.kind} ${result.objective.today.toFixed(1)} -> ${result.objective.proposed.toFixed(1)} ${result.objective.unit} (${result.objective.status})`,
    ];
    writeOutput(flags.output, placementOverlay(file, flags.output, result.estate, edits, summary));
    return {
      file: flags.output,
      mode: 'extends',
      services: ids,
      message: `wrote ${flags.output}: it extends ${file} and moves ${ids.join(', ')}`,
    };
  }
  const text = readFileSync(file, 'utf8');
  let updated: string;
  try {
    updated = writePlacementInPlace(text, edits);
  } catch (error) {
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `cannot write the placement into ${file}: ${(error as Error).message}`,
      suggestion: 'write a new file that extends it: -o placed.yaml',
    });
  }
  writeOutput(file, updated);
  return {
    file,
    mode: 'in-place',
    services: ids,
    message: `wrote the placement of ${ids.join(', ')} into ${file}`,
  };
}
