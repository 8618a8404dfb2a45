/**
 * Golden outputs: an input estate and its expected output side by side under test/golden/.
 * Regenerate on purpose with `UPDATE_GOLDEN=1 npm test`, and review the diff.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footprint, ROOT } from './cli.js';

const UPDATE = process.env.UPDATE_GOLDEN === '1';

const CASES: { name: string; args: string[] }[] = [];
for (const design of ['dont', 'do']) {
  const estate = `examples/ticketmaster-phoenix/network-${design}.yaml`;
  for (const [from, to] of [
    ['phx-app', 'phx-dc'],
    ['phx-app', 'lax-app'],
  ]) {
    CASES.push({
      name: `trace-${design}-${from}-${to}`,
      args: ['trace', from as string, to as string, '--estate', estate],
    });
  }
}

describe('golden traces', () => {
  for (const { name, args } of CASES) {
    for (const format of ['json', 'txt'] as const) {
      it(`${name}.${format}`, async () => {
        const result = await footprint(...args, ...(format === 'json' ? ['--json'] : []));
        expect(result.code).toBe(0);
        const file = join(ROOT, 'test/golden', `${name}.${format}`);
        if (UPDATE || !existsSync(file)) {
          if (!UPDATE) throw new Error(`${file} is missing: run UPDATE_GOLDEN=1 npm test and review it`);
          writeFileSync(file, result.stdout);
        }
        expect(result.stdout).toBe(readFileSync(file, 'utf8'));
      });
    }
  }
});
