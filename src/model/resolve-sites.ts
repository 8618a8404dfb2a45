/**
 * Resolution of the estate's sites and links: a site's position (a metro or coordinates, checked;
 * or a placeholder, not known yet), and a link's ends (each resolves) and what its kind may join
 * (a DX circuit a site to a DX location, a WAN link two sites, a cross-connect two places of one
 * metro, an internet link a site to a place), with a measured RTT no faster than light.
 */
import { getMetro, type Place } from '../catalog/index.js';
import { assertNever } from '../errors.js';
import { distanceKm, isValidCoordinates } from '../geo/index.js';
import type { Estate, EstateLink, LinkKind, PlaceholderSite, Site } from './estate.js';
import { fasterThanLight, LINK_RTT_HELP } from './pings.js';
import { findPlace } from './places.js';
import { estateLink, placeholderLink, placeholderSiteOf } from './resolve-placeholders.js';
import type { EstateInput } from './schema.js';
import type { DataPath } from './source.js';
import { metroDiagnostic, type ReportProblem } from './users.js';

/** A cross-connect joins two places of one metro: at most this far apart. */
export const CROSS_CONNECT_MAX_KM = 150;

/** A place reference resolved, or undefined (reported unless it names a site already reported). */
export type PlaceAt = (ref: string, path: DataPath, hosts: boolean) => Place | undefined;

/** The sites with a position (a metro or coordinates), and those whose position is a placeholder. */
export function resolveSites(
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
export function resolveLinks(
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
    default:
      return assertNever(kind, 'link kind');
  }
}
