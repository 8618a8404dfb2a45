import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'web/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    // One process per worker for all the files it runs, not one per file: a fresh process
    // re-imports the library (zod schemas, the catalog) and warms HiGHS's WebAssembly up again,
    // which cost more than the unit tests themselves. Safe because nothing in the library keeps
    // state but caches of pure functions, and no test mocks a module or changes the environment.
    isolate: false,
    // Both cores: vitest's default on a 2-core machine is a single worker (cores - 1).
    maxWorkers: 2,
  },
});
