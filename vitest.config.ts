import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { SlowestFirst } from './test/sequencer.js';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // FOOTPRINT_TEST_CPU=<file> logs each file's CPU and wall time there (off by default).
    setupFiles: ['test/cpu-usage.ts'],
    // One Chromium for the run, shared by the page tests (each file opens its own context in it).
    globalSetup: ['test/browser-server.ts'],
    // The longest files first, also on a fresh checkout with no durations cached.
    sequence: { sequencer: SlowestFirst },
    // Setup that runs the CLI (a placement, a calibration) sits in beforeAll hooks: give them a
    // test's room and more, for a loaded machine.
    hookTimeout: 60_000,
    // One process per worker for all the files it runs, not one per file: a fresh process
    // re-imports the library (zod schemas, the catalog) and warms HiGHS's WebAssembly up again,
    // which cost more than the unit tests themselves. Safe because nothing in the library keeps
    // state but caches of pure functions, no test mocks a module, and the tests put back what
    // they change (console spies, the working directory).
    isolate: false,
    // One worker more than the cores: a page test's worker mostly waits on Chromium (its renderer
    // is another process) and the spawned, Redis and serve tests wait on other processes, so with one
    // worker per core a core idles; on two cores the suite took 166 s with two workers, 153 s with
    // three (vitest's default, cores - 1, is a single worker on two).
    maxWorkers: availableParallelism() + 1,
    // A young generation of 32 MB rather than V8's default 16: the simulations, reports and
    // placements the tests run allocate many short-lived objects, and with the larger nursery
    // fewer survive into scavenges; about 8-10 % less CPU on the heaviest files (docs-commands,
    // report-against, place.property, simulate), none gained from 64 or 128.
    execArgv: ['--max-semi-space-size=32'],
    experimental: {
      // Transformed modules kept on disk between runs (node_modules/.experimental-vitest-cache,
      // keyed by content): a second run transforms and imports in about half the time.
      fsModuleCache: true,
    },
  },
});
