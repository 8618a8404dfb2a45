/**
 * Reduced-cost bounds against brute force: on small random binary programs, every solution whose
 * objective is at most the cutoff (the optimum itself, the tightest cutoff) lies within the
 * tightened bounds, whatever the duals (the LP relaxation's from HiGHS, or random ones), and the LP's
 * duals do tighten; a dual on a row's infinite side gives no bounds; an implied binary is rounded; and
 * on three one-hot vectors with pair columns between them, the fixing by the rows each binary forces
 * keeps every placement within the cutoff.
 */
import { describe, expect, it } from 'vitest';
import { addTerm, constantExpression, ModelBuilder } from './lp.js';
import { reducedCostBounds } from './reduced-cost.js';
import { loadSolver } from './solver.js';

const BINARIES = 10;

function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

/** Binaries with costs of both signs, two knapsack rows, and a choose-at-least row. */
function program(seed: number): ModelBuilder {
  const next = random(seed);
  const model = new ModelBuilder();
  const xs = Array.from({ length: BINARIES }, () => model.addBinary(Math.round(40 * next() - 15)));
  for (let r = 0; r < 2; r++) {
    const weight = constantExpression();
    for (const x of xs) addTerm(weight, x, Math.round(1 + 20 * next()));
    model.addRow(Number.NEGATIVE_INFINITY, weight, 45);
  }
  const some = constantExpression();
  for (const x of xs.slice(0, 5)) addTerm(some, x, 1);
  model.addRow(2, some, Number.POSITIVE_INFINITY);
  return model;
}

/** Every feasible 0/1 point with its objective. */
function solutions(model: ModelBuilder): { x: number[]; objective: number }[] {
  const data = model.toModelData(Number.POSITIVE_INFINITY);
  const out: { x: number[]; objective: number }[] = [];
  for (let mask = 0; mask < 1 << BINARIES; mask++) {
    const x = Array.from({ length: BINARIES }, (_, j) => (mask >> j) & 1);
    let feasible = true;
    for (let i = 0; i < data.numRows && feasible; i++) {
      let activity = 0;
      for (let k = data.matrix.starts[i] ?? 0; k < (data.matrix.starts[i + 1] ?? 0); k++)
        activity += (data.matrix.values[k] ?? 0) * (x[data.matrix.indices[k] ?? 0] ?? 0);
      feasible = activity >= (data.rowLower[i] ?? 0) - 1e-9 && activity <= (data.rowUpper[i] ?? 0) + 1e-9;
    }
    if (feasible) out.push({ x, objective: x.reduce((sum, v, j) => sum + v * (data.colCost[j] ?? 0), 0) });
  }
  return out;
}

async function lpDuals(model: ModelBuilder): Promise<Float64Array> {
  const highs = await loadSolver();
  const { integrality: _, ...relaxed } = model.toModelData(highs.infinity);
  const lp = highs.createModel(relaxed);
  try {
    lp.options.set({ output_flag: false });
    lp.run();
    return lp.getSolution().rowDual;
  } finally {
    lp.dispose();
  }
}

const PLACES = 3;

/**
 * Three one-hot place vectors (binaries, one each) and pair columns between each two of them, implied
 * binaries whose row and column sums are the two vectors (milp-latency.ts's marginal pairs), with
 * random costs; and every placement, with each column's value (the pairs: products).
 */
function pairProgram(seed: number): { model: ModelBuilder; all: { x: number[]; objective: number }[] } {
  const next = random(seed);
  const model = new ModelBuilder();
  const vectors = [0, 1, 2].map(() =>
    Array.from({ length: PLACES }, () => model.addBinary(Math.round(10 * next()))),
  );
  for (const v of vectors) {
    const one = constantExpression();
    for (const x of v) addTerm(one, x, 1);
    model.addRow(1, one, 1);
  }
  const pairs: { col: number; a: number; l: number; b: number; m: number }[] = [];
  for (const [a, b] of [
    [0, 1],
    [1, 2],
    [0, 2],
  ] as const) {
    const rows = Array.from({ length: PLACES }, (_, l) =>
      addTerm(constantExpression(), vectors[a]?.[l] ?? 0, -1),
    );
    const cols = Array.from({ length: PLACES }, (_, m) =>
      addTerm(constantExpression(), vectors[b]?.[m] ?? 0, -1),
    );
    for (let l = 0; l < PLACES; l++)
      for (let m = 0; m < PLACES; m++) {
        const col = model.addImpliedBinary();
        model.colCost[col] = Math.round(30 * next());
        pairs.push({ col, a, l, b, m });
        addTerm(rows[l] as never, col, 1);
        addTerm(cols[m] as never, col, 1);
      }
    for (const e of [...rows, ...cols]) model.addRow(0, e, 0);
  }
  const all: { x: number[]; objective: number }[] = [];
  for (let code = 0; code < PLACES ** 3; code++) {
    const place = [code % PLACES, Math.floor(code / PLACES) % PLACES, Math.floor(code / PLACES ** 2)];
    const x = new Array<number>(model.numCols).fill(0);
    vectors.forEach((v, i) => {
      x[v[place[i] as number] as number] = 1;
    });
    for (const p of pairs) x[p.col] = place[p.a] === p.l && place[p.b] === p.m ? 1 : 0;
    all.push({ x, objective: x.reduce((sum, v, j) => sum + v * (model.colCost[j] ?? 0), 0) });
  }
  return { model, all };
}

