/**
 * The estate's `placement:` section: what `footprint place` needs beyond the services themselves,
 * namely the price of an instance-hour (by kind of place or by place) and the capacity of zones that
 * cannot hold everything. Sites give their own capacity under `sites: <id>: capacity`.
 */
import { z } from 'zod';
import { didYouMean } from '../suggest.js';
import type { Estate } from './estate.js';
import { findPlace, unknownPlaceDiagnostic } from './places.js';
import type { Service } from './services.js';
import type { DataPath, EstateSource } from './source.js';
import type { ReportProblem } from './users.js';

/** The kinds of place a price may be given for, as keys of `instanceHourUsd`. */
export const PRICED_KINDS = ['az', 'local-zone', 'region', 'site'] as const;
export type PricedKind = (typeof PRICED_KINDS)[number];

export const placementSettingsSchema = z
  .strictObject({
    instanceHourUsd: z
      .record(z.string(), z.number().nonnegative())
      .optional()
      .describe(
        'what one instance-hour costs in USD, by kind of place (az, local-zone, region, site) or by place (an AZ id, a Local Zone, a site); overrides the defaults',
      ),
    capacity: z
      .record(z.string(), z.number().int().nonnegative())
      .optional()
      .describe(
        'how many service instances an AZ or Local Zone can hold, for zones with a limit (zones are otherwise unlimited; sites give `capacity` themselves)',
      ),
  })
  .describe('what `footprint place` needs beyond the services: instance prices and zone capacity');

export type PlacementSettingsInput = z.infer<typeof placementSettingsSchema>;

/** Prices and zone capacities, resolved: keys are kinds or canonical place ids. */
export interface PlacementSettings {
  /** USD per instance-hour, by kind (`az`, `local-zone`, `region`, `site`) or by canonical place id. */
  readonly instanceHourUsd: ReadonlyMap<string, number>;
  /** Instances a zone can hold, by canonical AZ id or Local Zone name. */
  readonly zoneCapacity: ReadonlyMap<string, number>;
}

/**
 * Resolves `placement:` against an estate whose sites are resolved: every key names a kind or a
 * place that can host instances. Reports problems through `report`.
 */
export function resolvePlacementSettings(
  input: PlacementSettingsInput | undefined,
  estate: Estate,
  report: ReportProblem,
): PlacementSettings | undefined {
  if (!input) return undefined;
  const instanceHourUsd = new Map<string, number>();
  for (const [key, price] of Object.entries(input.instanceHourUsd ?? {})) {
    const path: DataPath = ['placement', 'instanceHourUsd', key];
    if ((PRICED_KINDS as readonly string[]).includes(key)) {
      instanceHourUsd.set(key, price);
      continue;
    }
    const place = findPlace(key, estate, { hosts: false });
    if (!place) {
      const kind = didYouMean(key, PRICED_KINDS);
      const unknown = unknownPlaceDiagnostic(key, estate, { hosts: false });
      report(
        path,
        {
          code: 'FP_UNKNOWN_PLACE',
          message: `instanceHourUsd: '${key}' is neither a kind of place nor a place`,
          expected: `a kind (${PRICED_KINDS.join(', ')}) or a place that runs instances: an AZ id, a Local Zone, a region or a site`,
          ...(kind ? { suggestion: kind } : unknown.suggestion ? { suggestion: unknown.suggestion } : {}),
        },
        'key',
      );
      continue;
    }
    if (!['az', 'local-zone', 'region', 'site'].includes(place.kind)) {
      report(
        path,
        {
          code: 'FP_INVALID_VALUE',
          message: `instanceHourUsd: ${place.kind} '${place.id}' does not run instances`,
          expected: `a kind (${PRICED_KINDS.join(', ')}) or a place that runs instances: an AZ id, a Local Zone, a region or a site`,
        },
        'key',
      );
      continue;
    }
    instanceHourUsd.set(place.id, price);
  }
  const zoneCapacity = new Map<string, number>();
  for (const [key, instances] of Object.entries(input.capacity ?? {})) {
    const path: DataPath = ['placement', 'capacity', key];
    const place = findPlace(key, estate, { hosts: false });
    if (!place) {
      report(path, unknownPlaceDiagnostic(key, estate, { hosts: false }), 'key');
      continue;
    }
    if (place.kind !== 'az' && place.kind !== 'local-zone') {
      report(
        path,
        {
          code: 'FP_INVALID_VALUE',
          message: `placement capacity: '${place.id}' is a ${place.kind}, not a zone`,
          expected: 'an AZ id (usw2-az1) or a Local Zone (us-west-2-phx-2a)',
          ...(place.kind === 'site'
            ? {
                suggestion: `give the site its capacity: sites: ${place.id}: capacity: { instances: ${instances} }`,
              }
            : {}),
        },
        'key',
      );
      continue;
    }
    zoneCapacity.set(place.id, instances);
  }
  return { instanceHourUsd, zoneCapacity };
}

/**
 * Zones hold at most their `placement.capacity`, as sites hold theirs: the instances of every service
 * placed there today, pinned ones included. Reports each zone over it at the last placement of a
 * service that may move (else at the capacity).
 */
export function checkZoneCapacity(
  services: readonly Service[],
  settings: PlacementSettings | undefined,
  source: EstateSource,
  report: ReportProblem,
): void {
  for (const [zone, capacity] of settings?.zoneCapacity ?? []) {
    const here = services.flatMap((s) =>
      s.placements.filter((p) => p.place.id === zone).map((p) => ({ service: s, placement: p })),
    );
    const used = here.reduce((sum, h) => sum + h.placement.instances, 0);
    if (used <= capacity) continue;
    const movable = here.filter((h) => !h.service.pinned);
    const culprit = movable[movable.length - 1];
    const capacityPath: DataPath = ['placement', 'capacity', zone];
    const capacityAt = culprit ? source.locate(capacityPath) : undefined;
    report(culprit ? culprit.placement.path : capacityPath, {
      code: 'FP_CAPACITY',
      message: `zone '${zone}' holds ${capacity} instance${capacity === 1 ? '' : 's'} (placement.capacity), but the services placed there need ${used}: ${here.map((h) => `${h.service.id} ${h.placement.instances}`).join(', ')}`,
      expected: `at most ${capacity} instances at ${zone}${capacityAt ? ` (capacity set at ${capacityAt.file}:${capacityAt.line})` : ''}`,
      suggestion: culprit
        ? `place '${culprit.service.id}' elsewhere, or raise the zone's capacity`
        : "raise the zone's capacity",
    });
  }
}
