/**
 * Rules about front doors, where AWS documents a configuration as harmful:
 * - `front-door/health-checked-ttl`: "If you're using health checks, we recommend that you specify
 *   a TTL of 60 seconds or less" (Route 53 Developer Guide, "Values specific for simple records"
 *   / resource-record-sets-values-*.md, TTL): resolvers keep answering with a failed endpoint for
 *   as long as the TTL.
 * - `front-door/failover-primary-unchecked`: "If you don't associate a health check with the
 *   primary record, Route 53 always considers it healthy" (dns-failover-configuring.md), so the
 *   secondary is never used: failover that cannot fail over.
 * - `front-door/alias-ttl-ignored`: "If an alias record points to an Elastic Load Balancing load
 *   balancer, the TTL is 60 seconds" (resource-record-sets-values-alias.md): a TTL written for
 *   aliases is not the one resolvers see.
 * - `front-door/no-failover-for-method`: CloudFront origin failover applies to GET, HEAD and
 *   OPTIONS only (high_availability_origin_failover.md): a request with another method behind an
 *   origin group gets the primary's error.
 */
import { CLOUDFRONT_DEFAULTS, frontDoorTargets, type Route53RecordSet } from '../model/index.js';
import type { LintFinding, LintRule } from './types.js';

/** The TTL Route 53 recommends at most for records with health checks. */
const HEALTH_CHECKED_MAX_TTL_S = 60;

function recordSets(doors: ReadonlyMap<string, { kind: string }> | undefined): Route53RecordSet[] {
  return [...(doors?.values() ?? [])].filter((d): d is Route53RecordSet => d.kind === 'route53');
}

export const healthCheckedTtl: LintRule = {
  id: 'front-door/health-checked-ttl',
  title: 'A health-checked record cached longer than 60 s',
  severity: 'warning',
  description:
    'Route 53 recommends a TTL of 60 seconds or less on records with health checks: resolvers keep sending users to a failed endpoint until the TTL runs out.',
  check(context) {
    const findings: LintFinding[] = [];
    for (const set of recordSets(context.estate.frontDoors)) {
      const checked = set.records.filter(
        (r) => r.healthCheck !== undefined && r.ttlS > HEALTH_CHECKED_MAX_TTL_S,
      );
      if (checked.length === 0) continue;
      const ttl = Math.max(...checked.map((r) => r.ttlS));
      findings.push({
        rule: this.id,
        severity: this.severity,
        message: `${set.id}: ${checked.length} health-checked record${checked.length === 1 ? '' : 's'} cached for ${ttl} s`,
        elements: [set.id, ...checked.flatMap((r) => (r.healthCheck ? [r.healthCheck] : []))],
        risk: `users keep a failed answer up to ${ttl - HEALTH_CHECKED_MAX_TTL_S} s longer than with a 60 s TTL`,
        fix: `Set ttl: 60 (or less) on ${set.id}.`,
        ...context.at([...set.path, 'ttl']),
      });
    }
    return findings;
  },
};

export const failoverPrimaryUnchecked: LintRule = {
  id: 'front-door/failover-primary-unchecked',
  title: 'A failover primary with no health check',
  severity: 'warning',
  description:
    'Route 53 always considers a primary record without a health check healthy, so a failover record set without one never answers with its secondary.',
  check(context) {
    const findings: LintFinding[] = [];
    for (const set of recordSets(context.estate.frontDoors)) {
      if (set.policy !== 'failover') continue;
      const primary = set.records.find((r) => r.failover === 'primary');
      if (!primary || primary.healthCheck !== undefined || primary.evaluateTargetHealth) continue;
      findings.push({
        rule: this.id,
        severity: this.severity,
        message: `${set.id}: the primary record has no health check and does not evaluate its target's health; the secondary is never used`,
        elements: [set.id],
        risk: 'no failover',
        fix: `Give the primary record of ${set.id} a healthCheck${primary.alias ? ', or evaluateTargetHealth: true' : ''}.`,
        ...context.at(primary.path),
      });
    }
    return findings;
  },
};

export const aliasTtlIgnored: LintRule = {
  id: 'front-door/alias-ttl-ignored',
  title: 'A TTL on records that are all aliases',
  severity: 'note',
  description:
    'An alias record takes its TTL from its target (60 s for a load balancer); the TTL written on the record set is not what resolvers cache.',
  check(context) {
    const findings: LintFinding[] = [];
    for (const set of recordSets(context.estate.frontDoors)) {
      if (set.ttlS === undefined || !set.records.every((r) => r.alias)) continue;
      const effective = [...new Set(set.records.map((r) => r.ttlS))].join(' or ');
      if (set.records.every((r) => r.ttlS === set.ttlS)) continue;
      findings.push({
        rule: this.id,
        severity: this.severity,
        message: `${set.id}: ttl ${set.ttlS} s is ignored; its alias records are cached for ${effective} s`,
        elements: [set.id],
        risk: 'a TTL that is not the one in effect',
        fix: `Remove ttl from ${set.id}.`,
        ...context.at([...set.path, 'ttl']),
      });
    }
    return findings;
  },
};

export const noFailoverForMethod: LintRule = {
  id: 'front-door/no-failover-for-method',
  title: 'A request behind a CloudFront origin group with a method that does not fail over',
  severity: 'warning',
  description:
    'CloudFront fails over to the secondary origin only for GET, HEAD and OPTIONS: a POST, PUT, PATCH or DELETE gets the primary’s error.',
  check(context) {
    const findings: LintFinding[] = [];
    const doors = context.estate.frontDoors;
    for (const request of context.estate.requests) {
      if (!request.via || !request.method || CLOUDFRONT_DEFAULTS.failoverMethods.includes(request.method))
        continue;
      const seen = new Set<string>();
      const queue = [request.via];
      while (queue.length > 0) {
        const id = queue.shift() as string;
        if (seen.has(id)) continue;
        seen.add(id);
        const door = doors?.get(id);
        if (!door) continue;
        if (door.kind === 'cloudfront' && door.originGroups.size > 0) {
          findings.push({
            rule: this.id,
            severity: this.severity,
            message: `${request.id} is a ${request.method} through ${id}, whose origin groups fail over GET, HEAD and OPTIONS only`,
            elements: [request.id, id],
            risk: `a ${request.method} fails with the primary origin`,
            fix: `Retry ${request.method} requests in the client, or route them by DNS failover instead of an origin group.`,
            ...context.at([...request.path, 'method']),
          });
          break;
        }
        for (const t of frontDoorTargets(door)) if (t.kind === 'front-door') queue.push(t.id);
      }
    }
    return findings;
  },
};
