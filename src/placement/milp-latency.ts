/**
 * The latency part of the MILP: the mean-based latency of a request's call tree as linear
 * expressions in the placement columns.
 *
 * Each call carries the distribution of its caller's place (a "vector" over locations): the users'
 * metro, a single-place service's x, a primary's choice, a spread service's x / k, or, for a service
 * with several places and nearest routing, the image of the caller's vector under nearest routing.
 * Nearest routing is exact: rho[t,l,m] = 1 when m is the nearest open place of t from l (ties to the
 * earlier in tie order), by closest-assignment constraints: rho <= x, sum_m rho = 1, and for each m
 * the places at least as near as m carry all of rho when m is open.
 *
 * The expected RTT of a call is sum_{l,m} rtt(l,m) pair(l,m), where pair is the joint distribution of
 * caller and callee places; the product of the two is linearised:
 * - callee with one place, or a primary: pair has the caller's vector and the callee's as its two
 *   marginals (exact when either is 0/1, as here);
 * - callee with nearest routing: pair <= rho, with the caller's vector as row sums;
 * - callee with spread routing: McCormick on caller x x[t,m] (exact since x is binary), over k.
 *
 * Series add up; a parallel group's value is an epigraph column bounded below by each branch
 * (minimising pushes it to the largest); caches weight the call's body by its miss ratio.
 */
import { getOrThrow, itemOrThrow } from '../errors.js';
import {
  addScaled,
  addTerm,
  columnExpression,
  constantExpression,
  type LinearExpression,
  type ModelBuilder,
} from './lp.js';
import type { Mode, PlacementColumns } from './milp-columns.js';
import { type PlacedService, type PlacementProblem, rttOf, type TreeStep } from './problem.js';

/** A distribution of places over locations, as expressions in the model's columns. */
export interface Vector {
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

/** The value of a vector at a location of its support. */
function valueAt(vector: Vector, m: number): LinearExpression {
  return getOrThrow(vector.at, m, `value of ${vector.id} at location`);
}

/** The expression kept under `key` in `map`, created empty when missing. */
function sumAt(map: Map<number, LinearExpression>, key: number): LinearExpression {
  let e = map.get(key);
  if (!e) {
    e = constantExpression();
    map.set(key, e);
  }
  return e;
}

/**
 * Builds the latency expressions of call trees into a model whose placement columns exist,
 * memoising vectors, nearest-routing columns, expected RTTs and calls so that each is built once.
 */
export class CallLatencyModel {
  private readonly vectors = new Map<string, Vector>();
  private readonly rhos = new Map<string, Map<number, number>>();
  private readonly expected = new Map<string, LinearExpression>();
  private readonly memo = new Map<string, LinearExpression>();

  constructor(
    private readonly model: ModelBuilder,
    private readonly problem: PlacementProblem,
    private readonly modes: readonly Mode[],
    private readonly columns: PlacementColumns,
  ) {}

  private rtt(a: number, b: number): number {
    return rttOf(this.problem, a, b);
  }

  private service(s: number): PlacedService {
    return itemOrThrow(this.problem.services, s, 'service');
  }

  private xOf(s: number): Map<number, number> {
    return itemOrThrow(this.columns.x, s, 'x columns of a service');
  }

  /**
   * A [0, 1] pair column: the product of two places' values, so 0 or 1 when both are (then marked
   * implied binary, for reduced-cost bounds to round: reduced-cost.ts).
   */
  private pairColumn(binary: boolean): number {
    return binary ? this.model.addImpliedBinary() : this.model.addColumn(0, 1);
  }

  /** The mean-based latency of a scenario's request for users at `metro`. */
  scenarioExpression(request: number, metro: number): LinearExpression {
    return this.callExpression(request, 0, this.fixedVector(metro));
  }

  /** A known place. */
  fixedVector(m: number): Vector {
    const id = `@${m}`;
    let v = this.vectors.get(id);
    if (!v) {
      v = { id, support: [m], at: new Map([[m, constantExpression(1)]]), fixed: m, oneHot: true };
      this.vectors.set(id, v);
    }
    return v;
  }

  /** Where a service is, as its columns say (for a service reached the same way from anywhere). */
  private serviceVector(s: number): Vector {
    const service = this.service(s);
    const mode = itemOrThrow(this.modes, s, 'mode of a service');
    if (mode === 'fixed')
      return this.fixedVector(itemOrThrow(service.candidates, 0, 'place of a fixed service'));
    const id = `${mode}:${s}`;
    let v = this.vectors.get(id);
    if (v) return v;
    const cols = mode === 'primary' ? itemOrThrow(this.columns.primary, s, 'primary columns') : this.xOf(s);
    if (!cols) throw new Error(`service ${s} has no primary columns`);
    const scale = mode === 'spread' ? 1 / service.minPlaces : 1;
    const at = new Map<number, LinearExpression>();
    for (const [m, col] of cols) at.set(m, columnExpression(col, scale));
    v = { id, support: [...cols.keys()], at, oneHot: mode !== 'spread' };
    this.vectors.set(id, v);
    return v;
  }

