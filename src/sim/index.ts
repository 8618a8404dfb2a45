/**
 * The simulator: requests, capacity and cost over time through an estate (see engine.ts).
 */
export { Capacity } from './capacity.js';
export { type CompiledSimulation, compileSimulation } from './compile.js';
export { DEFAULT_WORKERS } from './compile-pools.js';
export { Engine, OUTCOME_ERROR, OUTCOME_REJECTED, OUTCOME_SUCCESS, OUTCOME_TIMEOUT } from './engine.js';
export { HealthChecks, type HealthGroup, type HealthListener, type HealthProber } from './health.js';
export { EventHeap } from './heap.js';
export * from './model.js';
export { erlangC, lognormalMoments, mg1MeanWait, mmcMeanWait } from './queueing.js';
export { Stream } from './random.js';
export type {
  ColdStartFigures,
  CostSummary,
  FaultLaunches,
  FaultSummary,
  PoolSummary,
  SimRun,
  SimSeries,
  SimSummary,
  SourceSummary,
} from './result.js';
export {
  DEFAULT_TRANSFER_USD_PER_GB,
  loadScenario,
  loadScenarioDocument,
  type Scenario,
  type ScenarioDemand,
  type ScenarioDesign,
} from './scenario.js';
export { resolveFaults, type ScenarioFault } from './scenario-faults.js';
export {
  type FaultInput,
  type ScenarioInput,
  scenarioJsonSchema,
  scenarioSchema,
} from './scenario-schema.js';
export {
  type DesignRun,
  type SimulateOptions,
  type Simulation,
  simulateModel,
  simulateScenario,
} from './simulate.js';
export { type ChainOptions, chainModel } from './synthetic.js';
