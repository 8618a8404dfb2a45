/**
 * Running points: a point's scenario through the simulator's public entry, to its row. The same
 * function runs in the main thread, in a worker thread and in a queue worker.
 */
import { simulateScenario } from '../sim/index.js';
import type { LoadedSweep } from './load.js';
import { pointAt, type SweepPoint } from './points.js';
import { type SweepRow, sweepRow } from './row.js';
import { scaledScenario } from './scenario.js';

/**
 * Simulates the point at `index` of a loaded sweep.
 * @example runPoint(loadSweep('examples/ticketmaster-phoenix/sweep.yaml'), 0).succeeded
 */
export function runPoint(sweep: LoadedSweep, index: number): SweepRow {
  const point: SweepPoint = pointAt(sweep, index);
  const design = sweep.designs.find((d) => d.id === point.design);
  const outage = sweep.outages.find((o) => o.id === point.outage);
  if (!design || !outage) throw new Error(`point ${index}: no design or outage`);
  const scenario = scaledScenario(sweep.scenarios.get(design, outage), point.load);
  const simulation = simulateScenario(scenario, { seed: point.seed });
  const [only] = simulation.designs;
  if (!only) throw new Error(`point ${point.id}: the scenario ran no design`);
  return sweepRow(point, only.run);
}
