/**
 * Compiling a request for the users of one metro into a plan: a tree of timed nodes in typed arrays,
 * laid out in preorder, that the sampler evaluates without allocating.
 *
 * A call from a caller at endpoint A to a service becomes
 *   series( network leaf: RTT(A, B) x round trips,
 *           payload leaf: bytes x 8 / throughput,
 *           compute leaf: the service's compute time (lognormal),
 *           ...the callee's own steps, called from B )
 * where B is the instance the routing policy picks: the nearest to A (default), the first place
 * listed (`primary`), or any, in proportion to instances (`spread`: a choice node). A cache hit
 * ratio wraps the call in a choice between a cache-hit leaf and the call; a fan-out wraps it in a
 * fan-out node (the max of n independent draws). Series add, parallel groups take the max.
 */
import { FootprintError } from '../errors.js';
import {
  type AppRequest,
  type CallStep,
  type Estate,
  formatPath,
  type Service,
  type ServiceCall,
} from '../model/index.js';
import { type Endpoint, placementEndpoint } from './rtt.js';

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

interface Builder {
  kind: number[];
  end: number[];
  fixedMs: number[];
  medianMs: number[];
  sigma: number[];
  count: number[];
  weight: number[];
  leafStep: number[];
  leafPart: number[];
  stepNode: number[];
  steps: PlanStep[];
}

/**
 * Compiles `request` for users in `metro` (an endpoint id in `table`).
 * Throws FP_NO_PATH, located at the call, when a caller cannot reach any instance of a service.
 */
