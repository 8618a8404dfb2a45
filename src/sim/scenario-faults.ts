/**
 * A scenario's `faults:`, resolved: each fault's kind, what it names and its times, checked where
 * the design does not matter (one kind per fault, a window inside the run). What it names (a place,
 * a pool, a link, a service) is checked against each design when it compiles (compile-faults.ts).
 */
import type { DataPath } from '../model/index.js';
import { durationSeconds } from '../model/index.js';
import type { Report } from './demand.js';
import type { FaultInput } from './scenario-schema.js';

/** Servers that do not scale come back this long after their place is back, unless the fault says. */
export const DEFAULT_BOOT_S = 300;

export type LostKind = 'region' | 'zone' | 'site' | 'pool';

export interface ScenarioFault {
  readonly startS: number;
  /** +Infinity when it lasts till the end of the run; its start for instances lost. */
  readonly endS: number;
  readonly lose?: {
    readonly kind: LostKind;
    readonly id: string;
    readonly instances: number;
    readonly bootS: number;
  };
  readonly cut?: { readonly link: string };
  readonly brownout?: {
    readonly service: string;
    readonly place?: string;
    readonly addedLatencyS: number;
    readonly errorRate: number;
  };
  readonly deploy?: {
    readonly service: string;
    readonly addedLatencyS: number;
    readonly errorRate: number;
    readonly oneAtATime: boolean;
    readonly bakeS: number;
    /** +Infinity: no alarm stops it. */
    readonly alarmS: number;
    readonly rollbackS: number;
  };
  readonly path: DataPath;
}

const LOST_KINDS: readonly LostKind[] = ['region', 'zone', 'site', 'pool'];

/** Resolves the faults; problems go to `report`, located at the fault. */
export function resolveFaults(
  inputs: readonly FaultInput[],
  durationS: number,
  duration: string | number,
  report: Report,
): ScenarioFault[] {
  const faults: ScenarioFault[] = [];
  inputs.forEach((input, i) => {
    const path: DataPath = ['faults', i];
    const startS = durationSeconds(input.at);
    const forS = input.for !== undefined ? durationSeconds(input.for) : Number.POSITIVE_INFINITY;
    const kinds = (['lose', 'cut', 'brownout', 'deploy'] as const).filter((k) => input[k] !== undefined);
    if (kinds.length !== 1) {
      report(
        path,
        'FP_INVALID_VALUE',
        kinds.length
          ? `a fault is one thing (lose, cut, brownout or deploy), not ${kinds.join(' and ')}`
          : 'the fault names nothing that fails',
        {
          expected:
            '{ at, for, lose: { region | zone | site | pool } }, { at, for, cut: { link } }, { at, for, brownout: { service, latency, errorRate } } or { at, deploy: { service, strategy, bake, alarm, rollback } }',
        },
      );
      return;
    }
    if (startS >= durationS)
      report([...path, 'at'], 'FP_INVALID_VALUE', 'the fault starts after the run ends', {
        expected: `before ${duration}`,
      });
    if (!(forS > 0))
      report([...path, 'for'], 'FP_INVALID_VALUE', `a fault lasting ${input.for} is out of range`, {
        expected: 'more than 0',
      });
    const base = { startS, endS: startS + forS, path };
    if (input.lose) {
      const lose = input.lose;
      const named = LOST_KINDS.filter((k) => lose[k] !== undefined);
      if (named.length !== 1) {
        report(
          [...path, 'lose'],
          'FP_INVALID_VALUE',
          named.length ? `lose one thing, not ${named.join(' and ')}` : 'lose what?',
          {
            expected: '{ region: ID }, { zone: ID }, { site: ID } or { pool: service@place, instances: N }',
          },
        );
        return;
      }
      const kind = named[0] as LostKind;
      if ((kind === 'pool') !== (lose.instances !== undefined))
        report(
          [...path, 'lose'],
          'FP_INVALID_VALUE',
          kind === 'pool' ? 'how many instances does the pool lose?' : "'instances' goes with 'pool'",
          {
            expected: '{ pool: service@place, instances: N }',
          },
        );
      if (kind === 'pool' && input.for !== undefined)
        report([...path, 'for'], 'FP_INVALID_VALUE', "instances lost do not come back after 'for'", {
          expected:
            'no `for`: an Auto Scaling group or Karpenter replaces them; on-premises and fixed pools do not',
          suggestion: 'drop `for`, or lose the place instead (it comes back after `for`)',
        });
      faults.push({
        ...base,
        ...(kind === 'pool' ? { endS: startS } : {}),
        lose: {
          kind,
          id: lose[kind] as string,
          instances: lose.instances ?? 0,
          bootS: lose.boot !== undefined ? durationSeconds(lose.boot) : DEFAULT_BOOT_S,
        },
      });
    } else if (input.cut) faults.push({ ...base, cut: { link: input.cut.link } });
    else if (input.deploy)
      faults.push({ ...base, deploy: resolveDeploy(input.deploy, [...path, 'deploy'], report) });
    else if (input.brownout) {
      const b = input.brownout;
      if (b.latency === undefined && b.errorRate === undefined)
        report([...path, 'brownout'], 'FP_INVALID_VALUE', 'the brown-out changes nothing', {
          expected: 'latency (e.g. 200ms), errorRate (0-1), or both',
        });
      faults.push({
        ...base,
        brownout: {
          service: b.service,
          ...(b.place !== undefined ? { place: b.place } : {}),
          addedLatencyS: b.latency !== undefined ? durationSeconds(b.latency) : 0,
          errorRate: b.errorRate ?? 0,
        },
      });
    }
  });
  return faults;
}

/** Defaults of a push: a 10-minute bake per cell, an alarm after three 1-minute datapoints, 2 minutes to roll back. */
export const DEPLOY_DEFAULTS = { bakeS: 600, alarmS: 180, rollbackS: 120 } as const;

function resolveDeploy(
  d: NonNullable<FaultInput['deploy']>,
  path: DataPath,
  report: Report,
): NonNullable<ScenarioFault['deploy']> {
  const seconds = (value: string | number | undefined, fallback: number) =>
    value === undefined ? fallback : durationSeconds(value);
  const errorRate = d.errorRate ?? (d.latency === undefined ? 1 : 0);
  const addedLatencyS = seconds(d.latency, 0);
  if (errorRate === 0 && addedLatencyS === 0)
    report(path, 'FP_INVALID_VALUE', 'the push changes nothing', {
      expected: 'errorRate above 0, latency, or both',
    });
  const oneAtATime = d.strategy === 'one-at-a-time';
  if (!oneAtATime && d.bake !== undefined)
    report([...path, 'bake'], 'FP_INVALID_VALUE', "'bake' goes with strategy one-at-a-time", {
      expected: 'strategy: one-at-a-time',
    });
  const alarmS = seconds(d.alarm, DEPLOY_DEFAULTS.alarmS);
  return {
    service: d.service,
    addedLatencyS,
    errorRate,
    oneAtATime,
    bakeS: seconds(d.bake, DEPLOY_DEFAULTS.bakeS),
    alarmS: alarmS > 0 ? alarmS : Number.POSITIVE_INFINITY,
    rollbackS: seconds(d.rollback, DEPLOY_DEFAULTS.rollbackS),
  };
}
