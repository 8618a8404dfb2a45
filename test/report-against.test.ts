/**
 * `footprint report A --against B`: two designs side by side. The comparison's figures are checked
 * against the two designs' own `report --json` runs, and bad input gets the errors `report` gives.
 */
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EstateReport, ReportComparison } from '../src/report/index.js';
import { footprint } from './cli.js';

const DIR = 'examples/ticketmaster-phoenix';

/** What the comparisons below check is that --against gives what the two reports give, with the same draws: a few draws suffice. */
const FEW_DRAWS = ['--samples', '2000'];

async function reportJson(file: string): Promise<EstateReport> {
  const r = await footprint('report', file, '--json', ...FEW_DRAWS);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as EstateReport;
}

describe.each([
  ['event-page-lz-do', 'event-page-lz-dont'],
  ['network-do', 'network-dont'],
])('report %s.yaml --against %s.yaml', (a, b) => {
  const fileA = `${DIR}/${a}.yaml`;
  const fileB = `${DIR}/${b}.yaml`;

  it('gives per metro the p99 and p50 of each and B minus A, as the two reports give them', async () => {
    const [ra, rb, run] = await Promise.all([
      reportJson(fileA),
      reportJson(fileB),
      footprint('report', fileA, '--against', fileB, '--json', ...FEW_DRAWS),
    ]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = JSON.parse(run.stdout) as { a: EstateReport; b: EstateReport; comparison: ReportComparison };
    expect(out.a).toEqual(ra);
    expect(out.b).toEqual(rb);
    const c = out.comparison;
    expect(c.budgets.length).toBe(ra.decisions.budgets.length);
    expect(c.budgets.length).toBeGreaterThan(0);
    for (const x of ra.decisions.budgets) {
      const y = rb.decisions.budgets.find((v) => v.request === x.request && v.metro === x.metro);
      const row = c.budgets.find((v) => v.request === x.request && v.metro === x.metro);
      if (!y || !row) throw new Error(`${x.request} · ${x.metro} missing`);
      expect(Math.abs((row.p99DeltaMs ?? Number.NaN) - (y.p99Ms - x.p99Ms))).toBeLessThanOrEqual(0.05);
      expect(Math.abs((row.p50DeltaMs ?? Number.NaN) - (y.p50Ms - x.p50Ms))).toBeLessThanOrEqual(0.05);
      expect(row.a?.held).toBe(x.held);
      expect(row.b?.held).toBe(y.held);
    }
    // The verdict changes are exactly the budgets whose held flag differs.
    const differs = ra.decisions.budgets
      .filter(
        (x) =>
          rb.decisions.budgets.find((y) => y.request === x.request && y.metro === x.metro)?.held !== x.held,
      )
      .map((x) => `${x.request} · ${x.metro}`)
      .sort();
    expect(
      c.budgets
        .filter((x) => x.verdictChange !== null)
        .map((x) => `${x.request} · ${x.metro}`)
        .sort(),
    ).toEqual(differs);
    // Largest improvement first.
    const deltas = c.budgets.map((x) => x.p99DeltaMs ?? Number.POSITIVE_INFINITY);
    expect(deltas).toEqual([...deltas].sort((p, q) => p - q));
    // Findings only in one or the other, by rule and elements.
    const keys = (r: EstateReport) => new Set(r.findings.map((f) => `${f.rule} ${f.elements.join(',')}`));
    const [ka, kb] = [keys(ra), keys(rb)];
    expect(c.findings.onlyInA.map((f) => `${f.rule} ${f.elements.join(',')}`)).toEqual(
      [...ka].filter((k) => !kb.has(k)),
    );
    expect(c.findings.onlyInB.map((f) => `${f.rule} ${f.elements.join(',')}`)).toEqual(
      [...kb].filter((k) => !ka.has(k)),
    );
    expect(c.expectations.held).toEqual({
      a: ra.expectations.filter((e) => e.ok).length,
      b: rb.expectations.filter((e) => e.ok).length,
    });
    // Each design's instances at the placement's prices, without a placement (decisions.cost).
    expect(c.costUsdPerHour).toEqual({
      a: ra.decisions.cost.usdPerHour,
      b: rb.decisions.cost.usdPerHour,
      deltaUsd: rb.decisions.cost.usdPerHour - ra.decisions.cost.usdPerHour,
    });
    expect(ra.decisions.cost.instances).toBeGreaterThan(0);
  });

  it('prints the comparison as text, deterministically', async () => {
    const first = await footprint('report', fileA, '--against', fileB, ...FEW_DRAWS);
    const second = await footprint('report', fileA, '--against', fileB, ...FEW_DRAWS);
    expect(first.code).toBe(0);
    expect(first.stdout).toBe(second.stdout);
    expect(first.stdout.split('\n')[0]).toMatch(/^Comparison: .+ against .+/);
  });
});

describe('report --against: the figures of the Local Zone designs', () => {
  it('the dont design breaks every budget the do design holds, 185.8 ms slower at p99 in every metro', async () => {
    const run = await footprint(
      'report',
      `${DIR}/event-page-lz-do.yaml`,
      '--against',
      `${DIR}/event-page-lz-dont.yaml`,
      '--json',
    );
    const c = (JSON.parse(run.stdout) as { comparison: ReportComparison }).comparison;
    expect(c.budgets.map((x) => x.verdictChange)).toEqual(['broken', 'broken', 'broken']);
    for (const x of c.budgets) expect(x.p99DeltaMs).toBeCloseTo(185.8, 0);
    expect(c.findings.onlyInB.map((f) => f.rule)).toEqual([
      'lz/dx-hairpin',
      'lz/dx-hairpin',
      'lz/shared-vpc',
    ]);
    expect(c.findings.onlyInA).toEqual([]);
  });

  it('network do and dont have the same budgets (no verdict changes, 0 ms), the dont has the hairpins', async () => {
    const run = await footprint('report', `${DIR}/network-do.yaml`, '--against', `${DIR}/network-dont.yaml`);
    expect(run.stdout).toContain('0 verdict(s) changed (*)');
    expect(run.stdout).toContain('lint findings: 0 only in A, 3 only in B, 2 in both');
  });
});

describe('report --against: bad input', () => {
  const good = `${DIR}/network-do.yaml`;

  it('a missing OTHER file gets the error report gives for it, exit 2, no stack trace', async () => {
    const alone = await footprint('report', 'test/fixtures/no-such-estate.yaml');
    const against = await footprint('report', good, '--against', 'test/fixtures/no-such-estate.yaml');
    expect(against.code).toBe(2);
    expect(against.code).toBe(alone.code);
    expect(against.stderr).toBe(alone.stderr);
    expect(against.stderr).toContain("cannot read estate file 'test/fixtures/no-such-estate.yaml'");
    expect(against.stderr).not.toMatch(/\n\s+at /);
    expect(against.stdout).toBe('');
  });

  it('an invalid OTHER estate gets the located error report gives for it', async () => {
    const bad = 'test/fixtures/bad/bad-enum.yaml';
    const alone = await footprint('report', bad);
    const against = await footprint('report', good, '--against', bad);
    expect(against.code).toBe(2);
    expect(against.code).toBe(alone.code);
    expect(against.stderr).toBe(alone.stderr);
    expect(against.stderr).toContain('--> test/fixtures/bad/bad-enum.yaml:3:19');
    expect(against.stderr).not.toMatch(/\n\s+at /);
  });

  it('--place is refused with what to do instead; -o writes the page of the two designs', async () => {
    const place = await footprint('report', good, '--against', good, '--place');
    expect(place.code).toBe(2);
    expect(place.stderr).toContain('--against does not take --place');
    expect(place.stderr).toContain('on each design separately');
    const dir = mkdtempSync(join(tmpdir(), 'fp-against-'));
    try {
      const out = join(dir, 'cmp.html');
      const page = await footprint(
        'report',
        good,
        '--against',
        `${DIR}/network-dont.yaml`,
        '-o',
        out,
        '--json',
      );
      expect(page.code, page.stderr).toBe(0);
      expect(JSON.parse(page.stdout)).toEqual({ output: out, bytes: statSync(out).size });
      const html = readFileSync(out, 'utf8');
      // Checked without printing the megabyte page on a failure.
      expect(
        html.includes(
          '<title>ticketmaster-southwest-do against ticketmaster-southwest-dont · Footprint</title>',
        ),
      ).toBe(true);
      expect(html.includes('"placesOnlyIn"')).toBe(true);
      // A directory that does not exist is said before any work, as for `report -o`.
      const missing = await footprint('report', good, '--against', good, '-o', join(dir, 'no/such/cmp.html'));
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('cannot write');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
