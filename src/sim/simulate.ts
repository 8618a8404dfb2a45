/**
 * Running simulations: a compiled model through the engine, or every design of a scenario.
 */
import { compileSimulation } from './compile.js';
import { Engine } from './engine.js';
import type { SimModel } from './model.js';
import type { SimRun } from './result.js';
import { simRun } from './result-summary.js';
import type { Scenario } from './scenario.js';

/**
 * Simulates `model` to its end. `onProgress` hears the share of simulated time done (0-1).
 * @example simulateModel(chainModel({ arrivalRate: 0.8, servers: 1, compute, durationS: 1e4, seed: 1 })).summary.requests
 */
export function simulateModel(model: SimModel, onProgress?: (fraction: number) => void): SimRun {
  const engine = new Engine(model);
  engine.run(onProgress);
  return simRun(engine);
}

/** One design's run through a scenario. */
export interface DesignRun {
  readonly id: string;
  readonly name: string;
  readonly files: readonly string[];
  readonly notes: readonly string[];
  readonly run: SimRun;
}

/** A scenario's runs, one per design, side by side. */
export interface Simulation {
  readonly scenario: string;
  readonly description?: string;
  readonly file: string;
  readonly seed: number;
  readonly durationS: number;
  readonly intervalS: number;
  readonly designs: readonly DesignRun[];
}

export interface SimulateOptions {
  /** Overrides the scenario's seed. */
  readonly seed?: number;
  /** Hears progress: the design running and the share of its simulated time done. */
  readonly onProgress?: (design: string, fraction: number) => void;
}

/**
 * Runs every design of a scenario.
 * @example simulateScenario(loadScenario('examples/ticketmaster-phoenix/onsale.yaml')).designs.map((d) => d.run.summary.cost.totalUsd)
 */
export function simulateScenario(scenario: Scenario, options: SimulateOptions = {}): Simulation {
  const seeded = options.seed !== undefined ? { ...scenario, seed: options.seed } : scenario;
  const designs = scenario.designs.map((design) => {
    const { model, notes } = compileSimulation(seeded, design);
    const onProgress = options.onProgress;
    const run = simulateModel(model, onProgress ? (f) => onProgress(design.id, f) : undefined);
    return { id: design.id, name: design.name, files: design.estate.files, notes, run };
  });
  return {
    scenario: scenario.name,
    ...(scenario.description !== undefined ? { description: scenario.description } : {}),
    file: scenario.file,
    seed: seeded.seed,
    durationS: scenario.durationS,
    intervalS: scenario.intervalS,
    designs,
  };
}
