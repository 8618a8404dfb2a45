/**
 * Resolution: turns validated estate data into an {@link Estate}, checking ids (unique, not
 * shadowing the catalog), references (every one resolves, or a did-you-mean), coordinates, and
 * what each kind of link may join. Collects every problem before failing. This file runs the
 * phases and checks the ids and the offerings; each other section is resolved in its own file
 * (`resolve-sites.ts` for sites and links, `resolve-expectations.ts`, `resolve-services.ts`, ...).
 */
import {
  catalogPlace,
  getLocalZone,
  getLocalZoneOffering,
  type LocalZoneOffering,
  listLocalZones,
} from '../catalog/index.js';
import { type Diagnostic, FootprintError } from '../errors.js';
import { networkIds, resolveNetwork } from '../network/spec/index.js';
import { didYouMean } from '../suggest.js';
import { resolveCapacity } from './capacity.js';
import { resolveCells } from './cells.js';
import type { Estate } from './estate.js';
import { checkZoneCapacity, resolvePlacementSettings } from './placement-settings.js';
import { findPlace, unknownPlaceDiagnostic } from './places.js';
import { resolveExpectations } from './resolve-expectations.js';
import { resolveFrontDoors } from './resolve-front-doors.js';
import { resolveApplication } from './resolve-services.js';
import { type PlaceAt, resolveLinks, resolveSites } from './resolve-sites.js';
import { resolveState } from './resolve-state.js';
import { resolveDeclaredZones, resolveLocalZoneParents } from './resolve-zones.js';
import { ESTATE_ID_PATTERN, type EstateInput } from './schema.js';
import type { DataPath, EstateSource } from './source.js';
import { type ReportProblem, resolveUsers } from './users.js';

/**
 * Resolves validated estate data in phases: ids, sites, links, the network, users, offerings,
 * expectations, then the application (services, requests, budgets), placement settings,
 * capacity, where state lives, and the front doors and health checks, each reporting its problems;
 * fails with all of them at the end.
 */
export function resolveEstate(input: EstateInput, source: EstateSource): Estate {
  const diagnostics: Diagnostic[] = [];
  const report: ReportProblem = (path, d, on) => {
    const located = source.diagnostic(path, d.code, d.message, {
      ...(d.expected ? { expected: d.expected } : {}),
      ...(d.suggestion ? { suggestion: d.suggestion } : {}),
      ...(on ? { on } : {}),
    });
    diagnostics.push(located);
  };

  checkIds(input, report);
  const { sites, placeholderSites } = resolveSites(input.sites ?? {}, report);
  const availabilityZones = resolveDeclaredZones(input.availabilityZones, report);
  const localZoneParents = resolveLocalZoneParents(input.localZones, availabilityZones, report);
  const partial: Estate = {
    name: input.name,
    files: source.files,
    sites,
    availabilityZones,
    links: [],
    users: [],
    offerings: new Map(),
    expectations: [],
    services: [],
    requests: [],
    budgets: [],
  };
  const placeAt: PlaceAt = (ref, path, hosts) => {
    const place = findPlace(ref, partial, { hosts });
    if (!place) {
      // A reference to a site that failed to resolve was already reported.
      if (!(input.sites && Object.hasOwn(input.sites, ref)))
        report(path, unknownPlaceDiagnostic(ref, partial, { hosts }));
    }
    return place;
  };
  const links = resolveLinks(input.links ?? {}, partial, placeholderSites, placeAt, report);

  const siteLike = [...sites, ...placeholderSites];
  const network = input.network
    ? resolveNetwork(input.network, report, siteLike, links, availabilityZones)
    : undefined;
  const users = resolveUsers(input.users ?? [], ['users'], report);
  const offerings = resolveOfferings(input.offerings ?? {}, source, report);
  const expectations = resolveExpectations(input.expectations ?? {}, placeAt, network, siteLike, report);

  const application = resolveApplication(
    input,
    { ...partial, links, users, offerings, ...(network ? { network } : {}) },
    source,
    report,
  );
  const placement = resolvePlacementSettings(input.placement, partial, report);
  checkZoneCapacity(application.services, placement, source, report);
  const resolvedSoFar: Estate = {
    ...partial,
    links,
    users,
    offerings,
    ...(network ? { network } : {}),
    ...application,
    ...(placement ? { placement } : {}),
  };
  const capacity = resolveCapacity(input.capacity, resolvedSoFar, report);
  const services = resolveState(input, application.services, report);
  const doors = resolveFrontDoors(
    input,
    { ...resolvedSoFar, services, ...(capacity ? { capacity } : {}) },
    report,
  );
  const cells = resolveCells(input.cells, { ...resolvedSoFar, services }, report);

  if (diagnostics.length > 0) throw new FootprintError(diagnostics);
  return {
    name: input.name,
    ...(input.description !== undefined ? { description: input.description } : {}),
    files: source.files,
    sites,
    ...(placeholderSites.length ? { placeholderSites } : {}),
    ...(availabilityZones.length ? { availabilityZones } : {}),
    ...(localZoneParents.size ? { localZoneParents } : {}),
    links,
    users,
    offerings,
    expectations,
    ...(network ? { network } : {}),
    ...application,
    services,
    requests: doors.requests,
    ...(placement ? { placement } : {}),
    ...(capacity ? { capacity } : {}),
    ...(doors.frontDoors.size ? { frontDoors: doors.frontDoors } : {}),
    ...(doors.healthChecks.size ? { healthChecks: doors.healthChecks } : {}),
    ...(cells.length ? { cells } : {}),
    source,
    input,
  };
}