  /** Nearest routing of service t from location l: rho[m] = 1 when m is the nearest open place. */
  private rho(t: number, l: number): Map<number, number> {
    const key = `${t}:${l}`;
    let r = this.rhos.get(key);
    if (r) return r;
    r = new Map();
    this.rhos.set(key, r);
    const cols = this.xOf(t);
    const order = this.service(t)
      .candidates.map((m, position) => ({ m, position }))
      .sort((a, b) => this.rtt(l, a.m) - this.rtt(l, b.m) || a.position - b.position)
      .map((o) => o.m);
    const one = constantExpression();
    for (const m of order) {
      const col = this.model.addImpliedBinary();
      r.set(m, col);
      addTerm(one, col, 1);
      this.model.addRow(
        Number.NEGATIVE_INFINITY,
        addTerm(columnExpression(col), getOrThrow(cols, m, 'x column'), -1),
        0,
      );
    }
    this.model.addRow(1, one, 1);
    const prefix = constantExpression();
    for (const m of order) {
      addTerm(prefix, getOrThrow(r, m, 'rho column'), 1);
      const row = addScaled(constantExpression(), prefix);
      addTerm(row, getOrThrow(cols, m, 'x column'), -1);
      this.model.addRow(0, row, Number.POSITIVE_INFINITY);
    }
    return r;
  }

  /** Where a caller at `caller` reaches service t under nearest routing. */
  private nearVector(caller: Vector, t: number): Vector {
    const id = `near(${caller.id},${t})`;
    let v = this.vectors.get(id);
    if (v) return v;
    const candidates = this.service(t).candidates;
    if (caller.fixed !== undefined) {
      const r = this.rho(t, caller.fixed);
      const at = new Map<number, LinearExpression>();
      for (const m of candidates) at.set(m, columnExpression(getOrThrow(r, m, 'rho column')));
      v = { id, support: candidates, at, oneHot: caller.oneHot };
      this.vectors.set(id, v);
      return v;
    }
    const pairs = new Map<string, number>();
    const inflow = new Map<number, LinearExpression>();
    for (const l of caller.support) {
      const r = this.rho(t, l);
      const out = constantExpression();
      for (const m of candidates) {
        const p = this.pairColumn(caller.oneHot);
        pairs.set(`${l},${m}`, p);
        addTerm(out, p, 1);
        this.model.addRow(
          Number.NEGATIVE_INFINITY,
          addTerm(columnExpression(p), getOrThrow(r, m, 'rho column'), -1),
          0,
        );
        addTerm(sumAt(inflow, m), p, 1);
      }
      this.model.addRow(0, addScaled(out, valueAt(caller, l), -1), 0);
    }
    const at = new Map<number, LinearExpression>();
    for (const m of candidates) {
      const f = this.pairColumn(caller.oneHot);
      this.model.addRow(0, addScaled(columnExpression(f), inflow.get(m) ?? constantExpression(), -1), 0);
      at.set(m, columnExpression(f));
    }
    v = { id, support: candidates, at, oneHot: caller.oneHot, pairs };
    this.vectors.set(id, v);
    return v;
  }

  private calleeVector(caller: Vector, t: number): Vector {
    return this.modes[t] === 'nearest' ? this.nearVector(caller, t) : this.serviceVector(t);
  }

  /** Expected RTT of a call from `caller` to service t at `callee`, as one column when it has several terms. */
  private expectedRtt(caller: Vector, callee: Vector, t: number): LinearExpression {
    const key = `${caller.id}|${callee.id}`;
    const known = this.expected.get(key);
    if (known) return known;
    const e = constantExpression();
    if (caller.fixed !== undefined) {
      for (const m of callee.support) addScaled(e, valueAt(callee, m), this.rtt(caller.fixed, m));
    } else if (callee.fixed !== undefined) {
      for (const l of caller.support) addScaled(e, valueAt(caller, l), this.rtt(l, callee.fixed));
    } else if (callee.pairs) {
      for (const l of caller.support)
        for (const m of callee.support)
          addTerm(e, getOrThrow(callee.pairs, `${l},${m}`, 'pair column'), this.rtt(l, m));
    } else if (this.modes[t] === 'spread') this.addSpreadPairs(e, caller, callee, t);
    else this.addMarginalPairs(e, caller, callee);
    // One column for the expected RTT keeps the latency rows short.
    let out = e;
    if (e.terms.size > 1) {
      const col = this.model.addColumn(0, Number.POSITIVE_INFINITY);
      this.model.addRow(0, addScaled(columnExpression(col), e, -1), 0);
      out = columnExpression(col);
    }
    this.expected.set(key, out);
    return out;
  }

