/**
 * `footprint import aws` end to end: the imported YAML of the acceptance snapshot and traces of it
 * are golden files (regenerate with `UPDATE_GOLDEN=1 npm test` and review the diff); bad input
 * exits 2 with located errors; a re-import gives the same bytes.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, footprint, json, ROOT, STACK_TRACE } from './cli.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';
const GOLDEN = join(ROOT, 'test/golden');
const SNAPSHOT = 'test/fixtures/aws/hybrid';
const ESTATE = 'test/golden/import-hybrid.yaml';
const FILLED = 'test/golden/import-hybrid-filled.yaml';
const SITE = 'onprem-dxcon-fg0a0001';
const scratch = mkdtempSync(join(tmpdir(), 'footprint-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function golden(name: string, actual: string): void {
  const file = join(GOLDEN, name);
  if (UPDATE || !existsSync(file)) {
    if (!UPDATE) throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
    writeFileSync(file, actual);
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

/** Imports the acceptance snapshot as a user would; returns the YAML and what was printed. */
async function importHybrid(...extra: string[]): Promise<{ result: CliResult; yaml: string }> {
  const output = join(scratch, 'import-hybrid.yaml');
  const result = await footprint('import', 'aws', SNAPSHOT, '-o', output, '--name', 'hybrid', ...extra);
  return { result, yaml: existsSync(output) ? readFileSync(output, 'utf8') : '' };
}

describe('footprint import aws', () => {
  let first: { result: CliResult; yaml: string };
  beforeAll(async () => {
    first = await importHybrid();
  });

  it('imports the acceptance snapshot: the golden estate file', () => {
    expect(first.result.code).toBe(0);
    expect(first.result.stdout).toContain(`fill in: site '${SITE}'`);
    golden('import-hybrid.yaml', first.yaml);
  });

  it('gives the same bytes when run again', async () => {
    expect((await importHybrid()).yaml).toBe(first.yaml);
  });

  it('writes the estate to stdout and the report to stderr without -o', async () => {
    const result = await footprint('import', 'aws', SNAPSHOT, '--name', 'hybrid');
    expect(result.code).toBe(0);
    expect(result.stdout.startsWith('# Imported by `footprint import aws`')).toBe(true);
    expect(result.stdout).toContain('  extends: imported.yaml');
    expect(result.stderr).toMatch(/^imported test\/fixtures\/aws\/hybrid: /);
  });

  it('prints JSON on stdout with --json without -o too: the report, and the estate as a field', async () => {
    const result = await footprint('import', 'aws', SNAPSHOT, '--name', 'hybrid', '--json');
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const body = json<{ counts: Record<string, number>; yaml: string }>(result);
    expect(body.counts).toMatchObject({ vpcs: 3 });
    expect(body.yaml).toBe((await footprint('import', 'aws', SNAPSHOT, '--name', 'hybrid')).stdout);
  });

  it('prints the import report as JSON with --json', async () => {
    const report = json<{
      counts: Record<string, number>;
      placeholders: { site: string; connections: { id: string; location: string }[] }[];
      skipped: Record<string, number>;
      warnings: string[];
    }>((await importHybrid('--json')).result);
    expect(report.counts).toMatchObject({ vpcs: 3, transitGateways: 1, dxGateways: 2, virtualInterfaces: 3 });
    expect(report.placeholders.map((p) => p.site)).toEqual([SITE]);
    expect(report.skipped).toEqual({});
    expect(report.warnings).toEqual([]);
    const multi = json<{ skipped: Record<string, number> }>(
      await footprint(
        'import',
        'aws',
        'test/fixtures/aws/multi',
        '-o',
        join(scratch, 'multi.yaml'),
        '--json',
      ),
    );
    expect(multi.skipped).toMatchObject({ CarrierGateways: 2, LocalGatewayRouteTableVpcAssociations: 3 });
  });

  it('gives a valid estate: validate accepts it, and warns about the placeholder', async () => {
    const result = await footprint('validate', ESTATE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 placeholder site to fill in');
    expect(result.stderr).toContain(`warning[FP_PLACEHOLDER_SITE]: site '${SITE}' is a placeholder`);
    expect(result.stderr).toContain(`--> ${ESTATE}:`);
  });

  it('refuses a physical query to the placeholder, saying what to fill in', async () => {
    const result = await footprint('latency', SITE, 'us-west-2', '--estate', ESTATE);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`error[FP_PLACEHOLDER_SITE]: site '${SITE}' is a placeholder`);
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('reports malformed files at file:line:col and exits 2', async () => {
    const result = await footprint('import', 'aws', 'test/fixtures/aws/malformed');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).not.toMatch(STACK_TRACE);
    expect(result.stderr).toContain(
      'error[FP_BAD_JSON]: test/fixtures/aws/malformed/vpcs.json is not valid JSON: a trailing comma before }',
    );
    expect(result.stderr).toContain('--> test/fixtures/aws/malformed/vpcs.json:6:9');
    expect(result.stderr).toContain('--> test/fixtures/aws/malformed/eu-west-1/subnets.json:6:1');
    expect(result.stderr).toContain('2 errors');
  });

  it('exits 2 on a folder that does not exist or holds no AWS CLI output', async () => {
    const missing = await footprint('import', 'aws', 'test/fixtures/aws/nope');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("error[FP_FILE_NOT_FOUND]: cannot read 'test/fixtures/aws/nope'");
    const empty = await footprint('import', 'aws', 'test/fixtures/bad');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/error\[FP_IMPORT\]: no AWS CLI output found in \d+ files/);
  });
});

