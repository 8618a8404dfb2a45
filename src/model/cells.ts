/**
 * Resolution of the `cells:` section (seed 004): each group's services and places checked (a known
 * service or place, with a did-you-mean), its cells laid out (named, or N spread round robin over
 * places or over the services' AZs in a region), and its router checked (N at least 1, a shard
 * size from 1 to N). Every problem is reported, located; a bad group is left out.
 */
import type { Place } from '../catalog/index.js';
import type { Diagnostic } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { CellGroupInput } from './cells-schema.js';
import type { Estate } from './estate.js';
import { findPlace, unknownPlaceDiagnostic } from './places.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

/** One cell: a full copy of its group's services in these places. */
export interface Cell {
  readonly id: string;
  readonly places: readonly Place[];
}

/** How users reach cells: one cell per key (hash), or `shardSize` of the N (shuffle sharding). */
export type CellRouter =
  | { readonly kind: 'hash' }
  | { readonly kind: 'shuffle-shard'; readonly shardSize: number };

/** A resolved cell group. */
export interface CellGroup {
  readonly id: string;
  readonly name: string;
  readonly services: readonly string[];
  readonly cells: readonly Cell[];
  readonly partitionKey: 'user' | 'session' | 'tenant';
  readonly router: CellRouter;
  readonly maxSize: { readonly users?: number; readonly instances?: number };
  readonly path: DataPath;
}

const invalid = (message: string, expected: string, suggestion?: string): Diagnostic => ({
  code: 'FP_INVALID_VALUE',
  message,
  expected,
  ...(suggestion ? { suggestion } : {}),
});

/** The region a place is in (itself for a region); undefined for a site or a metro. */
export function regionOf(place: Place): string | undefined {
  return place.kind === 'region' ? place.id : place.region;
}

/** Cell i takes every place j with j ≡ i (mod N) when N ≤ P, else place i mod P. */
function spread(groupId: string, count: number, places: readonly Place[]): Cell[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${groupId}-${i + 1}`,
    places:
      count >= places.length
        ? places.filter((_, j) => j === i % places.length)
        : places.filter((_, j) => j % count === i),
  }));
}

interface Context {
  readonly estate: Estate;
  readonly report: ReportProblem;
}

function resolvePlaces(refs: readonly string[], at: DataPath, ctx: Context): Place[] | undefined {
  const out: Place[] = [];
  let ok = true;
  refs.forEach((ref, i) => {
    const place = findPlace(ref, ctx.estate, { hosts: false });
    if (place) out.push(place);
    else {
      ok = false;
      ctx.report([...at, i], unknownPlaceDiagnostic(ref, ctx.estate, { hosts: false }));
    }
  });
  return ok ? out : undefined;
}

/** The services' AZ (or Local Zone) placements in `region`, each once, in order. */
function regionPlaces(services: readonly string[], region: string, estate: Estate): Place[] {
  const seen = new Map<string, Place>();
  for (const id of services)
    for (const p of estate.services.find((s) => s.id === id)?.placements ?? [])
      if (p.place.kind !== 'region' && regionOf(p.place) === region) seen.set(p.place.id, p.place);
  return [...seen.values()];
}

function layoutCells(id: string, raw: CellGroupInput, at: DataPath, ctx: Context): Cell[] | undefined {
  const sources = [raw.region, raw.places, raw.cells].filter((x) => x !== undefined).length;
  if (sources !== 1) {
    ctx.report(
      at,
      invalid(
        `cell group '${id}' needs exactly one of \`region\`, \`places\` or \`cells\``,
        '`region` or `places` with `count`, or `cells` by name',
        sources > 1
          ? 'keep one; a file that extends another drops an inherited key with `KEY: null`'
          : undefined,
      ),
      'key',
    );
    return undefined;
  }
  if (raw.cells) {
    if (raw.count !== undefined)
      ctx.report([...at, 'count'], invalid('`count` comes from `cells` here', 'no `count` beside `cells`'));
    const cells: Cell[] = [];
    for (const [cellId, refs] of Object.entries(raw.cells)) {
      const places = resolvePlaces(refs, [...at, 'cells', cellId], ctx);
      if (places) cells.push({ id: cellId, places });
    }
    if (cells.length === 0 && Object.keys(raw.cells).length === 0)
      ctx.report([...at, 'cells'], invalid(`cell group '${id}' has no cells`, 'at least one cell'));
    return cells.length === Object.keys(raw.cells).length ? cells : undefined;
  }
  if (raw.count === undefined || raw.count < 1) {
    ctx.report(
      raw.count === undefined ? at : [...at, 'count'],
      invalid(
        raw.count === undefined
          ? `cell group '${id}' has no \`count\``
          : `cell count ${raw.count} is below 1`,
        'count: N, the number of cells, at least 1',
      ),
      raw.count === undefined ? 'key' : undefined,
    );
    return undefined;
  }
  if (raw.places) {
    const places = resolvePlaces(raw.places, [...at, 'places'], ctx);
    return places ? spread(id, raw.count, places) : undefined;
  }
  return regionCells(id, raw.region ?? '', raw, at, ctx);
}

