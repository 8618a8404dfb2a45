/**
 * Where state lives, resolved on the services: sessions (none, memory, replicated with a lag) and a
 * data store's replication (async with a lag and a promotion time, or sync with a quorum of its
 * places). Replication needs at least two places; a quorum at most as many as there are. AWS
 * sources in `state-schema.ts`.
 */
import { durationSeconds } from './duration.js';
import type { EstateInput } from './schema.js';
import type { ComputeTime, Replication, Service, SessionState } from './services.js';
import type { ReplicationInput, SessionsInput } from './state-schema.js';
import type { ReportProblem } from './users.js';

/** A replica becomes the writer in under a minute (Aurora Global Database managed failover). */
export const DEFAULT_PROMOTION_S = 60;

export function resolveState(
  input: EstateInput,
  services: readonly Service[],
  report: ReportProblem,
): Service[] {
  return services.map((service) => {
    const raw = input.services?.[service.id];
    if (!raw || (raw.sessions === undefined && raw.replication === undefined)) return service;
    const sessions = raw.sessions !== undefined ? sessionsOf(raw.sessions) : undefined;
    const replication =
      raw.replication !== undefined ? replicationOf(service, raw.replication, report) : undefined;
    return { ...service, ...(sessions ? { sessions } : {}), ...(replication ? { replication } : {}) };
  });
}

function lag(value: number | { p50: number; p99: number }): ComputeTime {
  return typeof value === 'number' ? { p50Ms: value, p99Ms: value } : { p50Ms: value.p50, p99Ms: value.p99 };
}

function sessionsOf(raw: SessionsInput): SessionState {
  if (raw === 'none' || raw === 'memory') return { kind: raw };
  return { kind: 'replicated', lagMs: lag(raw.replicated.lagMs) };
}

function replicationOf(
  service: Service,
  raw: ReplicationInput,
  report: ReportProblem,
): Replication | undefined {
  const path = [...service.path, 'replication'];
  const places = new Set(service.placements.map((p) => p.place.id)).size;
  if (places < 2) {
    report(
      path,
      {
        code: 'FP_INVALID_VALUE',
        message: `'${service.id}' runs in one place: there is nowhere to replicate to`,
        expected: "at least two places under 'at'",
      },
      'key',
    );
    return undefined;
  }
  if (raw.mode === 'async') {
    const l = lag(raw.lagMs);
    if (l.p99Ms < l.p50Ms) {
      report([...path, 'lagMs'], {
        code: 'FP_INVALID_VALUE',
        message: 'p99 is below p50',
        expected: 'p50 <= p99',
      });
      return undefined;
    }
    return {
      mode: 'async',
      lagMs: l,
      promotionS: raw.promotion !== undefined ? durationSeconds(raw.promotion) : DEFAULT_PROMOTION_S,
    };
  }
  const quorum = raw.quorum ?? Math.floor(places / 2) + 1;
  if (quorum > places) {
    report([...path, 'quorum'], {
      code: 'FP_INVALID_VALUE',
      message: `a quorum of ${quorum} cannot be met by ${places} places`,
      expected: `1 to ${places}`,
    });
    return undefined;
  }
  return { mode: 'sync', quorum, places };
}
