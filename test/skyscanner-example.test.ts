/**
 * The Skyscanner example (seed 004) and its variants, which differ only in the front door or in
 * where sessions live: `validate`, `report` and `lint` take each of them clean, and each resolves
 * to the chain its header describes.
 */
import { describe, expect, it } from 'vitest';
import { type CloudFrontDistribution, loadEstate, type Route53RecordSet } from '../src/model/index.js';
import { footprint } from './cli.js';

const DIR = 'examples/skyscanner-multi-region';
const FILES = ['estate', 'dns-only', 'dns-cloudfront', 'global-accelerator', 'sessions-in-memory'];

describe('examples/skyscanner-multi-region', () => {
  for (const name of FILES) {
    it(`${name}.yaml validates, reports and lints clean`, async () => {
      const file = `${DIR}/${name}.yaml`;
      const validate = await footprint('validate', file);
      expect(validate.code, validate.stderr).toBe(0);
      const report = await footprint('report', file, '--json');
      expect(report.code, report.stderr).toBe(0);
      const lint = await footprint('lint', file, '--json');
      expect(lint.code, lint.stderr).toBe(0);
      expect(JSON.parse(lint.stdout).findings).toEqual([]);
    });
  }

  it('the base is seed 004: Route 53 -> CloudFront -> weighted, health-checked Route 53 over four regions -> NLB', () => {
    const estate = loadEstate(`${DIR}/estate.yaml`);
    const kinds = [...(estate.frontDoors?.values() ?? [])].map((d) => `${d.id}:${d.kind}`);
    expect(kinds).toEqual([
      'www:route53',
      'cdn-a:cloudfront',
      'cdn-b:cloudfront',
      'origin:route53',
      'nlb-eu-west-1:nlb',
      'nlb-eu-central-1:nlb',
      'nlb-us-east-1:nlb',
      'nlb-ap-southeast-1:nlb',
    ]);
    const origin = estate.frontDoors?.get('origin') as Route53RecordSet;
    expect(origin.policy).toBe('weighted');
    expect(origin.records.every((r) => r.healthCheck !== undefined && r.ttlS === 60)).toBe(true);
    expect(estate.healthChecks?.get('hc-eu-west-1')?.intervalS).toBe(10);
    expect(estate.requests[0]).toMatchObject({ via: 'www', method: 'GET' });
    expect(estate.services.find((s) => s.id === 'search')?.sessions?.kind).toBe('replicated');
  });

  it('the variants change only the way in, or the sessions', () => {
    const viaGa = loadEstate(`${DIR}/global-accelerator.yaml`);
    expect([...(viaGa.frontDoors?.keys() ?? [])]).not.toContain('cdn-a');
    expect(viaGa.frontDoors?.get('accelerator')?.kind).toBe('global-accelerator');
    const cdn = loadEstate(`${DIR}/dns-cloudfront.yaml`).frontDoors?.get('cdn-a') as CloudFrontDistribution;
    expect([...cdn.originGroups.keys()]).toEqual(['eu-then-us', 'us-then-eu', 'ap-then-eu']);
    expect(cdn.behaviors[1]?.viewerFunction?.cookie).toBe('region');
    const memory = loadEstate(`${DIR}/sessions-in-memory.yaml`);
    expect(memory.services.find((s) => s.id === 'search')?.sessions).toEqual({ kind: 'memory' });
  });

  it("users reach the nearest edge in a few ms: the catalog's edges sit at their metros", async () => {
    const result = await footprint('latency', 'metro:london', 'edge:LHR', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout).rttMs).toBeLessThan(5);
  });
});
