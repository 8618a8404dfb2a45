/**
 * The placement problem as a mixed-integer linear program.
 *
 * Decisions: x[s,m] = 1 when service s runs at location m (pinned services: fixed). Each service
 * runs at between replicas.min and replicas.max places (across distinct regions when asked); a
 * `primary` service with several places also picks its primary; a `spread` service runs at exactly
 * replicas.min places (milp-columns.ts).
 *
 * Where a call lands depends on where its caller is, so each call of a request's tree carries the
 * distribution of its caller's place, and the joint placement of caller and callee is linearised
 * (milp-latency.ts). The latency of a scenario is the mean-based latency of `assess.ts`, term for
 * term. Budgets bound the scenario columns; each no-good cut excludes one placement.
 */

import { getOrThrow, itemOrThrow } from '../errors.js';
import { type Assessment, assessPlacement } from './assess.js';
import {
  addScaled,
  addTerm,
  columnExpression,
  constantExpression,
  type LinearExpression,
  ModelBuilder,
} from './lp.js';
import { addPlacementColumns, modeOf, type PlacementColumns } from './milp-columns.js';
import { CallLatencyModel } from './milp-latency.js';
import { type ObjectiveSpec, objectiveWeights } from './objective.js';
import type { Assignment, PlacementProblem } from './problem.js';

export interface PlacementMilp {
  readonly model: ModelBuilder;
  /** x[s][m] column by service and location (pinned: fixed columns). */
  readonly x: readonly ReadonlyMap<number, number>[];
  /** The primary's column by service and location, for primary services with several places. */
  readonly primary: readonly (ReadonlyMap<number, number> | undefined)[];
  /** Each scenario's latency column (ms); its upper bound is the budget. */
  readonly scenario: readonly number[];
  /** The integer columns to seed a start with, by service. */
  readonly counts: readonly (ReadonlyMap<number, number> | undefined)[];
}

export interface MilpOptions {
  /** Upper bounds on the scenarios' mean-based latency (+Infinity for none). */
  readonly bounds: readonly number[];
  /** Placements to exclude (no-good cuts). */
  readonly exclude?: readonly Assignment[];
  /** Scenario whose latency alone is minimised instead of the objective (for explanations). */
  readonly minimiseScenario?: number;
  /** Only placements whose objective is at most this (to look for one better than a known one). */
  readonly objectiveAtMost?: number;
}

/**
 * Builds the MILP of a placement problem: the placement columns, the latency of each scenario as a
 * column bounded by its budget, and a no-good cut for each excluded placement.
 * @example const milp = buildMilp(problem, spec, { bounds: problem.scenarios.map(() => Infinity) });
 * const outcome = await solveModel(milp.model); decodeAssignment(problem, milp, outcome.values!);
 */
export function buildMilp(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  options: MilpOptions,
): PlacementMilp {
  const model = new ModelBuilder();
  const alone = options.minimiseScenario;
  const w =
    alone === undefined ? objectiveWeights(spec) : { latency: 0, cost: 0, place: 0, move: 0, scale: 1 };
  const modes = problem.services.map(modeOf);
  const columns = addPlacementColumns(model, problem, w, modes);
  const latency = new CallLatencyModel(model, problem, modes, columns);
  const scenario = problem.scenarios.map((s, i) => {
    const bound = options.bounds[i] ?? Number.POSITIVE_INFINITY;
    const cost = alone === undefined ? w.latency * s.weight : alone === i ? 1 : 0;
    const col = model.addColumn(0, bound, cost);
    model.addRow(0, addScaled(columnExpression(col), latency.scenarioExpression(s.request, s.metro), -1), 0);
    return col;
  });
  for (const excluded of options.exclude ?? []) addNoGoodCut(model, problem, columns, excluded);
  if (options.objectiveAtMost !== undefined) {
    const objective = constantExpression(model.offset);
    model.colCost.forEach((cost, col) => {
      addTerm(objective, col, cost);
    });
    addRowOrInfeasible(model, Number.NEGATIVE_INFINITY, objective, options.objectiveAtMost);
  }
  return { model, x: columns.x, primary: columns.primary, scenario, counts: columns.counts };
}

/** Excludes one placement: at least one of its services' columns must change. */
function addNoGoodCut(
  model: ModelBuilder,
  problem: PlacementProblem,
  columns: PlacementColumns,
  excluded: Assignment,
): void {
  const row = constantExpression();
  let chosen = 0;
  problem.services.forEach((service, s) => {
    if (service.pinned) return;
    const placed = new Set(excluded[s] ?? []);
    for (const [m, col] of itemOrThrow(columns.x, s, 'x columns of a service')) {
      if (placed.has(m)) {
        addTerm(row, col, -1);
        chosen++;
      } else addTerm(row, col, 1);
    }
    const prim = columns.primary[s];
    const first = excluded[s]?.[0];
    if (prim && first !== undefined) {
      addTerm(row, getOrThrow(prim, first, 'primary column'), -1);
      chosen++;
    }
  });
  addRowOrInfeasible(model, 1 - chosen, row, Number.POSITIVE_INFINITY);
}

/**
 * Adds a row; one without columns (nothing left to decide) that does not hold makes the model
 * infeasible, as the solver should then say, rather than fail to build.
 */
function addRowOrInfeasible(model: ModelBuilder, lower: number, row: LinearExpression, upper: number): void {
  if (row.terms.size > 0 || (row.constant >= lower - 1e-9 && row.constant <= upper + 1e-9)) {
    model.addRow(lower, row, upper);
    return;
  }
  const never = model.addColumn(0, 0);
  model.addRow(1, columnExpression(never), Number.POSITIVE_INFINITY);
}

/** Reads a placement from a solution's column values. */
export function decodeAssignment(
  problem: PlacementProblem,
  milp: PlacementMilp,
  values: ArrayLike<number>,
): number[][] {
  return problem.services.map((service, s) => {
    if (service.pinned) return service.today.map((t) => t.location);
    const x = itemOrThrow(milp.x, s, 'x columns of a service');
    const placed = service.candidates.filter((m) => (values[getOrThrow(x, m, 'x column')] ?? 0) > 0.5);
    const prim = milp.primary[s];
    if (!prim) return placed;
    const first = placed.find((m) => (values[getOrThrow(prim, m, 'primary column')] ?? 0) > 0.5);
    return first === undefined ? placed : [first, ...placed.filter((m) => m !== first)];
  });
}

/** A sparse start for the solver from a placement: its binaries. */
export function startOf(
  problem: PlacementProblem,
  milp: PlacementMilp,
  assignment: Assignment,
): { indices: number[]; values: number[] } {
  const indices: number[] = [];
  const values: number[] = [];
  problem.services.forEach((service, s) => {
    if (service.pinned) return;
    const placed = assignment[s] ?? [];
    for (const [m, col] of itemOrThrow(milp.x, s, 'x columns of a service')) {
      indices.push(col);
      values.push(placed.includes(m) ? 1 : 0);
    }
    const prim = milp.primary[s];
    if (prim)
      for (const [m, col] of prim) {
        indices.push(col);
        values.push(m === placed[0] ? 1 : 0);
      }
    const z = milp.counts[s];
    if (z)
      for (const [k, col] of z) {
        indices.push(col);
        values.push(k === placed.length ? 1 : 0);
      }
  });
  return { indices, values };
}

/** Re-export for callers that check the MILP against the reference. */
export type { Assessment };
export { assessPlacement };
