/**
 * A catalog refresh's first step: partitions and the partition and name of each region, from
 * botocore's partition data (`botocore/data/partitions.json` and `endpoints.json`, what the AWS CLI
 * and SDKs resolve endpoints with: https://github.com/boto/botocore/tree/develop/botocore/data).
 * A partition or region botocore lists and the catalog does not hold is added (a partition) or
 * reported (a region: its city, metro, coordinates and AZ ids are not in the data, so it is added by
 * hand); one the catalog holds and botocore does not list is kept and reported. Pseudo-regions
 * (`aws-global`, `aws-cn-global`…) are not regions. Pure: data in, data and changes out.
 */
import type { CatalogSource, Partition, PartitionId, Region } from '../types.js';
import { byText, type CatalogChange, fieldChanges, refreshedSource, show } from './changes.js';
import type { BotocorePartition, CatalogOutputs } from './outputs.js';

const BOTOCORE = "botocore's data/partitions.json and data/endpoints.json";

/** What the partition step gives the rest of the refresh. */
export interface RefreshedPartitions {
  readonly partitions: readonly Partition[];
  readonly partitionsSource: CatalogSource;
  readonly regions: readonly Region[];
  /** What changed the regions, for their source; undefined when no botocore data was read. */
  readonly regionsReadFrom?: string;
}

/** The botocore files' partitions merged by id: a name from endpoints.json, regions of both. */
function merged(partitions: readonly BotocorePartition[]): BotocorePartition[] {
  const byId = new Map<string, BotocorePartition>();
  for (const p of partitions) {
    const seen = byId.get(p.id);
    const regions = { ...seen?.regions };
    for (const [code, description] of Object.entries(p.regions)) regions[code] ??= description;
    const name = seen?.name ?? p.name;
    byId.set(p.id, {
      id: p.id,
      ...(name !== undefined ? { name } : {}),
      dnsSuffix: seen?.dnsSuffix ?? p.dnsSuffix,
      regions,
    });
  }
  return [...byId.values()].sort((a, b) => byText(a.id, b.id));
}

function refreshPartitionList(
  catalog: { readonly partitions: readonly Partition[] },
  listed: readonly BotocorePartition[],
  changes: CatalogChange[],
): Partition[] {
  const result: Partition[] = [];
  for (const p of listed) {
    const before = catalog.partitions.find((c) => c.id === p.id);
    const next: Partition = {
      id: p.id as PartitionId,
      name: p.name ?? before?.name ?? p.id,
      dnsSuffix: p.dnsSuffix,
    };
    if (!before) {
      const detail = `${next.name}, ${next.dnsSuffix}, ${Object.keys(p.regions).filter(isRegion).length} regions`;
      changes.push({ data: 'partitions', kind: 'added', id: p.id, detail });
    } else {
      const diff = fieldChanges(before, next, ['name', 'dnsSuffix']);
      if (diff.length > 0)
        changes.push({ data: 'partitions', kind: 'changed', id: p.id, detail: diff.join('; ') });
    }
    result.push(next);
  }
  for (const before of catalog.partitions) {
    if (listed.some((p) => p.id === before.id)) continue;
    changes.push({
      data: 'partitions',
      kind: 'skipped',
      id: before.id,
      detail: "not in botocore's data: kept",
    });
    result.push(before);
  }
  return result.sort((a, b) => byText(a.id, b.id));
}

/** `aws-global` and its kind are endpoints' pseudo-regions, not places. */
const isRegion = (code: string): boolean => !code.endsWith('-global');

function refreshRegionPartitions(
  regions: readonly Region[],
  listed: readonly BotocorePartition[],
  changes: CatalogChange[],
): Region[] {
  const where = new Map<string, { partition: string; description: string | undefined }>();
  for (const p of listed)
    for (const [code, description] of Object.entries(p.regions))
      if (isRegion(code)) where.set(code, { partition: p.id, description });
  const result = regions.map((r) => {
    const found = where.get(r.code);
    if (!found) {
      // Only a region of a partition botocore's data lists is missing from it.
      if (listed.some((p) => p.id === r.partition)) {
        const detail = `not in botocore's data for ${r.partition}: kept`;
        changes.push({ data: 'regions', kind: 'skipped', id: r.code, detail });
      }
      return r;
    }
    const next = { ...r, partition: found.partition as PartitionId, name: found.description ?? r.name };
    const diff = fieldChanges(r, next, ['partition', 'name']);
    if (diff.length > 0)
      changes.push({ data: 'regions', kind: 'changed', id: r.code, detail: diff.join('; ') });
    return next;
  });
  const known = new Set(regions.map((r) => r.code));
  for (const [code, found] of [...where].sort(([a], [b]) => byText(a, b))) {
    if (known.has(code)) continue;
    const detail = `in ${found.partition} (${show(found.description)}): add it by hand (city, metro, coordinates, AZ ids)`;
    changes.push({ data: 'regions', kind: 'skipped', id: code, detail });
  }
  return result;
}

/**
 * Partitions and regions brought in line with botocore's data; the catalog's own when none was read.
 * @example refreshPartitions(catalog, outputs, '2026-12-05', changes).partitions.map((p) => p.id)
 */
export function refreshPartitions(
  catalog: {
    readonly partitions: readonly Partition[];
    readonly partitionsSource: CatalogSource;
    readonly regions: readonly Region[];
  },
  outputs: CatalogOutputs,
  asOf: string,
  changes: CatalogChange[],
): RefreshedPartitions {
  const listed = merged(outputs.partitions);
  if (listed.length === 0)
    return {
      partitions: catalog.partitions,
      partitionsSource: catalog.partitionsSource,
      regions: catalog.regions,
    };
  const readFrom = `${BOTOCORE} for ${listed.map((p) => p.id).join(', ')}`;
  return {
    partitions: refreshPartitionList(catalog, listed, changes),
    partitionsSource: refreshedSource(catalog.partitionsSource, [readFrom], asOf),
    regions: refreshRegionPartitions(catalog.regions, listed, changes),
    regionsReadFrom: readFrom,
  };
}
