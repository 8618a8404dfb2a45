/**
 * The generated sampler loop (sample-codegen.ts) against the interpreter (sample.ts), figure by
 * figure with Object.is: on every request and metro of every estate under examples/ and
 * test/fixtures that compiles, and on random trees with every node kind (nested fan-outs, weighted
 * choices, zero-sigma and zero-median leaves, leaves sharing a step's part), for several seeds and
 * sample counts. Also: the inlined generator is pure-rand's xoroshiro128+, draw for draw.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import { describe, expect, it } from 'vitest';
import { loadEstate } from '../model/index.js';
import { compileRequest } from './compile-request.js';
import { endpointTable } from './evaluate.js';
import {
  NODE_CHOICE,
  NODE_FANOUT,
  NODE_LEAF,
  NODE_PARALLEL,
  NODE_SERIES,
  PARTS,
  type Plan,
  PlanBuilder,
  USERS,
} from './plan.js';
import { interpretedSampler, Sampler } from './sample.js';
import { drawLoopSource, MAX_GENERATED_NODES } from './sample-codegen.js';
import { DRAWN, drawNormal, drawUniform, seedDraws } from './sample-rng.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}

/** Every plan the estates under examples/ and test/fixtures compile to (files that fail to load are skipped). */
function estatePlans(): Plan[] {
  const plans: Plan[] = [];
  for (const file of [...yamlFiles(join(ROOT, 'examples')), ...yamlFiles(join(ROOT, 'test/fixtures'))]) {
    try {
      const estate = loadEstate(file);
      const table = endpointTable(estate);
      for (const request of estate.requests)
        for (const users of request.users) plans.push(compileRequest(estate, request, users.metro.id, table));
    } catch {
      // Not an estate, or one that does not compile: nothing to sample.
    }
  }
  return plans;
}

/** A random tree of every node kind, from a seeded generator. */
function randomPlan(seed: number): Plan {
  const rng = xoroshiro128plus(seed);
  const uniform = () => ((rng.next() >>> 0) + 0.5) / 2 ** 32;
  const int = (n: number) => Math.floor(uniform() * n);
  const b = new PlanBuilder();
  const steps = 1 + int(5);
  for (let s = 0; s < steps; s++)
    b.addStep({
      caller: USERS,
      service: `s${s}`,
      from: 'a',
      to: 'b',
      path: `p${s}`,
      rttMs: 1,
      roundTrips: 1,
      payloadMs: 0,
      fanOut: 1,
      cacheHitRatio: 0,
      cacheHit: false,
    });
  const step = () => (uniform() < 0.2 ? -1 : int(steps));
  const leaf = () => {
    const shape = int(5);
    // Fixed times from a short list as often as not: equal times make ties for the slowest child.
    const fixed = shape === 4 ? 0 : int(4) === 0 ? -0 : int(2) === 0 ? int(3) * 1.25 : uniform() * 100;
    const median = shape === 0 ? 0 : shape === 1 ? -1 : 0.1 + uniform() * 20;
    const sigma = shape === 2 ? 0 : uniform() * 1.5;
    b.leaf(step(), int(PARTS), fixed, median, sigma);
  };
  const node = (depth: number): void => {
    const kind = depth > 4 ? NODE_LEAF : int(6) === 0 ? NODE_LEAF : int(5);
    if (kind === NODE_LEAF) {
      leaf();
      return;
    }
    const i = b.open(kind);
    b.count[i] = kind === NODE_FANOUT ? 1 + int(5) : 1;
    if (uniform() < 0.3) b.stepNode[int(steps)] = i;
    const children = kind === NODE_FANOUT ? 1 : int(5);
    for (let c = 0; c < children; c++) {
      const child = b.kind.length;
      node(depth + 1);
      if (kind === NODE_CHOICE) b.weight[child] = int(4) === 0 ? 0 : uniform() * (uniform() < 0.2 ? 1 : 0.6);
      if (uniform() < 0.15) b.stepNode[int(steps)] = child;
    }
    b.close(i);
  };
  const root = b.open(NODE_SERIES);
  for (let c = 1 + int(4); c > 0; c--) node(1);
  b.close(root);
  return b.build('entry');
}

