/**
 * Benchmark: `footprint report ESTATE --json` on generated network estates of 1,000 to 20,000
 * subnets (bench/estates.ts: four regions, peered Transit Gateways, Direct Connect, a Local Zone
 * subnet per us-west-2 VPC; 10 subnets per VPC), in this process through the CLI's `run`, as a
 * user's command runs: load, resolve, compile, trace, lint and build the report's data.
 *
 * Each size: two warm-up runs, then the median CPU time of `BENCH_RUNS` (default 3) runs. Printed:
 * the CPU seconds per size, the CPU per 1,000 subnets, a line fitted through all sizes but the
 * largest, and how far the largest is from it (1.0x is linear). Targets (issue 19): the 10,000-subnet report under 3 s, and linear.
 * No peer: no other tool builds this report.
 *
 *   npm run bench:report            (BENCH_SIZES=25,62,125,250,500 VPCs per region)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../src/cli/program.js';
import { networkEstate } from './estates.js';
import { fmt, machine, median } from './measure.js';

const SUBNETS_PER_VPC = 10;
const REGIONS = 4;
const sizes = (process.env.BENCH_SIZES ?? '25,62,125,250,500').split(',').map(Number);
const runs = Number(process.env.BENCH_RUNS ?? 3);

/** CPU seconds of one `report FILE --json`; throws when it does not exit 0. */
async function reportCpuS(file: string): Promise<number> {
  let stderr = '';
  let bytes = 0;
  const start = process.cpuUsage();
  const code = await run(['report', file, '--json'], {
    stdout: (text) => {
      bytes += text.length;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  const used = process.cpuUsage(start);
  if (code !== 0 || bytes === 0) throw new Error(`report ${file} exited ${code}: ${stderr}`);
  return (used.user + used.system) / 1e6;
}

async function main(): Promise<void> {
  console.log(`bench/report: footprint report --json at scale; machine: ${machine()}`);
  const dir = mkdtempSync(join(tmpdir(), 'footprint-bench-report-'));
  const rows: { subnets: number; cpuS: number }[] = [];
  try {
    for (const vpcsPerRegion of sizes) {
      const subnets = vpcsPerRegion * REGIONS * SUBNETS_PER_VPC;
      const file = join(dir, `estate-${subnets}.yaml`);
      writeFileSync(file, networkEstate({ vpcsPerRegion, subnetsPerVpc: SUBNETS_PER_VPC }));
      // Warm-up: the JIT, and caches of the catalog's physics.
      for (let i = 0; i < 2; i++) await reportCpuS(file);
      const times: number[] = [];
      for (let i = 0; i < runs; i++) times.push(await reportCpuS(file));
      const cpuS = median(times);
      rows.push({ subnets, cpuS });
      console.log(
        `  ${fmt(subnets).padStart(6)} subnets: ${cpuS.toFixed(2)} s CPU (median of ${runs}), ${((cpuS * 1000) / (subnets / 1000)).toFixed(0)} ms per 1,000 subnets`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  if (rows.length < 3) return;
  // A line through the sizes (least squares): the fixed part (start-up of caches, the catalog) and
  // the CPU per subnet. Linear means the largest size sits on the line the smaller ones draw.
  const fit = leastSquares(rows.slice(0, -1).map((r) => [r.subnets, r.cpuS] as const));
  const last = rows.at(-1) as { subnets: number; cpuS: number };
  const predicted = fit.intercept + fit.slope * last.subnets;
  const at10k = rows.find((r) => r.subnets === 10_000);
  console.log(
    `  a line through the smaller sizes: ${(fit.intercept * 1000).toFixed(0)} ms + ${(fit.slope * 1e6).toFixed(0)} ms per 1,000 subnets; ` +
      `${fmt(last.subnets)} subnets took ${(last.cpuS / predicted).toFixed(2)}x what it predicts (1.0x is linear)` +
      (at10k ? `; 10,000 subnets in ${at10k.cpuS.toFixed(2)} s (target < 3 s)` : ''),
  );
}

/** The least-squares line y = intercept + slope x through some points. */
function leastSquares(points: readonly (readonly [number, number])[]): { intercept: number; slope: number } {
  const n = points.length;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const slope = sxy / sxx;
  return { intercept: my - slope * mx, slope };
}

await main();
