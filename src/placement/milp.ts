/**
 * The placement problem as a mixed-integer linear program.
 *
 * Decisions: x[s,m] = 1 when service s runs at location m (pinned services: fixed). Each service
 * runs at between replicas.min and replicas.max places (across distinct regions when asked); a
 * `primary` service with several places also picks its primary; a `spread` service runs at exactly
 * replicas.min places.
 *
 * Where a call lands depends on where its caller is, so each call of a request's tree carries the
 * distribution of its caller's place (a "vector" over locations): the users' metro, a single-place
 * service's x, a primary's choice, a spread service's x / k, or, for a service with several places
 * and nearest routing, the image of the caller's vector under nearest routing. Nearest routing is
 * exact: rho[t,l,m] = 1 when m is the nearest open place of t from l (ties to the earlier in tie
 * order), by closest-assignment constraints: rho <= x, sum_m rho = 1, and for each m the places at
 * least as near as m carry all of rho when m is open.
 *
 * The expected RTT of a call is sum_{l,m} rtt(l,m) pair(l,m) where pair is the joint distribution
 * of caller and callee places. The product of the two (the quadratic part) is linearised:
 * - callee with one place, or a primary: pair has the caller's vector and the callee's as its two
 *   marginals (exact when either is 0/1, as here);
 * - callee with nearest routing: pair <= rho, with the caller's vector as row sums;
 * - callee with spread routing: McCormick on caller x x[t,m] (exact since x is binary), over k.
 *
 * Latency of a scenario: series add up; a parallel group's value is an epigraph column bounded
 * below by each branch (minimising pushes it to the largest); caches weight the call's body by its
 * miss ratio. That is the mean-based latency of `assess.ts`, term for term. Budgets bound the
 * scenario columns; each no-good cut excludes one placement.
 */
import { type Assessment, assessPlacement } from './assess.js';
import {
  addScaled,
  addTerm,
  columnExpression,
  constantExpression,
  type LinearExpression,
  ModelBuilder,
} from './lp.js';
import { addPlacementColumns, type Mode, modeOf } from './milp-columns.js';
import { type ObjectiveSpec, objectiveWeights } from './objective.js';
import {
  type Assignment,
  type PlacedService,
  type PlacementProblem,
  rttOf,
  type TreeStep,
} from './problem.js';

/** A distribution of places over locations, as expressions in the model's columns. */
interface Vector {
  readonly id: string;
  /** Locations where it may be non-zero, in order. */
  readonly support: readonly number[];
  /** Its value at each location of the support. */
  readonly at: ReadonlyMap<number, LinearExpression>;
  /** The location when it is a known place (a metro, a pinned single-place service). */
  readonly fixed?: number;
  /** True when its values are 0 or 1 in any integer solution (a place chosen by binaries). */
  readonly oneHot: boolean;
  /** Set for the image of a caller's vector under nearest routing: the pair columns. */
  readonly pairs?: ReadonlyMap<string, number>;
}

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
}

/**
 * Builds the MILP of a placement problem.
 * @example const milp = buildMilp(problem, spec, { bounds: problem.scenarios.map(() => Infinity) });
 * const outcome = await solveModel(milp.model); decodeAssignment(problem, milp, outcome.values!);
 */
