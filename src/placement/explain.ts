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
import { itemOrThrow } from '../errors.js';
import type { Estate } from '../model/index.js';
import type { BudgetBounds } from './budget-bounds.js';
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
  if (summary.overBudget > 0) parts.push(`${summary.overBudget} are too far for a budget on their own`);
  if (summary.outsideRadius > 0)
    parts.push(
      `${summary.outsideRadius} are farther than ${fmt(summary.radiusMs)} ms (${summary.radiusFrom})`,
    );
  return parts.length > 0 ? ` (of ${summary.considered} zones and sites: ${parts.join(', ')})` : '';
}

/** What an explanation needs: the problem, the objective, the bounds the MILP failed under, and the estate. */
export interface ExplainContext {
  readonly problem: PlacementProblem;
  readonly spec: ObjectiveSpec;
  /** The bounds on each scenario's mean-based latency under which no placement fits. */
  readonly bounds: readonly number[];
  /** Which budget each bound comes from, and for an exact bound, the gap to add to show that percentile. */
  readonly budgets: Pick<BudgetBounds, 'binding' | 'gap' | 'exact'>;
  readonly candidates: readonly CandidateSummary[];
  readonly limits: SolverLimits;
  readonly estate: Estate;
  readonly buildOptions?: BuildOptions;
}

/** The best placement for one scenario alone, under some bounds. */
type Best = { readonly ms: number; readonly assignment: Assignment } | 'infeasible' | 'unknown';

/**
 * Why the MILP is infeasible under `bounds`. The candidates are those of the problem, with the
 * places a budget rules out on its own put back: which budgets clash, and what each could reach
 * alone, needs them.
 */
export async function explainInfeasible(context: ExplainContext): Promise<InfeasibilityReason[]> {
  const ctx = await widened(context);
  const budgeted = ctx.bounds.flatMap((b, i) => (Number.isFinite(b) ? [i] : []));
  if (budgeted.length === 0)
    return [
      {
        kind: 'capacity',
        message:
          'no placement fits: the sites and zones with a capacity cannot hold the instances the services need, with their replicas',
      },
    ];
  const reasons: InfeasibilityReason[] = [];
  for (const i of budgeted) {
    const reason = await budgetAlone(ctx, i);
    if (reason) reasons.push(reason);
    if (reason?.kind === 'capacity') return reasons;
  }
  return reasons.length > 0 ? reasons : [await clashingBudgets(ctx, budgeted)];
}

/**
 * The context with the places a budget rules out on its own put back, when some were left out and
 * the problem stays infeasible with them (a p50 budget can rule out in every draw a place that the
 * mean-based bounds would allow).
 */
async function widened(context: ExplainContext): Promise<ExplainContext> {
  if (!context.candidates.some((c) => c.overBudget > 0)) return context;
  const wide = buildPlacementProblem(context.estate, { ...context.buildOptions, keepOverBudget: true });
  const milp = buildMilp(wide.problem, context.spec, { bounds: context.bounds });
  const outcome = await solveModel(milp.model, context.limits);
  if (outcome.status !== 'infeasible') return context;
  return { ...context, problem: wide.problem, candidates: wide.candidates };
}

/** The least mean-based latency of scenario i over the placements that meet `bounds`. */
async function bestFor(
  ctx: ExplainContext,
  problem: PlacementProblem,
  i: number,
  bounds: readonly number[],
): Promise<Best> {
  const milp = buildMilp(problem, ctx.spec, { bounds, minimiseScenario: i });
  const outcome = await solveModel(milp.model, ctx.limits);
  if (outcome.status === 'infeasible') return 'infeasible';
  if (!outcome.values || outcome.status !== 'optimal') return 'unknown';
  return {
    ms: outcome.values[itemOrThrow(milp.scenario, i, 'scenario column')] as number,
    assignment: decodeAssignment(problem, milp, outcome.values),
  };
}

/** `event-page from metro:phoenix` */
function label(ctx: ExplainContext, i: number): string {
  const s = ctx.problem.scenarios[i];
  return `${s?.requestId} from ${s?.metroId}`;
}

/** `budget event-page p99 <= 100 ms for metro:phoenix`: the budget the bound comes from. */
function budgetText(ctx: ExplainContext, i: number): string {
  const s = ctx.problem.scenarios[i];
  if (!s) return '';
  const bound = ctx.bounds[i] ?? Number.POSITIVE_INFINITY;
  const binding = ctx.budgets.exact[i]
    ? (ctx.budgets.binding[i] ?? 'p99')
    : s.p99BudgetMs !== null && s.p99BudgetMs <= bound + 1e-9
      ? 'p99'
      : 'p50';
  return `budget ${s.requestId} ${binding} <= ${binding === 'p99' ? s.p99BudgetMs : s.p50BudgetMs} ms for ${s.metroId}`;
}

