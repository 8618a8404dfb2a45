/**
 * Targets of front doors and health checks: a pool written `service@place` (a pool of the
 * service's `capacity`, or one of its `at` placements when it has none), or another front door by
 * id. An unknown reference is reported, located, with what exists and a did-you-mean.
 */
import type { Place } from '../catalog/index.js';
import type { Diagnostic } from '../errors.js';
import { didYouMean } from '../suggest.js';
import type { Estate } from './estate.js';
import type { FrontDoorTarget } from './front-doors.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

/** Resolves a target reference, or reports why it does not resolve and returns undefined. */
export type ResolveTarget = (ref: string, path: DataPath) => FrontDoorTarget | undefined;

/** The pools of each service, by the names a reference may use: the pool's key, its place id, its subnet. */
function poolsByService(estate: Estate): Map<string, Map<string, Place>> {
  const pools = new Map<string, Map<string, Place>>();
  for (const service of estate.services) {
    const names = new Map<string, Place>();
    const capacity = estate.capacity?.get(service.id);
    if (capacity) {
      for (const pool of capacity.pools) {
        const key = pool.path[pool.path.length - 1];
        if (typeof key === 'string') names.set(key, pool.place);
        names.set(pool.place.id, pool.place);
      }
    } else {
      for (const placement of service.placements) {
        names.set(placement.place.id, placement.place);
        if (placement.subnet) names.set(placement.subnet, placement.place);
      }
    }
    pools.set(service.id, names);
  }
  return pools;
}

/** A resolver over the estate's pools and the front door ids. */
export function targetResolver(
  estate: Estate,
  frontDoorIds: readonly string[],
  report: ReportProblem,
): ResolveTarget {
  const pools = poolsByService(estate);
  const serviceIds = [...pools.keys()];
  return (ref, path) => {
    const at = ref.indexOf('@');
    if (at < 0) {
      if (frontDoorIds.includes(ref)) return { kind: 'front-door', id: ref };
      report(path, unknownTarget(ref, frontDoorIds, serviceIds));
      return undefined;
    }
    const service = ref.slice(0, at);
    const placeRef = ref.slice(at + 1);
    const names = pools.get(service);
    if (!names) {
      const suggestion = didYouMean(service, serviceIds);
      report(path, {
        code: 'FP_UNKNOWN_SERVICE',
        message: `unknown service '${service}' in pool '${ref}'`,
        expected: serviceIds.length
          ? `service@place with a service of the estate: ${list(serviceIds)}`
          : 'a service under `services:`',
        ...(suggestion ? { suggestion: suggestion.replace(/'([^']+)'/g, `'$1@${placeRef}'`) } : {}),
      });
      return undefined;
    }
    const place = names.get(placeRef);
    if (!place) {
      const known = [...names.keys()];
      const suggestion = didYouMean(placeRef, known);
      report(path, {
        code: 'FP_UNKNOWN_PLACE',
        message: `'${service}' has no pool at '${placeRef}'`,
        expected: `one of its pools: ${list(known.map((k) => `${service}@${k}`))}`,
        ...(suggestion ? { suggestion: suggestion.replace(/'([^']+)'/g, `'${service}@$1'`) } : {}),
      });
      return undefined;
    }
    return { kind: 'pool', service, place, ref };
  };
}

function unknownTarget(
  ref: string,
  frontDoorIds: readonly string[],
  serviceIds: readonly string[],
): Diagnostic {
  const suggestion = didYouMean(ref, frontDoorIds);
  return {
    code: 'FP_UNKNOWN_FRONT_DOOR',
    message: `unknown front door '${ref}'`,
    expected: `a front door id${frontDoorIds.length ? ` (${list(frontDoorIds)})` : ''}, or a pool as service@place${serviceIds.length ? ` (services: ${list(serviceIds)})` : ''}`,
    ...(suggestion ? { suggestion } : {}),
  };
}

function list(ids: readonly string[]): string {
  return ids.slice(0, 8).join(', ') + (ids.length > 8 ? ', ...' : '');
}

/** The region a pool's place belongs to; undefined for a site. */
export function regionOf(place: Place): string | undefined {
  return place.kind === 'site' ? undefined : place.region;
}
