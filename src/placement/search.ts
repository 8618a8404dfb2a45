/**
 * Placement without the MILP: exhaustive enumeration for small problems (the tests' reference),
 * and a deterministic local search for problems the MILP cannot close within its limit. Both
 * minimise the objective of `assess.ts`, computed from the call trees.
 */
import { type Assessment, assessPlacement, todayAssignment } from './assess.js';
import type { ObjectiveSpec } from './objective.js';
import type { Assignment, PlacedService, PlacementProblem } from './problem.js';

/** Every placement a service may have: subsets of its candidates of an allowed size (primary first). */
export function serviceOptions(service: PlacedService): number[][] {
  if (service.pinned) return [service.today.map((t) => t.location)];
  const out: number[][] = [];
  const n = service.candidates.length;
  const pick = (start: number, chosen: number[]) => {
    if (chosen.length >= service.minPlaces && chosen.length <= service.maxPlaces) {
      if (service.routing === 'primary' && chosen.length > 1) {
        for (const first of chosen) out.push([first, ...chosen.filter((m) => m !== first)]);
      } else out.push([...chosen]);
    }
    if (chosen.length === service.maxPlaces) return;
    for (let i = start; i < n; i++) pick(i + 1, [...chosen, service.candidates[i] as number]);
  };
  pick(0, []);
  return out;
}

/** The number of placements {@link bruteForcePlacement} would enumerate. */
export function searchSpaceSize(problem: PlacementProblem): number {
  return problem.services.reduce((n, s) => n * serviceOptions(s).length, 1);
}

export interface SearchResult {
  /** The best placement that breaks no rule; undefined when none does. */
  readonly assignment?: number[][];
  readonly assessment?: Assessment;
  /** Placements looked at. */
  readonly evaluated: number;
}

/**
 * Tries every placement (the product of every service's options) and keeps the best that breaks no
 * rule. For tests and small problems: the count grows as the product of the options.
 * @example bruteForcePlacement(problem, spec).assessment?.objective
 */
export function bruteForcePlacement(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  bounds: readonly number[] = [],
): SearchResult {
  const options = problem.services.map(serviceOptions);
  const current: number[][] = options.map((o) => o[0] ?? []);
  let best: { assignment: number[][]; assessment: Assessment } | undefined;
  let evaluated = 0;
  const visit = (s: number) => {
    if (s === options.length) {
      evaluated++;
      const assessment = assessPlacement(problem, current, spec, bounds);
      if (assessment.violations.length > 0) return;
      if (!best || assessment.objective < best.assessment.objective - 1e-12) {
        best = { assignment: current.map((a) => [...a]), assessment };
      }
      return;
    }
    for (const option of options[s] as number[][]) {
      current[s] = option;
      visit(s + 1);
    }
  };
  visit(0);
  return { ...(best ?? {}), evaluated };
}

/** How far a placement is from allowed: budget excess in ms, and a count of other broken rules. */
function penalty(assessment: Assessment, bounds: readonly number[]): number {
  let excess = 0;
  assessment.scenarioMs.forEach((ms, i) => {
    excess += Math.max(0, ms - (bounds[i] ?? Number.POSITIVE_INFINITY));
  });
  const others = assessment.violations.filter((v) => !v.includes(' ms > ')).length;
  return excess + 1e6 * others;
}

export interface LocalSearchOptions {
  /** Full passes over the services at most. */
  readonly maxPasses?: number;
  /** Where to start; default today's placement, repaired to fit the replicas. */
  readonly start?: Assignment;
}

/**
 * Deterministic local search: from a start, repeatedly move one service (swap one of its places for
 * another candidate, add or drop a place, change its primary) when that lowers the budget excess,
 * or keeps it and lowers the objective; stops when a full pass finds nothing or after
 * `maxPasses`. A local optimum, not a proven one.
 */
