/**
 * Property: what `placeServices` claims is true of the problem as the user stated it. On 500 small
 * generated estates by default, about 7 s (`PLACE_PROPERTY_RUNS=3000` for more: it passes, in about
 * 40 s; `PLACE_PROPERTY_SEED` for
 * another seed): 2 to 4 services whose residency leaves each 3 to 6 places, sites and zones with
 * capacities, services no request reaches, replicas and every routing policy, caches, parallel
 * groups and fan-outs, lognormal compute, p99 and p50 budgets near what placements can reach, the
 * default pruning and a tighter cap on candidates. Brute force finds the truth: every placement the
 * rules allow, in order of objective, until the first the evaluator accepts. Then:
 *
 * - a placement `place` proposes as feasible is one, and no better than the truth;
 * - "proven optimal" is the truth's objective; "optimal among the candidates considered" is the
 *   best over those candidates, and says what was left out;
 * - "no placement meets the rules", when claimed over every placement, is true.
 *
 * RTTs are synthetic (seeded, with AZs of a region close together, a few breaking the triangle
 * inequality), so that a problem costs no physics. Brute force takes the mean-based latency as a
 * lower bound of the p99 (the model's one premise) to skip placements, and the test checks that
 * premise on every placement it evaluates. Most of the time goes to HiGHS, a few milliseconds a
 * solve even for these small models.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluateRequests, type RequestEvaluation, type RttProvider } from '../app/index.js';
import { catalogPlace, getMetro, type Metro, type Place } from '../catalog/index.js';
import {
  type AppRequest,
  type CallStep,
  EMPTY_ESTATE,
  type Estate,
  type LatencyBudget,
  type Service,
  type ServiceCall,
  type Site,
  type UserPopulation,
} from '../model/index.js';
import { type Assessment, assessPlacement, todayAssignment } from './assess.js';
import { buildPlacementProblem } from './build.js';
import type { ObjectiveKind, ObjectiveSpec } from './objective.js';
import { derive } from './outcome.js';
import { placeServices } from './place.js';
import { type Assignment, type PlacementProblem, scenariosOf } from './problem.js';
import type { PlacementResult } from './result.js';
import { serviceOptions } from './search.js';

const RUNS = Number(process.env.PLACE_PROPERTY_RUNS ?? 500);
const SEED = Number(process.env.PLACE_PROPERTY_SEED ?? 20_260_517);
const SAMPLES = 300;
const EVALUATOR_SEED = 7;

/** Countries whose zones make small candidate sets: AZs of one region, Local Zones of several parents. */
const UNIVERSES: readonly (readonly string[])[] = [
  ['ZA'], // afs1-az1..3
  ['SE', 'FI'], // eun1-az1..3, eu-north-1-hel-1a
  ['NZ'], // apse6-az1..3, ap-southeast-2-akl-1a (another parent)
  ['PL', 'DK', 'FI'], // three Local Zones, two parents
  ['TW'], // ape2-az1..3, ap-northeast-1-tpe-1a
  ['BR'], // sae1-az1..3
];
const ZONES_OF = new Map(
  UNIVERSES.map((countries) => [
    countries.join(','),
    [
      ...['afs1', 'eun1', 'apse6', 'ape2', 'sae1'].flatMap((r) => [1, 2, 3].map((n) => `${r}-az${n}`)),
      'eu-north-1-hel-1a',
      'ap-southeast-2-akl-1a',
      'ap-northeast-1-tpe-1a',
      'eu-central-1-waw-1a',
      'eu-north-1-cph-1a',
    ]
      .map((id) => catalogPlace(id) as Place)
      .filter((p) => countries.includes(p.country ?? '')),
  ]),
);
const METROS: readonly Metro[] = ['metro:phoenix', 'metro:london', 'metro:tokyo', 'metro:sao-paulo'].map(
  (id) => getMetro(id) as Metro,
);

// ---------------------------------------------------------------------------------------------
// The generated problem, as plain data fast-check can shrink.

interface ServiceSpec {
  readonly today: number;
  readonly instances: number;
  readonly pinned: boolean;
  /** 0-3 one place; 4 one or two; 5 two; 6 two across regions; 7 two with a primary; 8 two spread. */
  readonly shape: number;
  readonly p50: number;
  /** p99 / p50 of its compute. */
  readonly tail: number;
}

