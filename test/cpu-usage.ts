/**
 * A vitest setup file: with FOOTPRINT_TEST_CPU=<file> set, appends one line per test file to that
 * file: the file, the CPU time its worker spent on it (user + system, in seconds) and its wall time.
 * CPU time, not wall time, is the figure to compare when others share the machine. Off by default.
 *
 *   FOOTPRINT_TEST_CPU=/tmp/cpu.tsv npx vitest run && sort -t$'\t' -k2 -rn /tmp/cpu.tsv
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
