/**
 * Global Accelerators and CloudFront distributions, resolved. An accelerator's endpoint groups are
 * keyed by region, and each endpoint must be in its group's region; a distribution's behaviors
 * name its origins or origin groups, and an origin group two different origins. Defaults and AWS
 * sources in `front-doors.ts`.
 */
import { getRegion } from '../catalog/index.js';
import { didYouMean } from '../suggest.js';
import { durationSeconds } from './duration.js';
import {
  type AcceleratorEndpoint,
  type CacheBehavior,
  CLOUDFRONT_DEFAULTS,
  type CloudFrontDistribution,
  type CloudFrontOrigin,
  type CloudFrontOriginGroup,
  type EndpointGroup,
  type FrontDoorTarget,
  GLOBAL_ACCELERATOR_DEFAULTS,
  type GlobalAccelerator,
  type HttpMethod,
} from './front-doors.js';
import type { CloudFrontInput, GlobalAcceleratorInput } from './front-doors-schema.js';
import type { ResolveTarget } from './resolve-targets.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

/** The region a target serves from: a pool's, or a load balancer's (the caller knows those). */
export type TargetRegion = (target: FrontDoorTarget) => string | undefined;

export function resolveAccelerator(
  id: string,
  raw: GlobalAcceleratorInput,
  path: DataPath,
  resolveTarget: ResolveTarget,
  targetRegion: TargetRegion,
  report: ReportProblem,
): GlobalAccelerator | undefined {
  const groups: EndpointGroup[] = [];
  let ok = true;
  for (const [region, group] of Object.entries(raw.endpointGroups)) {
    const groupPath: DataPath = [...path, 'endpointGroups', region];
    if (!getRegion(region)) {
      ok = false;
      report(
        groupPath,
        {
          code: 'FP_UNKNOWN_PLACE',
          message: `endpoint groups are keyed by region: '${region}' is not one`,
          expected: 'a region code, e.g. eu-west-1',
        },
        'key',
      );
      continue;
    }
    const endpoints: AcceleratorEndpoint[] = [];
    group.endpoints.forEach((entry, i) => {
      const ref = typeof entry === 'string' ? entry : entry.target;
      const at: DataPath =
        typeof entry === 'string' ? [...groupPath, 'endpoints', i] : [...groupPath, 'endpoints', i, 'target'];
      const target = resolveTarget(ref, at);
      if (!target) {
        ok = false;
        return;
      }
      const where = targetRegion(target);
      if (where !== undefined && where !== region) {
        ok = false;
        report(at, {
          code: 'FP_BAD_PLACEMENT',
          message: `endpoint '${ref}' is in ${where}, not in its group's region ${region}`,
          expected: `an endpoint in ${region}`,
          suggestion: `move it to the endpoint group '${where}'`,
        });
        return;
      }
      endpoints.push({
        target,
        weight:
          typeof entry === 'string'
            ? GLOBAL_ACCELERATOR_DEFAULTS.weight
            : (entry.weight ?? GLOBAL_ACCELERATOR_DEFAULTS.weight),
      });
    });
    const check = group.healthCheck;
    groups.push({
      region,
      trafficDial: group.trafficDial ?? GLOBAL_ACCELERATOR_DEFAULTS.trafficDial,
      healthCheck: {
        protocol: check?.protocol ?? 'tcp',
        ...(check?.path !== undefined ? { urlPath: check.path } : {}),
        intervalS: check?.interval ?? GLOBAL_ACCELERATOR_DEFAULTS.intervalS,
        threshold: check?.threshold ?? GLOBAL_ACCELERATOR_DEFAULTS.threshold,
      },
      endpoints,
      path: groupPath,
    });
  }
  if (!ok) return undefined;
  return {
    kind: 'global-accelerator',
    id,
    name: raw.name ?? id,
    clientAffinity: raw.clientAffinity ?? 'none',
    endpointGroups: groups,
    path,
  };
}

const METHODS: Record<'GET_HEAD' | 'GET_HEAD_OPTIONS' | 'ALL', readonly HttpMethod[]> = {
  GET_HEAD: ['GET', 'HEAD'],
  GET_HEAD_OPTIONS: ['GET', 'HEAD', 'OPTIONS'],
  ALL: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
};

export function resolveDistribution(
  id: string,
  raw: CloudFrontInput,
  path: DataPath,
  resolveTarget: ResolveTarget,
  report: ReportProblem,
): CloudFrontDistribution | undefined {
  let ok = true;
  const origins = new Map<string, CloudFrontOrigin>();
  for (const [name, origin] of Object.entries(raw.origins)) {
    const target = resolveTarget(origin.target, [...path, 'origins', name, 'target']);
    if (!target) {
      ok = false;
      continue;
    }
    origins.set(name, {
      name,
      target,
      connectionAttempts: origin.connectionAttempts ?? CLOUDFRONT_DEFAULTS.connectionAttempts,
      connectionTimeoutS: origin.connectionTimeout ?? CLOUDFRONT_DEFAULTS.connectionTimeoutS,
      responseTimeoutS: origin.responseTimeout ?? CLOUDFRONT_DEFAULTS.responseTimeoutS,
    });
  }
  const known = knownName(id, report);
  const originGroups = resolveOriginGroups(raw, path, known, report);
  const behaviors = resolveBehaviors(raw, path, known, report);
  if (!ok || !originGroups || !behaviors) return undefined;
  return { kind: 'cloudfront', id, name: raw.name ?? id, origins, originGroups, behaviors, path };
}