export function compileRequest(
  estate: Estate,
  request: AppRequest,
  metro: string,
  table: EndpointTable,
  options: PayloadOptions = {},
): Plan {
  const services = new Map(estate.services.map((s) => [s.id, s]));
  const serviceGbps = options.serviceGbps ?? DEFAULT_SERVICE_GBPS;
  const userGbps = options.userGbps ?? DEFAULT_USER_GBPS;
  const k = table.endpoints.length;
  const b: Builder = {
    kind: [],
    end: [],
    fixedMs: [],
    medianMs: [],
    sigma: [],
    count: [],
    weight: [],
    leafStep: [],
    leafPart: [],
    stepNode: [],
    steps: [],
  };
  const open = (kind: number, weight = 1): number => {
    const i = b.kind.length;
    b.kind.push(kind);
    b.end.push(i + 1);
    b.fixedMs.push(0);
    b.medianMs.push(0);
    b.sigma.push(0);
    b.count.push(1);
    b.weight.push(weight);
    b.leafStep.push(-1);
    b.leafPart.push(0);
    return i;
  };
  const close = (i: number) => {
    b.end[i] = b.kind.length;
  };
  const leaf = (step: number, part: number, fixedMs: number, medianMs = 0, sigma = 0) => {
    const i = open(NODE_LEAF);
    b.fixedMs[i] = fixedMs;
    b.medianMs[i] = medianMs;
    b.sigma[i] = sigma;
    b.leafStep[i] = step;
    b.leafPart[i] = part;
  };
  const rtt = (from: number, to: number) => table.rttMs[from * k + to] as number;
  const endpointOf = (id: string) => {
    const index = table.indexOf.get(id);
    if (index === undefined) throw new RangeError(`the RTT table has no endpoint '${id}'`);
    return index;
  };

  const targetsOf = (
    service: Service,
    from: number,
    call: ServiceCall,
  ): { endpoint: number; weight: number }[] => {
    const all = service.placements.map((p) => ({
      endpoint: endpointOf(placementEndpoint(p).id),
      instances: p.instances,
    }));
    const reachable = all.filter((t) => Number.isFinite(rtt(from, t.endpoint)));
    if (reachable.length === 0 || (service.routing === 'primary' && reachable[0] !== all[0])) {
      const targetEndpoint = all[0] ? table.endpoints[all[0].endpoint] : undefined;
      const fromEndpoint = table.endpoints[from];
      const routed = fromEndpoint?.subnet !== undefined || targetEndpoint?.subnet !== undefined;
      const message = `no ${routed ? 'routed' : 'physical'} path from '${fromEndpoint?.id}' to '${targetEndpoint?.id ?? '?'}' for the call to '${service.id}'`;
      const suggestion = routed
        ? `the route tables drop it one way or the other: \`footprint trace ${fromEndpoint?.id} ${targetEndpoint?.id} --estate FILE\` shows where`
        : 'join the two places with a link (direct-connect, wan), or give the site internet: true';
      throw new FootprintError(
        estate.source?.diagnostic(call.path, 'FP_NO_PATH', message, { suggestion }) ?? {
          code: 'FP_NO_PATH',
          message,
          suggestion,
        },
      );
    }
    if (service.routing === 'primary') return [{ endpoint: all[0]?.endpoint as number, weight: 1 }];
    if (service.routing === 'spread') {
      const total = reachable.reduce((sum, t) => sum + t.instances, 0);
      return reachable.map((t) => ({ endpoint: t.endpoint, weight: t.instances / total }));
    }
    let best = reachable[0] as { endpoint: number };
    for (const t of reachable) if (rtt(from, t.endpoint) < rtt(from, best.endpoint)) best = t;
    return [{ endpoint: best.endpoint, weight: 1 }];
  };

  const compileSteps = (steps: readonly CallStep[], caller: string, from: number) => {
    for (const step of steps) {
      if (step.kind === 'call') compileCall(step, caller, from, false);
      else {
        const group = open(step.kind === 'parallel' ? NODE_PARALLEL : NODE_SERIES);
        compileSteps(step.steps, caller, from);
        close(group);
      }
    }
  };

  const compileCall = (call: ServiceCall, caller: string, from: number, fromUsers: boolean) => {
    const service = services.get(call.service) as Service;
    const gbps = call.gbps ?? (fromUsers ? userGbps : serviceGbps);
    const payloadMs = (call.payloadBytes * 8) / (gbps * 1e6);
    const path = formatPath(call.path);
    let fan = -1;
    if (call.fanOut > 1) {
      fan = open(NODE_FANOUT);
      b.count[fan] = call.fanOut;
    }
    const hit = call.cacheHitRatio;
    let cached = -1;
    if (hit > 0 && hit < 1) cached = open(NODE_CHOICE);
    if (hit > 0) {
      const step = addStep({
        caller,
        service: service.id,
        from: table.endpoints[from]?.id as string,
        to: table.endpoints[from]?.id as string,
        path,
        rttMs: 0,
        roundTrips: 0,
        payloadMs: 0,
        fanOut: call.fanOut,
        cacheHitRatio: hit,
        cacheHit: true,
      });
      const body = open(NODE_SERIES, hit);
      b.stepNode[step] = body;
      leaf(step, PART_CACHE, call.cacheHitMs);
      close(body);
    }
    if (hit < 1) {
      const targets = targetsOf(service, from, call);
      const outerWeight = cached >= 0 ? 1 - hit : 1;
      let choice = -1;
      if (targets.length > 1) choice = open(NODE_CHOICE, outerWeight);
      for (const target of targets) {
        const rttMs = rtt(from, target.endpoint);
        const step = addStep({
          caller,
          service: service.id,
          from: table.endpoints[from]?.id as string,
          to: table.endpoints[target.endpoint]?.id as string,
          path,
          rttMs,
          roundTrips: call.roundTrips,
          payloadMs,
          fanOut: call.fanOut,
          cacheHitRatio: hit,
          cacheHit: false,
        });
        const body = open(NODE_SERIES, choice >= 0 ? target.weight : outerWeight);
        b.stepNode[step] = body;
        leaf(step, PART_NETWORK, rttMs * call.roundTrips);
        if (payloadMs > 0) leaf(step, PART_PAYLOAD, payloadMs);
        const { medianMs, sigma } = lognormalOf(service.computeMs);
        if (medianMs > 0) leaf(step, PART_COMPUTE, 0, medianMs, sigma);
        compileSteps(call.calls ?? service.calls, service.id, target.endpoint);
        close(body);
      }
      if (choice >= 0) close(choice);
    }
    if (cached >= 0) close(cached);
    if (fan >= 0) close(fan);
  };

  const addStep = (step: PlanStep): number => {
    b.steps.push(step);
    b.stepNode.push(-1);
    return b.steps.length - 1;
  };

  const from = endpointOf(metro);
  compileCall(request.entry, USERS, from, true);
  const entry = b.steps.find((s) => !s.cacheHit)?.to ?? metro;

  const size = b.kind.length;
  const fanDepth = new Int32Array(size).fill(-1);
  let maxFanDepth = 0;
  const depthOf = (i: number, depth: number) => {
    let d = depth;
    if (b.kind[i] === NODE_FANOUT) {
      fanDepth[i] = depth;
      maxFanDepth = Math.max(maxFanDepth, depth + 1);
      d = depth + 1;
    }
    for (let c = i + 1; c < (b.end[i] as number); c = b.end[c] as number) depthOf(c, d);
  };
  depthOf(0, 0);
  return {
    size,
    kind: Uint8Array.from(b.kind),
    end: Int32Array.from(b.end),
    fixedMs: Float64Array.from(b.fixedMs),
    medianMs: Float64Array.from(b.medianMs),
    sigma: Float64Array.from(b.sigma),
    count: Int32Array.from(b.count),
    weight: Float64Array.from(b.weight),
    leafStep: Int32Array.from(b.leafStep),
    leafPart: Uint8Array.from(b.leafPart),
    stepNode: Int32Array.from(b.stepNode),
    fanDepth,
    maxFanDepth,
    steps: b.steps,
    entry,
  };
}
