/**
 * End-to-end: `footprint trace` on the example designs.
 */
import { describe, expect, it } from 'vitest';
import { footprint, json, STACK_TRACE } from './cli.js';

const DONT = 'examples/ticketmaster-phoenix/network-dont.yaml';
const DO = 'examples/ticketmaster-phoenix/network-do.yaml';

interface TraceJson {
  rttMs: number;
  physicalBestRttMs: number;
  differenceMs: number;
  reachable: boolean;
  hops: { element: string; kind: string; place: string; rttMs: number }[];
  findings: { code: string; severity: string; message: string }[];
}

describe('footprint trace', () => {
  it('prints rttMs, physicalBestRttMs, hops and findings as JSON', async () => {
    const body = json<TraceJson>(await footprint('trace', 'phx-app', 'phx-dc', '--estate', DONT, '--json'));
    expect(body.reachable).toBe(true);
    expect(body.rttMs).toBeGreaterThanOrEqual(60);
    expect(body.rttMs).toBeLessThanOrEqual(80);
    expect(body.physicalBestRttMs).toBeLessThan(2);
    expect(body.differenceMs).toBeCloseTo(body.rttMs - body.physicalBestRttMs, 2);
    for (const hop of body.hops)
      expect(Object.keys(hop)).toEqual(expect.arrayContaining(['element', 'kind', 'place', 'rttMs']));
    expect(body.findings[0]?.code).toBe('detour');
  });

  it('explains the hairpin of the "do" design as text', async () => {
    const result = await footprint('trace', 'phx-app', 'lax-app', '--estate', DO);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^phx-app \(10\.10\.1\.1\) -> lax-app \(10\.20\.1\.1\): 1\d\.\d ms RTT routed/,
    );
    expect(result.stdout).toContain('learned route 10.20.0.0/16 -> vif-lax');
  });

  it('reports an unreachable destination as a result, not an error', async () => {
    // Without the supernet the DX gateway may not carry one Local Zone VPC's traffic to the other.
    const result = await footprint(
      'trace',
      'phx-app',
      'lax-app',
      '--estate',
      'test/fixtures/network-do-no-supernet.yaml',
      '--json',
    );
    expect(result.code).toBe(0);
    const body = json<TraceJson>(result);
    expect(body.reachable).toBe(false);
    expect(body.rttMs).toBeUndefined();
    expect(body.hops.at(-1)?.element).toBe('vgw-phx');
    expect(body.findings[0]).toMatchObject({ code: 'dx-gateway-transit', severity: 'error' });
    const text = await footprint(
      'trace',
      'phx-app',
      'lax-app',
      '--estate',
      'test/fixtures/network-do-no-supernet.yaml',
    );
    expect(text.stdout).toContain('UNREACHABLE');
    expect(text.stdout).toContain(
      "DX gateway 'dxgw-lz' does not carry traffic between VPC 'phx-vpc' and VPC 'lax-vpc'",
    );
  });

  it('rejects an unknown endpoint with exit 2 and a suggestion', async () => {
    const result = await footprint('trace', 'phx-ap', 'phx-dc', '--estate', DO);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("unknown trace endpoint 'phx-ap'");
    expect(result.stderr).toContain("'phx-app'");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('needs an estate with a network', async () => {
    const result = await footprint(
      'trace',
      'a',
      'b',
      '--estate',
      'examples/ticketmaster-phoenix/estate.yaml',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('has no network section');
  });
});

describe('footprint check with routed expectations', () => {
  it('fails a routed expectation the design does not meet, and names it', async () => {
    const result = await footprint('check', 'test/fixtures/routed-expectation-broken.yaml', '--no-timings');
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/FAIL +phx-app -> phx-dc: RTT <= 2 ms: 6\d\.\d ms/);
    const body = json<{ expectations: { from: string; routed: boolean; ok: boolean }[] }>(
      await footprint('check', 'test/fixtures/routed-expectation-broken.yaml', '--json', '--no-timings'),
    );
    expect(body.expectations.filter((e) => e.routed).map((e) => [e.from, e.ok])).toEqual([
      ['phx-app', false],
      ['phx-app', true],
    ]);
  });
});
