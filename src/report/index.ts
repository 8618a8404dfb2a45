/**
 * Reports: the data a command shows (the estate report, the check report, the placement report)
 * and its renderers: terminal text, CSV, JUnit XML, and the self-contained HTML page.
 */
export { renderCalibration } from './calibration.js';
export { renderCells } from './cells.js';
export {
  buildCheckReport,
  type CheckedBudget,
  type CheckReport,
  checkJunitSuites,
  renderCheckReport,
} from './check.js';
export {
  type ComparedBudget,
  type ComparedBudgetSide,
  type ComparedExpectation,
  type ComparedFinding,
  compareReports,
  type ReportComparison,
} from './compare.js';
export {
  type ComparedMove,
  type ComparisonPagePart,
  type ComparisonPageReport,
  comparisonPageReport,
} from './compare-page.js';
export { renderComparisonReport } from './compare-text.js';
export { renderDeps } from './deps.js';
export {
  buildEstateReport,
  type CheckedExpectation,
  checkAllExpectations,
  type EstateReport,
  estatePlaces,
  type ReportExpectation,
  type ReportLink,
  type ReportPathStep,
  type ReportPlace,
  type ReportTrace,
  type ReportTraceHop,
  type ReportUsers,
  summarisePath,
  summariseTrace,
} from './estate.js';
export { renderEstateReport } from './estate-text.js';
export { type Align, type Column, counted, km, ms, roundForOutput, textTable, toJson } from './format.js';
export {
  type GamedayDesignReport,
  type GamedayReport,
  gamedayJunit,
  gamedayReport,
  renderGameday,
  renderGamedays,
} from './gameday.js';
export { type HtmlPageOptions, type PageAssets, renderHtmlPage } from './html.js';
export { escapeXml, type JunitCase, type JunitOptions, type JunitSuite, renderJunit } from './junit.js';
export { matrixCsv, renderMatrix, renderPhysicalLatency } from './latency.js';
export { renderLint } from './lint.js';
export { loadPageAssets } from './page-assets.js';
export { type PlacementReport, placementReport, renderPlacement } from './placement.js';
export {
  compareEvaluations,
  type LatencyComparison,
  type RenderRequestsOptions,
  renderComparison,
  renderRequests,
} from './requests.js';
export { renderSimulation, simulationCsv } from './simulation.js';
export { renderTrace } from './trace.js';
export {
  type DiagramNodeRole,
  type TraceDiagram,
  type TraceDiagramEdge,
  type TraceDiagramLocation,
  type TraceDiagramNode,
  traceDiagram,
} from './trace-diagram.js';
