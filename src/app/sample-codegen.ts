/**
 * The sampler's hot loop compiled for one shape of plan: the tree unrolled into straight-line
 * JavaScript (built with `new Function`), no recursion and no dispatch on node kind, drawing from
 * sample-rng.ts's generator as the interpreter does. Byte-identical to interpreting the typed arrays node by node:
 * the same generator draws in the same order and the same floating-point operations in the same
 * order, so every figure is the same. The interpreter in sample.ts stays the reference, and the
 * fallback when this declines a plan (too large, or of a shape compile-request.ts never makes) or
 * `new Function` is unavailable (a CSP without 'unsafe-eval').
 *
 * The source holds the plan's structure only (kinds, child order, fan-out counts, steps); its doubles
 * (fixed times, medians, sigmas, cumulative weights) are read from an array passed in. So one
 * compiled loop serves every plan of the same shape: the metros of a request, and the same request
 * in each candidate design, and V8 optimises it once rather than once per plan (compiling a loop
 * this size costs as much CPU as interpreting a few thousand draws of it).
 *
 * Safe to evaluate: the generated source is built only from integers of the plan (node, step and
 * slot indices, fan-out counts), never from a string of the estate, nor from its doubles.
 */
import { NODE_CHOICE, NODE_FANOUT, NODE_LEAF, NODE_PARALLEL, NODE_SERIES, PARTS, type Plan } from './plan.js';
import { DRAWN, drawNormal, drawUniform, seedDraws } from './sample-rng.js';

/**
 * The compiled hot loop: draws `samples` totals into `totals` from sample-rng.ts's generator (seeded
 * first) and the plan's doubles `constants`, adds each draw's critical path into the zeroed `partSum`
 * and `onPathCount`, and returns the totals' sum.
 */
type CompiledLoop = (
  from: number,
  to: number,
  sum: number,
  constants: Float64Array,
  value: Float64Array,
  chosen: Int32Array,
  saved: Float64Array,
  totals: Float64Array,
  partSum: Float64Array,
  onPathCount: Float64Array,
) => number;

/** The hot loop bound to one plan's doubles, drawing from xoroshiro128plus(seed). */
export type DrawLoop = (
  samples: number,
  seed: number,
  totals: Float64Array,
  partSum: Float64Array,
  onPathCount: Float64Array,
) => number;

/** Larger plans are interpreted: straight-line code that big is slow to compile and to optimise. */
export const MAX_GENERATED_NODES = 2000;

/** A node's value in generated code: a constant known now (read from the constants), or a local. */
type Value = { readonly constant: number } | { readonly local: string };

/** The children of node i, in order. */
function childrenOf(plan: Plan, i: number): number[] {
  const children: number[] = [];
  for (let c = i + 1; c < (plan.end[i] as number); c = plan.end[c] as number) children.push(c);
  return children;
}

/**
 * Writes the loop's source for one plan. Few values are held across the tree: a node's value is a
 * local its parent folds in at once (a running sum, a running maximum), and what attribution reads at
 * the end of a draw (sampled leaf times, the chosen child of each parallel group and choice) is
 * stored in the arrays V and C, as the interpreter's value and chosen. Hundreds of locals live across
 * the whole draw made V8's optimising compiler take seconds per loop.
 */
class Writer {
  private readonly lines: string[] = [];
  /** The plan's doubles, in the order the source reads them (`K[0]`, `K[1]`, ...). */
  readonly constants: number[] = [];
  /** How many doubles the fan-outs keep of their slowest draw (the array S). */
  saved = 0;
  private readonly refs = new Map<Value, string>();
  private readonly nodeStep: Int32Array;
  /** Per node: whether attributing its subtree adds anything (else no code, nothing kept). */
  private readonly needs: Uint8Array;
  /** Per node: its value, once its draw is written (a constant leaf's stays valid everywhere). */
  private readonly values: (Value | undefined)[];

