/**
 * A placement for people: the objective today and proposed and how sure the solver is, where each
 * service runs today and where it should, each request's p50/p99 per metro in both (the side by side
 * of `evaluate --against`), how the candidates were chosen, the p99 re-checks, and, when no placement
 * can meet the rules, why.
 */
import type { RequestEvaluation } from '../app/index.js';
import type {
  BudgetOutcome,
  InfeasibilityReason,
  ObjectiveOutcome,
  PlacedInstances,
  PlacementResult,
  ServicePlacementChange,
} from '../placement/index.js';
import { ms, textTable } from './format.js';
import { renderComparison } from './requests.js';
import { callsOf, type ReportCall } from './services.js';

function value(v: number, unit: string): string {
  if (unit === 'ms') return `${ms(v)} ms`;
  if (unit === 'USD/h') return `${v.toFixed(2)} USD/h`;
  return v.toFixed(3);
}

function change(today: number, proposed: number): string {
  if (today === 0) return '';
  const pct = Math.round(((proposed - today) / today) * 100);
  return ` (${pct > 0 ? '+' : ''}${pct}%)`;
}

function places(list: readonly PlacedInstances[]): string {
  return list.map((p) => `${p.place} x${p.instances}`).join(', ');
}

const OBJECTIVE_NAMES = {
  latency: 'mean latency of the requests (mean-based model, each request once, its metros by their users)',
  cost: 'instance cost',
  blend: 'a blend of latency and cost, each relative to today (today = 1)',
} as const;

/**
 * How sure the answer is: proven optimal over every placement the rules allow, or only over the
 * candidates considered; that none meets the rules; or where the solver or the re-checks stopped.
 */
function verdict(result: PlacementResult): string {
  const o = result.objective;
  const s = result.solver;
  const among = o.scope === 'candidates' ? ' among the candidates considered' : '';
  if (s.solves === 0)
    return result.infeasible.length > 0
      ? `not solved: the rules clash before any solve${among}`
      : 'nothing to solve: no service can move';
  if (o.status === 'recheck-limit')
    return `${o.foundBy === 'today' ? 'no placement found' : 'best found, not proven'}: the evaluator's re-checks ran out before ruling out every placement of lower objective`;
  if (o.foundBy === 'today')
    return o.status === 'infeasible' ? `no placement meets the rules${among}` : 'no placement found';
  if (o.status === 'optimal')
    return `${o.scope === 'all' ? 'proven optimal' : 'optimal among the candidates considered'} by ${s.name}${result.rechecks.length > 0 ? ", the evaluator's re-checks included" : ''}`;
  if (o.status === 'infeasible') return `no placement meets every budget${among}`;
  return `${o.foundBy === 'heuristic' ? 'found by the local search; ' : ''}${s.name} stopped at its ${o.status.replace('-', ' ')}${o.gap !== null ? ` with a gap of ${(o.gap * 100).toFixed(2)} % (bound ${value(o.bound ?? 0, o.unit)})` : ''}`;
}

/**
 * The placement as text.
 * @example console.log(renderPlacement(await placeServices(estate)));
 */
