import { describe, expect, it } from 'vitest';
import { localZoneId } from './catalog-index.js';
import { catalogAliases, catalogPlace, getDxLocation, getRegion } from './index.js';

describe('Direct Connect codes', () => {
  it('find a location by its full code in any case, with or without dx:', () => {
    expect(getDxLocation('dx:ecph1')?.code).toBe('ECPH1');
    expect(getDxLocation('EqSe2-EQ')?.code).toBe('EqSe2-EQ');
  });

  it('find a suffixed code by its part before the dash, as AWS lists it publicly (EQSE2)', () => {
    expect(getDxLocation('dx:EQSE2')?.code).toBe('EqSe2-EQ');
    expect(catalogPlace('dx:EQSE2')?.id).toBe('dx:EqSe2-EQ');
    expect(catalogPlace('dx:eqse2')?.id).toBe('dx:EqSe2-EQ');
    expect(catalogAliases()).toContain('dx:EQSE2');
  });
});

describe('Local Zone zone IDs', () => {
  it("follow the rule of AWS's IDs: region prefix, city and group, az and the letter's place", () => {
    const usw2 = getRegion('us-west-2');
    expect(localZoneId({ name: 'us-west-2-phx-2a', parentRegion: 'us-west-2' }, usw2)).toBe('usw2-phx2-az1');
    expect(localZoneId({ name: 'us-west-2-lax-1b', parentRegion: 'us-west-2' }, usw2)).toBe('usw2-lax1-az2');
    expect(localZoneId({ name: 'us-west-2-odd', parentRegion: 'us-west-2' }, usw2)).toBeUndefined();
  });

  it('name their zone, as describe-subnets prints them (AvailabilityZoneId)', () => {
    // test/fixtures/aws/hybrid: the subnet in us-west-2-phx-2a has AvailabilityZoneId usw2-phx2-az1.
    expect(catalogPlace('usw2-phx2-az1')?.id).toBe('us-west-2-phx-2a');
    expect(catalogPlace('USW2-LAX1-AZ1')?.id).toBe('us-west-2-lax-1a');
    // Given by AWS's table for the first Chicago zone, beside the second's.
    expect(catalogPlace('use1-chi1-az1')?.id).toBe('us-east-1-chi-1a');
    expect(catalogPlace('use1-chi2-az1')?.id).toBe('us-east-1-chi-2a');
    expect(catalogPlace('euc1-ist1-az1')?.id).toBe('eu-central-1-ist-1a');
    expect(catalogAliases()).toContain('usw2-phx2-az1');
  });
});
