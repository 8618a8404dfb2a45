/**
 * Resolution: turns validated estate data into an {@link Estate}, checking ids (unique, not
 * shadowing the catalog), references (every one resolves, or a did-you-mean), coordinates, and
 * what each kind of link may join. Collects every problem before failing.
 */
import {
  catalogPlace,
  getLocalZone,
  getLocalZoneOffering,
  getMetro,
  type LocalZoneOffering,
  listLocalZones,
  type Place,
} from '../catalog/index.js';
import { type Diagnostic, FootprintError } from '../errors.js';
import { distanceKm, isValidCoordinates } from '../geo/index.js';
import { type Network, networkIds, resolveNetwork } from '../network/spec/index.js';
import { didYouMean } from '../suggest.js';
import { resolveCapacity } from './capacity.js';
import { resolveCells } from './cells.js';
import type { Estate, EstateLink, LatencyExpectation, LinkKind, PlaceholderSite, Site } from './estate.js';
import { fasterThanLight, LINK_RTT_HELP } from './pings.js';
import { checkZoneCapacity, resolvePlacementSettings } from './placement-settings.js';
import { findPlace, unknownPlaceDiagnostic } from './places.js';
import { resolveFrontDoors } from './resolve-front-doors.js';
import { estateLink, placeholderLink, placeholderSiteOf } from './resolve-placeholders.js';
import { resolveApplication } from './resolve-services.js';
import { resolveState } from './resolve-state.js';
import { resolveDeclaredZones, resolveLocalZoneParents } from './resolve-zones.js';
import { ESTATE_ID_PATTERN, type EstateInput } from './schema.js';
import type { DataPath, EstateSource } from './source.js';
import { metroDiagnostic, type ReportProblem, resolveUsers } from './users.js';

/** A cross-connect joins two places of one metro: at most this far apart. */
export const CROSS_CONNECT_MAX_KM = 150;

/** A place reference resolved, or undefined (reported unless it names a site already reported). */
type PlaceAt = (ref: string, path: DataPath, hosts: boolean) => Place | undefined;

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

/** The sites with a position (a metro or coordinates), and those whose position is a placeholder. */
function resolveSites(
  input: NonNullable<EstateInput['sites']>,
  report: ReportProblem,
): { sites: Site[]; placeholderSites: PlaceholderSite[] } {
  const sites: Site[] = [];
  const placeholderSites: PlaceholderSite[] = [];
  for (const [id, site] of Object.entries(input)) {
    const path = ['sites', id];
    if (site.placeholder !== undefined) {
      const placeholder = placeholderSiteOf(id, site, report);
      if (placeholder) placeholderSites.push(placeholder);
      continue;
    }
    let lat: number | undefined;
    let lon: number | undefined;
    let metroId: Site['metro'];
    let country: string | undefined;
    if (site.metro !== undefined && site.location !== undefined) {
      report(
        [...path, 'location'],
        {
          code: 'FP_INVALID_VALUE',
          message: `site '${id}' has both 'metro' and 'location'`,
          expected: 'exactly one of metro or location',
          suggestion: 'keep location for a precise position, or metro for the metro center',
        },
        'key',
      );
    } else if (site.metro !== undefined) {
      const metro = getMetro(site.metro);
      if (!metro || !site.metro.startsWith('metro:')) {
        report([...path, 'metro'], metroDiagnostic(site.metro));
      } else {
        ({ lat, lon } = metro);
        metroId = metro.id;
        country = metro.country;
      }
    } else if (site.location !== undefined) {
      const [la, lo] = site.location;
      if (!isValidCoordinates(la, lo)) {
        report([...path, 'location'], {
          code: 'FP_BAD_COORDINATES',
          message: `site '${id}' has coordinates out of range: [${la}, ${lo}]`,
          expected: '[latitude, longitude] with latitude in [-90, 90] and longitude in [-180, 180]',
          ...(Math.abs(la) > 90 && Math.abs(lo) <= 90
            ? { suggestion: 'latitude comes first: [lat, lon]' }
            : {}),
        });
      } else {
        lat = la;
        lon = lo;
      }
    } else {
      report(
        path,
        {
          code: 'FP_MISSING_KEY',
          message: `site '${id}' has no position`,
          expected: "'metro: metro:slug' or 'location: [lat, lon]'",
        },
        'key',
      );
    }
    if (lat === undefined || lon === undefined) continue;
    sites.push({
      id,
      kind: 'site',
      siteKind: site.kind,
      name: site.name ?? id,
      lat,
      lon,
      internet: site.internet ?? false,
      ...(metroId ? { metro: metroId } : {}),
      ...(site.country ? { country: site.country.toUpperCase() } : country ? { country } : {}),
      ...(site.capacity ? { capacity: { instances: site.capacity.instances } } : {}),
    });
  }
  return { sites, placeholderSites };
}

