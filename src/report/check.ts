/**
 * The checks CI runs (`footprint check`): every latency budget for every metro it covers, and every
 * expected RTT (physical, or routed through the route tables). Plain data, a text rendering, and JUnit suites (one test case per check).
 */
import {
  type BudgetCheck,
  type CriticalStep,
  checkBudgets,
  type EvaluateOptions,
  evaluateRequests,
} from '../app/index.js';
import type { ExpectationResult, LatencyOptions } from '../latency/index.js';
import type { Estate } from '../model/index.js';
import { checkAllExpectations } from './estate.js';
import { ms } from './format.js';
import type { JunitSuite } from './junit.js';

/** A budget checked, with what the evaluation measured (the full latency is in `evaluate`). */
export interface CheckedBudget extends Omit<BudgetCheck, 'latency'> {
  readonly measured: { readonly meanMs: number; readonly p50Ms: number; readonly p99Ms: number };
  readonly criticalPath: readonly CriticalStep[];
}

/** What `footprint check` checks: every budget for every metro it covers, and every expected RTT. */
export interface CheckReport {
  readonly estate: { readonly name: string; readonly files: readonly string[] };
  readonly ok: boolean;
  readonly seed: number;
  readonly samples: number;
  readonly budgets: readonly CheckedBudget[];
  readonly expectations: readonly ExpectationResult[];
}

/**
 * Evaluates and checks an estate's budgets and expectations.
 * @example
 * const report = buildCheckReport(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
 * report.ok // false: the event page breaks its p99 budget from us-west-2
 */
export function buildCheckReport(
  estate: Estate,
  options: EvaluateOptions & LatencyOptions = {},
): CheckReport {
  const evaluation = evaluateRequests(estate, options);
  const budgets = checkBudgets(estate, evaluation).map(checkedBudget);
  const expectations = checkAllExpectations(
    estate,
    options.parameters ? { parameters: options.parameters } : {},
  ).map((c) => c.result);
  return {
    estate: { name: estate.name, files: estate.files },
    ok: budgets.every((b) => b.ok) && expectations.every((e) => e.ok),
    seed: evaluation.seed,
    samples: evaluation.samples,
    budgets,
    expectations,
  };
}

function checkedBudget(c: BudgetCheck): CheckedBudget {
  return {
    request: c.request,
    metro: c.metro,
    ...(c.p50Ms !== undefined ? { p50Ms: c.p50Ms } : {}),
    ...(c.p99Ms !== undefined ? { p99Ms: c.p99Ms } : {}),
    ...(c.note !== undefined ? { note: c.note } : {}),
    ...(c.location !== undefined ? { location: c.location } : {}),
    ok: c.ok,
    failures: c.failures,
    measured: { meanMs: c.latency.meanMs, p50Ms: c.latency.p50Ms, p99Ms: c.latency.p99Ms },
    criticalPath: c.latency.criticalPath,
  };
}

/** `event-page from metro:phoenix: p99 <= 100 ms` */
export function budgetName(b: Pick<CheckedBudget, 'request' | 'metro' | 'p50Ms' | 'p99Ms'>): string {
  const bounds = [
    ...(b.p50Ms !== undefined ? [`p50 <= ${b.p50Ms} ms`] : []),
    ...(b.p99Ms !== undefined ? [`p99 <= ${b.p99Ms} ms`] : []),
  ];
  return `${b.request} from ${b.metro}: ${bounds.join(', ')}`;
}

function expectationName(e: ExpectationResult): string {
  const range =
    e.minMs !== undefined && e.maxMs !== undefined
      ? `${e.minMs}-${e.maxMs} ms`
      : e.maxMs !== undefined
        ? `<= ${e.maxMs} ms`
        : `>= ${e.minMs} ms`;
  return `${e.from} -> ${e.to}: RTT ${range}`;
}

/** The critical path in one line: `users -> event-details 42.7 ms (26%), ...`. */
export function summariseCriticalPath(path: readonly CriticalStep[], limit = 4): string {
  const top = [...path].sort((a, b) => b.ms - a.ms).slice(0, limit);
  return top.map((s) => `${s.call} ${ms(s.ms)} ms (${Math.round(s.share * 100)}%)`).join(', ');
}

