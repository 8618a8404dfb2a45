/**
 * A compiled request: a tree of timed nodes in typed arrays, laid out in preorder, that the sampler
 * evaluates without allocating (series add, parallel groups take the max, a fan-out the max of n
 * independent draws, a choice one child by its probability), and the builder that lays it out.
 * compile-request.ts compiles a request into one.
 */
import type { Endpoint } from './rtt.js';

export const NODE_LEAF = 0;
export const NODE_SERIES = 1;
export const NODE_PARALLEL = 2;
export const NODE_FANOUT = 3;
export const NODE_CHOICE = 4;

/** What a leaf's time is, for "where the milliseconds go". */
export const PART_NETWORK = 0;
export const PART_PAYLOAD = 1;
export const PART_COMPUTE = 2;
export const PART_CACHE = 3;
export const PARTS = 4;

/** The caller of a request's first call. */
export const USERS = 'users';

/** One call of the plan, to one instance: what the critical path lists. */
export interface PlanStep {
  /** {@link USERS} or the calling service. */
  readonly caller: string;
  readonly service: string;
  readonly from: string;
  readonly to: string;
  /** Where the call is written in the estate, e.g. `requests.event-page.calls[0]`. */
  readonly path: string;
  /** RTT of one round trip between `from` and `to`. */
  readonly rttMs: number;
  readonly roundTrips: number;
  readonly payloadMs: number;
  readonly fanOut: number;
  readonly cacheHitRatio: number;
  /** True for the cache-hit side of a cached call. */
  readonly cacheHit: boolean;
}

/** Throughput defaults for payload time. */
export interface PayloadOptions {
  /** One flow between services; default 5 Gbit/s, the EC2 single-flow limit outside a placement group. */
  readonly serviceGbps?: number;
  /** The users' own link; default 0.1 Gbit/s (the FCC's 2024 fixed-broadband benchmark, 100 Mbit/s down). */
  readonly userGbps?: number;
}

export const DEFAULT_SERVICE_GBPS = 5;
export const DEFAULT_USER_GBPS = 0.1;

/** A compiled request: node arrays in preorder; node 0 is the root. */
export interface Plan {
  readonly size: number;
  readonly kind: Uint8Array;
  /** One past the last node of each node's subtree: children of i start at i + 1, next at end[child]. */
  readonly end: Int32Array;
  /** Leaf: fixed ms (network, payload, cache). */
  readonly fixedMs: Float64Array;
  /** Leaf: compute median in ms (0 for none); its time is median x exp(sigma x z). */
  readonly medianMs: Float64Array;
  readonly sigma: Float64Array;
  /** Fan-out: how many draws. */
  readonly count: Int32Array;
  /** Child of a choice: the probability of taking it. */
  readonly weight: Float64Array;
  /** Leaf: index into `steps` (-1 for none) and the part of the step it times. */
  readonly leafStep: Int32Array;
  readonly leafPart: Uint8Array;
  /** The body node of each step: the node whose presence on the critical path puts the step on it. */
  readonly stepNode: Int32Array;
  /** Fan-out nesting depth of each fan-out node (0 for the outermost). */
  readonly fanDepth: Int32Array;
  readonly maxFanDepth: number;
  readonly steps: readonly PlanStep[];
  /** The endpoint the users reach for the entry service. */
  readonly entry: string;
}

/** RTTs between compiled endpoints. */
export interface EndpointTable {
  readonly endpoints: readonly Endpoint[];
  readonly indexOf: ReadonlyMap<string, number>;
  readonly rttMs: Float64Array;
}

/** 99th percentile of the standard normal distribution. */
export const Z99 = 2.3263478740408408;

/**
 * The lognormal of a compute time: median and sigma (log-space standard deviation).
 * @example lognormalOf({ p50Ms: 2, p99Ms: 8 }) // { medianMs: 2, sigma: ln(4) / 2.326 ≈ 0.596 }
 */
export function lognormalOf(compute: { p50Ms: number; p99Ms: number }): { medianMs: number; sigma: number } {
  if (compute.p50Ms <= 0 || compute.p99Ms <= compute.p50Ms) return { medianMs: compute.p50Ms, sigma: 0 };
  return { medianMs: compute.p50Ms, sigma: Math.log(compute.p99Ms / compute.p50Ms) / Z99 };
}

/** The plan's nodes as they are laid out, in preorder, with the steps they time. */
export class PlanBuilder {
  readonly kind: number[] = [];
  readonly end: number[] = [];
  readonly fixedMs: number[] = [];
  readonly medianMs: number[] = [];
  readonly sigma: number[] = [];
  readonly count: number[] = [];
  readonly weight: number[] = [];
  readonly leafStep: number[] = [];
  readonly leafPart: number[] = [];
  readonly stepNode: number[] = [];
  readonly steps: PlanStep[] = [];

  /** Starts a node; its subtree is what is opened until it is closed. */
  open(kind: number, weight = 1): number {
    const i = this.kind.length;
    this.kind.push(kind);
    this.end.push(i + 1);
    this.fixedMs.push(0);
    this.medianMs.push(0);
    this.sigma.push(0);
    this.count.push(1);
    this.weight.push(weight);
    this.leafStep.push(-1);
    this.leafPart.push(0);
    return i;
  }

  close(i: number): void {
    this.end[i] = this.kind.length;
  }

  leaf(step: number, part: number, fixedMs: number, medianMs = 0, sigma = 0): void {
    const i = this.open(NODE_LEAF);
    this.fixedMs[i] = fixedMs;
    this.medianMs[i] = medianMs;
    this.sigma[i] = sigma;
    this.leafStep[i] = step;
    this.leafPart[i] = part;
  }

  addStep(step: PlanStep): number {
    this.steps.push(step);
    this.stepNode.push(-1);
    return this.steps.length - 1;
  }

  /** The plan in typed arrays, with the fan-out depth of each fan-out node. */
  build(entry: string): Plan {
    const size = this.kind.length;
    const fanDepth = new Int32Array(size).fill(-1);
    let maxFanDepth = 0;
    const depthOf = (i: number, depth: number) => {
      let d = depth;
      if (this.kind[i] === NODE_FANOUT) {
        fanDepth[i] = depth;
        maxFanDepth = Math.max(maxFanDepth, depth + 1);
        d = depth + 1;
      }
      for (let c = i + 1; c < (this.end[i] as number); c = this.end[c] as number) depthOf(c, d);
    };
    depthOf(0, 0);
    return {
      size,
      kind: Uint8Array.from(this.kind),
      end: Int32Array.from(this.end),
      fixedMs: Float64Array.from(this.fixedMs),
      medianMs: Float64Array.from(this.medianMs),
      sigma: Float64Array.from(this.sigma),
      count: Int32Array.from(this.count),
      weight: Float64Array.from(this.weight),
      leafStep: Int32Array.from(this.leafStep),
      leafPart: Uint8Array.from(this.leafPart),
      stepNode: Int32Array.from(this.stepNode),
      fanDepth,
      maxFanDepth,
      steps: this.steps,
      entry,
    };
  }
}