/** Links whose ends resolve and whose kind may join them; those with a placeholder end are checked apart. */
function resolveLinks(
  input: NonNullable<EstateInput['links']>,
  partial: Estate,
  placeholderSites: readonly PlaceholderSite[],
  placeAt: PlaceAt,
  report: ReportProblem,
): EstateLink[] {
  const links: EstateLink[] = [];
  const placeholderIds = new Set(placeholderSites.map((s) => s.id));
  for (const [id, link] of Object.entries(input)) {
    const path = ['links', id];
    if (link.between.some((end) => placeholderIds.has(end))) {
      const resolved = placeholderLink(id, link, placeholderIds, (ref) => findPlace(ref, partial), report);
      if (resolved) links.push(resolved);
      continue;
    }
    const a = placeAt(link.between[0], [...path, 'between', 0], false);
    const b = placeAt(link.between[1], [...path, 'between', 1], false);
    if (!a || !b) continue;
    const problem = linkProblem(link.kind, a, b);
    if (problem) {
      report([...path, 'between'], {
        code: 'FP_BAD_LINK',
        message: `link '${id}': ${problem.message}`,
        expected: problem.expected,
      });
      continue;
    }
    const tooFast =
      link.measuredRttMs === undefined ? undefined : fasterThanLight(link.measuredRttMs, a, b, LINK_RTT_HELP);
    if (tooFast)
      report([...path, 'measuredRttMs'], { ...tooFast, message: `link '${id}': ${tooFast.message}` });
    links.push(estateLink(id, link, a.id, b.id));
  }
  return links;
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

/** Expected RTTs between places, or between trace endpoints when routed; each needs a bound. */
function resolveExpectations(
  input: NonNullable<EstateInput['expectations']>,
  placeAt: PlaceAt,
  network: Network | undefined,
  siteLike: readonly { readonly id: string }[],
  report: ReportProblem,
): LatencyExpectation[] {
  const expectations: LatencyExpectation[] = [];
  for (const [i, e] of Object.entries(input)) {
    const routed = e.routed === true;
    const endpointAt = (ref: string, path: DataPath): string | undefined => {
      if (!routed) return placeAt(ref, path, true)?.id;
      return routedEndpoint(ref, path, network, siteLike, report);
    };
    const from = endpointAt(e.from, ['expectations', i, 'from']);
    const to = endpointAt(e.to, ['expectations', i, 'to']);
    const { min, max } = e.rttMs;
    if (min === undefined && max === undefined) {
      report(['expectations', i, 'rttMs'], {
        code: 'FP_MISSING_KEY',
        message: 'an expectation needs a bound',
        expected: '{ min: ms } and/or { max: ms }',
      });
      continue;
    }
    if (min !== undefined && max !== undefined && min > max) {
      report(['expectations', i, 'rttMs'], {
        code: 'FP_INVALID_VALUE',
        message: `expectation range is empty: min ${min} > max ${max}`,
        expected: 'min <= max',
      });
      continue;
    }
    if (!from || !to) continue;
    expectations.push({
      id: i,
      from,
      to,
      routed,
      ...(min !== undefined ? { minMs: min } : {}),
      ...(max !== undefined ? { maxMs: max } : {}),
      ...(e.note !== undefined ? { note: e.note } : {}),
    });
  }
  return expectations;
}

/** A routed expectation names trace endpoints: subnets, sites or on-prem networks of the network. */
function routedEndpoint(
  ref: string,
  path: DataPath,
  network: Network | undefined,
  sites: readonly { readonly id: string }[],
  report: (path: DataPath, d: Diagnostic) => void,
): string | undefined {
  if (!network) {
    report(path, {
      code: 'FP_MISSING_KEY',
      message: 'a routed expectation needs a network section to trace through',
      suggestion: 'add network: { ... }, or drop routed: true to expect the physical RTT',
    });
    return undefined;
  }
  if (network.subnets.has(ref) || network.onPrem.has(ref) || sites.some((s) => s.id === ref)) return ref;
  const suggestion = didYouMean(ref, [
    ...network.subnets.keys(),
    ...network.onPrem.keys(),
    ...sites.map((s) => s.id),
  ]);
  report(path, {
    code: 'FP_UNKNOWN_ELEMENT',
    message: `unknown trace endpoint '${ref}'`,
    expected: 'a subnet, a site or an on-prem network of the estate',
    ...(suggestion ? { suggestion } : {}),
  });
  return undefined;
}

function linkProblem(kind: LinkKind, a: Place, b: Place): { message: string; expected: string } | undefined {
  if (a.id === b.id) return { message: `both ends are '${a.id}'`, expected: 'two different places' };
  const describe = (p: Place) => `${p.kind} '${p.id}'`;
  switch (kind) {
    case 'direct-connect': {
      const dx = [a, b].filter((p) => p.kind === 'dx-location');
      const other = a.kind === 'dx-location' ? b : a;
      if (dx.length !== 1 || other.kind !== 'site') {
        return {
          message: `a direct-connect circuit joins a site to a DX location; got ${describe(a)} and ${describe(b)}`,
          expected: '[site, dx:CODE]',
        };
      }
      return undefined;
    }
    case 'wan':
      if (a.kind !== 'site' || b.kind !== 'site') {
        return {
          message: `a WAN link joins two sites; got ${describe(a)} and ${describe(b)}`,
          expected: '[site, site]',
        };
      }
      return undefined;
    case 'cross-connect': {
      const km = distanceKm(a, b);
      if (km > CROSS_CONNECT_MAX_KM) {
        return {
          message: `a cross-connect stays within a metro, but '${a.id}' and '${b.id}' are ${Math.round(km)} km apart`,
          expected: `two places within ${CROSS_CONNECT_MAX_KM} km (use direct-connect or wan for longer links)`,
        };
      }
      return undefined;
    }
    case 'internet':
      if (a.kind !== 'site' && b.kind !== 'site') {
        return {
          message: `an internet link starts at a site; got ${describe(a)} and ${describe(b)}`,
          expected: '[site, place]',
        };
      }
      return undefined;
  }
}