function regionCells(
  id: string,
  region: string,
  raw: CellGroupInput,
  at: DataPath,
  ctx: Context,
): Cell[] | undefined {
  const place = findPlace(region, ctx.estate, { hosts: false });
  if (place?.kind !== 'region') {
    ctx.report(
      [...at, 'region'],
      place
        ? invalid(`'${region}' is not a region`, 'a region code, e.g. eu-west-1')
        : unknownPlaceDiagnostic(region, ctx.estate, { hosts: false }),
    );
    return undefined;
  }
  const places = regionPlaces(raw.services, place.id, ctx.estate);
  if (places.length === 0) {
    ctx.report(
      [...at, 'region'],
      invalid(
        `the services of cell group '${id}' run in no AZ of ${place.id}`,
        'a region where they are placed in AZs',
        "list the cells' `places` instead",
      ),
    );
    return undefined;
  }
  return spread(id, raw.count ?? 1, places);
}

function resolveRouter(
  id: string,
  raw: CellGroupInput,
  count: number,
  at: DataPath,
  ctx: Context,
): CellRouter | undefined {
  if ((raw.router ?? 'hash') === 'hash') {
    if (raw.shardSize !== undefined)
      ctx.report(
        [...at, 'shardSize'],
        invalid(
          '`shardSize` is for `router: shuffle-shard`',
          'no shardSize with hash routing',
          'set `router: shuffle-shard`, or remove `shardSize`',
        ),
      );
    return raw.shardSize === undefined ? { kind: 'hash' } : undefined;
  }
  const shardSize = raw.shardSize ?? 2;
  if (shardSize < 1 || shardSize > count) {
    ctx.report(
      raw.shardSize === undefined ? [...at, 'router'] : [...at, 'shardSize'],
      invalid(
        `shard size ${shardSize} of cell group '${id}' is not between 1 and its ${count} cells`,
        `a shard size from 1 to ${count}`,
      ),
    );
    return undefined;
  }
  return { kind: 'shuffle-shard', shardSize };
}

/**
 * The estate's cell groups, resolved against its services and places; problems go to `report`.
 */
export function resolveCells(
  input: Readonly<Record<string, CellGroupInput>> | undefined,
  estate: Estate,
  report: ReportProblem,
): CellGroup[] {
  if (!input) return [];
  const ctx: Context = { estate, report };
  const serviceIds = estate.services.map((s) => s.id);
  const groups: CellGroup[] = [];
  for (const [id, raw] of Object.entries(input)) {
    const at: DataPath = ['cells', id];
    let ok = true;
    raw.services.forEach((ref, i) => {
      if (serviceIds.includes(ref)) return;
      ok = false;
      const suggestion = didYouMean(ref, serviceIds);
      report([...at, 'services', i], {
        code: 'FP_UNKNOWN_SERVICE',
        message: `unknown service '${ref}'`,
        expected: `a service of the estate: ${serviceIds.slice(0, 8).join(', ')}`,
        ...(suggestion ? { suggestion } : {}),
      });
    });
    const cells = layoutCells(id, raw, at, ctx);
    const router = cells ? resolveRouter(id, raw, cells.length, at, ctx) : undefined;
    if (!ok || !cells || !router) continue;
    groups.push({
      id,
      name: raw.name ?? id,
      services: raw.services,
      cells,
      partitionKey: raw.partitionKey ?? 'user',
      router,
      maxSize: raw.maxSize ?? {},
      path: at,
    });
  }
  return groups;
}
