/**
 * A small builder of mixed-integer linear programs: columns with bounds, costs and integrality,
 * rows as sparse linear expressions with bounds, laid out in compressed rows for the solver.
 */

/** A linear expression: a constant plus coefficients by column. */
export interface LinearExpression {
  constant: number;
  readonly terms: Map<number, number>;
}

/** An expression with only a constant. */
export function constantExpression(value = 0): LinearExpression {
  return { constant: value, terms: new Map() };
}

/** `target += scale x source`, in place; returns target. */
export function addScaled(target: LinearExpression, source: LinearExpression, scale = 1): LinearExpression {
  if (scale === 0) return target;
  target.constant += scale * source.constant;
  for (const [col, coef] of source.terms) target.terms.set(col, (target.terms.get(col) ?? 0) + scale * coef);
  return target;
}

/** `target += coef x column`, in place. */
export function addTerm(target: LinearExpression, col: number, coef: number): LinearExpression {
  if (coef !== 0) target.terms.set(col, (target.terms.get(col) ?? 0) + coef);
  return target;
}

/** An expression of one column. */
export function columnExpression(col: number, coef = 1): LinearExpression {
  return { constant: 0, terms: new Map([[col, coef]]) };
}

export class ModelBuilder {
  readonly colLower: number[] = [];
  readonly colUpper: number[] = [];
  readonly colCost: number[] = [];
  readonly integrality: number[] = [];
  /**
   * Continuous columns that are 0 or 1 in every solution whose integer columns are integral (the
   * product of binaries the rows force, as milp-latency.ts's pair columns): the solver sees them
   * continuous, reduced-cost bounds may round them like binaries.
   */
  readonly impliedBinary = new Set<number>();
  readonly rowLower: number[] = [];
  readonly rowUpper: number[] = [];
  private readonly rowStarts: number[] = [0];
  private readonly rowIndices: number[] = [];
  private readonly rowValues: number[] = [];
  /** A constant added to the objective. */
  offset = 0;

  get numCols(): number {
    return this.colCost.length;
  }

  get numRows(): number {
    return this.rowLower.length;
  }

  get numNonzeros(): number {
    return this.rowIndices.length;
  }

  /** Adds a column; returns its index. */
  addColumn(lower: number, upper: number, cost = 0, integer = false): number {
    this.colLower.push(lower);
    this.colUpper.push(upper);
    this.colCost.push(cost);
    this.integrality.push(integer ? 1 : 0);
    return this.colCost.length - 1;
  }

  /** Adds a continuous [0, 1] column that the rows force to 0 or 1 when the binaries are integral. */
  addImpliedBinary(): number {
    const col = this.addColumn(0, 1);
    this.impliedBinary.add(col);
    return col;
  }

  /** Adds a binary column. */
  addBinary(cost = 0): number {
    return this.addColumn(0, 1, cost, true);
  }

  /**
   * Adds `lower <= expression <= upper`; the expression's constant moves to the bounds. Returns the
   * row's index, or -1 when the expression has no column (then the bounds must hold as they are).
   */
  addRow(lower: number, expression: LinearExpression, upper: number): number {
    const lo = lower - expression.constant;
    const hi = upper - expression.constant;
    const terms = [...expression.terms].filter(([, coef]) => coef !== 0).sort((a, b) => a[0] - b[0]);
    if (terms.length === 0) {
      if (lo > 1e-9 || hi < -1e-9) throw new RangeError('a constant row that does not hold');
      return -1;
    }
    for (const [col, coef] of terms) {
      this.rowIndices.push(col);
      this.rowValues.push(coef);
    }
    this.rowStarts.push(this.rowIndices.length);
    this.rowLower.push(lo);
    this.rowUpper.push(hi);
    return this.rowLower.length - 1;
  }

  /** The model in the solver's shape (compressed rows). */
  toModelData(infinity: number) {
    const clamp = (v: number) =>
      v === Number.POSITIVE_INFINITY ? infinity : v === Number.NEGATIVE_INFINITY ? -infinity : v;
    return {
      numCols: this.numCols,
      numRows: this.numRows,
      offset: this.offset,
      colCost: Float64Array.from(this.colCost),
      colLower: Float64Array.from(this.colLower, clamp),
      colUpper: Float64Array.from(this.colUpper, clamp),
      rowLower: Float64Array.from(this.rowLower, clamp),
      rowUpper: Float64Array.from(this.rowUpper, clamp),
      matrix: {
        format: 'csr' as const,
        numRows: this.numRows,
        numCols: this.numCols,
        starts: Int32Array.from(this.rowStarts),
        indices: Int32Array.from(this.rowIndices),
        values: Float64Array.from(this.rowValues),
      },
      integrality: Int32Array.from(this.integrality),
    };
  }
}
