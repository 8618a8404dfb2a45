import { describe, expect, it } from 'vitest';
import { closestMatches, didYouMean } from './suggest.js';

describe('closestMatches', () => {
  it('finds near misses, closest first', () => {
    expect(closestMatches('us-west-3', ['us-west-1', 'us-west-2', 'eu-west-3', 'ap-south-1'])).toEqual([
      'us-west-1',
      'us-west-2',
      'eu-west-3',
    ]);
  });

  it('is case-insensitive and matches containment', () => {
    expect(closestMatches('dx:ecph2', ['dx:ECPH1', 'dx:EqDC2'])).toEqual(['dx:ECPH1']);
    expect(closestMatches('phoenix', ['metro:phoenix', 'metro:paris'])).toEqual(['metro:phoenix']);
  });

  it('offers nothing when nothing is close', () => {
    expect(closestMatches('zzzzzz', ['us-west-1', 'metro:phoenix'])).toEqual([]);
    expect(didYouMean('zzzzzz', ['us-west-1'])).toBeUndefined();
  });

  it('words the suggestion', () => {
    expect(didYouMean('sits', ['sites', 'links'])).toBe("did you mean 'sites'?");
    expect(didYouMean('us-west-3', ['us-west-1', 'us-west-2'])).toBe(
      "did you mean 'us-west-1' or 'us-west-2'?",
    );
  });
});
