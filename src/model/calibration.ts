/**
 * An estate's latency calibration: a JSON file that `footprint calibrate` writes from the estate's
 * own pings, named by the estate's `calibration:` key (a path relative to the file that names it).
 * Its class parameters replace the defaults, class by class, key by key.
 */
import { dirname, isAbsolute, join } from 'node:path';
import { z } from 'zod';
import {
  DEFAULT_LATENCY_PARAMETERS,
  type LatencyParameters,
  LINK_CLASSES,
  type LinkClass,
  type LinkClassParameters,
} from '../catalog/index.js';
import { FootprintError } from '../errors.js';
import { CALIBRATION_FORMAT } from './calibration-format.js';
import { allowedRoots, isConfined, readNamedFile } from './files.js';
import { looksLikeYamlOrJson, parseLayer, type ReadFile } from './load.js';
import { EstateSource } from './source.js';
import { validateAgainst } from './validate.js';

export { CALIBRATION_FORMAT };

const inflation = z.number().min(1).describe('path length over great-circle length, at least 1');
const ms = z.number().min(0).describe('milliseconds, at least 0');

const simpleClass = z
  .strictObject({ inflation: inflation.optional(), hopMs: ms.optional() })
  .describe('parameters of a link class: { inflation, hopMs }');
const routedClass = z
  .strictObject({
    inflation: inflation.optional().describe('terrestrial routes'),
    seaInflation: inflation.optional().describe('submarine cables'),
    accessInflation: inflation.optional().describe('from a place to its hub'),
    hopMs: ms.optional(),
    hubMs: ms.optional(),
  })
  .describe('parameters of a routed class: { inflation, seaInflation, accessInflation, hopMs, hubMs }');

const errorSummary = z.strictObject({
  pairs: z.number().int().min(0),
  medianError: z.number().min(0),
  p90Error: z.number().min(0),
});

export const calibrationSchema = z
  .strictObject({
    $schema: z.string().optional(),
    footprintCalibration: z.literal(CALIBRATION_FORMAT).describe('the calibration format version: 1'),
    source: z.string().optional().describe('the pings file it was fitted to'),
    pings: z.number().int().min(0).optional(),
    overheadMs: ms.optional().describe('the measurement overhead taken off every ping'),
    error: z
      .strictObject({
        before: errorSummary,
        after: errorSummary,
        afterLeaveOneOut: errorSummary.optional(),
      })
      .optional()
      .describe('relative error of the model on the pings, before and after the fit'),
    classes: z
      .strictObject(
        Object.fromEntries(
          LINK_CLASSES.map((c) => [
            c,
            (c === 'backbone' || c === 'internet' ? routedClass : simpleClass).optional(),
          ]),
        ) as Record<LinkClass, z.ZodOptional<typeof routedClass>>,
      )
      .describe(`fitted parameters by link class (${LINK_CLASSES.join(', ')})`),
  })
  .describe('a Footprint latency calibration, written by `footprint calibrate`');

export type CalibrationFile = z.infer<typeof calibrationSchema>;

/**
 * The parameters a calibration gives: the defaults (or `base`), with each class's fitted values
 * in place.
 * @example applyCalibration({ footprintCalibration: 1, classes: { wan: { inflation: 1.7 } } }).classes.wan.inflation // 1.7
 */
export function applyCalibration(
  calibration: CalibrationFile,
  base: LatencyParameters = DEFAULT_LATENCY_PARAMETERS,
  file = 'calibration',
): LatencyParameters {
  const classes: Record<string, LinkClassParameters> = { ...base.classes };
  for (const cls of LINK_CLASSES) {
    const fitted = calibration.classes[cls];
    if (fitted) classes[cls] = { ...(base.classes[cls] as LinkClassParameters), ...fitted };
  }
  return {
    ...base,
    source: `${base.source}; calibrated by ${file}`,
    classes: classes as unknown as LatencyParameters['classes'],
  };
}

/**
 * Reads and validates the calibration file an estate names, relative to the estate file that
 * names it. Errors are located in the calibration file, or at the estate's `calibration:` key when
 * the file cannot be read.
 */
export function loadCalibration(ref: string, source: EstateSource, readFile: ReadFile): LatencyParameters {
  const declared = source.locate(['calibration']);
  const from = declared?.file ?? source.files[0] ?? '.';
  const path = isAbsolute(ref) ? ref : join(dirname(from), ref);
  const text = readNamedFile(
    path,
    readFile,
    isConfined(readFile) ? allowedRoots(source.files[0] ?? from) : undefined,
    ({ message, ...extra }) => source.diagnostic(['calibration'], 'FP_FILE_NOT_FOUND', message, extra),
  );
  if (text === undefined) {
    throw new FootprintError(
      source.diagnostic(['calibration'], 'FP_FILE_NOT_FOUND', `cannot read calibration file '${path}'`, {
        expected: 'a file written by `footprint calibrate`, relative to this estate file',
        suggestion: 'run `footprint calibrate PINGS.csv --estate FILE` to write one',
      }),
    );
  }
  const { layer, value } = parseLayer(path, text, looksLikeYamlOrJson(path));
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new FootprintError(
      source.diagnostic(
        ['calibration'],
        'FP_FILE_NOT_FOUND',
        `'${path}' is not a calibration file: it holds no JSON object`,
        { expected: 'a file written by `footprint calibrate`' },
      ),
    );
  const shape = validateAgainst(calibrationSchema, value, new EstateSource([layer]));
  if (!shape.ok) throw new FootprintError(shape.diagnostics);
  return applyCalibration(shape.value, DEFAULT_LATENCY_PARAMETERS, path);
}
