/**
 * `footprint serve`'s page worker (src/cli/live-sources.ts): one thread for build after build (a
 * new one costs the library's import again), a new one only after a build is cancelled, and a
 * cancelled build's thread, stopping, never ends the build that follows it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { PageWorker } from '../src/cli/live-sources.js';
import type { LiveWorkerResult } from '../src/cli/live-worker.js';

const ESTATE = 'examples/ticketmaster-phoenix/estate.yaml';
const OTHER = 'examples/ticketmaster-phoenix/event-page-local-zone.yaml';
const SCENARIO = 'examples/ticketmaster-phoenix/onsale.yaml';

const pages: PageWorker[] = [];
afterEach(() => {
  for (const p of pages.splice(0)) p.close();
});

function built(worker: PageWorker, file: string, kind: 'estate' | 'scenario'): Promise<LiveWorkerResult> {
  return new Promise((resolve) => worker.build(file, kind, resolve));
}

describe('the page worker', () => {
  it('builds one page after another in the same thread', async () => {
    const worker = new PageWorker();
    pages.push(worker);
    const first = await built(worker, ESTATE, 'estate');
    const second = await built(worker, OTHER, 'estate');
    const broken = await built(worker, 'test/fixtures/no-such-estate.yaml', 'estate');
    expect('report' in first && first.report.estate.name).toBe('ticketmaster-southwest');
    expect('report' in second && second.report.estate.name).toBe('ticketmaster-southwest-local-zone');
    expect('errors' in broken && broken.errors.join('\n')).toContain('FP_FILE_NOT_FOUND');
    expect(worker.threadsStarted).toBe(1);
  }, 60_000);

  it('stops a cancelled build, never reports it, and builds the next in a new thread', async () => {
    const worker = new PageWorker();
    pages.push(worker);
    const results: LiveWorkerResult[] = [];
    // The on-sale example takes tens of seconds: cancelled long before it ends.
    const build = worker.build(SCENARIO, 'scenario', (result) => results.push(result));
    await new Promise((resolve) => setTimeout(resolve, 200));
    build.cancel();
    // Started at once: the stopping thread's exit must not end this build.
    const next = await built(worker, ESTATE, 'estate');
    expect('report' in next).toBe(true);
    expect(results).toEqual([]);
    expect(worker.threadsStarted).toBe(2);
  }, 60_000);
});
