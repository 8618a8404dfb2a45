/**
 * Placement: where each service should run so that the requests meet their budgets at the least
 * latency or cost. The problem (build.ts), its mean-based model (assess.ts), its MILP (milp.ts)
 * solved by HiGHS (solver.ts), a brute force and a local search (search.ts), the explanation of
 * infeasibility (explain.ts), the whole pipeline (place.ts), and writing the result (write.ts).
 */
export { type Assessment, assessPlacement, todayAssignment, treeLatency } from './assess.js';
export {
  type BuildOptions,
  type BuiltProblem,
  buildPlacementProblem,
  type CandidateSummary,
  DEFAULT_MAX_CANDIDATES,
  DEFAULT_RADIUS_MS,
} from './build.js';
export { buildMilp, decodeAssignment, type MilpOptions, type PlacementMilp } from './milp.js';
export {
  OBJECTIVE_KINDS,
  type ObjectiveKind,
  type ObjectiveSpec,
  objectiveUnit,
  objectiveWeights,
  primaryValue,
} from './objective.js';
export { placementPatch } from './outcome.js';
export { DEFAULT_RECHECK_ROUNDS, type PlaceOptions, placeServices } from './place.js';
export { DEFAULT_INSTANCE_HOUR_USD, estateInstanceCost, instanceHourUsd } from './prices.js';
export {
  type Assignment,
  type CallNode,
  type CallTree,
  expandRequest,
  type Location,
  type PlacedService,
  type PlacementProblem,
  type Scenario,
  splitInstances,
  UNREACHABLE_MS,
} from './problem.js';
export type * from './result.js';
export {
  bruteForcePlacement,
  localSearchPlacement,
  repairedToday,
  type SearchResult,
  searchSpaceSize,
  serviceOptions,
} from './search.js';
export { DEFAULT_MAX_NODES, loadSolver, type SolveOutcome, type SolverLimits, solveModel } from './solver.js';
export { nonWorkloadSubnets } from './workload-subnets.js';
export { flowPlacement, type PlacementEdits, placementOverlay, writePlacementInPlace } from './write.js';