interface CallSpec {
  readonly from: number;
  readonly to: number;
  /** 0 call, 1 cached (60 %), 2 fan-out of 3, 3 two round trips, 4 parallel with the next call. */
  readonly kind: number;
}

interface ProblemSpec {
  readonly universe: number;
  readonly sites: readonly { readonly capacity: number | null; readonly price: number }[];
  readonly zoneCapacity: readonly (number | null)[];
  readonly services: readonly ServiceSpec[];
  readonly calls: readonly CallSpec[];
  readonly requests: readonly { readonly entry: number; readonly metros: readonly number[] }[];
  /** Per request: p99 and p50 budgets as a quantile of what placements reach (null for none). */
  readonly budgets: readonly { readonly p99: number | null; readonly p50: number | null }[];
  readonly objective: ObjectiveKind;
  readonly maxCandidates: number | null;
  readonly rttSeed: number;
}

const serviceSpec = fc.record({
  today: fc.nat(5),
  instances: fc.integer({ min: 1, max: 4 }),
  pinned: fc.nat(3).map((v) => v === 3),
  shape: fc.nat(8),
  p50: fc.integer({ min: 1, max: 6 }),
  tail: fc.integer({ min: 1, max: 8 }),
});

const problemSpec: fc.Arbitrary<ProblemSpec> = fc.integer({ min: 2, max: 4 }).chain((n) =>
  fc.record({
    universe: fc.nat(UNIVERSES.length - 1),
    sites: fc.array(
      fc.record({
        capacity: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
        price: fc.constantFrom(0.1, 0.3),
      }),
      { maxLength: 2 },
    ),
    zoneCapacity: fc.array(fc.option(fc.integer({ min: 0, max: 8 }), { nil: null, freq: 3 }), {
      minLength: 4,
      maxLength: 4,
    }),
    services: fc.array(serviceSpec, { minLength: n, maxLength: n }),
    calls: fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1), kind: fc.nat(4) }), { maxLength: 5 }),
    requests: fc.array(
      fc.record({
        entry: fc.nat(n - 1),
        metros: fc.uniqueArray(fc.nat(METROS.length - 1), { minLength: 1, maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 2 },
    ),
    budgets: fc.array(
      fc.record({
        p99: fc.option(
          fc.integer({ min: 0, max: 20 }).map((q) => q / 20),
          { nil: null, freq: 2 },
        ),
        p50: fc.option(
          fc.integer({ min: 0, max: 20 }).map((q) => q / 20),
          { nil: null, freq: 4 },
        ),
      }),
      { minLength: 2, maxLength: 2 },
    ),
    objective: fc.constantFrom<ObjectiveKind>('latency', 'latency', 'cost', 'blend'),
    maxCandidates: fc.option(fc.integer({ min: 1, max: 3 }), { nil: null, freq: 4 }),
    rttSeed: fc.nat(1_000_000),
  }),
);

// ---------------------------------------------------------------------------------------------
// From the spec to an estate, and its RTTs.

/** A uniform number in [0, 1) from a string (FNV-1a). */
function hash01(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) / 2 ** 32;
}

/**
 * Synthetic RTTs: each endpoint at a seeded point of a 60 ms square (the AZs of a region within 2 ms
 * of the region's point), RTT the distance with a seeded 15 % jitter per pair, 0.25 ms at one place.
 */
