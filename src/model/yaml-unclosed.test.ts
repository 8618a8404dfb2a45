import { describe, expect, it } from 'vitest';
import type { FootprintError } from '../errors.js';
import { parseLayer } from './load.js';
import { unclosedOpener } from './yaml-unclosed.js';

/** The location of the first error of a YAML text. */
function firstError(text: string): string {
  try {
    parseLayer('e.yaml', text);
  } catch (error) {
    const d = (error as FootprintError).diagnostics[0];
    return `${d?.location?.line}:${d?.location?.col}`;
  }
  throw new Error('no error');
}

describe('an unclosed bracket or quote in YAML', () => {
  it('is located where it was opened, not lines later where the parser noticed', () => {
    // The parser notices at line 6 (after a blank line and a comment); the { is on line 3.
    const map =
      'name: b\nsites:\n  phx-dc: { kind: datacenter, at: [1, 2]\n\n  # the other one\n  iad-dc: { kind: datacenter }\n';
    expect(firstError(map)).toBe('3:11');
    expect(firstError('name: b\nsites:\n  a: [kind: x\nlinks: {}\n')).toBe('3:6');
    expect(firstError('name: b\ndescription: "never closed\nsites: {}\n\nlinks: {}\n')).toBe('2:14');
  });

  it('leaves other errors where the parser put them', () => {
    expect(
      unclosedOpener('a: 1\n b: 2\n', 6, 'All mapping items must start at the same column'),
    ).toBeUndefined();
    expect(firstError('a:\n  b: 1\n c: 2\n')).toBe('3:1');
  });
});
