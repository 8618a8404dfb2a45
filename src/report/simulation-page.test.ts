import { describe, expect, it } from 'vitest';
import type { DesignRun, SimRun, Simulation, SourceSummary } from '../sim/index.js';
import { simulationReport } from './simulation-page.js';

const source = (metro: string, worstP99Ms: number, budgetP99Ms?: number): SourceSummary => ({
  request: 'page',
  metro,
  generated: 30,
  succeeded: 27,
  errors: 1,
  rejected: 1,
  timeouts: 1,
  meanMs: 10,
  p50Ms: 9,
  p99Ms: 20,
  worstP99Ms,
  worstP99AtS: 20,
  ...(budgetP99Ms !== undefined ? { budgetP99Ms, intervalsOverBudget: 1 } : {}),
});

const pool = (id: string, instances: number[]) => ({
  id,
  instances,
  launching: instances.map(() => 0),
  utilisation: instances.map(() => 0.5),
  queue: instances.map(() => 0),
  launches: instances.map(() => 0),
  launchFailures: instances.map(() => 0),
  interruptions: instances.map(() => 0),
});

/** Three intervals, the last one short (a run of 25 s in 10 s intervals). */
function design(id: string, sources: SourceSummary[]): DesignRun {
  const run = {
    seed: 1,
    durationS: 25,
    intervalS: 10,
    summary: {
      requests: { generated: 60, succeeded: 54, errors: 2, rejected: 2, timeouts: 2 },
      sources,
      cost: { totalUsd: 0.6 },
    },
    series: {
      t: [10, 20, 25],
      sources: sources.map((s) => ({
        request: s.request,
        metro: s.metro,
        arrivals: [10, 20, 5],
        succeeded: [9, 18, 0],
        errors: [0, 0, 0],
        rejected: [0, 0, 0],
        timeouts: [0, 0, 0],
        p50Ms: [8, 9, Number.NaN],
        p99Ms: [15, 30, Number.NaN],
      })),
      pools: [pool('a@x', [2, 4, 3]), pool('b@y', [1, 2, 3])],
      costUsd: [0.1, 0.2, 0.3],
    },
  } as unknown as SimRun;
  return { id, name: id, files: [], notes: [], run };
}

const simulation = (designs: DesignRun[]): Simulation => ({
  scenario: 's',
  file: 's.yaml',
  seed: 1,
  durationS: 25,
  intervalS: 10,
  designs,
});

describe('simulationReport', () => {
  it('keeps every run as it is and adds the figures the page draws', () => {
    const runs = [design('one', [source('metro:a', 30, 25), source('metro:b', 30, 20)])];
    const report = simulationReport(simulation(runs));
    expect(report.designs[0]?.run).toBe(runs[0]?.run);
    const figures = report.designs[0]?.figures;
    expect(figures?.intervalS).toEqual([10, 10, 5]);
    expect(figures?.arrivalsPerS).toEqual([
      [1, 2, 1],
      [1, 2, 1],
    ]);
    expect(figures?.cumulativeCostUsd.map((c) => Math.round(c * 1000) / 1000)).toEqual([0.1, 0.3, 0.6]);
    expect(figures?.lostRequests).toBe(6);
    // 6 at 20 s beats 6 at 25 s: the first interval that reaches the peak.
    expect([figures?.peakInstances, figures?.peakInstancesAtS]).toEqual([6, 20]);
    // metro:a's budget is 25 ms, metro:b's 20 ms: both over at 20 s; no p99 (NaN) is never over.
    expect(figures?.overBudget).toEqual([
      [false, true, false],
      [false, true, false],
    ]);
    // The worst is the one furthest over its budget: 30 ms against 20 ms.
    expect(figures?.worst).toMatchObject({ metro: 'metro:b', p99Ms: 30, budgetP99Ms: 20, over: true });
  });

  it('names the highest p99 as the worst when no source has a budget, and marks nothing over', () => {
    const report = simulationReport(
      simulation([design('one', [source('metro:a', 12), source('metro:b', 40)])]),
    );
    const figures = report.designs[0]?.figures;
    expect(figures?.worst).toEqual({ request: 'page', metro: 'metro:b', p99Ms: 40, atS: 20, over: false });
    expect(figures?.overBudget.flat().some(Boolean)).toBe(false);
  });
});
