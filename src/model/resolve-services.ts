/**
 * Resolution of the application sections: services (placements checked against what each zone
 * offers, residency and site capacity) and call steps (every call names a service), then the
 * requests and budgets (resolve-requests.ts). Reports every problem, located, through the caller's
 * `report`.
 */
import type { Diagnostic } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { Estate } from './estate.js';
import { NOT_ISO_COUNTRY_CODES, type PlacementSubject, placementProblems } from './placement-rules.js';
import { findPlace, unknownPlaceDiagnostic } from './places.js';
import { resolveDependencies } from './resolve-dependencies.js';
import { findCallCycles, resolveBudgets, resolveRequests } from './resolve-requests.js';
import type { EstateInput } from './schema.js';
import type {
  AppRequest,
  CallStep,
  ComputeTime,
  FaultDomainLevel,
  LatencyBudget,
  Replicas,
  Service,
  ServiceCall,
  ServicePlacement,
} from './services.js';
import type { CallStepInput } from './services-schema.js';
import type { DataPath, EstateSource } from './source.js';
import type { ReportProblem } from './users.js';

export interface ResolvedApplication {
  readonly services: Service[];
  readonly requests: AppRequest[];
  readonly budgets: LatencyBudget[];
}

const CALL_OPTIONS = [
  'fanOut',
  'roundTrips',
  'payloadBytes',
  'gbps',
  'cacheHitRatio',
  'cacheHitMs',
  'calls',
] as const;

/**
 * Resolves services, requests and budgets against an estate whose sites, users and offerings are
 * already resolved: the services with their placements and calls, then the sites' capacity and
 * call cycles across services, the requests (each expanding to a bounded call graph), and the
 * budgets on them.
 */
export function resolveApplication(
  input: EstateInput,
  estate: Estate,
  source: EstateSource,
  report: ReportProblem,
): ResolvedApplication {
  const steps = callSteps(Object.keys(input.services ?? {}), report);
  const services = resolveDependencies(
    input,
    resolveServices(input, estate, steps, report),
    steps.unknownService,
    report,
  );
  checkCapacity(services, estate, source, report);
  const cyclic = findCallCycles(services, report);
  const requests = resolveRequests(input, estate, services, cyclic, steps, report);
  const budgets = resolveBudgets(input, estate, requests, report);
  return { services, requests, budgets };
}

/** Call steps resolved against the estate's service ids; an unknown one is reported with a did-you-mean. */
export interface CallSteps {
  readonly unknownService: (ref: string) => Diagnostic;
  readonly resolveSteps: (list: readonly CallStepInput[], at: DataPath) => CallStep[];
}

function callSteps(serviceIds: readonly string[], report: ReportProblem): CallSteps {
  const unknownService = (ref: string): Diagnostic => {
    const suggestion = didYouMean(ref, serviceIds);
    const listed = serviceIds.slice(0, 8).join(', ') + (serviceIds.length > 8 ? ', ...' : '');
    return {
      code: 'FP_UNKNOWN_SERVICE',
      message: `unknown service '${ref}'`,
      expected: serviceIds.length ? `a service of the estate: ${listed}` : 'a service under `services:`',
      ...(suggestion ? { suggestion } : {}),
    };
  };

  const resolveSteps = (list: readonly CallStepInput[], at: DataPath): CallStep[] => {
    const steps: CallStep[] = [];
    list.forEach((raw, i) => {
      const step = resolveStep(raw, [...at, i]);
      if (step) steps.push(step);
    });
    return steps;
  };

  const resolveStep = (raw: CallStepInput, path: DataPath): CallStep | undefined => {
    if (typeof raw === 'string') {
      if (!serviceIds.includes(raw)) {
        report(path, unknownService(raw));
        return undefined;
      }
      return callOf(raw, {}, path);
    }
    const kinds = (['call', 'parallel', 'series'] as const).filter((k) => raw[k] !== undefined);
    const [kind] = kinds;
    if (kind === undefined || kinds.length !== 1) {
      report(path, {
        code: 'FP_INVALID_VALUE',
        message: `a step needs exactly one of 'call', 'parallel' or 'series'; this one has ${kinds.length ? kinds.map((k) => `'${k}'`).join(' and ') : 'none'}`,
        expected: 'a service id, { call: service, ... }, { parallel: [steps] } or { series: [steps] }',
        ...(kinds.length > 1 ? { suggestion: 'split it into two steps, or nest one inside the other' } : {}),
      });
      return undefined;
    }
    if (kind === 'call') {
      const service = raw.call as string;
      if (!serviceIds.includes(service)) {
        report([...path, 'call'], unknownService(service));
        return undefined;
      }
      return callOf(service, raw, path);
    }
    const misplaced = CALL_OPTIONS.filter((k) => raw[k] !== undefined);
    for (const key of misplaced) {
      report(
        [...path, key],
        {
          code: 'FP_INVALID_VALUE',
          message: `'${key}' applies to a call, not to a ${kind} group`,
          expected: `a ${kind} group holds only '${kind}' and 'note'`,
          suggestion: `put '${key}' on the calls inside the group`,
        },
        'key',
      );
    }
    const steps = resolveSteps(raw[kind] as CallStepInput[], [...path, kind]);
    return { kind, steps, ...(raw.note !== undefined ? { note: raw.note } : {}), path };
  };

  const callOf = (service: string, raw: Exclude<CallStepInput, string>, path: DataPath): ServiceCall => ({
    kind: 'call',
    service,
    fanOut: raw.fanOut ?? 1,
    roundTrips: raw.roundTrips ?? 1,
    payloadBytes: raw.payloadBytes ?? 0,
    ...(raw.gbps !== undefined ? { gbps: raw.gbps } : {}),
    cacheHitRatio: raw.cacheHitRatio ?? 0,
    cacheHitMs: raw.cacheHitMs ?? 0,
    ...(raw.calls !== undefined ? { calls: resolveSteps(raw.calls, [...path, 'calls']) } : {}),
    ...(raw.note !== undefined ? { note: raw.note } : {}),
    path,
  });

  return { unknownService, resolveSteps };
}

