/**
 * What `footprint serve` can serve: an estate (its report) or a scenario (its simulation's page),
 * each built in a worker thread once the server runs (a page can take seconds, and the server must
 * keep answering, and Ctrl-C keep working, meanwhile), and how to tell which a file is.
 */
import { existsSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { FootprintError } from '../errors.js';
import {
  EstateSource,
  estateSchema,
  loadEstate,
  parseLayer,
  type ReadFile,
  readFromDisk,
} from '../model/index.js';
import { comparisonPageReport } from '../report/compare-page.js';
import { buildEstateReport, type EstateReport } from '../report/estate.js';
import { scenarioSchema } from '../sim/index.js';
import type { LiveWorkerReply, LiveWorkerRequest, LiveWorkerResult } from './live-worker.js';

export type ServedKind = 'estate' | 'scenario';

const ESTATE_KEYS = new Set(Object.keys(estateSchema.shape));
const SCENARIO_KEYS = new Set(Object.keys(scenarioSchema.shape));

/**
 * Whether a file is an estate or a scenario, from its top-level keys: a scenario has `demand:` (or,
 * while being written, another key only scenarios have, such as `designs:` or `duration:`, and none
 * only estates have). Undefined when the file cannot be read or parsed: the loader says why. A file
 * that is neither (not a mapping, or no key either knows) is a FootprintError saying so.
 */
export function servedKind(file: string, readFile: ReadFile = readFromDisk): ServedKind | undefined {
  const text = readFile(file);
  if (text === undefined) return undefined;
  let parsed: ReturnType<typeof parseLayer>;
  try {
    parsed = parseLayer(file, text);
  } catch {
    return undefined;
  }
  const { value, layer } = parsed;
  const keys = value && typeof value === 'object' && !Array.isArray(value) ? Object.keys(value) : undefined;
  if (keys?.includes('demand')) return 'scenario';
  const estate = keys?.some((k) => ESTATE_KEYS.has(k) && !SCENARIO_KEYS.has(k));
  const scenario = keys?.some((k) => SCENARIO_KEYS.has(k) && !ESTATE_KEYS.has(k));
  if (scenario && !estate) return 'scenario';
  if (estate || keys?.some((k) => ESTATE_KEYS.has(k)) || (keys && keys.length === 0)) return 'estate';
  throw new FootprintError(
    new EstateSource([layer]).diagnostic(
      [],
      'FP_WRONG_TYPE',
      `'${file}' is neither an estate nor a scenario`,
      {
        expected:
          'an estate (name:, sites:, links:, services:, ...) or a scenario (name:, demand:, and estate: or designs:)',
        suggestion:
          'serve an estate file such as examples/ticketmaster-phoenix/estate.yaml, or a scenario such as examples/ticketmaster-phoenix/onsale.yaml',
      },
    ),
  );
}

/**
 * An estate's page: its report, or with `against` (`serve A --against B`) the comparison page of
 * the two designs; and the files it was read from, to watch.
 * @example estatePage('event-page-local-zone.yaml', 'estate.yaml').report.comparison?.b.estate.name
 */
export function estatePage(
  file: string,
  against: string | undefined,
  read: ReadFile = readFromDisk,
): { report: EstateReport; files: readonly string[] } {
  const filesOf = (estate: { files: readonly string[] }, name: string) =>
    estate.files.length > 0 ? estate.files : [name];
  const estate = loadEstate(file, read);
  if (against === undefined) return { report: buildEstateReport(estate), files: filesOf(estate, file) };
  const other = loadEstate(against, read);
  return {
    report: comparisonPageReport(buildEstateReport(estate), buildEstateReport(other)),
    files: [...new Set([...filesOf(estate, file), ...filesOf(other, against)])],
  };
}

/** The worker, built beside this file in dist/ (from src/ under a test, the built one). */
const WORKER = new URL('../../dist/cli/live-worker.js', import.meta.url);

/** A page being built (a report, a simulation): cancel it when its inputs change or the server stops. */
export interface PageBuild {
  cancel(): void;
}

/** A build the worker is on: its number, and what ends it. */
interface Running {
  readonly id: number;
  readonly finish: (result: LiveWorkerResult) => void;
  readonly what: string;
  readonly file: string;
}

/**
 * The worker thread a server builds its pages in (an estate's report, a scenario's simulation),
 * kept from one build to the next: a new thread imports the library again before it can start,
 * about a second of CPU, on every edit. Cancelling a build stops the thread (a simulation cannot
 * be interrupted otherwise); the next build starts another. An idle worker does not keep the
 * process alive.
 * @example const pages = new PageWorker(); pages.build('onsale.yaml', 'scenario', (result) => console.log('files' in result)); pages.close();
 */
export class PageWorker {
  private worker: Worker | undefined;
  private running: Running | undefined;
  private builds = 0;
  private started = 0;

  /** Builds a file's page and calls `done` once with its report or its errors, and every file it read; never after `cancel()`. */
  build(
    file: string,
    kind: ServedKind,
    done: (result: LiveWorkerResult) => void,
    against?: string,
  ): PageBuild {
    if (!existsSync(WORKER))
      throw new FootprintError({
        code: 'FP_FILE_NOT_FOUND',
        message: 'the page worker (dist/cli/live-worker.js) is missing',
        suggestion: 'run `npm run build` in the Footprint checkout',
      });
    this.stopRunning();
    const worker = this.worker ?? this.start();
    const id = ++this.builds;
    const running: Running = {
      id,
      file,
      what: kind === 'scenario' ? 'simulating' : 'building the report of',
      finish: (result) => {
        if (this.running !== running) return;
        this.running = undefined;
        worker.unref();
        done(result);
      },
    };
    this.running = running;
    worker.ref();
    worker.postMessage({ id, file, kind, against } satisfies LiveWorkerRequest);
    return { cancel: () => this.running === running && this.stopRunning() };
  }

  /** How many threads it has started: one, however many builds, until a build is cancelled. */
  get threadsStarted(): number {
    return this.started;
  }

  /** Stops the build under way, if any, and the thread. */
  close(): void {
    this.running = undefined;
    this.stop();
  }

  private start(): Worker {
    const worker = new Worker(WORKER);
    this.worker = worker;
    this.started++;
    worker.on('message', (message: LiveWorkerReply) => {
      if (this.running?.id === message.id) this.running.finish(message.result);
    });
    // A bug, not the user's: say so on the page rather than die.
    // A thread stopped on purpose is no longer this.worker: its events end nothing.
    worker.once('error', (error) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const running = this.running;
      running?.finish({
        errors: [`internal error while ${running.what} ${running.file}: ${error.message}`],
        files: [running.file],
      });
    });
    worker.once('exit', (code) => {
      if (this.worker !== worker) return;
      this.worker = undefined;
      const running = this.running;
      running?.finish({
        errors: [`${running.what} ${running.file} stopped (exit code ${code})`],
        files: [running.file],
      });
    });
    return worker;
  }

  /** Drops the build under way: only stopping its thread stops it. */
  private stopRunning(): void {
    if (!this.running) return;
    this.running = undefined;
    this.stop();
  }

  private stop(): void {
    const worker = this.worker;
    this.worker = undefined;
    void worker?.terminate();
  }
}
