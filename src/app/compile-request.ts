/**
 * Compiling a request for the users of one metro into a plan (plan.ts): a tree of timed nodes in
 * typed arrays, laid out in preorder, that the sampler evaluates without allocating.
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
import { FootprintError, getOrThrow, itemOrThrow } from '../errors.js';
import {
  type AppRequest,
  type CallStep,
  type Estate,
  formatPath,
  type Service,
  type ServiceCall,
} from '../model/index.js';
import {
  DEFAULT_SERVICE_GBPS,
  DEFAULT_USER_GBPS,
  type EndpointTable,
  lognormalOf,
  NODE_CHOICE,
  NODE_FANOUT,
  NODE_PARALLEL,
  NODE_SERIES,
  PART_CACHE,
  PART_COMPUTE,
  PART_NETWORK,
  PART_PAYLOAD,
  type PayloadOptions,
  type Plan,
  PlanBuilder,
  USERS,
} from './plan.js';
import { placementEndpoint } from './rtt.js';

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
  const compilation: Compilation = {
    estate,
    services: new Map(estate.services.map((s) => [s.id, s])),
    table,
    serviceGbps: options.serviceGbps ?? DEFAULT_SERVICE_GBPS,
    userGbps: options.userGbps ?? DEFAULT_USER_GBPS,
    plan: new PlanBuilder(),
    fan: 1,
    calls: 0,
  };
  const from = endpointOf(table, metro);
  compileCall(compilation, request.entry, USERS, from, true);
  const entry = compilation.plan.steps.find((s) => !s.cacheHit)?.to ?? metro;
  return compilation.plan.build(entry);
}

/** What compiling a request's calls reads, and the plan it builds. */
interface Compilation {
  readonly estate: Estate;
  readonly services: ReadonlyMap<string, Service>;
  readonly table: EndpointTable;
  readonly serviceGbps: number;
  readonly userGbps: number;
  readonly plan: PlanBuilder;
  /** The product of the fan-outs the call being compiled is inside. */
  fan: number;
  /** Calls a sample of the plan draws so far, fan-outs multiplied. */
  calls: number;
}

/**
 * The most calls one draw of a request may make, fan-outs multiplied: a fan-out of 1,000 inside
 * another is a million per draw, and hours for the evaluator's 10,000 draws per metro.
 */
export const MAX_CALLS_PER_DRAW = 100_000;

function rttOf(table: EndpointTable, from: number, to: number): number {
  return itemOrThrow(table.rttMs, from * table.endpoints.length + to, 'RTT between two endpoints');
}

function endpointOf(table: EndpointTable, id: string): number {
  const index = table.indexOf.get(id);
  if (index === undefined) throw new RangeError(`the RTT table has no endpoint '${id}'`);
  return index;
}

function endpointId(table: EndpointTable, index: number): string {
  return itemOrThrow(table.endpoints, index, 'endpoint of the RTT table').id;
}

/**
 * The instances a call from `from` goes to, by the service's routing: the nearest reachable one,
 * the first listed (primary), or every reachable one weighted by instances (spread).
 */
