/**
 * Request latency: services, call graphs, end-to-end latency distributions and budgets.
 */
export { type BudgetCheck, checkBudgets } from './budgets.js';
export {
  type Absorption,
  type CellCapacity,
  type CellGroupReport,
  type CellSize,
  type CellsReport,
  cellCapacity,
  cellGroupReport,
  cellsReport,
  N_PLUS_2,
  type NPlus2Finding,
  nPlus2,
} from './cells.js';
export { compileRequest, MAX_CALLS_PER_DRAW } from './compile-request.js';
export {
  type NeverStarts,
  type StartupCycle,
  type StartupCycleGroup,
  type StartupEdge,
  type StartupReport,
  startupReport,
} from './deps.js';
export {
  disjointCycleCount,
  elementaryCycles,
  exactFeedbackArcSet,
  type FeedbackArcSet,
  greedyFeedbackArcSet,
  hasCycle,
  MAX_EXACT_EDGES,
  minimumFeedbackArcSet,
  minimumFeedbackVertexSet,
  stronglyConnectedComponents,
  waves,
} from './deps-graph.js';
export {
  budgetsFor,
  type CriticalStep,
  DEFAULT_SAMPLES,
  DEFAULT_SEED,
  type EvaluateOptions,
  endpointTable,
  evaluateRequests,
  type RequestEvaluation,
  type RequestLatency,
} from './evaluate.js';
export {
  DEFAULT_SERVICE_GBPS,
  DEFAULT_USER_GBPS,
  type EndpointTable,
  lognormalOf,
  type PayloadOptions,
  type Plan,
  type PlanStep,
  Z99,
} from './plan.js';
export {
  defaultRtt,
  type Endpoint,
  type PhysicalRttOptions,
  physicalRtt,
  placementEndpoint,
  type RttProvider,
  routedRtt,
  rttFromFunction,
  SAME_PLACE_RTT_MS,
  usesRoutedRtt,
} from './rtt.js';
export { rankIndex, type SampleRun, Sampler, selectInPlace, streamSeed } from './sample.js';
