/**
 * Benchmark: the CLI from a cold start, `footprint latency us-east-1 eu-west-1` (the built
 * dist/cli/main.js; run `npm run build` first), against `node -e 0` in the same run.
 *
 * Each is run as a new process, alternately, 2 untimed then `CLI_RUNS` (default 15) timed; each
 * process reports its own CPU time (user + system, `process.cpuUsage()` at exit, through a module
 * preloaded with --import) on file descriptor 3, so the figure is the process's own, whatever else
 * the machine runs. Printed: both medians, the difference (what Footprint adds) and the ratio.
 *
 * Target (issue 19): < 150 ms, when `node -e 0` took 56 ms on the machine the issue was measured
 * on. Node's own start is not Footprint's to cut, and it varies with the machine: here it has taken
 * 107-190 ms of CPU (more than the absolute target leaves), so the bench also prints the target
 * scaled to the node of the same run: Footprint's share (its start minus node's) under the 94 ms
 * the filed target left it (150 - 56), and its start under the filed ratio, 150 / 56 = 2.7x node's.
 *
 *   npm run bench:cli-start
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, median } from './measure.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MAIN = join(ROOT, 'dist', 'cli', 'main.js');
const REPORT_CPU = `data:text/javascript,${encodeURIComponent(
  "import { writeSync } from 'node:fs'; process.on('exit', () => { const u = process.cpuUsage(); writeSync(3, String((u.user + u.system) / 1000)); });",
)}`;

/** CPU ms of one process running `args` under node. */
function cpuMsOf(args: readonly string[]): number {
  const result = spawnSync(process.execPath, ['--import', REPORT_CPU, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
  });
  const reported = Number(result.output[3]);
  if (result.status !== 0 || !Number.isFinite(reported))
    throw new Error(`node ${args.join(' ')} failed (exit ${result.status}): ${result.stderr}`);
  return reported;
}

if (!existsSync(MAIN)) {
  console.error('bench/cli-start: dist/cli/main.js is missing: run `npm run build` first');
  process.exit(1);
}
const runs = Number(process.env.CLI_RUNS ?? 15);
/** Issue 19's figures: the target, and `node -e 0` on the machine it was measured on. */
const FILED = { targetMs: 150, nodeMs: 56 } as const;
const command = [MAIN, 'latency', 'us-east-1', 'eu-west-1'];
const cli: number[] = [];
const bare: number[] = [];
for (let r = 0; r < runs + 2; r++) {
  const a = cpuMsOf(command);
  const b = cpuMsOf(['-e', '0']);
  if (r < 2) continue;
  cli.push(a);
  bare.push(b);
}
const ours = median(cli);
const node = median(bare);
console.log(`bench/cli-start: ${machine()}`);
console.log(
  `  footprint latency us-east-1 eu-west-1: ${ours.toFixed(0)} ms CPU (median of ${runs}); node -e 0: ${node.toFixed(0)} ms; Footprint adds ${(ours - node).toFixed(0)} ms, ${(ours / node).toFixed(1)}x node's own start`,
);
const held = (ok: boolean) => (ok ? 'met' : 'NOT met');
console.log(`  target (issue 19), as filed: < ${FILED.targetMs} ms: ${held(ours < FILED.targetMs)}`);
console.log(
  `  target scaled to this node (filed when node -e 0 took ${FILED.nodeMs} ms): Footprint's share < ${FILED.targetMs - FILED.nodeMs} ms: ${held(ours - node < FILED.targetMs - FILED.nodeMs)}; < ${(FILED.targetMs / FILED.nodeMs).toFixed(1)}x node's start: ${held(ours / node < FILED.targetMs / FILED.nodeMs)}`,
);
