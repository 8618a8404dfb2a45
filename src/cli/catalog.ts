/**
 * `footprint catalog LIST`: what the embedded AWS catalog holds (regions, AZs, Local Zones and
 * their offerings, DX locations, edge locations, metros), as a table or JSON, with its sources.
 */
import { type Command, InvalidArgumentError } from 'commander';
import { localZoneId } from '../catalog/catalog-index.js';
import {
  type CatalogSource,
  catalogPlaces,
  catalogSources,
  generationOf,
  getEdgeLocation,
  getLocalZone,
  getLocalZoneOffering,
  getRegion,
  listMetros,
  type Place,
  type PlaceKind,
} from '../catalog/index.js';
import { distanceKm } from '../geo/index.js';
import { resolvePlace } from '../model/index.js';
import { km, textTable } from '../report/index.js';
import { type CliIo, emit } from './io.js';
import { loadOptionalEstate, positiveInteger } from './options.js';

const LISTS = ['regions', 'azs', 'local-zones', 'dx-locations', 'edge-locations', 'metros'] as const;
type ListName = (typeof LISTS)[number];
const KIND_OF: Record<ListName, PlaceKind> = {
  regions: 'region',
  azs: 'az',
  'local-zones': 'local-zone',
  'dx-locations': 'dx-location',
  'edge-locations': 'edge-location',
  metros: 'metro',
};

/** The catalog's data sets behind each list: where their facts come from, and when. */
const SOURCES_OF: Record<ListName, readonly string[]> = {
  regions: ['regions', 'partitions'],
  azs: ['regions'],
  'local-zones': ['local-zones', 'local-zone-offerings'],
  'dx-locations': ['dx-locations'],
  'edge-locations': ['edge-locations'],
  metros: ['metros'],
};

/** A list's sources, and its as-of date: the oldest of theirs (the list is no newer than that). */
function sourcesOf(list: ListName): { asOf: string; sources: readonly CatalogSource[] } {
  const sources = catalogSources().filter((s) => SOURCES_OF[list].includes(s.data));
  const asOf = sources.map((s) => s.asOf).reduce((a, b) => (b < a ? b : a));
  return { asOf, sources };
}

interface Row {
  readonly id: string;
  readonly name: string;
  readonly lat: number;
  readonly lon: number;
  readonly distanceKm?: number;
  readonly [key: string]: unknown;
}

/** The catalog's record behind a place, flattened for a table or JSON. */
function rowOf(place: Place): Row {
  const base = { id: place.id, name: place.name, lat: place.lat, lon: place.lon };
  switch (place.kind) {
    case 'region': {
      const r = getRegion(place.id);
      return {
        ...base,
        partition: r?.partition,
        city: r?.city,
        country: r?.country,
        metro: r?.metro,
        azIds: r?.azIds,
      };
    }
    case 'local-zone': {
      const z = getLocalZone(place.id);
      const o = getLocalZoneOffering(place.id);
      return {
        ...base,
        // A zone id AWS's documentation did not give follows AWS's rule (usw2-phx2-az1).
        zoneId: z?.zoneId ?? (z ? localZoneId(z, getRegion(z.parentRegion)) : undefined),
        parentRegion: z?.parentRegion,
        parentAzId: z?.parentAzId,
        networkBorderGroup: z?.networkBorderGroup,
        generation: z?.generation,
        metro: z?.metro,
        source: z?.source,
        asOf: z?.asOf,
        instanceFamilies: o?.instanceFamilies,
        services: o?.services,
        offeringsPartial: o?.partial,
        offeringsAsOf: o?.asOf,
      };
    }
    case 'dx-location':
      return { ...base, region: place.region, metro: place.metro, country: place.country };
    case 'edge-location': {
      const e = getEdgeLocation(place.id);
      return {
        ...base,
        code: e?.code,
        metro: place.metro,
        country: place.country,
        cloudFront: e?.cloudFront,
        globalAccelerator: e?.globalAccelerator,
        ...(e?.regionalEdgeCache ? { regionalEdgeCache: e.regionalEdgeCache } : {}),
      };
    }
    case 'metro': {
      const m = listMetros().find((x) => x.id === place.id);
      return { ...base, country: m?.country, population: m?.population };
    }
    default:
      return { ...base, region: place.region };
  }
}