export function renderPlacement(result: PlacementResult): string {
  const o = result.objective;
  const noProposal = o.foundBy === 'today' && result.infeasible.length > 0;
  const out: string[] = [`Placement: ${result.estate} (${result.files.join(' <- ')})`];
  const name = `${OBJECTIVE_NAMES[o.kind]}${o.kind === 'blend' ? `, cost weight ${o.costWeight}` : ''}`;
  out.push(`objective: ${name}`);
  out.push(
    o.foundBy === 'today'
      ? `  today ${value(o.today, o.unit)}; ${result.infeasible.length > 0 ? 'no placement proposed' : 'every service stays'}`
      : `  today ${value(o.today, o.unit)} -> proposed ${value(o.proposed, o.unit)}${change(o.today, o.proposed)}`,
  );
  const s = result.solver;
  const how = verdict(result);
  if (s.solves === 0) out.push(`  ${how}`);
  else
    out.push(
      `  ${how} (${s.solves} solve${s.solves === 1 ? '' : 's'}, ${s.nodes.toLocaleString('en-US')} node${s.nodes === 1 ? '' : 's'}, ${s.lpIterations.toLocaleString('en-US')} LP iterations; ${s.columns.toLocaleString('en-US')} columns, ${s.rows.toLocaleString('en-US')} rows, ${s.integers.toLocaleString('en-US')} integer); local search: ${result.heuristic.objective === null ? 'no placement within the rules' : value(result.heuristic.objective, o.unit)}`,
    );
  if (o.leftOut.length > 0 && (o.status === 'optimal' || o.status === 'infeasible'))
    out.push(
      `  left out of the candidates and not shown to be worse: ${o.leftOut.map((l) => `${l.service} ${l.places.length} (${l.places.slice(0, 3).join(', ')}${l.places.length > 3 ? ', ...' : ''})`).join('; ')}`,
    );
  if (o.kind !== 'latency' && o.foundBy !== 'today')
    out.push(`  mean-based latency: ${ms(o.latencyMs.today)} ms today -> ${ms(o.latencyMs.proposed)} ms`);
  if (o.kind !== 'cost' && o.foundBy !== 'today')
    out.push(
      `  instance cost: ${o.costUsdPerHour.today.toFixed(2)} USD/h today -> ${o.costUsdPerHour.proposed.toFixed(2)} USD/h`,
    );
  out.push('');

  out.push('where each service runs');
  out.push(
    textTable(
      result.services,
      [
        { header: 'service', value: (c: ServicePlacementChange) => c.service },
        { header: 'today', value: (c) => places(c.today) },
        { header: 'proposed', value: (c) => (noProposal ? '-' : places(c.proposed)) },
        {
          header: '',
          value: (c) => (c.pinned ? 'pinned' : noProposal ? '' : c.moved ? 'moves' : 'stays'),
        },
        { header: 'candidates', value: (c) => String(c.candidates), align: 'right' },
      ],
      '  ',
    ),
  );
  out.push('');

  if (result.infeasible.length > 0) {
    out.push('no placement meets the rules:');
    for (const r of result.infeasible) out.push(`  - ${r.message}`);
    out.push('');
  }

  if (result.proposed.length > 0 && o.foundBy !== 'today') {
    const evaluation = (requests: PlacementResult['today']): RequestEvaluation => ({
      seed: result.seed,
      samples: result.samples,
      rtt: result.rtt,
      requests,
    });
    out.push(
      `request latency by the evaluator (seed ${result.seed}, ${result.samples.toLocaleString('en-US')} draws per request and metro), today (A) and proposed (B):`,
    );
    out.push(
      renderComparison(evaluation(result.today), evaluation(result.proposed), {
        a: { estate: 'today', file: result.files[0] ?? '' },
        b: { estate: 'proposed', file: 'this placement' },
      })
        .split('\n')
        .slice(3)
        .join('\n'),
    );
  }

  const movable = result.candidates.filter((c) => !c.pinned && c.considered > 0);
  if (movable.length > 0) {
    const counts = movable.map((c) => c.kept.length);
    const overBudget = movable.reduce((n, c) => n + c.overBudget, 0);
    const radius = movable.find((c) => c.outsideRadius > 0);
    out.push(
      `candidates: ${Math.min(...counts)}${Math.max(...counts) !== Math.min(...counts) ? ` to ${Math.max(...counts)}` : ''} per service that may move, of ${Math.max(...movable.map((c) => c.considered))} ${result.rtt === 'routed' ? 'subnets (their calls follow the route tables) and sites' : 'zones and sites'}: those offering what it needs within its residency${overBudget > 0 ? `, but where a budget breaks on the RTTs alone (${overBudget} in all)` : ''}${radius ? `, within ${ms(radius.radiusMs)} ms of its users and pinned neighbours (${radius.radiusFrom})` : ''}, the nearest to those first (an AZ of a region per place it may have), and where it runs today; for a service no request reaches, where it runs, the places with a capacity, and the cheapest`,
    );
  }
  for (const r of result.rechecks)
    out.push(
      `p99 re-check ${r.round}: ${r.failing.length > 0 ? `${r.failing.join('; ')}: ` : ''}${r.action}`,
    );
  if (result.notes.length > 0) {
    out.push('notes:');
    for (const n of result.notes) out.push(`  - ${n}`);
  }
  if (result.timings)
    out.push(
      `placed in ${(result.timings.totalMs / 1000).toFixed(1)} s (solver ${(result.timings.solveMs / 1000).toFixed(1)} s)`,
    );
  return `${out.join('\n')}\n`;
}

/** The placement as the report and the page carry it (`footprint report FILE --place`). */
export interface PlacementReport {
  readonly feasible: boolean;
  readonly objective: ObjectiveOutcome;
  /** `HiGHS 1.15.1`, and how far it searched. */
  readonly solver: { readonly name: string; readonly nodes: number; readonly solves: number };
  readonly services: readonly ServicePlacementChange[];
  /** Per request and metro: p50/p99 today and proposed, against the budgets. */
  readonly budgets: readonly BudgetOutcome[];
  readonly infeasible: readonly InfeasibilityReason[];
  readonly notes: readonly string[];
  /** The calls between services as the proposed placement makes them, with their RTT (for the map). */
  readonly calls: readonly ReportCall[];
  /**
   * The places and subnets the placement considered for the services that may move (today's
   * included), in the order of the services' candidate lists: the columns of `candidates`.
   */
  readonly candidatePlaces: readonly string[];
}

/**
 * The part of a placement the report carries.
 * @example const report = { ...buildEstateReport(estate), placement: placementReport(await placeServices(estate)) };
 */
export function placementReport(result: PlacementResult): PlacementReport {
  return {
    feasible: result.feasible,
    objective: result.objective,
    solver: { name: result.solver.name, nodes: result.solver.nodes, solves: result.solver.solves },
    services: result.services,
    budgets: result.budgets,
    infeasible: result.infeasible,
    notes: result.notes,
    calls: callsOf(result.proposed),
    candidatePlaces: [...new Set(result.candidates.filter((c) => !c.pinned).flatMap((c) => c.kept))],
  };
}
