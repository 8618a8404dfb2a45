/**
 * A worker thread of the local pool: it loads the sweep from the files the main thread read (its
 * bundle: no disk), then runs the points it is sent, one at a time, and posts each row back.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { bundleReader, loadSweep } from './load.js';
import type { ThreadReply, ThreadRequest, ThreadSetup } from './pool.js';
import { runPoint } from './run.js';

const { file, bundle } = workerData as ThreadSetup;
const port = parentPort;
if (port) {
  const sweep = loadSweep(file, bundleReader(bundle), { checked: true });
  port.on('message', (request: ThreadRequest) => {
    let reply: ThreadReply;
    try {
      reply = { index: request.index, row: runPoint(sweep, request.index) };
    } catch (error) {
      reply = { index: request.index, error: error instanceof Error ? error.message : String(error) };
    }
    port.postMessage(reply);
  });
  port.postMessage({ ready: true } satisfies ThreadReply);
}
