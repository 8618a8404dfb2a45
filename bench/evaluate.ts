/**
 * Benchmark: request-latency evaluations per second on a 100-service estate. The estate is generated
 * (deterministically): 10 user-facing services, 30 mid-tier services, 40 back ends and 20 data stores
 * across us-west-2, us-east-1, three Local Zones and two data centers; each front service is the
 * entry of a request made from 5 metros; calls run in series and in parallel groups, with fan-outs
 * and cache hit ratios. One evaluation is one request from one metro: its latency distribution from
 * the default number of draws, its p50/p99 and its critical path.
 *
 * Printed: the time to resolve the estate and build the RTT table, to compile the plans, and to draw
 * them; evaluations/s and draws/s. The sampler's draws per CPU second are printed for its interpreter
 * and its generated loop side by side (sample-codegen.ts): CPU time, not wall time, since the
 * machine may be shared, and medians of runs taken by turns. There is no peer: no other tool
 * computes this distribution.
 *
 *   npm run bench:evaluate
 */
import { xoroshiro128plus } from 'pure-rand/generator/xoroshiro128plus';
import {
  compileRequest,
  DEFAULT_SAMPLES,
  endpointTable,
  evaluateRequests,
  type Plan,
  Sampler,
  streamSeed,
} from '../src/app/index.js';
import { NODE_CHOICE, NODE_FANOUT } from '../src/app/plan.js';
import { interpretedSampler } from '../src/app/sample.js';
import { parseEstate } from '../src/model/index.js';
import { cpuNowMs, median } from './measure.js';

const rng = xoroshiro128plus(2024);
const uniform = () => ((rng.next() >>> 0) + 0.5) / 2 ** 32;
const pick = <T>(list: readonly T[]): T => list[Math.floor(uniform() * list.length)] as T;
const between = (lo: number, hi: number) => lo + Math.floor(uniform() * (hi - lo + 1));

const ZONES = [
  'usw2-az1',
  'usw2-az2',
  'usw2-az3',
  'use1-az1',
  'use1-az2',
  'us-west-2-lax-1a',
  'us-west-2-las-1a',
  'us-west-2-phx-2a',
];
const METROS = ['metro:phoenix', 'metro:los-angeles', 'metro:las-vegas', 'metro:new-york', 'metro:chicago'];
const tiers = { front: 10, mid: 30, back: 40, data: 20 } as const;
const ids = Object.fromEntries(
  Object.entries(tiers).map(([tier, n]) => [tier, Array.from({ length: n }, (_, i) => `${tier}-${i}`)]),
) as Record<keyof typeof tiers, string[]>;

function compute(): string {
  const p50 = between(1, 10);
  return `{ p50: ${p50}, p99: ${p50 * between(2, 5)} }`;
}

function placement(tier: keyof typeof tiers): string {
  if (tier === 'data' && uniform() < 0.4)
    return `[{ place: ${pick(['phx-dc', 'iad-dc'])}, instances: ${between(2, 8)} }]`;
  const first = pick(ZONES);
  const second = pick(ZONES.filter((z) => z !== first));
  return uniform() < 0.5
    ? `[${first}]`
    : `[{ place: ${first}, instances: ${between(1, 6)} }, { place: ${second}, instances: ${between(1, 6)} }]`;
}

function call(target: string): string {
  const options: string[] = [];
  if (uniform() < 0.15) options.push(`fanOut: ${between(2, 6)}`);
  if (uniform() < 0.2) options.push(`cacheHitRatio: ${between(3, 9) / 10}`);
  if (uniform() < 0.3) options.push(`payloadBytes: ${between(1, 200) * 1000}`);
  return options.length ? `{ call: ${target}, ${options.join(', ')} }` : target;
}

function calls(next: readonly string[], count: number): string {
  const steps: string[] = [];
  for (let i = 0; i < count; i++) {
    if (uniform() < 0.35)
      steps.push(
        `{ parallel: [${Array.from({ length: between(2, 3) }, () => call(pick(next))).join(', ')}] }`,
      );
    else steps.push(call(pick(next)));
  }
  return `[${steps.join(', ')}]`;
}

const lines = [
  'name: bench-100-services',
  'sites:',
  '  phx-dc: { kind: datacenter, metro: metro:phoenix }',
  '  iad-dc: { kind: datacenter, location: [39.0438, -77.4874] }',
  'links:',
  '  wan: { kind: wan, between: [phx-dc, iad-dc] }',
  '  dx-phx: { kind: direct-connect, between: [phx-dc, dx:ECPH1] }',
  '  dx-pdx: { kind: direct-connect, between: [phx-dc, dx:ECPO1] }',
  '  dx-iad: { kind: direct-connect, between: [iad-dc, dx:EqDC2] }',
  'users:',
  ...METROS.map((m, i) => `  - { metro: ${m}, weight: ${5 - i} }`),
  'services:',
];
const below: Record<keyof typeof tiers, readonly string[]> = {
  front: ids.mid,
  mid: ids.back,
  back: ids.data,
  data: [],
};
const width: Record<keyof typeof tiers, [number, number]> = {
  front: [2, 4],
  mid: [1, 3],
  back: [1, 2],
  data: [0, 0],
};
for (const tier of Object.keys(tiers) as (keyof typeof tiers)[]) {
  for (const id of ids[tier]) {
    const [lo, hi] = width[tier];
    const n = between(lo, hi);
    lines.push(
      `  ${id}: { at: ${placement(tier)}, computeMs: ${compute()}${n > 0 ? `, calls: ${calls(below[tier], n)}` : ''} }`,
    );
  }
}
lines.push('requests:', ...ids.front.map((id) => `  request-${id}: { entry: ${id} }`));
const yaml = `${lines.join('\n')}\n`;

