import { describe, expect, it } from 'vitest';
import { FootprintError, getOrThrow, InternalError, itemOrThrow } from './errors.js';

describe('checked accessors', () => {
  const regions = new Map<string, number | undefined>([
    ['us-west-2', 2],
    ['placeholder', undefined],
  ]);

  it('returns what the map holds, an undefined value included', () => {
    expect(getOrThrow(regions, 'us-west-2', 'region')).toBe(2);
    expect(getOrThrow(regions, 'placeholder', 'region')).toBeUndefined();
  });

  it('throws an internal error, not a user error, naming what was missing', () => {
    const miss = () => getOrThrow(regions, 'us-east-9', 'region');
    expect(miss).toThrow(InternalError);
    expect(miss).toThrow("region 'us-east-9' is missing");
    expect(miss).not.toThrow(FootprintError);
  });

  it('checks an index against the length', () => {
    expect(itemOrThrow(['a', 'b'], 1, 'second id')).toBe('b');
    expect(itemOrThrow(new Float64Array([0.5]), 0, 'rtt')).toBe(0.5);
    expect(() => itemOrThrow(['a'], 1, 'second id')).toThrow('second id is missing (index 1 of 1)');
    expect(() => itemOrThrow([], 0, 'first row')).toThrow(InternalError);
    expect(() => itemOrThrow(['a'], -1, 'row')).toThrow(InternalError);
  });
});
