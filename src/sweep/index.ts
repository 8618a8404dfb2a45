/**
 * Sweeps: grids of simulations over designs, load levels, outages and seeds, run on this machine's
 * cores, in shards on a batch system, or through a BullMQ queue on Redis; results as Parquet.
 */
export {
  type BestDesign,
  type DesignFigures,
  type Sensitivity,
  type SweepReport,
  sweepReport,
} from './analysis.js';
export {
  bundleReader,
  type LoadedSweep,
  loadSweep,
  type SweepDesign,
  type SweepOutage,
  type SweepPlan,
} from './load.js';
export { type MergedResults, mergeResults } from './merge.js';
export { renderSweepPage } from './page.js';
export { RESULTS_KEY, type ResultsHeader, readResults, type SweepResults, writeResults } from './parquet.js';
export { parseShard, pointAt, type Shard, type SweepPoint, shardIndices } from './points.js';
export { defaultWorkers, type LocalRunOptions, runLocal } from './pool.js';
export {
  parseRedisUrl,
  type QueueRunOptions,
  type QueueWorker,
  type QueueWorkerOptions,
  runOnQueue,
  startQueueWorker,
} from './queue.js';
export { FIGURES, PARAMETERS, ROW_COLUMNS, type SweepRow, sweepRow } from './row.js';
export { runPoint } from './run.js';
export { MAX_POINTS, type SweepInput, sweepSchema } from './schema.js';
