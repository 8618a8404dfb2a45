import { describe, expect, it } from 'vitest';
import { sweepReport } from './analysis.js';
import { mergeResults } from './merge.js';
import type { ResultsHeader } from './parquet.js';
import type { SweepRow } from './row.js';

const header: ResultsHeader = { format: 1, name: 't', fingerprint: 'f', points: 8 };

function row(index: number, design: string, seed: number, figures: Partial<SweepRow>): SweepRow {
  return {
    index,
    id: `${design}/x1/none/seed-${seed}`,
    design,
    load: 1,
    outage: 'none',
    seed,
    generated: 1000,
    succeeded: 1000,
    failed: 0,
    timeouts: 0,
    retries: 0,
    successRatio: 1,
    meanMs: 40,
    p99Ms: 80,
    worstIntervalP99Ms: 90,
    meetsBudget: true,
    costUsd: 1,
    per1000SessionsUsd: 1,
    peakInstances: 10,
    faultFailed: 0,
    events: 10_000,
    ...figures,
  };
}

describe('the best design', () => {
  it('puts failures first, then the budget, then cost', () => {
    const rows = [
      row(0, 'cheap-but-failing', 1, { successRatio: 0.95, costUsd: 0.1 }),
      row(1, 'cheap-but-failing', 2, { successRatio: 0.97, costUsd: 0.1 }),
      row(2, 'slow', 1, { meetsBudget: false, costUsd: 0.5 }),
      row(3, 'slow', 2, { costUsd: 0.5 }),
      row(4, 'good', 1, { successRatio: 0.9995, costUsd: 0.9 }),
      row(5, 'good', 2, { costUsd: 0.9 }),
      row(6, 'dear', 1, { costUsd: 2 }),
      row(7, 'dear', 2, { costUsd: 2 }),
    ];
    const [cell] = sweepReport(header, rows).best;
    // 0.05 % failed is within the tolerance of none; 'slow' missed its budget once.
    expect(cell?.designs.map((d) => d.design)).toEqual(['good', 'dear', 'slow', 'cheap-but-failing']);
    expect(cell?.best).toBe('good');
    expect(cell?.why).toContain('$0.9000 a run, against $2.0000 for dear');
  });

  it('measures how much each parameter moves each figure', () => {
    const rows = [
      row(0, 'a', 1, { costUsd: 1, p99Ms: 50 }),
      row(1, 'a', 2, { costUsd: 1, p99Ms: 70 }),
      row(2, 'b', 1, { costUsd: 3, p99Ms: 50 }),
      row(3, 'b', 2, { costUsd: 3, p99Ms: 70 }),
    ];
    const report = sweepReport({ ...header, points: 4 }, rows);
    const find = (figure: string, parameter: string) =>
      report.sensitivity.find((s) => s.figure === figure && s.parameter === parameter);
    expect(find('costUsd', 'design')).toMatchObject({ range: 2, share: 1 });
    expect(find('costUsd', 'seed')).toMatchObject({ range: 0, share: 0 });
    expect(find('p99Ms', 'seed')).toMatchObject({ range: 20, share: 1 });
    expect(find('successRatio', 'design')?.share).toBe(0);
  });
});

describe('merging results', () => {
  const a = {
    header: { ...header, points: 3, shard: '1/2' },
    rows: [row(0, 'a', 1, {}), row(2, 'a', 3, {})],
  };
  const b = { header: { ...header, points: 3, shard: '2/2' }, rows: [row(1, 'a', 2, {})] };

  it('joins shards in point order, without their shard', () => {
    const merged = mergeResults([b, a], ['b', 'a']);
    expect(merged.rows.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(merged.header).toEqual({ format: 1, name: 't', fingerprint: 'f', points: 3 });
    expect(merged.missing).toEqual([]);
  });

  it('says which points are missing, and refuses a point with two different rows', () => {
    expect(mergeResults([a], ['a']).missing).toEqual([1]);
    expect(mergeResults([a], ['a']).header.missingPoints).toBe(1);
    expect(mergeResults([a, a], ['a', 'a2']).duplicates).toBe(2);
    const changed = { ...b, rows: [row(1, 'a', 2, {}), row(2, 'a', 3, { costUsd: 7 })] };
    expect(() => mergeResults([a, changed], ['a', 'changed'])).toThrow(/differs between the inputs/);
    const other = { ...b, header: { ...b.header, fingerprint: 'g' } };
    expect(() => mergeResults([a, other], ['a', 'other'])).toThrow(/another sweep/);
  });
});
