/**
 * The Monte Carlo evaluator: draws the end-to-end latency of a compiled plan many times with a
 * seeded generator (pure-rand's xoroshiro128+), and attributes each draw to the calls on its
 * critical path. Byte-for-byte reproducible: the same plan, seed and sample count give the same
 * figures. The hot loop works on typed arrays and allocates nothing per sample.
 *
 * Every leaf is an independent draw: a fixed time (network, payload, cache hit) or a lognormal
 * compute time. A series adds its children, a parallel group takes the slowest, a fan-out takes the
 * slowest of n independent draws of its child, and a choice takes one child with its probability.
 *
 * The critical path of one draw is the chain of leaves whose times make up the total: all children
 * of a series, the slowest child of a parallel group, the slowest draw of a fan-out, the chosen child
 * of a choice. Summing each leaf's time over the draws where it is on that path, divided by the number
 * of draws, splits the mean end-to-end latency exactly between the calls.
 *
 * Two ways to run the same loop: sample-codegen.ts compiles the plan into a JavaScript function
 * (one per shape of plan, shared; about 2x faster once V8 has optimised it), and the interpreter
 * here walks the typed arrays node by node. Both draw from sample-rng.ts's generator and give the
 * same bytes; the interpreter is the reference, and the fallback for the plans the generator
 * declines.
 */
import { NODE_CHOICE, NODE_FANOUT, NODE_LEAF, NODE_PARALLEL, NODE_SERIES, PARTS, type Plan } from './plan.js';
import { type DrawLoop, generateDrawLoop } from './sample-codegen.js';
import { DRAWN, drawNormal, drawUniform, seedDraws } from './sample-rng.js';

/** Samplers made by {@link interpretedSampler}: they never use generated code. */
const interpretedOnly = new WeakSet<Sampler>();

/**
 * A Sampler that always interprets its plan: the reference the generated code is tested and
 * benchmarked against. Not part of the library's API.
 * @example interpretedSampler(plan).run(20_000, 1).p99Ms
 */
export function interpretedSampler(plan: Plan): Sampler {
  const sampler = new Sampler(plan);
  interpretedOnly.add(sampler);
  return sampler;
}

/** What a run of the sampler measured. */
export interface SampleRun {
  readonly samples: number;
  readonly meanMs: number;
  /** Nearest-rank percentiles of the end-to-end latency. */
  readonly p50Ms: number;
  readonly p99Ms: number;
  /** Per step and part (`step * PARTS + part`): the mean time it adds to the critical path. */
  readonly partMs: Float64Array;
  /** Per step: the share of draws in which it is on the critical path. */
  readonly onPath: Float64Array;
}

/**
 * Evaluates one plan; reusable across runs (buffers are allocated once).
 * @example new Sampler(plan).run(20_000, 1).p99Ms
 */
export class Sampler {
  // The plan's arrays, held directly: the hot loop reads them at every node.
  private readonly kind: Uint8Array;
  private readonly end: Int32Array;
  private readonly fixedMs: Float64Array;
  private readonly medianMs: Float64Array;
  private readonly sigma: Float64Array;
  private readonly count: Int32Array;
  private readonly weight: Float64Array;
  private readonly fanDepth: Int32Array;
  private readonly leafStep: Int32Array;
  private readonly leafPart: Uint8Array;
  private readonly value: Float64Array;
  private readonly chosen: Int32Array;
  private readonly nodeStep: Int32Array;
  private readonly savedValue: Float64Array[];
  private readonly savedChosen: Int32Array[];
  private partSum: Float64Array;
  private onPathCount: Float64Array;
  private totals = new Float64Array(0);
  private readonly plan: Plan;
  /** The plan's generated loop: undefined until the first run, null when it is interpreted. */
  private loop: DrawLoop | null | undefined;

