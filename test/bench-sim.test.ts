/**
 * A smoke test of `npm run bench:sim`: the benchmark in --quick mode prints its figures as JSON, for
 * Footprint and (where Debian's python3-simpy is installed) for its SimPy peer. It checks that the
 * figures are there and that both simulators ran the same models (events per request, mean waits
 * near Erlang C's), not how fast they are: timings are the benchmark's to report, not a test's.
 * CI (`.ci/run`) installs python3-simpy and sets FOOTPRINT_REQUIRE_SIMPY, so that a missing SimPy
 * fails there rather than skips.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('..', import.meta.url));

interface Figures {
  readonly events: number;
  readonly requests: number;
  readonly eventsPerRequest: number;
  readonly eventsPerS: number;
  readonly requestsPerS: number;
  readonly wallS: number;
  readonly meanWaitS: number;
}

interface Comparison {
  readonly model: { readonly calls: number };
  readonly theoryWaitS: number;
  readonly footprint: Figures;
  readonly simpy: Figures | null;
  readonly simpyError?: string;
  readonly ratio: { readonly eventsPerS: number; readonly requestsPerS: number } | null;
}

interface Output {
  readonly quick: boolean;
  readonly machine: { readonly cpu: string; readonly node: string; readonly simpy: string | null };
  readonly queue: Comparison;
  readonly chain: Comparison;
  readonly eventPage: {
    readonly events: number;
    readonly eventsPerS: number;
    readonly wallS: number;
    readonly requests: { readonly generated: number; readonly succeeded: number };
    readonly services: readonly {
      readonly id: string;
      readonly onPremises: number;
      readonly localZone: number;
      readonly utilisation: number;
    }[];
  };
  readonly targets: readonly { readonly name: string; readonly value: number | null }[];
}

describe('bench:sim --quick', () => {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'bench/sim.ts', '--quick', '--json'], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
  });
  const output = (result.status === 0 ? JSON.parse(result.stdout) : undefined) as Output | undefined;

  it('runs and prints JSON', () => {
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(output?.quick).toBe(true);
    expect(output?.machine.cpu).not.toBe('');
    expect(output?.machine.node).toBe(process.version);
  });

  it("has Footprint's figures: one pop per arrival and three per call", () => {
    for (const [c, calls] of [
      [output?.queue, 1],
      [output?.chain, 10],
    ] as const) {
      expect(c?.model.calls).toBe(calls);
      const f = c?.footprint as Figures;
      expect(f.requests).toBeGreaterThan(1000);
      expect(f.eventsPerRequest).toBeCloseTo(1 + 3 * calls, 1);
      expect(f.eventsPerS).toBeGreaterThan(0);
      expect(f.requestsPerS).toBeGreaterThan(0);
      expect(Math.abs(f.meanWaitS / (c?.theoryWaitS as number) - 1)).toBeLessThan(0.35);
    }
    const page = output?.eventPage;
    expect(page?.requests.generated).toBeGreaterThan(5_000);
    expect(page?.requests.succeeded).toBe(page?.requests.generated);
    expect(page?.eventsPerS).toBeGreaterThan(0);
    expect(output?.targets.find((t) => t.name.startsWith('event page'))?.value).toBeGreaterThan(0);
  });

  it('runs the event page on a design that holds 5,000/s: the Local Zone burst, every service near 60 % busy', () => {
    const services = output?.eventPage.services ?? [];
    expect(services.map((s) => s.id)).toEqual(['event-details', 'pricing', 'seat-map', 'recommendations']);
    for (const s of services) {
      expect(s.onPremises).toBeGreaterThan(0);
      expect(s.localZone).toBeGreaterThan(s.onPremises);
      // Sized for target tracking's 60 %: past 75 % the queues would grow, under 45 % it is oversized.
      expect(s.utilisation).toBeGreaterThan(0.45);
      expect(s.utilisation).toBeLessThan(0.75);
    }
  });

  it("has SimPy's figures and the ratios, the same models run", () => {
    const simpy = output?.machine.simpy;
    if (!simpy) {
      const why = output?.queue.simpyError ?? 'no output';
      if (process.env.FOOTPRINT_REQUIRE_SIMPY) throw new Error(`SimPy did not run: ${why}`);
      console.warn(`bench:sim's SimPy figures not checked: ${why} (apt-get install python3-simpy)`);
      return;
    }
    expect(simpy).toMatch(/^2\./);
    for (const [c, calls] of [
      [output?.queue, 1],
      [output?.chain, 10],
    ] as const) {
      const s = c?.simpy as Figures;
      expect(s.requests).toBeGreaterThan(1000);
      expect(s.eventsPerRequest).toBeCloseTo(2 + 3 * calls, 1);
      expect(Math.abs(s.meanWaitS / (c?.theoryWaitS as number) - 1)).toBeLessThan(0.35);
      expect(c?.ratio?.eventsPerS).toBeGreaterThan(0);
      expect(c?.ratio?.requestsPerS).toBeGreaterThan(0);
    }
  });
});
