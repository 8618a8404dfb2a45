import { describe, expect, it } from 'vitest';
import { parseEstate } from '../model/index.js';
import { LintContext, RULES } from './index.js';

const BASE = `name: t
users: [{ metro: metro:london, weight: 1 }]
services:
  web: { at: [euw1-az1, use1-az1], computeMs: 5 }
healthChecks:
  hc: { target: web@euw1-az1 }
frontDoors:
  lb-eu: { kind: alb, targets: [web@euw1-az1] }
  lb-us: { kind: alb, targets: [web@use1-az1] }
`;

function findings(id: string, frontDoors: string, requests = '') {
  const rule = RULES.find((r) => r.id === id);
  if (!rule) throw new Error(id);
  return rule.check(new LintContext(parseEstate(`${BASE}${frontDoors}${requests}`, 'lint.yaml')));
}

describe('front door rules', () => {
  it('front-door/health-checked-ttl: a health-checked record cached 300 s, located at its ttl', () => {
    const found = findings(
      'front-door/health-checked-ttl',
      '  www: { kind: route53, policy: weighted, ttl: 300, records: [{ target: web@euw1-az1, weight: 1, healthCheck: hc }] }\n',
    );
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({
      message: 'www: 1 health-checked record cached for 300 s',
      fix: 'Set ttl: 60 (or less) on www.',
    });
    expect(found[0]?.location?.line).toBe(10);
    // The default TTL (300 s) counts too; 60 s does not.
    expect(
      findings(
        'front-door/health-checked-ttl',
        '  www: { kind: route53, policy: weighted, ttl: 60, records: [{ target: web@euw1-az1, weight: 1, healthCheck: hc }] }\n',
      ),
    ).toEqual([]);
  });

  it('front-door/failover-primary-unchecked: a primary with neither a health check nor target health', () => {
    const unchecked =
      '  www: { kind: route53, policy: failover, records: [{ target: lb-eu, failover: primary }, { target: lb-us, failover: secondary }] }\n';
    expect(findings('front-door/failover-primary-unchecked', unchecked)[0]?.fix).toBe(
      'Give the primary record of www a healthCheck, or evaluateTargetHealth: true.',
    );
    const checked = unchecked.replace(
      'failover: primary }',
      'failover: primary, evaluateTargetHealth: true }',
    );
    expect(findings('front-door/failover-primary-unchecked', checked)).toEqual([]);
  });

  it('front-door/alias-ttl-ignored: a TTL on aliases to load balancers, which are cached 60 s', () => {
    const found = findings(
      'front-door/alias-ttl-ignored',
      '  www: { kind: route53, policy: simple, ttl: 300, records: [{ target: lb-eu }] }\n',
    );
    expect(found[0]?.message).toBe('www: ttl 300 s is ignored; its alias records are cached for 60 s');
  });

  it('front-door/no-failover-for-method: a POST behind an origin group', () => {
    const cdn = `  www:
    kind: cloudfront
    origins: { eu: { target: lb-eu }, us: { target: lb-us } }
    originGroups: { both: { primary: eu, secondary: us } }
    behaviors: [{ path: '*', origin: both, methods: ALL }]
`;
    const request = (method: string) => `requests:\n  book: { entry: web, via: www, method: ${method} }\n`;
    expect(findings('front-door/no-failover-for-method', cdn, request('POST'))[0]?.elements).toEqual([
      'book',
      'www',
    ]);
    expect(findings('front-door/no-failover-for-method', cdn, request('GET'))).toEqual([]);
  });
});
