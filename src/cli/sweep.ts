/**
 * `footprint sweep`: a grid of simulations, run on this machine's cores (`--workers`), as one
 * shard of a batch job (`--shard k/N`), or through a BullMQ queue on Redis (`--queue`); `sweep
 * merge` joins results files, `sweep report` says what they mean.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import type { Command } from 'commander';
import { FootprintError } from '../errors.js';
import { textTable } from '../report/format.js';
import {
  loadSweep,
  mergeResults,
  parseShard,
  readResults,
  renderSweepPage,
  runLocal,
  runOnQueue,
  type SweepReport,
  type SweepRow,
  shardIndices,
  sweepReport,
  writeResults,
} from '../sweep/index.js';
import { type CliIo, emit, progressLine } from './io.js';
import { addTimingsOption, positiveInteger } from './options.js';
import { checkWritable, loadPageAssets, writeOutput } from './output-files.js';

interface SweepFlags {
  workers?: number;
  shard?: string;
  queue?: string;
  output?: string;
  json?: boolean;
  timings?: boolean;
}

export function registerSweep(program: Command, io: CliIo): void {
  // `sweep merge A B -o FILE`: the -o is merge's, not the run's. Commander hands an option it does
  // not know at the top to the first command (sweep) unless the top stops at the command's name.
  program.enablePositionalOptions();
  const sweep = program
    .command('sweep')
    .enablePositionalOptions()
    .description(
      'run a grid of simulations (designs x loads x outages x seeds) on every core, as a shard, or through a Redis queue; merge and report the results',
    )
    .argument('<sweep>', 'the sweep file')
    .option('--workers <n>', 'worker threads (default: every core)', positiveInteger('--workers'))
    .option('--shard <k/N>', 'run only shard k of N (every N-th point): for batch jobs')
    .option(
      '--queue <redis-url>',
      'put the points on a BullMQ queue on Redis; `footprint worker` processes run them',
    )
    .option('-o, --output <file>', 'write the results (one row per point) as Parquet')
    .option('--json', 'print JSON (the rows)');
  addTimingsOption(sweep)
    .addHelpText(
      'after',
      '\nExamples:\n  footprint sweep examples/ticketmaster-phoenix/sweep.yaml -o results.parquet\n  footprint sweep examples/ticketmaster-phoenix/sweep.yaml --shard 2/3 -o part-2.parquet\n  footprint sweep merge part-1.parquet part-2.parquet part-3.parquet -o results.parquet\n  footprint sweep report results.parquet',
    )
    .action((file: string, flags: SweepFlags) => runSweep(io, file, flags));
  sweep
    .command('merge')
    .description('merge results files of one sweep (its shards) into one')
    .argument('<results...>', 'results files (Parquet) of one sweep')
    .requiredOption('-o, --output <file>', 'the merged results file (Parquet)')
    .option('--json', 'print JSON')
    .action((files: string[], flags: { output: string; json?: boolean }) => merge(io, files, flags));
  sweep
    .command('report')
    .description('the best design per load and outage, and the sensitivity to each parameter')
    .argument('<results>', 'a results file (Parquet)')
    .option('-o, --output <file>', 'write the report as one self-contained HTML page')
    .option('--json', 'print JSON')
    .action((file: string, flags: { output?: string; json?: boolean }) => report(io, file, flags));
}

async function runSweep(io: CliIo, file: string, flags: SweepFlags): Promise<void> {
  if (flags.queue !== undefined && flags.workers !== undefined)
    throw new FootprintError({
      code: 'FP_USAGE',
      message: '--workers and --queue do not go together',
      expected:
        "local threads (--workers) or a queue (--queue): the queue's workers are `footprint worker` processes",
    });
  const shard = flags.shard !== undefined ? parseShard(flags.shard) : undefined;
  if (flags.output !== undefined) checkWritable(flags.output);
  const started = performance.now();
  const plan = loadSweep(file);
  const indices = shardIndices(plan.points, shard);
  const running = performance.now();
  const progress = progressLine(io, flags.json !== true);
  const onRow = (_row: SweepRow, done: number) => {
    const elapsed = (performance.now() - running) / 1000;
    const eta = (elapsed / done) * (indices.length - done);
    progress.update(`${done}/${indices.length} points, ETA ${Math.ceil(eta)} s`, done / indices.length);
  };
  const rows =
    flags.queue !== undefined
      ? await runOnQueue(plan, indices, flags.queue, { onRow })
      : await runLocal(plan, indices, {
          ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
          onRow,
        });
  progress.done();
  const header = {
    format: 1 as const,
    name: plan.name,
    fingerprint: plan.fingerprint,
    points: plan.points,
    ...(shard && shard.n > 1 ? { shard: `${shard.k}/${shard.n}` } : {}),
  };
  if (flags.output !== undefined) writeBytes(flags.output, writeResults({ header, rows }));
  const wallS = (performance.now() - started) / 1000;
  const result = {
    ...header,
    ran: rows.length,
    ...(flags.output !== undefined ? { output: flags.output } : {}),
    ...(flags.timings === true ? { timings: { wallS, pointsPerMinute: (rows.length / wallS) * 60 } } : {}),
    rows,
  };
  emit(io, flags.json === true, result, () => {
    const lines = [
      `${plan.name}: ${rows.length} of ${plan.points} points${header.shard ? ` (shard ${header.shard})` : ''}, fingerprint ${plan.fingerprint}`,
    ];
    if (flags.timings === true)
      lines.push(
        `${wallS.toFixed(1)} s, ${Math.round(result.timings?.pointsPerMinute ?? 0)} points a minute`,
      );
    if (flags.output !== undefined)
      lines.push(`wrote ${flags.output}: footprint sweep report ${flags.output}`);
    else lines.push('', rowsTable(rows));
    return `${lines.join('\n')}\n`;
  });
}

function rowsTable(rows: readonly SweepRow[]): string {
  return textTable(rows, [
    { header: 'point', value: (r) => r.id },
    { header: 'success', value: (r) => `${(r.successRatio * 100).toFixed(2)} %`, align: 'right' },
    { header: 'p99 ms', value: (r) => r.p99Ms.toFixed(1), align: 'right' },
    { header: 'in budget', value: (r) => (r.meetsBudget ? 'yes' : 'no') },
    { header: 'cost USD', value: (r) => r.costUsd.toFixed(4), align: 'right' },
  ]);
}

/** Writes a results file the user named; a path that cannot be written is a user error. */
function writeBytes(file: string, bytes: Uint8Array): void {
  try {
    writeFileSync(file, bytes);
  } catch (error) {
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `cannot write '${file}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      expected: 'a file path whose folder exists and can be written',
    });
  }
}

async function readResultsFile(file: string) {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new FootprintError({
      code: 'FP_FILE_NOT_FOUND',
      message: `cannot read results file '${file}' (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      suggestion: 'results files are written by `footprint sweep SWEEP.yaml -o FILE.parquet`',
    });
  }
  return readResults(bytes, file);
}