  constructor(plan: Plan) {
    this.plan = plan;
    this.kind = plan.kind;
    this.end = plan.end;
    this.fixedMs = plan.fixedMs;
    this.medianMs = plan.medianMs;
    this.sigma = plan.sigma;
    this.count = plan.count;
    this.weight = plan.weight;
    this.fanDepth = plan.fanDepth;
    this.leafStep = plan.leafStep;
    this.leafPart = plan.leafPart;
    this.value = new Float64Array(plan.size);
    this.chosen = new Int32Array(plan.size).fill(-1);
    this.nodeStep = new Int32Array(plan.size).fill(-1);
    plan.stepNode.forEach((node, step) => {
      if (node >= 0) this.nodeStep[node] = step;
    });
    this.savedValue = Array.from({ length: plan.maxFanDepth }, () => new Float64Array(plan.size));
    this.savedChosen = Array.from({ length: plan.maxFanDepth }, () => new Int32Array(plan.size));
    this.partSum = new Float64Array(plan.steps.length * PARTS);
    this.onPathCount = new Float64Array(plan.steps.length);
  }

  /** Draws `samples` end-to-end latencies with generator seed `seed` (a 32-bit integer). */
  run(samples: number, seed: number): SampleRun {
    if (!Number.isInteger(samples) || samples < 1)
      throw new RangeError(`samples must be >= 1, got ${samples}`);
    this.partSum.fill(0);
    this.onPathCount.fill(0);
    if (this.totals.length !== samples) this.totals = new Float64Array(samples);
    const sum = this.drawAll(samples, seed);
    const totals = this.totals;
    const p99Ms = selectInPlace(totals, rankIndex(0.99, samples));
    const k50 = rankIndex(0.5, samples);
    const p50Ms = selectInPlace(totals, k50, 0, Math.max(k50, rankIndex(0.99, samples) - 1));
    const partMs = new Float64Array(this.partSum.length);
    for (let i = 0; i < partMs.length; i++) partMs[i] = (this.partSum[i] as number) / samples;
    const onPath = new Float64Array(this.onPathCount.length);
    for (let i = 0; i < onPath.length; i++) onPath[i] = (this.onPathCount[i] as number) / samples;
    return { samples, meanMs: sum / samples, p50Ms, p99Ms, partMs, onPath };
  }

  /** Draws with the generated loop (compiled on the first run), or else the interpreter. */
  private drawAll(samples: number, seed: number): number {
    if (this.loop === undefined)
      this.loop = interpretedOnly.has(this) ? null : (generateDrawLoop(this.plan) ?? null);
    if (this.loop === null) {
      seedDraws(seed | 0);
      return this.draw(samples);
    }
    return this.loop(samples, seed | 0, this.totals, this.partSum, this.onPathCount);
  }

  /**
   * The hot loop, on its own so that it is optimised whole: draws `samples` totals into `totals`,
   * attributes each to its critical path, and returns their sum.
   */
  private draw(samples: number): number {
    const totals = this.totals;
    const value = this.value;
    let sum = 0;
    for (let s = 0; s < samples; s++) {
      this.node(0);
      const total = value[0] as number;
      totals[s] = total;
      sum += total;
      this.attribute(0);
    }
    return sum;
  }

  /** The end-to-end latencies of the last run (order not kept: percentile selection permutes them). */
  lastSamples(): Float64Array {
    return this.totals;
  }

