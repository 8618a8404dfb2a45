/**
 * Resolution of the requests and budgets (the application's other half, after the services of
 * resolve-services.ts): each request's entry service and users, a call graph that ends (no call
 * cycle across services' own calls) and expands to a bounded number of calls, and the budgets on
 * them (a known request, one of its metros, at least one bound). Reports every problem, located,
 * through the caller's `report`.
 */
import type { MetroId } from '../catalog/index.js';
import { didYouMean } from '../suggest.js';
import type { Estate, UserPopulation } from './estate.js';
import { findPlace } from './places.js';
import type { CallSteps } from './resolve-services.js';
import type { EstateInput } from './schema.js';
import type { AppRequest, CallStep, LatencyBudget, Service, ServiceCall } from './services.js';
import type { DataPath } from './source.js';
import { metroDiagnostic, type ReportProblem, resolveUsers } from './users.js';

/** A request may expand (services' own calls included) to at most this many calls. */
export const MAX_CALLS_PER_REQUEST = 20_000;

/** The requests: a known entry service, users (the request's or the estate's), and a call graph of bounded size. */
export function resolveRequests(
  input: EstateInput,
  estate: Estate,
  services: readonly Service[],
  cyclic: boolean,
  { unknownService, resolveSteps }: CallSteps,
  report: ReportProblem,
): AppRequest[] {
  const serviceIds = Object.keys(input.services ?? {});
  const requests: AppRequest[] = [];
  for (const [id, raw] of Object.entries(input.requests ?? {})) {
    const path: DataPath = ['requests', id];
    if (!serviceIds.includes(raw.entry)) {
      report([...path, 'entry'], unknownService(raw.entry));
      continue;
    }
    let users: UserPopulation[];
    if (raw.users) users = resolveUsers(raw.users, [...path, 'users'], report);
    else if (estate.users.length > 0) users = [...estate.users];
    else {
      report(
        path,
        {
          code: 'FP_MISSING_KEY',
          message: `request '${id}' has no users: the estate lists none and the request names none`,
          expected: "'users: [{ metro, weight }]' under the request, or the estate's 'users'",
        },
        'key',
      );
      continue;
    }
    const entry: ServiceCall = {
      kind: 'call',
      service: raw.entry,
      fanOut: 1,
      roundTrips: raw.roundTrips ?? 1,
      payloadBytes: raw.payloadBytes ?? 0,
      ...(raw.gbps !== undefined ? { gbps: raw.gbps } : {}),
      cacheHitRatio: 0,
      cacheHitMs: 0,
      ...(raw.calls !== undefined ? { calls: resolveSteps(raw.calls, [...path, 'calls']) } : {}),
      path: [...path, 'entry'],
    };
    const request: AppRequest = { id, name: raw.name ?? id, entry, users, path };
    if (!cyclic) {
      const size = expandedCalls(request, services);
      if (size > MAX_CALLS_PER_REQUEST) {
        report(
          path,
          {
            code: 'FP_INVALID_VALUE',
            message: `request '${id}' expands to ${size > 1e9 ? 'more than a billion' : size.toLocaleString('en-US')} calls (at most ${MAX_CALLS_PER_REQUEST.toLocaleString('en-US')})`,
            expected: 'a call graph of a user-facing request',
            suggestion: "use 'fanOut' for calls to many instances rather than listing them",
          },
          'key',
        );
        continue;
      }
    }
    requests.push(request);
  }

  return requests;
}

