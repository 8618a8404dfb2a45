import { describe, expect, it } from 'vitest';
import { DEFAULT_LATENCY_PARAMETERS } from '../catalog/index.js';
import { FootprintError } from '../errors.js';
import { applyCalibration, loadEstate } from './index.js';

const ESTATE = `name: c
sites:
  a: { kind: datacenter, metro: metro:phoenix }
  b: { kind: datacenter, metro: metro:new-york }
links:
  w: { kind: wan, between: [a, b] }
calibration: ./cal/calibration.json
`;

function load(files: Record<string, string>) {
  return loadEstate('estates/e.yaml', (path) => files[path]);
}

function diagnostics(files: Record<string, string>) {
  try {
    load(files);
  } catch (error) {
    expect(error).toBeInstanceOf(FootprintError);
    return (error as FootprintError).diagnostics;
  }
  throw new Error('expected an error');
}

describe('an estate with a calibration', () => {
  it('reads the file relative to the estate and uses its classes over the defaults', () => {
    const estate = load({
      'estates/e.yaml': ESTATE,
      'estates/cal/calibration.json':
        '{ "footprintCalibration": 1, "classes": { "wan": { "inflation": 1.5 } } }',
    });
    expect(estate.latencyParameters?.classes.wan).toEqual({ inflation: 1.5, hopMs: 1 });
    expect(estate.latencyParameters?.classes.backbone).toEqual(DEFAULT_LATENCY_PARAMETERS.classes.backbone);
  });

  it('says where the estate names a file that is not there', () => {
    const [d] = diagnostics({ 'estates/e.yaml': ESTATE });
    expect(d?.code).toBe('FP_FILE_NOT_FOUND');
    expect(d?.message).toContain('estates/cal/calibration.json');
    expect(d?.location).toMatchObject({ file: 'estates/e.yaml', line: 7 });
  });

  it('locates problems inside the calibration file', () => {
    const found = diagnostics({
      'estates/e.yaml': ESTATE,
      'estates/cal/calibration.json':
        '{\n  "footprintCalibration": 1,\n  "classes": {\n    "wann": { "inflation": 1.5 },\n    "wan": { "inflation": 0.5 }\n  }\n}\n',
    });
    const byLine = [...found].sort((x, y) => (x.location?.line ?? 0) - (y.location?.line ?? 0));
    expect(byLine.map((d) => [d.code, d.location?.file, d.location?.line])).toEqual([
      ['FP_UNKNOWN_KEY', 'estates/cal/calibration.json', 4],
      ['FP_INVALID_VALUE', 'estates/cal/calibration.json', 5],
    ]);
    expect(byLine[0]?.suggestion).toContain("'wan'");
  });

  it('refuses a file of another format version', () => {
    const [d] = diagnostics({
      'estates/e.yaml': ESTATE,
      'estates/cal/calibration.json': '{ "footprintCalibration": 2, "classes": {} }',
    });
    expect(d?.location?.file).toBe('estates/cal/calibration.json');
  });
});

describe('applyCalibration', () => {
  it('replaces only the keys the calibration gives', () => {
    const p = applyCalibration({ footprintCalibration: 1, classes: { internet: { hopMs: 12 } } });
    expect(p.classes.internet).toEqual({ ...DEFAULT_LATENCY_PARAMETERS.classes.internet, hopMs: 12 });
    expect(p.classes.wan).toBe(DEFAULT_LATENCY_PARAMETERS.classes.wan);
  });
});
