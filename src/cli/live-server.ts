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
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { FootprintError, formatDiagnostic, InternalError } from '../errors.js';
import type { EstateReport } from '../report/estate.js';
import { toJson } from '../report/format.js';
import { contentSecurityPolicy, type PageAssets, renderHtmlPage } from '../report/html.js';
import type { SimulationPageReport } from '../report/simulation-page.js';
import { estatePage, type PageBuild, PageWorker, type ServedKind, servedKind } from './live-sources.js';

export const LOOPBACK = '127.0.0.1';

export interface LiveServerOptions {
  /** The estate file, or a scenario file. */
  readonly file: string;
  /** With an estate: a second design, and the page compares the two (`serve A --against B`). */
  readonly against?: string;
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
  /** A page is being built in a worker (the state is the previous one meanwhile). */
  readonly building: () => boolean;
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
  const live = new LiveFile(options);
  live.rebuild();

  const server = createServer((request, response) => {
    try {
      handle(live, options.assets, portOf(server), request, response);
    } catch {
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      response.end('internal error\n');
    }
  });
  const keepAlive = setInterval(() => {
    for (const stream of live.streams) stream.write(': keep-alive\n\n');
  }, 20_000);
  keepAlive.unref();

  await listen(server, options.port, () => live.abandon());
  const port = portOf(server);
  return {
    url: `http://${LOOPBACK}:${port}/`,
    port,
    kind: () => live.kind,
    files: () => [...live.watched],
    state: () => live.state,
    building: () => live.building,
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(keepAlive);
        live.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * The served file as the page sees it: an estate's report, or a scenario's last run (while a new
 * one runs in a worker), or the file's errors over the last good report; rebuilt when a file it
 * is read from changes, and the event streams told of each new version.
 */
class LiveFile {
  kind: ServedKind;
  state: LiveState;
  watched = new Set<string>();
  readonly streams = new Set<ServerResponse>();
  private stateJson = '';
  private run: PageBuild | undefined;
  /** The thread pages are built in, kept between builds. */
  private readonly pages = new PageWorker();

  get building(): boolean {
    return this.run !== undefined;
  }
  private pending: NodeJS.Timeout | undefined;
  private readonly log: (line: string) => void;

  /** Throws a FootprintError at once for a file that is neither an estate nor a scenario. */
  constructor(private readonly options: LiveServerOptions) {
    this.log = options.log ?? (() => {});
    this.kind = servedKind(options.file) ?? 'estate';
    if (options.against !== undefined && this.kind === 'scenario')
      throw new FootprintError({
        code: 'FP_USAGE',
        message: `--against compares two estates; '${options.file}' is a scenario`,
        expected: 'an estate file and a second estate (`footprint serve A.yaml --against B.yaml`)',
        suggestion: "a scenario's designs are compared on its own page: `footprint serve SCENARIO`",
      });
    this.state = { version: 0, kind: this.kind };
  }

  /**
   * Reads the file again. The first estate report is built at once (the server is not answering
   * yet); every later build, and every simulation, runs in a worker, cancelled when a file changes
   * again, so the server answers and Ctrl-C works meanwhile.
   */
  rebuild() {
    const { options } = this;
    try {
      this.kind = servedKind(options.file) ?? this.kind;
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      this.run?.cancel();
      this.run = undefined;
      const next = this.failed(error);
      return this.publish(next, [...this.watched, ...this.inputs()], this.errorsSaid(next.errors));
    }
    if (this.kind === 'estate' && this.state.version === 0) return this.buildEstateNow();
    return this.buildInBackground();
  }

  private buildEstateNow(): void {
    const { options } = this;
    try {
      const { report, files } = estatePage(options.file, options.against);
      this.publish({ kind: this.kind, report }, files);
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      // Keep watching what we watched: the broken file may be one the estate extends.
      const next = this.failed(error);
      this.publish(next, [...this.watched, ...this.inputs()], this.errorsSaid(next.errors));
    }
  }

  /**
   * Builds the page again in a worker; until it is done the page shows the previous one (a
   * simulation's marked as running).
   */
  private buildInBackground(): void {
    const { options } = this;
    const kind = this.kind;
    this.run?.cancel();
    const started = Date.now();
    const { version: _, ...current } = this.state;
    const { errors: __, running: ___, ...shown } = current;
    if (kind === 'scenario')
      this.publish({ ...current, kind, running: true }, [...this.watched, ...this.inputs()]);
    this.run = this.pages.build(
      options.file,
      kind,
      (result) => {
        this.run = undefined;
        if ('errors' in result) {
          this.publish(
            { ...shown, kind, errors: result.errors },
            [...this.watched, ...result.files],
            this.errorsSaid(result.errors),
          );
          return;
        }
        const version = this.state.version + 1;
        this.publish(
          { kind, report: result.report },
          result.files,
          'simulation' in result.report
            ? `simulated ${result.report.simulation.scenario} in ${((Date.now() - started) / 1000).toFixed(1)} s: page updated (version ${version})`
            : `estate changed: page updated (version ${version})`,
        );
      },
      options.against,
    );
  }

  /** The files named on the command line. */
  private inputs(): string[] {
    return this.options.against === undefined
      ? [this.options.file]
      : [this.options.file, this.options.against];
  }

  /** Publishes the next state (when it differs) and watches `files`; `says` is what to log. */
  private publish(next: Omit<LiveState, 'version'>, files: readonly string[], says?: string): void {
    this.watch(files);
    const json = toJson(next);
    if (json === this.stateJson) return;
    this.stateJson = json;
    this.state = { version: this.state.version + 1, ...next };
    if (says !== undefined) this.log(says);
    for (const stream of this.streams) sendChange(stream, this.state.version);
  }

  /** The file's errors, over the last good report. */
  private failed(error: FootprintError) {
    return {
      kind: this.kind,
      ...(this.state.report ? { report: this.state.report } : {}),
      errors: error.diagnostics.map(formatDiagnostic),
    };
  }

  private errorsSaid(errors: readonly string[]): string {
    return `${this.kind} has ${errors.length === 1 ? 'an error' : `${errors.length} errors`}; the page shows it until the file is fixed\n${errors.join('\n\n')}`;
  }

  private readonly onChange = (current: Stats, previous: Stats) => {
    if (current.mtimeMs === previous.mtimeMs && current.size === previous.size) return;
    clearTimeout(this.pending);
    this.pending = setTimeout(() => this.rebuild(), 40);
  };

  private watch(files: readonly string[]): void {
    const next = new Set(files);
    for (const file of this.watched) if (!next.has(file)) unwatchFile(file, this.onChange);
    for (const file of next)
      if (!this.watched.has(file))
        watchFile(file, { interval: this.options.pollMs ?? 250, persistent: false }, this.onChange);
    this.watched = next;
  }

  /** The server could not listen: stop watching and stop the run. */
  abandon(): void {
    for (const file of this.watched) unwatchFile(file, this.onChange);
    this.run?.cancel();
    this.pages.close();
  }

  /** Stops the run and the watching, and ends the event streams. */
  close(): void {
    clearTimeout(this.pending);
    this.run?.cancel();
    this.run = undefined;
    this.pages.close();
    for (const file of this.watched) unwatchFile(file, this.onChange);
    for (const stream of this.streams) stream.end();
    this.streams.clear();
  }
}

/** Answers a request: our own host names only, GET or HEAD, the page, the report JSON or the event stream. */
function handle(
  live: LiveFile,
  assets: PageAssets,
  port: number,
  request: IncomingMessage,
  response: ServerResponse,
) {
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
  if (path === '/events') return openStream(live, request, response);
  const body =
    path === '/report.json'
      ? toJson(live.state)
      : renderHtmlPage(live.state.report, assets, { live: { events: 'events' } });
  response.writeHead(200, {
    'content-type': path === '/report.json' ? 'application/json; charset=utf-8' : 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    // The page's own policy as a header too, with what only a header can say: no framing.
    'content-security-policy': `${contentSecurityPolicy(assets, true)}; frame-ancestors 'none'`,
    'x-frame-options': 'DENY',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  response.end(request.method === 'HEAD' ? undefined : body);
}

/** An event stream: the current version now, each new one as it comes. */
function openStream(live: LiveFile, request: IncomingMessage, response: ServerResponse): void {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    connection: 'keep-alive',
    'x-content-type-options': 'nosniff',
  });
  response.write('retry: 1000\n\n');
  sendChange(response, live.state.version);
  live.streams.add(response);
  request.on('close', () => live.streams.delete(response));
}

/** Listens on 127.0.0.1; a port in use or not allowed is the user's to change. */
function listen(server: Server, port: number, onError: () => void): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      onError();
      if (error.code === 'EADDRINUSE' || error.code === 'EACCES')
        reject(
          new FootprintError({
            code: 'FP_USAGE',
            message: `cannot listen on ${LOOPBACK}:${port} (${error.code === 'EADDRINUSE' ? 'the port is in use' : 'not allowed'})`,
            suggestion: 'pick another port with --port, or --port 0 for any free one',
          }),
        );
      else reject(error);
    });
    server.listen(port, LOOPBACK, () => resolve());
  });
}

/** The TCP port the server listens on. */
function portOf(server: Server): number {
  const address = server.address();
  if (address === null || typeof address === 'string')
    throw new InternalError('the live server is not listening on a TCP port');
  return address.port;
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
