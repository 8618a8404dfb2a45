/**
 * What the phases of compiling a design share (compile.ts runs them): the scenario, the design and
 * its estate, where notes and problems go, and the endpoints, each added on first use.
 */
import type { Endpoint } from '../app/index.js';
import type { Place } from '../catalog/index.js';
import type { Diagnostic } from '../errors.js';
import type { Estate, Service } from '../model/index.js';
import type { Scenario, ScenarioDesign } from './scenario.js';

/** What the phases of a compilation share. */
export interface Compilation {
  readonly scenario: Scenario;
  readonly design: ScenarioDesign;
  readonly estate: Estate;
  readonly notes: string[];
  readonly diagnostics: Diagnostic[];
  readonly services: ReadonlyMap<string, Service>;
  readonly endpoints: Endpoint[];
  readonly endpointIndex: Map<string, number>;
}

/** The index of an endpoint, added on first use. */
export function endpointOf(c: Compilation, id: string, place: Place, subnet?: string): number {
  const known = c.endpointIndex.get(id);
  if (known !== undefined) return known;
  c.endpointIndex.set(id, c.endpoints.length);
  c.endpoints.push({ id, place, ...(subnet ? { subnet } : {}) });
  return c.endpoints.length - 1;
}
