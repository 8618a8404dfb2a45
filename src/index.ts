/**
 * Footprint's public library API: the same functions the CLI calls, listed by name. docs/library.md
 * lists the same names (test/public-api.test.ts fails when the two differ), and every function here
 * has an `@example` in its TSDoc.
 *
 * Names come from each layer's index file, never from a file inside a layer, so that the layers can
 * move their files around without breaking this list. The docs group them by capability; here they
 * are by layer.
 *
 * @example
 * import { loadEstate, physicalLatency } from 'footprint';
 * const estate = loadEstate('examples/ticketmaster-phoenix/estate.yaml');
 * physicalLatency(estate, 'phx-dc', 'us-west-2-phx-2a').rttMs; // ≈ 1.2
 */
export {
  type CellsReport,
  type CriticalStep,
  cellsReport,
  type EvaluateOptions,
  evaluateRequests,
  type RequestEvaluation,
  type RequestLatency,
  type StartupCycleGroup,
  type StartupReport,
  startupReport,
} from './app/index.js';
export {
  catalogPlace,
  catalogPlaces,
  type LatencyParameters,
  type NearbyPlace,
  nearestPlaces,
  type Place,
  type PlaceKind,
} from './catalog/index.js';
export {
  type Diagnostic,
  diagnosticToJson,
  type ErrorCode,
  FootprintError,
  formatDiagnostic,
} from './errors.js';
export {
  type GamedayResult,
  loadGameday,
  runGameday,
  standardGamedays,
  standardScenario,
} from './gameday/index.js';
export { type Coordinates, distanceKm, fiberFloorRttMs } from './geo/index.js';
export {
  type AwsImport,
  type AwsImportOptions,
  type ImportReport,
  importAws,
  importSummary,
  type SnapshotFile,
} from './import/index.js';
export {
  type CalibrateOptions,
  type CalibrationResult,
  calibrate,
  checkExpectations,
  type ExpectationResult,
  type LatencyMatrix,
  type LatencyOptions,
  latencyMatrix,
  type PathStep,
  type PhysicalLatency,
  physicalLatency,
} from './latency/index.js';
export {
  type LintFinding,
  type LintResult,
  type LintRule,
  lintEstate,
  lintFile,
  RULES,
  type Severity,
  toSarif,
} from './lint/index.js';
export {
  type AppRequest,
  deriveEstate,
  EMPTY_ESTATE,
  type Estate,
  type EstateLink,
  estateJsonSchema,
  type LatencyBudget,
  type LatencyExpectation,
  loadEstate,
  type Ping,
  parseEstate,
  parsePings,
  type ReadFile,
  resolvePlace,
  type Service,
  type ServiceDependencies,
  type Site,
  type UserPopulation,
} from './model/index.js';
export { type TraceFinding, type TraceResult, traceRoute } from './network/index.js';
export {
  type PlacementEdits,
  type PlacementResult,
  type PlaceOptions,
  placementOverlay,
  placeServices,
  writePlacementInPlace,
} from './placement/index.js';
export {
  buildCheckReport,
  buildEstateReport,
  type CheckReport,
  checkJunitSuites,
  compareEvaluations,
  compareReports,
  type EstateReport,
  gamedayJunit,
  gamedayReport,
  type JunitSuite,
  type LatencyComparison,
  loadPageAssets,
  matrixCsv,
  type PageAssets,
  type PlacementReport,
  placementReport,
  type ReportComparison,
  renderCalibration,
  renderCells,
  renderCheckReport,
  renderComparison,
  renderDeps,
  renderEstateReport,
  renderGameday,
  renderHtmlPage,
  renderJunit,
  renderLint,
  renderMatrix,
  renderPhysicalLatency,
  renderPlacement,
  renderRequests,
  renderSimulation,
  renderTrace,
  simulationCsv,
  toJson,
} from './report/index.js';
export {
  chainModel,
  compileSimulation,
  erlangC,
  loadScenario,
  mg1MeanWait,
  mmcMeanWait,
  type Scenario,
  type SimModel,
  type SimRun,
  type Simulation,
  simulateModel,
  simulateScenario,
} from './sim/index.js';
