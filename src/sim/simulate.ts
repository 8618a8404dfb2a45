/**
 * Runs a compiled model: the engine, then its result.
 */
import { Engine } from './engine.js';
import type { SimModel } from './model.js';
import { type SimRun, simRun } from './result.js';

/**
 * Simulates `model` to its end. `onProgress` hears the share of simulated time done (0-1).
 * @example simulateModel(chainModel({ arrivalRate: 0.8, servers: 1, compute, durationS: 1e4, seed: 1 })).summary.requests
 */
export function simulateModel(model: SimModel, onProgress?: (fraction: number) => void): SimRun {
  const engine = new Engine(model);
  engine.run(onProgress);
  return simRun(engine);
}