  constructor(private readonly plan: Plan) {
    this.nodeStep = new Int32Array(plan.size).fill(-1);
    plan.stepNode.forEach((node, step) => {
      if (node >= 0) this.nodeStep[node] = step;
    });
    this.needs = new Uint8Array(plan.size);
    for (let i = plan.size - 1; i >= 0; i--) {
      let needs =
        (this.nodeStep[i] as number) >= 0 ||
        (plan.kind[i] === NODE_LEAF && (plan.leafStep[i] as number) >= 0);
      for (const c of childrenOf(plan, i)) needs ||= this.needs[c] === 1;
      this.needs[i] = needs ? 1 : 0;
    }
    this.values = new Array(plan.size);
  }

  /** The source of a factory: given sample-rng.ts's DRAWN, drawNormal and drawUniform, it returns the loop. */
  body(): string {
    const draw: string[] = [];
    this.emitTo(draw, () => {
      const total = this.ref(this.draw(0));
      this.lines.push(`const total = ${total};`, 'totals[n] = total;', 'sum += total;');
      this.attribute(0);
    });
    return [
      "'use strict';",
      'return function loop(from, to, sum, K, V, C, S, totals, partSum, onPathCount) {',
      'let u = 0;',
      'for (let n = from; n < to; n++) {',
      ...draw,
      '}',
      'return sum;',
      '};',
    ].join('\n');
  }

  private emitTo(target: string[], write: () => void): void {
    const before = this.lines.length;
    write();
    target.push(...this.lines.splice(before));
  }

  /** How the source reads a value: its local, or its slot in the constants. */
  private ref(v: Value): string {
    if ('local' in v) return v.local;
    let ref = this.refs.get(v);
    if (ref === undefined) {
      ref = `K[${this.constants.length}]`;
      this.constants.push(v.constant);
      this.refs.set(v, ref);
    }
    return ref;
  }

  /** Writes node i's draw; returns its value. */
  private draw(i: number): Value {
    const value = this.drawNode(i);
    this.values[i] = value;
    return value;
  }

  private drawNode(i: number): Value {
    switch (this.plan.kind[i]) {
      case NODE_LEAF:
        return this.leaf(i);
      case NODE_SERIES:
        return this.series(i);
      case NODE_PARALLEL:
        return this.parallel(i);
      case NODE_FANOUT:
        return this.fanOut(i);
      default:
        return this.choice(i);
    }
  }

  /** A leaf attribution reads whose time is drawn: its time is kept in V. */
  private keepsTime(j: number): boolean {
    const plan = this.plan;
    const sampled = (plan.medianMs[j] as number) > 0 && (plan.sigma[j] as number) > 0;
    return plan.kind[j] === NODE_LEAF && (plan.leafStep[j] as number) >= 0 && sampled;
  }

  /** A parallel group or choice attribution descends: its chosen child is kept in C. */
  private keepsChoice(j: number): boolean {
    const kind = this.plan.kind[j];
    return (
      (kind === NODE_PARALLEL || kind === NODE_CHOICE) &&
      this.needs[j] === 1 &&
      childrenOf(this.plan, j).length > 0
    );
  }

  /** As the interpreter: fixed, plus the median (times a lognormal factor when sigma > 0). */
  private leaf(i: number): Value {
    const plan = this.plan;
    const fixed = plan.fixedMs[i] as number;
    const median = plan.medianMs[i] as number;
    const sigma = plan.sigma[i] as number;
    if (!(median > 0)) return { constant: fixed };
    if (!(sigma > 0)) return { constant: fixed + median };
    const [f, m, g] = [fixed, median, sigma].map((x) => this.ref({ constant: x }));
    this.lines.push(
      // The spare half of a pair taken here, as drawNormal would take it: a call on every other leaf.
      'if (D[2] === 1) { D[2] = 0; D[0] = D[1]; } else normal();',
      `const t${i} = ${f} + ${m} * Math.exp(${g} * D[0]);`,
    );
    if (this.keepsTime(i)) this.lines.push(`V[${i}] = t${i};`);
    return { local: `t${i}` };
  }

