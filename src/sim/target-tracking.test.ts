import { describe, expect, it } from 'vitest';
import { METRIC_REQUESTS_PER_INSTANCE, METRIC_UTILISATION, type SimScaling } from './model.js';
import { targetTracking } from './target-tracking.js';

const ec2: SimScaling = {
  platform: 'ec2',
  metric: METRIC_UTILISATION,
  target: 0.6,
  overService: false,
  periodS: 60,
  outPeriods: 3,
  inPeriods: 15,
  launchS: 120,
  cooldownS: 300,
  scaleInShare: 0.1,
};
const pool = { desired: 10, inService: 10, others: 0, maximum: 50, above: 0, below: 0, sinceScaleInS: 1e9 };
/** A minute at `utilisation` over 10 instances of 2 workers. */
const minute = (utilisation: number) => ({
  busy: utilisation * 1200,
  workers: 1200,
  instances: 600,
  arrivals: 6000,
  inService: 10,
});

describe('target tracking', () => {
  it('scales out only on the third period above the target, to ceil(current x metric / target)', () => {
    const first = targetTracking(ec2, minute(0.9), pool);
    expect(first).toMatchObject({ desired: 10, above: 1, below: 0 });
    const second = targetTracking(ec2, minute(0.9), { ...pool, above: first.above });
    expect(second.desired).toBe(10);
    const third = targetTracking(ec2, minute(0.9), { ...pool, above: second.above });
    expect(third.desired).toBe(15); // 10 x 0.9 / 0.6
    // Instances already asked for count: no second scale-out for the same need.
    expect(targetTracking(ec2, minute(0.9), { ...pool, desired: 15, above: 3 }).desired).toBe(15);
  });

  it('scales in gradually after fifteen periods below 90 % of the target, past the cooldown', () => {
    expect(targetTracking(ec2, minute(0.2), { ...pool, below: 13 }).desired).toBe(10);
    const fifteenth = targetTracking(ec2, minute(0.2), { ...pool, below: 14 });
    expect(fifteenth).toMatchObject({ desired: 9, scaledIn: true }); // 10 % a step, not 10 -> 4 at once
    expect(targetTracking(ec2, minute(0.2), { ...pool, below: 14, sinceScaleInS: 200 }).desired).toBe(10);
    // Between 90 % and 100 % of the target nothing counts either way.
    expect(targetTracking(ec2, minute(0.57), { ...pool, above: 2, below: 9 })).toMatchObject({
      above: 0,
      below: 0,
    });
  });

  it('tracks requests per instance, and counts the service’s other pools', () => {
    const perInstance = { ...ec2, metric: METRIC_REQUESTS_PER_INSTANCE, target: 5 };
    // 6,000 requests over 600 instance-seconds: 10 per instance-second, twice the target.
    expect(targetTracking(perInstance, minute(0.5), { ...pool, above: 2 }).desired).toBe(20);
    // Over the service: 20 needed, 12 elsewhere, so this pool wants 8 (and keeps its 10).
    expect(
      targetTracking(perInstance, minute(0.5), { ...pool, above: 2, others: 12, desired: 4 }).desired,
    ).toBe(8);
  });
});
