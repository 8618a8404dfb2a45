/**
 * Route 53 record sets, resolved: each record's target (an alias to a front door, or a pool's
 * addresses), what its policy needs (a weight, a region, failover primary and secondary, a
 * geolocation with a default, a geoproximity region or coordinates, a CIDR location), its health
 * check and its TTL (an alias takes its target's: 60 s for a load balancer). Defaults and AWS
 * sources in `front-doors.ts`.
 */
import { getRegion } from '../catalog/index.js';
import { isValidCoordinates } from '../geo/index.js';
import { isCidr, parseCidr } from '../network/spec/index.js';
import { didYouMean } from '../suggest.js';
import {
  type FrontDoorTarget,
  ROUTE53_DEFAULTS,
  type Route53Record,
  type Route53RecordSet,
} from './front-doors.js';
import type { Route53Input, Route53RecordInput } from './front-doors-schema.js';
import type { ResolveTarget } from './resolve-targets.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

/** What a record set's resolution needs from the estate. */
export interface Route53Context {
  readonly resolveTarget: ResolveTarget;
  readonly healthCheckIds: readonly string[];
  /** The kind of each front door, for alias TTLs. */
  readonly kindOf: (id: string) => string | undefined;
  readonly report: ReportProblem;
}

/** The fields each policy requires on every record, and the fields only it allows. */
const POLICY_FIELD: Partial<Record<Route53Input['policy'], keyof Route53RecordInput>> = {
  weighted: 'weight',
  failover: 'failover',
  geolocation: 'geolocation',
  'ip-based': 'cidrLocation',
};
const POLICY_ONLY: readonly (readonly [keyof Route53RecordInput, readonly Route53Input['policy'][]])[] = [
  ['weight', ['weighted']],
  ['failover', ['failover']],
  ['geolocation', ['geolocation']],
  ['cidrLocation', ['ip-based']],
  ['bias', ['geoproximity']],
  ['coordinates', ['geoproximity']],
  ['region', ['latency', 'geoproximity']],
];

export function resolveRoute53(
  id: string,
  raw: Route53Input,
  path: DataPath,
  ctx: Route53Context,
): Route53RecordSet | undefined {
  const { report } = ctx;
  const cidrCollection = resolveCidrCollection(raw, path, report);
  const records: Route53Record[] = [];
  let ok = true;
  raw.records.forEach((record, i) => {
    const resolved = resolveRecord(raw, record, [...path, 'records', i], cidrCollection, ctx);
    if (resolved) records.push(resolved);
    else ok = false;
  });
  if (!ok || !checkPolicy(raw, path, report)) return undefined;
  return {
    kind: 'route53',
    id,
    name: raw.name ?? id,
    policy: raw.policy,
    ...(raw.ttl !== undefined ? { ttlS: raw.ttl } : {}),
    cidrCollection,
    records,
    path,
  };
}

function resolveRecord(
  set: Route53Input,
  raw: Route53RecordInput,
  path: DataPath,
  cidrs: ReadonlyMap<string, readonly string[]>,
  ctx: Route53Context,
): Route53Record | undefined {
  const { report } = ctx;
  let ok = true;
  const required = POLICY_FIELD[set.policy];
  if (required && raw[required] === undefined) {
    ok = false;
    report(path, {
      code: 'FP_MISSING_KEY',
      message: `a ${set.policy} record needs '${required}'`,
      expected: required === 'weight' ? 'weight: 0 to 255' : `'${required}' on every record`,
    });
  }
  for (const [field, policies] of POLICY_ONLY) {
    if (raw[field] !== undefined && !policies.includes(set.policy)) {
      ok = false;
      report(
        [...path, field],
        {
          code: 'FP_INVALID_VALUE',
          message: `'${field}' applies to ${policies.join(' and ')} records, not ${set.policy}`,
          expected: `policy: ${policies.join(' or ')}, or no '${field}'`,
        },
        'key',
      );
    }
  }
  const target = ctx.resolveTarget(raw.target, [...path, 'target']);
  if (raw.healthCheck !== undefined && !ctx.healthCheckIds.includes(raw.healthCheck)) {
    ok = false;
    const suggestion = didYouMean(raw.healthCheck, ctx.healthCheckIds);
    report([...path, 'healthCheck'], {
      code: 'FP_UNKNOWN_HEALTH_CHECK',
      message: `unknown health check '${raw.healthCheck}'`,
      expected: ctx.healthCheckIds.length
        ? `a health check: ${ctx.healthCheckIds.slice(0, 8).join(', ')}`
        : 'a health check under `healthChecks:`',
      ...(suggestion ? { suggestion } : {}),
    });
  }
  if (raw.region !== undefined && !getRegion(raw.region)) {
    ok = false;
    report([...path, 'region'], {
      code: 'FP_UNKNOWN_PLACE',
      message: `unknown region '${raw.region}'`,
      expected: 'a region code, e.g. eu-west-1',
    });
  }
  if (raw.coordinates && !isValidCoordinates(raw.coordinates[0], raw.coordinates[1])) {
    ok = false;
    report([...path, 'coordinates'], {
      code: 'FP_BAD_COORDINATES',
      message: 'coordinates out of range',
      expected: '[latitude, longitude]',
    });
  }
  if (raw.cidrLocation !== undefined && raw.cidrLocation !== '*' && !cidrs.has(raw.cidrLocation)) {
    ok = false;
    const suggestion = didYouMean(raw.cidrLocation, [...cidrs.keys()]);
    report([...path, 'cidrLocation'], {
      code: 'FP_INVALID_VALUE',
      message: `'${raw.cidrLocation}' is not a location of the record set's cidrCollection`,
      expected: `one of: ${[...cidrs.keys(), '*'].join(', ')}`,
      ...(suggestion ? { suggestion } : {}),
    });
  }
  if (!target) return undefined;
  const alias = target.kind === 'front-door';
  if (raw.evaluateTargetHealth && !alias) {
    ok = false;
    report(
      [...path, 'evaluateTargetHealth'],
      {
        code: 'FP_INVALID_VALUE',
        message: 'evaluateTargetHealth applies to alias records; a pool is answered with its addresses',
        expected: 'a front door as the target, or a healthCheck on the record',
        suggestion: 'give the record a healthCheck instead',
      },
      'key',
    );
  }
  if (!ok) return undefined;
  return {
    target,
    alias,
    evaluateTargetHealth: raw.evaluateTargetHealth ?? false,
    ttlS: recordTtl(set, target, ctx),
    ...(raw.weight !== undefined ? { weight: raw.weight } : {}),
    ...(raw.region !== undefined ? { region: raw.region } : {}),
    ...(raw.failover !== undefined ? { failover: raw.failover } : {}),
    ...(raw.geolocation !== undefined ? { geolocation: raw.geolocation } : {}),
    ...(raw.coordinates ? { coordinates: { lat: raw.coordinates[0], lon: raw.coordinates[1] } } : {}),
    bias: raw.bias ?? 0,
    ...(raw.cidrLocation !== undefined ? { cidrLocation: raw.cidrLocation } : {}),
    ...(raw.healthCheck !== undefined ? { healthCheck: raw.healthCheck } : {}),
    path,
  };
}

