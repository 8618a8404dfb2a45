/**
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format): lets code hosts annotate the
 * estate file at the offending line. One run, the rules in `tool.driver.rules`, one result per
 * finding with its location and Footprint's figures in `properties`.
 */
import { relative } from 'node:path';
import type { LintResult } from './index.js';
import { RULES } from './index.js';
import type { Severity } from './types.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  note: 'note',
};

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/**
 * The lint result as a SARIF log. Artifact URIs are relative to `baseDir` (the working directory).
 * @example
 * const sarif = toSarif(lintFile('estate.yaml'), '0.1.0', process.cwd());
 * writeFileSync('footprint.sarif', JSON.stringify(sarif, null, 2));
 */
export function toSarif(result: LintResult, version: string, baseDir: string): Record<string, unknown> {
  const used = new Set(result.findings.map((f) => f.rule));
  const rules = RULES.filter((r) => used.has(r.id));
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uri = (file: string) => relative(baseDir, file).split('\\').join('/');
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'footprint',
            version,
            rules: rules.map((r) => ({
              id: r.id,
              name: r.id.replace(/[/-](\w)/g, (_, c: string) => c.toUpperCase()),
              shortDescription: { text: r.title },
              fullDescription: { text: r.description },
              defaultConfiguration: { level: LEVEL[r.severity] },
            })),
          },
        },
        artifacts: [...new Set(result.findings.flatMap((f) => (f.location ? [f.location.file] : [])))].map(
          (file) => ({
            location: { uri: uri(file) },
          }),
        ),
        results: result.findings.map((f) => ({
          ruleId: f.rule,
          ruleIndex: ruleIndex.get(f.rule),
          level: LEVEL[f.severity],
          message: { text: `${f.message}. Fix: ${f.fix}` },
          ...(f.location
            ? {
                locations: [
                  {
                    physicalLocation: {
                      artifactLocation: { uri: uri(f.location.file) },
                      region: { startLine: f.location.line, startColumn: f.location.col },
                    },
                  },
                ],
              }
            : {}),
          properties: {
            elements: f.elements,
            fix: f.fix,
            ...(f.costMs !== undefined ? { costMs: round(f.costMs) } : {}),
            ...(f.asIsRttMs !== undefined ? { asIsRttMs: round(f.asIsRttMs) } : {}),
            ...(f.fixedRttMs !== undefined ? { fixedRttMs: round(f.fixedRttMs) } : {}),
            ...(f.replicas !== undefined ? { replicas: f.replicas } : {}),
            ...(f.risk !== undefined ? { risk: f.risk } : {}),
          },
        })),
      },
    ],
  };
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
