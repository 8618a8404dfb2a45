/**
 * The worker thread `footprint serve` builds its page in, so that the server keeps answering, and
 * Ctrl-C keeps working, while a page takes seconds: an estate's report (matrices, traces,
 * evaluation, lint) or a scenario's simulation (every design run). It posts the page's report with
 * every file it read (to watch them), or the file's errors formatted as the CLI prints them. It stays
 * for the server's next build (see PageWorker in live-sources.ts).
 */
import { parentPort } from 'node:worker_threads';
import { FootprintError, formatDiagnostic } from '../errors.js';
import { confined, readFromDisk } from '../model/index.js';
import type { EstateReport } from '../report/estate.js';
import { type SimulationPageReport, simulationPageReport } from '../report/simulation-page.js';
import { loadScenario, simulateScenario } from '../sim/index.js';
import { estatePage, type ServedKind } from './live-sources.js';

/** A page to build. */
export interface LiveWorkerRequest {
  /** The build's number: the reply carries it. */
  readonly id: number;
  readonly file: string;
  readonly kind: ServedKind;
  /** An estate's second design (`serve A --against B`): the page compares the two. */
  readonly against?: string | undefined;
}

/** What it posts back for a build, once. */
export type LiveWorkerResult =
  | { readonly report: EstateReport | SimulationPageReport; readonly files: readonly string[] }
  | { readonly errors: readonly string[]; readonly files: readonly string[] };

export interface LiveWorkerReply {
  readonly id: number;
  readonly result: LiveWorkerResult;
}

/** Builds one page: its report or its errors, and every file it read. */
function buildPage({ file, kind, against }: LiveWorkerRequest): LiveWorkerResult {
  const files = new Set<string>(against === undefined ? [file] : [file, against]);
  // Confined as readFromDisk is: it only notes the files read, to watch them.
  const read = confined((path: string) => {
    files.add(path);
    return readFromDisk(path);
  });
  try {
    if (kind === 'estate') return estatePage(file, against, read);
    const scenario = loadScenario(file, read);
    for (const design of scenario.designs) for (const f of design.estate.files) files.add(f);
    return { report: simulationPageReport(scenario, simulateScenario(scenario)), files: [...files] };
  } catch (error) {
    if (!(error instanceof FootprintError)) throw error;
    return { errors: error.diagnostics.map(formatDiagnostic), files: [...files] };
  }
}

parentPort?.on('message', (request: LiveWorkerRequest) => {
  parentPort?.postMessage({ id: request.id, result: buildPage(request) } satisfies LiveWorkerReply);
});
