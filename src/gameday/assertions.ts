/**
 * A game day's assertions, resolved against its scenario: the faults they name exist, windows fit
 * the run, requests and metros are the scenario's, each assertion checks one thing. What each
 * measures on a run: evaluate.ts.
 */
import type { Diagnostic } from '../errors.js';
import { type DataPath, durationSeconds, type EstateSource, formatDuration } from '../model/index.js';
import type { Scenario } from '../sim/index.js';
import { didYouMean } from '../suggest.js';
import type { AssertionInput, WindowInput } from './schema.js';

export interface AssertionWindow {
  readonly fromS: number;
  /** +Infinity: to the end of the run. */
  readonly toS: number;
  readonly label: string;
  /** Set when the window is exactly fault N (0-based) in force: its launches are counted exactly. */
  readonly fault?: number;
}

export interface CountBound {
  readonly min?: number;
  readonly max?: number;
}

export type AssertionCheck =
  | {
      readonly kind: 'requests';
      readonly availability?: number;
      readonly p99S?: number;
      readonly request?: string;
      readonly metro?: string;
    }
  | { readonly kind: 'detected' | 'recovered'; readonly fault: number; readonly withinS: number }
  | {
      readonly kind: 'pool';
      readonly pool: string;
      readonly launches?: CountBound;
      readonly launchFailures?: CountBound;
      readonly instances?: CountBound;
    };

export interface GamedayAssertion {
  readonly name: string;
  readonly design?: string;
  readonly window: AssertionWindow;
  readonly check: AssertionCheck;
  readonly path: DataPath;
}

type Report = (
  path: DataPath,
  code: Diagnostic['code'],
  message: string,
  extra?: Partial<Diagnostic>,
) => void;