function syntheticRtt(seed: number): RttProvider {
  const point = (p: Place): [number, number] => {
    const anchor = p.kind === 'az' ? (p.region ?? p.id) : p.id;
    const x = 60 * hash01(`${seed}|x|${anchor}`);
    const y = 60 * hash01(`${seed}|y|${anchor}`);
    if (p.kind !== 'az') return [x, y];
    return [x + 2 * hash01(`${seed}|dx|${p.id}`), y + 2 * hash01(`${seed}|dy|${p.id}`)];
  };
  // The same endpoints come back for each problem built from one estate: compute them once.
  let last: { key: string; rttMs: Float64Array } | undefined;
  return (endpoints) => {
    const key = endpoints.map((e) => e.id).join(',');
    if (last?.key === key) return last.rttMs;
    const k = endpoints.length;
    const xs = new Float64Array(k);
    const ys = new Float64Array(k);
    const codes = new Int32Array(k);
    endpoints.forEach((e, i) => {
      [xs[i], ys[i]] = point(e.place);
      codes[i] = Math.floor(hash01(`${seed}|j|${e.id}`) * 2 ** 31);
    });
    const out = new Float64Array(k * k);
    for (let i = 0; i < k; i++)
      for (let j = 0; j < k; j++) {
        if (i === j) {
          out[i * k + j] = 0.25;
          continue;
        }
        const dx = (xs[i] as number) - (xs[j] as number);
        const dy = (ys[i] as number) - (ys[j] as number);
        // A symmetric mix of the two endpoints' codes: the pair's jitter.
        const mixed = Math.imul((codes[i] as number) ^ (codes[j] as number), 0x9e3779b1) >>> 0;
        out[i * k + j] = Math.max(0.3, Math.sqrt(dx * dx + dy * dy) * (0.85 + (0.3 * mixed) / 2 ** 32));
      }
    last = { key, rttMs: out };
    return out;
  };
}

const call = (service: string, path: (string | number)[], extra: Partial<ServiceCall> = {}): ServiceCall => ({
  kind: 'call',
  service,
  fanOut: 1,
  roundTrips: 1,
  payloadBytes: 0,
  cacheHitRatio: 0,
  cacheHitMs: 0,
  path,
  ...extra,
});

