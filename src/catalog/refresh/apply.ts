/**
 * A catalog refresh: the catalog's data sets brought in line with AWS CLI outputs, and the list of
 * what changed. Only what the outputs cover changes: a region's AZ ids and Local Zones when the
 * zone outputs include that region, a zone's instance families when the offerings list the zone, a
 * region's Direct Connect locations when the location outputs include that region. Everything
 * else is left as it is. Pure: data in, data and changes out.
 */
import type {
  CatalogSource,
  DxLocation,
  LocalZone,
  LocalZoneOffering,
  Metro,
  Partition,
  Region,
} from '../types.js';
import { byText, type CatalogChange, DATA_ORDER, fieldChanges, refreshedSource, show } from './changes.js';
import type { AwsZone, CatalogOutputs } from './outputs.js';
import { refreshPartitions } from './partitions.js';

export type { CatalogChange } from './changes.js';

/** The data sets a refresh reads and rewrites, each with its source. */
export interface RefreshableCatalog {
  readonly partitions: readonly Partition[];
  readonly partitionsSource: CatalogSource;
  readonly regions: readonly Region[];
  readonly regionsSource: CatalogSource;
  readonly localZones: readonly LocalZone[];
  readonly localZonesSource: CatalogSource;
  readonly offerings: readonly LocalZoneOffering[];
  readonly offeringsSource: CatalogSource;
  readonly dxLocations: readonly DxLocation[];
  readonly dxLocationsSource: CatalogSource;
  /** Read only: where a new Local Zone's metro and coordinates come from. */
  readonly metros: readonly Metro[];
}

export interface CatalogRefresh {
  readonly catalog: RefreshableCatalog;
  readonly changes: readonly CatalogChange[];
}

export const COMMANDS = {
  zones: 'aws ec2 describe-availability-zones --all-availability-zones',
  offerings: 'aws ec2 describe-instance-type-offerings --location-type availability-zone',
  dx: 'aws directconnect describe-locations',
};
const SERVICES_NOTE = 'services: general Local Zone rules (2022-02)';

/** What every step of a refresh reads and writes. */
interface Step {
  readonly catalog: RefreshableCatalog;
  readonly outputs: CatalogOutputs;
  readonly asOf: string;
  readonly changes: CatalogChange[];
}

/**
 * A region's AZ ids from the zone outputs (constrained zones left out, as the catalog does);
 * `readFrom` names what else changed the regions in this refresh (botocore's partition data).
 */
function refreshRegions({ catalog, outputs, asOf, changes }: Step, readFrom: string | undefined) {
  const azIds = new Map<string, Set<string>>();
  for (const z of outputs.zones) {
    if ((z.ZoneType ?? 'availability-zone') !== 'availability-zone' || z.State === 'constrained') continue;
    const ids = azIds.get(z.RegionName) ?? new Set<string>();
    ids.add(z.ZoneId);
    azIds.set(z.RegionName, ids);
  }
  const known = new Set(catalog.regions.map((r) => r.code));
  for (const region of [...azIds.keys()].sort(byText)) {
    if (!known.has(region)) {
      const detail = 'not in the catalog: add it by hand (name, city, metro, coordinates, partition)';
      changes.push({ data: 'regions', kind: 'skipped', id: region, detail });
    }
  }
  const regions = catalog.regions.map((r) => {
    const ids = azIds.get(r.code);
    if (!ids) return r;
    const next = { ...r, azIds: [...ids].sort(byText) };
    const diff = fieldChanges(r, next, ['azIds']);
    if (diff.length > 0)
      changes.push({ data: 'regions', kind: 'changed', id: r.code, detail: diff.join('; ') });
    return next;
  });
  const covered = [...azIds.keys()].filter((r) => known.has(r)).sort(byText);
  const parts = [
    ...(readFrom ? [readFrom] : []),
    ...(covered.length > 0 ? [`${COMMANDS.zones} for ${covered.join(', ')}`] : []),
  ];
  const regionsSource =
    parts.length > 0 ? refreshedSource(catalog.regionsSource, parts, asOf) : catalog.regionsSource;
  return { regions, regionsSource };
}

