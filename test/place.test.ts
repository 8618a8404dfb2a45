/**
 * End-to-end: `footprint place` as a user runs it on the Ticketmaster example: the recommendation
 * (the page's services to the Phoenix Local Zone) with the per-metro gain, the same bytes on every
 * run, `--write` and `-o` read back by `evaluate`, infeasibility explained with exit code 1, and
 * usage errors.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CliResult, footprint, json, STACK_TRACE } from './cli.js';

const EXAMPLE = 'examples/ticketmaster-phoenix/estate.yaml';
const LOCAL_ZONE = 'examples/ticketmaster-phoenix/event-page-local-zone.yaml';
const dir = mkdtempSync(join(tmpdir(), 'footprint-place-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Figures {
  p50Ms: number;
  p99Ms: number;
  ok: boolean;
}
interface Placement {
  feasible: boolean;
  objective: { kind: string; today: number; proposed: number; status: string; gap: number };
  services: { service: string; moved: boolean; proposed: { place: string; instances: number }[] }[];
  budgets: { request: string; metro: string; today: Figures; proposed: Figures }[];
  infeasible: { kind: string; message: string }[];
  written?: { file: string; mode: string; services: string[] };
  timings?: unknown;
}
interface Evaluation {
  requests: { metro: string; p50Ms: number; p99Ms: number; ok: boolean }[];
}

const evaluate = async (file: string) =>
  json<Evaluation>(
    await footprint('evaluate', file, '--json', '--no-timings', '--samples', '5000'),
  ).requests.map((r) => ({ metro: r.metro, p50Ms: r.p50Ms, p99Ms: r.p99Ms, ok: r.ok }));

describe('footprint place', () => {
  let run: CliResult;
  let result: Placement;
  beforeAll(async () => {
    run = await footprint('place', EXAMPLE, '--json', '--no-timings', '--samples', '5000');
    result = json<Placement>(run);
  });

  it("recommends moving the page's services from us-west-2 to the Phoenix Local Zone, proven optimal", () => {
    expect(run.code).toBe(0);
    expect(result.feasible).toBe(true);
    expect(result.objective).toMatchObject({ kind: 'latency', status: 'optimal', gap: 0 });
    const moved = result.services.filter((s) => s.moved);
    expect(moved.map((s) => s.service)).toEqual(['event-details', 'pricing', 'seat-map', 'recommendations']);
    for (const s of moved) expect(s.proposed.map((p) => p.place)).toEqual(['us-west-2-phx-2a']);
    expect(result.timings).toBeUndefined();
  });

  it('predicts for every metro the figures of the hand-made Local Zone design, and a p99 within budget', async () => {
    const handMade = await evaluate(LOCAL_ZONE);
    const today = await evaluate(EXAMPLE);
    expect(result.budgets.map((b) => ({ metro: b.metro, ...b.proposed }))).toEqual(
      handMade.map((r) => ({ ...r, meanMs: expect.any(Number) })),
    );
    expect(result.budgets.map((b) => ({ metro: b.metro, ...b.today }))).toEqual(
      today.map((r) => ({ ...r, meanMs: expect.any(Number) })),
    );
    for (const b of result.budgets) {
      expect(b.today.ok).toBe(false);
      expect(b.proposed.ok).toBe(true);
    }
  });

  it('prints the placement, the per-metro gain side by side, and where the milliseconds go', async () => {
    const text = await footprint('place', EXAMPLE, '--no-timings', '--samples', '5000');
    expect(text.code).toBe(0);
    const { today, proposed } = result.objective;
    const pct = Math.round(((proposed - today) / today) * 100);
    expect(text.stdout).toContain(
      `today ${today.toFixed(1)} ms -> proposed ${proposed.toFixed(1)} ms (${pct}%)`,
    );
    expect(pct).toBeLessThan(-60);
    expect(text.stdout).toContain('proven optimal by HiGHS');
    expect(text.stdout).toMatch(/event-details\s+usw2-az1 x6, usw2-az2 x6\s+us-west-2-phx-2a x12\s+moves/);
    const phoenix = result.budgets.find((b) => b.metro === 'metro:phoenix');
    const cells = [
      phoenix?.today.p50Ms,
      phoenix?.today.p99Ms,
      phoenix?.proposed.p50Ms,
      phoenix?.proposed.p99Ms,
    ]
      .map((v) => (v as number).toFixed(1))
      .join('\\s+');
    expect(text.stdout).toMatch(
      new RegExp(`metro:phoenix\\s+${cells}\\s+-1\\d\\d\\.\\d \\(-\\d\\d%\\)\\s+<= 100\\s+FAIL -> ok`),
    );
    expect(text.stdout).toContain('where the milliseconds go from metro:phoenix');
    expect(text.stdout).toContain('event-details -> inventory-db');
    expect(text.stdout).not.toContain('placed in');
  });

  it('gives the same bytes on every run; timings only when asked', async () => {
    // By default: no wall-clock figure, so the same bytes (--no-timings, the old way, is still taken).
    const again = await footprint('place', EXAMPLE, '--json', '--samples', '5000');
    expect(again.stdout).toBe(run.stdout);
    const timed = json<Placement>(
      await footprint('place', EXAMPLE, '--json', '--timings', '--samples', '1000'),
    );
    expect(timed.timings).toMatchObject({ solveMs: expect.any(Number), totalMs: expect.any(Number) });
  });

  it('--write rewrites the estate in place; -o writes a file that extends it; both evaluate to the predicted figures', async () => {
    const copy = join(dir, 'estate.yaml');
    copyFileSync(EXAMPLE, copy);
    const inPlace = json<Placement>(
      await footprint('place', copy, '--write', '--json', '--no-timings', '--samples', '5000'),
    );
    expect(inPlace.written).toMatchObject({ file: copy, mode: 'in-place' });
    const predicted = inPlace.budgets.map((b) => ({
      metro: b.metro,
      p50Ms: b.proposed.p50Ms,
      p99Ms: b.proposed.p99Ms,
      ok: true,
    }));
    expect(await evaluate(copy)).toEqual(predicted);
    const after = readFileSync(copy, 'utf8');
    expect(after).toContain(
      '# The event details page. It must know the inventory before it can price tickets',
    );
    // Placing again: nothing moves, nothing is written.
    const second = await footprint('place', copy, '--write', '--no-timings', '--samples', '5000');
    expect(second.stdout).toContain('nothing written: every service stays where it is');
    expect(readFileSync(copy, 'utf8')).toBe(after);

    const base = join(dir, 'base.yaml');
    copyFileSync(EXAMPLE, base);
    const overlay = join(dir, 'placed.yaml');
    const out = await footprint('place', base, '-o', overlay, '--no-timings', '--samples', '5000');
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(
      `wrote ${overlay}: it extends ${base} and moves event-details, pricing, seat-map, recommendations`,
    );
    expect(readFileSync(base, 'utf8')).toBe(readFileSync(EXAMPLE, 'utf8'));
    expect(readFileSync(overlay, 'utf8')).toContain('extends: ./base.yaml');
    expect(await evaluate(overlay)).toEqual(predicted);
  });

  it('explains a budget that cannot hold and exits 1', async () => {
    const file = join(dir, 'tight.yaml');
    writeFileSync(
      file,
      `extends: ${join(process.cwd(), EXAMPLE)}\nname: tight\nbudgets:\n  - { request: event-page, metro: metro:los-angeles, p99Ms: 40 }\n`,
    );
    const text = await footprint('place', file, '--no-timings', '--samples', '2000');
    expect(text.code).toBe(1);
    expect(text.stderr).toBe('');
    expect(text.stdout).toContain('no placement meets the rules:');
    expect(text.stdout).toMatch(
      /budget event-page p99 <= 40 ms for metro:los-angeles cannot hold: the best possible is 4\d\.\d ms \(mean-based, a lower bound of the p99\) with inventory-db at phx-dc; event-details, pricing, seat-map, recommendations at us-west-2-phx-2a/,
    );
    const written = await footprint('place', file, '--write', '--json', '--no-timings', '--samples', '2000');
    expect(json<Placement>(written).written).toMatchObject({ mode: 'none' });
  });

  it('report --place adds the placement to the report, in JSON and as text; without it, none', async () => {
    const report = json<{ placement?: { services: { service: string; moved: boolean }[] } }>(
      await footprint('report', EXAMPLE, '--place', '--json'),
    );
    expect(report.placement?.services.filter((s) => s.moved).map((s) => s.service)).toEqual([
      'event-details',
      'pricing',
      'seat-map',
      'recommendations',
    ]);
    expect(
      json<{ placement?: unknown }>(await footprint('report', EXAMPLE, '--json')).placement,
    ).toBeUndefined();
    const text = await footprint('report', EXAMPLE, '--place');
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('Placement: ticketmaster-southwest');
  });

  it('refuses usage errors plainly', async () => {
    const both = await footprint('place', EXAMPLE, '--write', '-o', join(dir, 'x.yaml'));
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--write and --output both write the placement: give one');
    const weight = await footprint('place', EXAMPLE, '--cost-weight', '0.3');
    expect(weight.code).toBe(2);
    expect(weight.stderr).toContain('--cost-weight applies to --objective blend, not latency');
    const objective = await footprint('place', EXAMPLE, '--objective', 'speed');
    expect(objective.code).toBe(2);
    expect(objective.stderr).toContain("argument 'speed' is invalid");
    for (const r of [both, weight, objective]) expect(r.stderr).not.toMatch(STACK_TRACE);
  });
});