describe('reducedCostBounds', () => {
  it('keeps every placement as good as the cutoff when it fixes binaries by the pair rows they force', async () => {
    let fixedByRows = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const { model, all } = pairProgram(seed);
      const optimum = Math.min(...all.map((s) => s.objective));
      const data = { ...model.toModelData(Number.POSITIVE_INFINITY), impliedBinary: model.impliedBinary };
      const next = random(seed + 200);
      const duals = [await lpDuals(model), Array.from({ length: model.numRows }, () => 6 * next() - 3)];
      for (const rowDual of duals)
        for (const cutoff of [optimum, optimum + 2, optimum + 8]) {
          const tight = reducedCostBounds(data, rowDual, cutoff);
          const alone = reducedCostBounds({ ...data, impliedBinary: new Set() }, rowDual, cutoff);
          if (!tight || !alone) continue;
          fixedByRows += tight.tightened - alone.tightened;
          for (const s of all.filter((s) => s.objective <= cutoff))
            s.x.forEach((v, j) => {
              expect(v, `column ${j}, seed ${seed}`).toBeLessThanOrEqual(tight.colUpper[j] as number);
              expect(v, `column ${j}, seed ${seed}`).toBeGreaterThanOrEqual(tight.colLower[j] as number);
            });
        }
    }
    expect(fixedByRows).toBeGreaterThan(0);
  });

  it('keeps every solution as good as the cutoff, from the LP duals and from random ones', async () => {
    let tightened = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const model = program(seed);
      const all = solutions(model);
      const optimum = Math.min(...all.map((s) => s.objective));
      const next = random(seed + 100);
      const duals = [await lpDuals(model), Array.from({ length: model.numRows }, () => 4 * next() - 2)];
      for (const [d, rowDual] of duals.entries())
        for (const cutoff of [optimum, optimum + 3]) {
          const tight = reducedCostBounds(model.toModelData(Number.POSITIVE_INFINITY), rowDual, cutoff);
          if (!tight) continue;
          expect(tight.bound).toBeLessThanOrEqual(optimum + 1e-9);
          if (d === 0) tightened += tight.tightened;
          for (const s of all.filter((s) => s.objective <= cutoff))
            s.x.forEach((v, j) => {
              expect(v).toBeGreaterThanOrEqual(tight.colLower[j] as number);
              expect(v).toBeLessThanOrEqual(tight.colUpper[j] as number);
            });
        }
    }
    expect(tightened).toBeGreaterThan(0);
  });

  it('bounds a continuous column by the slack over its reduced cost, and gives none from an infinite side', () => {
    // min 2x + y, x + y >= 1, x in [0, 10], y in [0, 10]: with y's dual 1 on the row, L = 1,
    // d = (1, 0); at cutoff 3, x <= (3 + margin - 1) / 1.
    const model = new ModelBuilder();
    const x = model.addColumn(0, 10, 2);
    const y = model.addColumn(0, 10, 1);
    model.addRow(1, addTerm(addTerm(constantExpression(), x, 1), y, 1), Number.POSITIVE_INFINITY);
    const data = model.toModelData(Number.POSITIVE_INFINITY);
    const tight = reducedCostBounds(data, [1], 3);
    expect(tight?.bound).toBe(1);
    expect(tight?.colUpper[x]).toBeCloseTo(2, 5);
    expect(tight?.colUpper[x]).toBeGreaterThanOrEqual(2);
    expect(tight?.colUpper[y]).toBe(10);
    expect(tight?.tightened).toBe(1);
    // A negative dual needs the row's upper side, which is infinite.
    expect(reducedCostBounds(data, [-1], 3)).toBeUndefined();
    // No solution reaches a cutoff below the bound.
    expect(reducedCostBounds(data, [1], 0.5)).toBeUndefined();
  });

  it('rounds an implied binary like a binary: a slack below its reduced cost fixes it at 0', () => {
    // min 2x + y, x + y >= 1, x and y in [0, 1] continuous: L = 1, d = (1, 0); at cutoff 1.5 a
    // continuous x keeps x <= 0.5, an implied binary x (0 or 1 in every solution) is fixed at 0.
    const model = new ModelBuilder();
    const x = model.addImpliedBinary();
    model.colCost[x] = 2;
    const y = model.addColumn(0, 1, 1);
    model.addRow(1, addTerm(addTerm(constantExpression(), x, 1), y, 1), Number.POSITIVE_INFINITY);
    const data = model.toModelData(Number.POSITIVE_INFINITY);
    expect(reducedCostBounds(data, [1], 1.5)?.colUpper[x]).toBeCloseTo(0.5, 5);
    const implied = reducedCostBounds({ ...data, impliedBinary: model.impliedBinary }, [1], 1.5);
    expect(implied?.colUpper[x]).toBe(0);
    expect(implied?.colUpper[y]).toBe(1);
  });
});
