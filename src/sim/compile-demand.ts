/**
 * Compiling a design's demand (a phase of compile.ts): the requests' call graphs as one program
 * (fan-outs bounded as the static evaluator bounds them), and a demand source per request and
 * metro with its rate profile, sessions and latency budgets.
 */
import { MAX_CALLS_PER_DRAW } from '../app/index.js';
import type { Place } from '../catalog/index.js';
import {
  type AppRequest,
  type CallStep,
  type DataPath,
  findPlace,
  formatPath,
  type ServiceCall,
} from '../model/index.js';
import { didYouMean } from '../suggest.js';
import { type Compilation, endpointOf } from './compile-context.js';
import { NODE_PARALLEL, NODE_SERIES, ProgramBuilder, type SimProgram, type SimSource } from './model.js';
import type { ScenarioDemand } from './scenario.js';

/** Payload throughput defaults, as the static evaluator's: one flow between services, and users' links. */
const SERVICE_GBPS = 5;
const USER_GBPS = 0.1;

/** The requests' call graphs as one program, and a demand source per request and metro. */
export function compileDemand(
  c: Compilation,
  serviceIndex: ReadonlyMap<string, number>,
): { program: SimProgram; sources: SimSource[]; callPaths: Map<number, DataPath> } {
  const builder = new ProgramBuilder();
  const callPaths = new Map<number, DataPath>();
  const compileSteps = (steps: readonly CallStep[]) => {
    for (const step of steps) {
      if (step.kind === 'call') compileCall(step, false);
      else {
        const group = builder.open(step.kind === 'parallel' ? NODE_PARALLEL : NODE_SERIES);
        compileSteps(step.steps);
        builder.close(group);
      }
    }
  };
  // Calls per request, fan-outs multiplied: bounded as the evaluator bounds them (each leg is an
  // event here, so a thousand inside a thousand would be a million events a request).
  let fan = 1;
  let calls = 0;
  const compileCall = (call: ServiceCall, fromUsers: boolean): number => {
    const own = c.services.get(call.service)?.calls ?? [];
    const gbps = call.gbps ?? (fromUsers ? USER_GBPS : SERVICE_GBPS);
    callPaths.set(builder.size, call.path);
    calls += fan * call.fanOut;
    if (calls > MAX_CALLS_PER_DRAW && calls - fan * call.fanOut <= MAX_CALLS_PER_DRAW)
      c.diagnostics.push(
        c.estate.source?.diagnostic(
          call.path,
          'FP_INVALID_VALUE',
          `the request makes over ${MAX_CALLS_PER_DRAW.toLocaleString('en-US')} calls per request here, fan-outs multiplied (${(fan * call.fanOut).toLocaleString('en-US')} calls to '${call.service}' alone)`,
          {
            suggestion:
              'a fan-out inside a fan-out multiplies: model the inner one as one call with roundTrips or a larger payload',
          },
        ) ?? { code: 'FP_INVALID_VALUE', message: `too many calls per request at '${call.service}'` },
      );
    const outer = fan;
    fan *= call.fanOut;
    const node = builder.call(
      {
        service: serviceIndex.get(call.service) ?? -1,
        fanOut: call.fanOut,
        roundTrips: call.roundTrips,
        payloadBytes: call.payloadBytes,
        payloadS: (call.payloadBytes * 8) / (gbps * 1e9),
        cacheHitRatio: call.cacheHitRatio,
        cacheHitS: call.cacheHitMs / 1000,
        label: formatPath(call.path),
      },
      () => compileSteps(call.calls ?? own),
    );
    fan = outer;
    return node;
  };
  const sources: SimSource[] = [];
  for (const d of c.scenario.demand) {
    const request = c.estate.requests.find((r) => r.id === d.request);
    if (!request) continue;
    calls = 0;
    const root = compileCall(request.entry, true);
    const weights = demandWeights(c, d, request);
    const total = weights.reduce((sum, w) => sum + w.weight, 0);
    for (const w of weights) {
      const share = w.weight / total;
      const budgets = c.estate.budgets.filter(
        (b) => b.request === request.id && (b.metro === undefined || b.metro === w.metro),
      );
      const p99 = budgets.map((b) => b.p99Ms).filter((v): v is number => v !== undefined);
      const p50 = budgets.map((b) => b.p50Ms).filter((v): v is number => v !== undefined);
      sources.push({
        request: request.id,
        metro: w.metro,
        endpoint: endpointOf(c, w.metro, w.place),
        root,
        // Sessions arrive at the request rate over the requests a session makes.
        profile: {
          stepS: d.profile.stepS,
          rates: d.profile.rates.map((r) => (r * share) / d.sessionRequests),
        },
        sessionRequests: d.sessionRequests,
        thinkS: d.thinkS,
        ...(p99.length ? { budgetP99Ms: Math.min(...p99) } : {}),
        ...(p50.length ? { budgetP50Ms: Math.min(...p50) } : {}),
      });
    }
  }
  return { program: builder.build(), sources, callPaths };
}

/** The metros of a demand and their weights: the scenario's, or the request's users. */
function demandWeights(
  c: Compilation,
  d: ScenarioDemand,
  request: AppRequest,
): { metro: string; place: Place; weight: number }[] {
  const weights: { metro: string; place: Place; weight: number }[] = [];
  if (!d.metros) {
    for (const u of request.users) {
      const place = findPlace(u.metro.id, c.estate);
      if (place) weights.push({ metro: place.id, place, weight: u.share });
    }
    return weights;
  }
  for (const [metro, weight] of d.metros) {
    const place = findPlace(metro, c.estate);
    if (place?.kind === 'metro') {
      weights.push({ metro: place.id, place, weight });
      continue;
    }
    const suggestion = didYouMean(
      metro,
      c.estate.users.map((u) => u.metro.id),
    );
    c.diagnostics.push(
      c.scenario.source.diagnostic(
        [...d.path, 'metros', metro],
        'FP_UNKNOWN_PLACE',
        `unknown metro '${metro}'`,
        {
          on: 'key',
          expected: 'a metro id, e.g. metro:phoenix (see `footprint catalog metros`)',
          ...(suggestion ? { suggestion } : {}),
        },
      ),
    );
  }
  return weights;
}