export function buildMilp(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  options: MilpOptions,
): PlacementMilp {
  const model = new ModelBuilder();
  const weights = objectiveWeights(spec);
  const alone = options.minimiseScenario;
  const w = alone === undefined ? weights : { latency: 0, cost: 0, place: 0, move: 0, scale: 1 };
  const modes = problem.services.map(modeOf);
  const rtt = (a: number, b: number) => rttOf(problem, a, b);

  const { x, primary, counts } = addPlacementColumns(model, problem, w, modes);

  // Vectors: where the caller of a call is.
  const vectors = new Map<string, Vector>();
  const fixedVector = (m: number): Vector => {
    const id = `@${m}`;
    let v = vectors.get(id);
    if (!v) {
      v = { id, support: [m], at: new Map([[m, constantExpression(1)]]), fixed: m, oneHot: true };
      vectors.set(id, v);
    }
    return v;
  };
  const serviceVector = (s: number): Vector => {
    const service = problem.services[s] as PlacedService;
    const mode = modes[s] as Mode;
    if (mode === 'fixed') return fixedVector(service.candidates[0] as number);
    const id = `${mode}:${s}`;
    let v = vectors.get(id);
    if (v) return v;
    const cols = mode === 'primary' ? (primary[s] as Map<number, number>) : (x[s] as Map<number, number>);
    const scale = mode === 'spread' ? 1 / service.minPlaces : 1;
    const at = new Map<number, LinearExpression>();
    for (const [m, col] of cols) at.set(m, columnExpression(col, scale));
    v = { id, support: [...cols.keys()], at, oneHot: mode !== 'spread' };
    vectors.set(id, v);
    return v;
  };

  // Nearest routing of service t from location l.
  const rhos = new Map<string, Map<number, number>>();
  const rho = (t: number, l: number): Map<number, number> => {
    const key = `${t}:${l}`;
    let r = rhos.get(key);
    if (r) return r;
    r = new Map();
    rhos.set(key, r);
    const service = problem.services[t] as PlacedService;
    const cols = x[t] as Map<number, number>;
    const order = service.candidates
      .map((m, position) => ({ m, position }))
      .sort((a, b) => rtt(l, a.m) - rtt(l, b.m) || a.position - b.position)
      .map((o) => o.m);
    const one = constantExpression();
    for (const m of order) {
      const col = model.addColumn(0, 1);
      r.set(m, col);
      addTerm(one, col, 1);
      model.addRow(Number.NEGATIVE_INFINITY, addTerm(columnExpression(col), cols.get(m) as number, -1), 0);
    }
    model.addRow(1, one, 1);
    const prefix = constantExpression();
    for (const m of order) {
      addTerm(prefix, r.get(m) as number, 1);
      const row = addScaled(constantExpression(), prefix);
      addTerm(row, cols.get(m) as number, -1);
      model.addRow(0, row, Number.POSITIVE_INFINITY);
    }
    return r;
  };

  const nearVector = (caller: Vector, t: number): Vector => {
    const id = `near(${caller.id},${t})`;
    let v = vectors.get(id);
    if (v) return v;
    const service = problem.services[t] as PlacedService;
    if (caller.fixed !== undefined) {
      const r = rho(t, caller.fixed);
      const at = new Map<number, LinearExpression>();
      for (const m of service.candidates) at.set(m, columnExpression(r.get(m) as number));
      v = { id, support: service.candidates, at, oneHot: caller.oneHot };
      vectors.set(id, v);
      return v;
    }
    const pairs = new Map<string, number>();
    const inflow = new Map<number, LinearExpression>();
    for (const l of caller.support) {
      const r = rho(t, l);
      const out = constantExpression();
      for (const m of service.candidates) {
        const p = model.addColumn(0, 1);
        pairs.set(`${l},${m}`, p);
        addTerm(out, p, 1);
        model.addRow(Number.NEGATIVE_INFINITY, addTerm(columnExpression(p), r.get(m) as number, -1), 0);
        addTerm(inflow.get(m) ?? (inflow.set(m, constantExpression()).get(m) as LinearExpression), p, 1);
      }
      model.addRow(0, addScaled(out, caller.at.get(l) as LinearExpression, -1), 0);
    }
    const at = new Map<number, LinearExpression>();
    for (const m of service.candidates) {
      const f = model.addColumn(0, 1);
      model.addRow(0, addScaled(columnExpression(f), inflow.get(m) ?? constantExpression(), -1), 0);
      at.set(m, columnExpression(f));
    }
    v = { id, support: service.candidates, at, oneHot: caller.oneHot, pairs };
    vectors.set(id, v);
    return v;
  };

  const calleeVector = (caller: Vector, t: number): Vector =>
    modes[t] === 'nearest' ? nearVector(caller, t) : serviceVector(t);

  // Expected RTT of a call from `caller` to a callee at `callee`.
  const expected = new Map<string, LinearExpression>();
  const expectedRtt = (caller: Vector, callee: Vector, t: number): LinearExpression => {
    const key = `${caller.id}|${callee.id}`;
    const known = expected.get(key);
    if (known) return known;
    const e = constantExpression();
    if (caller.fixed !== undefined) {
      for (const m of callee.support)
        addScaled(e, callee.at.get(m) as LinearExpression, rtt(caller.fixed, m));
    } else if (callee.fixed !== undefined) {
      for (const l of caller.support)
        addScaled(e, caller.at.get(l) as LinearExpression, rtt(l, callee.fixed));
    } else if (callee.pairs) {
      for (const l of caller.support)
        for (const m of callee.support) addTerm(e, callee.pairs.get(`${l},${m}`) as number, rtt(l, m));
    } else if (modes[t] === 'spread') {
      const k = (problem.services[t] as PlacedService).minPlaces;
      const xs = x[t] as Map<number, number>;
      for (const l of caller.support) {
        const v = caller.at.get(l) as LinearExpression;
        const out = constantExpression();
        for (const m of callee.support) {
          const q = model.addColumn(0, 1);
          addTerm(out, q, 1);
          addTerm(e, q, rtt(l, m) / k);
          const xm = xs.get(m) as number;
          model.addRow(Number.NEGATIVE_INFINITY, addTerm(columnExpression(q), xm, -1), 0);
          model.addRow(Number.NEGATIVE_INFINITY, addScaled(columnExpression(q), v, -1), 0);
          model.addRow(-1, addTerm(addScaled(columnExpression(q), v, -1), xm, -1), Number.POSITIVE_INFINITY);
        }
        model.addRow(0, addScaled(out, v, -k), 0);
      }
    } else {
      // The callee's vector is 0/1: pair columns with both vectors as marginals.
      const down = new Map<number, LinearExpression>();
      for (const l of caller.support) {
        const out = constantExpression();
        for (const m of callee.support) {
          const q = model.addColumn(0, 1);
          addTerm(out, q, 1);
          addTerm(e, q, rtt(l, m));
          addTerm(down.get(m) ?? (down.set(m, constantExpression()).get(m) as LinearExpression), q, 1);
        }
        model.addRow(0, addScaled(out, caller.at.get(l) as LinearExpression, -1), 0);
      }
      for (const m of callee.support)
        model.addRow(
          0,
          addScaled(down.get(m) ?? constantExpression(), callee.at.get(m) as LinearExpression, -1),
          0,
        );
    }
    // One column for the expected RTT keeps the latency rows short.
    let out = e;
    if (e.terms.size > 1) {
      const col = model.addColumn(0, Number.POSITIVE_INFINITY);
      model.addRow(0, addScaled(columnExpression(col), e, -1), 0);
      out = columnExpression(col);
    }
    expected.set(key, out);
    return out;
  };

  // Latency expressions, memoised by (tree, node, caller vector).
  const memo = new Map<string, LinearExpression>();
  const callExpression = (r: number, node: number, caller: Vector): LinearExpression => {
    const key = `${r}:${node}:${caller.id}`;
    const known = memo.get(key);
    if (known) return known;
    const call = problem.trees[r]?.nodes[node];
    if (!call) throw new Error(`no call ${node} in tree ${r}`);
    const callee = calleeVector(caller, call.service);
    const inner = constantExpression(call.fixedMs);
    addScaled(inner, expectedRtt(caller, callee, call.service), call.roundTrips);
    addScaled(inner, stepsExpression(r, call.body, callee), 1);
    const e = constantExpression(call.cacheHitRatio * call.cacheHitMs);
    addScaled(e, inner, 1 - call.cacheHitRatio);
    memo.set(key, e);
    return e;
  };
  const stepsExpression = (r: number, steps: readonly TreeStep[], where: Vector): LinearExpression => {
    const e = constantExpression();
    for (const step of steps) {
      if (step.kind === 'call') addScaled(e, callExpression(r, step.node, where));
      else if (step.kind === 'series') addScaled(e, stepsExpression(r, step.steps, where));
      else {
        const branches = step.branches.map((b) => stepsExpression(r, b, where));
        if (branches.every((b) => b.terms.size === 0)) {
          e.constant += Math.max(0, ...branches.map((b) => b.constant));
          continue;
        }
        const key = `${r}:g${step.id}:${where.id}`;
        let g = memo.get(key);
        if (!g) {
          const col = model.addColumn(0, Number.POSITIVE_INFINITY);
          for (const b of branches)
            model.addRow(0, addScaled(columnExpression(col), b, -1), Number.POSITIVE_INFINITY);
          g = columnExpression(col);
          memo.set(key, g);
        }
        addScaled(e, g);
      }
    }
    return e;
  };

  const scenario = problem.scenarios.map((s, i) => {
    const bound = options.bounds[i] ?? Number.POSITIVE_INFINITY;
    const cost = alone === undefined ? w.latency * s.weight : alone === i ? 1 : 0;
    const col = model.addColumn(0, bound, cost);
    const e = callExpression(s.request, 0, fixedVector(s.metro));
    model.addRow(0, addScaled(columnExpression(col), e, -1), 0);
    return col;
  });

  for (const excluded of options.exclude ?? []) {
    const row = constantExpression();
    let chosen = 0;
    problem.services.forEach((service, s) => {
      if (service.pinned) return;
      const placed = new Set(excluded[s] ?? []);
      for (const [m, col] of x[s] as Map<number, number>) {
        if (placed.has(m)) {
          addTerm(row, col, -1);
          chosen++;
        } else addTerm(row, col, 1);
      }
      const prim = primary[s];
      const first = excluded[s]?.[0];
      if (prim && first !== undefined) {
        addTerm(row, prim.get(first) as number, -1);
        chosen++;
      }
    });
    model.addRow(1 - chosen, row, Number.POSITIVE_INFINITY);
  }

  return { model, x, primary, scenario, counts };
}

/** Reads a placement from a solution's column values. */
export function decodeAssignment(
  problem: PlacementProblem,
  milp: PlacementMilp,
  values: ArrayLike<number>,
): number[][] {
  return problem.services.map((service, s) => {
    if (service.pinned) return service.today.map((t) => t.location);
    const placed = service.candidates.filter(
      (m) => (values[(milp.x[s] as Map<number, number>).get(m) as number] ?? 0) > 0.5,
    );
    const prim = milp.primary[s];
    if (!prim) return placed;
    const first = placed.find((m) => (values[prim.get(m) as number] ?? 0) > 0.5);
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
    for (const [m, col] of milp.x[s] as Map<number, number>) {
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