  /**
   * Draws node i into `value[i]`. Returns nothing: a double returned from a function that is not
   * inlined (this one recurses) is boxed on the heap, one allocation per node per draw.
   */
  private node(i: number): void {
    const value = this.value;
    const ends = this.end;
    const end = ends[i] as number;
    switch (this.kind[i]) {
      case NODE_LEAF: {
        let v = this.fixedMs[i] as number;
        const median = this.medianMs[i] as number;
        if (median > 0) {
          const sigma = this.sigma[i] as number;
          if (sigma > 0) {
            drawNormal();
            v += median * Math.exp(sigma * (DRAWN[0] as number));
          } else v += median;
        }
        value[i] = v;
        return;
      }
      case NODE_SERIES: {
        let sum = 0;
        const kind = this.kind;
        for (let c = i + 1; c < end; c = ends[c] as number) {
          // Fixed leaves (network, payload) are most of the nodes: no call for them.
          if (kind[c] === NODE_LEAF && this.medianMs[c] === 0) {
            const v = this.fixedMs[c] as number;
            value[c] = v;
            sum += v;
          } else {
            this.node(c);
            sum += value[c] as number;
          }
        }
        value[i] = sum;
        return;
      }
      case NODE_PARALLEL: {
        let max = 0;
        let arg = -1;
        for (let c = i + 1; c < end; c = ends[c] as number) {
          this.node(c);
          const v = value[c] as number;
          if (arg < 0 || v > max) {
            max = v;
            arg = c;
          }
        }
        this.chosen[i] = arg;
        value[i] = max;
        return;
      }
      case NODE_FANOUT: {
        const c = i + 1;
        const n = this.count[i] as number;
        const savedValue = this.savedValue[this.fanDepth[i] as number] as Float64Array;
        const savedChosen = this.savedChosen[this.fanDepth[i] as number] as Int32Array;
        let max = 0;
        let best = -1;
        for (let k = 0; k < n; k++) {
          this.node(c);
          const v = value[c] as number;
          if (best < 0 || v > max) {
            max = v;
            best = k;
            // Keep the slowest draw's subtree for attribution, unless no later draw can overwrite it.
            if (k < n - 1) {
              for (let j = c; j < end; j++) {
                savedValue[j] = value[j] as number;
                savedChosen[j] = this.chosen[j] as number;
              }
            }
          }
        }
        if (best < n - 1) {
          for (let j = c; j < end; j++) {
            value[j] = savedValue[j] as number;
            this.chosen[j] = savedChosen[j] as number;
          }
        }
        value[i] = max;
        return;
      }
      case NODE_CHOICE: {
        drawUniform();
        const u = DRAWN[0] as number;
        let acc = 0;
        let pick = -1;
        for (let c = i + 1; c < end; c = ends[c] as number) {
          pick = c;
          acc += this.weight[c] as number;
          if (u < acc) break;
        }
        this.chosen[i] = pick;
        if (pick >= 0) this.node(pick);
        value[i] = pick >= 0 ? (value[pick] as number) : 0;
        return;
      }
    }
  }

  private attribute(i: number): void {
    const step = this.nodeStep[i] as number;
    if (step >= 0) this.onPathCount[step] = (this.onPathCount[step] as number) + 1;
    switch (this.kind[i]) {
      case NODE_LEAF: {
        const leafStep = this.leafStep[i] as number;
        if (leafStep >= 0) {
          const slot = leafStep * PARTS + (this.leafPart[i] as number);
          this.partSum[slot] = (this.partSum[slot] as number) + (this.value[i] as number);
        }
        return;
      }
      case NODE_SERIES: {
        const ends = this.end;
        const end = ends[i] as number;
        const kind = this.kind;
        for (let c = i + 1; c < end; c = ends[c] as number) {
          const leafStep = this.leafStep[c] as number;
          if (kind[c] === NODE_LEAF && leafStep >= 0) {
            const slot = leafStep * PARTS + (this.leafPart[c] as number);
            this.partSum[slot] = (this.partSum[slot] as number) + (this.value[c] as number);
          } else this.attribute(c);
        }
        return;
      }
      case NODE_PARALLEL:
      case NODE_CHOICE: {
        const c = this.chosen[i] as number;
        if (c >= 0) this.attribute(c);
        return;
      }
      case NODE_FANOUT:
        this.attribute(i + 1);
        return;
    }
  }
}

/**
 * The 0-based index of the nearest-rank p-quantile among n sorted values: ceil(p x n) - 1.
 * @example rankIndex(0.99, 1000) // 989
 */
export function rankIndex(p: number, n: number): number {
  return Math.min(n - 1, Math.max(0, Math.ceil(p * n - 1e-9) - 1));
}

/**
 * Quickselect (Hoare partition, median-of-three pivot): puts the k-th smallest value of
 * `values[left..right]` at index k, smaller ones before it and larger ones after, and returns it.
 * Deterministic; permutes `values`.
 * @example selectInPlace(Float64Array.of(5, 1, 4, 2, 3), 2) // 3
 */
export function selectInPlace(values: Float64Array, k: number, left = 0, right = values.length - 1): number {
  let lo = left;
  let hi = right;
  while (lo < hi) {
    const a = values[lo] as number;
    const b = values[(lo + hi) >>> 1] as number;
    const c = values[hi] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

/**
 * A 32-bit seed for one stream, from the run's seed and the stream's name (FNV-1a): each request and
 * metro draws from its own stream, so adding a request does not change the others' figures.
 * @example streamSeed(1, 'event-page', 'metro:phoenix')
 */
export function streamSeed(seed: number, ...names: readonly string[]): number {
  let h = 0x811c9dc5;
  const text = `${seed}\u0000${names.join('\u0000')}`;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h | 0;
}
