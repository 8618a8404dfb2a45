/**
 * One capacity pool of a service, resolved: its place (a subnet's zone, or a place that hosts
 * instances on the pool's platform), its instance counts, its scaling, Spot and worker settings
 * checked, and the platform's defaults filled in: EC2 Auto Scaling and Karpenter differ in how
 * often they evaluate and how fast they launch (see `src/sim/capacity.ts` for the AWS sources).
 */
import type { Place } from '../catalog/index.js';
import type { Subnet } from '../network/spec/index.js';
import type { CapacityPool, ScalingPolicy } from './capacity.js';
import { FIXED_PLATFORMS, type PoolInput, SITE_PLATFORMS } from './capacity-schema.js';
import { durationSeconds } from './duration.js';
import type { Estate } from './estate.js';
import { placementProblems } from './placement-rules.js';
import { findPlace, unknownPlaceDiagnostic } from './places.js';
import type { Service } from './services.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

/** Platform defaults for target tracking. */
const SCALING_DEFAULTS: Readonly<
  Record<'ec2' | 'karpenter', Omit<ScalingPolicy, 'metric' | 'target' | 'over'>>
> = {
  // EC2 Auto Scaling: CloudWatch's 60 s metric; the policy's alarms (3 of 3 high, 15 of 15 low);
  // an instance boots, starts the application and passes its health checks in about two minutes.
  ec2: { periodS: 60, outPeriods: 3, inPeriods: 15, launchS: 120, cooldownS: 300, scaleInShare: 0.1 },
  // Karpenter with the HPA: a 15 s sync period, scale-up at once, scale-down after a 5-minute
  // stabilization window; a node in under a minute.
  karpenter: { periodS: 15, outPeriods: 1, inPeriods: 20, launchS: 60, cooldownS: 0, scaleInShare: 1 },
};

/** The Spot interruption rate when none is given: about 20 % of instances a month. */
const DEFAULT_INTERRUPTIONS_PER_HOUR = 0.0003;

/**
 * One pool of a service: its place (a subnet's zone, or a place that can host instances on the
 * pool's platform), its instance counts, its scaling, Spot and worker settings checked, and the
 * service's needs and residency checked against the place.
 */
export function resolvePool(
  service: Service,
  key: string,
  raw: PoolInput,
  path: DataPath,
  estate: Estate,
  report: ReportProblem,
): CapacityPool | undefined {
  const platform = raw.platform;
  const located = poolPlace(key, platform, path, estate, report);
  if (!located) return undefined;
  const { place, subnet } = located;
  const fixed = FIXED_PLATFORMS.includes(platform);
  const instances = poolInstances(raw, fixed, path, report);
  if (!instances) return undefined;
  const { min, desired, max } = instances;
  if (!checkPoolSettings(raw, fixed, max, path, report)) return undefined;
  const family = raw.instanceType?.split('.')[0];
  const subject = {
    id: service.id,
    needs: family ? { ...service.needs, instanceFamilies: [family] } : service.needs,
    ...(service.residency ? { residency: service.residency } : {}),
  };
  const problems = placementProblems(subject, place, estate);
  for (const problem of problems) report(path, problem, 'key');
  if (problems.length > 0) return undefined;
  const hourly =
    raw.hourly ??
    estate.placement?.instanceHourUsd.get(place.id) ??
    estate.placement?.instanceHourUsd.get(place.kind);
  const scaling =
    raw.scaling && (platform === 'ec2' || platform === 'karpenter')
      ? scalingOf(raw.scaling, platform)
      : undefined;
  return {
    service: service.id,
    place,
    ...(subnet ? { subnet: subnet.id } : {}),
    platform,
    ...(raw.instanceType ? { instanceType: raw.instanceType } : {}),
    ...(family ? { family } : {}),
    min,
    desired,
    max,
    workers: raw.workers,
    queuePerInstance: raw.queuePerInstance ?? Number.POSITIVE_INFINITY,
    ...(hourly !== undefined ? { hourly } : {}),
    ...(scaling ? { scaling } : {}),
    ...(raw.spot
      ? {
          spot: {
            share: raw.spot.share,
            hourly: raw.spot.hourly,
            interruptionsPerHour: raw.spot.interruptionsPerHour ?? DEFAULT_INTERRUPTIONS_PER_HOUR,
            families: raw.spot.families ?? (family ? [family] : ['any']),
          },
        }
      : {}),
    path,
  };
}

