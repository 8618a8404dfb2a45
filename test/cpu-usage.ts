/**
 * A vitest setup file: with FOOTPRINT_TEST_CPU=<file> set, appends one line per test file to that
 * file: the file, the CPU time its worker spent on it (user + system, in seconds) and its wall time.
 * CPU time, not wall time, is the figure to compare when others share the machine. Off by default.
 *
 *   FOOTPRINT_TEST_CPU=/tmp/cpu.tsv npx vitest run && sort -t$'\t' -k2 -rn /tmp/cpu.tsv
 *
 * Not counted: the shared Chromium's processes (test/browser-server.ts), which are not the
 * workers' children and cost more than the page tests' workers do (about 120 s of CPU for their 46 s
 * at load 7-16, summed over its process tree from /proc: most of it renderers loading and drawing
 * the page, a second or two per page opened, and axe-core's checks), nor vitest's main process.
 */
import { appendFileSync } from 'node:fs';
import { relative } from 'node:path';
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
