/**
 * Where a service may run: the kinds of place that host instances, what a zone must offer for the
 * service's needs (instance families, a GPU, AWS services), and data residency. Used when an estate
 * is resolved and, by placement, to filter candidate places.
 *
 * Local Zones offer what the catalog records for them, or what the estate's `offerings:` says.
 * Availability zones and regions are taken to offer every family and service: Footprint does not
 * model regional offerings. The estate's sites host anything; their limit is capacity.
 */
import type { Place, PlaceKind } from '../catalog/index.js';
import type { Diagnostic } from '../errors.js';
import type { Estate } from './estate.js';
import { localZoneOffering } from './places.js';
import type { ServiceNeeds } from './services.js';

/** The kinds of place where service instances run. */
export const HOSTING_KINDS: readonly PlaceKind[] = ['az', 'local-zone', 'region', 'site'];

/** GPU instance families: NVIDIA and AMD GPU instances (g4dn, g5, g6e, gr6, p4d, p5e…). */
const GPU_FAMILY = /^(g|gr|p)\d/;

/**
 * True when an instance family has GPUs.
 * @example isGpuFamily('g4dn') // true
 */
export function isGpuFamily(family: string): boolean {
  return GPU_FAMILY.test(family);
}

/** What placement rules need to know about a service. */
export interface PlacementSubject {
  readonly id: string;
  readonly needs: ServiceNeeds;
  readonly residency?: readonly string[];
}

/**
 * Why `service` may not run at `place`: an empty list when it may. Diagnostics are unlocated;
 * callers add the location of the placement.
 * @example placementProblems({ id: 'db', needs: {}, residency: ['US'] }, catalogPlace('eu-west-1')!, EMPTY_ESTATE)
 * // [{ code: 'FP_RESIDENCY', … }]
 */
export function placementProblems(service: PlacementSubject, place: Place, estate: Estate): Diagnostic[] {
  if (!HOSTING_KINDS.includes(place.kind)) {
    return [
      {
        code: 'FP_BAD_PLACEMENT',
        message: `service '${service.id}' cannot run at ${place.kind} '${place.id}'`,
        expected:
          'an AZ id (usw2-az1), a Local Zone (us-west-2-phx-2a), a region code (some AZ of it) or a site of the estate',
        ...(place.kind === 'dx-location' || place.kind === 'metro'
          ? {
              suggestion: `a ${place.kind === 'metro' ? 'metro is where users are' : 'DX location is where circuits land'}; name the zone or site that runs the instances`,
            }
          : {}),
      },
    ];
  }
  return [...offeringProblems(service, place, estate), ...residencyProblems(service, place)];
}

function offeringProblems(service: PlacementSubject, place: Place, estate: Estate): Diagnostic[] {
  if (place.kind !== 'local-zone') return [];
  const offering = localZoneOffering(place.id, estate);
  if (!offering) return [];
  const families = offering.instanceFamilies;
  const caveat = offering.partial ? `; the catalog's record of this zone is partial (${offering.note})` : '';
  const override = `say so under 'offerings: ${place.id}' in the estate`;
  const problems: Diagnostic[] = [];
  const wanted = service.needs.instanceFamilies;
  if (wanted && !wanted.some((f) => families.includes(f))) {
    problems.push({
      code: 'FP_NOT_OFFERED',
      message: `service '${service.id}' needs ${wanted.length === 1 ? 'the instance family' : 'one of the instance families'} ${wanted.join(', ')}, but ${place.id} offers only ${families.join(', ') || 'none'}${caveat}`,
      expected: `a zone that offers ${wanted.join(' or ')}`,
      suggestion: `run it on ${families.length ? `one of ${families.join(', ')}` : 'another family'} if one fits, place it in the parent region (${place.region}), or, if AWS now offers ${wanted[0]} there, ${override}`,
    });
  }
  if (service.needs.gpu && !families.some(isGpuFamily)) {
    problems.push({
      code: 'FP_NOT_OFFERED',
      message: `service '${service.id}' needs a GPU, but ${place.id} offers no GPU family: it offers ${families.join(', ') || 'none'}${caveat}`,
      expected: 'a zone that offers a GPU family (g*, p*)',
      suggestion: `place it in the parent region (${place.region}) or a zone with GPUs (\`footprint catalog local-zones\` lists each zone's families)`,
    });
  }
  const missing = (service.needs.services ?? []).filter((s) => !offering.services.includes(s));
  if (missing.length > 0) {
    problems.push({
      code: 'FP_NOT_OFFERED',
      message: `service '${service.id}' needs ${missing.join(', ')}, which ${place.id} does not offer: it offers ${offering.services.join(', ') || 'none'}${caveat}`,
      expected: `a zone that offers ${missing.join(' and ')}`,
      suggestion: `place it in the parent region (${place.region}), or, if AWS now offers ${missing[0]} there, ${override}`,
    });
  }
  return problems;
}

function residencyProblems(service: PlacementSubject, place: Place): Diagnostic[] {
  const allowed = service.residency;
  if (!allowed) return [];
  if (place.country === undefined) {
    return [
      {
        code: 'FP_RESIDENCY',
        message: `service '${service.id}' may run only in ${allowed.join(', ')}, but the country of ${place.kind} '${place.id}' is unknown`,
        expected: 'a place whose country Footprint knows',
        suggestion: `give site '${place.id}' a metro, or 'country: US' (ISO 3166-1 alpha-2)`,
      },
    ];
  }
  if (allowed.includes(place.country)) return [];
  return [
    {
      code: 'FP_RESIDENCY',
      message: `service '${service.id}' may run only in ${allowed.join(', ')} (residency), but ${place.id} is in ${place.country}`,
      expected: `a place in ${allowed.join(' or ')}`,
      suggestion: `place it in ${allowed.join(' or ')}, or widen the service's 'residency' if its data may leave`,
    },
  ];
}

/**
 * Codes people write for a country that are not its ISO 3166-1 alpha-2 code, and the code they mean.
 * `UK` is reserved (exceptionally) but the United Kingdom is `GB`; the EU writes Greece `EL`.
 */
export const NOT_ISO_COUNTRY_CODES: Readonly<Record<string, string>> = { UK: 'GB', EL: 'GR' };
