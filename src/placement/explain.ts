/**
 * Why no placement meets the rules, in plain words.
 *
 * Before solving: a service with fewer candidates (or regions among them) than the places it must
 * run at, and what took the others away (residency, what zones offer, the radius).
 *
 * After HiGHS says infeasible: each budget alone (the MILP minimising that request and metro's
 * latency, with no budget): one that cannot hold even alone gets its best possible figure and the
 * placement that reaches it, and, when residency rules keep some of its services away, what the
 * figure would be without them. When every budget can hold alone, a deletion filter finds a set of
 * budgets that cannot all hold together, each of which can when one of the others is dropped.
 */
import type { Estate } from '../model/index.js';
import { type BuildOptions, buildPlacementProblem, type CandidateSummary } from './build.js';
import { buildMilp, decodeAssignment } from './milp.js';
import type { ObjectiveSpec } from './objective.js';
import { type Assignment, type PlacementProblem, servicesOfTree } from './problem.js';
import type { InfeasibilityReason } from './result.js';
import { type SolverLimits, solveModel } from './solver.js';

const fmt = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms.toFixed(1));

/** Problems visible before solving: too few candidates, or too few regions among them. */
export function structuralProblems(
  problem: PlacementProblem,
  candidates: readonly CandidateSummary[],
): InfeasibilityReason[] {
  const reasons: InfeasibilityReason[] = [];
  for (const service of problem.services) {
    if (service.pinned) continue;
    const summary = candidates[service.index] as CandidateSummary;
    const why = leftOut(summary);
    if (service.candidates.length < service.minPlaces) {
      reasons.push({
        kind: summary.residency > 0 ? 'residency' : 'replicas',
        message: `${service.id} must run at ${service.minPlaces} places (replicas.min) but has ${service.candidates.length} candidate${service.candidates.length === 1 ? '' : 's'}${why}`,
      });
      continue;
    }
    if (service.across === 'regions') {
      const regions = new Set(service.candidates.map((m) => problem.locations[m]?.region));
      if (regions.size < service.minPlaces)
        reasons.push({
          kind: summary.residency > 0 ? 'residency' : 'replicas',
          message: `${service.id} must run in ${service.minPlaces} regions (replicas across regions) but its candidates span ${regions.size}: ${[...regions].join(', ')}${why}`,
        });
    }
  }
  return reasons;
}

/** `; residency [DE] left out 140 zones, ...` */
function leftOut(summary: CandidateSummary): string {
  const parts: string[] = [];
  if (summary.residency > 0)
    parts.push(`residency [${summary.residencyRule?.join(', ') ?? ''}] left out ${summary.residency}`);
  if (summary.notOffered > 0) parts.push(`${summary.notOffered} do not offer what it needs`);
  if (summary.outsideRadius > 0)
    parts.push(
      `${summary.outsideRadius} are farther than ${fmt(summary.radiusMs)} ms (${summary.radiusFrom})`,
    );
  return parts.length > 0 ? ` (of ${summary.considered} zones and sites: ${parts.join(', ')})` : '';
}

