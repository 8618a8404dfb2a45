/**
 * `footprint deps` end to end: the Ticketmaster start-up cycle deadlocks a cold start (exit 1, the
 * edge to break and the member to make statically stable); bootstrapping the configuration service
 * brings everything up in waves (exit 0); request-time dependencies default to the calls.
 */
import { describe, expect, it } from 'vitest';
import type { StartupReport } from '../src/app/index.js';
import { loadEstate } from '../src/model/index.js';
import { footprint, json } from './cli.js';

const CYCLE = 'examples/ticketmaster-phoenix/startup-cycle.yaml';
const BOOTSTRAP = 'examples/ticketmaster-phoenix/startup-bootstrap.yaml';

describe('footprint deps', () => {
  it('finds the start-up cycle, says what to break, and exits 1', async () => {
    const result = await footprint('deps', CYCLE);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('event-details -> pricing -> event-config -> event-details');
    expect(result.stdout).toContain('DEADLOCK at a cold start');
    expect(result.stdout).toContain('the fewest start-up edges to break (1): event-details -> pricing');
    expect(result.stdout).toContain('recommendations: waits on pricing');
    expect(result.stdout).toContain('FAIL: 4 services never start after a cold start');
  });

  it('prints the same as JSON', async () => {
    const result = await footprint('deps', CYCLE, '--json');
    expect(result.code).toBe(1);
    const report = json<StartupReport>(result);
    expect(report.ok).toBe(false);
    expect(report.waves).toEqual([['inventory-db'], ['seat-map']]);
    expect(report.groups).toHaveLength(1);
    expect(report.groups[0]).toMatchObject({
      members: ['event-details', 'pricing', 'event-config'],
      deadlock: true,
      exact: true,
      atLeast: 1,
      makeStaticallyStable: ['event-details'],
    });
    expect(report.neverStarts.map((n) => n.service).sort()).toEqual([
      'event-config',
      'event-details',
      'pricing',
      'recommendations',
    ]);
  });

  it('a bootstrapped member breaks the deadlock: three waves, exit 0', async () => {
    const result = await footprint('deps', BOOTSTRAP, '--json');
    expect(result.code).toBe(0);
    const report = json<StartupReport>(result);
    expect(report.ok).toBe(true);
    expect(report.waves).toEqual([
      ['inventory-db', 'event-config'],
      ['pricing', 'seat-map'],
      ['event-details', 'recommendations'],
    ]);
    expect(report.groups[0]?.cycles[0]?.brokenBy).toEqual(['event-config']);
    expect(report.groups[0]?.deadlock).toBe(false);
    const text = await footprint('deps', BOOTSTRAP);
    expect(text.stdout).toContain('(broken: event-config starts without it)');
    expect(text.stdout).toContain('ok: a cold start brings up every service in 3 waves');
  });

  it('resolves request-time dependencies from the calls, and scope', () => {
    const estate = loadEstate(CYCLE);
    const byId = new Map(estate.services.map((s) => [s.id, s]));
    expect(byId.get('recommendations')?.dependencies).toMatchObject({
      startup: ['pricing'],
      requestTime: ['inventory-db', 'pricing'],
      scope: 'regional',
      bootstrap: false,
    });
    expect(byId.get('inventory-db')?.dependencies?.scope).toBe('zonal');
  });

  it('a bad file exits 2', async () => {
    const result = await footprint('deps', 'test/fixtures/bad/startup-self.yaml');
    expect(result.code).toBe(2);
  });
});
