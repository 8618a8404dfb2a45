/**
 * `footprint serve`: the report page, served live on 127.0.0.1 and re-rendered when the estate
 * file (or a file it extends) changes. node:http only. It serves its own page, the report JSON and
 * a stream of change events, and nothing else: there is no file system behind the URLs.
 *
 * Given a scenario instead, it serves the simulation's page (`footprint simulate -o`), simulated in a
 * worker thread (see live-sources.ts) and again when the scenario or a file it reads changes; the
 * page shows the previous run, marked as running, until the new one is done.
 */
import { type Stats, unwatchFile, watchFile } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FootprintError, formatDiagnostic } from '../errors.js';
import { loadEstate } from '../model/index.js';
import { buildEstateReport, type EstateReport } from '../report/estate.js';
import { toJson } from '../report/format.js';
import { type PageAssets, renderHtmlPage } from '../report/html.js';
import type { SimulationPageReport } from '../report/simulation-page.js';
import { runScenario, type ScenarioRun, type ServedKind, servedKind } from './live-sources.js';

export const LOOPBACK = '127.0.0.1';

export interface LiveServerOptions {
  /** The estate file, or a scenario file. */
  readonly file: string;
  /** 0 picks a free port. */
  readonly port: number;
  readonly assets: PageAssets;
  /** How often the watched files are checked, in ms. */
  readonly pollMs?: number;
  /** Where the server says what it does (a reload, an error). */
  readonly log?: (line: string) => void;
}

/** What the page fetches from /report.json. */
export interface LiveState {
  /** Goes up by one each time the report, its errors or whether a simulation is running change. */
  readonly version: number;
  /** What the served file is. */
  readonly kind: ServedKind;
  readonly report?: EstateReport | SimulationPageReport;
  /** The file's errors, formatted as the CLI prints them (file:line:col, code frame, help). */
  readonly errors?: readonly string[];
  /** A scenario's simulation is running; `report` is the previous run's, if any. */
  readonly running?: boolean;
}

export interface LiveServer {
  readonly url: string;
  readonly port: number;
  /** What the file is: an estate, or a scenario (whose first run may still be going on). */
  readonly kind: () => ServedKind;
  /** The files being watched. */
  readonly files: () => readonly string[];
  /** The current state (what /report.json answers). */
  readonly state: () => LiveState;
  /** Stops watching, ends the event streams and closes the server. */
  close(): Promise<void>;
}

const ROUTES = new Set(['/', '/index.html', '/report.json', '/events']);

/**
 * Starts the live server on 127.0.0.1. A bad estate or scenario file does not stop it: the page
 * shows the error over the last good report and recovers when the file is fixed. A file that is
 * neither an estate nor a scenario is refused at once (a FootprintError).
 * @example const server = await startLiveServer({ file: 'estate.yaml', port: 0, assets: loadPageAssets() })
 */
