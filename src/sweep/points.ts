/**
 * The points of a sweep: every design x load x outage x seed, numbered design-major, each with an
 * id that says what it is; and shards, deterministic slices of them for batch systems.
 */
import { FootprintError } from '../errors.js';
import type { SweepPlan } from './load.js';

/** One point of the grid: one simulation. */
export interface SweepPoint {
  /** Its place in the grid, from 0. */
  readonly index: number;
  /** What it is, e.g. `lz-burst/x1.5/lz-lost/seed-3`: unique in its sweep. */
  readonly id: string;
  readonly design: string;
  readonly load: number;
  readonly outage: string;
  readonly seed: number;
}

/**
 * The point at `index` (0 to plan.points - 1).
 * @example pointAt(plan, 0).id // 'lz-burst/x1/none/seed-1'
 */
export function pointAt(
  plan: Pick<SweepPlan, 'designs' | 'loads' | 'outages' | 'seeds'>,
  index: number,
): SweepPoint {
  const { designs, loads, outages, seeds } = plan;
  let rest = index;
  const s = rest % seeds.length;
  rest = Math.floor(rest / seeds.length);
  const o = rest % outages.length;
  rest = Math.floor(rest / outages.length);
  const l = rest % loads.length;
  const d = Math.floor(rest / loads.length);
  const design = designs[d];
  const load = loads[l];
  const outage = outages[o];
  const seed = seeds[s];
  if (design === undefined || load === undefined || outage === undefined || seed === undefined || index < 0)
    throw new RangeError(
      `no point ${index} in a grid of ${designs.length * loads.length * outages.length * seeds.length}`,
    );
  return {
    index,
    id: `${design.id}/x${load}/${outage.id}/seed-${seed}`,
    design: design.id,
    load,
    outage: outage.id,
    seed,
  };
}

/** A slice of the points: shard k of n (1-based), every n-th point from the (k-1)-th. */
export interface Shard {
  readonly k: number;
  readonly n: number;
}

/**
 * Parses `k/N` (1 <= k <= N), as `--shard` takes it.
 * @example parseShard('2/3') // { k: 2, n: 3 }
 */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = match ? Number(match[1]) : Number.NaN;
  const n = match ? Number(match[2]) : Number.NaN;
  if (!(Number.isSafeInteger(k) && Number.isSafeInteger(n) && k >= 1 && k <= n && n <= 1_000_000))
    throw new FootprintError({
      code: 'FP_USAGE',
      message: `--shard: '${text}' is not a shard`,
      expected: 'k/N with 1 <= k <= N, e.g. 2/3 (the second of three)',
      suggestion: 'in a Kubernetes Indexed Job: --shard $((JOB_COMPLETION_INDEX + 1))/N',
    });
  return { k, n };
}

/**
 * The indices of a shard's points. Round-robin, so that every shard gets a share of every design
 * and load (shards take about as long as one another); the shards of one N cover every point once.
 * @example shardIndices(7, { k: 1, n: 3 }) // [0, 3, 6]
 */
export function shardIndices(points: number, shard: Shard = { k: 1, n: 1 }): number[] {
  const indices: number[] = [];
  for (let i = shard.k - 1; i < points; i += shard.n) indices.push(i);
  return indices;
}
