/**
 * The placement columns of the MILP: x[s,m] for each service and candidate (pinned services: fixed
 * at 1), the number of places (replicas.min to max, with z[k] and w[m,k] = x[m] and z[k] carrying
 * cost and capacity when it may vary), distinct regions under `across: regions`, the primary of a
 * `primary` service with several places, and the capacity of sites and limited zones. Their share of
 * the objective: cost, places beyond replicas.min, and moves away from today's places.
 */
import {
  addScaled,
  addTerm,
  columnExpression,
  constantExpression,
  type LinearExpression,
  type ModelBuilder,
} from './lp.js';
import type { ObjectiveWeights } from './objective.js';
import {
  instancesPerPlace,
  type PlacedService,
  type PlacementProblem,
  peakInstancesPerPlace,
} from './problem.js';

/** How the MILP sees one service. */
export type Mode = 'fixed' | 'single' | 'primary' | 'spread' | 'nearest';

/** How a service enters the model. */
export function modeOf(service: PlacedService): Mode {
  // A pinned service is where it is; a pinned primary is always reached at its first place.
  if (service.pinned && (service.candidates.length === 1 || service.routing === 'primary')) return 'fixed';
  if (service.maxPlaces <= 1) return 'single';
  if (service.routing === 'primary') return 'primary';
  if (service.routing === 'spread') return 'spread';
  return 'nearest';
}

/** The objective weights the columns carry. */
export type ObjectiveTerms = Pick<ObjectiveWeights, 'cost' | 'place' | 'move'>;

export interface PlacementColumns {
  /** x[s][m] by service and location. */
  readonly x: Map<number, number>[];
  /** The primary's columns, for primary services with several places. */
  readonly primary: (Map<number, number> | undefined)[];
  /** z[k] by number of places, for services whose number of places may vary. */
  readonly counts: (Map<number, number> | undefined)[];
}

/** Adds the placement columns and their rows to `model`. */
export function addPlacementColumns(
  model: ModelBuilder,
  problem: PlacementProblem,
  w: ObjectiveTerms,
  modes: readonly Mode[],
): PlacementColumns {
  const x: Map<number, number>[] = [];
  const primary: (Map<number, number> | undefined)[] = [];
  const counts: (Map<number, number> | undefined)[] = [];
  const capacityUse = new Map<number, LinearExpression>();
  const use = (m: number) => {
    let e = capacityUse.get(m);
    if (!e) {
      e = constantExpression();
      capacityUse.set(m, e);
    }
    return e;
  };
  for (const service of problem.services) {
    const cols = new Map<number, number>();
    x.push(cols);
    const fixedK = service.minPlaces === service.maxPlaces;
    for (const m of service.candidates) {
      const location = problem.locations[m];
      const price = location?.priceUsd ?? 0;
      if (service.pinned) {
        cols.set(m, model.addColumn(1, 1, 0, false));
        model.offset += w.cost * price * instancesPerPlace(service.instances, service.candidates.length);
        continue;
      }
      let cost = w.place;
      if (fixedK) cost += w.cost * price * instancesPerPlace(service.instances, service.minPlaces);
      if (service.today.some((t) => t.location === m)) cost -= w.move;
      const col = model.addBinary(cost);
      cols.set(m, col);
      if (fixedK && Number.isFinite(location?.capacity ?? Number.POSITIVE_INFINITY))
        addTerm(use(m), col, peakInstancesPerPlace(service.instances, service.minPlaces));
    }
    if (service.pinned) {
      primary.push(undefined);
      counts.push(undefined);
      continue;
    }
    model.offset += w.move * service.today.length - w.place * service.minPlaces;
    const all = constantExpression();
    for (const col of cols.values()) addTerm(all, col, 1);
    model.addRow(service.minPlaces, all, service.maxPlaces);
    if (!fixedK) {
      // z[k] = 1 when the service runs at k places; w[m,k] >= x[m] + z[k] - 1 carries cost and capacity.
      const z = new Map<number, number>();
      const pick = constantExpression();
      const count = constantExpression();
      for (let k = service.minPlaces; k <= service.maxPlaces; k++) {
        const col = model.addBinary(0);
        z.set(k, col);
        addTerm(pick, col, 1);
        addTerm(count, col, k);
      }
      counts.push(z);
      model.addRow(1, pick, 1);
      model.addRow(0, addScaled(addScaled(constantExpression(), all), count, -1), 0);
      for (const m of service.candidates) {
        const location = problem.locations[m];
        const price = location?.priceUsd ?? 0;
        const limited = Number.isFinite(location?.capacity ?? Number.POSITIVE_INFINITY);
        if (price === 0 && !limited) continue;
        for (const [k, zc] of z) {
          const wc = model.addColumn(0, 1, w.cost * price * instancesPerPlace(service.instances, k));
          const row = columnExpression(wc);
          addTerm(row, cols.get(m) as number, -1);
          addTerm(row, zc, -1);
          model.addRow(-1, row, Number.POSITIVE_INFINITY);
          if (limited) addTerm(use(m), wc, peakInstancesPerPlace(service.instances, k));
        }
      }
    } else counts.push(undefined);
    // Replicas in distinct fault domains: regions when asked; zones when two candidates share one
    // (subnets of one zone), else every candidate is its own zone already.
    const zones = new Set([...cols.keys()].map((m) => problem.locations[m]?.zone ?? String(m)));
    if (service.across === 'regions' || zones.size < cols.size) {
      const regions = new Map<string, LinearExpression>();
      for (const [m, col] of cols) {
        const location = problem.locations[m];
        const region = (service.across === 'regions' ? location?.region : location?.zone) ?? String(m);
        const e = regions.get(region) ?? constantExpression();
        addTerm(e, col, 1);
        regions.set(region, e);
      }
      const spanned = constantExpression();
      for (const e of regions.values()) {
        const g = model.addColumn(0, 1);
        addTerm(spanned, g, 1);
        model.addRow(Number.NEGATIVE_INFINITY, addTerm(addScaled(constantExpression(), e, -1), g, 1), 0);
      }
      model.addRow(service.minPlaces, spanned, Number.POSITIVE_INFINITY);
    }
    if (modes[service.index] === 'primary') {
      const prim = new Map<number, number>();
      const one = constantExpression();
      for (const [m, col] of cols) {
        const p = model.addBinary(0);
        prim.set(m, p);
        addTerm(one, p, 1);
        model.addRow(Number.NEGATIVE_INFINITY, addTerm(columnExpression(p), col, -1), 0);
      }
      model.addRow(1, one, 1);
      primary.push(prim);
    } else primary.push(undefined);
  }
  for (const [m, e] of capacityUse)
    model.addRow(Number.NEGATIVE_INFINITY, e, problem.locations[m]?.capacity ?? 0);
  return { x, primary, counts };
}
