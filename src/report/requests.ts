/**
 * Request latency for people: per request, the p50/p99 per metro against the budgets, where the
 * milliseconds go (the critical path, call by call), and two designs side by side.
 */
import type { CriticalStep, RequestEvaluation, RequestLatency } from '../app/index.js';
import { ms, textTable } from './format.js';

/** `<= 100` or `-`. */
function bound(value: number | null): string {
  return value === null ? '-' : `<= ${value}`;
}

/** `+12.3`, `-4.56`: the sign of `value` before its formatted magnitude. */
function signed(value: number, magnitude: string): string {
  return `${value > 0 ? '+' : value < 0 ? '-' : ''}${magnitude}`;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** The rows of one request, in evaluation order. */
function byRequest(rows: readonly RequestLatency[]): Map<string, RequestLatency[]> {
  const out = new Map<string, RequestLatency[]>();
  for (const row of rows) out.set(row.request, [...(out.get(row.request) ?? []), row]);
  return out;
}

function status(row: RequestLatency): string {
  if (row.budgetMs === null && row.p50BudgetMs === null) return '';
  return row.ok ? 'ok' : 'FAIL';
}

/** The table of p50/p99 per metro for one request. */
export function renderMetroTable(rows: readonly RequestLatency[], indent = '  '): string {
  const p50Budgets = rows.some((r) => r.p50BudgetMs !== null);
  return textTable(
    rows,
    [
      { header: 'users in', value: (r) => r.metro },
      { header: 'share', value: (r) => percent(r.share), align: 'right' },
      { header: 'entry at', value: (r) => r.entry },
      { header: 'p50 ms', value: (r) => ms(r.p50Ms), align: 'right' },
      { header: 'p99 ms', value: (r) => ms(r.p99Ms), align: 'right' },
      ...(p50Budgets ? [{ header: 'p50 budget', value: (r: RequestLatency) => bound(r.p50BudgetMs) }] : []),
      { header: 'p99 budget', value: (r) => bound(r.budgetMs) },
      { header: '', value: status },
    ],
    indent,
  );
}

/** Where the milliseconds go: each call on the critical path and its share of the mean. */
export function renderCriticalPath(row: RequestLatency, indent = '    '): string {
  const detail = (s: CriticalStep) => {
    const notes: string[] = [];
    if (s.roundTrips > 1) notes.push(`${s.roundTrips} round trips`);
    if (s.fanOut > 1) notes.push(`fan-out ${s.fanOut}`);
    if (s.cacheHit) notes.push(`${percent(s.cacheHitRatio)} of calls`);
    else if (s.cacheHitRatio > 0) notes.push(`${percent(1 - s.cacheHitRatio)} of calls miss the cache`);
    return notes.join(', ');
  };
  const table = textTable(
    row.criticalPath,
    [
      { header: 'call', value: (s) => s.call },
      { header: 'from -> to', value: (s) => `${s.from} -> ${s.to}` },
      { header: 'rtt', value: (s) => (s.cacheHit ? '-' : ms(s.rttMs)), align: 'right' },
      { header: 'on path', value: (s) => percent(s.onPath), align: 'right' },
      { header: 'network', value: (s) => ms(s.networkMs), align: 'right' },
      { header: 'payload', value: (s) => ms(s.payloadMs), align: 'right' },
      { header: 'compute', value: (s) => ms(s.computeMs), align: 'right' },
      ...(row.criticalPath.some((s) => s.cacheHit)
        ? [
            {
              header: 'cache',
              value: (s: CriticalStep) => (s.cacheHit ? ms(s.cacheMs) : '-'),
              align: 'right' as const,
            },
          ]
        : []),
      { header: 'total', value: (s) => ms(s.ms), align: 'right' },
      { header: 'share', value: (s) => percent(s.share), align: 'right' },
      { header: '', value: detail },
    ],
    indent,
  );
  return `${indent.slice(2)}where the milliseconds go from ${row.metro} (mean ${ms(row.meanMs)} ms, split by call):\n${table}`;
}

export interface RenderRequestsOptions {
  /** Critical paths of every metro (default), or only of the metro with the most users. */
  readonly paths?: 'all' | 'top';
}

/**
 * Renders an evaluation: per request, the metro table and the critical paths.
 * @example console.log(renderRequests(evaluateRequests(estate), { paths: 'top' }));
 */
export function renderRequests(evaluation: RequestEvaluation, options: RenderRequestsOptions = {}): string {
  const out: string[] = [];
  for (const [id, rows] of byRequest(evaluation.requests)) {
    const first = rows[0] as RequestLatency;
    out.push(`${id}${first.name !== id ? ` (${first.name})` : ''}`);
    out.push(renderMetroTable(rows));
    const shown =
      options.paths === 'top'
        ? [[...rows].sort((a, b) => b.share - a.share || a.metro.localeCompare(b.metro))[0] as RequestLatency]
        : rows;
    for (const row of shown) out.push('', renderCriticalPath(row));
    out.push('');
  }
  return out.join('\n');
}

/** One request and metro in two designs. */
export interface LatencyComparison {
  readonly request: string;
  readonly metro: string;
  /** The design evaluated against (A) and the one evaluated (B); null where a design lacks the request or metro. */
  readonly a: { readonly p50Ms: number; readonly p99Ms: number; readonly ok: boolean } | null;
  readonly b: { readonly p50Ms: number; readonly p99Ms: number; readonly ok: boolean } | null;
  /** B - A; null unless both exist. */
  readonly p50DeltaMs: number | null;
  readonly p99DeltaMs: number | null;
}

/**
 * Pairs the rows of two evaluations by request and metro: `a` is the design evaluated against, `b`
 * the one evaluated.
 * @example
 * const today = evaluateRequests(loadEstate('examples/ticketmaster-phoenix/estate.yaml'));
 * const lz = evaluateRequests(loadEstate('examples/ticketmaster-phoenix/event-page-local-zone.yaml'));
 * compareEvaluations(today, lz).map((row) => row.p99DeltaMs) // from -116 to -136 ms, one per metro
 */
export function compareEvaluations(a: RequestEvaluation, b: RequestEvaluation): LatencyComparison[] {
  const key = (r: RequestLatency) => `${r.request}\u0000${r.metro}`;
  const inA = new Map(a.requests.map((r) => [key(r), r]));
  const inB = new Map(b.requests.map((r) => [key(r), r]));
  const keys = [...new Set([...a.requests.map(key), ...b.requests.map(key)])];
  const figures = (r: RequestLatency | undefined) =>
    r ? { p50Ms: r.p50Ms, p99Ms: r.p99Ms, ok: r.ok } : null;
  return keys.map((k) => {
    const ra = inA.get(k);
    const rb = inB.get(k);
    const [request, metro] = k.split('\u0000') as [string, string];
    return {
      request,
      metro,
      a: figures(ra),
      b: figures(rb),
      p50DeltaMs: ra && rb ? rb.p50Ms - ra.p50Ms : null,
      p99DeltaMs: ra && rb ? rb.p99Ms - ra.p99Ms : null,
    };
  });
}

/** Names of the two designs, for the legend. */
export interface DesignLabel {
  readonly estate: string;
  readonly file: string;
}

/**
 * Two designs side by side: p50/p99 per metro, and where the milliseconds go in each.
 * @example
 * console.log(
 *   renderComparison(today, lz, {
 *     a: { estate: 'ticketmaster-southwest', file: 'estate.yaml' },
 *     b: { estate: 'ticketmaster-southwest-lz', file: 'event-page-local-zone.yaml' },
 *   }),
 * );
 */
export function renderComparison(
  a: RequestEvaluation,
  b: RequestEvaluation,
  labels: { readonly a: DesignLabel; readonly b: DesignLabel },
): string {
  const out: string[] = [
    `base: ${labels.a.estate} (${labels.a.file})`,
    `this: ${labels.b.estate} (${labels.b.file})`,
    '',
  ];
  const comparison = compareEvaluations(a, b);
  const requests = [...new Set(comparison.map((c) => c.request))];
  const budgetOf = (e: RequestEvaluation, c: LatencyComparison) =>
    e.requests.find((r) => r.request === c.request && r.metro === c.metro);
  for (const request of requests) {
    const rows = comparison.filter((c) => c.request === request);
    out.push(request);
    out.push(
      textTable(
        rows,
        [
          { header: 'users in', value: (c) => c.metro },
          { header: 'base p50', value: (c) => ms(c.a?.p50Ms), align: 'right' },
          { header: 'base p99', value: (c) => ms(c.a?.p99Ms), align: 'right' },
          { header: 'this p50', value: (c) => ms(c.b?.p50Ms), align: 'right' },
          { header: 'this p99', value: (c) => ms(c.b?.p99Ms), align: 'right' },
          {
            header: 'p99 this - base',
            value: (c) =>
              c.p99DeltaMs === null || !c.a
                ? '-'
                : `${signed(c.p99DeltaMs, ms(Math.abs(c.p99DeltaMs)))} (${signed(c.p99DeltaMs, `${Math.abs(Math.round((c.p99DeltaMs / c.a.p99Ms) * 100))}%`)})`,
            align: 'right',
          },
          {
            header: 'p99 budget',
            value: (c) => bound(budgetOf(b, c)?.budgetMs ?? budgetOf(a, c)?.budgetMs ?? null),
          },
          {
            header: 'base -> this',
            value: (c) => {
              const ra = budgetOf(a, c);
              const rb = budgetOf(b, c);
              const s = (r: RequestLatency | undefined) => (r ? status(r) || '-' : 'none');
              return ra && rb && !status(ra) && !status(rb) ? '' : `${s(ra)} -> ${s(rb)}`;
            },
          },
        ],
        '  ',
      ),
    );
    const top = budgetOf(b, [...rows].sort((x, y) => shareOf(b, y) - shareOf(b, x))[0] as LatencyComparison);
    const metro = top?.metro ?? rows[0]?.metro;
    const ra = a.requests.find((r) => r.request === request && r.metro === metro);
    const rb = b.requests.find((r) => r.request === request && r.metro === metro);
    if (ra && rb) out.push('', renderPathsSideBySide(ra, rb));
    out.push('');
  }
  return out.join('\n');
}

function shareOf(e: RequestEvaluation, c: LatencyComparison): number {
  return e.requests.find((r) => r.request === c.request && r.metro === c.metro)?.share ?? 0;
}

/** The critical paths of two designs, call by call (calls matched by where they are written). */
function renderPathsSideBySide(a: RequestLatency, b: RequestLatency): string {
  interface Merged {
    call: string;
    a?: CriticalStep;
    b?: CriticalStep;
    aMs: number;
    bMs: number;
  }
  const merged: Merged[] = [];
  const add = (step: CriticalStep, side: 'a' | 'b') => {
    const key = `${step.call}@${step.path}`;
    let m = merged.find((x) => `${x.call}@${(x.a ?? x.b)?.path}` === key);
    if (!m) {
      m = { call: step.call, aMs: 0, bMs: 0 };
      merged.push(m);
    }
    m[side] ??= step;
    if (side === 'a') m.aMs += step.ms;
    else m.bMs += step.ms;
  };
  for (const s of a.criticalPath) add(s, 'a');
  for (const s of b.criticalPath) add(s, 'b');
  const where = (s: CriticalStep | undefined) => (s ? `${s.from} -> ${s.to}` : '-');
  const table = textTable(
    merged,
    [
      { header: 'call', value: (m) => m.call },
      { header: 'base: from -> to', value: (m) => where(m.a) },
      { header: 'base ms', value: (m) => (m.a ? ms(m.aMs) : '-'), align: 'right' },
      { header: 'this: from -> to', value: (m) => where(m.b) },
      { header: 'this ms', value: (m) => (m.b ? ms(m.bMs) : '-'), align: 'right' },
    ],
    '    ',
  );
  return `  where the milliseconds go from ${b.metro} (mean on the critical path: base ${ms(a.meanMs)} ms, this ${ms(b.meanMs)} ms):\n${table}`;
}
