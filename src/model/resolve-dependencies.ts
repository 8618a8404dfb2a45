/**
 * Resolution of each service's dependencies (seed 002): its start-up (hard) and request-time (soft)
 * dependencies name services of the estate, once each and never itself; request-time ones default
 * to the services it calls; scope defaults to regional.
 */
import type { Diagnostic } from '../errors.js';
import type { EstateInput } from './schema.js';
import type { CallStep, Service, ServiceDependencies } from './services.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

/**
 * Adds `dependencies` to each service: its lists checked (a known service, not itself, listed
 * once), every problem reported, located, through `report`; bad entries are left out.
 */
export function resolveDependencies(
  input: EstateInput,
  services: readonly Service[],
  unknownService: (ref: string) => Diagnostic,
  report: ReportProblem,
): Service[] {
  const known = new Set(services.map((s) => s.id));
  const list = (id: string, key: 'startup' | 'requestTime', refs: readonly string[]): string[] => {
    const out: string[] = [];
    refs.forEach((ref, i) => {
      const at: DataPath = ['services', id, key, i];
      const what = key === 'startup' ? 'start-up' : 'request-time';
      if (!known.has(ref)) report(at, unknownService(ref));
      else if (ref === id)
        report(at, {
          code: 'FP_INVALID_VALUE',
          message: `service '${id}' lists itself as a ${what} dependency`,
          expected: `the other services '${id}' needs`,
          suggestion: `remove '${id}' from its own \`${key}\``,
        });
      else if (out.includes(ref))
        report(at, {
          code: 'FP_INVALID_VALUE',
          message: `'${ref}' is listed twice in the ${what} dependencies of '${id}'`,
          expected: 'each service once',
          suggestion: 'remove the second one',
        });
      else out.push(ref);
    });
    return out;
  };
  return services.map((service) => {
    const raw = input.services?.[service.id];
    const dependencies: ServiceDependencies = {
      startup: list(service.id, 'startup', raw?.startup ?? []),
      requestTime: raw?.requestTime
        ? list(service.id, 'requestTime', raw.requestTime)
        : calledServices(service.calls).filter((s) => s !== service.id),
      scope: raw?.scope ?? 'regional',
      bootstrap: raw?.bootstrap ?? false,
      staticallyStable: raw?.staticallyStable ?? false,
    };
    return { ...service, dependencies };
  });
}

/** Every service `steps` call, nested ones included, once each in order of appearance. */
export function calledServices(steps: readonly CallStep[]): string[] {
  const out = new Set<string>();
  const walk = (list: readonly CallStep[]) => {
    for (const step of list) {
      if (step.kind !== 'call') walk(step.steps);
      else {
        out.add(step.service);
        if (step.calls) walk(step.calls);
      }
    }
  };
  walk(steps);
  return [...out];
}
