/**
 * A link's measured RTT may not beat light in fiber over the link's length, as a ping may not: an
 * error at file:line:col naming the floor.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf } from './estate-errors.test-support.js';
import { parseEstate } from './index.js';

const LINKED = (rtt: number) => `name: linked
sites:
  phx-dc: { kind: datacenter, metro: metro:phoenix }
  iad-dc: { kind: datacenter, location: [39.0438, -77.4874] }
links:
  wan: { kind: wan, between: [phx-dc, iad-dc], measuredRttMs: ${rtt} }
`;

describe("a link's measuredRttMs", () => {
  it('is an error below light in fiber over the link, naming the floor, at the figure', () => {
    const [error, ...others] = errorsOf(LINKED(12));
    expect(others).toEqual([]);
    expect(error).toMatchObject({
      code: 'FP_FASTER_THAN_LIGHT',
      message: "link 'wan': 12 ms between 'phx-dc' and 'iad-dc' beats light in fiber",
      location: { file: 'e.yaml', line: 6, col: 63 },
    });
    expect(error?.expected).toMatch(/^at least 30\.85 ms: light in fiber takes that for 3,150 km and back$/);
  });

  it('is accepted at or above the floor', () => {
    expect(parseEstate(LINKED(30.86), 'e.yaml').links[0]?.measuredRttMs).toBe(30.86);
    expect(parseEstate(LINKED(70), 'e.yaml').links[0]?.measuredRttMs).toBe(70);
  });
});
