/**
 * The estate's capacity over time, resolved: each service's pools with their places checked, their
 * platform's rules applied and its defaults filled in (EC2 Auto Scaling and Karpenter differ in how
 * often they evaluate and how fast they launch; see `src/sim/capacity.ts` for the AWS sources).
 * This file holds the resolved shapes and resolves each service's entry (its pools, balancing and
 * health check, the last over Elastic Load Balancing's defaults); one pool is resolved in
 * `capacity-pools.ts`.
 */
import type { Place } from '../catalog/index.js';
import { didYouMean } from '../suggest.js';
import { resolvePool } from './capacity-pools.js';
import type { BalancingPolicy, CapacityInput, Platform } from './capacity-schema.js';
import { durationSeconds } from './duration.js';
import type { Estate } from './estate.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

export interface ScalingPolicy {
  readonly metric: 'utilisation' | 'requests-per-instance';
  readonly target: number;
  readonly over: 'pool' | 'service';
  readonly periodS: number;
  readonly outPeriods: number;
  readonly inPeriods: number;
  readonly launchS: number;
  readonly cooldownS: number;
  readonly scaleInShare: number;
}

export interface SpotPolicy {
  readonly share: number;
  readonly hourly: number;
  readonly interruptionsPerHour: number;
  readonly families: readonly string[];
}

export interface CapacityPool {
  readonly service: string;
  readonly place: Place;
  /** The subnet the pool's instances sit in, when the key named one. */
  readonly subnet?: string;
  readonly platform: Platform;
  readonly instanceType?: string;
  /** The instance family (from the type), e.g. `c6i`. */
  readonly family?: string;
  readonly min: number;
  readonly desired: number;
  readonly max: number;
  readonly workers: number;
  /** Infinity when there is no limit. */
  readonly queuePerInstance: number;
  /** USD per instance-hour; undefined when neither the pool nor `placement.instanceHourUsd` says. */
  readonly hourly?: number;
  readonly scaling?: ScalingPolicy;
  readonly spot?: SpotPolicy;
  readonly path: DataPath;
}

/** How a load balancer checks a service's pools (the simulator reads it when a scenario has faults). */
export interface HealthCheckPolicy {
  readonly intervalS: number;
  readonly timeoutS: number;
  readonly unhealthyThreshold: number;
  readonly healthyThreshold: number;
}

export interface ServiceCapacity {
  readonly service: string;
  readonly balancing?: BalancingPolicy;
  readonly healthCheck?: HealthCheckPolicy;
  readonly pools: readonly CapacityPool[];
  readonly path: DataPath;
}

/** Resolves `capacity:` against an estate whose services and placement settings are resolved. */
export function resolveCapacity(
  input: CapacityInput | undefined,
  estate: Estate,
  report: ReportProblem,
): ReadonlyMap<string, ServiceCapacity> | undefined {
  if (!input) return undefined;
  const services = new Map(estate.services.map((s) => [s.id, s]));
  const resolved = new Map<string, ServiceCapacity>();
  for (const [serviceId, entry] of Object.entries(input)) {
    const path: DataPath = ['capacity', serviceId];
    const service = services.get(serviceId);
    if (!service) {
      const suggestion = didYouMean(serviceId, [...services.keys()]);
      report(
        path,
        {
          code: 'FP_UNKNOWN_SERVICE',
          message: `capacity: unknown service '${serviceId}'`,
          expected: services.size
            ? `a service of the estate: ${[...services.keys()].slice(0, 8).join(', ')}`
            : 'a service under `services:`',
          ...(suggestion ? { suggestion } : {}),
        },
        'key',
      );
      continue;
    }
    const pools: CapacityPool[] = [];
    for (const [key, raw] of Object.entries(entry.pools)) {
      const pool = resolvePool(service, key, raw, [...path, 'pools', key], estate, report);
      if (pool) pools.push(pool);
    }
    if (Object.keys(entry.pools).length === 0)
      report([...path, 'pools'], {
        code: 'FP_INVALID_VALUE',
        message: `capacity: service '${serviceId}' has no pool`,
        expected: 'at least one pool, by place',
        suggestion: `remove 'capacity.${serviceId}' to use the service's 'at' as fixed pools`,
      });
    const healthCheck = entry.healthCheck
      ? resolveHealthCheck(entry.healthCheck, [...path, 'healthCheck'], report)
      : undefined;
    resolved.set(serviceId, {
      service: serviceId,
      ...(entry.balancing ? { balancing: entry.balancing } : {}),
      ...(healthCheck ? { healthCheck } : {}),
      pools,
      path,
    });
  }
  return resolved;
}

/**
 * A health check over Elastic Load Balancing's defaults (ELB User Guide for Application Load
 * Balancers, "Health checks for your target groups": interval 5-300 s, default 30; timeout 2-120 s,
 * default 5, less than the interval; thresholds 2-10, defaults 2 unhealthy and 5 healthy).
 */
function resolveHealthCheck(
  raw: NonNullable<CapacityInput[string]['healthCheck']>,
  path: DataPath,
  report: ReportProblem,
): HealthCheckPolicy {
  const intervalS = raw.interval !== undefined ? durationSeconds(raw.interval) : 30;
  const timeoutS = raw.timeout !== undefined ? durationSeconds(raw.timeout) : 5;
  if (!(intervalS >= 5 && intervalS <= 300))
    report([...path, 'interval'], {
      code: 'FP_INVALID_VALUE',
      message: `a health-check interval of ${raw.interval} is out of range`,
      expected: 'from 5s to 300s (Elastic Load Balancing)',
    });
  if (!(timeoutS >= 2 && timeoutS <= 120 && timeoutS < intervalS))
    report([...path, 'timeout'], {
      code: 'FP_INVALID_VALUE',
      message: `a health-check timeout of ${raw.timeout ?? '5s'} does not fit an interval of ${raw.interval ?? '30s'}`,
      expected: 'from 2s to 120s, and less than the interval',
    });
  return {
    intervalS,
    timeoutS,
    unhealthyThreshold: raw.unhealthy ?? 2,
    healthyThreshold: raw.healthy ?? 5,
  };
}
