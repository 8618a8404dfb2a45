/**
 * Compiling one design of a scenario into the engine's model: the services its requests reach,
 * their pools (from the estate's `capacity:`, or fixed pools from `at` when it has none), the
 * endpoints and their RTTs (from the latency and network layers, once), data-transfer classes, the
 * call graphs as a program, demand sources per request and metro, and scheduled actions.
 *
 * The phases, each in its own module: compile-pools.ts (the services reached and their pools),
 * compile-demand.ts (the program and demand sources), compile-actions.ts (scheduled actions),
 * compile-faults.ts, doors/compile-entries.ts (front doors) and compile-checks.ts (reachability);
 * compile-context.ts holds what they share.
 */

import { defaultRtt, type Endpoint } from '../app/index.js';
import { FootprintError } from '../errors.js';
import type { Estate } from '../model/index.js';
import { compileActions } from './compile-actions.js';
import { checkReachable, transferClassOf } from './compile-checks.js';
import { type Compilation, endpointOf } from './compile-context.js';
import { compileDemand } from './compile-demand.js';
import { compileFaults } from './compile-faults.js';
import { compilePools, reachedServices } from './compile-pools.js';
import { finishDoors, planDoors } from './doors/compile-entries.js';
import type { SimDoors } from './doors/model.js';
import { type SimModel, TRANSFER_CLASSES } from './model.js';
import type { Scenario, ScenarioDesign } from './scenario.js';

export interface CompiledSimulation {
  readonly model: SimModel;
  /** Assumptions the compiler made that the user should know of. */
  readonly notes: readonly string[];
}

/**
 * Compiles `design` of `scenario`. Throws a located {@link FootprintError} on what cannot run.
 * @example const { model, notes } = compileSimulation(scenario, scenario.designs[0]);
 */
export function compileSimulation(scenario: Scenario, design: ScenarioDesign): CompiledSimulation {
  const estate = design.estate;
  const c: Compilation = {
    scenario,
    design,
    estate,
    notes: [],
    diagnostics: [],
    services: new Map(estate.services.map((s) => [s.id, s])),
    endpoints: [],
    endpointIndex: new Map(),
  };
  const reached = reachedServices(c);
  const { services, serviceIndex, pools, limits } = compilePools(c, reached);
  const { program, sources: plainSources, callPaths } = compileDemand(c, serviceIndex);
  if (c.diagnostics.length > 0) throw new FootprintError(c.diagnostics);
  const plan = planDoors(
    estate,
    services,
    pools,
    plainSources,
    c.endpoints,
    (id, place) => endpointOf(c, id, place),
    c.diagnostics,
  );
  if (c.diagnostics.length > 0) throw new FootprintError(c.diagnostics);
  let sources = plainSources;
  let rttMs = defaultRtt(estate)(c.endpoints);
  checkReachable(estate, program, sources, services, pools, c.endpoints, rttMs, callPaths);
  const actions = compileActions(c, services, serviceIndex, pools);
  const compiledFaults = compileFaults(
    { scenario, estate, file: design.file, services, pools, notes: c.notes, diagnostics: c.diagnostics },
    c.endpoints,
    rttMs,
  );
  const faults = compiledFaults.faults;
  let rttVariants = compiledFaults.rttVariants;
  if (c.diagnostics.length > 0) throw new FootprintError(c.diagnostics);
  let doors: SimDoors | undefined;
  if (plan) {
    c.notes.push(...plan.graph.notes);
    const variants = rttVariants && rttVariants.length > 0 ? rttVariants : [rttMs];
    const done = finishDoors(
      plan,
      estate,
      sources,
      c.endpoints,
      variants,
      scenario.dns,
      c.endpointIndex,
      services,
      pools,
    );
    doors = done.doors;
    sources = done.sources;
    rttMs = done.matrices[0] as Float64Array;
    if (rttVariants && rttVariants.length > 0) rttVariants = [rttMs, ...done.matrices.slice(1)];
  }
  return {
    model: {
      endpoints: c.endpoints.map((x) => x.id),
      rttMs,
      transferClass: transferMatrix(estate, c.endpoints),
      transferUsdPerGb: scenario.transferUsdPerGb,
      services,
      pools,
      limits,
      program,
      sources,
      client: scenario.client,
      actions,
      ...(faults.length > 0 ? { faults, rttVariants } : {}),
      ...(scenario.coldStart ? { coldStart: scenario.coldStart } : {}),
      ...(doors ? { doors } : {}),
      durationS: scenario.durationS,
      intervalS: scenario.intervalS,
      seed: scenario.seed,
    },
    notes: c.notes,
  };
}

/** The transfer class of bytes between every two endpoints. */
function transferMatrix(estate: Estate, endpoints: readonly Endpoint[]): Uint8Array {
  const e = endpoints.length;
  const dxSites = new Set(
    estate.links.filter((l) => l.kind === 'direct-connect').flatMap((l) => l.between as readonly string[]),
  );
  const matrix = new Uint8Array(e * e);
  for (let from = 0; from < e; from++)
    for (let to = 0; to < e; to++) {
      const a = endpoints[from]?.place;
      const b = endpoints[to]?.place;
      if (a && b) matrix[from * e + to] = TRANSFER_CLASSES.indexOf(transferClassOf(a, b, dxSites));
    }
  return matrix;
}