/**
 * A scenario's figure for a mean-based latency: with an exact bound, the percentile the budget
 * holds (the mean-based latency plus its gap, the same wherever the services run); else the
 * mean-based latency, a lower bound of the p99.
 */
function figure(ctx: ExplainContext, i: number, ms: number): string {
  if (!ctx.budgets.exact[i])
    return ctx.problem.scenarios[i]?.p99BudgetMs === null
      ? `${fmt(ms)} ms (mean-based)`
      : `${fmt(ms)} ms (mean-based, a lower bound of the p99)`;
  const binding = ctx.budgets.binding[i] ?? 'p99';
  return `${fmt(ms + (ctx.budgets.gap[i] ?? 0))} ms (its ${binding}: the mean-based ${fmt(ms)} ms plus what compute adds, the same wherever the services run)`;
}

/** When a budget cannot hold even alone: its best possible figure, where, and what residency costs. */
async function budgetAlone(ctx: ExplainContext, i: number): Promise<InfeasibilityReason | undefined> {
  const { problem, estate } = ctx;
  const none = ctx.bounds.map(() => Number.POSITIVE_INFINITY);
  const alone = await bestFor(ctx, problem, i, none);
  if (alone === 'unknown')
    return {
      kind: 'limit',
      message: `could not find the best possible latency of ${label(ctx, i)} within the solver's limit`,
    };
  if (alone === 'infeasible')
    return {
      kind: 'capacity',
      message: `no placement fits at all: the capacity of the sites and zones cannot hold the services with their replicas`,
    };
  const bound = itemOrThrow(ctx.bounds, i, 'bound');
  if (alone.ms <= bound + 1e-6) return undefined;
  const scenario = itemOrThrow(problem.scenarios, i, 'scenario');
  const involved = servicesOfTree(itemOrThrow(problem.trees, scenario.request, 'call tree'));
  let message = `${budgetText(ctx, i)} cannot hold: the best possible is ${figure(ctx, i, alone.ms)} with ${describe(problem, alone.assignment, involved)}`;
  const restricted = [...involved].filter((s) => (ctx.candidates[s]?.excludedByResidency.length ?? 0) > 0);
  if (restricted.length > 0) {
    const free = buildPlacementProblem(estate, {
      ...ctx.buildOptions,
      keepOverBudget: true,
      ignoreResidency: true,
    }).problem;
    const without = await bestFor(ctx, free, i, none);
    if (typeof without === 'object' && without.ms <= bound + 1e-6) {
      const rules = restricted
        .map((s) => `${problem.services[s]?.id} [${estateResidency(estate, problem.services[s]?.id)}]`)
        .join(', ');
      message += `; the residency of ${rules} is what rules it out: without it the best would be ${fmt(without.ms + (ctx.budgets.exact[i] ? (ctx.budgets.gap[i] ?? 0) : 0))} ms with ${describe(free, without.assignment, involved)}`;
      return { kind: 'residency', message, budgets: [label(ctx, i)] };
    }
  }
  return { kind: 'budget', message, budgets: [label(ctx, i)] };
}

/** Each budget can hold alone: a set that cannot hold together (deletion filter), each with its best. */
async function clashingBudgets(
  ctx: ExplainContext,
  budgeted: readonly number[],
): Promise<InfeasibilityReason> {
  const only = (set: readonly number[]) =>
    ctx.bounds.map((b, i) => (set.includes(i) ? b : Number.POSITIVE_INFINITY));
  let clash = [...budgeted];
  for (const i of budgeted) {
    const rest = clash.filter((j) => j !== i);
    const milp = buildMilp(ctx.problem, ctx.spec, { bounds: only(rest) });
    const outcome = await solveModel(milp.model, ctx.limits);
    if (outcome.status === 'infeasible') clash = rest;
  }
  const details: string[] = [];
  for (const i of clash) {
    const withOthers = await bestFor(ctx, ctx.problem, i, only(clash.filter((j) => j !== i)));
    const best =
      typeof withOthers === 'object'
        ? withOthers.ms + (ctx.budgets.exact[i] ? (ctx.budgets.gap[i] ?? 0) : 0)
        : undefined;
    details.push(
      best !== undefined
        ? `${budgetText(ctx, i)} (with the others met, its best is ${fmt(best)} ms)`
        : budgetText(ctx, i),
    );
  }
  return {
    kind: 'budgets',
    message: `these budgets cannot all hold at once, though each can alone: ${details.join('; ')}`,
    budgets: clash.map((i) => label(ctx, i)),
  };
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
