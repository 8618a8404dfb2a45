/**
 * End-to-end: request latency on the Ticketmaster example, as a user runs it. Today's placement
 * (the page's services in us-west-2) against the Phoenix Local Zone: the seed's orders of magnitude.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { footprint, json, STACK_TRACE } from './cli.js';

const TODAY = 'examples/ticketmaster-phoenix/estate.yaml';
const LOCAL_ZONE = 'examples/ticketmaster-phoenix/event-page-local-zone.yaml';
const METROS = ['metro:phoenix', 'metro:los-angeles', 'metro:las-vegas'];

interface Step {
  call: string;
  service: string;
  from: string;
  to: string;
  rttMs: number;
  onPath: number;
  networkMs: number;
  computeMs: number;
  ms: number;
  share: number;
}
interface Row {
  request: string;
  metro: string;
  p50Ms: number;
  p99Ms: number;
  budgetMs: number | null;
  ok: boolean;
  criticalPath: Step[];
}
interface Evaluation {
  estate: string;
  seed: number;
  samples: number;
  requests: Row[];
  timings?: unknown;
}

const evaluate = async (file: string, ...args: string[]) =>
  json<Evaluation>(
    await footprint('evaluate', file, '--json', '--no-timings', '--samples', '10000', ...args),
  );

describe('footprint evaluate', () => {
  let today: Evaluation;
  let local: Evaluation;
  beforeAll(async () => {
    today = await evaluate(TODAY);
    local = await evaluate(LOCAL_ZONE);
  });

  it('prints request, metro, p50, p99, budget, ok and the critical path for each metro', () => {
    expect(today.requests.map((r) => r.metro)).toEqual(METROS);
    for (const row of today.requests) {
      expect(Object.keys(row)).toEqual(
        expect.arrayContaining(['request', 'metro', 'p50Ms', 'p99Ms', 'budgetMs', 'ok', 'criticalPath']),
      );
      expect(row).toMatchObject({ request: 'event-page', budgetMs: 100 });
      expect(row.criticalPath.length).toBeGreaterThan(5);
    }
    expect(today.timings).toBeUndefined();
  });

  it('today: every serial database call pays the 30-40 ms trip to Oregon; the page lands in the low hundreds', () => {
    for (const row of today.requests) {
      const dbCalls = row.criticalPath.filter((s) => s.service === 'inventory-db');
      expect(dbCalls.length).toBe(4);
      for (const call of dbCalls) {
        expect(call.to).toBe('phx-dc');
        expect(call.rttMs).toBeGreaterThan(30);
        expect(call.rttMs).toBeLessThan(40);
      }
      expect(row.p50Ms).toBeGreaterThan(120);
      expect(row.p50Ms).toBeLessThan(250);
      expect(row.p99Ms).toBeGreaterThan(row.p50Ms);
      expect(row.ok).toBe(false);
      // The serial database calls are the largest part of the page.
      const db = dbCalls.reduce((s, c) => s + c.share, 0);
      expect(db).toBeGreaterThan(0.5);
    }
  });

  it('in the Phoenix Local Zone: each call is under 2 ms; compute and the users own RTT dominate', () => {
    for (const row of local.requests) {
      for (const call of row.criticalPath.filter((s) => s.service === 'inventory-db')) {
        expect(call.from).toBe('us-west-2-phx-2a');
        expect(call.rttMs).toBeLessThan(2);
      }
      expect(row.p50Ms).toBeLessThan(60);
      expect(row.p99Ms).toBeLessThan(100);
      expect(row.ok).toBe(true);
      // Where the mean goes: compute and the users' own leg, not the network to the database.
      const total = row.criticalPath.reduce((s, c) => s + c.ms, 0);
      const entry = row.criticalPath.find((s) => s.call === 'users -> event-details');
      const users = (entry?.ms ?? 0) - (entry?.computeMs ?? 0); // the users' network and payload
      const compute = row.criticalPath.reduce((s, c) => s + c.computeMs, 0);
      const dbNetwork = row.criticalPath
        .filter((s) => s.service === 'inventory-db')
        .reduce((s, c) => s + c.networkMs, 0);
      expect((compute + users) / total).toBeGreaterThan(0.6);
      expect(dbNetwork / total).toBeLessThan(0.1);
    }
    const phoenix = (e: Evaluation) => e.requests.find((r) => r.metro === 'metro:phoenix') as Row;
    // The seed's order of magnitude: from a page in the low hundreds of ms to a few tens.
    expect(phoenix(today).p50Ms / phoenix(local).p50Ms).toBeGreaterThan(3);
  });

  it('shows the two designs side by side with --against', async () => {
    const result = await footprint(
      'evaluate',
      LOCAL_ZONE,
      '--against',
      TODAY,
      '--samples',
      '5000',
      '--no-timings',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'base: ticketmaster-southwest (examples/ticketmaster-phoenix/estate.yaml)',
    );
    expect(result.stdout).toContain('this: ticketmaster-southwest-local-zone');
    expect(result.stdout).toMatch(
      /metro:phoenix\s+1\d\d\.\d\s+1\d\d\.\d\s+\d\d\.\d\s+\d\d\.\d\s+-\d+\.\d \(-\d\d%\)\s+<= 100\s+FAIL -> ok/,
    );
    expect(result.stdout).toMatch(
      /event-details -> inventory-db\s+usw2-az1 -> phx-dc\s+3\d\.\d\s+us-west-2-phx-2a -> phx-dc\s+\d\.\d\d/,
    );
    const body = json<{
      requests: Row[];
      against: { estate: string; requests: Row[] };
      comparison: { p99DeltaMs: number }[];
    }>(
      await footprint(
        'evaluate',
        LOCAL_ZONE,
        '--against',
        TODAY,
        '--samples',
        '2000',
        '--json',
        '--no-timings',
      ),
    );
    expect(body.against.estate).toBe('ticketmaster-southwest');
    expect(body.comparison).toHaveLength(3);
    for (const c of body.comparison) expect(c.p99DeltaMs).toBeLessThan(-80);
  });

  it('is byte-for-byte reproducible by default, and --seed changes the draws', async () => {
    const a = await footprint('evaluate', TODAY, '--json', '--samples', '3000');
    const b = await footprint('evaluate', TODAY, '--json', '--samples', '3000');
    const c = await footprint(
      'evaluate',
      TODAY,
      '--json',
      '--no-timings',
      '--samples',
      '3000',
      '--seed',
      '2',
    );
    expect(a.stdout).toBe(b.stdout);
    expect(c.stdout).not.toBe(a.stdout);
    expect(json<Evaluation>(c).seed).toBe(2);
    const text = await footprint('evaluate', TODAY, '--samples', '3000');
    expect(text.stdout).toBe((await footprint('evaluate', TODAY, '--samples', '3000')).stdout);
    expect(text.stdout).not.toContain('evaluated in');
    // The old way to ask for the same bytes is still taken.
    expect((await footprint('evaluate', TODAY, '--samples', '3000', '--no-timings')).stdout).toBe(
      text.stdout,
    );
    expect(text.stdout).toContain('where the milliseconds go from metro:las-vegas');
  });

  it('reports wall-clock time only when asked, with --timings', async () => {
    const body = json<Evaluation & { timings: { evaluateMs: number } }>(
      await footprint('evaluate', TODAY, '--json', '--timings', '--samples', '1000'),
    );
    expect(body.timings.evaluateMs).toBeGreaterThan(0);
    const text = await footprint('evaluate', TODAY, '--timings', '--samples', '1000');
    expect(text.stdout).toMatch(/evaluated in \d+ ms\n/);
  });

  it('rejects bad options with exit 2', async () => {
    for (const args of [
      ['--samples', '0'],
      ['--seed', '-1'],
      ['--samples', 'many'],
    ]) {
      const result = await footprint('evaluate', TODAY, ...args);
      expect(result.code).toBe(2);
      expect(result.stderr).not.toMatch(STACK_TRACE);
    }
  });
});

describe('footprint check', () => {
  const dir = mkdtempSync(join(tmpdir(), 'footprint-check-'));

  it('fails a broken budget with exit 1 and a JUnit report with each budget as a test case', async () => {
    const out = join(dir, 'today.xml');
    const result = await footprint('check', TODAY, '--junit', out, '--samples', '5000');
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Budgets: 0 of 3 hold');
    expect(result.stdout).toMatch(
      /FAIL {2}event-page from metro:phoenix: p99 <= 100 ms {2}\(examples\/ticketmaster-phoenix\/estate\.yaml:\d+\)/,
    );
    expect(result.stdout).toContain('where the milliseconds go: ');
    expect(result.stdout).toContain('Expected figures: 5 of 5 hold');
    const xml = readFileSync(out, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '' }).parse(xml) as {
      testsuites: {
        tests: string;
        failures: string;
        testsuite: { name: string; testcase: { name: string; failure?: { message: string } }[] }[];
      };
    };
    expect(doc.testsuites).toMatchObject({ tests: '8', failures: '3' });
    const budgets = doc.testsuites.testsuite.find((s) => s.name === 'budgets');
    expect(budgets?.testcase.map((c) => c.name)).toEqual(
      METROS.map((m) => `event-page from ${m}: p99 <= 100 ms`),
    );
    for (const c of budgets?.testcase ?? [])
      expect(c.failure?.message).toMatch(/^p99 1\d\d\.\d ms > 100 ms$/);
  });

  it('passes with exit 0 when every budget holds', async () => {
    const out = join(dir, 'local.xml');
    const result = await footprint('check', LOCAL_ZONE, '--junit', out, '--samples', '5000');
    expect(result.code).toBe(0);
    // The same bytes by default: text, JUnit and JSON carry no wall-clock figure.
    const again = join(dir, 'local-again.xml');
    const second = await footprint('check', LOCAL_ZONE, '--junit', again, '--samples', '5000');
    expect(second.stdout.replace(again, out)).toBe(result.stdout);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(out, 'utf8'));
    expect(result.stdout).toContain('Budgets: 3 of 3 hold');
    expect(result.stdout).toContain('ok: every check holds');
    const xml = readFileSync(out, 'utf8');
    expect(xml).not.toContain('<failure');
    expect(xml).not.toContain('time=');
    const json = await footprint('check', LOCAL_ZONE, '--json', '--samples', '2000');
    expect(json.stdout).toBe((await footprint('check', LOCAL_ZONE, '--json', '--samples', '2000')).stdout);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: true,
      estate: { name: 'ticketmaster-southwest-local-zone' },
    });
  });

  it('says plainly when the JUnit file cannot be written', async () => {
    const result = await footprint(
      'check',
      LOCAL_ZONE,
      '--junit',
      join(dir, 'no/such/dir/out.xml'),
      '--samples',
      '100',
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("error[FP_FILE_NOT_FOUND]: cannot write '");
    expect(result.stderr).not.toMatch(STACK_TRACE);
  });
});

describe('footprint report', () => {
  it("shows the page's p50/p99 per metro and its critical path", async () => {
    const result = await footprint('report', TODAY);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Requests: end-to-end latency per metro of users');
    expect(result.stdout).toMatch(/metro:phoenix\s+50%\s+usw2-az1\s+1\d\d\.\d\s+1\d\d\.\d\s+<= 100\s+FAIL/);
    expect(result.stdout).toContain('where the milliseconds go from metro:phoenix');
    const body = json<{ requests: Row[] }>(await footprint('report', TODAY, '--json'));
    expect(body.requests).toHaveLength(3);
  });
});

describe('footprint evaluate on the routed network', () => {
  it('follows the route tables for services in subnets: the Local Zone on the two network designs', async () => {
    const result = await footprint(
      'evaluate',
      'examples/ticketmaster-phoenix/event-page-lz-do.yaml',
      '--against',
      'examples/ticketmaster-phoenix/event-page-lz-dont.yaml',
      '--samples',
      '4000',
      '--no-timings',
    );
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      "RTTs of the routed paths between subnets and sites (the estate's route tables)",
    );
    // Each database call: through Portland (60-80 ms) against over the Phoenix DX (under 2 ms).
    expect(result.stdout).toMatch(
      /event-details -> inventory-db\s+phx-app -> phx-dc\s+6\d\.\d\s+phx-app -> phx-dc\s+\d\.\d\d/,
    );
    expect(result.stdout).toMatch(
      /metro:phoenix\s+2\d\d\.\d\s+2\d\d\.\d\s+\d\d\.\d\s+\d\d\.\d\s+-\d+\.\d \(-\d\d%\)\s+<= 100\s+FAIL -> ok/,
    );
    const body = json<{ rtt: string }>(
      await footprint(
        'evaluate',
        'examples/ticketmaster-phoenix/event-page-lz-do.yaml',
        '--json',
        '--samples',
        '1000',
        '--no-timings',
      ),
    );
    expect(body.rtt).toBe('routed');
  });
});