  /** A running sum from 0, child by child in order; a leading run of constants is added now, in order. */
  private series(i: number): Value {
    let constant = 0;
    let started = false;
    for (const c of childrenOf(this.plan, i)) {
      const child = this.draw(c);
      if (!started && 'constant' in child) {
        constant += child.constant;
        continue;
      }
      if (!started) this.lines.push(`let t${i} = ${this.ref({ constant })};`);
      started = true;
      this.lines.push(`t${i} += ${this.ref(child)};`);
    }
    return started ? { local: `t${i}` } : { constant };
  }

  /** The first child, replaced by each later one that is strictly slower, as each is drawn. */
  private parallel(i: number): Value {
    const children = childrenOf(this.plan, i);
    if (children.length === 0) return { constant: 0 };
    const keep = this.keepsChoice(i);
    children.forEach((c, k) => {
      const child = this.ref(this.draw(c));
      if (k === 0) this.lines.push(`let t${i} = ${child};${keep ? ` let a${i} = 0;` : ''}`);
      else this.lines.push(`if (${child} > t${i}) { t${i} = ${child};${keep ? ` a${i} = ${k};` : ''} }`);
    });
    if (keep) this.lines.push(`C[${i}] = a${i};`);
    return { local: `t${i}` };
  }

  /** n draws of the child; what attribution reads of the slowest draw's subtree is kept and put back. */
  private fanOut(i: number): Value {
    const plan = this.plan;
    const n = plan.count[i] as number;
    const c = i + 1;
    const kept: string[] = [];
    for (let j = c; j < (plan.end[i] as number); j++) {
      if (this.keepsTime(j)) kept.push(`V[${j}]`);
      if (this.keepsChoice(j)) kept.push(`C[${j}]`);
    }
    const at = this.saved;
    this.saved += kept.length;
    this.lines.push(`let t${i} = 0, b${i} = -1;`, `for (let k = 0; k < ${n}; k++) {`);
    const child = this.ref(this.draw(c));
    this.lines.push(`const x = ${child};`, `if (b${i} < 0 || x > t${i}) {`, `t${i} = x;`, `b${i} = k;`);
    if (kept.length > 0)
      this.lines.push(`if (k < ${n - 1}) { ${kept.map((l, k) => `S[${at + k}] = ${l};`).join(' ')} }`);
    this.lines.push('}', '}');
    if (kept.length > 0)
      this.lines.push(`if (b${i} < ${n - 1}) { ${kept.map((l, k) => `${l} = S[${at + k}];`).join(' ')} }`);
    return { local: `t${i}` };
  }