/** Resolves the assertions; problems are located at the assertion. */
export function resolveAssertions(
  inputs: readonly AssertionInput[],
  scenario: Scenario,
  source: EstateSource,
): { assertions: GamedayAssertion[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const report: Report = (path, code, message, extra = {}) => {
    const { expected, suggestion } = extra;
    diagnostics.push(
      source.diagnostic(path, code, message, {
        ...(expected ? { expected } : {}),
        ...(suggestion ? { suggestion } : {}),
      }),
    );
  };
  const assertions: GamedayAssertion[] = [];
  inputs.forEach((input, i) => {
    const path: DataPath = ['assertions', i];
    const check = resolveCheck(input, path, scenario, report);
    const window = resolveWindow(input.during, [...path, 'during'], scenario, report);
    if (input.design !== undefined && !scenario.designs.some((d) => d.id === input.design)) {
      const ids = scenario.designs.map((d) => d.id);
      const suggestion = didYouMean(input.design, ids);
      report([...path, 'design'], 'FP_UNKNOWN_ELEMENT', `no design '${input.design}'`, {
        expected: `one of: ${ids.join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
    if (!check || !window) return;
    assertions.push({
      name: input.name ?? describeCheck(check, window),
      ...(input.design !== undefined ? { design: input.design } : {}),
      window,
      check,
      path,
    });
  });
  return { assertions, diagnostics };
}

const REQUEST_KEYS = ['availability', 'p99'] as const;
const POOL_KEYS = ['launches', 'launchFailures', 'instances'] as const;

/** The one thing an assertion checks, from its keys. */
function resolveCheck(
  input: AssertionInput,
  path: DataPath,
  scenario: Scenario,
  report: Report,
): AssertionCheck | undefined {
  const subjects = [
    ...(REQUEST_KEYS.some((k) => input[k] !== undefined) ? ['availability/p99'] : []),
    ...(input.detected ? ['detected'] : []),
    ...(input.recovered ? ['recovered'] : []),
    ...(input.pool !== undefined || POOL_KEYS.some((k) => input[k] !== undefined) ? ['pool'] : []),
  ];
  if (subjects.length !== 1) {
    report(
      path,
      'FP_INVALID_VALUE',
      subjects.length
        ? `an assertion checks one thing, not ${subjects.join(' and ')}`
        : 'the assertion checks nothing',
      {
        expected:
          '{ availability, p99 }, { detected: { fault, within } }, { recovered: { fault, within } } or { pool, launches | launchFailures | instances }',
        suggestion: 'split it into one assertion per thing checked',
      },
    );
    return undefined;
  }
  if (input.detected || input.recovered) {
    const kind = input.detected ? 'detected' : 'recovered';
    const spec = (input.detected ?? input.recovered) as { fault: number; within: string | number };
    if (!faultExists(spec.fault, [...path, kind, 'fault'], scenario, report)) return undefined;
    const withinS = durationSeconds(spec.within);
    if (kind === 'recovered' && !Number.isFinite(scenario.faults[spec.fault - 1]?.endS ?? 0))
      report(
        [...path, kind, 'fault'],
        'FP_INVALID_VALUE',
        `fault ${spec.fault} never ends: nothing recovers from it`,
        {
          expected: 'a fault with `for`',
        },
      );
    return { kind, fault: spec.fault - 1, withinS };
  }
  if (subjects[0] === 'pool') return resolvePoolCheck(input, path, report);
  return resolveRequestCheck(input, path, scenario, report);
}

function resolvePoolCheck(input: AssertionInput, path: DataPath, report: Report): AssertionCheck | undefined {
  if (input.pool === undefined || !POOL_KEYS.some((k) => input[k] !== undefined)) {
    report(
      path,
      'FP_INVALID_VALUE',
      input.pool === undefined ? 'which pool?' : `what of pool '${input.pool}'?`,
      {
        expected: '{ pool: service@place, launches | launchFailures | instances: { min, max } }',
      },
    );
    return undefined;
  }
  for (const key of POOL_KEYS) {
    const bound = input[key];
    if (bound && bound.min === undefined && bound.max === undefined)
      report([...path, key], 'FP_INVALID_VALUE', `the bound on ${key} is empty`, {
        expected: '{ min }, { max } or both',
      });
    if (bound?.min !== undefined && bound.max !== undefined && bound.min > bound.max)
      report([...path, key], 'FP_INVALID_VALUE', `min ${bound.min} is over max ${bound.max}`, {
        expected: 'min <= max',
      });
  }
  return {
    kind: 'pool',
    pool: input.pool,
    ...(input.launches ? { launches: input.launches } : {}),
    ...(input.launchFailures ? { launchFailures: input.launchFailures } : {}),
    ...(input.instances ? { instances: input.instances } : {}),
  };
}

function resolveRequestCheck(
  input: AssertionInput,
  path: DataPath,
  scenario: Scenario,
  report: Report,
): AssertionCheck | undefined {
  const requests = scenario.demand.map((d) => d.request);
  if (input.request !== undefined && !requests.includes(input.request)) {
    const suggestion = didYouMean(input.request, requests);
    report([...path, 'request'], 'FP_UNKNOWN_REQUEST', `the scenario has no demand for '${input.request}'`, {
      expected: `one of: ${requests.join(', ')}`,
      ...(suggestion ? { suggestion } : {}),
    });
  }
  const metro = input.metro === undefined ? undefined : normaliseMetro(input.metro);
  if (metro !== undefined) {
    const metros = [...new Set(scenario.designs.flatMap((d) => d.estate.users.map((u) => u.metro.id)))];
    if (!metros.includes(metro as `metro:${string}`)) {
      const suggestion = didYouMean(metro, metros);
      report([...path, 'metro'], 'FP_UNKNOWN_PLACE', `no design has users in '${input.metro}'`, {
        expected: `one of: ${metros.join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      });
    }
  }
  const availability = input.availability === undefined ? undefined : percentOf(input.availability);
  return {
    kind: 'requests',
    ...(availability !== undefined ? { availability } : {}),
    ...(input.p99 !== undefined ? { p99S: durationSeconds(input.p99) } : {}),
    ...(input.request !== undefined ? { request: input.request } : {}),
    ...(metro !== undefined ? { metro } : {}),
  };
}

function faultExists(n: number, path: DataPath, scenario: Scenario, report: Report): boolean {
  if (n <= scenario.faults.length) return true;
  report(path, 'FP_INVALID_VALUE', `there is no fault ${n}: the game day has ${scenario.faults.length}`, {
    expected:
      scenario.faults.length > 1
        ? `1 to ${scenario.faults.length} (in the order of \`faults\`)`
        : scenario.faults.length === 1
          ? '1, the only fault'
          : 'a fault under `faults`',
  });
  return false;
}

/** The window of an assertion, in seconds of the run. */
function resolveWindow(
  input: WindowInput | undefined,
  path: DataPath,
  scenario: Scenario,
  report: Report,
): AssertionWindow | undefined {
  if (!input) return { fromS: 0, toS: Number.POSITIVE_INFINITY, label: 'the whole run' };
  if (input.fault !== undefined) {
    if (input.from !== undefined || input.to !== undefined) {
      report(path, 'FP_INVALID_VALUE', 'a window is a fault or from/to, not both', {
        expected: '{ fault: N }, { fault: N, after: 10m } or { from, to }',
      });
      return undefined;
    }
    if (!faultExists(input.fault, [...path, 'fault'], scenario, report)) return undefined;
    const fault = scenario.faults[input.fault - 1];
    if (!fault) return undefined;
    if (input.after === undefined)
      return {
        fromS: fault.startS,
        toS: fault.endS,
        label: `while fault ${input.fault} is in force`,
        fault: input.fault - 1,
      };
    if (!Number.isFinite(fault.endS) || fault.endS === fault.startS) {
      report(
        [...path, 'after'],
        'FP_INVALID_VALUE',
        `fault ${input.fault} never ends: nothing comes after it`,
        {
          expected: 'a fault with `for`',
        },
      );
      return undefined;
    }
    const afterS = durationSeconds(input.after);
    return {
      fromS: fault.endS,
      toS: fault.endS + afterS,
      label: `in the ${formatDuration(afterS)} after fault ${input.fault} ends`,
    };
  }
  if (input.from === undefined || input.to === undefined || input.after !== undefined) {
    report(path, 'FP_INVALID_VALUE', 'an explicit window needs `from` and `to` (and no `after`)', {
      expected: '{ from: 5m, to: 15m }',
    });
    return undefined;
  }
  const fromS = durationSeconds(input.from);
  const toS = durationSeconds(input.to);
  if (!(fromS < toS) || fromS >= scenario.durationS) {
    report(path, 'FP_INVALID_VALUE', `the window ${input.from} to ${input.to} is empty or after the run`, {
      expected: `from < to, from before ${formatDuration(scenario.durationS)}`,
    });
    return undefined;
  }
  return { fromS, toS, label: `from ${formatDuration(fromS)} to ${formatDuration(toS)}` };
}

function normaliseMetro(metro: string): string {
  return metro.startsWith('metro:') ? metro : `metro:${metro}`;
}

function percentOf(value: number | string): number {
  return typeof value === 'number' ? value : Number(value.replace('%', '').trim());
}

function describeCheck(check: AssertionCheck, window: AssertionWindow): string {
  if (check.kind === 'detected' || check.kind === 'recovered')
    return `fault ${check.fault + 1} ${check.kind} within ${formatDuration(check.withinS)}`;
  if (check.kind === 'pool') {
    const parts = POOL_KEYS.flatMap((k) => {
      const b = check[k];
      return b ? [`${k} ${boundText(b)}`] : [];
    });
    return `${check.pool}: ${parts.join(', ')} ${window.label}`;
  }
  if (check.kind !== 'requests') return '';
  const who = [check.request ?? 'every request', ...(check.metro ? [`in ${check.metro}`] : [])].join(' ');
  const parts = [
    ...(check.availability !== undefined ? [`availability >= ${check.availability} %`] : []),
    ...(check.p99S !== undefined ? [`p99 <= ${Math.round(check.p99S * 1e4) / 10} ms`] : []),
  ];
  return `${who}: ${parts.join(', ')} ${window.label}`;
}

/** A count's bounds as text: `= 3`, `1-4`, `>= 1`, `<= 0`. */
export function boundText(b: CountBound): string {
  if (b.min !== undefined && b.max !== undefined) return b.min === b.max ? `= ${b.min}` : `${b.min}-${b.max}`;
  return b.min !== undefined ? `>= ${b.min}` : `<= ${b.max}`;
}
