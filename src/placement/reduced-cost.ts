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
 * 7), and the WebAssembly build in 35.6 s instead of 44.9 s (1 node against 5). With the implied
 * binaries rounded and the fixing by their rows (fixByGroups), 35,825 columns are fixed at 0, and
 * the WebAssembly build's proof took 25.5 s against 37.0 s side by side.
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
  tightened += fixByGroups(model, d, slack, colLower, colUpper);
  return { colLower, colUpper, bound, tightened };
}

/** A row x = sum of implied binaries: x is 1 exactly when one of them is. */
interface Group {
  readonly x: number;
  readonly members: readonly number[];
}

/** The rows x = sum of implied binaries (zero sides: a pair block's row or column sums), by x. */
function groupsOf(model: ModelArrays, implied: ReadonlySet<number>): Map<number, Group[]> {
  const byX = new Map<number, Group[]>();
  const { starts, indices, values } = model.matrix;
  for (let i = 0; i < model.numRows; i++) {
    if (model.rowLower[i] !== 0 || model.rowUpper[i] !== 0) continue;
    let x = -1;
    const members: number[] = [];
    const end = starts[i + 1] ?? 0;
    for (let k = starts[i] ?? 0; k < end && x > -2; k++) {
      const j = indices[k] ?? 0;
      if (values[k] === -1 && x === -1 && model.integrality[j] === 1) x = j;
      else if (values[k] === 1 && implied.has(j)) members.push(j);
      else x = -2;
    }
    if (x < 0) continue;
    const list = byX.get(x) ?? [];
    list.push({ x, members });
    byX.set(x, list);
  }
  // Rows of one x that share a member could count its cost twice: such an x is left out.
  for (const [x, list] of byX) {
    const seen = new Set<number>();
    for (const g of list)
      for (const j of g.members) {
        if (seen.has(j)) byX.delete(x);
        seen.add(j);
      }
  }
  return byX;
}

/**
 * Fixes at 0 the binaries x, and the implied binaries, whose value 1 costs more than the slack once
 * the rows it forces are counted. A row x = sum of implied binaries makes one of them 1 when x is, so
 * x = 1 costs at least d_x plus, for each such row, its cheapest member still free (none free: x must
 * be 0); a member at 1 makes its row's x 1, so it costs at least its own d plus x's cost with that
 * row's cheapest replaced by it. Rounds repeat while they fix something (each fix raises others'
 * cheapest). The Lagrangian terms of distinct columns add up, hence the rule that one x's rows
 * share no member. On the bench model, with the warm start's objective, this takes the columns fixed
 * at 0 from 26,735 (72 of them placement binaries) to 35,825 (547 of the 1,560 binaries), in 0.1 s.
 */
function fixByGroups(
  model: ModelArrays,
  d: Float64Array,
  slack: number,
  colLower: Float64Array,
  colUpper: Float64Array,
): number {
  const implied = model.impliedBinary;
  if (!implied || implied.size === 0) return 0;
  const byX = groupsOf(model, implied);
  const cost = (j: number) => ((colUpper[j] ?? 0) >= 1 ? Math.max(0, d[j] ?? 0) : Number.POSITIVE_INFINITY);
  const fix = (j: number) => {
    if ((colLower[j] ?? 0) !== 0 || (colUpper[j] ?? 0) === 0) return 0;
    colUpper[j] = 0;
    return 1;
  };
  let fixed = 0;
  for (let round = 0, changed = 1; round < 8 && changed > 0; round++) {
    changed = 0;
    for (const [x, list] of byX) {
      if ((colUpper[x] ?? 0) === 0) {
        for (const g of list) for (const j of g.members) changed += fix(j);
        continue;
      }
      const cheapest = list.map((g) => Math.min(...g.members.map(cost)));
      const total = cost(x) + cheapest.reduce((a, b) => a + b, 0);
      if (total > slack) {
        changed += fix(x);
        continue;
      }
      list.forEach((g, r) => {
        const others = total - (cheapest[r] ?? 0);
        for (const j of g.members) if (others + cost(j) > slack) changed += fix(j);
      });
    }
    fixed += changed;
  }
  return fixed;
}