/** The services: residency codes, placements checked against what each place offers, compute time, replicas, calls. */
function resolveServices(
  input: EstateInput,
  estate: Estate,
  { resolveSteps }: CallSteps,
  report: ReportProblem,
): Service[] {
  const services: Service[] = [];
  for (const [id, raw] of Object.entries(input.services ?? {})) {
    const path: DataPath = ['services', id];
    const residency = raw.residency?.map((c) => c.toUpperCase());
    raw.residency?.forEach((code, i) => {
      const meant = NOT_ISO_COUNTRY_CODES[code.toUpperCase()];
      if (meant) {
        report([...path, 'residency', i], {
          code: 'FP_INVALID_VALUE',
          message: `'${code}' is not an ISO 3166-1 alpha-2 country code`,
          expected: 'ISO 3166-1 alpha-2 codes, e.g. US, GB, DE',
          suggestion: `write '${meant}'`,
        });
      }
    });
    const subject = { id, needs: raw.needs ?? {}, ...(residency ? { residency } : {}) };
    const placements = resolvePlacements(id, raw.at, subject, input, estate, report);
    const computeMs = computeTime(id, raw.computeMs, [...path, 'computeMs'], report);
    const replicas = resolveReplicas(id, raw.replicas, [...path, 'replicas'], report);
    services.push({
      id,
      name: raw.name ?? id,
      placements,
      computeMs,
      pinned: raw.pinned ?? false,
      needs: raw.needs ?? {},
      ...(residency ? { residency } : {}),
      routing: raw.routing ?? 'nearest',
      calls: raw.calls ? resolveSteps(raw.calls, [...path, 'calls']) : [],
      replicas,
      path,
    });
  }
  return services;
}

/** Where a service runs: each place (or subnet) known, listed once, and allowed by the service's needs and residency. */
function resolvePlacements(
  id: string,
  entries: NonNullable<EstateInput['services']>[string]['at'],
  subject: PlacementSubject,
  input: EstateInput,
  estate: Estate,
  report: ReportProblem,
): ServicePlacement[] {
  const path: DataPath = ['services', id];
  const placements: ServicePlacement[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, i) => {
    const ref = typeof entry === 'string' ? entry : entry.place;
    const at: DataPath = typeof entry === 'string' ? [...path, 'at', i] : [...path, 'at', i, 'place'];
    const subnet = estate.network?.subnets.get(ref);
    const place = subnet ? findPlace(subnet.zone, estate) : findPlace(ref, estate, { hosts: false });
    if (!place) {
      // A site that failed to resolve was already reported.
      if (!(input.sites && Object.hasOwn(input.sites, ref))) {
        const diagnostic = unknownPlaceDiagnostic(ref, estate, { hosts: false });
        // With a network, the estate's own subnets and sites are the likeliest meaning of a typo.
        const ownMatch = estate.network
          ? didYouMean(ref, [...estate.network.subnets.keys(), ...estate.sites.map((site) => site.id)])
          : undefined;
        report(at, {
          ...diagnostic,
          ...(estate.network ? { expected: `${diagnostic.expected}, or a subnet of the network` } : {}),
          ...(ownMatch ? { suggestion: ownMatch } : {}),
        });
      }
      return;
    }
    const key = subnet ? subnet.id : place.id;
    if (seen.has(key)) {
      report(at, {
        code: 'FP_DUPLICATE_ID',
        message: `service '${id}' lists ${key} twice`,
        suggestion: 'list each place once, with the sum of the instances: { place, instances }',
      });
      return;
    }
    seen.add(key);
    const problems = placementProblems(subject, place, estate);
    for (const problem of problems) report(at, problem);
    if (problems.length > 0) return;
    placements.push({
      place,
      ...(subnet ? { subnet: subnet.id } : {}),
      instances: typeof entry === 'string' ? 1 : (entry.instances ?? 1),
      path: [...path, 'at', i],
    });
  });
  return placements;
}

