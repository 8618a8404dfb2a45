/**
 * Footprint's public library API: the same functions the CLI calls.
 *
 * @example
 * import { loadEstate, physicalLatency } from 'footprint';
 * const estate = loadEstate('examples/ticketmaster-phoenix/estate.yaml');
 * physicalLatency(estate, 'phx-dc', 'us-west-2-phx-2a').rttMs; // ≈ 1.2
 */
export * from './app/index.js';
export * from './catalog/index.js';
export * from './errors.js';
export * from './geo/index.js';
export {
  type AwsImport,
  type AwsImportOptions,
  type ImportReport,
  importAws,
  type SnapshotFile,
} from './import/index.js';
export * from './latency/index.js';
export * from './model/index.js';
export * from './network/spec/cidr.js';
export type * from './network/spec/network.js';
export * from './placement/index.js';
export { buildCheckReport, type CheckReport, checkJunitSuites, renderCheckReport } from './report/check.js';
export { buildEstateReport, type EstateReport, renderEstateReport } from './report/estate.js';
export { roundForOutput, toJson } from './report/format.js';
export { escapeXml, type JunitCase, type JunitSuite, renderJunit } from './report/junit.js';
export { type PlacementReport, placementReport, renderPlacement } from './report/placement.js';
export {
  compareEvaluations,
  type LatencyComparison,
  renderComparison,
  renderRequests,
} from './report/requests.js';
export * from './suggest.js';