/** A Local Zone in the canonical key order of the data file. */
function localZone(z: LocalZone): LocalZone {
  return {
    name: z.name,
    ...(z.zoneId !== undefined ? { zoneId: z.zoneId } : {}),
    parentRegion: z.parentRegion,
    ...(z.parentAzId !== undefined ? { parentAzId: z.parentAzId } : {}),
    networkBorderGroup: z.networkBorderGroup,
    ...(z.generation !== undefined ? { generation: z.generation } : {}),
    city: z.city,
    metro: z.metro,
    country: z.country,
    lat: z.lat,
    lon: z.lon,
    ...(z.source !== undefined ? { source: z.source } : {}),
    ...(z.asOf !== undefined ? { asOf: z.asOf } : {}),
  };
}

/** The city code of a Local Zone name: `phx` of `us-west-2-phx-2a`. */
function cityCode(zoneName: string, region: string): string | undefined {
  return /^([a-z]+)-\d+[a-z]$/.exec(zoneName.slice(region.length + 1))?.[1];
}

/**
 * Where a zone the catalog does not know is: the metro of a catalog zone of the same region and
 * city code (`us-west-2-phx-1a` for `us-west-2-phx-2a`), else the metro named in its group's long
 * name (`US West (Phoenix) 2`); undefined when neither tells.
 */
function locate(z: AwsZone, catalog: RefreshableCatalog, zones: readonly LocalZone[]) {
  const code = cityCode(z.ZoneName, z.RegionName);
  const sibling = zones.find(
    (c) => c.parentRegion === z.RegionName && cityCode(c.name, c.parentRegion) === code,
  );
  if (sibling) {
    const { city, metro, country, lat, lon } = sibling;
    return { place: { city, metro, country, lat, lon }, how: `metro of ${sibling.name}` };
  }
  const named = /\(([^)]+)\)/.exec(z.GroupLongName ?? '')?.[1]?.toLowerCase();
  const metro = catalog.metros.find((m) => m.name.toLowerCase() === named);
  if (!metro) return undefined;
  const place = { city: metro.name, metro: metro.id, country: metro.country, lat: metro.lat, lon: metro.lon };
  return { place, how: `metro named in "${z.GroupLongName}"` };
}

/** Local Zones of the regions the zone outputs cover: ids and parents updated, new ones placed. */
function refreshLocalZones({ catalog, outputs, asOf, changes }: Step) {
  const listed = outputs.zones.filter((z) => z.ZoneType === 'local-zone');
  const coveredRegions = new Set(outputs.zones.map((z) => z.RegionName));
  const knownRegions = new Set(catalog.regions.map((r) => r.code));
  const byName = new Map(listed.map((z) => [z.ZoneName, z]));
  // A region's output with no Local Zone at all is taken for one without --all-availability-zones
  // (which lists only the zones the account opted in to): its zones are kept, not removed.
  const listsZones = new Set(listed.map((z) => z.RegionName));
  const zones: LocalZone[] = [];
  for (const current of catalog.localZones) {
    const z = byName.get(current.name);
    if (!z) {
      const region = current.parentRegion;
      if (listsZones.has(region)) {
        const detail = `not listed by ${COMMANDS.zones} in ${region}`;
        changes.push({ data: 'local-zones', kind: 'removed', id: current.name, detail });
        continue;
      }
      if (coveredRegions.has(region)) {
        const detail = `kept: no Local Zone of ${region} is listed (was --all-availability-zones left out?)`;
        changes.push({ data: 'local-zones', kind: 'skipped', id: current.name, detail });
      }
      zones.push(current);
      continue;
    }
    const next = localZone({ ...current, ...fromAws(z, asOf) });
    const diff = fieldChanges(current, next, ['zoneId', 'parentRegion', 'parentAzId', 'networkBorderGroup']);
    if (diff.length > 0)
      changes.push({ data: 'local-zones', kind: 'changed', id: current.name, detail: diff.join('; ') });
    zones.push(next);
  }
  const known = new Set(catalog.localZones.map((z) => z.name));
  for (const z of [...listed].sort((a, b) => byText(a.ZoneName, b.ZoneName))) {
    if (known.has(z.ZoneName) || !knownRegions.has(z.RegionName)) continue;
    const found = locate(z, catalog, catalog.localZones);
    if (!found) {
      const detail = `its metro is not known (${z.GroupLongName ?? 'no GroupLongName'}): add it by hand`;
      changes.push({ data: 'local-zones', kind: 'skipped', id: z.ZoneName, detail });
      continue;
    }
    const next = localZone({ name: z.ZoneName, ...fromAws(z, asOf), ...found.place });
    const detail = `zone id ${next.zoneId}, parent ${show(next.parentAzId)}, ${next.city} (${found.how})`;
    changes.push({ data: 'local-zones', kind: 'added', id: z.ZoneName, detail });
    zones.push(next);
  }
  zones.sort((a, b) => byText(a.name, b.name));
  const covered = [...coveredRegions].filter((r) => knownRegions.has(r)).sort(byText);
  const localZonesSource =
    covered.length > 0
      ? refreshedSource(catalog.localZonesSource, [`${COMMANDS.zones} for ${covered.join(', ')}`], asOf)
      : catalog.localZonesSource;
  return { localZones: zones, localZonesSource };
}

