/**
 * What an instance-hour costs by kind of place: defaults as data, overridable per estate under
 * `placement: instanceHourUsd:` (by kind or by place).
 *
 * Illustrative figures, for comparing designs rather than for a bill: an AZ instance at about the
 * on-demand price of a 4-vCPU general-purpose instance in a US region (m6i.xlarge in us-west-2 is
 * 0.192 USD/h); a Local Zone instance about a fifth dearer than in its parent region, the usual
 * premium of Local Zone on-demand prices; an instance in one of the company's own sites at the
 * marginal cost of spare room it already runs (power, space, amortised servers), about half the
 * cloud price. Put your own figures in the estate.
 */
import type { Estate, PricedKind } from '../model/index.js';

export const DEFAULT_INSTANCE_HOUR_USD: Readonly<Record<PricedKind, number>> = {
  az: 0.2,
  region: 0.2,
  'local-zone': 0.24,
  site: 0.1,
};

/**
 * What the design's instances cost an hour as the estate places them: each service's instances at
 * each of its places times that place's price (by {@link instanceHourUsd}; a subnet's, its zone's),
 * pinned services included. It is placement's "today" when a service's places share a price or its
 * instances are split evenly (placement counts a fleet split evenly over its places).
 * @example estateInstanceCost(estate) // { usdPerHour: 9.2, instances: 52 } for the Ticketmaster example
 */
export function estateInstanceCost(estate: Estate): { usdPerHour: number; instances: number } {
  let usdPerHour = 0;
  let instances = 0;
  for (const service of estate.services)
    for (const p of service.placements) {
      const kind = p.place.kind;
      if (kind !== 'az' && kind !== 'local-zone' && kind !== 'region' && kind !== 'site') continue;
      usdPerHour += instanceHourUsd(estate, p.place.id, kind) * p.instances;
      instances += p.instances;
    }
  return { usdPerHour, instances };
}

/** The price of an instance-hour at a place: the estate's figure for the place, for its kind, or the default. */
export function instanceHourUsd(estate: Estate, placeId: string, kind: PricedKind): number {
  const prices = estate.placement?.instanceHourUsd;
  return prices?.get(placeId) ?? prices?.get(kind) ?? DEFAULT_INSTANCE_HOUR_USD[kind];
}
