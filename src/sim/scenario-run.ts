/**
 * Resolving what a scenario runs (a phase of scenario.ts): the run's duration and interval, each
 * design's estate (loaded, its errors located in its own file), the demand per request as rate
 * profiles with the run's size bounded, and the scheduled actions on pools.
 */

import { type Diagnostic, FootprintError } from '../errors.js';
import {
  confined,
  type DataPath,
  durationSeconds,
  isConfined,
  loadEstate,
  OUTSIDE_SUGGESTION,
} from '../model/index.js';
import { didYouMean } from '../suggest.js';
import { niceInterval, rateProfile } from './demand.js';
import type { Resolution, ScenarioAction, ScenarioDemand, ScenarioDesign } from './scenario.js';

/** The longest run: a week of simulated time. */
export const MAX_SCENARIO_S = 7 * 86_400;
/** The most intervals a time series holds. */
export const MAX_INTERVALS = 10_000;
/** The most requests a run may generate. */
export const MAX_REQUESTS = 500_000_000;

/** The run's duration and interval, and that it names an estate or designs (not both). */
export function resolveTimes({ input, report }: Resolution): { durationS: number; intervalS: number } {
  const durationS = durationSeconds(input.duration);
  if (!(durationS > 0) || durationS > MAX_SCENARIO_S)
    report(['duration'], 'FP_INVALID_VALUE', `a run of ${input.duration} is out of range`, {
      expected: 'more than 0 and at most 7d',
    });
  const intervalS = input.interval !== undefined ? durationSeconds(input.interval) : niceInterval(durationS);
  if (!(intervalS > 0) || intervalS > durationS || durationS / intervalS > MAX_INTERVALS)
    report(
      ['interval'],
      'FP_INVALID_VALUE',
      `an interval of ${input.interval} does not fit a run of ${input.duration}`,
      {
        expected: `more than 0, at most the duration, and at most ${MAX_INTERVALS} intervals`,
      },
    );
  if ((input.estate === undefined) === (input.designs === undefined))
    report(
      [input.estate !== undefined ? 'designs' : 'estate'],
      'FP_INVALID_VALUE',
      input.estate !== undefined
        ? "give either 'estate' or 'designs', not both"
        : 'the scenario names no estate',
      { expected: "'estate: file.yaml', or 'designs: { id: { estate: file.yaml } }' to compare several" },
    );
  return { durationS, intervalS };
}

/** Each design's estate, loaded; their own errors stay located in their files. */
export function resolveDesigns({
  input,
  report,
  relative,
  readFile,
  diagnostics,
  outside,
}: Resolution): ScenarioDesign[] {
  const inputs: { id: string; name: string; estate: string; path: DataPath }[] = input.designs
    ? Object.entries(input.designs).map(([id, d]) => ({
        id,
        name: d.name ?? id,
        estate: d.estate,
        path: ['designs', id, 'estate'],
      }))
    : [{ id: 'estate', name: input.name, estate: input.estate ?? '', path: ['estate'] }];
  if (inputs.length === 0)
    report(['designs'], 'FP_INVALID_VALUE', 'no design to run', { expected: 'at least one design' });
  const designs: ScenarioDesign[] = [];
  const estateErrors: Diagnostic[] = [];
  for (const design of inputs) {
    const path = relative(design.estate);
    const refused = outside(path);
    if (refused) {
      report(design.path, 'FP_FILE_NOT_FOUND', refused, { suggestion: OUTSIDE_SUGGESTION });
      continue;
    }
    const text = readFile(path);
    if (text === undefined) {
      report(design.path, 'FP_FILE_NOT_FOUND', `cannot read estate file '${design.estate}'`, {
        expected: 'an estate file, relative to the scenario',
      });
      continue;
    }
    // The estate's own file is read once; what it extends, through the same (confined) reader.
    const once = (file: string) => (file === path ? text : readFile(file));
    const reader = isConfined(readFile) ? confined(once) : once;
    try {
      designs.push({ id: design.id, name: design.name, file: path, estate: loadEstate(path, reader) });
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      // Designs that extend one base share its errors: each once.
      const seen = new Set(estateErrors.map(diagnosticKey));
      estateErrors.push(...error.diagnostics.filter((d) => !seen.has(diagnosticKey(d))));
    }
  }
  if (estateErrors.length > 0) throw new FootprintError([...diagnostics, ...estateErrors]);
  return designs;
}

