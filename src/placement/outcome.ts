/**
 * What a placement means for the estate: each service's `at` (instances split evenly, the primary
 * first), the change against today, the estate as it would be, and what the user should know.
 */
import { itemOrThrow } from '../errors.js';
import { type Estate, localZoneOffering, type ServicePlacement } from '../model/index.js';
import { type Assignment, type PlacementProblem, splitInstances } from './problem.js';
import type { ServicePlacementChange } from './result.js';

/** The services' `at` for a placement: instances split evenly, primary first. */
export function placementPatch(
  problem: PlacementProblem,
  assignment: Assignment,
): Record<string, { at: { place: string; instances: number }[] }> {
  const patch: Record<string, { at: { place: string; instances: number }[] }> = {};
  problem.services.forEach((service, s) => {
    if (service.pinned) return;
    const placed = assignment[s] ?? [];
    const split = splitInstances(service.instances, placed.length);
    patch[service.id] = {
      at: placed.map((m, i) => ({
        place: problem.table.endpoints[m]?.id as string,
        instances: split[i] as number,
      })),
    };
  });
  return patch;
}

/**
 * The estate as a placement would make it, for the evaluator: each service that may move runs at its
 * places, its fleet split evenly (primary first), everything else as it is. It patches the resolved
 * estate (the places are the RTT table's endpoints, already resolved) rather than the estate file,
 * so it costs next to nothing and needs no file: the file's own patch is {@link placementPatch}.
 */
export function derive(estate: Estate, problem: PlacementProblem, assignment: Assignment): Estate {
  const moved = new Map(problem.services.filter((s) => !s.pinned).map((s) => [s.id, s.index]));
  return {
    ...estate,
    services: estate.services.map((service) => {
      const s = moved.get(service.id);
      if (s === undefined) return service;
      const placed = assignment[s] ?? [];
      const split = splitInstances(itemOrThrow(problem.services, s, 'service').instances, placed.length);
      const placements: ServicePlacement[] = placed.map((m, i) => {
        const endpoint = itemOrThrow(problem.table.endpoints, m, 'endpoint of a location');
        return {
          place: endpoint.place,
          ...(endpoint.subnet !== undefined ? { subnet: endpoint.subnet } : {}),
          instances: itemOrThrow(split, i, 'instances of a place'),
          path: [...service.path, 'at', i],
        };
      });
      return { ...service, placements };
    }),
  };
}

function sameSet(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((m) => b.includes(m));
}

export function serviceChanges(problem: PlacementProblem, assignment: Assignment): ServicePlacementChange[] {
  const patch = placementPatch(problem, assignment);
  return problem.services.map((service, s) => {
    const today = service.today.map((t) => ({
      place: problem.table.endpoints[t.location]?.id as string,
      instances: t.instances,
    }));
    const proposed = service.pinned ? today : (patch[service.id]?.at ?? today);
    return {
      service: service.id,
      pinned: service.pinned,
      today,
      proposed,
      moved: !sameSet(
        assignment[s] ?? [],
        service.today.map((t) => t.location),
      ),
      candidates: service.candidates.length,
    };
  });
}

/** What the user should know about a proposed placement. */
export function placementNotes(estate: Estate, problem: PlacementProblem, assignment: Assignment): string[] {
  const notes: string[] = [];
  const fewer = new Map<string, string[]>();
  problem.services.forEach((service, s) => {
    if (service.pinned) return;
    const placed = (assignment[s] ?? []).length;
    const before = new Set(service.today.map((t) => t.location)).size;
    if (placed >= before) return;
    const key = `${placed}:${before}`;
    fewer.set(key, [...(fewer.get(key) ?? []), service.id]);
  });
  for (const [key, ids] of fewer) {
    const [placed, before] = key.split(':').map(Number) as [number, number];
    const many = ids.length > 1;
    notes.push(
      `${ids.join(', ')} ${many ? 'run' : 'runs'} at ${placed} place${placed === 1 ? '' : 's'} against ${before} today, so in ${before - placed} fault domain${before - placed === 1 ? '' : 's'} fewer: give ${many ? 'them' : 'it'} replicas: { min: ${before} } to keep ${before}`,
    );
  }
  const zones = new Set(assignment.flat());
  for (const m of [...zones].sort((a, b) => a - b)) {
    const place = problem.locations[m]?.place;
    if (place?.kind !== 'local-zone') continue;
    const offering = localZoneOffering(place.id, estate);
    if (!offering?.partial) continue;
    const users = problem.services.filter((service, s) => !service.pinned && assignment[s]?.includes(m));
    if (users.length === 0) continue;
    notes.push(
      `${place.id}: check that it offers what ${users.map((u) => u.id).join(', ')} need${users.length === 1 ? 's' : ''}: the catalog's record of it is partial (${offering.note ?? 'incomplete'}); say what it offers under 'offerings: ${place.id}'`,
    );
  }
  return notes;
}