export function registerCatalog(program: Command, io: CliIo): void {
  program
    .command('catalog')
    .description('list what Footprint knows: regions, AZs, Local Zones, DX locations, edge locations, metros')
    .argument('<list>', LISTS.join(' | '), (value: string) => {
      if (!(LISTS as readonly string[]).includes(value)) {
        throw new InvalidArgumentError(`expected one of ${LISTS.join(', ')}`);
      }
      return value as ListName;
    })
    .option('--near <place>', 'sort by distance from a place (any place, or lat,lon)')
    .option(
      '--limit <n>',
      'show at most n entries (default: all; 10 with --near)',
      positiveInteger('--limit'),
    )
    .option('--estate <file>', 'an estate whose sites --near may name')
    .option('--json', 'print JSON')
    .action((list: ListName, options: { near?: string; limit?: number; estate?: string; json?: boolean }) => {
      let places = [...catalogPlaces([KIND_OF[list]])];
      let rows: Row[];
      if (options.near !== undefined) {
        const origin = resolvePlace(options.near, loadOptionalEstate(options.estate));
        rows = places
          .map((p) => ({ place: p, distanceKm: distanceKm(origin, p) }))
          .sort(
            (a, b) =>
              a.distanceKm - b.distanceKm ||
              generationOf(b.place) - generationOf(a.place) ||
              a.place.id.localeCompare(b.place.id),
          )
          .slice(0, options.limit ?? 10)
          .map((n) => ({ ...rowOf(n.place), distanceKm: n.distanceKm }));
      } else {
        if (list === 'metros')
          places = places.sort((a, b) => population(b) - population(a) || a.id.localeCompare(b.id));
        rows = places.map(rowOf).slice(0, options.limit ?? places.length);
      }
      const { asOf, sources } = sourcesOf(list);
      emit(io, options.json === true, { list, asOf, sources, rows }, () => renderRows(list, rows, sources));
    });
}

function population(place: Place): number {
  return listMetros().find((m) => m.id === place.id)?.population ?? 0;
}

/** `catalog as of DATE`, then each source with its own date. */
function asOfLines(sources: readonly CatalogSource[]): string {
  const asOf = sources.map((s) => s.asOf).reduce((a, b) => (b < a ? b : a));
  const each = sources.map((s) => `  ${s.data}: ${s.asOf}, ${s.source}\n`).join('');
  return `catalog as of ${asOf}${sources.length > 1 ? ' (the oldest of its sources)' : ''}:\n${each}`;
}

function renderRows(list: ListName, rows: readonly Row[], sources: readonly CatalogSource[]): string {
  const extra: Record<ListName, { header: string; value: (r: Row) => string }[]> = {
    regions: [
      { header: 'partition', value: (r) => String(r.partition ?? '') },
      { header: 'AZ ids', value: (r) => ((r.azIds as string[] | undefined) ?? []).join(' ') },
    ],
    azs: [{ header: 'region', value: (r) => String(r.region ?? '') }],
    'local-zones': [
      {
        header: 'parent',
        value: (r) => `${r.parentRegion ?? ''}${r.parentAzId ? ` (${r.parentAzId})` : ''}`,
      },
      {
        header: 'instance families',
        value: (r) =>
          `${((r.instanceFamilies as string[] | undefined) ?? []).join(' ')}${r.offeringsPartial ? ' (partial)' : ''}`,
      },
    ],
    'dx-locations': [{ header: 'region', value: (r) => String(r.region ?? '') }],
    'edge-locations': [
      { header: 'metro', value: (r) => String(r.metro ?? '') },
      { header: 'country', value: (r) => String(r.country ?? '') },
      {
        header: 'regional edge cache',
        value: (r) => (r.regionalEdgeCache ? String(r.regionalEdgeCache) : ''),
      },
    ],
    metros: [
      { header: 'country', value: (r) => String(r.country ?? '') },
      { header: 'population', value: (r) => Number(r.population ?? 0).toLocaleString('en-US') },
    ],
  };
  const near = rows.some((r) => r.distanceKm !== undefined)
    ? [{ header: 'km', value: (r: Row) => km(r.distanceKm ?? 0), align: 'right' as const }]
    : [];
  return `${textTable(rows, [
    { header: 'id', value: (r) => r.id },
    ...near,
    { header: 'name', value: (r) => r.name },
    ...extra[list],
  ])}\n${rows.length} ${list}\n${asOfLines(sources)}`;
}