function time<T>(fn: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = fn();
  return { value, ms: performance.now() - start };
}

const runs = Number(process.env.BENCH_RUNS ?? 3);
const resolved = time(() => parseEstate(yaml, 'bench.yaml'));
const estate = resolved.value;
const table = time(() => endpointTable(estate));
const pairs = estate.requests.flatMap((r) => r.users.map((u) => ({ request: r, metro: u.metro.id })));
const plans = time(() => pairs.map((p) => compileRequest(estate, p.request, p.metro, table.value)));
const nodes = plans.value.reduce((n, p) => n + p.size, 0);

/** Expected node visits per draw: a fan-out visits its child n times, a choice one child. */
function visits(plan: Plan, i = 0): number {
  let children = 0;
  for (let c = i + 1; c < (plan.end[i] as number); c = plan.end[c] as number) {
    const v = visits(plan, c);
    children += plan.kind[i] === NODE_CHOICE ? (plan.weight[c] as number) * v : v;
  }
  return 1 + (plan.kind[i] === NODE_FANOUT ? (plan.count[i] as number) * children : children);
}
const visitsPerDraw = plans.value.reduce((n, p) => n + visits(p), 0) / plans.value.length;
/** CPU time (ms) of fn: the machine is shared, so wall time would measure the others too. */
function cpu(fn: () => void): number {
  const start = cpuNowMs();
  fn();
  return cpuNowMs() - start;
}

// The interpreter and the generated loop, run by turns (after one warm-up run each, which for the
// generated loop includes generating and compiling it): medians of CPU time per run of every plan.
const paths = {
  interpreted: plans.value.map((p) => interpretedSampler(p)),
  generated: plans.value.map((p) => new Sampler(p)),
};
const drawAll = (samplers: readonly Sampler[]) =>
  samplers.forEach((s, i) => {
    const p = pairs[i] as (typeof pairs)[number];
    s.run(DEFAULT_SAMPLES, streamSeed(1, p.request.id, p.metro));
  });
const cpuMs = { interpreted: [] as number[], generated: [] as number[] };
for (let r = 0; r <= runs; r++) {
  for (const path of ['interpreted', 'generated'] as const) {
    const ms = cpu(() => drawAll(paths[path]));
    if (r > 0) cpuMs[path].push(ms);
  }
}
const drawMs = { interpreted: median(cpuMs.interpreted), generated: median(cpuMs.generated) };
const bestDraw = drawMs.generated;
let bestWhole = Number.POSITIVE_INFINITY;
for (let r = 0; r < runs; r++) bestWhole = Math.min(bestWhole, time(() => evaluateRequests(estate)).ms);

const evaluations = pairs.length;
console.log(
  `bench/evaluate: ${estate.services.length} services, ${estate.requests.length} requests x ${METROS.length} metros = ${evaluations} evaluations of ${DEFAULT_SAMPLES.toLocaleString('en-US')} draws; ${table.value.endpoints.length} endpoints; ${nodes.toLocaleString('en-US')} plan nodes (${Math.round(nodes / evaluations)} per plan)`,
);
console.log(
  `  resolve the estate: ${resolved.ms.toFixed(0)} ms; RTT table: ${table.ms.toFixed(0)} ms; compile ${evaluations} plans: ${plans.ms.toFixed(1)} ms`,
);
const perCpuSecond = (ms: number) => Math.round((evaluations * DEFAULT_SAMPLES) / (ms / 1000));
console.log(
  `  draws per CPU second (median of ${runs} after a warm-up): interpreted ${perCpuSecond(drawMs.interpreted).toLocaleString('en-US')}, generated ${perCpuSecond(drawMs.generated).toLocaleString('en-US')} (${(drawMs.interpreted / drawMs.generated).toFixed(2)}x)`,
);
console.log(
  `  draw and attribute, generated: ${bestDraw.toFixed(0)} ms of CPU: ${Math.round(evaluations / (bestDraw / 1000)).toLocaleString('en-US')} evaluations/s, ${Math.round((evaluations * DEFAULT_SAMPLES * visitsPerDraw) / (bestDraw / 1000) / 1e6)} M node visits/s (${Math.round(visitsPerDraw)} per draw: fan-outs multiply)`,
);
console.log(
  `  whole estate (evaluateRequests: RTT table, compile, draw): ${bestWhole.toFixed(0)} ms (best of ${runs}): ${Math.round(evaluations / (bestWhole / 1000)).toLocaleString('en-US')} evaluations/s`,
);
