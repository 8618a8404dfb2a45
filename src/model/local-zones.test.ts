/**
 * `localZones:`: the parent AZ of a Local Zone the catalog does not know, as describe-availability-zones
 * reports it; checked against the zone's region and against what the catalog knows.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf } from './estate-errors.test-support.js';
import { EMPTY_ESTATE, localZoneParent, parseEstate } from './index.js';

describe('localZones', () => {
  it('declares a parent the catalog does not know, by zone name or zone ID', () => {
    expect(localZoneParent('us-west-2-phx-2a', EMPTY_ESTATE)).toBeUndefined();
    const byName = parseEstate('name: e\nlocalZones:\n  us-west-2-phx-2a: { parentZone: usw2-az1 }\n');
    expect(localZoneParent('us-west-2-phx-2a', byName)).toBe('usw2-az1');
    const byId = parseEstate('name: e\nlocalZones:\n  usw2-phx2-az1: { parentZone: usw2-az3 }\n');
    expect(localZoneParent('us-west-2-phx-2a', byId)).toBe('usw2-az3');
  });

  it('falls back on the catalog, and may repeat what it knows', () => {
    expect(localZoneParent('us-east-1-bos-1a', EMPTY_ESTATE)).toBe('use1-az4');
    const same = parseEstate('name: e\nlocalZones:\n  us-east-1-bos-1a: { parentZone: use1-az4 }\n');
    expect(localZoneParent('us-east-1-bos-1a', same)).toBe('use1-az4');
  });

  it('is an error at file:line:col for a zone that is not a Local Zone, with the closest one', () => {
    const [error] = errorsOf('name: e\nlocalZones:\n  us-west-2-phx-2z: { parentZone: usw2-az1 }\n');
    expect(error?.code).toBe('FP_UNKNOWN_PLACE');
    expect(error?.location).toMatchObject({ file: 'e.yaml', line: 3, col: 3 });
    expect(error?.suggestion).toContain('us-west-2-phx-2a');
  });

  it('is an error for a parent outside the zone’s region, listing that region’s AZs', () => {
    const [error] = errorsOf('name: e\nlocalZones:\n  us-west-2-phx-2a: { parentZone: use1-az1 }\n');
    expect(error?.message).toBe("'use1-az1' is not an AZ of us-west-2, the region of us-west-2-phx-2a");
    expect(error?.expected).toContain('usw2-az1');
    expect(error?.location).toMatchObject({ line: 3 });
  });

  it('is an error when it contradicts the catalog', () => {
    const [error] = errorsOf('name: e\nlocalZones:\n  us-east-1-bos-1a: { parentZone: use1-az1 }\n');
    expect(error?.message).toBe(
      "the parent zone of us-east-1-bos-1a is use1-az4 (AWS's list of Local Zones), not use1-az1",
    );
  });

  it('accepts an AZ the estate declares itself', () => {
    const estate = parseEstate(
      'name: e\navailabilityZones:\n  usw2-az9: { region: us-west-2 }\nlocalZones:\n  us-west-2-phx-2a: { parentZone: usw2-az9 }\n',
    );
    expect(localZoneParent('us-west-2-phx-2a', estate)).toBe('usw2-az9');
  });
});