function measuredLine(b: CheckedBudget): string {
  return `measured p50 ${ms(b.measured.p50Ms)} ms, p99 ${ms(b.measured.p99Ms)} ms (mean ${ms(b.measured.meanMs)} ms)`;
}

/**
 * The text `footprint check` prints.
 * @example console.log(renderCheckReport(buildCheckReport(estate))); // … 'FAILED: some checks do not hold'
 */
export function renderCheckReport(report: CheckReport): string {
  const out = [`footprint check: ${report.estate.name} (${report.estate.files.join(' <- ') || 'in memory'})`];
  if (report.budgets.length === 0 && report.expectations.length === 0) {
    out.push('nothing to check: the estate sets no budgets and no expectations');
    return `${out.join('\n')}\n`;
  }
  if (report.budgets.length > 0) {
    const held = report.budgets.filter((b) => b.ok).length;
    out.push(
      '',
      `Budgets: ${held} of ${report.budgets.length} hold (seed ${report.seed}, ${report.samples.toLocaleString('en-US')} draws)`,
    );
    for (const b of report.budgets) {
      out.push(`  ${b.ok ? 'ok  ' : 'FAIL'}  ${budgetName(b)}${b.location ? `  (${b.location})` : ''}`);
      out.push(`        ${b.ok ? measuredLine(b) : `${b.failures.join('; ')}: ${measuredLine(b)}`}`);
      if (!b.ok) out.push(`        where the milliseconds go: ${summariseCriticalPath(b.criticalPath)}`);
    }
  }
  if (report.expectations.length > 0) {
    const held = report.expectations.filter((e) => e.ok).length;
    out.push('', `Expected figures: ${held} of ${report.expectations.length} hold`);
    for (const e of report.expectations)
      out.push(
        `  ${e.ok ? 'ok  ' : 'FAIL'}  ${expectationName(e)}: ${ms(e.rttMs)} ms${e.note ? `  (${e.note})` : ''}`,
      );
  }
  out.push('', report.ok ? 'ok: every check holds' : 'FAILED: some checks do not hold');
  return `${out.join('\n')}\n`;
}

/**
 * JUnit suites: `budgets` (one case per budget and metro) and `expectations`.
 * @example writeFileSync('budgets.xml', renderJunit(checkJunitSuites(buildCheckReport(estate)), { name: 'footprint check' }));
 */
export function checkJunitSuites(report: CheckReport): JunitSuite[] {
  const suites: JunitSuite[] = [];
  if (report.budgets.length > 0) {
    suites.push({
      name: 'budgets',
      cases: report.budgets.map((b) => ({
        name: budgetName(b),
        classname: `footprint.budgets.${b.request}`,
        output: `${measuredLine(b)}${b.location ? `\nbudget at ${b.location}` : ''}${b.note ? `\n${b.note}` : ''}`,
        ...(b.ok
          ? {}
          : {
              failure: {
                message: b.failures.join('; '),
                type: 'LatencyBudgetExceeded',
                details: [
                  measuredLine(b),
                  'where the milliseconds go (mean, on the critical path):',
                  ...b.criticalPath.map(
                    (s) =>
                      `  ${s.call}  ${s.from} -> ${s.to}  ${ms(s.ms)} ms (${Math.round(s.share * 100)}%)${s.onPath < 1 ? ` on the path in ${Math.round(s.onPath * 100)}% of draws` : ''}`,
                  ),
                ].join('\n'),
              },
            }),
      })),
    });
  }
  if (report.expectations.length > 0) {
    suites.push({
      name: 'expectations',
      cases: report.expectations.map((e) => ({
        name: expectationName(e),
        classname: 'footprint.expectations',
        output: `physical RTT ${ms(e.rttMs)} ms${e.note ? `\n${e.note}` : ''}`,
        ...(e.ok
          ? {}
          : {
              failure: {
                message: `RTT ${ms(e.rttMs)} ms is outside ${expectationName(e).split(': RTT ')[1]}`,
                type: 'ExpectationNotMet',
                details: e.note ?? '',
              },
            }),
      })),
    });
  }
  return suites;
}