  /** Spread routing: McCormick pair columns q = caller x x[t,m], each RTT weighted 1 / k. */
  private addSpreadPairs(e: LinearExpression, caller: Vector, callee: Vector, t: number): void {
    const k = this.service(t).minPlaces;
    const xs = this.xOf(t);
    for (const l of caller.support) {
      const v = valueAt(caller, l);
      const out = constantExpression();
      for (const m of callee.support) {
        const q = this.pairColumn(caller.oneHot);
        addTerm(out, q, 1);
        addTerm(e, q, this.rtt(l, m) / k);
        const xm = getOrThrow(xs, m, 'x column');
        this.model.addRow(Number.NEGATIVE_INFINITY, addTerm(columnExpression(q), xm, -1), 0);
        this.model.addRow(Number.NEGATIVE_INFINITY, addScaled(columnExpression(q), v, -1), 0);
        this.model.addRow(
          -1,
          addTerm(addScaled(columnExpression(q), v, -1), xm, -1),
          Number.POSITIVE_INFINITY,
        );
      }
      this.model.addRow(0, addScaled(out, v, -k), 0);
    }
  }

  /** The callee's vector is 0/1: pair columns with both vectors as marginals. */
  private addMarginalPairs(e: LinearExpression, caller: Vector, callee: Vector): void {
    const down = new Map<number, LinearExpression>();
    for (const l of caller.support) {
      const out = constantExpression();
      for (const m of callee.support) {
        const q = this.pairColumn(caller.oneHot && callee.oneHot);
        addTerm(out, q, 1);
        addTerm(e, q, this.rtt(l, m));
        addTerm(sumAt(down, m), q, 1);
      }
      this.model.addRow(0, addScaled(out, valueAt(caller, l), -1), 0);
    }
    for (const m of callee.support)
      this.model.addRow(0, addScaled(down.get(m) ?? constantExpression(), valueAt(callee, m), -1), 0);
  }

  /** The mean-based latency of one call and what its callee does, memoised by (tree, node, caller vector). */
  private callExpression(r: number, node: number, caller: Vector): LinearExpression {
    const key = `${r}:${node}:${caller.id}`;
    const known = this.memo.get(key);
    if (known) return known;
    const call = this.problem.trees[r]?.nodes[node];
    if (!call) throw new Error(`no call ${node} in tree ${r}`);
    const callee = this.calleeVector(caller, call.service);
    const inner = constantExpression(call.fixedMs);
    addScaled(inner, this.expectedRtt(caller, callee, call.service), call.roundTrips);
    addScaled(inner, this.stepsExpression(r, call.body, callee), 1);
    const e = constantExpression(call.cacheHitRatio * call.cacheHitMs);
    addScaled(e, inner, 1 - call.cacheHitRatio);
    this.memo.set(key, e);
    return e;
  }

  /** Steps in series add up; a parallel group takes its largest branch. */
  private stepsExpression(r: number, steps: readonly TreeStep[], where: Vector): LinearExpression {
    const e = constantExpression();
    for (const step of steps) {
      if (step.kind === 'call') addScaled(e, this.callExpression(r, step.node, where));
      else if (step.kind === 'series') addScaled(e, this.stepsExpression(r, step.steps, where));
      else this.addParallel(e, r, step, where);
    }
    return e;
  }

  /** Adds a parallel group: a constant when no branch depends on placement, else an epigraph column. */
  private addParallel(
    e: LinearExpression,
    r: number,
    step: Extract<TreeStep, { kind: 'parallel' }>,
    where: Vector,
  ): void {
    const branches = step.branches.map((b) => this.stepsExpression(r, b, where));
    if (branches.every((b) => b.terms.size === 0)) {
      e.constant += Math.max(0, ...branches.map((b) => b.constant));
      return;
    }
    const key = `${r}:g${step.id}:${where.id}`;
    let g = this.memo.get(key);
    if (!g) {
      const col = this.model.addColumn(0, Number.POSITIVE_INFINITY);
      for (const b of branches)
        this.model.addRow(0, addScaled(columnExpression(col), b, -1), Number.POSITIVE_INFINITY);
      g = columnExpression(col);
      this.memo.set(key, g);
    }
    addScaled(e, g);
  }
}