export function localSearchPlacement(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  bounds: readonly number[] = [],
  options: LocalSearchOptions = {},
): SearchResult & {
  readonly passes: number;
  /** Where it stopped, allowed or not: its budget excess (ms, summed) and weighted latency (ms). */
  readonly last: { readonly excessMs: number; readonly latencyMs: number; readonly violations: number };
} {
  let evaluated = 0;
  const starts = options.start ? [options.start] : [repairedToday(problem), ...gatheredStarts(problem)];
  let first: { current: number[][]; assessment: Assessment; score: number } | undefined;
  for (const start of starts) {
    const a = assessPlacement(problem, start, spec, bounds);
    evaluated++;
    const p = penalty(a, bounds);
    if (
      !first ||
      p < first.score - 1e-9 ||
      (Math.abs(p - first.score) <= 1e-9 && a.objective < first.assessment.objective - 1e-12)
    )
      first = { current: start.map((x) => [...x]), assessment: a, score: p };
  }
  if (!first) throw new Error('a placement problem without a start');
  const current = first.current;
  let assessment: Assessment = first.assessment;
  let score = first.score;
  let passes = 0;
  const maxPasses = options.maxPasses ?? 50;
  let improved = true;
  while (improved && passes < maxPasses) {
    improved = false;
    passes++;
    for (const service of problem.services) {
      if (service.pinned) continue;
      const s = service.index;
      let bestMove: number[] | undefined;
      let bestScore = score;
      let bestObjective = assessment.objective;
      let bestAssessment: Assessment = assessment;
      for (const move of neighbours(service, current[s] as number[])) {
        const saved = current[s] as number[];
        current[s] = move;
        const a = assessPlacement(problem, current, spec, bounds);
        evaluated++;
        current[s] = saved;
        const p = penalty(a, bounds);
        if (
          p < bestScore - 1e-9 ||
          (Math.abs(p - bestScore) <= 1e-9 && a.objective < bestObjective - 1e-12)
        ) {
          bestMove = move;
          bestScore = p;
          bestObjective = a.objective;
          bestAssessment = a;
        }
      }
      if (bestMove) {
        current[s] = bestMove;
        score = bestScore;
        assessment = bestAssessment;
        improved = true;
      }
    }
  }
  const excessMs = assessment.scenarioMs.reduce(
    (sum, ms, i) => sum + Math.max(0, ms - (bounds[i] ?? Number.POSITIVE_INFINITY)),
    0,
  );
  return {
    ...(assessment.violations.length === 0 ? { assignment: current, assessment } : {}),
    evaluated,
    passes,
    last: { excessMs, latencyMs: assessment.latencyMs, violations: assessment.violations.length },
  };
}

/**
 * Starts where everything gathers near one place: for each location some service may run at, every
 * movable service at its candidate nearest to it (as many as it needs). Single moves cannot leave
 * today's placement when services only gain by moving together.
 */
function gatheredStarts(problem: PlacementProblem): number[][][] {
  const size = problem.table.endpoints.length;
  const rtt = (a: number, b: number) => problem.table.rttMs[a * size + b] as number;
  const hubs = [...new Set(problem.services.flatMap((s) => (s.pinned ? [] : s.candidates)))].sort(
    (a, b) => a - b,
  );
  return hubs.map((hub) =>
    problem.services.map((service) => {
      if (service.pinned) return service.today.map((t) => t.location);
      const near = [...service.candidates].sort((a, b) => rtt(hub, a) - rtt(hub, b) || a - b);
      const chosen = near.slice(0, service.minPlaces);
      return service.candidates.filter((m) => chosen.includes(m));
    }),
  );
}

/** The placements one step away from `placed`, in a fixed order. */
function neighbours(service: PlacedService, placed: readonly number[]): number[][] {
  const inOrder = (set: readonly number[], first?: number) => {
    const sorted = service.candidates.filter((m) => set.includes(m));
    return first === undefined ? sorted : [first, ...sorted.filter((m) => m !== first)];
  };
  const primary = service.routing === 'primary' && placed.length > 1 ? placed[0] : undefined;
  const out: number[][] = [];
  const others = service.candidates.filter((m) => !placed.includes(m));
  for (const drop of placed) {
    for (const add of others) {
      const next = [...placed.filter((m) => m !== drop), add];
      out.push(inOrder(next, primary === drop ? add : primary));
    }
  }
  if (placed.length < service.maxPlaces && service.routing !== 'spread')
    for (const add of others) out.push(inOrder([...placed, add], primary));
  if (placed.length > service.minPlaces && service.routing !== 'spread')
    for (const drop of placed) {
      const rest = placed.filter((m) => m !== drop);
      out.push(inOrder(rest, primary === drop ? undefined : primary));
    }
  if (primary !== undefined)
    for (const first of placed) if (first !== primary) out.push(inOrder(placed, first));
  return out;
}

/** Today's placement, trimmed or filled to each service's number of places. */
export function repairedToday(problem: PlacementProblem): number[][] {
  return todayAssignment(problem).map((placed, s) => {
    const service = problem.services[s] as PlacedService;
    if (service.pinned) return placed;
    const sorted = service.candidates.filter((m) => placed.includes(m));
    const primary = service.routing === 'primary' ? placed[0] : undefined;
    let chosen = sorted.slice(0, service.maxPlaces);
    if (primary !== undefined && !chosen.includes(primary)) chosen = [primary, ...chosen.slice(0, -1)];
    for (const m of service.candidates) {
      if (chosen.length >= service.minPlaces) break;
      if (!chosen.includes(m)) chosen.push(m);
    }
    const ordered = service.candidates.filter((m) => chosen.includes(m));
    return primary !== undefined && ordered.includes(primary)
      ? [primary, ...ordered.filter((m) => m !== primary)]
      : ordered;
  });
}
