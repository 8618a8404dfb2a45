/**
 * The blast radius of cells (seed 004): for each cell group, what share of users and of capacity
 * one cell's failure takes, whether the remaining cells absorb its load, each cell's size against
 * the group's cap; and the N+2 deployment policy: each cellular service runs in at least 3 and at
 * most 5 clusters (cells, or AZ placements where it has no cells) of every region it runs in.
 * Pure: the estate in, a report out.
 */
import type { Cell, CellGroup, Estate } from '../model/index.js';
import { regionOf } from '../model/index.js';

/** The N+2 policy's bounds: at least three clusters of a region, at most five (seed 004). */
export const N_PLUS_2 = { min: 3, max: 5 } as const;

/** One service's capacity in one cell, in instances. */
export interface CellCapacity {
  readonly service: string;
  /** Instances it runs now: the pools' desired size (or the placements' instances). */
  readonly desired: number;
  /** The most it can scale to: the pools' max. */
  readonly max: number;
}

/** One cell and its size. */
export interface CellSize {
  readonly cell: string;
  readonly places: readonly string[];
  /** The share of the group's keys (users, sessions, tenants) this cell serves: 1/N, or k/N sharded. */
  readonly userShare: number;
  readonly capacity: readonly CellCapacity[];
  /** Desired instances over the group's services. */
  readonly instances: number;
  /** Over the group's `maxSize`: what is over. */
  readonly over: readonly ('users' | 'instances')[];
}

/** Whether the other cells carry a service's load when its largest cell fails. */
export interface Absorption {
  readonly service: string;
  /** The failed cell: the one with the most desired instances of the service. */
  readonly worstCell: string;
  /** Share of the service's capacity (desired instances) that cell holds. */
  readonly capacityShare: number;
  /** Desired instances over all N cells: the load they carry now, at their target utilisation. */
  readonly demand: number;
  /** The most the other N-1 cells can scale to. */
  readonly remaining: number;
  /** remaining ≥ demand: the survivors can run what all N ran. */
  readonly absorbs: boolean;
  /** Where the figures come from: the `capacity` section's pools, or the placements' instances. */
  readonly source: 'capacity' | 'placements';
}

/** One cell group's blast radius. */
export interface CellGroupReport {
  readonly group: string;
  readonly name: string;
  readonly services: readonly string[];
  readonly partitionKey: string;
  readonly router: 'hash' | 'shuffle-shard';
  /** N. */
  readonly count: number;
  /** k: the cells each key is served by (1 with hashing). */
  readonly shardSize: number;
  /** Share of keys whose every cell is the failed one: 1/N hashed; with shuffle sharding 0 when k > 1. */
  readonly usersLost: number;
  /** Share of keys that lose one of their cells (a retry reaches another when k > 1): k/N. */
  readonly usersTouched: number;
  readonly cells: readonly CellSize[];
  readonly absorption: readonly Absorption[];
  readonly maxSize: { readonly users?: number; readonly instances?: number };
  readonly ok: boolean;
}

/** The N+2 check of one service in one region. */
export interface NPlus2Finding {
  readonly service: string;
  readonly region: string;
  readonly clusters: number;
  /** What was counted: the cells of its groups there, or its AZ placements there. */
  readonly counted: 'cells' | 'placements';
  readonly ok: boolean;
  readonly message: string;
}

/** `footprint cells`. */
export interface CellsReport {
  readonly estate: string;
  readonly groups: readonly CellGroupReport[];
  readonly nPlus2: readonly NPlus2Finding[];
  /** False when a group does not absorb a cell's loss, a cell is over its cap, or N+2 fails. */
  readonly ok: boolean;
}

/** How many cells of the estate's groups use each place of `service` (a shared place splits its pool). */
function sharers(estate: Estate, service: string): Map<string, number> {
  const count = new Map<string, number>();
  for (const group of estate.cells ?? [])
    if (group.services.includes(service))
      for (const cell of group.cells)
        for (const place of cell.places) count.set(place.id, (count.get(place.id) ?? 0) + 1);
  return count;
}

/** A service's instances in one cell: its pools (or placements) at the cell's places, shared ones split. */
export function cellCapacity(
  estate: Estate,
  cell: Cell,
  service: string,
): CellCapacity & { source: Absorption['source'] } {
  const pools = estate.capacity?.get(service)?.pools ?? [];
  const placements = estate.services.find((s) => s.id === service)?.placements ?? [];
  const shared = sharers(estate, service);
  let desired = 0;
  let max = 0;
  for (const place of cell.places) {
    const split = Math.max(1, shared.get(place.id) ?? 1);
    const pool = pools.find((p) => p.place.id === place.id);
    const placed = placements.find((p) => p.place.id === place.id);
    desired += (pool?.desired ?? placed?.instances ?? 0) / split;
    max += (pool?.max ?? placed?.instances ?? 0) / split;
  }
  return { service, desired, max, source: pools.length > 0 ? 'capacity' : 'placements' };
}

