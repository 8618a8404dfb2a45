/**
 * The solver behind every latency fit: minimise the mean relative absolute error of a model that
 * is linear in its parameters, Σ |x·θ - y| / y, by iteratively reweighted least squares, with lower
 * bounds (an active set) and a ridge that pulls chosen coordinates toward a prior.
 *
 * Rows are sparse: a few dense columns shared by every row, plus a few indicator slots per row
 * (e.g. "this measurement entered the network at hub 17").
 */

/** The design: `rows` measurements, `dense` dense columns and `slots` indicator columns per row. */
export interface LinearDesign {
  readonly rows: number;
  readonly columns: number;
  readonly dense: number;
  /** rows × dense coefficients. */
  readonly denseValues: Float64Array;
  readonly slots: number;
  /** rows × slots column indices (each >= dense), or -1 for an empty slot. */
  readonly slotColumns: Int32Array;
  /** The measured values (all > 0). */
  readonly observed: Float64Array;
}

export interface SolveConstraints {
  /** 1 where a coordinate may move. */
  readonly free: Uint8Array;
  /** Lower bound of each coordinate (-Infinity for none). */
  readonly lower: Float64Array;
  /** Ridge strength per coordinate, pulling it toward `prior`. */
  readonly ridge: Float64Array;
  readonly prior: Float64Array;
  /** Loss: mean |relative error| to this power (1 is robust and median-like). */
  readonly power: number;
}

/** The design's prediction for one row. */
export function predictRow(design: LinearDesign, theta: Float64Array, k: number): number {
  let v = 0;
  for (let j = 0; j < design.dense; j++)
    v += (design.denseValues[k * design.dense + j] as number) * (theta[j] as number);
  for (let e = 0; e < design.slots; e++) {
    const c = design.slotColumns[k * design.slots + e] as number;
    if (c >= 0) v += theta[c] as number;
  }
  return v;
}

/** Columns that some row uses (the data says something about them). */
export function usedColumns(design: LinearDesign): Uint8Array {
  const used = new Uint8Array(design.columns);
  for (let k = 0; k < design.rows; k++) {
    for (let j = 0; j < design.dense; j++) if (design.denseValues[k * design.dense + j] !== 0) used[j] = 1;
    for (let e = 0; e < design.slots; e++) {
      const c = design.slotColumns[k * design.slots + e] as number;
      if (c >= 0) used[c] = 1;
    }
  }
  return used;
}

/**
 * The θ that minimises the mean relative absolute error (to `power`) from `start`, moving only free
 * coordinates. Deterministic: fixed iteration limits, no randomness.
 */