function computeTime(
  service: string,
  raw: number | { p50: number; p99: number },
  path: DataPath,
  report: ReportProblem,
): ComputeTime {
  if (typeof raw === 'number') return { p50Ms: raw, p99Ms: raw };
  if (raw.p99 < raw.p50) {
    report([...path, 'p99'], {
      code: 'FP_INVALID_VALUE',
      message: `service '${service}': computeMs p99 (${raw.p99}) is below its p50 (${raw.p50})`,
      expected: 'p99 >= p50',
      suggestion: 'swap them?',
    });
    return { p50Ms: raw.p50, p99Ms: raw.p50 };
  }
  if (raw.p50 === 0 && raw.p99 > 0) {
    report([...path, 'p50'], {
      code: 'FP_INVALID_VALUE',
      message: `service '${service}': computeMs with a p50 of 0 and a p99 above 0 is not a lognormal`,
      expected: 'p50 > 0, or a single number for a constant time',
      suggestion: 'give the median a small positive value, e.g. 0.1',
    });
    return { p50Ms: raw.p99, p99Ms: raw.p99 };
  }
  return { p50Ms: raw.p50, p99Ms: raw.p99 };
}

function resolveReplicas(
  service: string,
  raw:
    | { min?: number | undefined; max?: number | undefined; across?: FaultDomainLevel | undefined }
    | undefined,
  path: DataPath,
  report: ReportProblem,
): Replicas {
  const min = raw?.min ?? 1;
  const max = raw?.max ?? Math.max(min, 1);
  const across = raw?.across ?? 'zones';
  if (max < min) {
    report([...path, 'max'], {
      code: 'FP_INVALID_VALUE',
      message: `service '${service}': replicas max (${max}) is below its min (${min})`,
      expected: 'max >= min',
      suggestion: `raise max to ${min}, or leave it out (it defaults to min)`,
    });
    return { min, max: min, across };
  }
  return { min, max, across };
}

/** Sites hold at most their capacity: the instances of every service placed there, pinned ones included. */
function checkCapacity(
  services: readonly Service[],
  estate: Estate,
  source: EstateSource,
  report: ReportProblem,
) {
  for (const site of estate.sites) {
    if (!site.capacity) continue;
    const here = services.flatMap((s) =>
      s.placements.filter((p) => p.place.id === site.id).map((p) => ({ service: s, placement: p })),
    );
    const used = here.reduce((sum, h) => sum + h.placement.instances, 0);
    if (used <= site.capacity.instances) continue;
    // Point at what was added last: the last placement of a service that may move, else the capacity.
    const movable = here.filter((h) => !h.service.pinned);
    const culprit = movable[movable.length - 1];
    const where = culprit ? culprit.placement.path : ['sites', site.id, 'capacity', 'instances'];
    const capacityAt = source.locate(['sites', site.id, 'capacity', 'instances']);
    report(where, {
      code: 'FP_CAPACITY',
      message: `site '${site.id}' holds ${site.capacity.instances} instance${site.capacity.instances === 1 ? '' : 's'}, but the services placed there need ${used}: ${here.map((h) => `${h.service.id} ${h.placement.instances}`).join(', ')}`,
      expected: `at most ${site.capacity.instances} instances at ${site.id}${capacityAt ? ` (capacity set at ${capacityAt.file}:${capacityAt.line})` : ''}`,
      suggestion: culprit
        ? `place '${culprit.service.id}' elsewhere (a Local Zone near the site, or its region), or raise the site's capacity`
        : "raise the site's capacity",
    });
  }
}
