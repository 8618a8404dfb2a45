/**
 * Route 53 health checks, resolved: what each probes (a front door or a pool), its interval,
 * threshold, checker regions and timeouts (defaults and AWS sources in `front-doors.ts`), and the
 * children of calculated checks (known ids, a threshold they can meet, no cycle).
 */
import { didYouMean } from '../suggest.js';
import { type HealthCheck, ROUTE53_DEFAULTS } from './front-doors.js';
import { type HealthChecksInput, ROUTE53_CHECKER_REGIONS } from './health-checks-schema.js';
import type { ResolveTarget } from './resolve-targets.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

export function resolveHealthChecks(
  input: HealthChecksInput | undefined,
  resolveTarget: ResolveTarget,
  report: ReportProblem,
): Map<string, HealthCheck> {
  const checks = new Map<string, HealthCheck>();
  const ids = Object.keys(input ?? {});
  for (const [id, raw] of Object.entries(input ?? {})) {
    const path: DataPath = ['healthChecks', id];
    const base = {
      id,
      intervalS: raw.interval ?? ROUTE53_DEFAULTS.intervalS,
      failureThreshold: raw.failureThreshold ?? ROUTE53_DEFAULTS.failureThreshold,
      regions: raw.regions ?? [...ROUTE53_CHECKER_REGIONS],
      path,
    };
    if (raw.calculated) {
      if (raw.target !== undefined) {
        report(
          [...path, 'target'],
          {
            code: 'FP_INVALID_VALUE',
            message: `health check '${id}' is calculated: it has no target of its own`,
            expected: "either 'target' or 'calculated'",
          },
          'key',
        );
        continue;
      }
      const c = raw.calculated;
      const [key, children] = 'all' in c ? ['all', c.all] : 'any' in c ? ['any', c.any] : ['of', c.of];
      const healthyThreshold = 'all' in c ? c.all.length : 'any' in c ? 1 : c.atLeast;
      let known = true;
      children.forEach((child, i) => {
        if (ids.includes(child) && child !== id) return;
        known = false;
        const suggestion = didYouMean(child, ids);
        report([...path, 'calculated', key, i], {
          code: 'FP_UNKNOWN_HEALTH_CHECK',
          message:
            child === id ? `health check '${id}' cannot be its own child` : `unknown health check '${child}'`,
          expected: `another health check: ${ids
            .filter((x) => x !== id)
            .slice(0, 8)
            .join(', ')}`,
          ...(suggestion && child !== id ? { suggestion } : {}),
        });
      });
      if (healthyThreshold > children.length) {
        report([...path, 'calculated', 'atLeast'], {
          code: 'FP_INVALID_VALUE',
          message: `at least ${healthyThreshold} of ${children.length} children can never be healthy`,
          expected: `0 to ${children.length}`,
        });
        continue;
      }
      if (!known) continue;
      checks.set(id, {
        ...base,
        kind: 'calculated',
        protocol: 'https',
        connectTimeoutS: 0,
        responseTimeoutS: 0,
        children,
        healthyThreshold,
      });
      continue;
    }
    if (raw.target === undefined) {
      report(
        path,
        {
          code: 'FP_MISSING_KEY',
          message: `health check '${id}' checks nothing`,
          expected: "'target: front-door-or-service@place', or 'calculated: { ... }'",
        },
        'key',
      );
      continue;
    }
    const target = resolveTarget(raw.target, [...path, 'target']);
    if (!target) continue;
    const protocol = raw.protocol ?? 'https';
    const tcp = protocol === 'tcp';
    if (tcp && raw.path !== undefined) {
      report(
        [...path, 'path'],
        {
          code: 'FP_INVALID_VALUE',
          message: 'a TCP health check only connects: it requests no path',
          expected: 'protocol http or https for a path',
        },
        'key',
      );
    }
    checks.set(id, {
      ...base,
      kind: 'endpoint',
      protocol,
      target,
      ...(raw.path !== undefined && !tcp ? { urlPath: raw.path } : {}),
      connectTimeoutS: tcp ? ROUTE53_DEFAULTS.tcpConnectTimeoutS : ROUTE53_DEFAULTS.httpConnectTimeoutS,
      responseTimeoutS: tcp ? 0 : ROUTE53_DEFAULTS.httpResponseTimeoutS,
      children: [],
      healthyThreshold: 1,
    });
  }
  checkCalculatedCycles(checks, report);
  return checks;
}

/** A calculated check whose children lead back to it can never be evaluated. */
function checkCalculatedCycles(checks: Map<string, HealthCheck>, report: ReportProblem): void {
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (id: string): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      const cycle = [...stack.slice(stack.indexOf(id)), id];
      const first = checks.get(id);
      if (first)
        report(
          first.path,
          {
            code: 'FP_ALIAS_CYCLE',
            message: `calculated health checks make a cycle: ${cycle.join(' -> ')}`,
            suggestion: 'a calculated check may only use checks that do not depend on it',
          },
          'key',
        );
      for (const x of cycle) state.set(x, 'done');
      return;
    }
    state.set(id, 'open');
    stack.push(id);
    for (const child of checks.get(id)?.children ?? []) visit(child);
    stack.pop();
    state.set(id, 'done');
  };
  for (const id of checks.keys()) visit(id);
}
