import { describe, expect, it } from 'vitest';
import { FootprintError } from '../errors.js';
import type {
  CloudFrontDistribution,
  GlobalAccelerator,
  LoadBalancer,
  Route53RecordSet,
} from './front-doors.js';
import { parseEstate } from './index.js';

const BASE = `name: t
users: [{ metro: metro:london, weight: 1 }]
services:
  web:
    at: [euw1-az1, euw1-az2, use1-az1]
    computeMs: 5
  api:
    at: [euw1-az1]
    computeMs: 5
requests:
  page: { entry: web, via: www }
`;

function estate(frontDoors: string, extra = '') {
  return parseEstate(`${BASE}${extra}frontDoors:\n${frontDoors}`, 'fd.yaml');
}

function errors(frontDoors: string, extra = '') {
  try {
    estate(frontDoors, extra);
  } catch (error) {
    if (error instanceof FootprintError) return error.diagnostics;
    throw error;
  }
  throw new Error('expected the estate to fail');
}

const LBS = `  lb-eu: { kind: alb, targets: [web@euw1-az1, web@euw1-az2] }
  lb-us: { kind: nlb, targets: [web@use1-az1] }
`;

describe('front doors: defaults from the AWS documentation', () => {
  it('fills load balancer defaults by kind (ALB 30 s/5 s/5/2, cross-zone on; NLB TCP 10 s, off; 300 s deregistration)', () => {
    const e = estate(
      `${LBS}  www: { kind: route53, policy: latency, records: [{ target: lb-eu, region: eu-west-1 }, { target: lb-us, region: us-east-1 }] }\n`,
    );
    const alb = e.frontDoors?.get('lb-eu') as LoadBalancer;
    expect(alb).toMatchObject({ region: 'eu-west-1', crossZone: true, deregistrationDelayS: 300 });
    expect(alb.healthCheck).toEqual({
      protocol: 'http',
      intervalS: 30,
      timeoutS: 5,
      healthyThreshold: 5,
      unhealthyThreshold: 2,
    });
    const nlb = e.frontDoors?.get('lb-us') as LoadBalancer;
    expect(nlb).toMatchObject({ crossZone: false });
    expect(nlb.healthCheck).toMatchObject({ protocol: 'tcp', timeoutS: 10 });
    const www = e.frontDoors?.get('www') as Route53RecordSet;
    // An alias to a load balancer is cached 60 s, whatever the record set says.
    expect(www.records.map((r) => [r.alias, r.ttlS])).toEqual([
      [true, 60],
      [true, 60],
    ]);
    expect(e.requests[0]).toMatchObject({ via: 'www', method: 'GET', urlPath: '/' });
  });

  it('fills health check, accelerator and CloudFront defaults', () => {
    const e = estate(
      `${LBS}  ga:
    kind: global-accelerator
    endpointGroups:
      eu-west-1: { endpoints: [lb-eu] }
      us-east-1: { trafficDial: 20, endpoints: [{ target: lb-us, weight: 10 }] }
  www:
    kind: cloudfront
    origins: { a: { target: ga } }
    behaviors: [{ path: '*' }]
`,
      'healthChecks:\n  hc: { target: lb-eu, path: /health }\n',
    );
    expect(e.healthChecks?.get('hc')).toMatchObject({
      protocol: 'https',
      intervalS: 30,
      failureThreshold: 3,
      connectTimeoutS: 4,
      responseTimeoutS: 2,
    });
    expect(e.healthChecks?.get('hc')?.regions).toHaveLength(8);
    const ga = e.frontDoors?.get('ga') as GlobalAccelerator;
    expect(ga.clientAffinity).toBe('none');
    expect(
      ga.endpointGroups.map((g) => [
        g.region,
        g.trafficDial,
        g.endpoints[0]?.weight,
        g.healthCheck.intervalS,
      ]),
    ).toEqual([
      ['eu-west-1', 100, 128, 30],
      ['us-east-1', 20, 10, 30],
    ]);
    const cf = e.frontDoors?.get('www') as CloudFrontDistribution;
    expect(cf.origins.get('a')).toMatchObject({
      connectionAttempts: 3,
      connectionTimeoutS: 10,
      responseTimeoutS: 30,
    });
    expect(cf.behaviors[0]).toMatchObject({
      origin: 'a',
      methods: ['GET', 'HEAD'],
      ttlS: 86_400,
      cacheHitRatio: 0,
    });
  });

  it('resolves calculated checks, weighted, failover, geolocation, geoproximity and IP-based records', () => {
    const e = estate(
      `${LBS}  weighted: { kind: route53, policy: weighted, ttl: 30, records: [{ target: web@euw1-az1, weight: 3, healthCheck: a }, { target: web@use1-az1, weight: 1 }] }
  fo: { kind: route53, policy: failover, records: [{ target: lb-eu, failover: primary, healthCheck: both }, { target: lb-us, failover: secondary }] }
  geo: { kind: route53, policy: geolocation, records: [{ target: lb-eu, geolocation: { continent: EU } }, { target: lb-us, geolocation: default }] }
  prox: { kind: route53, policy: geoproximity, records: [{ target: lb-eu, region: eu-west-1, bias: 40 }, { target: lb-us, coordinates: [39, -77] }] }
  ip: { kind: route53, policy: ip-based, cidrCollection: { office: [192.0.2.0/24] }, records: [{ target: lb-eu, cidrLocation: office }, { target: lb-us, cidrLocation: '*' }] }
  www: { kind: route53, policy: multivalue, records: [{ target: web@euw1-az1 }, { target: web@euw1-az2 }] }
`,
      `healthChecks:
  a: { protocol: tcp, target: web@euw1-az1 }
  b: { target: lb-us, interval: 10, failureThreshold: 1 }
  both: { calculated: { all: [a, b] } }
  either: { calculated: { atLeast: 1, of: [a, b] } }
`,
    );
    expect(e.healthChecks?.get('a')).toMatchObject({ connectTimeoutS: 10, responseTimeoutS: 0 });
    expect(e.healthChecks?.get('both')).toMatchObject({
      kind: 'calculated',
      healthyThreshold: 2,
      children: ['a', 'b'],
    });
    const weighted = e.frontDoors?.get('weighted') as Route53RecordSet;
    expect(weighted.records.map((r) => [r.alias, r.ttlS, r.weight])).toEqual([
      [false, 30, 3],
      [false, 30, 1],
    ]);
    expect((e.frontDoors?.get('prox') as Route53RecordSet | undefined)?.records[1]).toMatchObject({
      coordinates: { lat: 39, lon: -77 },
      bias: 0,
    });
    expect((e.frontDoors?.get('ip') as Route53RecordSet | undefined)?.cidrCollection.get('office')).toEqual([
      '192.0.2.0/24',
    ]);
  });
});