function targetsOf(
  { estate, table }: Compilation,
  service: Service,
  from: number,
  call: ServiceCall,
): { endpoint: number; weight: number }[] {
  const all = service.placements.map((p) => ({
    endpoint: endpointOf(table, placementEndpoint(p).id),
    instances: p.instances,
  }));
  const reachable = all.filter((t) => Number.isFinite(rttOf(table, from, t.endpoint)));
  const [first, ...others] = reachable;
  if (!first || (service.routing === 'primary' && first !== all[0])) {
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
  // The first reachable instance is the first listed (checked above).
  if (service.routing === 'primary') return [{ endpoint: first.endpoint, weight: 1 }];
  if (service.routing === 'spread') {
    const total = reachable.reduce((sum, t) => sum + t.instances, 0);
    return reachable.map((t) => ({ endpoint: t.endpoint, weight: t.instances / total }));
  }
  let best = first;
  for (const t of others) if (rttOf(table, from, t.endpoint) < rttOf(table, from, best.endpoint)) best = t;
  return [{ endpoint: best.endpoint, weight: 1 }];
}

function compileSteps(c: Compilation, steps: readonly CallStep[], caller: string, from: number): void {
  for (const step of steps) {
    if (step.kind === 'call') compileCall(c, step, caller, from, false);
    else {
      const group = c.plan.open(step.kind === 'parallel' ? NODE_PARALLEL : NODE_SERIES);
      compileSteps(c, step.steps, caller, from);
      c.plan.close(group);
    }
  }
}

/**
 * A call: within its fan-out node (fanOut > 1), a choice between the cache hit and the call (a
 * cache hit ratio between 0 and 1), then the call to each target (a choice when there are several).
 */
function compileCall(
  c: Compilation,
  call: ServiceCall,
  caller: string,
  from: number,
  fromUsers: boolean,
): void {
  const { plan } = c;
  const service = getOrThrow(c.services, call.service, 'service');
  c.calls += c.fan * call.fanOut;
  if (c.calls > MAX_CALLS_PER_DRAW) {
    const message = `the request makes over ${MAX_CALLS_PER_DRAW.toLocaleString('en-US')} calls per request here, fan-outs multiplied (${(c.fan * call.fanOut).toLocaleString('en-US')} calls to '${service.id}' alone)`;
    const suggestion =
      'a fan-out inside a fan-out multiplies: model the inner one as one call with roundTrips or a larger payload';
    throw new FootprintError(
      c.estate.source?.diagnostic(call.path, 'FP_INVALID_VALUE', message, { suggestion }) ?? {
        code: 'FP_INVALID_VALUE',
        message,
        suggestion,
      },
    );
  }
  let fan = -1;
  const outerFan = c.fan;
  if (call.fanOut > 1) {
    fan = plan.open(NODE_FANOUT);
    plan.count[fan] = call.fanOut;
    c.fan *= call.fanOut;
  }
  const hit = call.cacheHitRatio;
  let cached = -1;
  if (hit > 0 && hit < 1) cached = plan.open(NODE_CHOICE);
  if (hit > 0) compileCacheHit(c, call, service, caller, from);
  if (hit < 1) compileTargets(c, call, service, caller, from, fromUsers, cached >= 0 ? 1 - hit : 1);
  if (cached >= 0) plan.close(cached);
  if (fan >= 0) plan.close(fan);
  c.fan = outerFan;
}

/** The cache-hit side of a cached call: the cache's time, at the caller. */
function compileCacheHit(
  c: Compilation,
  call: ServiceCall,
  service: Service,
  caller: string,
  from: number,
): void {
  const { plan, table } = c;
  const step = plan.addStep({
    caller,
    service: service.id,
    from: endpointId(table, from),
    to: endpointId(table, from),
    path: formatPath(call.path),
    rttMs: 0,
    roundTrips: 0,
    payloadMs: 0,
    fanOut: call.fanOut,
    cacheHitRatio: call.cacheHitRatio,
    cacheHit: true,
  });
  const body = plan.open(NODE_SERIES, call.cacheHitRatio);
  plan.stepNode[step] = body;
  plan.leaf(step, PART_CACHE, call.cacheHitMs);
  plan.close(body);
}

/**
 * The call itself, to each of its targets: network, payload and compute leaves, then the callee's
 * own steps called from the target.
 */
function compileTargets(
  c: Compilation,
  call: ServiceCall,
  service: Service,
  caller: string,
  from: number,
  fromUsers: boolean,
  outerWeight: number,
): void {
  const { plan, table } = c;
  const gbps = call.gbps ?? (fromUsers ? c.userGbps : c.serviceGbps);
  const payloadMs = (call.payloadBytes * 8) / (gbps * 1e6);
  const path = formatPath(call.path);
  const targets = targetsOf(c, service, from, call);
  let choice = -1;
  if (targets.length > 1) choice = plan.open(NODE_CHOICE, outerWeight);
  for (const target of targets) {
    const rttMs = rttOf(table, from, target.endpoint);
    const step = plan.addStep({
      caller,
      service: service.id,
      from: endpointId(table, from),
      to: endpointId(table, target.endpoint),
      path,
      rttMs,
      roundTrips: call.roundTrips,
      payloadMs,
      fanOut: call.fanOut,
      cacheHitRatio: call.cacheHitRatio,
      cacheHit: false,
    });
    const body = plan.open(NODE_SERIES, choice >= 0 ? target.weight : outerWeight);
    plan.stepNode[step] = body;
    plan.leaf(step, PART_NETWORK, rttMs * call.roundTrips);
    if (payloadMs > 0) plan.leaf(step, PART_PAYLOAD, payloadMs);
    const { medianMs, sigma } = lognormalOf(service.computeMs);
    if (medianMs > 0) plan.leaf(step, PART_COMPUTE, 0, medianMs, sigma);
    compileSteps(c, call.calls ?? service.calls, service.id, target.endpoint);
    plan.close(body);
  }
  if (choice >= 0) plan.close(choice);
}
