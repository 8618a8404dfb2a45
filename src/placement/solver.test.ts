/**
 * The HiGHS wrapper on a knapsack that branch and bound needs a few nodes to close: a node limit
 * stops it with the gap it leaves, a larger one proves the optimum, and the same model gives the
 * same search every time (no clock in it).
 */
import { describe, expect, it } from 'vitest';
import { addTerm, constantExpression, ModelBuilder } from './lp.js';
import { PRESOLVE_MAX_COLUMNS, rootLpByInteriorPoint, solveModel } from './solver.js';

function knapsacks(): ModelBuilder {
  const model = new ModelBuilder();
  let seed = 7;
  const next = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const items = Array.from({ length: 60 }, () => model.addBinary(-Math.round(10 + 90 * next())));
  for (let r = 0; r < 5; r++) {
    const weight = constantExpression();
    for (const item of items) addTerm(weight, item, Math.round(5 + 50 * next()));
    model.addRow(Number.NEGATIVE_INFINITY, weight, 500);
  }
  return model;
}

describe('solveModel', () => {
  it('stops at the node limit with a solution and its gap; proves the optimum with room', async () => {
    const limited = await solveModel(knapsacks(), { maxNodes: 1 });
    expect(limited.status).toBe('node-limit');
    expect(limited.nodes).toBe(1);
    expect(limited.gap).toBeGreaterThan(0);
    expect(limited.bound).toBeLessThan(limited.objective as number);
    const full = await solveModel(knapsacks());
    expect(full.status).toBe('optimal');
    expect(full.gap).toBe(0);
    expect(full.objective).toBeLessThanOrEqual(limited.objective as number);
    expect(full.objective).toBeGreaterThanOrEqual(limited.bound as number);
  });

  it('stops within a relative gap when asked, with the bound that proves it', async () => {
    const full = await solveModel(knapsacks());
    const within = await solveModel(knapsacks(), { relativeGap: 0.05 });
    expect(within.status).toBe('optimal');
    expect(within.gap).toBeLessThanOrEqual(0.05);
    expect(within.bound).toBeLessThanOrEqual(full.objective as number);
    const objective = within.objective as number;
    expect(objective).toBeGreaterThanOrEqual(full.objective as number);
    // Minimising negative values: within 5 % of the bound, so within 5 % of the optimum.
    expect(Math.abs(objective - (full.objective as number))).toBeLessThanOrEqual(
      0.05 * Math.abs(objective) + 1e-9,
    );
    expect(within.nodes).toBeLessThanOrEqual(full.nodes);
  });

  it('searches the same way every time', async () => {
    const a = await solveModel(knapsacks(), { maxNodes: 3 });
    const b = await solveModel(knapsacks(), { maxNodes: 3 });
    expect([b.status, b.objective, b.bound, b.nodes, b.lpIterations]).toEqual([
      a.status,
      a.objective,
      a.bound,
      a.nodes,
      a.lpIterations,
    ]);
    expect(Array.from(b.values ?? [])).toEqual(Array.from(a.values ?? []));
  });

  it('an infeasible model is infeasible, without a solution', async () => {
    const model = new ModelBuilder();
    const x = model.addBinary(1);
    const y = model.addBinary(1);
    const both = constantExpression();
    addTerm(addTerm(both, x, 1), y, 1);
    model.addRow(3, both, Number.POSITIVE_INFINITY);
    const outcome = await solveModel(model);
    expect(outcome.status).toBe('infeasible');
    expect(outcome.values).toBeUndefined();
  });

  it('solves the root LP by interior point only for a large model with a start, to the proof', () => {
    const large = { numCols: PRESOLVE_MAX_COLUMNS };
    const start = { indices: [0], values: [1] };
    expect(rootLpByInteriorPoint(large, {}, start)).toBe(true);
    expect(rootLpByInteriorPoint(large, { relativeGap: 1e-9 }, start)).toBe(true);
    expect(rootLpByInteriorPoint(large, { relativeGap: 0.01 }, start)).toBe(false);
    expect(rootLpByInteriorPoint(large, {}, undefined)).toBe(false);
    expect(rootLpByInteriorPoint({ numCols: PRESOLVE_MAX_COLUMNS - 1 }, {}, start)).toBe(false);
  });

  it('proves the same optimum with the root LP by interior point (a large model with a start)', async () => {
    const small = await solveModel(knapsacks());
    // The knapsacks padded past the size where a start brings the interior point in, by columns
    // that each sit in a row of their own and cost something, so the LP has work to do.
    const model = knapsacks();
    while (model.numCols < PRESOLVE_MAX_COLUMNS) {
      const pad = model.addColumn(0, 10, 1 + (model.numCols % 7));
      model.addRow(1, addTerm(constantExpression(), pad, 1), Number.POSITIVE_INFINITY);
    }
    const start = { indices: Array.from({ length: 60 }, (_, i) => i), values: new Array(60).fill(0) };
    expect(rootLpByInteriorPoint(model, {}, start)).toBe(true);
    const large = await solveModel(model, {}, start);
    expect(large.status).toBe('optimal');
    let pads = 0;
    for (let col = 60; col < model.numCols; col++) pads += 1 + (col % 7);
    expect(large.objective).toBeCloseTo((small.objective as number) + pads, 6);
  });

  it('proves the same optimum over bounds tightened by reduced costs against the start, even when the start is optimal', async () => {
    const small = await solveModel(knapsacks());
    const model = knapsacks();
    let pads = 0;
    while (model.numCols < PRESOLVE_MAX_COLUMNS) {
      const pad = model.addColumn(0, 10, 1 + (model.numCols % 7));
      pads += 1 + ((model.numCols - 1) % 7);
      model.addRow(1, addTerm(constantExpression(), pad, 1), Number.POSITIVE_INFINITY);
    }
    const indices = Array.from({ length: 60 }, (_, i) => i);
    // Nothing packed (objective: the pads alone), and the optimum itself: the tightest cutoff.
    const optimum = indices.map((i) => Math.round(small.values?.[i] ?? 0));
    for (const values of [new Array(60).fill(0), optimum]) {
      const objective = pads + values.reduce((sum, v, i) => sum + v * (model.colCost[i] as number), 0);
      const outcome = await solveModel(model, {}, { indices, values, objective });
      expect(outcome.status).toBe('optimal');
      expect(outcome.objective).toBeCloseTo((small.objective as number) + pads, 6);
      expect(indices.map((i) => Math.round(outcome.values?.[i] ?? 0))).toEqual(optimum);
    }
  });
});