export async function startLiveServer(options: LiveServerOptions): Promise<LiveServer> {
  const log = options.log ?? (() => {});
  let kind: ServedKind = servedKind(options.file) ?? 'estate';
  let state: LiveState = { version: 0, kind };
  let stateJson = '';
  let watched = new Set<string>();
  const streams = new Set<ServerResponse>();
  let run: ScenarioRun | undefined;

  /** Publishes the next state (when it differs) and watches `files`; `says` is what to log. */
  const publish = (next: Omit<LiveState, 'version'>, files: readonly string[], says?: string) => {
    watch(files);
    const json = toJson(next);
    if (json === stateJson) return;
    stateJson = json;
    state = { version: state.version + 1, ...next };
    if (says !== undefined) log(says);
    for (const stream of streams) sendChange(stream, state.version);
  };
  const failed = (error: FootprintError) => ({
    kind,
    ...(state.report ? { report: state.report } : {}),
    errors: error.diagnostics.map(formatDiagnostic),
  });
  const errorsSaid = (errors: readonly string[]) =>
    `${kind} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; the page shows it until the file is fixed\n${errors.join('\n\n')}`;

  const simulate = () => {
    run?.cancel();
    const started = Date.now();
    const { version: _, ...current } = state;
    const { errors: __, running: ___, ...shown } = current;
    publish({ ...current, kind, running: true }, [...watched, options.file]);
    run = runScenario(options.file, (result) => {
      run = undefined;
      if ('errors' in result) {
        publish(
          { ...shown, kind, errors: result.errors },
          [...watched, ...result.files],
          errorsSaid(result.errors),
        );
        return;
      }
      const name = result.report.simulation.scenario;
      publish(
        { kind, report: result.report },
        result.files,
        `simulated ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s: page updated (version ${state.version + 1})`,
      );
    });
  };

  const rebuild = () => {
    try {
      kind = servedKind(options.file) ?? kind;
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      run?.cancel();
      run = undefined;
      const next = failed(error);
      return publish(next, [...watched, options.file], errorsSaid(next.errors));
    }
    if (kind === 'scenario') return simulate();
    run?.cancel();
    run = undefined;
    try {
      const estate = loadEstate(options.file);
      const files = estate.files.length > 0 ? estate.files : [options.file];
      publish(
        { kind, report: buildEstateReport(estate) },
        files,
        state.version > 0 ? `estate changed: page updated (version ${state.version + 1})` : undefined,
      );
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      // Keep watching what we watched: the broken file may be one the estate extends.
      const next = failed(error);
      publish(next, [...watched, options.file], errorsSaid(next.errors));
    }
  };

  let pending: NodeJS.Timeout | undefined;
  const onChange = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
    clearTimeout(pending);
    pending = setTimeout(rebuild, 40);
  };
  const watch = (files: readonly string[]) => {
    const next = new Set(files);
    for (const file of watched) if (!next.has(file)) unwatchFile(file, onChange);
    for (const file of next)
      if (!watched.has(file))
        watchFile(file, { interval: options.pollMs ?? 250, persistent: false }, onChange);
    watched = next;
  };

  rebuild();

  const server = createServer((request, response) => {
    try {
      handle(request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('internal error\n');
    }
  });
  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const port = (server.address() as AddressInfo).port;
    const host = request.headers.host ?? '';
    // A page elsewhere may point a name at 127.0.0.1 (DNS rebinding): answer our own names only.
    if (host !== `${LOOPBACK}:${port}` && host !== `localhost:${port}`)
      return plain(response, 403, 'forbidden host');
    const path = routePath(request.url);
    if (path === undefined || !ROUTES.has(path)) return plain(response, 404, 'not found');
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.setHeader('allow', 'GET, HEAD');
      return plain(response, 405, 'method not allowed');
    }
    if (path === '/events') return openStream(request, response);
    const body =
      path === '/report.json'
        ? toJson(state)
        : renderHtmlPage(state.report, options.assets, { live: { events: 'events' } });
    response.writeHead(200, {
      'content-type':
        path === '/report.json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    response.end(request.method === 'HEAD' ? undefined : body);
  };
  const openStream = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      connection: 'keep-alive',
      'x-content-type-options': 'nosniff',
    });
    response.write('retry: 1000\n\n');
    sendChange(response, state.version);
    streams.add(response);
    request.on('close', () => streams.delete(response));
  };
  const keepAlive = setInterval(() => {
    for (const stream of streams) stream.write(': keep-alive\n\n');
  }, 20_000);
  keepAlive.unref();

  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      for (const file of watched) unwatchFile(file, onChange);
      run?.cancel();
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
        reject(
          new FootprintError({
            code: 'FP_USAGE',
            message: `cannot listen on ${LOOPBACK}:${options.port} (${error.code === 'EADDRINUSE' ? 'the port is in use' : 'not allowed'})`,
            suggestion: 'pick another port with --port, or --port 0 for any free one',
          }),
        );
      else reject(error);
    });
    server.listen(options.port, LOOPBACK, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    kind: () => kind,
    files: () => [...watched],
    state: () => state,
    close: () =>
      new Promise<void>((resolve) => {
        clearTimeout(pending);
        clearInterval(keepAlive);
        run?.cancel();
        run = undefined;
        for (const file of watched) unwatchFile(file, onChange);
        for (const stream of streams) stream.end();
        streams.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The path of a request target, or undefined for anything but a plain absolute path. */
function routePath(target: string | undefined): string | undefined {
  if (target === undefined || !target.startsWith('/') || target.startsWith('//')) return undefined;
  const path = target.split('?')[0] as string;
  // No decoding and no normalisation: `/../x`, `/%2e%2e/x` and `/.//x` are simply not routes.
  return path;
}

function sendChange(stream: ServerResponse, version: number): void {
  stream.write(`event: change\ndata: {"version":${version}}\n\n`);
}

function plain(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  });
  response.end(`${text}\n`);
}