/** The budgets: a known request, one of its metros when they name one, and at least one bound. */
export function resolveBudgets(
  input: EstateInput,
  estate: Estate,
  requests: readonly AppRequest[],
  report: ReportProblem,
): LatencyBudget[] {
  const budgets: LatencyBudget[] = [];
  (input.budgets ?? []).forEach((raw, i) => {
    const path: DataPath = ['budgets', i];
    const request = requests.find((r) => r.id === raw.request);
    if (!request) {
      // A request that exists but failed to resolve was already reported.
      if (!(input.requests && Object.hasOwn(input.requests, raw.request))) {
        const ids = Object.keys(input.requests ?? {});
        const suggestion = didYouMean(raw.request, ids);
        report([...path, 'request'], {
          code: 'FP_UNKNOWN_REQUEST',
          message: `unknown request '${raw.request}'`,
          expected: ids.length ? `a request of the estate: ${ids.join(', ')}` : 'a request under `requests:`',
          ...(suggestion ? { suggestion } : {}),
        });
      }
      return;
    }
    let metro: MetroId | undefined;
    if (raw.metro !== undefined) {
      const metros = request.users.map((u) => u.metro.id);
      const known = raw.metro.startsWith('metro:') ? findPlace(raw.metro, estate) : undefined;
      if (known?.kind !== 'metro') {
        report([...path, 'metro'], metroDiagnostic(raw.metro));
        return;
      }
      if (!metros.includes(known.id as MetroId)) {
        const suggestion = didYouMean(known.id, metros);
        report([...path, 'metro'], {
          code: 'FP_INVALID_VALUE',
          message: `request '${request.id}' has no users in ${known.id}`,
          expected: `one of its metros: ${metros.join(', ')}`,
          ...(suggestion ? { suggestion } : { suggestion: "add the metro to the request's users" }),
        });
        return;
      }
      metro = known.id as MetroId;
    }
    if (raw.p50Ms === undefined && raw.p99Ms === undefined) {
      report(
        path,
        {
          code: 'FP_MISSING_KEY',
          message: `the budget for '${raw.request}' sets no bound`,
          expected: "'p99Ms' and/or 'p50Ms'",
        },
        'key',
      );
      return;
    }
    budgets.push({
      request: request.id,
      ...(metro ? { metro } : {}),
      ...(raw.p50Ms !== undefined ? { p50Ms: raw.p50Ms } : {}),
      ...(raw.p99Ms !== undefined ? { p99Ms: raw.p99Ms } : {}),
      ...(raw.note !== undefined ? { note: raw.note } : {}),
      path,
    });
  });

  return budgets;
}

/**
 * A service's own calls (and the calls of the services they reach through their own calls) may
 * not lead back to it: that call graph would never end. Reports each cycle at the call that closes
 * it; returns true when there is one.
 */
export function findCallCycles(services: readonly Service[], report: ReportProblem): boolean {
  const byId = new Map(services.map((s) => [s.id, s]));
  const edges = new Map(services.map((s) => [s.id, defaultEdges(s.calls)]));
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  let found = false;
  const visit = (id: string) => {
    state.set(id, 'open');
    stack.push(id);
    for (const edge of edges.get(id) ?? []) {
      const next = state.get(edge.service);
      if (next === 'open') {
        const cycle = [...stack.slice(stack.indexOf(edge.service)), edge.service];
        report(edge.path, {
          code: 'FP_CALL_CYCLE',
          message: `call cycle: ${cycle.join(' -> ')}`,
          expected: "a call graph that ends: a service's own calls may not lead back to it",
          suggestion:
            'if the calls go to different endpoints, write what the inner call does inline with `calls:` so that it ends',
        });
        found = true;
      } else if (next === undefined && byId.has(edge.service)) visit(edge.service);
    }
    stack.pop();
    state.set(id, 'done');
  };
  for (const s of services) if (!state.has(s.id)) visit(s.id);
  return found;
}

/** The calls through which expanding `steps` reaches other services' own calls. */
function defaultEdges(steps: readonly CallStep[]): { service: string; path: DataPath }[] {
  const out: { service: string; path: DataPath }[] = [];
  const walk = (list: readonly CallStep[]) => {
    for (const step of list) {
      if (step.kind !== 'call') walk(step.steps);
      else if (step.calls) walk(step.calls);
      else out.push({ service: step.service, path: step.path });
    }
  };
  walk(steps);
  return out;
}

/** How many calls a request expands to, services' own calls included (memoised; no cycles). */
function expandedCalls(request: AppRequest, services: readonly Service[]): number {
  const byId = new Map(services.map((s) => [s.id, s]));
  const memo = new Map<string, number>();
  const ofSteps = (steps: readonly CallStep[]): number => {
    let n = 0;
    for (const step of steps) n += step.kind === 'call' ? ofCall(step) : ofSteps(step.steps);
    return n;
  };
  const ofService = (id: string): number => {
    const known = memo.get(id);
    if (known !== undefined) return known;
    const n = ofSteps(byId.get(id)?.calls ?? []);
    memo.set(id, n);
    return n;
  };
  const ofCall = (call: ServiceCall): number =>
    1 + (call.calls ? ofSteps(call.calls) : ofService(call.service));
  return ofCall(request.entry);
}
