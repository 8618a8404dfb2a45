/**
 * Resolution of `healthChecks:` and `frontDoors:`, after services and capacity: each front door by
 * its kind (`resolve-route53.ts`, `resolve-edge-doors.ts`, `resolve-load-balancers.ts`), then the
 * aliases between front doors (no cycle), then each request's way in: a known front door, whose
 * targets all lead to pools of the request's entry service, and a method its CloudFront behavior
 * allows.
 */
import { didYouMean } from '../suggest.js';
import type { Estate } from './estate.js';
import {
  type FrontDoor,
  type FrontDoorTarget,
  frontDoorTargets,
  type HealthCheck,
  type HttpMethod,
  type LoadBalancer,
} from './front-doors.js';
import { matchBehavior, resolveAccelerator, resolveDistribution } from './resolve-edge-doors.js';
import { resolveHealthChecks } from './resolve-health-checks.js';
import { resolveLoadBalancer } from './resolve-load-balancers.js';
import { resolveRoute53 } from './resolve-route53.js';
import { regionOf, targetResolver } from './resolve-targets.js';
import type { EstateInput } from './schema.js';
import type { AppRequest } from './services.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

export interface ResolvedFrontDoors {
  readonly frontDoors: ReadonlyMap<string, FrontDoor>;
  readonly healthChecks: ReadonlyMap<string, HealthCheck>;
  /** The estate's requests, with their way in where they name one. */
  readonly requests: AppRequest[];
}

/** Resolves health checks and front doors against an estate whose services and capacity are resolved. */
export function resolveFrontDoors(
  input: EstateInput,
  estate: Estate,
  report: ReportProblem,
): ResolvedFrontDoors {
  const raw = input.frontDoors ?? {};
  const ids = Object.keys(raw);
  const resolveTarget = targetResolver(estate, ids, report);
  const healthChecks = resolveHealthChecks(input.healthChecks, resolveTarget, report);
  const frontDoors = new Map<string, FrontDoor>();
  // Load balancers first: an accelerator checks its endpoints' regions against theirs.
  const balancers = new Map<string, LoadBalancer>();
  for (const [id, door] of Object.entries(raw)) {
    if (door.kind !== 'alb' && door.kind !== 'nlb') continue;
    const lb = resolveLoadBalancer(id, door, ['frontDoors', id], resolveTarget, report);
    if (lb) balancers.set(id, lb);
  }
  const targetRegion = (t: FrontDoorTarget) =>
    t.kind === 'pool' ? regionOf(t.place) : balancers.get(t.id)?.region;
  const ctx = {
    resolveTarget,
    healthCheckIds: Object.keys(input.healthChecks ?? {}),
    kindOf: (id: string) => raw[id]?.kind,
    report,
  };
  for (const [id, door] of Object.entries(raw)) {
    const path: DataPath = ['frontDoors', id];
    const resolved =
      door.kind === 'route53'
        ? resolveRoute53(id, door, path, ctx)
        : door.kind === 'global-accelerator'
          ? resolveAccelerator(id, door, path, resolveTarget, targetRegion, report)
          : door.kind === 'cloudfront'
            ? resolveDistribution(id, door, path, resolveTarget, report)
            : balancers.get(id);
    if (resolved) frontDoors.set(id, resolved);
  }
  const cyclic = findAliasCycles(frontDoors, report);
  const requests = estate.requests.map((request) =>
    requestWithEntry(request, input, frontDoors, cyclic, report),
  );
  return { frontDoors, healthChecks, requests };
}

/** Aliases that lead back to where they started: reported once per cycle, naming it. */
function findAliasCycles(doors: ReadonlyMap<string, FrontDoor>, report: ReportProblem): boolean {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  let found = false;
  const visit = (id: string): void => {
    if (state.get(id) === 'done' || !doors.has(id)) return;
    if (state.get(id) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      found = true;
      report(
        ['frontDoors', id],
        {
          code: 'FP_ALIAS_CYCLE',
          message: `front doors alias each other in a cycle: ${cycle.join(' -> ')}`,
          expected: 'aliases that end at pools',
          suggestion: `point one of ${cycle.slice(0, -1).join(', ')} at pools or a load balancer`,
        },
        'key',
      );
      for (const x of cycle) state.set(x, 'done');
      return;
    }
    state.set(id, 'open');
    stack.push(id);
    for (const t of frontDoorTargets(doors.get(id) as FrontDoor)) if (t.kind === 'front-door') visit(t.id);
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of doors.keys()) visit(id);
  return found;
}