/** Runs both paths; every figure must be the same double, sign of zero included. */
function expectSame(plan: Plan, samples: number, seed: number): void {
  const generated = new Sampler(plan);
  const interpreted = interpretedSampler(plan);
  const a = generated.run(samples, seed);
  const b = interpreted.run(samples, seed);
  const scalars = (r: typeof a) => [r.samples, r.meanMs, r.p50Ms, r.p99Ms];
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) =>
    x.length === y.length && Array.from(x).every((v, k) => Object.is(v, y[k]));
  const where = `plan of ${plan.size} nodes, ${samples} samples, seed ${seed}`;
  expect(same(scalars(a), scalars(b)), `${where}: ${scalars(a)} vs ${scalars(b)}`).toBe(true);
  expect(same(a.partMs, b.partMs), `${where}: partMs`).toBe(true);
  expect(same(a.onPath, b.onPath), `${where}: onPath`).toBe(true);
  expect(same(generated.lastSamples(), interpreted.lastSamples()), `${where}: lastSamples`).toBe(true);
}

describe('the generated sampler loop', () => {
  it('draws from pure-rand xoroshiro128+, draw for draw', () => {
    const seeds = [
      0,
      1,
      -1,
      42,
      0x7fffffff,
      -0x80000000,
      ...Array.from({ length: 60 }, (_, k) => k * 7919 - 3e5),
    ];
    for (const seed of seeds) {
      const reference = xoroshiro128plus(seed);
      const expected = Array.from(
        { length: 2000 },
        () => ((reference.next() >>> 0) + 0.5) * 2.3283064365386963e-10,
      );
      seedDraws(seed);
      const drawn = expected.map(() => {
        drawUniform();
        return DRAWN[0];
      });
      expect(drawn).toEqual(expected);
    }
  });

  it("draws normals by Marsaglia's polar method from pure-rand's stream, pairs and spares alike", () => {
    for (const seed of [0, 1, -1, 42, 0x7fffffff, -0x80000000]) {
      // The reference, written out from pure-rand's generator: what both paths must draw.
      const reference = xoroshiro128plus(seed);
      const unit = () => 2 * (((reference.next() >>> 0) + 0.5) * 2.3283064365386963e-10) - 1;
      const expected: number[] = [];
      while (expected.length < 2000) {
        let [u, v, s] = [0, 0, 0];
        do {
          u = unit();
          v = unit();
          s = u * u + v * v;
        } while (s >= 1 || s === 0);
        const f = Math.sqrt((-2 * Math.log(s)) / s);
        expected.push(u * f, v * f);
      }
      seedDraws(seed);
      const drawn = expected.map(() => {
        drawNormal();
        return DRAWN[0];
      });
      expect(drawn).toEqual(expected);
    }
  });

  it('gives the same bytes as the interpreter on every estate plan of examples/ and test/fixtures', () => {
    const plans = estatePlans();
    expect(plans.length).toBeGreaterThan(50);
    for (const plan of plans) {
      expect(drawLoopSource(plan), `a plan of ${plan.size} nodes is generated`).toBeDefined();
      for (const [samples, seed] of [
        [1, 1],
        [3, -7],
        [400, 12345],
      ] as const)
        expectSame(plan, samples, seed);
    }
  }, 120_000);

  it('gives the same bytes as the interpreter on random trees of every node kind', () => {
    const kinds = new Set<number>();
    for (let k = 0; k < 300; k++) {
      const plan = randomPlan(k);
      for (const kind of plan.kind) kinds.add(kind);
      for (const [samples, seed] of [
        [1, k],
        [2, -k],
        [97, k * 31],
        [300, 5],
      ] as const)
        expectSame(plan, samples, seed);
    }
    expect([...kinds].sort()).toEqual([NODE_LEAF, NODE_SERIES, NODE_PARALLEL, NODE_FANOUT, NODE_CHOICE]);
  }, 120_000);

  it('leaves plans over the size limit to the interpreter', () => {
    const b = new PlanBuilder();
    const root = b.open(NODE_SERIES);
    for (let k = 0; k < MAX_GENERATED_NODES; k++) b.leaf(-1, 0, 1, 2, 0.5);
    b.close(root);
    const plan = b.build('entry');
    expect(drawLoopSource(plan)).toBeUndefined();
    expectSame(plan, 5, 3);
  });
});
