/**
 * The estate model: schema, loading with file:line:col errors, resolution into an {@link Estate}.
 */
import { FootprintError } from '../errors.js';
import { loadCalibration } from './calibration.js';
import type { Estate } from './estate.js';
import { confined } from './files.js';
import {
  type LoadedEstate,
  loadEstateData,
  mergePatch,
  parseLayer,
  type ReadFile,
  readFromDisk,
} from './load.js';
import { resolveEstate } from './resolve.js';
import { EstateSource } from './source.js';
import { validateShape } from './validate.js';

export {
  applyCalibration,
  CALIBRATION_FORMAT,
  type CalibrationFile,
  calibrationSchema,
  loadCalibration,
} from './calibration.js';
export type { CapacityPool, ScalingPolicy, ServiceCapacity, SpotPolicy } from './capacity.js';
export {
  BALANCING_POLICIES,
  type BalancingPolicy,
  capacitySchema,
  FIXED_PLATFORMS,
  PLATFORMS,
  type Platform,
} from './capacity-schema.js';
export { type Cell, type CellGroup, type CellRouter, regionOf, resolveCells } from './cells.js';
export {
  DURATION_PATTERN,
  type DurationInput,
  durationSchema,
  durationSeconds,
  formatDuration,
} from './duration.js';
export * from './estate.js';
export {
  allowedRoots,
  checkReadable,
  confined,
  DEFAULT_MAX_FILE_MB,
  isConfined,
  OUTSIDE_SUGGESTION,
  outsideRoots,
} from './files.js';
export * from './front-doors.js';
export {
  CLOUDFRONT_FAILOVER_CODES,
  type FrontDoorInput,
  frontDoorSchema,
  frontDoorsSchema,
  HTTP_METHODS,
  ROUTE53_POLICIES,
} from './front-doors-schema.js';
export {
  HEALTH_CHECK_PROTOCOLS,
  healthChecksSchema,
  ROUTE53_CHECKER_REGIONS,
} from './health-checks-schema.js';
export { PINGS_HEADER, type Ping, parsePings, splitCsvLine } from './pings.js';
export {
  HOSTING_KINDS,
  isGpuFamily,
  NOT_ISO_COUNTRY_CODES,
  type PlacementSubject,
  placementProblems,
} from './placement-rules.js';
export {
  type PlacementSettings,
  PRICED_KINDS,
  type PricedKind,
  placementSettingsSchema,
} from './placement-settings.js';
export {
  findPlace,
  hostPlace,
  localZoneOffering,
  localZoneParent,
  PLACE_EXPECTATION,
  placeholderDiagnostic,
  resolvePlace,
  suggestPlaces,
} from './places.js';
export { resolveEstate } from './resolve.js';
export { calledServices } from './resolve-dependencies.js';
export { MAX_CALLS_PER_REQUEST } from './resolve-requests.js';
export { DEFAULT_PROMOTION_S } from './resolve-state.js';
export { type EstateInput, estateJsonSchema, estateSchema } from './schema.js';
export * from './services.js';
export { codeFrame, type DataPath, EstateSource } from './source.js';
export { catalogAsOf, staleOfferings } from './stale-offerings.js';
export { replicationSchema, SESSION_STORES, sessionsSchema } from './state-schema.js';
export { formatPath, validateAgainst } from './validate.js';
export { mergePatch, parseLayer, type ReadFile, readFromDisk };

/**
 * Loads, validates and resolves an estate file (and the files it `extends`).
 * Throws a {@link FootprintError} listing every problem, each with file:line:col.
 * @example const estate = loadEstate('examples/ticketmaster-phoenix/estate.yaml');
 */
export function loadEstate(file: string, readFile: ReadFile = readFromDisk): Estate {
  return estateFromLoaded(loadEstateData(file, readFile), readFile);
}

/**
 * Parses an estate from text (for tests and editors). `extends` is read through `readFile`.
 * @example parseEstate('name: demo\n', 'demo.yaml').name // 'demo'
 */
export function parseEstate(text: string, file = 'estate.yaml', readFile?: ReadFile): Estate {
  if (readFile) {
    const read: ReadFile = (path) => (path === file ? text : readFile(path));
    return loadEstate(file, read);
  }
  const { value, layer } = parseLayer(file, text);
  if (value && typeof value === 'object' && 'extends' in value) {
    return loadEstate(
      file,
      confined((path: string) => (path === file ? text : readFromDisk(path))),
    );
  }
  return estateFromLoaded({ data: value, source: new EstateSource([layer]) }, readFromDisk);
}

/**
 * A variant of an estate: its input with a JSON Merge Patch applied, validated and resolved again
 * (positions of unchanged parts still point into the original files). Tools use it to build "the
 * design as the fix would make it". Throws a {@link FootprintError} when the variant is invalid.
 * @example deriveEstate(estate, { network: { subnets: { 'phx-app': { routeTable: 'rtb-2' } } } })
 */
export function deriveEstate(estate: Estate, patch: unknown): Estate {
  if (!estate.input || !estate.source) throw new Error('deriveEstate needs an estate loaded from a file');
  return estateFromLoaded({ data: mergePatch(estate.input, patch), source: estate.source }, readFromDisk);
}

function estateFromLoaded({ data, source }: LoadedEstate, readFile: ReadFile): Estate {
  const shape = validateShape(data, source);
  if (!shape.ok) throw new FootprintError(shape.diagnostics);
  const estate = resolveEstate(shape.value, source);
  if (shape.value.calibration === undefined) return estate;
  return { ...estate, latencyParameters: loadCalibration(shape.value.calibration, source, readFile) };
}
