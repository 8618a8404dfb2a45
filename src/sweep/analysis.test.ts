import { describe, expect, it } from 'vitest';
import { sweepReport } from './analysis.js';
import { mergeResults } from './merge.js';
import type { ResultsHeader } from './parquet.js';
import type { SweepRow } from './row.js';

const header: ResultsHeader = { format: 1, name: 't', fingerprint: 'f', points: 8 };

/** A row; its failed and succeeded counts follow its success ratio, out of 10,000 requests. */
function row(index: number, design: string, seed: number, figures: Partial<SweepRow>): SweepRow {
  const failed = Math.round(10_000 * (1 - (figures.successRatio ?? 1)));
  return {
    index,
    id: `${design}/x1/none/seed-${seed}`,
    design,
    load: 1,
    outage: 'none',
    seed,
    generated: 10_000,
    succeeded: 10_000 - failed,
    failed,
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
  it('never ranks a design that drops requests or breaks the budget above one that holds, however cheap', () => {
    const rows = [
      row(0, 'cheap-but-failing', 1, { successRatio: 0.95, costUsd: 0.1 }),
      row(1, 'cheap-but-failing', 2, { successRatio: 0.97, costUsd: 0.1 }),
      row(2, 'slow', 1, { meetsBudget: false, p99Ms: 180, costUsd: 0.5 }),
      row(3, 'slow', 2, { costUsd: 0.5 }),
      row(4, 'drops-a-few', 1, { successRatio: 0.9995, costUsd: 0.9 }),
      row(5, 'drops-a-few', 2, { costUsd: 0.9 }),
      row(6, 'dear', 1, { costUsd: 2 }),
      row(7, 'dear', 2, { costUsd: 2 }),
    ];
    const [cell] = sweepReport(header, rows).best;
    // Only 'dear' holds; of the rest, dropping nothing beats dropping 0.05 %, which beats 4 %.
    expect(cell?.designs.map((d) => d.design)).toEqual(['dear', 'slow', 'drops-a-few', 'cheap-but-failing']);
    expect(cell?.designs.map((d) => d.holds)).toEqual([true, false, false, false]);
    expect(cell).toMatchObject({ best: 'dear', holds: true });
    expect(cell?.why).toBe(
      'holds (p99 80.0 ms); the next, slow, p99 130.0 ms, over the budget in 50 % of seeds',
    );
  });

  it('ranks designs that all hold by cost', () => {
    const rows = [
      row(0, 'a', 1, { costUsd: 3 }),
      row(1, 'b', 1, { costUsd: 2 }),
      row(2, 'c', 1, { costUsd: 2.5 }),
    ];
    const [cell] = sweepReport({ ...header, points: 3 }, rows).best;
    expect(cell?.designs.map((d) => d.design)).toEqual(['b', 'c', 'a']);
    expect(cell?.why).toBe('holds (p99 80.0 ms); $2.0000 a run, against $2.5000 for c');
  });

  it('when none holds: the fewest failures (alike within 0.1 %), then the budget, then the cost', () => {
    const rows = [
      row(0, 'five', 1, { successRatio: 0.95, costUsd: 1 }),
      row(1, 'five-and-a-bit', 1, { successRatio: 0.9495, costUsd: 0.5 }),
      row(2, 'five-over-budget', 1, { successRatio: 0.9498, meetsBudget: false, costUsd: 0.1 }),
      row(3, 'eight', 1, { successRatio: 0.92, costUsd: 0.01 }),
    ];
    const [cell] = sweepReport({ ...header, points: 4 }, rows).best;
    expect(cell?.designs.map((d) => d.design)).toEqual([
      'five-and-a-bit',
      'five',
      'five-over-budget',
      'eight',
    ]);
    expect(cell).toMatchObject({ best: 'five-and-a-bit', holds: false });
    expect(cell?.why).toBe(
      'none holds; 5.05 % failed, within the p99 budget in 100 % of seeds; $0.5000 a run, against $1.0000 for five',
    );
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
