/**
 * The page of a simulation (`footprint simulate SCENARIO -o page.html`, `footprint serve SCENARIO`):
 * the estate report of the first design, so the map shows its places, plus the `simulation` part:
 * every design's run (summary and per-interval series, as `simulate --json` prints them) and the few
 * figures the page draws that are not in a run as such (rates per second, cumulative cost, the
 * intervals over budget, requests lost, peak instances). The page only draws them.
 */
import type { DesignRun, Scenario, Simulation, SourceSummary } from '../sim/index.js';
import { buildEstateReport, type EstateReport } from './estate.js';

/** Per-interval and whole-run figures of one design the page draws beside its run. */
export interface SimulationFigures {
  /**
   * The request and metro whose worst interval p99 was furthest over its budget (by ratio; the
   * highest p99 when no source has a budget), and whether it was over.
   */
  readonly worst?: {
    readonly request: string;
    readonly metro: string;
    readonly p99Ms: number;
    readonly atS: number;
    readonly budgetP99Ms?: number;
    readonly intervalsOverBudget?: number;
    readonly over: boolean;
  };
  /** Requests that did not succeed: errors, rejections and timeouts. */
  readonly lostRequests: number;
  /** The most instances in service at an interval's end, every pool together, and when. */
  readonly peakInstances: number;
  readonly peakInstancesAtS: number;
  /** The length of each interval in seconds (the last one may be shorter). */
  readonly intervalS: readonly number[];
  /** Per source (in the order of `series.sources`): arrivals per second in each interval. */
  readonly arrivalsPerS: readonly (readonly number[])[];
  /** Per source: whether the interval's p99 was over the source's p99 budget (false without one). */
  readonly overBudget: readonly (readonly boolean[])[];
  /** Cost up to the end of each interval, in USD. */
  readonly cumulativeCostUsd: readonly number[];
}

/** A design's run and the figures drawn beside it. */
export interface SimulationDesignReport extends DesignRun {
  readonly figures: SimulationFigures;
}

/** The `simulation` part of the page's report. */
export interface SimulationReport extends Omit<Simulation, 'designs'> {
  readonly designs: readonly SimulationDesignReport[];
}

/** The report a simulation's page is fed: the first design's estate report and the simulation. */
export interface SimulationPageReport extends EstateReport {
  readonly simulation: SimulationReport;
}

/**
 * The figures the page draws for a simulation, beside its runs.
 * @example simulationReport(simulateScenario(loadScenario('test/fixtures/sim/onsale-short.yaml'))).designs[0].figures.peakInstances
 */
export function simulationReport(simulation: Simulation): SimulationReport {
  return { ...simulation, designs: simulation.designs.map((d) => ({ ...d, figures: figures(d) })) };
}

/**
 * The page's report for a simulation of `scenario`: the estate report of its first design (whose
 * places the map shows) and the `simulation` part.
 * @example renderHtmlPage(simulationPageReport(scenario, simulateScenario(scenario)), loadPageAssets())
 */
export function simulationPageReport(scenario: Scenario, simulation: Simulation): SimulationPageReport {
  const first = scenario.designs.find((d) => d.id === simulation.designs[0]?.id) ?? scenario.designs[0];
  if (!first) throw new Error('a scenario without designs has no page');
  return { ...buildEstateReport(first.estate), simulation: simulationReport(simulation) };
}

function figures(design: DesignRun): SimulationFigures {
  const { summary, series } = design.run;
  const r = summary.requests;
  const intervalS = series.t.map((t, i) => t - (i > 0 ? (series.t[i - 1] as number) : 0));
  let peakInstances = 0;
  let peakInstancesAtS = 0;
  series.t.forEach((t, i) => {
    const total = series.pools.reduce((sum, p) => sum + (p.instances[i] ?? 0), 0);
    if (total > peakInstances || i === 0) {
      peakInstances = total;
      peakInstancesAtS = t;
    }
  });
  let cost = 0;
  const worst = worstSource(summary.sources);
  return {
    ...(worst
      ? {
          worst: {
            request: worst.request,
            metro: worst.metro,
            p99Ms: worst.worstP99Ms,
            atS: worst.worstP99AtS,
            ...(worst.budgetP99Ms !== undefined
              ? { budgetP99Ms: worst.budgetP99Ms, intervalsOverBudget: worst.intervalsOverBudget ?? 0 }
              : {}),
            over: worst.budgetP99Ms !== undefined && worst.worstP99Ms > worst.budgetP99Ms,
          },
        }
      : {}),
    lostRequests: r.errors + r.rejected + r.timeouts,
    peakInstances,
    peakInstancesAtS,
    intervalS,
    arrivalsPerS: series.sources.map((s) =>
      s.arrivals.map((n, i) => ((intervalS[i] as number) > 0 ? n / (intervalS[i] as number) : 0)),
    ),
    overBudget: series.sources.map((s) => {
      const budget = summary.sources.find((x) => x.request === s.request && x.metro === s.metro)?.budgetP99Ms;
      return s.p99Ms.map((p99) => budget !== undefined && p99 > budget);
    }),
    cumulativeCostUsd: series.costUsd.map((c) => {
      cost += c;
      return cost;
    }),
  };
}

function worstSource(sources: readonly SourceSummary[]): SourceSummary | undefined {
  const budgeted = sources.filter((s) => s.budgetP99Ms !== undefined && s.budgetP99Ms > 0);
  const key = (s: SourceSummary) =>
    Number.isFinite(s.worstP99Ms) ? s.worstP99Ms / (budgeted.length > 0 ? (s.budgetP99Ms as number) : 1) : -1;
  let worst: SourceSummary | undefined;
  for (const s of budgeted.length > 0 ? budgeted : sources) if (!worst || key(s) > key(worst)) worst = s;
  return worst;
}
