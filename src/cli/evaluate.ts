/**
 * `footprint evaluate FILE`: the end-to-end latency of the estate's requests per metro (p50, p99)
 * against their budgets, and where the milliseconds go.
 */
import type { Command } from 'commander';
import { evaluateRequests, type RequestEvaluation } from '../app/index.js';
import { type Estate, loadEstate } from '../model/index.js';
import { compareEvaluations, renderComparison, renderRequests } from '../report/index.js';
import { type CliIo, emit } from './io.js';
import { addSamplingOptions, samplingFlags } from './options.js';

interface EvaluateFlags {
  against?: string;
  seed?: number;
  samples?: number;
  json?: boolean;
  timings?: boolean;
}

export function registerEvaluate(program: Command, io: CliIo): void {
  const command = program
    .command('evaluate')
    .description(
      "end-to-end latency of the estate's requests per metro (p50, p99) against their budgets, and where the milliseconds go",
    )
    .argument('<file>', 'the estate file')
    .option('--against <file>', 'another design of the estate (e.g. the one it extends): both side by side');
  addSamplingOptions(command)
    .addHelpText(
      'after',
      '\nExamples:\n  footprint evaluate examples/ticketmaster-phoenix/estate.yaml\n  footprint evaluate examples/ticketmaster-phoenix/event-page-local-zone.yaml \\\n    --against examples/ticketmaster-phoenix/estate.yaml',
    )
    .action((file: string, flags: EvaluateFlags) => {
      const options = samplingFlags(flags);
      const started = performance.now();
      const estate = loadEstate(file);
      const other = flags.against !== undefined ? loadEstate(flags.against) : undefined;
      const evaluation = evaluateRequests(estate, options);
      const baseline = other ? evaluateRequests(other, options) : undefined;
      const evaluateMs = performance.now() - started;
      const timings = flags.timings ? { timings: { evaluateMs } } : {};
      const data = {
        estate: estate.name,
        files: estate.files,
        seed: evaluation.seed,
        samples: evaluation.samples,
        rtt: evaluation.rtt,
        requests: evaluation.requests,
        ...(other && baseline
          ? {
              against: { estate: other.name, files: other.files, requests: baseline.requests },
              comparison: compareEvaluations(baseline, evaluation),
            }
          : {}),
        ...timings,
      };
      emit(io, flags.json === true, data, () => {
        const text =
          other && baseline
            ? comparisonText(estate, evaluation, other, baseline)
            : evaluationText(estate, evaluation);
        return `${text}${flags.timings ? `evaluated in ${Math.round(evaluateMs)} ms\n` : ''}`;
      });
    });
}

function header(evaluation: RequestEvaluation): string {
  const rtt = {
    physical: 'RTTs from the physical model',
    routed:
      "RTTs of the routed paths between subnets and sites (the estate's route tables), physical elsewhere",
    given: 'RTTs as given',
  }[evaluation.rtt];
  return `seed ${evaluation.seed}, ${evaluation.samples.toLocaleString('en-US')} draws per request and metro; ${rtt}; all figures in ms\n`;
}

function evaluationText(estate: Estate, evaluation: RequestEvaluation): string {
  const title = `Request latency: ${estate.name} (${estate.files.join(' <- ')})\n`;
  if (evaluation.requests.length === 0)
    return `${title}no requests: the estate defines none under 'requests:'\n`;
  return `${title}${header(evaluation)}\n${renderRequests(evaluation)}`;
}

function comparisonText(
  estate: Estate,
  evaluation: RequestEvaluation,
  other: Estate,
  baseline: RequestEvaluation,
): string {
  const title = `Request latency: ${estate.name} against ${other.name}\n`;
  const labels = {
    a: { estate: other.name, file: other.files[0] ?? '' },
    b: { estate: estate.name, file: estate.files[0] ?? '' },
  };
  return `${title}${header(evaluation)}\n${renderComparison(baseline, evaluation, labels)}`;
}