async function merge(io: CliIo, files: string[], flags: { output: string; json?: boolean }): Promise<void> {
  checkWritable(flags.output);
  const inputs = [];
  for (const file of files) inputs.push(await readResultsFile(file));
  const merged = mergeResults(inputs, files);
  writeBytes(flags.output, writeResults(merged));
  const summary = {
    name: merged.header.name,
    fingerprint: merged.header.fingerprint,
    points: merged.header.points,
    rows: merged.rows.length,
    missing: merged.missing,
    duplicates: merged.duplicates,
    output: flags.output,
  };
  emit(io, flags.json === true, summary, () => {
    const missing = merged.missing.length
      ? `; ${merged.missing.length} points missing (the first: ${merged.missing.slice(0, 5).join(', ')})`
      : '; every point';
    return `${summary.name}: ${summary.rows} of ${summary.points} points${missing}\nwrote ${flags.output}\n`;
  });
}

async function report(io: CliIo, file: string, flags: { output?: string; json?: boolean }): Promise<void> {
  if (flags.output !== undefined) checkWritable(flags.output);
  const results = await readResultsFile(file);
  const analysis = sweepReport(results.header, results.rows);
  if (flags.output !== undefined) {
    const html = renderSweepPage(analysis, loadPageAssets().style);
    writeOutput(flags.output, html);
    emit(
      io,
      flags.json === true,
      { output: flags.output, bytes: Buffer.byteLength(html) },
      () => `wrote ${flags.output}\n`,
    );
    return;
  }
  emit(io, flags.json === true, analysis, () => renderReport(analysis));
}

function renderReport(analysis: SweepReport): string {
  const best = textTable(analysis.best, [
    { header: 'load', value: (b) => `x${b.load}`, align: 'right' },
    { header: 'outage', value: (b) => b.outage },
    { header: 'best', value: (b) => b.best },
    { header: 'holds', value: (b) => (b.holds ? 'yes' : 'no') },
    { header: 'why', value: (b) => b.why },
  ]);
  const sensitivity = textTable(analysis.sensitivity, [
    { header: 'figure', value: (s) => s.figure },
    { header: 'parameter', value: (s) => s.parameter },
    {
      header: 'range of means',
      value: (s) =>
        s.figure === 'successRatio'
          ? `${(s.range * 100).toFixed(2)} %`
          : s.range.toFixed(s.figure === 'costUsd' ? 4 : 1),
      align: 'right',
    },
    { header: 'share of variance', value: (s) => `${Math.round(s.share * 100)} %`, align: 'right' },
  ]);
  const missing = analysis.missingPoints > 0 ? ` (${analysis.missingPoints} missing)` : '';
  return `${analysis.name}: ${analysis.rows} of ${analysis.points} points${missing}\n\nBest design per load and outage (means over the seeds)\n${best}\n\nSensitivity of each figure to each parameter\n${sensitivity}\n`;
}