describe('front doors: located errors', () => {
  it('reports an unknown front door with a did-you-mean, at its line', () => {
    const [d] = errors(`${LBS}  www: { kind: route53, policy: simple, records: [{ target: lb-ue }] }\n`);
    expect(d).toMatchObject({
      code: 'FP_UNKNOWN_FRONT_DOOR',
      suggestion: "did you mean 'lb-us' or 'lb-eu'?",
    });
    expect(d?.location).toMatchObject({ file: 'fd.yaml', line: 15 });
  });

  it('reports a pool the service does not have, suggesting the ones it has', () => {
    const [d] = errors(`  www: { kind: alb, targets: [web@euw1-az3] }\n`);
    expect(d?.code).toBe('FP_UNKNOWN_PLACE');
    expect(d?.message).toBe("'web' has no pool at 'euw1-az3'");
    expect(d?.suggestion).toContain("'web@euw1-az1'");
  });

  it('names an alias cycle', () => {
    const ds = errors(`  www: { kind: route53, policy: simple, records: [{ target: cdn }] }
  cdn: { kind: cloudfront, origins: { o: { target: www } }, behaviors: [{ path: '*' }] }
`);
    expect(ds.map((d) => d.code)).toEqual(['FP_ALIAS_CYCLE']);
    expect(ds[0]?.message).toBe('front doors alias each other in a cycle: www -> cdn -> www');
  });

  it('refuses a front door that leads to another service than the request enters at', () => {
    const [d] = errors(`  www: { kind: alb, targets: [api@euw1-az1] }\n`);
    expect(d?.code).toBe('FP_WRONG_ENTRY');
    expect(d?.message).toContain("a pool of 'api', but the request enters at 'web'");
    expect(d?.location?.line).toBe(11);
  });

  it('refuses a regional load balancer across regions, and an endpoint outside its group', () => {
    expect(errors(`  www: { kind: alb, targets: [web@euw1-az1, web@use1-az1] }\n`)[0]?.message).toBe(
      "a load balancer is regional, but 'www' has targets in eu-west-1 and us-east-1",
    );
    const [d] = errors(
      `${LBS}  www: { kind: global-accelerator, endpointGroups: { eu-west-1: { endpoints: [lb-us] } } }\n`,
    );
    expect(d).toMatchObject({
      code: 'FP_BAD_PLACEMENT',
      suggestion: "move it to the endpoint group 'us-east-1'",
    });
  });

  it('checks what each routing policy needs, and ranges', () => {
    const ds = errors(
      `${LBS}  www: { kind: route53, policy: weighted, records: [{ target: lb-eu, weight: 300 }, { target: lb-us, region: us-east-1 }] }\n`,
    );
    expect(ds.map((d) => d.code)).toEqual(['FP_INVALID_VALUE']);
    expect(ds[0]?.expected).toContain('at most 255');
    const policy = errors(
      `${LBS}  www: { kind: route53, policy: weighted, records: [{ target: lb-eu, weight: 1 }, { target: lb-us, region: us-east-1 }] }\n`,
    );
    expect(policy.map((d) => d.message)).toEqual([
      "a weighted record needs 'weight'",
      "'region' applies to latency and geoproximity records, not weighted",
    ]);
  });

  it('tells which kinds a front door may be, with a did-you-mean', () => {
    const [d] = errors(`  www: { kind: elb, targets: [web@euw1-az1] }\n`);
    expect(d).toMatchObject({ code: 'FP_INVALID_VALUE', suggestion: "did you mean 'alb' or 'nlb'?" });
    expect(d?.expected).toBe('one of: route53, global-accelerator, cloudfront, alb, nlb');
    const [k] = errors(`  www: { kind: nlb, targets: [web@euw1-az1], crossZon: true }\n`);
    expect(k).toMatchObject({ code: 'FP_UNKNOWN_KEY', suggestion: "did you mean 'crossZone'?" });
  });

  it("checks a CloudFront behavior's method against the request's", () => {
    const door = `  www: { kind: cloudfront, origins: { o: { target: web@euw1-az1 } }, behaviors: [{ path: /api/*, methods: ALL }, { path: '*' }] }\n`;
    const post = (path: string) =>
      `${BASE.replace('via: www }', `via: www, method: POST, path: ${path} }`)}frontDoors:\n${door}`;
    expect(parseEstate(post('/api/search')).requests[0]).toMatchObject({
      method: 'POST',
      urlPath: '/api/search',
    });
    expect(() => parseEstate(post('/index.html'))).toThrow(
      "CloudFront 'www' allows GET, HEAD on '*', not POST",
    );
  });
});

describe('state on services', () => {
  const state = (extra: string) =>
    parseEstate(`name: t
services:
  db:
    at: [eu-west-1, us-east-1, ap-southeast-1]
    computeMs: 2
${extra}`);

  it('resolves sessions and replication with their defaults', () => {
    const e = state(`    sessions: { replicated: { lagMs: { p50: 100, p99: 900 } } }
    replication: { mode: sync }
`);
    expect(e.services[0]?.sessions).toEqual({ kind: 'replicated', lagMs: { p50Ms: 100, p99Ms: 900 } });
    expect(e.services[0]?.replication).toEqual({ mode: 'sync', quorum: 2, places: 3 });
    expect(state('    replication: { mode: async, lagMs: 500 }\n').services[0]?.replication).toEqual({
      mode: 'async',
      lagMs: { p50Ms: 500, p99Ms: 500 },
      promotionS: 60,
    });
  });

  it('refuses a quorum its places cannot meet', () => {
    expect(() => state('    replication: { mode: sync, quorum: 4 }\n')).toThrow(
      'a quorum of 4 cannot be met by 3 places',
    );
  });
});
