/**
 * End-to-end: `footprint calibrate` on the hand-written pings of the Ticketmaster example, and on
 * a file with one bad row of each kind.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, footprint, json, ROOT, STACK_TRACE } from './cli.js';

const ESTATE = 'examples/ticketmaster-phoenix/estate.yaml';
const PINGS = 'examples/ticketmaster-phoenix/pings.csv';

interface CalibrationJson {
  pings: { from: string; to: string; measuredMs: number; beforeMs: number; afterMs: number }[];
  classes: { linkClass: string; pings: number }[];
  before: { medianError: number; p90Error: number };
  after: { medianError: number; p90Error: number };
  afterLeaveOneOut: { medianError: number };
  written: string;
}

describe('footprint calibrate', () => {
  const out = join(mkdtempSync(join(tmpdir(), 'footprint-')), 'calibration.json');
  let result: CliResult;
  beforeAll(async () => {
    result = await footprint('calibrate', PINGS, '--estate', ESTATE, '--out', out);
  });

  it('prints the error before and after, per class and per ping', () => {
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Calibrated on 15 pings/);
    expect(result.stdout).toMatch(/error before: median \d+\.\d %, p90 \d+\.\d %/);
    expect(result.stdout).toMatch(/error after: {2}median \d+\.\d %/);
    expect(result.stdout).toContain('leave-one-out');
    expect(result.stdout).toContain('direct-connect');
    expect(result.stdout).toContain(`wrote ${out}`);
  });

  it('writes the calibration the example ships, byte for byte', () => {
    const written = readFileSync(out, 'utf8');
    const shipped = readFileSync(join(ROOT, 'examples/ticketmaster-phoenix/calibration.json'), 'utf8');
    expect(written.replace(/"source": "[^"]*"/, '')).toBe(shipped.replace(/"source": "[^"]*"/, ''));
  });

  it('fits the pings better than the defaults, and says so in JSON', async () => {
    const body = json<CalibrationJson>(
      await footprint('calibrate', PINGS, '--estate', ESTATE, '--out', out, '--json'),
    );
    expect(body.pings).toHaveLength(15);
    expect(body.after.medianError).toBeLessThan(body.before.medianError);
    expect(body.classes.map((c) => c.linkClass)).toContain('direct-connect');
    expect(body.written).toBe(out);
  });

  it('the calibrated example still reproduces the seed figures', async () => {
    const report = await footprint('report', 'examples/ticketmaster-phoenix/calibrated.yaml');
    expect(report.code).toBe(0);
    expect(report.stdout).toContain('Expected figures: 5 of 5 hold');
  });

  it('locates every bad row at file:line:col, with exit 2 and no stack trace', async () => {
    const bad = await footprint('calibrate', 'test/fixtures/pings/bad.csv', '--estate', ESTATE, '--out', out);
    expect(bad.code).toBe(2);
    expect(bad.stderr).not.toMatch(STACK_TRACE);
    for (const line of [
      'error[FP_BAD_CSV]: expected 3 columns (from,to,rtt_ms), got 2',
      '--> test/fixtures/pings/bad.csv:4:1',
      "error[FP_UNKNOWN_PLACE]: unknown place 'us-wset-2'",
      '--> test/fixtures/pings/bad.csv:5:8',
      "did you mean 'us-west-2'",
      "error[FP_INVALID_VALUE]: rtt_ms is not a decimal number: 'fast'",
      '--> test/fixtures/pings/bad.csv:6:18',
      'error[FP_INVALID_VALUE]: rtt_ms must be positive, got -2',
      '--> test/fixtures/pings/bad.csv:7:18',
      "error[FP_FASTER_THAN_LIGHT]: 12 ms between 'phx-dc' and 'iad-dc' beats light in fiber",
      '--> test/fixtures/pings/bad.csv:8:15',
      '5 errors',
    ])
      expect(bad.stderr).toContain(line);
  });

  it('says when the pings file is missing', async () => {
    const missing = await footprint('calibrate', 'no/such/pings.csv');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error[FP_FILE_NOT_FOUND]: cannot read pings file 'no/such/pings.csv'");
  });
});