type KnownName = (name: string, at: DataPath, what: string, names: readonly string[]) => boolean;

/** True when `name` is one of `names`; otherwise reports it with a did-you-mean. */
function knownName(id: string, report: ReportProblem): KnownName {
  return (name, at, what, names) => {
    if (names.includes(name)) return true;
    const suggestion = didYouMean(name, names);
    report(at, {
      code: 'FP_UNKNOWN_ELEMENT',
      message: `distribution '${id}' has no ${what} '${name}'`,
      expected: `one of: ${names.join(', ')}`,
      ...(suggestion ? { suggestion } : {}),
    });
    return false;
  };
}

/** Origin groups of two different origins, named apart from the origins; undefined after a problem. */
function resolveOriginGroups(
  raw: CloudFrontInput,
  path: DataPath,
  known: KnownName,
  report: ReportProblem,
): Map<string, CloudFrontOriginGroup> | undefined {
  const originNames = Object.keys(raw.origins);
  const groups = new Map<string, CloudFrontOriginGroup>();
  let ok = true;
  for (const [name, group] of Object.entries(raw.originGroups ?? {})) {
    const at: DataPath = [...path, 'originGroups', name];
    const both =
      known(group.primary, [...at, 'primary'], 'origin', originNames) &&
      known(group.secondary, [...at, 'secondary'], 'origin', originNames);
    if (!both) ok = false;
    else if (group.primary === group.secondary) {
      report([...at, 'secondary'], {
        code: 'FP_INVALID_VALUE',
        message: 'the secondary origin is the primary',
        expected: 'two different origins',
      });
      ok = false;
    } else if (originNames.includes(name)) {
      report(
        at,
        {
          code: 'FP_DUPLICATE_ID',
          message: `'${name}' is both an origin and an origin group`,
          suggestion: 'rename one',
        },
        'key',
      );
      ok = false;
    } else
      groups.set(name, {
        name,
        primary: group.primary,
        secondary: group.secondary,
        failoverOn: group.failoverOn ? [...new Set(group.failoverOn)] : CLOUDFRONT_DEFAULTS.failoverOn,
      });
  }
  return ok ? groups : undefined;
}

/** Behaviors naming known origins or groups, the last one the default ('*'); undefined after a problem. */
function resolveBehaviors(
  raw: CloudFrontInput,
  path: DataPath,
  known: KnownName,
  report: ReportProblem,
): CacheBehavior[] | undefined {
  const choices = [...Object.keys(raw.origins), ...Object.keys(raw.originGroups ?? {})];
  const behaviors: CacheBehavior[] = [];
  let ok = true;
  raw.behaviors.forEach((b, i) => {
    const at: DataPath = [...path, 'behaviors', i];
    const origin = b.origin ?? (choices.length === 1 ? choices[0] : undefined);
    if (origin === undefined) {
      report(at, {
        code: 'FP_MISSING_KEY',
        message: 'a behavior needs an origin when the distribution has several',
        expected: `origin: one of ${choices.join(', ')}`,
      });
      ok = false;
      return;
    }
    if (!known(origin, [...at, 'origin'], 'origin or origin group', choices)) {
      ok = false;
      return;
    }
    const fn = b.viewerFunction;
    for (const [value, name] of Object.entries(fn?.origins ?? {}))
      if (!known(name, [...at, 'viewerFunction', 'origins', value], 'origin or origin group', choices))
        ok = false;
    if (
      fn?.default !== undefined &&
      !known(fn.default, [...at, 'viewerFunction', 'default'], 'origin or origin group', choices)
    )
      ok = false;
    behaviors.push({
      pathPattern: b.path,
      origin,
      methods: METHODS[b.methods ?? 'GET_HEAD'],
      cacheHitRatio: b.cacheHitRatio ?? 0,
      ttlS: b.ttl !== undefined ? durationSeconds(b.ttl) : CLOUDFRONT_DEFAULTS.ttlS,
      ...(fn
        ? {
            viewerFunction: {
              cookie: fn.cookie,
              origins: new Map(Object.entries(fn.origins)),
              fallback: fn.default ?? origin,
            },
          }
        : {}),
      path: at,
    });
  });
  const last = raw.behaviors[raw.behaviors.length - 1];
  if (last && last.path !== '*' && last.path !== '/*') {
    report([...path, 'behaviors', raw.behaviors.length - 1, 'path'], {
      code: 'FP_INVALID_VALUE',
      message: `the last behavior is the distribution's default: its path is '*', not '${last.path}'`,
      expected: "a last behavior with path: '*'",
      suggestion: "add { path: '*', origin: ... } at the end",
    });
    ok = false;
  }
  return ok ? behaviors : undefined;
}

/** The behavior a request path matches: the first whose pattern matches (`*` any run, `?` one character). */
export function matchBehavior(
  distribution: CloudFrontDistribution,
  urlPath: string,
): CacheBehavior | undefined {
  return distribution.behaviors.find((b) => patternRegExp(b.pathPattern).test(urlPath));
}

function patternRegExp(pattern: string): RegExp {
  if (pattern === '*') return /^/;
  const body = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${body.startsWith('/') ? '' : '/'}${body}$`);
}
