/**
 * End-to-end: `footprint lint` in its three formats; the SARIF validates against the OASIS schema.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import AjvDraft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { footprint, json, STACK_TRACE } from './cli.js';

const DONT = 'examples/ticketmaster-phoenix/network-dont.yaml';
const DO = 'examples/ticketmaster-phoenix/network-do.yaml';

const require = createRequire(import.meta.url);
const sarifSchema = JSON.parse(
  readFileSync(require.resolve('@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json'), 'utf8'),
) as object;
// Both packages are CommonJS with a `default` export: under Node's ESM interop it sits on `.default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
ajvFormats.default(ajv);
const validateSarif = ajv.compile(sarifSchema);

interface LintJson {
  loaded: boolean;
  findings: {
    rule: string;
    severity: string;
    costMs?: number;
    fix: string;
    location?: { file: string; line: number };
  }[];
  summary: { errors: number; warnings: number };
}

describe('footprint lint', () => {
  it("finds the don't design's hairpin and shared VPC, with their cost and fix", async () => {
    const result = await footprint('lint', DONT);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${DONT}:37:9: warning [lz/dx-hairpin]`);
    expect(result.stdout).toMatch(/costs 6\d\.\d ms \(6\d\.\d ms as designed, 1\.\d ms fixed\)/);
    expect(result.stdout).toContain('warning [lz/shared-vpc]');
    expect(result.stdout).toMatch(/costs 4\d\.\d ms \(5\d\.\d ms as designed, 1\d\.\d ms fixed\)/);
  });

  it('prints JSON', async () => {
    const body = json<LintJson>(await footprint('lint', DONT, '--format', 'json'));
    expect(body.loaded).toBe(true);
    expect(body.findings.map((f) => f.rule)).toEqual(
      expect.arrayContaining(['lz/dx-hairpin', 'lz/shared-vpc', 'redundancy/single-dx-circuit']),
    );
    const doBody = json<LintJson>(await footprint('lint', DO, '--json'));
    expect(doBody.findings.map((f) => f.rule)).not.toContain('lz/dx-hairpin');
    expect(doBody.findings.map((f) => f.rule)).not.toContain('lz/shared-vpc');
  });

  it('prints SARIF that validates against the SARIF 2.1.0 schema', async () => {
    for (const file of [DONT, DO, 'test/fixtures/bad/net-route-unattached-gateway.yaml']) {
      const result = await footprint('lint', file, '--format', 'sarif');
      const log = JSON.parse(result.stdout) as {
        runs: {
          results: {
            ruleId: string;
            locations?: { physicalLocation: { region: { startLine: number } } }[];
          }[];
        }[];
      };
      const valid = validateSarif(log);
      expect(validateSarif.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(log.runs[0]?.results.length).toBeGreaterThan(0);
    }
    const dont = JSON.parse((await footprint('lint', DONT, '--format', 'sarif')).stdout) as {
      runs: { results: { ruleId: string; properties: { costMs?: number } }[] }[];
    };
    expect(
      dont.runs[0]?.results.find((r) => r.ruleId === 'lz/dx-hairpin')?.properties.costMs,
    ).toBeGreaterThan(55);
  });

  it('exits 1 with --strict on errors, 2 when the estate does not load', async () => {
    expect((await footprint('lint', DONT, '--strict')).code).toBe(0); // warnings only
    const broken = await footprint('lint', 'test/fixtures/bad/net-route-unattached-gateway.yaml', '--strict');
    expect(broken.code).toBe(2);
    expect(broken.stdout).toContain('the estate does not load');
    expect(broken.stderr).not.toMatch(STACK_TRACE);
    expect((await footprint('lint', DONT, '--format', 'xml')).code).toBe(2);
  });

  it('exits 1 with --strict when an error-level finding is present', async () => {
    const result = await footprint('lint', 'test/fixtures/dx-gateway-two-vpcs.yaml', '--strict');
    expect(result.stdout).toContain('error [dx/gateway-vpc-to-vpc]');
    expect(result.code).toBe(1);
    expect((await footprint('lint', 'test/fixtures/dx-gateway-two-vpcs.yaml')).code).toBe(0);
  });
});
