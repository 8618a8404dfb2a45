/**
 * The start-up graph of an estate (seed 002): who cannot start before whom, every cycle in it,
 * which cycles deadlock a cold start (none of their members is bootstrapped or statically stable),
 * the fewest edges to break each (or the fewest members to make statically stable instead), and
 * the bring-up order in waves. Pure: the estate in, a report out.
 */
import type { Estate, Service } from '../model/index.js';
import {
  type Edge,
  elementaryCycles,
  minimumFeedbackArcSet,
  minimumFeedbackVertexSet,
  stronglyConnectedComponents,
  waves,
} from './deps-graph.js';

export type { Edge as StartupEdge } from './deps-graph.js';

/** One cycle of the start-up graph, as a path back to its start: `a -> b -> a`. */
export interface StartupCycle {
  readonly path: readonly string[];
  /** Its members that start without their start-up dependencies; none: the cycle deadlocks. */
  readonly brokenBy: readonly string[];
}

/** A strongly connected set of services: each needs, through others, all the rest. */
export interface StartupCycleGroup {
  readonly members: readonly string[];
  readonly cycles: readonly StartupCycle[];
  /** True when more cycles exist than are listed. */
  readonly cyclesTruncated: boolean;
  /** True when a cycle of it has no bootstrapped or statically stable member: a cold start never ends. */
  readonly deadlock: boolean;
  /** The fewest start-up edges to remove so that it starts (empty without a deadlock). */
  readonly breakEdges: readonly Edge[];
  /** True when `breakEdges` is a minimum; false: a greedy answer, and `atLeast` edges are needed. */
  readonly exact: boolean;
  readonly atLeast: number;
  /** Instead: the fewest members to make statically stable (or bootstrap) so that it starts. */
  readonly makeStaticallyStable: readonly string[];
}

/** A service that never starts in a cold start, and what it waits for. */
export interface NeverStarts {
  readonly service: string;
  /** True when it is in a deadlocked cycle itself; false when it waits on one. */
  readonly inCycle: boolean;
  /** Its start-up dependencies that never start. */
  readonly waitsOn: readonly string[];
}

/** The start-up graph's report: `footprint deps`. */
export interface StartupReport {
  readonly estate: string;
  readonly services: number;
  /** Start-up (hard) dependencies: `from` cannot start before `to` answers. */
  readonly edges: readonly Edge[];
  /** Services that start without their start-up dependencies. */
  readonly startAlone: readonly {
    readonly service: string;
    readonly why: 'bootstrap' | 'staticallyStable';
  }[];
  readonly groups: readonly StartupCycleGroup[];
  /** The bring-up order: wave 0 needs nothing, wave k only earlier waves. */
  readonly waves: readonly (readonly string[])[];
  readonly neverStarts: readonly NeverStarts[];
  /** False when a cold start deadlocks. */
  readonly ok: boolean;
}

/** How a service starts without its start-up dependencies, if it does. */
function startsAlone(service: Service): 'bootstrap' | 'staticallyStable' | undefined {
  if (service.dependencies?.bootstrap) return 'bootstrap';
  if (service.dependencies?.staticallyStable) return 'staticallyStable';
  return undefined;
}

/**
 * The start-up report of an estate's services.
 *
 * @example
 * import { loadEstate, startupReport } from 'footprint';
 * const report = startupReport(loadEstate('examples/ticketmaster-phoenix/startup-cycle.yaml'));
 * report.ok; // false: a cold start deadlocks
 */
export function startupReport(estate: Pick<Estate, 'name' | 'services'>): StartupReport {
  const ids = estate.services.map((s) => s.id);
  const edges: Edge[] = estate.services.flatMap((s) =>
    (s.dependencies?.startup ?? []).map((to) => ({ from: s.id, to })),
  );
  const alone = new Map<string, 'bootstrap' | 'staticallyStable'>();
  for (const s of estate.services) {
    const why = startsAlone(s);
    if (why) alone.set(s.id, why);
  }
  // What binds at a cold start: the edges of services that cannot start without them.
  const binding = edges.filter((e) => !alone.has(e.from));
  const components = stronglyConnectedComponents(ids, edges).filter((c) => c.length > 1);
  const order = new Map(ids.map((id, i) => [id, i]));
  components.sort((a, b) => (order.get(a[0] as string) ?? 0) - (order.get(b[0] as string) ?? 0));
  const groups = components.map((members) => cycleGroup(members, edges, binding, alone));
  const deadlocked = new Set(
    stronglyConnectedComponents(ids, binding)
      .filter((c) => c.length > 1)
      .flat(),
  );
  const layered = waves(ids, binding);
  const never = new Set(layered.never);
  const neverStarts = layered.never.map((service) => ({
    service,
    inCycle: deadlocked.has(service),
    waitsOn: binding.filter((e) => e.from === service && never.has(e.to)).map((e) => e.to),
  }));
  return {
    estate: estate.name,
    services: ids.length,
    edges,
    startAlone: [...alone].map(([service, why]) => ({ service, why })),
    groups,
    waves: layered.waves,
    neverStarts,
    ok: neverStarts.length === 0,
  };
}

function cycleGroup(
  members: readonly string[],
  edges: readonly Edge[],
  binding: readonly Edge[],
  alone: ReadonlyMap<string, unknown>,
): StartupCycleGroup {
  const inside = (e: Edge) => members.includes(e.from) && members.includes(e.to);
  const found = elementaryCycles(members, edges.filter(inside));
  const cycles = found.cycles.map((path) => ({
    path,
    brokenBy: [...new Set(path)].filter((id) => alone.has(id)),
  }));
  // The binding edges inside the group that lie on a cycle: those of its binding components.
  const cyclic = stronglyConnectedComponents(members, binding.filter(inside)).filter((c) => c.length > 1);
  const stuck = binding.filter((e) => cyclic.some((c) => c.includes(e.from) && c.includes(e.to)));
  const deadlock = stuck.length > 0;
  const arcs = deadlock ? minimumFeedbackArcSet(stuck) : { edges: [], exact: true, lowerBound: 0 };
  return {
    members,
    cycles,
    cyclesTruncated: found.truncated,
    deadlock,
    breakEdges: arcs.edges,
    exact: arcs.exact,
    atLeast: arcs.lowerBound,
    makeStaticallyStable: deadlock ? minimumFeedbackVertexSet(stuck) : [],
  };
}
