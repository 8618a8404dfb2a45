/**
 * `footprint serve FILE`: the report page (or a scenario's simulation) live on 127.0.0.1, updated
 * when its files change (the server is live-server.ts).
 */
import type { Command } from 'commander';
import { FootprintError } from '../errors.js';
import type { CliIo } from './io.js';
import { startLiveServer } from './live-server.js';
import { loadPageAssets } from './output-files.js';

export const DEFAULT_PORT = 7310;

export function registerServe(program: Command, io: CliIo): void {
  program
    .command('serve')
    .description(
      'the report page, live on 127.0.0.1: it updates when the estate file changes; given a scenario, its simulation, run again when it changes',
    )
    .argument('<file>', 'the estate file, or a scenario file (it has `demand:`)')
    .option(
      '--against <other>',
      'with an estate: a second design, and the page shows the two side by side (as `report A --against B -o`)',
    )
    .option('--port <n>', `the port on 127.0.0.1 (0: any free port)`, String(DEFAULT_PORT))
    .option(
      '--json',
      'print JSON lines: one object when serving (url, port, what it watches), one per update',
    )
    .action(async (file: string, options: { port: string; json?: boolean; against?: string }) => {
      const port = parsePort(options.port);
      const json = options.json === true;
      const line = (value: object) => io.stdout(`${JSON.stringify(value)}\n`);
      const server = await startLiveServer({
        file,
        ...(options.against !== undefined ? { against: options.against } : {}),
        port,
        assets: loadPageAssets(),
        log: (message) => (json ? line({ event: 'update', message }) : io.stdout(`${message}\n`)),
      });
      if (json)
        line({
          event: 'serving',
          kind: server.kind(),
          file,
          ...(options.against !== undefined ? { against: options.against } : {}),
          url: server.url,
          port: Number(new URL(server.url).port),
          watching: server.files(),
        });
      else if (server.kind() === 'scenario')
        io.stdout(
          `Footprint: serving the simulation of ${file} at ${server.url}\n  simulating it now (the page shows it when the run is done), and again when it or its estates change; Ctrl-C to stop\n`,
        );
      else {
        const served = server.state().report?.estate.name ?? file;
        const other = (
          server.state().report as { comparison?: { b: { estate: { name: string } } } } | undefined
        )?.comparison?.b.estate.name;
        const name = options.against !== undefined ? `${served} against ${other ?? options.against}` : served;
        io.stdout(
          `Footprint: serving ${name} at ${server.url}\n  watching ${server.files().join(', ')}; Ctrl-C to stop\n`,
        );
      }
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off('SIGINT', stop);
          process.off('SIGTERM', stop);
          void server.close().then(resolve);
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    });
}

function parsePort(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535)
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `--port must be a port number, not '${text}'`,
      expected: 'an integer from 0 to 65535 (0: any free port)',
    });
  return port;
}