/** Why the MILP is infeasible under `bounds`. */
export async function explainInfeasible(
  problem: PlacementProblem,
  spec: ObjectiveSpec,
  bounds: readonly number[],
  candidates: readonly CandidateSummary[],
  limits: SolverLimits,
  estate: Estate,
  buildOptions: BuildOptions = {},
): Promise<InfeasibilityReason[]> {
  const budgeted = bounds.map((b, i) => (Number.isFinite(b) ? i : -1)).filter((i) => i >= 0);
  const none = bounds.map(() => Number.POSITIVE_INFINITY);
  const label = (i: number) => {
    const s = problem.scenarios[i];
    return `${s?.requestId} from ${s?.metroId}`;
  };
  const budgetText = (i: number) => {
    const s = problem.scenarios[i];
    if (!s) return '';
    const binding = s.p99BudgetMs !== null && s.p99BudgetMs <= (bounds[i] as number) + 1e-9 ? 'p99' : 'p50';
    return `budget ${s.requestId} ${binding} <= ${binding === 'p99' ? s.p99BudgetMs : s.p50BudgetMs} ms for ${s.metroId}`;
  };
  const best = async (
    p: PlacementProblem,
    i: number,
    b: readonly number[],
  ): Promise<{ ms: number; assignment: Assignment } | 'infeasible' | 'unknown'> => {
    const milp = buildMilp(p, spec, { bounds: b, minimiseScenario: i });
    const outcome = await solveModel(milp.model, limits);
    if (outcome.status === 'infeasible') return 'infeasible';
    if (!outcome.values || outcome.status !== 'optimal') return 'unknown';
    return {
      ms: outcome.values[milp.scenario[i] as number] as number,
      assignment: decodeAssignment(p, milp, outcome.values),
    };
  };

  if (budgeted.length === 0) {
    return [
      {
        kind: 'capacity',
        message:
          'no placement fits: the sites and zones with a capacity cannot hold the instances the services need, with their replicas',
      },
    ];
  }

  const reasons: InfeasibilityReason[] = [];
  for (const i of budgeted) {
    const alone = await best(problem, i, none);
    if (alone === 'unknown') {
      reasons.push({
        kind: 'limit',
        message: `could not find the best possible latency of ${label(i)} within the solver's limit`,
      });
      continue;
    }
    if (alone === 'infeasible') {
      reasons.push({
        kind: 'capacity',
        message: `no placement fits at all: the capacity of the sites and zones cannot hold the services with their replicas`,
      });
      return reasons;
    }
    if (alone.ms <= (bounds[i] as number) + 1e-6) continue;
    const scenario = problem.scenarios[i];
    const tree = problem.trees[scenario?.request ?? 0];
    const involved = tree ? servicesOfTree(tree) : new Set<number>();
    let message = `${budgetText(i)} cannot hold: the best possible is ${fmt(alone.ms)} ms (mean-based, a lower bound of the p99) with ${describe(problem, alone.assignment, involved)}`;
    const restricted = [...involved].filter((s) => (candidates[s]?.excludedByResidency.length ?? 0) > 0);
    let kind: InfeasibilityReason['kind'] = 'budget';
    if (restricted.length > 0) {
      const free = buildPlacementProblem(estate, { ...buildOptions, ignoreResidency: true }).problem;
      const without = await best(free, i, none);
      if (typeof without === 'object' && without.ms <= (bounds[i] as number) + 1e-6) {
        kind = 'residency';
        const rules = restricted
          .map((s) => `${problem.services[s]?.id} [${estateResidency(estate, problem.services[s]?.id)}]`)
          .join(', ');
        message += `; the residency of ${rules} is what rules it out: without it the best would be ${fmt(without.ms)} ms with ${describe(free, without.assignment, involved)}`;
      }
    }
    reasons.push({ kind, message, budgets: [label(i)] });
  }
  if (reasons.length > 0) return reasons;

  // Each budget can hold alone: find a set that cannot hold together (deletion filter).
  let clash = [...budgeted];
  const only = (set: readonly number[]) =>
    bounds.map((b, i) => (set.includes(i) ? b : Number.POSITIVE_INFINITY));
  for (const i of budgeted) {
    const rest = clash.filter((j) => j !== i);
    const milp = buildMilp(problem, spec, { bounds: only(rest) });
    const outcome = await solveModel(milp.model, limits);
    if (outcome.status === 'infeasible') clash = rest;
  }
  const details: string[] = [];
  for (const i of clash) {
    const others = clash.filter((j) => j !== i);
    const withOthers = await best(problem, i, only(others));
    details.push(
      typeof withOthers === 'object'
        ? `${budgetText(i)} (with the others met, its best is ${fmt(withOthers.ms)} ms)`
        : budgetText(i),
    );
  }
  return [
    {
      kind: 'budgets',
      message: `these budgets cannot all hold at once, though each can alone: ${details.join('; ')}`,
      budgets: clash.map(label),
    },
  ];
}

/** `event-details, pricing at us-west-2-lax-1a; seat-map at usw2-az1` (the services of a request). */
function describe(problem: PlacementProblem, assignment: Assignment, involved: ReadonlySet<number>): string {
  const byPlace = new Map<string, string[]>();
  for (const s of [...involved].sort((a, b) => a - b)) {
    const service = problem.services[s];
    if (!service) continue;
    const where = (assignment[s] ?? []).map((m) => problem.table.endpoints[m]?.id).join(' + ');
    byPlace.set(where, [...(byPlace.get(where) ?? []), service.id]);
  }
  if (byPlace.size === 1) {
    const [where, ids] = [...byPlace][0] as [string, string[]];
    return `${ids.length > 1 ? 'every service' : (ids[0] as string)} at ${where}`;
  }
  return [...byPlace].map(([where, ids]) => `${ids.join(', ')} at ${where}`).join('; ');
}

function estateResidency(estate: Estate, id: string | undefined): string {
  return estate.services.find((s) => s.id === id)?.residency?.join(', ') ?? '';
}
