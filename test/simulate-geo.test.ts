/**
 * Route 53 geolocation end to end through run(argv, io) (Route 53 Developer Guide,
 * routing-policy-geo.md): the most specific matching record answers, else the Default record, else
 * nothing. Users in Paris and London match the Europe record (eu-west-1); New York and Tokyo match
 * none and get the Default (us-east-1), or, without one, no answer: their requests fail. IP-based
 * record sets answer with their default location '*' (users' addresses are not modelled) and the
 * report says so.
 */
import { describe, expect, it } from 'vitest';
import type { Simulation } from '../src/sim/index.js';
import { footprint } from './cli.js';

async function summaryOf(file: string) {
  const result = await footprint('simulate', `test/fixtures/sim/${file}.yaml`, '--json');
  expect(result.code, result.stderr).toBe(0);
  const summary = (JSON.parse(result.stdout) as Simulation).designs[0]?.run.summary;
  expect(summary).toBeDefined();
  const generated = (metro: string) =>
    summary?.sources.find((s) => s.metro === `metro:${metro}`)?.generated ?? Number.NaN;
  const served = (pool: string) => summary?.pools.find((p) => p.id === pool)?.served ?? Number.NaN;
  const source = (metro: string) => summary?.sources.find((s) => s.metro === `metro:${metro}`);
  return { generated, served, source };
}

describe('Route 53 geolocation in a simulation', { timeout: 120_000 }, () => {
  it('sends European metros to the Europe record and the others to the Default record', async () => {
    const { generated, served } = await summaryOf('doors-geolocation');
    expect(generated('paris')).toBeGreaterThan(0);
    expect(served('api@euw1-az1')).toBe(generated('paris') + generated('london'));
    expect(served('api@use1-az1')).toBe(generated('new-york') + generated('tokyo'));
  });

  it('without a Default record, metros that match no record get no answer: their requests fail', async () => {
    const { generated, served, source } = await summaryOf('doors-geolocation-no-default');
    expect(served('api@euw1-az1')).toBe(generated('paris') + generated('london'));
    expect(served('api@use1-az1')).toBe(0);
    for (const metro of ['new-york', 'tokyo']) {
      expect(source(metro)?.succeeded).toBe(0);
      expect(source(metro)?.errors).toBe(generated(metro));
    }
    expect(source('paris')?.errors).toBe(0);
  });

  it("IP-based: every metro gets the '*' record, and the design's notes say why", async () => {
    const { generated, served } = await summaryOf('doors-ip-based');
    expect(served('api@use1-az1')).toBe(generated('paris') + generated('new-york'));
    expect(served('api@euw1-az1')).toBe(0);
    const note =
      "ip-based record set www answers with its default location: users' addresses are not modelled";
    const json = await footprint('simulate', 'test/fixtures/sim/doors-ip-based.yaml', '--json');
    expect((JSON.parse(json.stdout) as Simulation).designs[0]?.notes).toContain(note);
    const text = await footprint('simulate', 'test/fixtures/sim/doors-ip-based.yaml');
    expect(text.stdout).toContain(`  - ${note}`);
  });
});