describe('golden traces of the imported estate', () => {
  const cases: { name: string; estate: string; from: string; to: string }[] = [
    // A Local Zone subnet reaches on-prem over its own VIF, without the TGW: stops at dx:ECPH1.
    { name: 'lz-to-onprem', estate: ESTATE, from: 'subnet-0aa0000000000a101', to: SITE },
    // A region subnet reaches on-prem through the TGW and the transit VIF: stops at dx:ECPO1.
    { name: 'region-to-onprem', estate: ESTATE, from: 'subnet-0aa0000000000a301', to: SITE },
    // A Local Zone subnet's default route to the TGW goes to the region.
    {
      name: 'lz-default-to-region',
      estate: ESTATE,
      from: 'subnet-0aa0000000000a101',
      to: 'subnet-0aa0000000000a301',
    },
    // The same, with the placeholder filled in: all the way, with RTTs.
    { name: 'filled-lz-to-onprem', estate: FILLED, from: 'subnet-0aa0000000000a101', to: SITE },
    { name: 'filled-region-to-onprem', estate: FILLED, from: 'subnet-0aa0000000000a301', to: SITE },
  ];
  for (const { name, estate, from, to } of cases) {
    for (const format of ['txt', 'json'] as const) {
      it(`trace-import-${name}.${format}`, async () => {
        const result = await footprint(
          'trace',
          from,
          to,
          '--estate',
          estate,
          ...(format === 'json' ? ['--json'] : []),
        );
        expect(result.code).toBe(0);
        golden(`trace-import-${name}.${format}`, result.stdout);
      });
    }
  }

  it('the filled-in estate reaches the Phoenix DC under 2 ms from the Local Zone, 30-40 ms from the region', async () => {
    const lz = json<{ reachable: boolean; rttMs: number }>(
      await footprint('trace', 'subnet-0aa0000000000a101', SITE, '--estate', FILLED, '--json'),
    );
    const region = json<{ reachable: boolean; rttMs: number }>(
      await footprint('trace', 'subnet-0aa0000000000a301', SITE, '--estate', FILLED, '--json'),
    );
    expect(lz).toMatchObject({ reachable: true });
    expect(lz.rttMs).toBeLessThan(2);
    expect(region).toMatchObject({ reachable: true });
    expect(region.rttMs).toBeGreaterThanOrEqual(30);
    expect(region.rttMs).toBeLessThanOrEqual(40);
  });
});
