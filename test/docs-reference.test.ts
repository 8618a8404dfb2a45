/**
 * docs/estate-reference.md is generated from the estate schema by `npm run docs:reference`: this
 * fails when the committed file is out of step with the schema, so the reference cannot drift.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { REFERENCE_FILE, renderEstateReference } from '../scripts/estate-reference.js';
import { estateJsonSchema } from '../src/model/index.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

describe('the estate reference', () => {
  const generated = renderEstateReference(estateJsonSchema());

  it('is in step with the schema (regenerate it with `npm run docs:reference`)', () => {
    const committed = readFileSync(join(ROOT, REFERENCE_FILE), 'utf8');
    expect(committed === generated, 'docs/estate-reference.md is stale: run `npm run docs:reference`').toBe(
      true,
    );
  });

  it('has a table for every object of the schema and a row for every key', () => {
    const schema = estateJsonSchema() as { properties: Record<string, unknown> };
    for (const key of Object.keys(schema.properties)) expect(generated).toContain(`| \`${key}\` |`);
    for (const section of ['sites.‹id›', 'network.subnets.‹id›', 'services.‹id›', 'call step', 'budgets[]'])
      expect(generated).toContain(`## \`${section}\``);
    // Every link to a table goes to a table that exists.
    const anchors = new Set([...generated.matchAll(/<a id="([^"]+)"><\/a>/g)].map((m) => m[1]));
    const links = [...generated.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(40);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });
});