/** Ids: one namespace across sections (the network's elements too), none shadowing a catalog id. */
function checkIds(input: EstateInput, report: ReportProblem): void {
  const owner = new Map<string, string>();
  const declared: { id: string; path: DataPath; section: string }[] = [];
  const sections = [
    'sites',
    'links',
    'availabilityZones',
    'services',
    'requests',
    'frontDoors',
    'healthChecks',
  ] as const;
  for (const section of sections) {
    for (const id of Object.keys(input[section] ?? {})) declared.push({ id, path: [section, id], section });
  }
  if (input.network) {
    for (const { id, path } of networkIds(input.network))
      declared.push({ id, path, section: path.slice(0, -1).join('.') });
  }
  for (const { id, path, section } of declared) {
    if (!ESTATE_ID_PATTERN.test(id)) {
      report(
        path,
        {
          code: 'FP_INVALID_VALUE',
          message: `'${id}' is not a valid id`,
          expected:
            'letters, digits, -, _ and . (starting with a letter or digit); no ":" (reserved for dx: and metro:)',
        },
        'key',
      );
      continue;
    }
    const shadowed = catalogPlace(id);
    if (shadowed) {
      report(
        path,
        {
          code: 'FP_RESERVED_ID',
          message: `'${id}' is a catalog id (${shadowed.kind} ${shadowed.name}); estate ids may not shadow it`,
          suggestion: `rename it, e.g. '${id}-site'`,
        },
        'key',
      );
      continue;
    }
    const previous = owner.get(id.toLowerCase());
    if (previous) {
      report(
        path,
        {
          code: 'FP_DUPLICATE_ID',
          message: `id '${id}' is already used in ${previous}`,
          expected: 'ids unique across sites, links, network elements and every other section',
          suggestion: 'rename one of them',
        },
        'key',
      );
      continue;
    }
    owner.set(id.toLowerCase(), section);
  }
}

/** The estate's own view of what Local Zones offer, over the catalog's. */
function resolveOfferings(
  input: NonNullable<EstateInput['offerings']>,
  source: EstateSource,
  report: ReportProblem,
): Map<string, LocalZoneOffering> {
  const offerings = new Map<string, LocalZoneOffering>();
  for (const [zone, override] of Object.entries(input)) {
    if (!getLocalZone(zone)) {
      const suggestion = didYouMean(
        zone,
        listLocalZones().map((z) => z.name),
      );
      report(
        ['offerings', zone],
        {
          code: 'FP_UNKNOWN_PLACE',
          message: `offerings: '${zone}' is not a Local Zone`,
          expected: 'a Local Zone name, e.g. us-west-2-phx-2a (see `footprint catalog local-zones`)',
          ...(suggestion ? { suggestion } : {}),
        },
        'key',
      );
      continue;
    }
    const base = getLocalZoneOffering(zone);
    offerings.set(zone, {
      zone,
      instanceFamilies: override.instanceFamilies ?? base?.instanceFamilies ?? [],
      services: override.services ?? base?.services ?? [],
      partial: false,
      asOf: 'estate',
      note: `overridden by ${source.locate(['offerings', zone])?.file ?? 'the estate'}`,
    });
  }
  return offerings;
}
