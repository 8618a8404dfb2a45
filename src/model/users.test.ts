import { describe, expect, it } from 'vitest';
import { resolveUsers } from './users.js';

describe('resolveUsers', () => {
  it('normalises weights to shares, with huge weights and without overflowing', () => {
    const users = resolveUsers(
      [
        { metro: 'metro:phoenix', weight: 3e307 },
        { metro: 'metro:las-vegas', weight: 1e307 },
      ],
      ['users'],
      () => {},
    );
    expect(users[0]?.share).toBeCloseTo(0.75, 12);
    expect(users[1]?.share).toBeCloseTo(0.25, 12);
  });

  it('takes 200,000 populations (no argument spread that overflows the stack)', () => {
    const problems: string[] = [];
    const list = Array.from({ length: 200_000 }, () => ({ metro: 'metro:phoenix', weight: 1 }));
    resolveUsers(list, ['users'], (_, d) => problems.push(d.code));
    // Every one after the first names a metro already listed: reported, not a crash.
    expect(problems).toHaveLength(199_999);
  });
});
