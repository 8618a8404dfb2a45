/**
 * One evaluation of a target-tracking scaling policy, as a pure function of what the period
 * measured and what the pool has.
 *
 * AWS behaviour (EC2 Auto Scaling User Guide, "Target tracking scaling policies for Amazon EC2 Auto
 * Scaling"; the metric period is 60 s by default, TargetTrackingMetricStat in the API): the policy's
 * high alarm fires after the metric has been above the target for `outPeriods` consecutive periods
 * (3 of 3 one-minute data points) and scales out to ceil(current x metric / target); its low alarm
 * fires after `inPeriods` periods below (15 of 15; here: below 90 % of the target) and scales in
 * gradually, never below what the metric needs; instances still launching count toward the
 * capacity already asked for. Karpenter with the Horizontal Pod Autoscaler (Kubernetes HPA: 15 s sync
 * period, a 300 s scale-down stabilization window) is the same policy with its own figures.
 */
import { METRIC_UTILISATION, type SimScaling } from './model.js';

/** What the period measured, summed over the pools the policy watches. */
export interface PeriodMeasure {
  /** Busy worker-seconds, worker-seconds and instance-seconds in service over the period. */
  readonly busy: number;
  readonly workers: number;
  readonly instances: number;
  /** Requests routed to the pools over the period. */
  readonly arrivals: number;
  /** Instances in service now. */
  readonly inService: number;
}

/** The pool the policy scales, now. */
export interface PoolState {
  readonly desired: number;
  readonly inService: number;
  /** Instances the service's other pools have or are getting (over-service policies). */
  readonly others: number;
  readonly maximum: number;
  /** Consecutive periods above the target, and below 90 % of it, before this one. */
  readonly above: number;
  readonly below: number;
  readonly sinceScaleInS: number;
}

export interface ScalingDecision {
  readonly desired: number;
  readonly above: number;
  readonly below: number;
  readonly scaledIn: boolean;
  /** The metric the period gave (utilisation, or requests per instance per second). */
  readonly metric: number;
}

/**
 * The policy's decision for one period (before the pool's min and max are applied).
 * @example targetTracking(policy, { busy: 60, workers: 60, instances: 60, arrivals: 600, inService: 1 }, state).desired
 */
export function targetTracking(policy: SimScaling, measure: PeriodMeasure, pool: PoolState): ScalingDecision {
  const { busy, workers, instances, arrivals, inService } = measure;
  let metric: number;
  if (policy.metric === METRIC_UTILISATION) metric = workers > 0 ? busy / workers : arrivals > 0 ? 1 : 0;
  else metric = instances > 0 ? arrivals / instances : arrivals > 0 ? Number.POSITIVE_INFINITY : 0;
  // Capacity the metric asks for, in instances over the pools watched.
  const need = Number.isFinite(metric)
    ? Math.ceil((Math.max(inService, 1) * metric) / policy.target - 1e-9)
    : pool.maximum + pool.others;
  let above = 0;
  let below = 0;
  if (metric > policy.target) above = pool.above + 1;
  else if (metric < 0.9 * policy.target) below = pool.below + 1;
  let desired = pool.desired;
  let scaledIn = false;
  if (above >= policy.outPeriods) desired = Math.max(pool.desired, need - pool.others);
  else if (below >= policy.inPeriods && pool.sinceScaleInS >= policy.cooldownS) {
    const step = Math.max(1, Math.ceil(policy.scaleInShare * pool.inService));
    desired = Math.max(need - pool.others, pool.desired - step);
    scaledIn = desired < pool.desired;
  }
  return { desired, above, below, scaledIn, metric };
}
