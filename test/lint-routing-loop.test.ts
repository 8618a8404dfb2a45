/**
 * `footprint lint --strict` fails on an estate whose traces find a routing loop (issue 17, item 5).
 */
import { describe, expect, it } from 'vitest';
import { run } from '../src/cli/program.js';

async function lint(...args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await run(['lint', ...args], {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
  });
  return { code, stdout, stderr };
}

describe('footprint lint --strict on a routing loop', () => {
  it('reports the loop as an error and exits 1', async () => {
    const result = await lint('test/fixtures/routing-loop.yaml', '--strict');
    expect(result.stderr).toBe('');
    expect(result.stdout).toMatch(/error \[hygiene\/routing-loop\]/);
    expect(result.stdout).toContain('routing loop');
    expect(result.code).toBe(1);
  });
});