/** What a zone of the outputs says of itself, dated and sourced by the command that listed it. */
function fromAws(
  z: AwsZone,
  asOf: string,
): Pick<
  LocalZone,
  'zoneId' | 'parentRegion' | 'parentAzId' | 'networkBorderGroup' | 'generation' | 'source' | 'asOf'
> {
  const group = /-(\d+)[a-z]$/.exec(z.ZoneName)?.[1];
  return {
    zoneId: z.ZoneId,
    parentRegion: z.RegionName,
    ...(z.ParentZoneId !== undefined ? { parentAzId: z.ParentZoneId } : {}),
    networkBorderGroup: z.NetworkBorderGroup ?? z.ZoneName.slice(0, -1),
    ...(group !== undefined ? { generation: Number(group) } : {}),
    source: `${COMMANDS.zones} --region ${z.RegionName}`,
    asOf,
  };
}

/** A Local Zone's offering with the families the offerings list, in the data file's key order. */
function offering(zone: string, families: readonly string[], services: readonly string[], asOf: string) {
  return {
    zone,
    instanceFamilies: families,
    services,
    partial: false,
    asOf,
    note: `families: describe-instance-type-offerings of ${asOf}${services.length > 0 ? `; ${SERVICES_NOTE}` : ''}`,
  };
}

/**
 * Instance families of the Local Zones the offerings list (`c6i` of `c6i.large`). A new record has
 * no services: the outputs do not list them.
 */
function refreshOfferings(step: Step, zones: readonly LocalZone[]) {
  const { catalog, outputs, asOf, changes } = step;
  const families = new Map<string, Set<string>>();
  const zoneNames = new Set(zones.map((z) => z.name));
  for (const o of outputs.offerings) {
    if (!zoneNames.has(o.Location)) continue;
    const set = families.get(o.Location) ?? new Set<string>();
    set.add(o.InstanceType.split('.')[0] ?? o.InstanceType);
    families.set(o.Location, set);
  }
  const current = new Map(catalog.offerings.map((o) => [o.zone, o]));
  const result: LocalZoneOffering[] = [];
  for (const zone of [...new Set([...current.keys(), ...families.keys()])].sort(byText)) {
    const before = current.get(zone);
    const listed = families.get(zone);
    if (!zoneNames.has(zone)) {
      if (before)
        changes.push({ data: 'local-zone-offerings', kind: 'removed', id: zone, detail: 'its zone is gone' });
      continue;
    }
    if (!listed) {
      if (before) result.push(before);
      continue;
    }
    const next = offering(zone, [...listed].sort(byText), before?.services ?? [], asOf);
    if (!before) {
      const detail = `${next.instanceFamilies.join(' ')} (services: none known)`;
      changes.push({ data: 'local-zone-offerings', kind: 'added', id: zone, detail });
    } else {
      const diff = fieldChanges(before, next, ['instanceFamilies', 'partial', 'asOf']);
      if (diff.length > 0)
        changes.push({ data: 'local-zone-offerings', kind: 'changed', id: zone, detail: diff.join('; ') });
    }
    result.push(next);
  }
  const regions = [...new Set(zones.filter((z) => families.has(z.name)).map((z) => z.parentRegion))].sort(
    byText,
  );
  const offeringsSource =
    regions.length > 0
      ? refreshedSource(catalog.offeringsSource, [`${COMMANDS.offerings} for ${regions.join(', ')}`], asOf)
      : catalog.offeringsSource;
  return { offerings: result, offeringsSource };
}

