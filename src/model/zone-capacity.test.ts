/**
 * A zone's `placement.capacity` holds what runs there today, as a site's capacity does: an error at
 * file:line:col otherwise.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf } from './estate-errors.test-support.js';
import { parseEstate } from './index.js';

const ZONED = (capacity: number) => `name: zoned
services:
  inventory: { at: [{ place: us-west-2-phx-2a, instances: 4 }], computeMs: 2, pinned: true }
  api: { at: [{ place: usw2-az1, instances: 2 }, { place: us-west-2-phx-2a, instances: 6 }], computeMs: 3 }
placement:
  capacity:
    us-west-2-phx-2a: ${capacity}
`;

describe("a zone's placement.capacity", () => {
  it('is an error when what runs there today exceeds it, at the placement of the service that may move', () => {
    const [error, ...others] = errorsOf(ZONED(8));
    expect(others).toEqual([]);
    expect(error).toMatchObject({
      code: 'FP_CAPACITY',
      message:
        "zone 'us-west-2-phx-2a' holds 8 instances (placement.capacity), but the services placed there need 10: inventory 4, api 6",
      location: { file: 'e.yaml', line: 4, col: 50 },
    });
  });

  it('points at the capacity when only pinned services exceed it', () => {
    const [error] = errorsOf(ZONED(3).replace(/ {2}api: .*\n/, ''));
    expect(error).toMatchObject({ code: 'FP_CAPACITY', location: { file: 'e.yaml', line: 6, col: 23 } });
  });

  it('is accepted when it holds what runs there', () => {
    expect(parseEstate(ZONED(10), 'e.yaml').placement?.zoneCapacity.get('us-west-2-phx-2a')).toBe(10);
  });
});