function absorption(estate: Estate, group: CellGroup, service: string): Absorption {
  const sizes = group.cells.map((cell) => ({ cell, ...cellCapacity(estate, cell, service) }));
  const demand = sizes.reduce((sum, s) => sum + s.desired, 0);
  const worst = sizes.reduce((a, b) => (b.desired > a.desired ? b : a));
  const remaining = sizes.filter((s) => s !== worst).reduce((sum, s) => sum + s.max, 0);
  return {
    service,
    worstCell: worst.cell.id,
    capacityShare: demand > 0 ? worst.desired / demand : 0,
    demand,
    remaining,
    absorbs: remaining >= demand && sizes.length > 1,
    source: worst.source,
  };
}

/** One group's blast radius: shares of users and capacity one cell takes, absorption, cell sizes. */
export function cellGroupReport(estate: Estate, group: CellGroup): CellGroupReport {
  const n = group.cells.length;
  const k = group.router.kind === 'shuffle-shard' ? group.router.shardSize : 1;
  const userShare = k / n;
  const cells = group.cells.map((cell): CellSize => {
    const capacity = group.services.map((s) => {
      const { service, desired, max } = cellCapacity(estate, cell, s);
      return { service, desired, max };
    });
    const instances = capacity.reduce((sum, c) => sum + c.desired, 0);
    const over: ('users' | 'instances')[] = [];
    if (group.maxSize.users !== undefined && userShare > group.maxSize.users + 1e-9) over.push('users');
    if (group.maxSize.instances !== undefined && instances > group.maxSize.instances) over.push('instances');
    return { cell: cell.id, places: cell.places.map((p) => p.id), userShare, capacity, instances, over };
  });
  const absorb = group.services.map((s) => absorption(estate, group, s));
  return {
    group: group.id,
    name: group.name,
    services: group.services,
    partitionKey: group.partitionKey,
    router: group.router.kind,
    count: n,
    shardSize: k,
    usersLost: k === 1 ? 1 / n : 0,
    usersTouched: userShare,
    cells,
    absorption: absorb,
    maxSize: group.maxSize,
    ok: absorb.every((a) => a.absorbs) && cells.every((c) => c.over.length === 0),
  };
}

/** The regions of a cell's places. */
const cellRegions = (cell: Cell) => new Set(cell.places.map(regionOf).filter((r) => r !== undefined));

/** N+2 for each service of a cell group, in each region it runs in. */
export function nPlus2(estate: Estate): NPlus2Finding[] {
  const cellular = [...new Set((estate.cells ?? []).flatMap((g) => g.services))];
  const findings: NPlus2Finding[] = [];
  for (const id of cellular) {
    const service = estate.services.find((s) => s.id === id);
    const regions = [...new Set((service?.placements ?? []).map((p) => regionOf(p.place)))];
    const cells = (estate.cells ?? []).filter((g) => g.services.includes(id)).flatMap((g) => g.cells);
    for (const region of regions) {
      if (region === undefined) continue;
      const inRegion = cells.filter((c) => cellRegions(c).has(region)).length;
      const azs = new Set(
        (service?.placements ?? []).filter((p) => regionOf(p.place) === region).map((p) => p.place.id),
      ).size;
      const counted = inRegion > 0 ? 'cells' : 'placements';
      const clusters = inRegion > 0 ? inRegion : azs;
      const ok = clusters >= N_PLUS_2.min && clusters <= N_PLUS_2.max;
      const what = `${clusters} ${counted === 'cells' ? 'cell' : 'AZ placement'}${clusters === 1 ? '' : 's'}`;
      const message = ok
        ? `${what}: within N+2 (${N_PLUS_2.min} to ${N_PLUS_2.max})`
        : clusters < N_PLUS_2.min
          ? `${what}: below N+2, one down and one deploying leaves ${Math.max(0, clusters - 2)} serving; run at least ${N_PLUS_2.min}`
          : `${what}: above ${N_PLUS_2.max}; merge clusters (each one adds operational load)`;
      findings.push({ service: id, region, clusters, counted, ok, message });
    }
  }
  return findings;
}

/**
 * The blast-radius report of an estate's cells and its N+2 findings.
 * @example cellsReport(loadEstate('examples/skyscanner-multi-region/cells.yaml')).ok // true
 */
export function cellsReport(estate: Estate): CellsReport {
  const groups = (estate.cells ?? []).map((g) => cellGroupReport(estate, g));
  const findings = nPlus2(estate);
  return {
    estate: estate.name,
    groups,
    nPlus2: findings,
    ok: groups.every((g) => g.ok) && findings.every((f) => f.ok),
  };
}
