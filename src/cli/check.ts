/**
 * `footprint check FILE`: the estate's budgets and expected RTTs for CI, exit 1 when one breaks,
 * with a JUnit report on request.
 */
import type { Command } from 'commander';
import { loadEstate } from '../model/index.js';
import { buildCheckReport, checkJunitSuites, renderCheckReport, renderJunit } from '../report/index.js';
import { ChecksFailed, type CliIo, emit } from './io.js';
import { addSamplingOptions, samplingFlags } from './options.js';
import { checkWritable, writeOutput } from './output-files.js';

interface CheckFlags {
  junit?: string;
  seed?: number;
  samples?: number;
  json?: boolean;
  timings?: boolean;
}

export function registerCheck(program: Command, io: CliIo): void {
  const command = program
    .command('check')
    .description(
      "for CI: check the estate's latency budgets and expected RTTs; exit 1 when one breaks, with a JUnit report on request",
    )
    .argument('<file>', 'the estate file')
    .option('--junit <out>', 'write a JUnit XML report (each budget and metro is a test case)');
  addSamplingOptions(command).action((file: string, flags: CheckFlags) => {
    if (flags.junit !== undefined) checkWritable(flags.junit);
    const started = performance.now();
    const report = buildCheckReport(loadEstate(file), samplingFlags(flags));
    const seconds = (performance.now() - started) / 1000;
    if (flags.junit !== undefined) {
      const xml = renderJunit(checkJunitSuites(report), {
        name: `footprint check ${report.estate.name}`,
        ...(flags.timings ? { timeSeconds: seconds } : {}),
      });
      writeOutput(flags.junit, xml);
    }
    const data = {
      ...report,
      ...(flags.junit !== undefined ? { junit: flags.junit } : {}),
      ...(flags.timings ? { timings: { checkMs: seconds * 1000 } } : {}),
    };
    emit(io, flags.json === true, data, () => {
      const junit = flags.junit !== undefined ? `JUnit report: ${flags.junit}\n` : '';
      const time = flags.timings ? `checked in ${Math.round(seconds * 1000)} ms\n` : '';
      return `${renderCheckReport(report)}${junit}${time}`;
    });
    if (!report.ok) throw new ChecksFailed();
  });
}
