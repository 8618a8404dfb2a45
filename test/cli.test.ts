/**
 * End-to-end: the built `footprint` CLI, run as a user runs it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { footprint, json, ROOT, STACK_TRACE } from './cli.js';

const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';

interface LatencyJson {
  from: string;
  to: string;
  rttMs: number;
  distanceKm: number;
  fiberFloorRttMs: number;
  path: { place: string; rttMs: number; segment?: { linkClass: string } }[];
}

describe('footprint latency', () => {
  it('answers between two regions from the catalog alone, as JSON', async () => {
    const result = await footprint('latency', 'us-east-1', 'eu-west-1', '--json');
    expect(result.code).toBe(0);
    const body = json<LatencyJson>(result);
    expect(body).toMatchObject({ from: 'us-east-1', to: 'eu-west-1' });
    expect(body.distanceKm).toBeGreaterThan(5000);
    expect(body.distanceKm).toBeLessThan(5600);
    expect(body.rttMs).toBeGreaterThan(body.fiberFloorRttMs);
    expect(body.path[0]).toEqual(expect.objectContaining({ place: 'us-east-1', rttMs: 0 }));
    expect(body.path.at(-1)?.rttMs).toBe(body.rttMs);
  });

  it('explains the path as text', async () => {
    const result = await footprint('latency', 'phx-dc', 'us-west-2-phx-2a', '--estate', EXAMPLE);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^phx-dc -> us-west-2-phx-2a: \d\.\d\d ms RTT/);
    expect(result.stdout).toContain('dx:ECPH1');
    expect(result.stdout).toContain('direct-connect (dx-phx)');
    expect(result.stdout).toContain('at this range the RTT is the cost of each hop, not distance');
    const far = await footprint('latency', 'phx-dc', 'iad-dc', '--estate', EXAMPLE);
    expect(far.stdout).toMatch(
      /3,1\d\d km apart; straight fiber would take 30\.\d ms, this path is 1\.\d\dx that/,
    );
  });

  it('names the hubs and cables a long path passes', async () => {
    const result = await footprint('latency', 'ap-south-1', 'eu-central-1');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /ap-south-1 -> eu-central-1 \(backbone\): via mumbai > .*suez.* > frankfurt/,
    );
    const body = json<{ path: { segment?: { hubs?: string[] } }[] }>(
      await footprint('latency', 'ap-south-1', 'eu-central-1', '--json'),
    );
    expect(body.path[1]?.segment?.hubs).toContain('suez');
  });

  it('takes internet hosts as lat,lon, southern and western ones included', async () => {
    const north = json<LatencyJson>(await footprint('latency', '51.51,-0.13', '40.71,-74.01', '--json'));
    expect(north.from).toBe('51.51,-0.13');
    expect(north.distanceKm).toBeCloseTo(5585, -1);
    const south = await footprint('latency', '-33.87,151.21', '-23.55,-46.63', '--json');
    expect(south.code).toBe(0);
    expect(json<LatencyJson>(south)).toMatchObject({ from: '-33.87,151.21', to: '-23.55,-46.63' });
    const geo = json<LatencyJson>(
      await footprint('latency', 'geo:-33.87,151.21', 'ap-southeast-2', '--json'),
    );
    expect(geo.rttMs).toBeLessThan(15);
  });

  it('gives the same bytes for the same input', async () => {
    const a = await footprint('latency', 'metro:las-vegas', 'us-east-1', '--estate', EXAMPLE, '--json');
    const b = await footprint('latency', 'metro:las-vegas', 'us-east-1', '--estate', EXAMPLE, '--json');
    expect(a.stdout).toBe(b.stdout);
  });

  it('rejects an unknown place with exit 2 and a did-you-mean', async () => {
    const result = await footprint('latency', 'us-west-3', 'eu-west-1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error[FP_UNKNOWN_PLACE]: unknown place 'us-west-3'");
    expect(result.stderr).toContain("'us-west-1'");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });

  it('rejects coordinates out of range', async () => {
    const result = await footprint('latency', '91,0', 'us-east-1');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('FP_BAD_COORDINATES');
  });
});

describe('footprint matrix', () => {
  it('prints CSV for the given places', async () => {
    const result = await footprint('matrix', 'us-east-1', 'us-west-2', 'eu-west-1', '--csv');
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toBe('place,us-east-1,us-west-2,eu-west-1');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toMatch(/^us-east-1,0\.000,\d+\.\d{3},\d+\.\d{3}$/);
  });

  it("defaults to the estate's places with --estate", async () => {
    const body = json<{ places: string[]; rttMs: number[][] }>(
      await footprint('matrix', '--estate', EXAMPLE, '--json'),
    );
    expect(body.places).toEqual(
      expect.arrayContaining(['phx-dc', 'iad-dc', 'dx:ECPH1', 'us-west-2-phx-2a', 'us-east-1']),
    );
    const i = body.places.indexOf('phx-dc');
    const j = body.places.indexOf('us-west-2-phx-2a');
    expect(body.rttMs[i]?.[j]).toBeLessThan(2);
  });

  it('defaults to every commercial region without an estate', async () => {
    const body = json<{ places: string[] }>(await footprint('matrix', '--json'));
    expect(body.places.length).toBeGreaterThanOrEqual(34);
    expect(body.places).not.toContain('cn-north-1');
  });
});

describe('footprint catalog', () => {
  it('lists regions with their AZ ids', async () => {
    const { rows, list, asOf, sources } = json<{
      rows: { id: string; azIds: string[] }[];
      list: string;
      asOf: string;
      sources: { data: string; asOf: string; source: string }[];
    }>(await footprint('catalog', 'regions', '--json'));
    expect(rows.find((r) => r.id === 'us-east-1')?.azIds).toHaveLength(6);
    expect(list).toBe('regions');
    expect(asOf).toBe('2026-11-23');
    expect(sources.map((s) => s.data)).toEqual(['partitions', 'regions']);
  });

  it("says how old its facts are: the oldest of the list's sources, and each", async () => {
    const { asOf, rows } = json<{ asOf: string; rows: { id: string; offeringsAsOf: string }[] }>(
      await footprint('catalog', 'local-zones', '--json'),
    );
    expect(asOf).toBe('2023-07-25');
    const phoenix = rows.find((r) => r.id === 'us-west-2-phx-2a') as Record<string, unknown> | undefined;
    expect(phoenix).toMatchObject({ offeringsAsOf: '2023-07-25', zoneId: 'usw2-phx2-az1', generation: 2 });
    expect(phoenix?.source).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/local-zones\//);
    const text = await footprint('catalog', 'local-zones', '--limit', '1');
    expect(text.stdout).toContain('\n1 local-zones\ncatalog as of 2023-07-25 (the oldest of its sources):\n');
    expect(text.stdout).toContain('\n  local-zones: 2026-12-05, AWS documentation read 2026-12-05');
    expect(text.stdout).toContain('\n  local-zone-offerings: 2023-07-25, instance families:');
  });

  it('finds the Local Zone nearest to a metro', async () => {
    const { rows } = json<{ rows: { id: string; distanceKm: number }[] }>(
      await footprint('catalog', 'local-zones', '--near', 'metro:phoenix', '--limit', '1', '--json'),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe('us-west-2-phx-2a');
    expect(rows[0]?.distanceKm).toBeLessThan(20);
  });

  it('finds DX locations near a southern point', async () => {
    const result = await footprint('catalog', 'dx-locations', '--near', '-33.87,151.21', '--limit', '3');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ap-southeast-2');
  });

  it('rejects an unknown list', async () => {
    const result = await footprint('catalog', 'zones');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'expected one of regions, azs, local-zones, dx-locations, edge-locations, metros',
    );
  });

  it('lists edge locations by metro, nearest first with --near, as JSON', async () => {
    const { rows } = json<{ rows: { id: string; code: string; metro: string; distanceKm: number }[] }>(
      await footprint('catalog', 'edge-locations', '--near', 'metro:phoenix', '--limit', '2', '--json'),
    );
    expect(rows[0]).toMatchObject({ id: 'edge:PHX', code: 'PHX', metro: 'metro:phoenix' });
    expect(rows[0]?.distanceKm).toBe(0);
    const table = await footprint('catalog', 'edge-locations');
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(
      /\n\d+ edge-locations\ncatalog as of 2026-12-05:\n {2}edge-locations: 2026-12-05, the Points/,
    );
    expect(table.stdout).toContain('eu-central-1');
  });
});

describe('footprint validate, schema, report', () => {
  it('validates the example', async () => {
    const result = await footprint('validate', EXAMPLE);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("ok: estate 'ticketmaster-southwest' is valid");
  });

  it('prints the JSON Schema that the repository ships', async () => {
    const result = await footprint('schema');
    expect(result.code).toBe(0);
    const committed = readFileSync(join(ROOT, 'schema/estate.schema.json'), 'utf8');
    expect(result.stdout).toBe(committed);
  });

  it('reports the example with every seed figure in range', async () => {
    const body = json<{ expectations: { from: string; to: string; rttMs: number; ok: boolean }[] }>(
      await footprint('report', EXAMPLE, '--json'),
    );
    expect(body.expectations.length).toBeGreaterThanOrEqual(5);
    expect(body.expectations.every((e) => e.ok)).toBe(true);
    const text = (await footprint('report', EXAMPLE)).stdout;
    expect(text).toContain('Expected figures: 5 of 5 hold');
  });

  it("takes the sampler's seed and draws as evaluate does: the same figures from the same ones", async () => {
    type Sampled = {
      requestSampling: { seed: number; samples: number };
      requests: { request: string; metro: string; p99Ms: number }[];
    };
    const p99s = (r: Pick<Sampled, 'requests'>) =>
      r.requests.map((q) => `${q.request} ${q.metro} ${q.p99Ms}`);
    const report = json<Sampled>(
      await footprint('report', EXAMPLE, '--json', '--seed', '5', '--samples', '2000'),
    );
    expect(report.requestSampling).toMatchObject({ seed: 5, samples: 2000 });
    const evaluated = json<{ seed: number; samples: number } & Pick<Sampled, 'requests'>>(
      await footprint('evaluate', EXAMPLE, '--json', '--seed', '5', '--samples', '2000'),
    );
    expect(p99s(report)).toEqual(p99s(evaluated));
    const defaults = json<Sampled>(await footprint('report', EXAMPLE, '--json'));
    expect(defaults.requestSampling).toMatchObject({ seed: 1, samples: 20_000 });
    expect(p99s(defaults)).not.toEqual(p99s(report));
    const bad = await footprint('report', EXAMPLE, '--samples', '0');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--samples must be an integer from 1 to 10,000,000');
  });

  it('exits 2 on usage errors and 0 on --help', async () => {
    expect((await footprint('frobnicate')).code).toBe(2);
    expect((await footprint('latency', 'us-east-1')).code).toBe(2);
    expect((await footprint('latency', 'us-east-1', 'us-west-2', '--bogus')).code).toBe(2);
    expect((await footprint('validate', 'no/such/file.yaml')).code).toBe(2);
    const help = await footprint('--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('latency');
  });
});

describe('every command that writes a file', () => {
  const missing = join(ROOT, 'no-such-directory');
  const commands: readonly (readonly string[])[] = [
    ['report', EXAMPLE, '-o', join(missing, 'page.html')],
    ['check', EXAMPLE, '--junit', join(missing, 'junit.xml'), '--samples', '100'],
    ['place', EXAMPLE, '-o', join(missing, 'placed.yaml'), '--samples', '200'],
    [
      'calibrate',
      'examples/ticketmaster-phoenix/pings.csv',
      '--estate',
      EXAMPLE,
      '--out',
      join(missing, 'calibration.json'),
    ],
    ['import', 'aws', 'test/fixtures/aws/hybrid', '-o', join(missing, 'estate.yaml')],
    ['simulate', 'test/fixtures/sim/onsale-short.yaml', '-o', join(missing, 'page.html')],
  ];
  for (const argv of commands)
    it(`${argv[0]} says plainly, with exit 2, when the path cannot be written`, async () => {
      const result = await footprint(...argv);
      expect(result.code).toBe(2);
      expect(result.stderr).toContain('error[FP_FILE_NOT_FOUND]: cannot write');
      expect(result.stderr).toContain('(ENOENT)');
      expect(result.stderr).not.toContain('internal error');
      expect(result.stderr).not.toMatch(STACK_TRACE);
    });
});

describe('places and commands a user gets wrong', () => {
  it('says an empty or stray place name is one, with no far-fetched "did you mean"', async () => {
    const empty = await footprint('latency', '', 'us-east-1');
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('error[FP_UNKNOWN_PLACE]: a place name is empty');
    expect(empty.stderr).not.toContain('did you mean');
    const nan = await footprint('latency', 'NaN', 'us-east-1');
    expect(nan.stderr).toContain(
      "error[FP_UNKNOWN_PLACE]: 'NaN' is not a place name: it reads as a missing value",
    );
    expect(nan.stderr).not.toContain('did you mean');
    const number = await footprint('latency', '42', 'us-east-1');
    expect(number.stderr).toContain("'42' is not a place name: it reads as a number");
  });

  it('hints at latitude and longitude swapped', async () => {
    const swapped = await footprint('latency', '-112.07,33.45', 'us-west-2');
    expect(swapped.code).toBe(2);
    expect(swapped.stderr).toContain("did you mean '33.45,-112.07'? a position is latitude first");
    const wrong = await footprint('latency', '95,200', 'us-west-2');
    expect(wrong.stderr).toContain('is not a valid position');
    expect(wrong.stderr).not.toContain('did you mean');
  });

  it('refuses an unknown command even with --help after it, with exit 2 and the closest name', async () => {
    for (const argv of [
      ['bogus', '--help'],
      ['simulte', 'x.yaml'],
    ]) {
      const result = await footprint(...argv);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toContain(`error[FP_USAGE]: unknown command '${argv[0]}'`);
    }
    expect((await footprint('simulte', 'x.yaml')).stderr).toContain("did you mean 'simulate'?");
    expect((await footprint('help', 'latency')).code).toBe(0);
  });
});

describe('footprint --version', () => {
  it('prints the package version, as commander does, and exits 0', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    for (const flag of ['--version', '-V']) {
      const result = await footprint(flag);
      expect(result).toEqual({ code: 0, stdout: `${version}\n`, stderr: '' });
    }
    // With a command, the command's own options decide (commander's path).
    expect((await footprint('latency', '--version')).code).toBe(0);
  });
});