/** The request with its front door, method and path checked; unchanged when it names none. */
function requestWithEntry(
  request: AppRequest,
  input: EstateInput,
  doors: ReadonlyMap<string, FrontDoor>,
  cyclic: boolean,
  report: ReportProblem,
): AppRequest {
  const raw = input.requests?.[request.id];
  if (!raw || (raw.via === undefined && raw.method === undefined && raw.path === undefined)) return request;
  const method: HttpMethod = raw.method ?? 'GET';
  const urlPath = raw.path ?? '/';
  const withEntry = { ...request, method, urlPath, ...(raw.via !== undefined ? { via: raw.via } : {}) };
  if (raw.via === undefined) return withEntry;
  const at: DataPath = ['requests', request.id, 'via'];
  const door = doors.get(raw.via);
  if (!door) {
    // A front door that failed to resolve was reported already.
    if (!Object.hasOwn(input.frontDoors ?? {}, raw.via)) {
      const suggestion = didYouMean(raw.via, Object.keys(input.frontDoors ?? {}));
      report(at, {
        code: 'FP_UNKNOWN_FRONT_DOOR',
        message: `unknown front door '${raw.via}'`,
        expected: doors.size
          ? `a front door: ${[...doors.keys()].slice(0, 8).join(', ')}`
          : 'a front door under `frontDoors:`',
        ...(suggestion ? { suggestion } : {}),
      });
    }
    return withEntry;
  }
  if (cyclic) return withEntry;
  const entry = request.entry.service;
  for (const leaf of leaves(doors, raw.via, urlPath, method, [raw.via], report, request.id)) {
    if (leaf.service === entry) continue;
    report(at, {
      code: 'FP_WRONG_ENTRY',
      message: `front door '${raw.via}' leads to '${leaf.ref}' (${leaf.chain.join(' -> ')}), a pool of '${leaf.service}', but the request enters at '${entry}'`,
      expected: `front doors whose targets are pools of '${entry}'`,
      suggestion: `point ${leaf.chain[leaf.chain.length - 1]} at ${entry}@..., or set the request's entry to '${leaf.service}'`,
    });
    break;
  }
  return withEntry;
}

/** The pools a request can reach from a front door, with the chain of front doors to each. */
function leaves(
  doors: ReadonlyMap<string, FrontDoor>,
  id: string,
  urlPath: string,
  method: HttpMethod,
  chain: readonly string[],
  report: ReportProblem,
  requestId: string,
): { service: string; ref: string; chain: readonly string[] }[] {
  const door = doors.get(id);
  if (!door) return [];
  let targets = frontDoorTargets(door);
  if (door.kind === 'cloudfront') {
    const behavior = matchBehavior(door, urlPath);
    if (!behavior) return [];
    if (!behavior.methods.includes(method)) {
      report(['requests', requestId, 'method'], {
        code: 'FP_INVALID_VALUE',
        message: `CloudFront '${id}' allows ${behavior.methods.join(', ')} on '${behavior.pathPattern}', not ${method}`,
        expected: `one of ${behavior.methods.join(', ')}`,
        suggestion: "set the behavior's methods to ALL",
      });
    }
    const names = [
      behavior.origin,
      ...(behavior.viewerFunction ? behavior.viewerFunction.origins.values() : []),
    ];
    const origins = names.flatMap((n) => {
      const group = door.originGroups.get(n);
      return group ? [group.primary, group.secondary] : [n];
    });
    targets = origins.flatMap((n) => {
      const origin = door.origins.get(n);
      return origin ? [origin.target] : [];
    });
  }
  return targets.flatMap((t) =>
    t.kind === 'pool'
      ? [{ service: t.service, ref: t.ref, chain }]
      : leaves(doors, t.id, urlPath, method, [...chain, t.id], report, requestId),
  );
}