/** An alias answers with its target's TTL (60 s for a load balancer); other records with the set's. */
function recordTtl(set: Route53Input, target: FrontDoorTarget, ctx: Route53Context): number {
  if (target.kind === 'pool') return set.ttl ?? ROUTE53_DEFAULTS.ttlS;
  const kind = ctx.kindOf(target.id);
  if (kind === 'alb' || kind === 'nlb') return ROUTE53_DEFAULTS.aliasToLoadBalancerTtlS;
  if (kind === 'cloudfront' || kind === 'global-accelerator') return ROUTE53_DEFAULTS.aliasToEdgeTtlS;
  // An alias to another record set of the zone: that set's TTL, once known (its own records').
  return set.ttl ?? ROUTE53_DEFAULTS.ttlS;
}

/** Failover needs one primary and at most one secondary; simple, one record; multivalue, addresses. */
function checkPolicy(raw: Route53Input, path: DataPath, report: ReportProblem): boolean {
  if (raw.policy === 'failover') {
    const primaries = raw.records.filter((r) => r.failover === 'primary').length;
    const secondaries = raw.records.filter((r) => r.failover === 'secondary').length;
    if (primaries !== 1 || secondaries > 1) {
      report([...path, 'records'], {
        code: 'FP_INVALID_VALUE',
        message: `a failover record set has one primary and at most one secondary; this one has ${primaries} and ${secondaries}`,
        expected: 'failover: primary on one record, secondary on another',
      });
      return false;
    }
  }
  if (raw.policy === 'simple' && raw.records.length > 1) {
    report([...path, 'records'], {
      code: 'FP_INVALID_VALUE',
      message: 'a simple record set has one record (use multivalue or weighted to spread)',
      expected: 'one record',
    });
    return false;
  }
  if (raw.policy === 'multivalue' && raw.records.some((r) => !r.target.includes('@'))) {
    report([...path, 'records'], {
      code: 'FP_INVALID_VALUE',
      message: 'multivalue records answer with addresses: they cannot be aliases',
      expected: 'pools (service@place) as targets',
    });
    return false;
  }
  return true;
}

function resolveCidrCollection(
  raw: Route53Input,
  path: DataPath,
  report: ReportProblem,
): Map<string, readonly string[]> {
  const collection = new Map<string, readonly string[]>();
  for (const [location, blocks] of Object.entries(raw.cidrCollection ?? {})) {
    const parsed: string[] = [];
    blocks.forEach((text, i) => {
      const cidr = parseCidr(text);
      if (isCidr(cidr)) parsed.push(cidr.text);
      else
        report([...path, 'cidrCollection', location, i], {
          code: 'FP_BAD_CIDR',
          message: `'${text}': ${cidr.problem}`,
          expected: 'an IPv4 CIDR block such as 192.0.2.0/24',
          ...(cidr.suggestion ? { suggestion: cidr.suggestion } : {}),
        });
    });
    collection.set(location, parsed);
  }
  return collection;
}
