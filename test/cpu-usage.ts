/**
 * A vitest setup file, off by default, for finding where the suite's time goes:
 *
 * - FOOTPRINT_TEST_CPU=<file> appends one line per test file to that file: the file, the CPU time its
 *   worker spent on it (user + system, in seconds) and its wall time. CPU time, not wall time, is the
 *   figure to compare when others share the machine.
 * - FOOTPRINT_TEST_PROF=<folder> writes a V8 CPU profile of each test file (its imports included)
 *   into that folder, as <file>.cpuprofile (open it in Chrome's DevTools, or sum its samples by
 *   function): the workers' own --cpu-prof writes nothing, since vitest ends them without an exit.
 *
 *   FOOTPRINT_TEST_CPU=/tmp/cpu.tsv npx vitest run && sort -t$'\t' -k2 -rn /tmp/cpu.tsv
 *   mkdir /tmp/prof && FOOTPRINT_TEST_PROF=/tmp/prof npx vitest run test/simulate.test.ts
 *
 * Not counted: the shared Chromium's processes (test/browser-server.ts), which are not the
 * workers' children and cost more than the page tests' workers do (about 120-150 s of CPU for their
 * 46 s, summed over its process tree from /proc: most of it renderers loading and drawing the page,
 * 1.6-1.7 s of CPU per page opened in a new tab and 0.8-1.0 s reloaded in one, and axe-core's
 * checks), nor vitest's main process (about 15 s), nor processes the tests spawn.
 */
import { appendFileSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { basename, relative } from 'node:path';
import { afterAll, expect } from 'vitest';

const log = process.env.FOOTPRINT_TEST_CPU;
if (log) {
  // From here, before the test file is imported: its imports count.
  const cpu = process.cpuUsage();
  const start = performance.now();
  afterAll(() => {
    const used = process.cpuUsage(cpu);
    const seconds = (used.user + used.system) / 1e6;
    const wall = (performance.now() - start) / 1000;
    const file = relative(process.cwd(), expect.getState().testPath ?? '?');
    appendFileSync(log, `${file}\t${seconds.toFixed(2)}\t${wall.toFixed(2)}\n`);
  });
}

const profiles = process.env.FOOTPRINT_TEST_PROF;
if (profiles) {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  // Every 2 ms: fine enough to rank functions, cheap enough not to change the ranking.
  await session.post('Profiler.setSamplingInterval', { interval: 2000 });
  await session.post('Profiler.start');
  afterAll(async () => {
    const { profile } = await session.post('Profiler.stop');
    const file = basename(expect.getState().testPath ?? 'unknown');
    writeFileSync(`${profiles}/${file}.cpuprofile`, JSON.stringify(profile));
    session.disconnect();
  });
}
