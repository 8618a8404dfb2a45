/**
 * Calibration on synthetic pings: an estate whose real network is slower than the defaults (a
 * longer DX route, a slower WAN), measured by the model with those true parameters. The fit must
 * find them again and explain the pings far better than the defaults.
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_LATENCY_PARAMETERS, type LatencyParameters } from '../catalog/index.js';
import { loadEstate, type Ping, resolvePlace } from '../model/index.js';
import { calibrate } from './calibrate.js';
import { physicalLatency } from './index.js';

const estate = loadEstate('examples/ticketmaster-phoenix/estate.yaml');
const d = DEFAULT_LATENCY_PARAMETERS.classes;
const truth: LatencyParameters = {
  ...DEFAULT_LATENCY_PARAMETERS,
  classes: {
    ...d,
    'direct-connect': { inflation: 1.9, hopMs: 1.2 },
    wan: { inflation: 2.1, hopMs: 2 },
  },
};
const private_ = { ...estate, sites: estate.sites.map((s) => ({ ...s, internet: false })) };

function pingsBy(parameters: LatencyParameters, pairs: readonly [string, string][]): Ping[] {
  return pairs.map(([a, b], i) => ({
    from: resolvePlace(a, private_),
    to: resolvePlace(b, private_),
    rttMs: physicalLatency(private_, a, b, { parameters }).rttMs,
    file: 'synthetic',
    line: i + 1,
  }));
}

describe('calibrate', () => {
  const pairs: [string, string][] = [
    ['phx-dc', 'dx:ECPH1'],
    ['phx-dc', 'dx:ECPO1'],
    ['iad-dc', 'dx:EqDC2'],
    ['phx-dc', 'iad-dc'],
    ['phx-dc', 'us-west-2'],
    ['iad-dc', 'us-east-1'],
  ];
  const pings = pingsBy(truth, pairs);
  const result = calibrate(private_, pings, { source: 'synthetic' });

  it('finds the true parameters of the classes the pings cross', () => {
    const dx = result.classes.find((c) => c.linkClass === 'direct-connect');
    const wan = result.classes.find((c) => c.linkClass === 'wan');
    expect(dx?.after.inflation).toBeGreaterThan(1.75);
    expect(dx?.after.inflation).toBeLessThan(2.05);
    expect(wan?.after.inflation).toBeGreaterThan(1.95);
    expect(wan?.after.inflation).toBeLessThan(2.25);
    expect(result.classes.map((c) => c.linkClass)).not.toContain('internet');
  });

  it('explains the pings far better than before', () => {
    expect(result.before.medianError).toBeGreaterThan(0.05);
    expect(result.after.medianError).toBeLessThan(0.02);
    expect(result.after.p90Error).toBeLessThan(result.before.p90Error);
    expect(result.afterLeaveOneOut?.pairs).toBe(pings.length);
  });

  it('writes a calibration file that gives back the fitted parameters', () => {
    expect(result.file).toMatchObject({ footprintCalibration: 1, source: 'synthetic', pings: pings.length });
    expect(result.file.classes['direct-connect']?.inflation).toBeCloseTo(
      result.parameters.classes['direct-connect'].inflation,
      3,
    );
    // The backbone carries a little of some paths: informed, but left about where it was.
    const backbone = result.file.classes.backbone;
    if (backbone?.inflation)
      expect(Math.abs(backbone.inflation / d.backbone.inflation - 1)).toBeLessThan(0.1);
  });

  it('is deterministic', () => {
    expect(calibrate(private_, pings, { source: 'synthetic' }).file).toEqual(result.file);
  });

  it('adds the measurement overhead to the model, not to the parameters', () => {
    const withOverhead = pings.map((p) => ({ ...p, rttMs: p.rttMs + 3 }));
    const fitted = calibrate(private_, withOverhead, { overheadMs: 3 });
    expect(fitted.after.medianError).toBeLessThan(0.02);
    expect(fitted.file.overheadMs).toBe(3);
  });
});