  /** One uniform draw; the first child whose cumulative weight exceeds it, else the last. */
  private choice(i: number): Value {
    const plan = this.plan;
    const children = childrenOf(plan, i);
    this.lines.push('uniform();', 'u = D[0];');
    if (children.length === 0) return { constant: 0 };
    const keep = this.keepsChoice(i);
    this.lines.push(`let t${i} = 0;`);
    let acc = 0;
    children.forEach((c, k) => {
      acc += plan.weight[c] as number;
      const last = k === children.length - 1;
      this.lines.push(
        `${k === 0 ? '' : '} else '}${last ? '{' : `if (u < ${this.ref({ constant: acc })}) {`}`,
      );
      if (keep) this.lines.push(`C[${i}] = ${k};`);
      const child = this.ref(this.draw(c));
      this.lines.push(`t${i} = ${child};`);
    });
    this.lines.push('}');
    return { local: `t${i}` };
  }

  /** Writes the attribution of node i's subtree, as sample.ts's attribute. */
  private attribute(i: number): void {
    const plan = this.plan;
    if (this.needs[i] === 0) return;
    const step = this.nodeStep[i] as number;
    if (step >= 0) this.lines.push(`onPathCount[${step}] += 1;`);
    const kind = plan.kind[i];
    if (kind === NODE_LEAF) this.addPart(i);
    else if (kind === NODE_SERIES) {
      for (const c of childrenOf(plan, i)) {
        if (plan.kind[c] === NODE_LEAF && (plan.leafStep[c] as number) >= 0) this.addPart(c);
        else this.attribute(c);
      }
    } else if (kind === NODE_FANOUT) this.attribute(i + 1);
    else {
      const children = childrenOf(plan, i);
      if (children.length === 0) return;
      this.lines.push(`switch (C[${i}]) {`);
      children.forEach((c, k) => {
        if (this.needs[c] === 0) return;
        this.lines.push(`case ${k}:`);
        this.attribute(c);
        this.lines.push('break;');
      });
      this.lines.push('}');
    }
  }

  private addPart(i: number): void {
    const plan = this.plan;
    const leafStep = plan.leafStep[i] as number;
    if (leafStep < 0) return;
    const slot = leafStep * PARTS + (plan.leafPart[i] as number);
    const value = this.values[i] as Value;
    this.lines.push(`partSum[${slot}] += ${'local' in value ? `V[${i}]` : this.ref(value)};`);
  }
}

/** Whether the plan is one the generated code handles: a fan-out has one child and draws it at least once. */
function generatable(plan: Plan): boolean {
  if (plan.size < 1 || plan.size > MAX_GENERATED_NODES) return false;
  for (let i = 0; i < plan.size; i++) {
    if (plan.kind[i] === NODE_FANOUT) {
      const end = plan.end[i] as number;
      if ((plan.count[i] as number) < 1 || end === i + 1 || plan.end[i + 1] !== end) return false;
    } else if (plan.kind[i] === undefined || (plan.kind[i] as number) > NODE_CHOICE) return false;
  }
  return true;
}

/** The generated source and the plan's doubles it reads, or undefined for a plan it does not handle. */
export function drawLoopSource(
  plan: Plan,
): { source: string; constants: Float64Array; saved: number } | undefined {
  if (!generatable(plan)) return undefined;
  const writer = new Writer(plan);
  const source = writer.body();
  return { source, constants: Float64Array.from(writer.constants), saved: writer.saved };
}

/** Compiled loops by source: plans of the same shape share one. Bounded; cleared when full. */
const compiled = new Map<string, CompiledLoop>();
const MAX_COMPILED = 500;
/** Draws per call of a compiled loop. */
const SLICE = 256;

/**
 * The plan's hot loop as a generated function, or undefined when the plan is not one to generate or
 * `new Function` is unavailable (a CSP without 'unsafe-eval'): the caller then interprets the plan.
 * @example generateDrawLoop(plan)?.(20_000, 1, totals, partSum, onPath)
 */
export function generateDrawLoop(plan: Plan): DrawLoop | undefined {
  const generated = drawLoopSource(plan);
  if (generated === undefined) return undefined;
  const { source, constants } = generated;
  const value = new Float64Array(plan.size);
  const chosen = new Int32Array(plan.size).fill(-1);
  const saved = new Float64Array(generated.saved);
  let loop = compiled.get(source);
  if (loop === undefined) {
    try {
      const factory = new Function('D', 'normal', 'uniform', source);
      loop = factory(DRAWN, drawNormal, drawUniform) as CompiledLoop;
    } catch {
      return undefined;
    }
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    compiled.set(source, loop);
  }
  const shared = loop;
  return (samples, seed, totals, partSum, onPathCount) => {
    seedDraws(seed);
    // In slices, the running sum carried through: V8 then optimises the loop as a function called
    // often, once, instead of on-stack-replacing a long call and compiling it again for the next.
    let sum = 0;
    for (let from = 0; from < samples; from += SLICE)
      sum = shared(
        from,
        Math.min(samples, from + SLICE),
        sum,
        constants,
        value,
        chosen,
        saved,
        totals,
        partSum,
        onPathCount,
      );
    return sum;
  };
}
