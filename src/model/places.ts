/**
 * One namespace of places: the estate's sites, the catalog's ids (regions, AZ ids, Local Zones,
 * `dx:CODE`, `metro:slug`) and internet hosts given as `lat,lon`.
 */
import {
  catalogAliases,
  catalogPlace,
  catalogPlaces,
  getLocalZone,
  getLocalZoneOffering,
  type LocalZoneOffering,
  type Place,
} from '../catalog/index.js';
import { type Diagnostic, FootprintError } from '../errors.js';
import { formatLatLon, looksLikeLatLon, parseLatLon } from '../geo/index.js';
import { closestMatches } from '../suggest.js';
import type { Estate, PlaceholderSite } from './estate.js';

export const PLACE_EXPECTATION =
  'a site of the estate, a region (us-west-2), an AZ id (usw2-az1), a Local Zone (us-west-2-phx-2a), dx:CODE, metro:slug, or lat,lon';

/**
 * Looks a place up by reference; undefined when nothing matches. Sites match exactly; catalog ids
 * case-insensitively; `lat,lon` (or `geo:lat,lon`) makes an internet host.
 * @example findPlace('dx:ecph1', EMPTY_ESTATE)?.id // 'dx:ECPH1'
 */
export function findPlace(ref: string, estate: Estate, options: { hosts?: boolean } = {}): Place | undefined {
  const site = estate.sites.find((s) => s.id === ref);
  if (site) return site;
  const place = catalogPlace(ref);
  if (place) return place;
  const zone = estate.availabilityZones?.find((z) => z.id === ref);
  if (zone) return zone;
  if (options.hosts !== false) {
    const point = parseLatLon(ref);
    if (point) return hostPlace(point.lat, point.lon);
  }
  return undefined;
}

/** An internet host at a point. Its id is the point as `lat,lon`. */
export function hostPlace(lat: number, lon: number): Place {
  const id = formatLatLon({ lat, lon });
  return { id, kind: 'host', name: `internet host at ${id}`, lat, lon };
}

/**
 * A place by the name a user gives it: a site of the estate, a region, an AZ id, a Local Zone,
 * `dx:CODE` or `metro:slug` (catalog ids in any case), or `lat,lon` for an internet host. Like
 * {@link findPlace}, but a reference that matches nothing throws FP_UNKNOWN_PLACE (or
 * FP_BAD_COORDINATES) with the closest ids as a suggestion.
 * @example
 * resolvePlace('dx:ecph1', estate).id // 'dx:ECPH1'
 * resolvePlace('metro:phenix', estate) // throws FP_UNKNOWN_PLACE: did you mean 'metro:phoenix'…?
 */
export function resolvePlace(ref: string, estate: Estate, options: { hosts?: boolean } = {}): Place {
  const place = findPlace(ref, estate, options);
  if (place) return place;
  const placeholder = estate.placeholderSites?.find((s) => s.id === ref);
  if (placeholder) throw new FootprintError(placeholderDiagnostic(placeholder));
  throw new FootprintError(unknownPlaceDiagnostic(ref, estate, options));
}

/**
 * Why a placeholder site cannot be measured, and what to fill in (`withText`: quote what the
 * placeholder says, for messages without a code frame that shows it).
 */
export function placeholderDiagnostic(site: PlaceholderSite, withText = true): Diagnostic {
  return {
    code: 'FP_PLACEHOLDER_SITE',
    message: `site '${site.id}' is a placeholder: its position is not known yet${withText ? ` (${site.placeholder})` : ''}`,
    suggestion: `give sites.${site.id} a 'metro: metro:slug' or 'location: [lat, lon]' and remove 'placeholder'`,
  };
}

/** The diagnostic for a reference that matches nothing (unlocated; callers add a location). */
export function unknownPlaceDiagnostic(
  ref: string,
  estate: Estate,
  options: { hosts?: boolean } = {},
): Diagnostic {
  if (options.hosts !== false && looksLikeLatLon(ref)) {
    const swapped = swappedLatLon(ref);
    return {
      code: 'FP_BAD_COORDINATES',
      message: `'${ref}' is not a valid position`,
      expected: 'lat,lon with latitude in [-90, 90] and longitude in [-180, 180]',
      ...(swapped
        ? { suggestion: `did you mean '${swapped}'? a position is latitude first, then longitude` }
        : {}),
    };
  }
  const expected =
    options.hosts === false ? PLACE_EXPECTATION.replace(', or lat,lon', '') : PLACE_EXPECTATION;
  // No "did you mean" for an empty name or a stray value: any place would be as close as another.
  if (ref.trim() === '') return { code: 'FP_UNKNOWN_PLACE', message: 'a place name is empty', expected };
  if (/^(nan|undefined|null|[+-]?infinity|[+-]?\d+(\.\d+)?(e[+-]?\d+)?)$/i.test(ref.trim()))
    return {
      code: 'FP_UNKNOWN_PLACE',
      message: `'${ref}' is not a place name: it reads as ${/^[+-]?\d/.test(ref.trim()) ? 'a number' : 'a missing value'}`,
      expected,
      suggestion: 'name a place, or give a position as lat,lon (two numbers)',
    };
  const suggestion = suggestPlaces(ref, estate);
  return {
    code: 'FP_UNKNOWN_PLACE',
    message: `unknown place '${ref}'`,
    expected,
    ...(suggestion ? { suggestion } : {}),
  };
}

/** `lat,lon` written as `lon,lat`: the swapped pair when only it is in range. */
function swappedLatLon(ref: string): string | undefined {
  const [a, b] = ref
    .replace(/^geo:/i, '')
    .split(',')
    .map((x) => Number(x.trim()));
  if (a === undefined || b === undefined || !Number.isFinite(a) || !Number.isFinite(b)) return undefined;
  const valid = (lat: number, lon: number) => Math.abs(lat) <= 90 && Math.abs(lon) <= 180;
  return !valid(a, b) && valid(b, a) ? `${b},${a}` : undefined;
}

/** A did-you-mean over every place id the estate and catalog know. */
export function suggestPlaces(ref: string, estate: Estate): string | undefined {
  const ids = [
    ...estate.sites.map((s) => s.id),
    ...(estate.availabilityZones ?? []).map((z) => z.id),
    ...catalogPlaces().map((p) => p.id),
    ...catalogAliases(),
  ];
  let matches = closestMatches(ref, ids);
  // `phoenix` alone most likely means the metro, the Local Zone or the DX location there.
  if (matches.length === 0 && !ref.includes(':')) matches = closestMatches(`metro:${ref}`, ids);
  if (matches.length === 0) return undefined;
  return `did you mean ${matches.map((m) => `'${m}'`).join(' or ')}? (\`footprint catalog\` lists places)`;
}

/** What a Local Zone offers: the estate's override if it has one, else the catalog's record. */
export function localZoneOffering(zone: string, estate: Estate): LocalZoneOffering | undefined {
  return estate.offerings.get(zone) ?? getLocalZoneOffering(zone);
}

/**
 * The zone ID of the AZ that runs Local Zone `zone`'s control plane: the estate's declaration
 * (`localZones:`), else the catalog's; undefined when neither knows it.
 * @example localZoneParent('us-east-1-bos-1a', EMPTY_ESTATE) // 'use1-az4'
 */
export function localZoneParent(zone: string, estate: Estate): string | undefined {
  return estate.localZoneParents?.get(zone) ?? getLocalZone(zone)?.parentAzId;
}
