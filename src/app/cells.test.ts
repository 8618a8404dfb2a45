import { describe, expect, it } from 'vitest';
import { parseEstate } from '../model/index.js';
import { cellsReport } from './cells.js';

/** An estate with `search` in the three AZs of us-west-2 and the given cells and capacity. */
function estate(cells: string, capacity = '') {
  return parseEstate(
    [
      'name: t',
      'users:',
      '  - { metro: metro:phoenix, weight: 1 }',
      'services:',
      '  search: { at: [usw2-az1, usw2-az2, usw2-az3, usw2-az4], computeMs: 2 }',
      capacity,
      'cells:',
      cells,
    ].join('\n'),
    't.yaml',
  );
}

const pools = (desired: number, max: number) =>
  [
    'capacity:',
    '  search:',
    '    pools:',
    ...['usw2-az1', 'usw2-az2', 'usw2-az3', 'usw2-az4'].map(
      (az) =>
        `      ${az}: { platform: ec2, instances: { min: 1, desired: ${desired}, max: ${max} }, workers: 4, scaling: { target: 0.6 } }`,
    ),
  ].join('\n');

describe('cellsReport', () => {
  it('hashing: one cell of N takes 1/N of users and of capacity', () => {
    const report = cellsReport(estate('  g: { services: [search], region: us-west-2, count: 4 }'));
    const g = report.groups[0];
    expect(g?.usersLost).toBe(0.25);
    expect(g?.usersTouched).toBe(0.25);
    expect(g?.absorption[0]?.capacityShare).toBe(0.25);
    expect(g?.cells.map((c) => c.places)).toEqual([['usw2-az1'], ['usw2-az2'], ['usw2-az3'], ['usw2-az4']]);
  });

  it('shuffle sharding: no key loses its whole shard when k > 1; k/N lose one cell', () => {
    const sharded = cellsReport(
      estate('  g: { services: [search], region: us-west-2, count: 4, router: shuffle-shard, shardSize: 2 }'),
    ).groups[0];
    expect(sharded).toMatchObject({ usersLost: 0, usersTouched: 0.5, shardSize: 2 });
    const single = cellsReport(
      estate('  g: { services: [search], region: us-west-2, count: 4, router: shuffle-shard, shardSize: 1 }'),
    ).groups[0];
    expect(single).toMatchObject({ usersLost: 0.25, usersTouched: 0.25 });
  });

  it('absorption: the other N-1 cells must scale to what N ran', () => {
    const cells = '  g: { services: [search], region: us-west-2, count: 4 }';
    const roomy = cellsReport(estate(cells, pools(10, 14))).groups[0]?.absorption[0];
    expect(roomy).toMatchObject({ demand: 40, remaining: 42, absorbs: true, source: 'capacity' });
    const tight = cellsReport(estate(cells, pools(10, 12)));
    expect(tight.groups[0]?.absorption[0]).toMatchObject({ demand: 40, remaining: 36, absorbs: false });
    expect(tight.ok).toBe(false);
    // Without a capacity section the placements' instances are fixed: no headroom.
    expect(cellsReport(estate(cells)).groups[0]?.absorption[0]).toMatchObject({
      absorbs: false,
      source: 'placements',
    });
  });

  it('cells sharing a place split its pool; maxSize caps users and instances', () => {
    const report = cellsReport(
      estate(
        '  g: { services: [search], places: [usw2-az1], count: 2, maxSize: { users: 0.4, instances: 4 } }',
        pools(10, 20),
      ),
    );
    const g = report.groups[0];
    expect(g?.cells.map((c) => c.instances)).toEqual([5, 5]);
    expect(g?.cells[0]?.over).toEqual(['users', 'instances']);
    expect(g?.absorption[0]).toMatchObject({ demand: 10, remaining: 10, absorbs: true });
  });

  it('N+2: 3 to 5 clusters of each region, counting cells', () => {
    const of = (count: number) =>
      cellsReport(estate(`  g: { services: [search], region: us-west-2, count: ${count} }`)).nPlus2[0];
    expect(of(2)).toMatchObject({ region: 'us-west-2', clusters: 2, counted: 'cells', ok: false });
    expect(of(3)?.ok).toBe(true);
    expect(of(5)?.ok).toBe(true);
    expect(of(6)).toMatchObject({ clusters: 6, ok: false });
  });
});
