/**
 * Rules about what runs where: a service that a budget depends on, running in one fault domain.
 * (A service placed where its instance family is not offered, or outside its residency, fails
 * validation; lint reports those as `placement/*` findings of an estate that does not load.)
 */
import type { AppRequest, CallStep, Estate, Service } from '../model/index.js';
import type { LintFinding, LintRule } from './types.js';

/** The services a request calls, the entry included, following each call's own or the service's calls. */
export function servicesOfRequest(estate: Estate, request: AppRequest): Set<string> {
  const services = new Map(estate.services.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const visit = (steps: readonly CallStep[], depth: number) => {
    if (depth > 64) return;
    for (const step of steps) {
      if (step.kind !== 'call') {
        visit(step.steps, depth + 1);
        continue;
      }
      const first = !seen.has(step.service);
      seen.add(step.service);
      const own = step.calls ?? (first ? services.get(step.service)?.calls : undefined);
      if (own) visit(own, depth + 1);
    }
  };
  visit([request.entry], 0);
  return seen;
}

/** The requests that have a budget, and the services each depends on. */
function budgeted(estate: Estate): Map<string, string[]> {
  const requests = new Set(estate.budgets.map((b) => b.request));
  const dependants = new Map<string, string[]>();
  for (const request of estate.requests) {
    if (!requests.has(request.id)) continue;
    for (const service of servicesOfRequest(estate, request)) {
      dependants.set(service, [...(dependants.get(service) ?? []), request.id]);
    }
  }
  return dependants;
}

export const singleFaultDomain: LintRule = {
  id: 'redundancy/single-zone',
  title: 'A service a budget depends on runs in a single zone or site',
  severity: 'warning',
  description:
    'A service in one availability zone, one Local Zone or one site goes down with it, and every budgeted request that calls it with it. Run it in at least two fault domains.',
  check(context) {
    const findings: LintFinding[] = [];
    const dependants = budgeted(context.estate);
    for (const service of context.estate.services) {
      const requests = dependants.get(service.id);
      if (!requests) continue;
      const domains = [...new Set(service.placements.map((p) => p.place.id))];
      if (domains.length !== 1) continue;
      const place = service.placements[0]?.place;
      if (!place) continue;
      const what =
        place.kind === 'local-zone' ? 'Local Zone' : place.kind === 'az' ? 'availability zone' : place.kind;
      findings.push({
        rule: this.id,
        severity: service.pinned ? 'note' : this.severity,
        message: `${service.id} runs only in ${what} ${place.id}${service.pinned ? ' (pinned)' : ''}; ${requests.join(', ')} depend${requests.length === 1 ? 's' : ''} on it`,
        elements: [service.id, place.id, ...requests],
        replicas: 1,
        risk: `a failure of ${place.id} stops ${requests.join(', ')}`,
        fix: fixFor(service, place.kind),
        ...context.at([...service.path, 'at']),
      });
    }
    return findings;
  },
};

function fixFor(service: Service, kind: string): string {
  if (service.pinned)
    return `Keep a standby of ${service.id} in a second site or zone, or accept the risk explicitly.`;
  if (kind === 'local-zone') {
    return `Run ${service.id} in a second zone too (another Local Zone of the metro, or the parent region as a slower fallback), and route to it when the first fails.`;
  }
  return `Run ${service.id} in at least two availability zones.`;
}