/**
 * Direct Connect locations of the regions the location outputs cover: facility names and regions
 * updated, locations no longer listed removed. A new location has no coordinates in the outputs,
 * so it is reported, not added.
 */
function refreshDxLocations({ catalog, outputs, asOf, changes }: Step) {
  const listed = new Map(outputs.dxLocations.map((l) => [l.locationCode.toLowerCase(), l]));
  const covered = new Set(outputs.dxLocations.map((l) => l.region));
  const result: DxLocation[] = [];
  for (const d of catalog.dxLocations) {
    const l = listed.get(d.code.toLowerCase());
    if (!l) {
      if (covered.has(d.region)) {
        const detail = `not listed by ${COMMANDS.dx} in ${d.region}`;
        changes.push({ data: 'dx-locations', kind: 'removed', id: d.code, detail });
      } else result.push(d);
      continue;
    }
    const next = { ...d, facility: l.locationName, region: l.region };
    const diff = fieldChanges(d, next, ['facility', 'region']);
    if (diff.length > 0)
      changes.push({ data: 'dx-locations', kind: 'changed', id: d.code, detail: diff.join('; ') });
    result.push(next);
  }
  const known = new Set(catalog.dxLocations.map((d) => d.code.toLowerCase()));
  for (const l of [...listed.values()].sort((a, b) => byText(a.locationCode, b.locationCode))) {
    if (known.has(l.locationCode.toLowerCase())) continue;
    const detail = `${l.locationName} (${l.region}): no coordinates in the outputs, add it by hand`;
    changes.push({ data: 'dx-locations', kind: 'skipped', id: l.locationCode, detail });
  }
  const regions = [...covered].sort(byText);
  const dxLocationsSource =
    regions.length > 0
      ? refreshedSource(catalog.dxLocationsSource, [`${COMMANDS.dx} for ${regions.join(', ')}`], asOf)
      : catalog.dxLocationsSource;
  return { dxLocations: result, dxLocationsSource };
}

/**
 * The catalog brought in line with the outputs, and every change, in data-set then id order.
 * @example refreshCatalog(catalog, outputs, '2026-12-05').changes.filter((c) => c.kind === 'added')
 */
export function refreshCatalog(
  catalog: RefreshableCatalog,
  outputs: CatalogOutputs,
  asOf: string,
): CatalogRefresh {
  const changes: CatalogChange[] = [];
  const partitioned = refreshPartitions(catalog, outputs, asOf, changes);
  const step: Step = { catalog: { ...catalog, regions: partitioned.regions }, outputs, asOf, changes };
  const regions = refreshRegions(step, partitioned.regionsReadFrom);
  const localZones = refreshLocalZones(step);
  const offerings = refreshOfferings(step, localZones.localZones);
  const dx = refreshDxLocations(step);
  const sorted = [...changes].sort(
    (a, b) =>
      DATA_ORDER.indexOf(a.data) - DATA_ORDER.indexOf(b.data) || byText(a.id, b.id) || byText(a.kind, b.kind),
  );
  return {
    catalog: {
      ...catalog,
      partitions: partitioned.partitions,
      partitionsSource: partitioned.partitionsSource,
      ...regions,
      ...localZones,
      ...offerings,
      ...dx,
    },
    changes: sorted,
  };
}

/** The diff report: a count line per data set, then a line per change (`+` `-` `~` `!`). */
export function renderCatalogChanges(changes: readonly CatalogChange[]): string {
  const mark = { added: '+', removed: '-', changed: '~', skipped: '!' } as const;
  const lines: string[] = [];
  for (const data of DATA_ORDER) {
    const own = changes.filter((c) => c.data === data);
    const count = (k: CatalogChange['kind']) => own.filter((c) => c.kind === k).length;
    lines.push(
      `${data}: ${count('added')} added, ${count('removed')} removed, ${count('changed')} changed, ${count('skipped')} skipped`,
    );
    for (const c of own) lines.push(`  ${mark[c.kind]} ${c.id}: ${c.detail}`);
  }
  return `${lines.join('\n')}\n`;
}
