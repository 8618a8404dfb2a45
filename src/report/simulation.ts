/**
 * Rendering a simulation: the designs side by side (latency per request and metro against its
 * budget over the run and in its worst interval, requests and how they ended, peak instances, cost),
 * and the per-interval series as CSV.
 */
import { formatDuration } from '../model/index.js';
import type { DesignRun, SimRun, Simulation } from '../sim/index.js';
import { ms, textTable } from './format.js';

interface Row {
  readonly label: string;
  readonly values: readonly string[];
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const usd = (n: number) => (Number.isFinite(n) ? `$${n.toFixed(n < 10 ? 3 : 2)}` : '-');
const percent = (part: number, whole: number) => (whole > 0 ? `${((100 * part) / whole).toFixed(2)} %` : '-');

/**
 * The text report of a simulation.
 * @example renderSimulation(simulateScenario(loadScenario('examples/ticketmaster-phoenix/onsale.yaml')))
 */
export function renderSimulation(simulation: Simulation): string {
  const designs = simulation.designs;
  const out: string[] = [];
  out.push(
    `Simulation: ${simulation.scenario}${simulation.description ? ` — ${simulation.description}` : ''}`,
  );
  out.push(
    `${simulation.file}, seed ${simulation.seed}, ${formatDuration(simulation.durationS)} of demand in ${formatDuration(simulation.intervalS)} intervals; latency in ms (RTTs included), cost in USD`,
  );
  if (designs.length > 1)
    out.push(`designs: ${designs.map((d) => (d.name === d.id ? d.id : `${d.id} (${d.name})`)).join('; ')}`);
  out.push('');
  const rows: Row[] = [];
  const section = (label: string) => rows.push({ label, values: designs.map(() => '') });
  const row = (label: string, value: (d: DesignRun) => string) =>
    rows.push({ label, values: designs.map(value) });
  const first = designs[0]?.run.summary.sources ?? [];
  const requests = [...new Set(first.map((s) => s.request))];
  for (const request of requests) {
    const budget = first.find((s) => s.request === request)?.budgetP99Ms;
    section(`${request}: p50 / p99${budget !== undefined ? ` (budget p99 <= ${ms(budget)})` : ''}`);
    for (const source of first.filter((s) => s.request === request)) {
      const of = (d: DesignRun) =>
        d.run.summary.sources.find((s) => s.request === request && s.metro === source.metro);
      row(`  ${source.metro}`, (d) => {
        const s = of(d);
        return s ? `${ms(s.p50Ms)} / ${ms(s.p99Ms)}` : '-';
      });
      row('    worst interval p99', (d) => {
        const s = of(d);
        if (!s) return '-';
        const verdict = s.budgetP99Ms === undefined ? '' : s.worstP99Ms > s.budgetP99Ms ? ' over' : ' held';
        return `${ms(s.worstP99Ms)}${verdict}`;
      });
      if (budget !== undefined)
        row('    intervals over budget', (d) => {
          const s = of(d);
          return s?.intervalsOverBudget !== undefined
            ? `${s.intervalsOverBudget} of ${d.run.series.t.length}`
            : '-';
        });
    }
  }
  section('requests');
  row('  generated', (d) => count(d.run.summary.requests.generated));
  row('  succeeded', (d) => percent(d.run.summary.requests.succeeded, d.run.summary.requests.generated));
  row('  lost', (d) => {
    const r = d.run.summary.requests;
    return count(r.errors + r.rejected + r.timeouts);
  });
  row('    errors / rejected / timeouts', (d) => {
    const r = d.run.summary.requests;
    return `${count(r.errors)} / ${count(r.rejected)} / ${count(r.timeouts)}`;
  });
  row('  retries', (d) => count(d.run.summary.requests.retries));
  row('  abandoned attempts finished', (d) => count(d.run.summary.requests.abandonedAttemptsFinished));
  section('instances: start -> peak (launches, failed launches, interruptions)');
  const pools = [...new Set(designs.flatMap((d) => d.run.summary.pools.map((p) => p.id)))];
  for (const id of pools)
    row(`  ${id}`, (d) => {
      const p = d.run.summary.pools.find((x) => x.id === id);
      if (!p) return '-';
      const events = [p.launches, p.launchFailures, p.interruptions].some((n) => n > 0)
        ? ` (${p.launches}, ${p.launchFailures}, ${p.interruptions})`
        : '';
      return `${p.startInstances} -> ${p.peakInstances}${events}`;
    });
  faultRows(designs, section, row);
  section('cost');
  row('  instances', (d) => usd(d.run.summary.cost.onDemandUsd + d.run.summary.cost.spotUsd));
  row('  on-premises (amortised)', (d) => usd(d.run.summary.cost.onPremisesUsd));
  row('  data transfer', (d) => usd(d.run.summary.cost.transferUsd));
  row('  total', (d) => usd(d.run.summary.cost.totalUsd));
  row('  per 1,000 sessions', (d) => usd(d.run.summary.cost.per1000SessionsUsd));
  out.push(
    textTable(rows, [
      { header: '', value: (r) => r.label },
      ...designs.map((d, i) => ({
        header: d.id,
        value: (r: Row) => r.values[i] ?? '',
        align: 'right' as const,
      })),
    ]),
  );
  const checks = designs.map((d) => ({
    id: d.id,
    law: d.run.summary.littlesLaw,
    events: d.run.summary.events,
  }));
  out.push('');
  out.push(
    `checks: every request ended once; Little's law L = λW holds (${checks.map((c) => `${c.id} ${c.law.l.toFixed(2)} = ${c.law.lambdaW.toFixed(2)}`).join(', ')}); ${count(checks.reduce((s, c) => s + c.events, 0))} events`,
  );
  const notes = designs.flatMap((d) => d.notes.map((n) => `${designs.length > 1 ? `${d.id}: ` : ''}${n}`));
  if (notes.length > 0) out.push('', 'assumed:', ...notes.map((n) => `  - ${n}`));
  return `${out.join('\n')}\n`;
}

/** Per fault of the scenario: its window, when health checks noticed it and the estate recovered, what it cost. */
function faultRows(
  designs: readonly DesignRun[],
  section: (label: string) => void,
  row: (label: string, value: (d: DesignRun) => string) => void,
): void {
  const first = designs[0]?.run.summary.faults ?? [];
  if (first.length === 0) return;
  section('faults: requests started during each (until recovered)');
  const after = (t: number | null, from: number) => (t === null ? '-' : `+${formatDuration(t - from)}`);
  first.forEach((f, i) => {
    const window = f.endS === null ? 'till the end' : `for ${formatDuration(f.endS - f.startS)}`;
    section(`  ${f.fault} (at ${formatDuration(f.startS)}, ${window})`);
    const of = (d: DesignRun) => d.run.summary.faults?.[i];
    row('    detected / recovered', (d) => {
      const x = of(d);
      return x ? `${after(x.detectedS, x.startS)} / ${after(x.recoveredS, x.startS)}` : '-';
    });
    if (f.kind === 'lose-place' || f.kind === 'lose-instances')
      row('    calls lost there (the last sent)', (d) => {
        const x = of(d);
        return x ? `${count(x.lostCalls)} (${after(x.lastLostCallS, x.startS)})` : '-';
      });
    row('    lost: errors / rejected / timeouts', (d) => {
      const r = of(d)?.requests;
      return r
        ? `${count(r.errors)} / ${count(r.rejected)} / ${count(r.timeouts)} of ${count(r.started)}`
        : '-';
    });
    row('    p50 / p99', (d) => {
      const x = of(d);
      return x ? `${ms(x.p50Ms)} / ${ms(x.p99Ms)}` : '-';
    });
    if (designs.some((d) => of(d)?.frontDoors)) frontDoorRows(i, row, after);
    if (designs.some((d) => of(d)?.coldStart)) coldStartRows(designs, i, row, after);
  });
}

/**
 * A place's cold start, per design: when each service it ran started after the fault's end (its
 * first pool; `never` in a deadlock) and tries, and when each request was served again.
 */
function coldStartRows(
  designs: readonly DesignRun[],
  i: number,
  row: (label: string, value: (d: DesignRun) => string) => void,
  after: (t: number | null, from: number) => string,
): void {
  const of = (d: DesignRun) => {
    const f = d.run.summary.faults?.[i];
    return f?.coldStart && f.endS !== null ? { end: f.endS, x: f.coldStart } : undefined;
  };
  const services = [...new Set(designs.flatMap((d) => of(d)?.x.pools.map((p) => p.service) ?? []))];
  for (const service of services)
    row(`    ${service} up after its end (tries)`, (d) => {
      const o = of(d);
      const pools = o?.x.pools.filter((p) => p.service === service) ?? [];
      if (!o || pools.length === 0) return '-';
      const started = pools.flatMap((p) => (p.startedS === null ? [] : [p.startedS]));
      const tries = Math.max(...pools.map((p) => p.attempts));
      return started.length ? `${after(Math.min(...started), o.end)} (${tries})` : `never (${tries})`;
    });
  const requests = [...new Set(designs.flatMap((d) => of(d)?.x.requests.map((r) => r.request) ?? []))];
  for (const request of requests)
    row(`    ${request} served again after its end`, (d) => {
      const o = of(d);
      const times = o?.x.requests.filter((r) => r.request === request) ?? [];
      if (!o || times.length === 0) return '-';
      if (times.some((r) => r.servedS === null)) return 'never';
      return after(Math.max(...times.map((r) => r.servedS as number)), o.end);
    });
}

/** A fault's figures for the users entering through front doors, per design. */
function frontDoorRows(
  i: number,
  row: (label: string, value: (d: DesignRun) => string) => void,
  after: (t: number | null, from: number) => string,
): void {
  const of = (d: DesignRun) => {
    const f = d.run.summary.faults?.[i];
    return f?.frontDoors ? { f, x: f.frontDoors } : undefined;
  };
  row('    front doors: detected', (d) => {
    const o = of(d);
    return o ? after(o.x.detectedS, o.f.startS) : '-';
  });
  row('    served elsewhere: 50 % / 99 %', (d) => {
    const o = of(d);
    return o
      ? `${after(o.x.servedElsewhere50S, o.f.startS)} / ${after(o.x.servedElsewhere99S, o.f.startS)}`
      : '-';
  });
  row('    sessions lost / moved (writes at risk)', (d) => {
    const o = of(d);
    return o
      ? `${count(o.x.sessionsLost)} / ${count(o.x.sessionsMoved)} (${count(o.x.sessionWritesAtRisk)})`
      : '-';
  });
  row('    writes lost (promotion)', (d) => {
    const o = of(d);
    return o ? `${o.x.writesLost} (${formatDuration(o.x.promotionS)})` : '-';
  });
}

/** One row per fault and design, for `--csv`: when it hit, was noticed and recovered, what it cost. */
export function faultsCsv(run: SimRun): string | undefined {
  const faults = run.summary.faults;
  if (!faults || faults.length === 0) return undefined;
  const num = (n: number | null) =>
    n !== null && Number.isFinite(n) ? String(Math.round(n * 1000) / 1000) : '';
  const quote = (text: string) => (/[",]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  const doors = faults.some((f) => f.frontDoors);
  const rows = [
    `fault,start_s,end_s,detected_s,recovered_s,started,succeeded,errors,rejected,timeouts,p50_ms,p99_ms,lost_calls,last_lost_call_s${doors ? ',doors_detected_s,served_elsewhere_50_s,served_elsewhere_99_s,sessions_lost,sessions_moved,session_writes_at_risk,writes_lost,promotion_s' : ''}`,
    ...faults.map((f) =>
      [
        quote(f.fault),
        num(f.startS),
        num(f.endS),
        num(f.detectedS),
        num(f.recoveredS),
        num(f.requests.started),
        num(f.requests.succeeded),
        num(f.requests.errors),
        num(f.requests.rejected),
        num(f.requests.timeouts),
        num(f.p50Ms),
        num(f.p99Ms),
        num(f.lostCalls),
        num(f.lastLostCallS),
        ...(f.frontDoors
          ? [
              num(f.frontDoors.detectedS),
              num(f.frontDoors.servedElsewhere50S),
              num(f.frontDoors.servedElsewhere99S),
              num(f.frontDoors.sessionsLost),
              num(f.frontDoors.sessionsMoved),
              num(f.frontDoors.sessionWritesAtRisk),
              num(f.frontDoors.writesLost),
              num(f.frontDoors.promotionS),
            ]
          : []),
      ].join(','),
    ),
  ];
  return `${rows.join('\n')}\n`;
}

/**
 * The per-interval series of one run as CSV files: by source, by pool, and cost.
 * @example simulationCsv(simulation.designs[0].run).sources.split('\n')[0] // 't_s,request,metro,arrivals,...'
 */
export function simulationCsv(run: SimRun): { sources: string; pools: string; cost: string } {
  const t = run.series.t;
  const num = (n: number) => (Number.isFinite(n) ? String(Math.round(n * 1000) / 1000) : '');
  const sources = ['t_s,request,metro,arrivals,succeeded,errors,rejected,timeouts,p50_ms,p99_ms'];
  for (const s of run.series.sources)
    t.forEach((time, i) => {
      sources.push(
        [
          num(time),
          s.request,
          s.metro,
          num(s.arrivals[i] ?? 0),
          num(s.succeeded[i] ?? 0),
          num(s.errors[i] ?? 0),
          num(s.rejected[i] ?? 0),
          num(s.timeouts[i] ?? 0),
          num(s.p50Ms[i] ?? Number.NaN),
          num(s.p99Ms[i] ?? Number.NaN),
        ].join(','),
      );
    });
  const pools = ['t_s,pool,instances,launching,utilisation,queue,launches,launch_failures,interruptions'];
  for (const p of run.series.pools)
    t.forEach((time, i) => {
      pools.push(
        [
          num(time),
          p.id,
          num(p.instances[i] ?? 0),
          num(p.launching[i] ?? 0),
          num(p.utilisation[i] ?? 0),
          num(p.queue[i] ?? 0),
          num(p.launches[i] ?? 0),
          num(p.launchFailures[i] ?? 0),
          num(p.interruptions[i] ?? 0),
        ].join(','),
      );
    });
  const cost = ['t_s,cost_usd', ...t.map((time, i) => `${num(time)},${num(run.series.costUsd[i] ?? 0)}`)];
  return { sources: `${sources.join('\n')}\n`, pools: `${pools.join('\n')}\n`, cost: `${cost.join('\n')}\n` };
}
