import { describe, expect, it } from 'vitest';
import { catalogPlace, getDxLocation } from './index.js';

describe('Direct Connect codes', () => {
  it('find a location by its full code in any case, with or without dx:', () => {
    expect(getDxLocation('dx:ecph1')?.code).toBe('ECPH1');
    expect(getDxLocation('EqSe2-EQ')?.code).toBe('EqSe2-EQ');
  });

  it('find a suffixed code by its part before the dash, as AWS lists it publicly (EQSE2)', () => {
    expect(getDxLocation('dx:EQSE2')?.code).toBe('EqSe2-EQ');
    expect(catalogPlace('dx:EQSE2')?.id).toBe('dx:EqSe2-EQ');
    expect(catalogPlace('dx:eqse2')?.id).toBe('dx:EqSe2-EQ');
  });
});