/** The estate of a spec, without budgets: they come from what its placements reach. */
function estateOf(spec: ProblemSpec): Estate {
  const countries = UNIVERSES[spec.universe] as readonly string[];
  const zones = ZONES_OF.get(countries.join(',')) as Place[];
  const sites: Site[] = spec.sites.map((s, i) => ({
    id: `dc${i}`,
    kind: 'site',
    name: `dc${i}`,
    lat: 0,
    lon: 0,
    country: countries[0] as string,
    siteKind: 'datacenter',
    internet: true,
    ...(s.capacity !== null ? { capacity: { instances: s.capacity } } : {}),
  }));
  const places: Place[] = [...zones, ...sites];
  const ids = spec.services.map((_, i) => `s${i}`);
  // Today's places: within each site's and zone's capacity, so that today is a valid start.
  const capacityOf = new Map<string, number>();
  sites.forEach((s) => {
    if (s.capacity) capacityOf.set(s.id, s.capacity.instances);
  });
  zones.forEach((z, i) => {
    const c = spec.zoneCapacity[i];
    if (c !== null && c !== undefined) capacityOf.set(z.id, c);
  });
  const used = new Map<string, number>();
  const services: Service[] = spec.services.map((s, i) => {
    const id = ids[i] as string;
    const two = s.shape >= 5 && !s.pinned;
    const fits = (p: Place, n: number) =>
      (used.get(p.id) ?? 0) + n <= (capacityOf.get(p.id) ?? Number.POSITIVE_INFINITY);
    const order = places.map((_, k) => places[(s.today + k) % places.length] as Place);
    const first = order.find((p) => fits(p, s.instances)) ?? (zones[s.today % zones.length] as Place);
    const chosen = [first];
    if (two) {
      const second = order.find(
        (p) =>
          p.id !== first.id &&
          fits(p, s.instances) &&
          (s.shape !== 6 || p.kind === 'site' || p.region !== first.region),
      );
      if (second) chosen.push(second);
    }
    for (const p of chosen) {
      used.set(p.id, (used.get(p.id) ?? 0) + s.instances);
      // Keep today valid: raise a capacity that a fallback place would break.
      if ((used.get(p.id) ?? 0) > (capacityOf.get(p.id) ?? Number.POSITIVE_INFINITY))
        capacityOf.set(p.id, used.get(p.id) as number);
    }
    const calls: CallStep[] = [];
    const mine = spec.calls.filter((c) => c.from === i && c.to > i);
    mine.forEach((c, k) => {
      const path = ['services', id, 'calls', k];
      const target = ids[c.to] as string;
      if (c.kind === 1) calls.push(call(target, path, { cacheHitRatio: 0.6, cacheHitMs: 0.5 }));
      else if (c.kind === 2) calls.push(call(target, path, { fanOut: 3 }));
      else if (c.kind === 3) calls.push(call(target, path, { roundTrips: 2 }));
      else if (c.kind === 4 && k + 1 < mine.length) {
        const next = mine[k + 1] as CallSpec;
        calls.push({
          kind: 'parallel',
          steps: [call(target, path), call(ids[next.to] as string, path)],
          path,
        });
      } else calls.push(call(target, path));
    });
    const shape = s.pinned ? 0 : s.shape;
    return {
      id,
      name: id,
      placements: chosen.map((place, k) => ({
        place,
        instances: s.instances,
        path: ['services', id, 'at', k],
      })),
      computeMs: { p50Ms: s.p50, p99Ms: s.p50 * s.tail },
      pinned: s.pinned,
      needs: {},
      residency: countries,
      routing: shape === 7 ? 'primary' : shape === 8 ? 'spread' : 'nearest',
      calls,
      replicas:
        shape === 4
          ? { min: 1, max: 2, across: 'zones' }
          : shape >= 5
            ? { min: chosen.length, max: chosen.length, across: shape === 6 ? 'regions' : 'zones' }
            : { min: 1, max: 1, across: 'zones' },
      path: ['services', id],
    };
  });
  const requests: AppRequest[] = spec.requests.map((r, k) => {
    const metros = r.metros.map((m) => METROS[m] as Metro);
    const users: UserPopulation[] = metros.map((metro, w) => ({
      metro,
      name: metro.name,
      weight: w + 1,
      share: (w + 1) / ((metros.length * (metros.length + 1)) / 2),
    }));
    return {
      id: `r${k}`,
      name: `r${k}`,
      entry: call(ids[r.entry] as string, ['requests', `r${k}`]),
      users,
      path: ['requests', `r${k}`],
    };
  });
  const zoneCapacity = new Map([...capacityOf].filter(([id]) => zones.some((z) => z.id === id)));
  for (const site of sites)
    if (site.capacity && (capacityOf.get(site.id) ?? 0) > site.capacity.instances)
      Object.assign(site, { capacity: { instances: capacityOf.get(site.id) } });
  return {
    ...EMPTY_ESTATE,
    name: 'generated',
    sites,
    services,
    requests,
    placement: {
      instanceHourUsd: new Map(spec.sites.map((s, i) => [`dc${i}`, s.price])),
      zoneCapacity,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Brute force: every placement, in order of objective, until the evaluator accepts one.

interface Enumerated {
  readonly assignment: Assignment;
  readonly assessment: Assessment;
}

/** Every placement of the problem that breaks no rule but the budgets, best objective first. */
function enumerate(problem: PlacementProblem, spec: ObjectiveSpec): Enumerated[] {
  const options = problem.services.map(serviceOptions);
  const out: Enumerated[] = [];
  const current: number[][] = options.map((o) => o[0] ?? []);
  const visit = (s: number) => {
    if (s === options.length) {
      const assignment = current.map((a) => [...a]);
      const assessment = assessPlacement(problem, assignment, spec);
      if (assessment.violations.length === 0) out.push({ assignment, assessment });
      return;
    }
    for (const option of options[s] as number[][]) {
      current[s] = option;
      visit(s + 1);
    }
  };
  visit(0);
  return out.sort((a, b) => a.assessment.objective - b.assessment.objective);
}

function specOf(problem: PlacementProblem, kind: ObjectiveKind): ObjectiveSpec {
  const today = assessPlacement(problem, todayAssignment(problem), {
    kind: 'latency',
    costWeight: 0,
    latencyScaleMs: 1,
    costScaleUsd: 1,
  });
  return { kind, costWeight: 0.5, latencyScaleMs: today.latencyMs, costScaleUsd: today.costUsd };
}

const EVALUATE = { samples: SAMPLES, seed: EVALUATOR_SEED };

interface Truth {
  /** The best placement the evaluator accepts; undefined when none. */
  readonly best?: Enumerated;
  readonly evaluated: number;
}

/**
 * The best placement whose every budget holds by the evaluator. A placement whose mean-based latency
 * is over a p99 budget is skipped (the premise); the premise is checked on every one evaluated.
 */
function bruteForceTruth(
  estate: Estate,
  problem: PlacementProblem,
  placements: readonly Enumerated[],
): Truth {
  let evaluated = 0;
  for (const p of placements) {
    const over = problem.scenarios.some(
      (s, i) => s.p99BudgetMs !== null && (p.assessment.scenarioMs[i] as number) > s.p99BudgetMs + 1e-6,
    );
    if (over) continue;
    evaluated++;
    const evaluation = evaluateRequests(derive(estate, problem, p.assignment), {
      ...EVALUATE,
      table: problem.table,
    });
    checkPremise(problem, p.assessment, evaluation);
    if (evaluation.requests.every((r) => r.ok)) return { best: p, evaluated };
  }
  return { evaluated };
}

/** The mean-based latency is at most the evaluator's p99: what lets the MILP bound it by a p99 budget. */
function checkPremise(problem: PlacementProblem, assessment: Assessment, evaluation: RequestEvaluation) {
  problem.scenarios.forEach((s, i) => {
    const row = evaluation.requests.find((r) => r.request === s.requestId && r.metro === s.metroId);
    expect(assessment.scenarioMs[i]).toBeLessThanOrEqual((row?.p99Ms ?? 0) + 1e-6);
  });
}

/** The budgets of a spec: for each request, a quantile of what placements reach, plus today's tail. */
function budgetsOf(
  spec: ProblemSpec,
  estate: Estate,
  problem: PlacementProblem,
  placements: readonly Enumerated[],
): LatencyBudget[] {
  const today = evaluateRequests(estate, { ...EVALUATE, table: problem.table });
  const todayModel = assessPlacement(problem, todayAssignment(problem), specOf(problem, 'latency'));
  const budgets: LatencyBudget[] = [];
  estate.requests.forEach((request, r) => {
    const quantiles = spec.budgets[r];
    if (!quantiles) return;
    const scenarios = problem.scenarios.flatMap((s, i) => (s.request === r ? [i] : []));
    const worst = (values: (p: Enumerated) => number, q: number) => {
      const sorted = placements.map(values).sort((a, b) => a - b);
      return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
    };
    const tail = (key: 'p99Ms' | 'p50Ms') =>
      Math.max(
        0,
        ...scenarios.map((i) => {
          const s = problem.scenarios[i];
          const row = today.requests.find((x) => x.request === s?.requestId && x.metro === s?.metroId);
          return (row?.[key] ?? 0) - (todayModel.scenarioMs[i] ?? 0);
        }),
      );
    const at = (q: number, key: 'p99Ms' | 'p50Ms') =>
      Math.round(
        (worst((p) => Math.max(...scenarios.map((i) => p.assessment.scenarioMs[i] ?? 0)), q) + tail(key)) *
          10,
      ) / 10;
    if (placements.length === 0) return;
    budgets.push({
      request: request.id,
      ...(quantiles.p99 !== null ? { p99Ms: at(quantiles.p99, 'p99Ms') } : {}),
      ...(quantiles.p50 !== null ? { p50Ms: at(quantiles.p50, 'p50Ms') } : {}),
      path: ['budgets', r],
    });
  });
  return budgets.filter((b) => b.p99Ms !== undefined || b.p50Ms !== undefined);
}

/** The placement a result proposes, as location indices of the problem. */
function proposedAssignment(result: PlacementResult, problem: PlacementProblem): number[][] {
  return result.services.map((s) => s.proposed.map((p) => problem.table.indexOf.get(p.place) as number));
}

/** The problem with each service's candidates those the result kept. */
function restricted(problem: PlacementProblem, result: PlacementResult): PlacementProblem {
  return {
    ...problem,
    services: problem.services.map((s, i) => {
      const kept = new Set(result.candidates[i]?.kept.map((id) => problem.table.indexOf.get(id)));
      return { ...s, candidates: s.candidates.filter((m) => kept.has(m)) };
    }),
  };
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

/** What the result claims. */
function claimsOf(result: PlacementResult) {
  const o = result.objective as PlacementResult['objective'] & { scope?: 'all' | 'candidates' };
  const scope = o.scope ?? 'all';
  return {
    scope,
    optimal: result.feasible && o.status === 'optimal',
    infeasible:
      !result.feasible &&
      (o.scope === undefined ? result.infeasible.some((r) => r.kind !== 'limit') : o.status === 'infeasible'),
  };
}

const stats = {
  runs: 0,
  feasible: 0,
  optimalAll: 0,
  optimalCandidates: 0,
  infeasible: 0,
  unreached: 0,
  pruned: 0,
  rechecked: 0,
  capacity: 0,
};

async function check(spec: ProblemSpec): Promise<PlacementResult> {
  const rtt = syntheticRtt(spec.rttSeed);
  const bare = estateOf(spec);
  const full0 = buildPlacementProblem(bare, { rtt, allCandidates: true }).problem;
  const size = full0.services.reduce((n, s) => n * serviceOptions(s).length, 1);
  fc.pre(size <= 1500);
  const objective = specOf(full0, spec.objective);
  // Budgets change no rule but the budgets: the same placements, in the same order.
  const placements = enumerate(full0, objective);
  const estate = { ...bare, budgets: budgetsOf(spec, bare, full0, placements) };
  // The budgets change the scenarios alone.
  const full: PlacementProblem = { ...full0, scenarios: scenariosOf(estate, full0.table) };
  const truth = bruteForceTruth(estate, full, placements);
  const result = await placeServices(estate, {
    rtt,
    ...EVALUATE,
    objective: spec.objective,
    timings: false,
    explain: false,
    ...(spec.maxCandidates !== null ? { maxCandidates: spec.maxCandidates } : {}),
  });
  const claims = claimsOf(result);
  stats.runs++;
  const reached = new Set(full.trees.flatMap((t) => t.nodes.map((n) => n.service)));
  if (full.services.some((s) => !s.pinned && !reached.has(s.index))) stats.unreached++;
  if (
    result.candidates.some((c, i) => !c.pinned && c.kept.length < (full.services[i]?.candidates.length ?? 0))
  )
    stats.pruned++;
  if (result.rechecks.length > 0) stats.rechecked++;
  if (estate.placement?.zoneCapacity.size || estate.sites.some((s) => s.capacity)) stats.capacity++;
  const label = JSON.stringify({
    claims,
    status: result.objective.status,
    infeasible: result.infeasible,
    notes: result.notes,
    rechecks: result.rechecks,
  });

  if (result.feasible) {
    stats.feasible++;
    const proposed = assessPlacement(full, proposedAssignment(result, full), objective);
    expect(proposed.violations, label).toEqual([]);
    expect(truth.best, `the evaluator accepts a placement brute force does not find: ${label}`).toBeDefined();
    const best = truth.best?.assessment.objective as number;
    expect(proposed.objective, label).toBeGreaterThanOrEqual(best - 1e-6 * Math.max(1, Math.abs(best)));
    if (claims.optimal && claims.scope === 'all') {
      stats.optimalAll++;
      expect(
        close(proposed.objective, best),
        `proven optimal at ${proposed.objective}, the truth is ${best}: ${label}`,
      ).toBe(true);
    }
    expect(result.objective.leftOut.length === 0, label).toBe(result.objective.scope === 'all');
    if (claims.optimal && claims.scope === 'candidates') {
      stats.optimalCandidates++;
      const among = bruteForceTruth(estate, full, enumerate(restricted(full, result), objective)).best;
      expect(among, label).toBeDefined();
      expect(close(proposed.objective, among?.assessment.objective as number), label).toBe(true);
    }
  } else if (claims.infeasible) {
    stats.infeasible++;
    if (claims.scope === 'all')
      expect(
        truth.best,
        `declared impossible, but brute force finds ${JSON.stringify(truth.best?.assignment)}: ${label}`,
      ).toBeUndefined();
  }
  return result;
}

describe('the p99 re-check (issue 17 item 7)', () => {
  it('does not declare the budgets impossible when a placement meets them', async () => {
    // s0 runs in two regions and calls s1 through a cache (60 % hits): the gap between the p99 and
    // the mean-based latency depends on where they run. The placement with the least mean-based
    // latency breaks the Phoenix p99 budget (124.2 ms > 120.1 ms); tightening its bound by that
    // placement's gap (to 51.7 ms) left none, and the budget was declared impossible. s0 in the
    // data center and sae1-az1, s1 at sae1-az2, meets it: the proven optimum.
    const spec: ProblemSpec = {
      universe: 5,
      sites: [{ capacity: 8, price: 0.1 }],
      zoneCapacity: [8, 2, 6, 5],
      services: [
        { today: 5, instances: 4, pinned: false, shape: 6, p50: 6, tail: 7 },
        { today: 3, instances: 2, pinned: false, shape: 2, p50: 2, tail: 1 },
      ],
      calls: [
        { from: 0, to: 1, kind: 1 },
        { from: 0, to: 0, kind: 3 },
      ],
      requests: [{ entry: 0, metros: [1, 2, 0] }],
      budgets: [
        { p99: 0.1, p50: 0.05 },
        { p99: null, p50: 0.15 },
      ],
      objective: 'latency',
      maxCandidates: 3,
      rttSeed: 565720,
    };
    const result = await check(spec);
    console.log(
      JSON.stringify(
        result.services.map((x) => [x.service, x.proposed]),
        null,
        0,
      ),
      result.objective.status,
      result.objective.scope,
      JSON.stringify(result.rechecks),
    );
    expect(result.feasible).toBe(true);
  });
});

describe("the proof's cut on the objective", () => {
  it('is solved again without presolve when HiGHS fails on it', async () => {
    // Found by this property test (seed 2): HiGHS's presolve fails (status -1) on the model with a
    // row parallel to the objective; without presolve it says infeasible, which proves the optimum.
    const spec: ProblemSpec = {
      universe: 1,
      sites: [],
      zoneCapacity: [3, null, null, null],
      services: [
        { today: 4, instances: 3, pinned: false, shape: 2, p50: 2, tail: 2 },
        { today: 5, instances: 1, pinned: false, shape: 8, p50: 3, tail: 1 },
        { today: 2, instances: 3, pinned: false, shape: 7, p50: 5, tail: 6 },
      ],
      calls: [
        { from: 1, to: 2, kind: 4 },
        { from: 0, to: 2, kind: 2 },
        { from: 1, to: 1, kind: 2 },
        { from: 2, to: 2, kind: 1 },
      ],
      requests: [
        { entry: 1, metros: [3] },
        { entry: 0, metros: [2, 0] },
      ],
      budgets: [
        { p99: 0.35, p50: null },
        { p99: null, p50: null },
      ],
      objective: 'latency',
      maxCandidates: null,
      rttSeed: 999988,
    };
    const result = await check(spec);
    expect(result.objective.status).toBe('optimal');
  });
});

describe.runIf(process.env.PLACE_SURVEY)('survey', () => {
  it('collects failures', { timeout: 3_600_000 }, async () => {
    const failures = new Map<string, { count: number; spec: string }>();
    const specs = fc.sample(problemSpec, { seed: SEED, numRuns: RUNS });
    for (const spec of specs) {
      try {
        await check(spec);
      } catch (error) {
        const text = String((error as Error).message ?? error);
        const key = text
          .replace(/\{.*$/s, '')
          .replace(/[0-9.]+/g, '#')
          .slice(0, 120);
        const f = failures.get(key) ?? { count: 0, spec: '' };
        if (!f.spec || JSON.stringify(spec).length < f.spec.length)
          f.spec = `${JSON.stringify(spec)} :: ${text.slice(0, 1500)}`;
        f.count++;
        failures.set(key, f);
      }
    }
    for (const [key, f] of failures) console.log(`${f.count} x ${key}\n   ${f.spec}\n`);
    console.log(JSON.stringify(stats));
  });
});

describe.skipIf(process.env.PLACE_SURVEY)('placeServices against brute force', () => {
  it(`holds to what it claims on ${RUNS} small problems`, { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(problemSpec, async (spec) => {
        await check(spec);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    console.log(`place vs brute force: ${JSON.stringify(stats)}`);
    // The problems exercise what they are meant to.
    for (const key of [
      'optimalAll',
      'optimalCandidates',
      'infeasible',
      'unreached',
      'pruned',
      'rechecked',
      'capacity',
    ] as const)
      expect(stats[key], key).toBeGreaterThan(RUNS / 50);
  });
});