function diagnosticKey(d: Diagnostic): string {
  return `${d.code} ${d.location?.file}:${d.location?.line}:${d.location?.col} ${d.message}`;
}

/** Demand per request: a known request in every design, once, its rate as a profile; the run's size bounded. */
export function resolveDemand(
  r: Resolution,
  designs: readonly ScenarioDesign[],
  durationS: number,
): ScenarioDemand[] {
  const { input, report } = r;
  const demand: ScenarioDemand[] = [];
  const seen = new Set<string>();
  let requests = 0;
  input.demand.forEach((d, i) => {
    const path: DataPath = ['demand', i];
    if (seen.has(d.request)) {
      report([...path, 'request'], 'FP_DUPLICATE_ID', `request '${d.request}' has demand twice`, {
        suggestion: 'give each request one demand entry (a csv rate can shape any curve)',
      });
      return;
    }
    seen.add(d.request);
    const missing = designs.find((design) => !design.estate.requests.some((q) => q.id === d.request));
    if (missing) {
      const known = missing.estate.requests.map((q) => q.id);
      const suggestion = didYouMean(d.request, known);
      report(
        [...path, 'request'],
        'FP_UNKNOWN_REQUEST',
        `unknown request '${d.request}' in ${missing.file}`,
        {
          ...(suggestion ? { suggestion } : {}),
          expected: known.length
            ? `a request of the estate: ${known.join(', ')}`
            : 'a request under `requests:` in the estate',
        },
      );
      return;
    }
    const profile = rateProfile(
      d.rate,
      durationS,
      [...path, 'rate'],
      r.relative,
      r.readFile,
      report,
      r.outside,
    );
    if (!profile) return;
    requests += profile.rates.reduce((sum, rate) => sum + rate, 0) * profile.stepS;
    demand.push({
      request: d.request,
      profile,
      ...(d.metros ? { metros: new Map(Object.entries(d.metros)) } : {}),
      sessionRequests: d.sessions?.requests ?? 1,
      thinkS: d.sessions ? durationSeconds(d.sessions.think) : 0,
      path,
    });
  });
  if (requests > MAX_REQUESTS)
    report(
      ['demand'],
      'FP_INVALID_VALUE',
      `the demand adds up to ${Math.round(requests).toLocaleString('en-US')} requests`,
      {
        expected: `at most ${MAX_REQUESTS.toLocaleString('en-US')} requests in a run`,
        suggestion: 'shorten the duration or lower the rates; a shorter run at the peak says as much',
      },
    );
  return demand;
}

/** Scheduled actions: each names a pool or a service, changes something, within the run. */
export function resolveActions({ input, report }: Resolution, durationS: number): ScenarioAction[] {
  const actions: ScenarioAction[] = (input.actions ?? []).map((a, i) => ({
    atS: durationSeconds(a.at),
    ...(a.pool !== undefined ? { pool: a.pool } : {}),
    ...(a.service !== undefined ? { service: a.service } : {}),
    ...(a.min !== undefined ? { min: a.min } : {}),
    ...(a.desired !== undefined ? { desired: a.desired } : {}),
    ...(a.max !== undefined ? { max: a.max } : {}),
    path: ['actions', i],
  }));
  for (const a of actions) {
    if ((a.pool === undefined) === (a.service === undefined))
      report(a.path, 'FP_INVALID_VALUE', "an action names either a 'pool' or a 'service'", {
        expected: '{ at, pool: service@place, ... } or { at, service, ... }',
      });
    if (a.min === undefined && a.desired === undefined && a.max === undefined)
      report(a.path, 'FP_INVALID_VALUE', 'the action changes nothing', { expected: 'min, desired or max' });
    if (a.atS > durationS)
      report([...a.path, 'at'], 'FP_INVALID_VALUE', 'the action comes after the run ends', {
        expected: `at most ${input.duration}`,
      });
  }
  return actions;
}