export function solveRelativeL1(
  design: LinearDesign,
  start: Float64Array,
  constraints: SolveConstraints,
): Float64Array {
  const p = design.columns;
  const n = design.rows;
  const width = design.dense + design.slots;
  const slots = new Int32Array(width);
  const values = new Float64Array(width);
  const theta = Float64Array.from(start);
  for (let iteration = 0; iteration < 25; iteration++) {
    const clamped = new Uint8Array(p);
    // The held values: theta, with coordinates clamped to their bound as passes find them.
    const base = Float64Array.from(theta);
    let solution = base;
    for (let pass = 0; pass < 8; pass++) {
      const active: number[] = [];
      for (let i = 0; i < p; i++) if (constraints.free[i] && !clamped[i]) active.push(i);
      if (active.length === 0) break;
      const position = new Int32Array(p).fill(-1);
      active.forEach((i, a) => {
        position[i] = a;
      });
      const m = active.length;
      const normal = new Float64Array(m * m);
      const rhs = new Float64Array(m);
      for (let k = 0; k < n; k++) {
        const y = design.observed[k] as number;
        const residual = (predictRow(design, theta, k) - y) / y;
        const weight = Math.max(Math.abs(residual), 0.01) ** (constraints.power - 2);
        // The row of the scaled design (x / y), sparse; the held part moves to the right-hand side.
        let nonzero = 0;
        let held = 0;
        const add = (i: number, value: number) => {
          const a = position[i] as number;
          if (a < 0) {
            held += value * (base[i] as number);
            return;
          }
          for (let z = 0; z < nonzero; z++) {
            if (slots[z] === a) {
              values[z] = (values[z] as number) + value;
              return;
            }
          }
          slots[nonzero] = a;
          values[nonzero] = value;
          nonzero++;
        };
        for (let j = 0; j < design.dense; j++) {
          const x = design.denseValues[k * design.dense + j] as number;
          if (x !== 0) add(j, x / y);
        }
        for (let e = 0; e < design.slots; e++) {
          const c = design.slotColumns[k * design.slots + e] as number;
          if (c >= 0) add(c, 1 / y);
        }
        const target = 1 - held;
        for (let z = 0; z < nonzero; z++) {
          const a = slots[z] as number;
          const va = weight * (values[z] as number);
          rhs[a] = (rhs[a] as number) + va * target;
          for (let w = 0; w < nonzero; w++) {
            const c = a * m + (slots[w] as number);
            normal[c] = (normal[c] as number) + va * (values[w] as number);
          }
        }
      }
      active.forEach((i, a) => {
        const ridge = constraints.ridge[i] as number;
        normal[a * m + a] = (normal[a * m + a] as number) + ridge;
        rhs[a] = (rhs[a] as number) + ridge * (constraints.prior[i] as number);
      });
      const x = solveSymmetric(normal, rhs, m);
      if (!x) break;
      solution = Float64Array.from(base);
      active.forEach((i, a) => {
        solution[i] = x[a] as number;
      });
      let violated = false;
      for (const i of active) {
        if ((solution[i] as number) < (constraints.lower[i] as number)) {
          solution[i] = constraints.lower[i] as number;
          base[i] = constraints.lower[i] as number;
          clamped[i] = 1;
          violated = true;
        }
      }
      if (!violated) break;
    }
    let change = 0;
    for (let i = 0; i < p; i++)
      change = Math.max(change, Math.abs((solution[i] as number) - (theta[i] as number)));
    theta.set(solution);
    if (change < 1e-7) break;
  }
  return theta;
}

/** Solves a symmetric positive-definite system by Cholesky; undefined when it is singular. */
function solveSymmetric(matrix: Float64Array, rhs: Float64Array, m: number): Float64Array | undefined {
  const l = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * m + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * m + k] as number) * (l[j * m + k] as number);
      if (i === j) {
        if (sum <= 1e-18) return undefined;
        l[i * m + i] = Math.sqrt(sum);
      } else l[i * m + j] = sum / (l[j * m + j] as number);
    }
  }
  const y = new Float64Array(m);
  for (let i = 0; i < m; i++) {
    let sum = rhs[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * m + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * m + i] as number);
  }
  const x = new Float64Array(m);
  for (let i = m - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < m; k++) sum -= (l[k * m + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * m + i] as number);
  }
  return x;
}

/** Mean of |predicted - observed| / observed. */
export function meanRelativeError(predicted: ArrayLike<number>, observed: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < observed.length; i++) {
    sum += Math.abs((predicted[i] as number) - (observed[i] as number)) / (observed[i] as number);
  }
  return observed.length ? sum / observed.length : 0;
}

/** How far predictions are from measurements, relatively: the figures Footprint reports. */
export interface ErrorSummary {
  readonly pairs: number;
  /** Median of |predicted - measured| / measured. */
  readonly medianError: number;
  /** 90th percentile of the same. */
  readonly p90Error: number;
}

/**
 * Median and 90th percentile of the relative absolute error over the rows `keep` accepts (and whose
 * prediction is a number).
 * @example summariseErrors([11, 18], [10, 20]).medianError // 0.1
 */
export function summariseErrors(
  predicted: ArrayLike<number>,
  observed: ArrayLike<number>,
  keep: (i: number) => boolean = () => true,
): ErrorSummary {
  const errors: number[] = [];
  for (let i = 0; i < observed.length; i++) {
    const p = predicted[i] as number;
    const y = observed[i] as number;
    if (keep(i) && Number.isFinite(p)) errors.push(Math.abs(p - y) / y);
  }
  errors.sort((a, b) => a - b);
  return { pairs: errors.length, medianError: quantile(errors, 0.5), p90Error: quantile(errors, 0.9) };
}

/** Linear-interpolated quantile of sorted values (NaN when empty). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = q * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}
