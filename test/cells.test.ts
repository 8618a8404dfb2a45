/**
 * `footprint cells` end to end on the Skyscanner cells (seed 004): three cells per region, one cell
 * takes 1/3 of users and capacity and the rest absorbs it, shuffle sharding loses no user's whole
 * shard; cutting Frankfurt to two cells breaks N+2 and the size cap (exit 1).
 */
import { describe, expect, it } from 'vitest';
import type { CellsReport } from '../src/app/index.js';
import { footprint, json } from './cli.js';

const CELLS = 'examples/skyscanner-multi-region/cells.yaml';
const BROKEN = 'examples/skyscanner-multi-region/cells-n-plus-2-broken.yaml';

describe('footprint cells', () => {
  it('reports 1/N per cell, absorption and N+2 within 3 to 5: exit 0', async () => {
    const result = await footprint('cells', CELLS);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('one cell down: 33.3 % of users lose service (1/3)');
    expect(result.stdout).toContain(
      '0.0 % of sessions lose their whole shard; 66.7 % lose one of their 2 cells (k/N)',
    );
    expect(result.stdout).toContain('ok   search in eu-central-1: 3 cells: within N+2 (3 to 5)');
    expect(result.stdout).toContain('ok: every check passes');
  });

  it('prints the same as JSON', async () => {
    const result = await footprint('cells', CELLS, '--json');
    expect(result.code).toBe(0);
    const report = json<CellsReport>(result);
    expect(report.groups.map((g) => g.count)).toEqual([3, 3, 3, 3]);
    expect(report.groups[0]).toMatchObject({ router: 'hash', shardSize: 1, ok: true });
    expect(report.groups[0]?.usersLost).toBeCloseTo(1 / 3);
    expect(report.groups[0]?.absorption[0]).toMatchObject({ demand: 60, remaining: 400, absorbs: true });
    expect(report.groups[3]).toMatchObject({ router: 'shuffle-shard', shardSize: 2, usersLost: 0 });
    expect(report.nPlus2.every((f) => f.ok && f.clusters === 3)).toBe(true);
  });

  it('a region with two cells fails N+2 and the cell-size cap: exit 1', async () => {
    const result = await footprint('cells', BROKEN);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('FAIL search in eu-central-1: 2 cells: below N+2');
    expect(result.stdout).toContain('OVER maxSize (users)');
    expect(result.stdout).toContain('FAIL: 2 checks failed');
  });

  it('a bad file exits 2', async () => {
    const result = await footprint('cells', 'test/fixtures/bad/cells-count.yaml');
    expect(result.code).toBe(2);
  });
});
