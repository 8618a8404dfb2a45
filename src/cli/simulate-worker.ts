/**
 * The worker thread `footprint serve SCENARIO` simulates in, so that the server keeps answering, and
 * Ctrl-C keeps working, during a run that takes seconds: it loads the scenario, runs every design,
 * builds the page's report, and posts it with every file it read (to watch them). A scenario with
 * errors posts them, formatted as the CLI prints them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { FootprintError, formatDiagnostic } from '../errors.js';
import { readFromDisk } from '../model/index.js';
import { type SimulationPageReport, simulationPageReport } from '../report/simulation-page.js';
import { loadScenario, simulateScenario } from '../sim/index.js';

/** What the worker is given. */
export interface SimulateWorkerInput {
  readonly file: string;
}

/** What it posts back, once. */
export type SimulateWorkerResult =
  | { readonly report: SimulationPageReport; readonly files: readonly string[] }
  | { readonly errors: readonly string[]; readonly files: readonly string[] };

const { file } = workerData as SimulateWorkerInput;
const files = new Set<string>([file]);
const read = (path: string) => {
  files.add(path);
  return readFromDisk(path);
};
let result: SimulateWorkerResult;
try {
  const scenario = loadScenario(file, read);
  for (const design of scenario.designs) for (const f of design.estate.files) files.add(f);
  result = { report: simulationPageReport(scenario, simulateScenario(scenario)), files: [...files] };
} catch (error) {
  if (!(error instanceof FootprintError)) throw error;
  result = { errors: error.diagnostics.map(formatDiagnostic), files: [...files] };
}
parentPort?.postMessage(result);
