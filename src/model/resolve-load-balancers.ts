/**
 * Application and Network Load Balancers, resolved: targets are pools of one region (a load
 * balancer is regional; a site's servers can be IP targets over Direct Connect), stickiness the kind
 * allows (cookies for ALB, source IP for NLB), and the health check, cross-zone and deregistration
 * defaults of each kind. Defaults and AWS sources in `front-doors.ts`.
 */
import { durationSeconds } from './duration.js';
import {
  type FrontDoorTarget,
  LOAD_BALANCER_DEFAULTS,
  type LoadBalancer,
  type Stickiness,
} from './front-doors.js';
import type { LoadBalancerInput } from './front-doors-schema.js';
import { type ResolveTarget, regionOf } from './resolve-targets.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

type PoolTarget = FrontDoorTarget & { readonly kind: 'pool' };

export function resolveLoadBalancer(
  id: string,
  raw: LoadBalancerInput,
  path: DataPath,
  resolveTarget: ResolveTarget,
  report: ReportProblem,
): LoadBalancer | undefined {
  const targets: PoolTarget[] = [];
  let ok = true;
  raw.targets.forEach((ref, i) => {
    const target = resolveTarget(ref, [...path, 'targets', i]);
    if (!target) ok = false;
    else if (target.kind !== 'pool') {
      ok = false;
      report([...path, 'targets', i], {
        code: 'FP_INVALID_VALUE',
        message: `a load balancer's targets are pools; '${ref}' is a front door`,
        expected: 'service@place',
      });
    } else targets.push(target);
  });
  const regions = [
    ...new Set(targets.map((t) => regionOf(t.place)).filter((r): r is string => r !== undefined)),
  ];
  if (ok && regions.length !== 1) {
    report([...path, 'targets'], {
      code: 'FP_BAD_PLACEMENT',
      message:
        regions.length === 0
          ? `load balancer '${id}' has no target in an AWS region`
          : `a load balancer is regional, but '${id}' has targets in ${regions.join(' and ')}`,
      expected: 'pools of one region (and sites reached over Direct Connect)',
      ...(regions.length > 1
        ? { suggestion: 'one load balancer per region, under a Route 53 record set or an accelerator' }
        : {}),
    });
    ok = false;
  }
  const stickiness = stickinessOf(raw, path, report);
  if (stickiness === null) ok = false;
  if (raw.deregistrationDelay !== undefined && durationSeconds(raw.deregistrationDelay) > 3600) {
    report([...path, 'deregistrationDelay'], {
      code: 'FP_INVALID_VALUE',
      message: 'the deregistration delay is at most 3600 s',
      expected: '0 to 3600s',
    });
    ok = false;
  }
  if (!ok) return undefined;
  const d = LOAD_BALANCER_DEFAULTS[raw.kind];
  const check = raw.healthCheck;
  const protocol = check?.protocol ?? (raw.kind === 'alb' ? 'http' : 'tcp');
  const timeoutS =
    check?.timeout ??
    (raw.kind === 'nlb' && protocol !== 'tcp' ? LOAD_BALANCER_DEFAULTS.nlb.httpTimeoutS : d.timeoutS);
  return {
    kind: raw.kind,
    id,
    name: raw.name ?? id,
    region: regions[0] as string,
    targets,
    crossZone: raw.crossZone ?? d.crossZone,
    ...(stickiness ? { stickiness } : {}),
    healthCheck: {
      protocol,
      ...(check?.path !== undefined ? { urlPath: check.path } : {}),
      intervalS: check?.interval ?? d.intervalS,
      timeoutS,
      healthyThreshold: check?.healthyThreshold ?? d.healthy,
      unhealthyThreshold: check?.unhealthyThreshold ?? d.unhealthy,
    },
    deregistrationDelayS:
      raw.deregistrationDelay !== undefined
        ? durationSeconds(raw.deregistrationDelay)
        : LOAD_BALANCER_DEFAULTS.deregistrationDelayS,
    path,
  };
}

/** Stickiness the kind allows, with a duration in range; null after reporting a problem. */
function stickinessOf(
  raw: LoadBalancerInput,
  path: DataPath,
  report: ReportProblem,
): Stickiness | undefined | null {
  const s = raw.stickiness;
  if (!s) return undefined;
  const at = [...path, 'stickiness'];
  const cookie = s.type !== 'source-ip';
  if (cookie !== (raw.kind === 'alb')) {
    report([...at, 'type'], {
      code: 'FP_INVALID_VALUE',
      message: `${raw.kind === 'alb' ? 'an ALB' : 'an NLB'} cannot be sticky by ${s.type}`,
      expected: raw.kind === 'alb' ? 'duration-cookie or app-cookie' : 'source-ip',
    });
    return null;
  }
  if (s.type === 'source-ip') return s;
  const durationS =
    s.duration !== undefined ? durationSeconds(s.duration) : LOAD_BALANCER_DEFAULTS.stickinessDurationS;
  if (durationS < 1 || durationS > LOAD_BALANCER_DEFAULTS.maxStickinessDurationS) {
    report([...at, 'duration'], {
      code: 'FP_INVALID_VALUE',
      message: `a stickiness cookie lasts 1 second to 7 days, not ${durationS} s`,
      expected: '1s to 7d',
    });
    return null;
  }
  return s.type === 'app-cookie'
    ? { type: 'app-cookie', cookie: s.cookie, durationS }
    : { type: 'duration-cookie', durationS };
}
