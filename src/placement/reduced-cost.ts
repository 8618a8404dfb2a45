/**
 * Reduced-cost bounds: with the row duals y of a model's LP relaxation and the objective `cutoff`
 * of a solution known to be feasible (the warm start's), every solution of objective at most the
 * cutoff keeps each column within bounds derived from the duals, so the MILP to the proof may be
 * solved over those tighter bounds without losing any solution as good as the start: the optimum,
 * and any placement that ties with it, stay. The bound is Lagrangian, recomputed here from y
 * rather than taken from the LP solver's objective: for any x within the column bounds with
 * rowLower <= Ax <= rowUpper,
 *
 *   c.x + offset = d.x + y.(Ax) + offset >= L = offset + sum_i min(y_i rowLower_i, y_i rowUpper_i)
 *                                               + sum_j min(d_j lower_j, d_j upper_j),  d = c - A'y,
 *
 * whatever y is (optimal or not, so the simplex's tolerances cannot make it wrong), and for a
 * column with d_j > 0, c.x <= cutoff gives d_j (x_j - lower_j) <= cutoff - L; with d_j < 0 the same
 * at its upper bound; a binary's bound rounds, and so does an implied binary's (a continuous column
 * the rows force to 0 or 1 once the binaries are integral, as the MILP's pair columns: lp.ts), so a
 * pair column whose reduced cost exceeds the slack is fixed at 0 rather than bounded at a fraction
 * that HiGHS's presolve must work around. A term that would be infinite (a dual on a row's infinite side, a reduced
 * cost pulling a column toward an infinite bound) makes L useless, so there is no tightening; a
 * reduced cost below {@link ZERO_REDUCED_COST} in size counts as zero there (rounding, as on the
 * bench model's 14 columns with d = -5.6e-17), which the cutoff's margin covers.
 *
 * On the bench model (51,023 columns) HiGHS's LP relaxation (7,812 dual simplex iterations after
 * its LP presolve) and the warm start (0.08 % above the optimum) tighten the upper bounds of 26,751
 * columns, most of them pair columns of RTT products far above the start's latency; native HiGHS
 * then proves the optimum from the start in 2.6 + 20.8 s of CPU instead of 36.5 s (1 node against
 * 7), and the WebAssembly build in 35.6 s instead of 44.9 s (1 node against 5).
 */

/** The arrays of a model (ModelBuilder.toModelData's shape) that the bounds are computed from. */
export interface ModelArrays {
  readonly numCols: number;
  readonly numRows: number;
  readonly offset: number;
  readonly colCost: ArrayLike<number>;
  readonly colLower: ArrayLike<number>;
  readonly colUpper: ArrayLike<number>;
  readonly rowLower: ArrayLike<number>;
  readonly rowUpper: ArrayLike<number>;
  readonly integrality: ArrayLike<number>;
  /** Continuous columns that are 0 or 1 in every solution with integral binaries (rounded like them). */
  readonly impliedBinary?: ReadonlySet<number>;
  readonly matrix: {
    readonly starts: ArrayLike<number>;
    readonly indices: ArrayLike<number>;
    readonly values: ArrayLike<number>;
  };
}

/** Reduced costs smaller than this in size count as zero where a bound is infinite. */
export const ZERO_REDUCED_COST = 1e-9;

/** The cutoff's margin, relative: the start's objective as the model computes it may differ in rounding. */
export const CUTOFF_MARGIN = 1e-6;

/** Tightened column bounds, and how many columns they tighten. */
export interface ReducedCostBounds {
  readonly colLower: Float64Array<ArrayBuffer>;
  readonly colUpper: Float64Array<ArrayBuffer>;
  /** The Lagrangian bound L the tightening is computed from. */
  readonly bound: number;
  readonly tightened: number;
}

/** Values at least this large in size are infinite (the solver's infinity, ModelBuilder's or 1e30). */
const INFINITE = 1e29;

/**
 * Column bounds that every solution of objective at most `cutoff` satisfies, from the row duals
 * `rowDual` (any y; an LP relaxation's optimal ones tighten most); undefined when the duals give no
 * finite bound or the bound is above the cutoff (no solution that good: nothing to tighten by).
 */
export function reducedCostBounds(
  model: ModelArrays,
  rowDual: ArrayLike<number>,
  cutoff: number,
): ReducedCostBounds | undefined {
  const d = Float64Array.from(model.colCost);
  let bound = model.offset;
  for (let i = 0; i < model.numRows; i++) {
    const y = rowDual[i] ?? 0;
    if (y === 0) continue;
    const side = y > 0 ? model.rowLower[i] : model.rowUpper[i];
    if (side === undefined || Math.abs(side) >= INFINITE) return undefined;
    bound += y * side;
    const end = model.matrix.starts[i + 1] ?? 0;
    for (let k = model.matrix.starts[i] ?? 0; k < end; k++) {
      const j = model.matrix.indices[k] ?? 0;
      d[j] = (d[j] ?? 0) - y * (model.matrix.values[k] ?? 0);
    }
  }
  for (let j = 0; j < model.numCols; j++) {
    const dj = d[j] ?? 0;
    const at = dj > 0 ? model.colLower[j] : model.colUpper[j];
    if (dj === 0 || at === undefined) continue;
    if (Math.abs(at) < INFINITE) bound += dj * at;
    else if (Math.abs(dj) < ZERO_REDUCED_COST) d[j] = 0;
    else return undefined;
  }
  const slack = cutoff + CUTOFF_MARGIN * Math.max(1, Math.abs(cutoff)) - bound;
  if (!(slack >= 0)) return undefined;
  const colLower = Float64Array.from(model.colLower);
  const colUpper = Float64Array.from(model.colUpper);
  let tightened = 0;
  for (let j = 0; j < model.numCols; j++) {
    const dj = d[j] ?? 0;
    if (dj === 0) continue;
    const integer = model.integrality[j] === 1 || model.impliedBinary?.has(j) === true;
    const lower = colLower[j] ?? 0;
    const upper = colUpper[j] ?? 0;
    if (dj > 0) {
      const reach = lower + slack / dj;
      const limit = integer ? Math.floor(reach + 1e-9) : reach;
      if (limit < upper) {
        colUpper[j] = Math.max(lower, limit);
        tightened++;
      }
    } else {
      const reach = upper - slack / -dj;
      const limit = integer ? Math.ceil(reach - 1e-9) : reach;
      if (limit > lower) {
        colLower[j] = Math.min(upper, limit);
        tightened++;
      }
    }
  }
  return { colLower, colUpper, bound, tightened };
}
