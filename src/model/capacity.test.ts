import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import { parseEstate } from './index.js';

const BASE = `
name: pools
sites:
  phx-dc: { kind: datacenter, metro: metro:phoenix }
users:
  - { metro: metro:phoenix, weight: 1 }
services:
  web: { at: [phx-dc], computeMs: 2 }
capacity:
  web:
    pools:
`;

function problemsOf(pool: string): string[] {
  try {
    parseEstate(`${BASE}      ${pool}\n`, 'e.yaml');
  } catch (error) {
    if (error instanceof FootprintError)
      return error.diagnostics.map((d) => `${d.code} ${d.location?.line}:${d.location?.col} ${d.message}`);
    throw error;
  }
  return [];
}

describe('capacity pools', () => {
  it('resolves a pool with its defaults', () => {
    const estate = parseEstate(
      `${BASE}      us-west-2: { platform: ec2, instances: { max: 8 }, workers: 4, scaling: { target: 0.6 } }\n`,
      'e.yaml',
    );
    const pool = estate.capacity?.get('web')?.pools[0];
    expect(pool).toMatchObject({ platform: 'ec2', min: 0, desired: 0, max: 8, workers: 4 });
    expect(pool?.place.id).toBe('us-west-2');
    expect(pool?.scaling).toMatchObject({ metric: 'utilisation', target: 0.6 });
  });

  it('reports each problem of a pool at its key', () => {
    expect(problemsOf('nowhere: { platform: ec2, instances: 1, workers: 1 }')).toEqual([
      "FP_UNKNOWN_PLACE 12:7 unknown place 'nowhere'",
    ]);
    expect(problemsOf('phx-dc: { platform: ec2, instances: 1, workers: 1 }')).toEqual([
      "FP_BAD_PLACEMENT 12:27 a pool at the site 'phx-dc' cannot be 'ec2': sites run their own servers",
    ]);
    expect(problemsOf('us-west-2: { platform: on-premises, instances: 1, workers: 1 }')).toEqual([
      "FP_BAD_PLACEMENT 12:30 a pool in region 'us-west-2' cannot be 'on-premises': that platform runs at the company's sites",
    ]);
    expect(problemsOf('dx:ECPH1: { platform: ec2, instances: 1, workers: 1 }')).toEqual([
      "FP_BAD_PLACEMENT 12:7 instances cannot run at dx-location 'dx:ECPH1'",
    ]);
    expect(problemsOf('us-west-2: { platform: ec2, instances: { min: 3, max: 2 }, workers: 1 }')).toEqual([
      'FP_INVALID_VALUE 12:46 instances: min 3, desired 3, max 2 are out of order',
    ]);
    expect(
      problemsOf('phx-dc: { platform: on-premises, instances: { min: 1, max: 2 }, workers: 1 }'),
    ).toEqual(["FP_INVALID_VALUE 12:51 'on-premises' pools do not scale: their instances are one number"]);
    expect(
      problemsOf('phx-dc: { platform: on-premises, instances: 2, workers: 1, scaling: { target: 0.5 } }'),
    ).toEqual(["FP_INVALID_VALUE 12:66 'on-premises' pools do not scale"]);
    expect(
      problemsOf(
        'us-west-2: { platform: fixed, instances: 2, workers: 1, spot: { share: 0.5, hourly: 0.1 } }',
      ),
    ).toEqual([
      "FP_INVALID_VALUE 12:63 Spot needs a platform that replaces interrupted instances (ec2 or karpenter), not 'fixed'",
    ]);
    expect(
      problemsOf('us-west-2: { platform: ec2, instances: { max: 2 }, workers: 1, scaling: { target: 60 } }'),
    ).toEqual(['FP_INVALID_VALUE 12:89 a utilisation target of 60 can never be reached']);
    expect(problemsOf('us-west-2: { platform: ec2, instances: 10000, workers: 1001 }')).toEqual([
      'FP_INVALID_VALUE 12:62 10000 instances x 1001 workers is more than a simulation can hold (20 million worker slots with replacements)',
    ]);
  });
});
