/**
 * What placement minimises, in one place so that the MILP, the brute force and the heuristic agree:
 *
 * - `latency`: the mean-based latency of the requests, weighted (each request counts once, its
 *   metros by their share of its users), in ms;
 * - `cost`: instance-hours by price of place, in USD per hour;
 * - `blend`: (1 - w) x latency / today's latency + w x cost / today's cost (unitless, 1 = today).
 *
 * Then, far below anything displayed, tie-breaks in this order: fewer places (no replica that does
 * not pay for itself), the other measure (cost under `latency`, latency under `cost`), and fewer
 * moves away from where services run today. They are scaled by the objective's value today so that
 * they stay small (a place beyond replicas.min costs a thousandth of it, a move a hundred-thousandth),
 * yet above the solver's tolerances.
 */

export type ObjectiveKind = 'latency' | 'cost' | 'blend';
export const OBJECTIVE_KINDS: readonly ObjectiveKind[] = ['latency', 'cost', 'blend'];

export interface ObjectiveSpec {
  readonly kind: ObjectiveKind;
  /** Under `blend`: the weight of cost, from 0 to 1. */
  readonly costWeight: number;
  /** Today's weighted mean-based latency (ms): the scale of `blend` and of the tie-breaks. */
  readonly latencyScaleMs: number;
  /** Today's cost (USD per hour). */
  readonly costScaleUsd: number;
}

/** Tie-break weights, relative to the objective's scale. */
export const TIE_PER_PLACE = 1e-3;
export const TIE_SECONDARY = 1e-4;
export const TIE_PER_MOVE = 1e-5;

/** The coefficients of each measure in the objective. */
export interface ObjectiveWeights {
  /** Per ms of weighted latency. */
  readonly latency: number;
  /** Per USD per hour. */
  readonly cost: number;
  /** Per place a movable service runs at beyond its replicas.min. */
  readonly place: number;
  /** Per place of today a movable service leaves. */
  readonly move: number;
  /** The scale of the objective (its value today, about). */
  readonly scale: number;
}

/** The weights of an objective. */
export function objectiveWeights(spec: ObjectiveSpec): ObjectiveWeights {
  const latencyScale = spec.latencyScaleMs > 0 ? spec.latencyScaleMs : 1;
  const costScale = spec.costScaleUsd > 0 ? spec.costScaleUsd : 1;
  if (spec.kind === 'latency') {
    const scale = latencyScale;
    return {
      latency: 1,
      cost: (TIE_SECONDARY * scale) / costScale,
      place: TIE_PER_PLACE * scale,
      move: TIE_PER_MOVE * scale,
      scale,
    };
  }
  if (spec.kind === 'cost') {
    const scale = costScale;
    return {
      latency: (TIE_SECONDARY * scale) / latencyScale,
      cost: 1,
      place: TIE_PER_PLACE * scale,
      move: TIE_PER_MOVE * scale,
      scale,
    };
  }
  const w = Math.min(1, Math.max(0, spec.costWeight));
  return {
    latency: (1 - w) / latencyScale + (w === 1 ? TIE_SECONDARY / latencyScale : 0),
    cost: w / costScale + (w === 0 ? TIE_SECONDARY / costScale : 0),
    place: TIE_PER_PLACE,
    move: TIE_PER_MOVE,
    scale: 1,
  };
}

/** The primary measure of an objective: what the user asked to minimise, without tie-breaks. */
export function primaryValue(spec: ObjectiveSpec, latencyMs: number, costUsd: number): number {
  if (spec.kind === 'latency') return latencyMs;
  if (spec.kind === 'cost') return costUsd;
  const w = Math.min(1, Math.max(0, spec.costWeight));
  const latencyScale = spec.latencyScaleMs > 0 ? spec.latencyScaleMs : 1;
  const costScale = spec.costScaleUsd > 0 ? spec.costScaleUsd : 1;
  return ((1 - w) * latencyMs) / latencyScale + (w * costUsd) / costScale;
}

/** The unit of the primary measure. */
export function objectiveUnit(kind: ObjectiveKind): string {
  return kind === 'latency' ? 'ms' : kind === 'cost' ? 'USD/h' : 'x today';
}
