/**
 * `footprint validate` warns, at the line that names it, about each Local Zone an estate runs
 * instances in whose offerings the catalog knows only from a record more than a year older than the
 * catalog's as-of (or `--as-of`), or not at all (test/fixtures/offerings/stale.yaml).
 */
import { describe, expect, it } from 'vitest';
import { footprint, json } from './cli.js';

const FIXTURE = 'test/fixtures/offerings/stale.yaml';

describe('validate: Local Zones with old offerings', () => {
  it("warns about the zones whose record is over a year before the catalog's as-of, located, and still passes", async () => {
    const result = await footprint('validate', FIXTURE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ok: estate 'stale-offerings' is valid");
    expect(result.stderr).toContain(
      "warning[FP_STALE_OFFERINGS]: the catalog's record of what us-west-2-phx-2a offers is of 2023-07-25, more than a year before 2026-12-05",
    );
    expect(result.stderr).toContain(`--> ${FIXTURE}:8:9`);
    expect(result.stderr).toContain(
      'warning[FP_STALE_OFFERINGS]: the catalog has no record of what eu-central-1-ist-1a offers',
    );
    expect(result.stderr).toContain(`--> ${FIXTURE}:9:9`);
    expect(result.stderr).toContain("help: state them under 'offerings: us-west-2-phx-2a'");
    expect(result.stderr).toContain('npm run refresh:catalog');
    // The estate states what us-west-2-lax-1a offers: no warning about it.
    expect(result.stderr).not.toContain('us-west-2-lax-1a');
  });

  it('judges against --as-of: a year after the record, the record is not stale yet', async () => {
    const within = json<{ offeringsAsOf: string; warnings: { code: string; message: string }[] }>(
      await footprint('validate', FIXTURE, '--as-of', '2024-07-24', '--json'),
    );
    expect(within.offeringsAsOf).toBe('2024-07-24');
    expect(within.warnings.map((w) => w.message)).toEqual([
      'the catalog has no record of what eu-central-1-ist-1a offers: its instance families are not checked',
    ]);
    const after = json<{ warnings: { code: string; file: string; line: number; col: number }[] }>(
      await footprint('validate', FIXTURE, '--as-of', '2024-07-26', '--json'),
    );
    expect(after.warnings.every((w) => w.file === FIXTURE)).toBe(true);
    expect(after.warnings.map((w) => [w.code, w.line, w.col])).toEqual([
      ['FP_STALE_OFFERINGS', 8, 9],
      ['FP_STALE_OFFERINGS', 9, 9],
    ]);
  });

  it('rejects an --as-of that is not a date', async () => {
    const result = await footprint('validate', FIXTURE, '--as-of', '2026-13-45');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('expected a date, YYYY-MM-DD');
  });

  it('says nothing of an estate that runs no instances in a Local Zone', async () => {
    const result = await footprint('validate', 'examples/ticketmaster-phoenix/estate.yaml');
    expect(result.stderr).toBe('');
  });
});