/** Where a pool runs: a subnet's zone or a place, one that hosts instances on the pool's platform. */
function poolPlace(
  key: string,
  platform: PoolInput['platform'],
  path: DataPath,
  estate: Estate,
  report: ReportProblem,
): { place: Place; subnet: Subnet | undefined } | undefined {
  const subnet = estate.network?.subnets.get(key);
  const place = subnet ? findPlace(subnet.zone, estate) : findPlace(key, estate, { hosts: false });
  if (!place) {
    report(path, unknownPlaceDiagnostic(key, estate, { hosts: false }), 'key');
    return undefined;
  }
  const atSite = place.kind === 'site';
  if (atSite !== SITE_PLATFORMS.includes(platform)) {
    report([...path, 'platform'], {
      code: 'FP_BAD_PLACEMENT',
      message: atSite
        ? `a pool at the site '${place.id}' cannot be '${platform}': sites run their own servers`
        : `a pool in ${place.kind} '${place.id}' cannot be '${platform}': that platform runs at the company's sites`,
      expected: atSite ? `one of: ${SITE_PLATFORMS.join(', ')}` : 'one of: fixed, ec2, karpenter',
    });
    return undefined;
  }
  if (!['az', 'local-zone', 'region', 'site'].includes(place.kind)) {
    report(
      path,
      {
        code: 'FP_BAD_PLACEMENT',
        message: `instances cannot run at ${place.kind} '${place.id}'`,
        expected: 'an AZ id, a Local Zone, a region, a site or a subnet',
      },
      'key',
    );
    return undefined;
  }
  return { place, subnet };
}

/** The pool's instances, min <= desired <= max; one number for a platform that does not scale. */
function poolInstances(
  raw: PoolInput,
  fixed: boolean,
  path: DataPath,
  report: ReportProblem,
): { min: number; desired: number; max: number } | undefined {
  const platform = raw.platform;
  let min: number;
  let desired: number;
  let max: number;
  if (typeof raw.instances === 'number') {
    min = raw.instances;
    desired = raw.instances;
    max = raw.instances;
  } else {
    min = raw.instances.min ?? 0;
    max = raw.instances.max;
    desired = raw.instances.desired ?? min;
    if (!(min <= desired && desired <= max)) {
      report([...path, 'instances'], {
        code: 'FP_INVALID_VALUE',
        message: `instances: min ${min}, desired ${desired}, max ${max} are out of order`,
        expected: 'min <= desired <= max',
      });
      return undefined;
    }
    if (fixed && min !== max) {
      report([...path, 'instances'], {
        code: 'FP_INVALID_VALUE',
        message: `'${platform}' pools do not scale: their instances are one number`,
        expected: 'instances: N',
        suggestion: `use platform ec2 or karpenter for a pool that scales, or write instances: ${desired}`,
      });
      return undefined;
    }
  }
  return { min, desired, max };
}

/** Scaling and Spot only where the platform scales, a utilisation target it can reach, workers a simulation can hold. */
function checkPoolSettings(
  raw: PoolInput,
  fixed: boolean,
  max: number,
  path: DataPath,
  report: ReportProblem,
): boolean {
  const platform = raw.platform;
  if (fixed && raw.scaling) {
    report(
      [...path, 'scaling'],
      {
        code: 'FP_INVALID_VALUE',
        message: `'${platform}' pools do not scale`,
        expected: 'no scaling on on-premises, eks-hybrid or fixed pools',
        suggestion: 'use platform ec2 or karpenter',
      },
      'key',
    );
    return false;
  }
  if (raw.spot && (platform === 'fixed' || fixed)) {
    report(
      [...path, 'spot'],
      {
        code: 'FP_INVALID_VALUE',
        message: `Spot needs a platform that replaces interrupted instances (ec2 or karpenter), not '${platform}'`,
        expected: 'platform: ec2 or karpenter',
      },
      'key',
    );
    return false;
  }
  if (raw.scaling && (raw.scaling.metric ?? 'utilisation') === 'utilisation' && raw.scaling.target > 1) {
    report([...path, 'scaling', 'target'], {
      code: 'FP_INVALID_VALUE',
      message: `a utilisation target of ${raw.scaling.target} can never be reached`,
      expected: 'a utilisation from 0 to 1, e.g. 0.6',
      suggestion:
        raw.scaling.target <= 100
          ? `write ${raw.scaling.target / 100}`
          : 'use metric: requests-per-instance for a rate',
    });
    return false;
  }
  const slots = 2 * max * raw.workers;
  if (slots > 20_000_000) {
    report([...path, 'workers'], {
      code: 'FP_INVALID_VALUE',
      message: `${max} instances x ${raw.workers} workers is more than a simulation can hold (20 million worker slots with replacements)`,
      expected: 'max x workers up to 10 million',
      suggestion: 'model a group of workers as one (fewer, faster workers) or fewer, larger instances',
    });
    return false;
  }
  return true;
}

function scalingOf(raw: NonNullable<PoolInput['scaling']>, platform: 'ec2' | 'karpenter'): ScalingPolicy {
  const d = SCALING_DEFAULTS[platform];
  return {
    metric: raw.metric ?? 'utilisation',
    target: raw.target,
    over: raw.over ?? 'pool',
    periodS: raw.period !== undefined ? Math.max(1, durationSeconds(raw.period)) : d.periodS,
    outPeriods: raw.outPeriods ?? d.outPeriods,
    inPeriods: raw.inPeriods ?? d.inPeriods,
    launchS: raw.launch !== undefined ? durationSeconds(raw.launch) : d.launchS,
    cooldownS: raw.cooldown !== undefined ? durationSeconds(raw.cooldown) : d.cooldownS,
    scaleInShare: raw.scaleInShare ?? d.scaleInShare,
  };
}
