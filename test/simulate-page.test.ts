/**
 * `footprint simulate SCENARIO -o page.html`, in-process through run(argv, io): one self-contained
 * page holding the first design's estate report and the simulation (every run as `--json` prints
 * it, and the figures drawn beside it), the same bytes on every run.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../src/cli/program.js';
import type { SimulationPageReport } from '../src/report/simulation-page.js';
import type { Simulation } from '../src/sim/index.js';

const SHORT = 'test/fixtures/sim/onsale-short.yaml';

async function footprint(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await run(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

/** The report JSON a page inlines. */
function inlined(html: string): SimulationPageReport {
  const data = /<script type="application\/json" id="footprint-report">([\s\S]*?)<\/script>/.exec(html)?.[1];
  return JSON.parse(data as string) as SimulationPageReport;
}

describe('footprint simulate -o', () => {
  let dir: string;
  let html: string;
  let report: SimulationPageReport;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'footprint-sim-page-'));
    const written = await footprint('simulate', SHORT, '-o', join(dir, 'a.html'));
    expect(written.code, written.stderr).toBe(0);
    expect(written.stdout).toMatch(/^wrote .*a\.html \(\d\.\d MB\): open it in a browser/);
    html = readFileSync(join(dir, 'a.html'), 'utf8');
    report = inlined(html);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds every run as --json prints it, and the figures the page draws beside each', async () => {
    // A design's run does not depend on the designs beside it (simulate.test.ts checks that): one
    // printed alone is the page's run of it.
    const printed = JSON.parse(
      (await footprint('simulate', SHORT, '--design', 'buy-servers', '--json')).stdout,
    ) as Simulation;
    const { designs, ...rest } = report.simulation;
    expect({
      ...rest,
      designs: designs.filter((d) => d.id === 'buy-servers').map(({ figures: _, ...design }) => design),
    }).toEqual(printed);
    for (const design of designs) {
      const { summary, series } = design.run;
      const { figures } = design;
      expect(figures.cumulativeCostUsd.at(-1)).toBeCloseTo(summary.cost.totalUsd, 2);
      const arrivals = figures.arrivalsPerS.flat().reduce((sum, rate) => sum + rate * 10, 0);
      expect(arrivals).toBeCloseTo(summary.requests.generated, -1);
      expect(figures.lostRequests).toBe(0);
      expect(figures.overBudget.flat().filter(Boolean).length).toBe(
        summary.sources.reduce((sum, s) => sum + (s.intervalsOverBudget ?? 0), 0),
      );
      expect(series.t).toHaveLength(24);
    }
    // The Local Zone burst holds the budget, the region burst breaks it.
    expect(designs.map((d) => d.figures.worst?.over)).toEqual([false, true, false]);
    // 32 servers on premises and 80 burst, or 112 owned: the same peak in every design.
    expect(designs.map((d) => d.figures.peakInstances)).toEqual([112, 112, 112]);
  }, 120_000);

  it("draws the first design's estate on the map, and names the page after the scenario", () => {
    expect(report.estate.name).toBe('ticketmaster-southwest-onsale-lz-burst');
    expect(report.estate.files).toEqual(report.simulation.designs[0]?.files);
    expect(report.places.map((p) => p.id)).toContain('us-west-2-phx-2a');
    expect(html).toContain('<title>onsale-short · Footprint</title>');
    expect(html).toContain("connect-src 'none'");
  });

  it('writes the design picked alone: its estate on the map, the same run as among the three', async () => {
    // One design is enough to show the bytes do not vary; it prints where it wrote as JSON on request.
    const pick = (file: string, ...more: string[]) =>
      footprint('simulate', SHORT, '--design', 'buy-servers', '-o', join(dir, file), ...more);
    const picked = await pick('c.html', '--json');
    expect(picked.code, picked.stderr).toBe(0);
    const file = join(dir, 'c.html');
    expect(JSON.parse(picked.stdout)).toEqual({ output: file, bytes: readFileSync(file).length });
    const one = inlined(readFileSync(file, 'utf8'));
    expect(one.simulation.designs.map((d) => d.id)).toEqual(['buy-servers']);
    expect(one.estate.name).toBe('ticketmaster-southwest-onsale-buy-servers');
    // The same design in the page of three: the same run, figures and all.
    expect(one.simulation.designs[0]).toEqual(report.simulation.designs.find((d) => d.id === 'buy-servers'));
  }, 120_000);

  it('says plainly, before simulating, when it cannot write', async () => {
    const started = process.hrtime.bigint();
    const missing = await footprint('simulate', SHORT, '-o', join(dir, 'no', 'x.html'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error[FP_FILE_NOT_FOUND]: cannot write '");
    expect(missing.stderr).toContain("x.html' (ENOENT)");
    // Three designs take over 4 s of CPU; failing well within that means none was simulated.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(3);
    const file = join(dir, 'a.html', 'x.html');
    const notDir = await footprint('simulate', SHORT, '--csv', join(dir, 'a.html'));
    expect(notDir.code).toBe(2);
    expect(notDir.stderr).toContain('error[FP_FILE_NOT_FOUND]: cannot create the directory');
    expect((await footprint('simulate', SHORT, '-o', file)).stderr).toContain('(ENOTDIR)');
  });
});
