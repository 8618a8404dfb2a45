/**
 * Resolving how a scenario's clients and services behave (a phase of scenario.ts): clients'
 * timeouts, attempts and back-off, how they resolve front doors (resolvers per metro, TTL
 * stretching), and how services with start-up dependencies come back (cold-start.ts).
 */
import { durationSeconds } from '../model/index.js';
import { type ColdStartPolicy, DEFAULT_COLD_START } from './cold-start.js';
import { DEFAULT_DNS_CLIENTS, type DnsClients } from './doors/pack-doors.js';
import type { SimClient } from './model.js';
import type { Resolution } from './scenario.js';

/** What clients do: timeout (default 30 s), attempts, backoff, whether errors are retried. */
export function resolveClient({ input, report }: Resolution): SimClient {
  const c = input.client ?? {};
  const client: SimClient = {
    timeoutS: c.timeout !== undefined ? durationSeconds(c.timeout) : 30,
    attempts: c.attempts ?? 1,
    backoffBaseS: c.backoff ? durationSeconds(c.backoff.base) : 0.1,
    backoffCapS: c.backoff ? durationSeconds(c.backoff.cap) : 20,
    retryErrors: c.retryErrors ?? true,
  };
  if (!(client.timeoutS > 0 && client.timeoutS <= 3600))
    report(['client', 'timeout'], 'FP_INVALID_VALUE', `a client timeout of ${c.timeout} is out of range`, {
      expected: 'more than 0 and at most 1h',
    });
  if (client.backoffCapS < client.backoffBaseS || client.backoffCapS > 3600)
    report(
      ['client', 'backoff'],
      'FP_INVALID_VALUE',
      'the backoff cap must be at least its base and at most 1h',
    );
  return client;
}

/** How users resolve front doors: resolvers per metro (1-64), the share stretching TTLs (0-1) to what (at most 1d). */
export function resolveDns({ input, report }: Resolution): DnsClients {
  const dns = input.client?.dns ?? {};
  const resolved: DnsClients = {
    resolvers: dns.resolvers ?? DEFAULT_DNS_CLIENTS.resolvers,
    stretchShare: dns.stretchShare ?? DEFAULT_DNS_CLIENTS.stretchShare,
    stretchToS: dns.stretchTo !== undefined ? durationSeconds(dns.stretchTo) : DEFAULT_DNS_CLIENTS.stretchToS,
  };
  if (!(Number.isInteger(resolved.resolvers) && resolved.resolvers >= 1 && resolved.resolvers <= 64))
    report(
      ['client', 'dns', 'resolvers'],
      'FP_INVALID_VALUE',
      `${dns.resolvers} resolvers per metro is out of range`,
      {
        expected: 'a whole number from 1 to 64',
      },
    );
  if (!(resolved.stretchShare >= 0 && resolved.stretchShare <= 1))
    report(
      ['client', 'dns', 'stretchShare'],
      'FP_INVALID_VALUE',
      `a share of ${dns.stretchShare} is out of range`,
      {
        expected: 'from 0 to 1',
      },
    );
  if (!(resolved.stretchToS >= 0 && resolved.stretchToS <= 86_400))
    report(
      ['client', 'dns', 'stretchTo'],
      'FP_INVALID_VALUE',
      `stretching TTLs to ${dns.stretchTo} is out of range`,
      {
        expected: 'at most 1d',
      },
    );
  return resolved;
}

/** `coldStart:`, over the defaults; the back-off's base at most its cap. */
export function resolveColdStart({ input, report }: Resolution): ColdStartPolicy | undefined {
  const given = input.coldStart;
  if (!given) return undefined;
  const base =
    given.backoff?.base !== undefined ? durationSeconds(given.backoff.base) : DEFAULT_COLD_START.backoffBaseS;
  const cap =
    given.backoff?.cap !== undefined ? durationSeconds(given.backoff.cap) : DEFAULT_COLD_START.backoffCapS;
  if (!(base > 0) || !(cap >= base))
    report(['coldStart', 'backoff'], 'FP_INVALID_VALUE', `a back-off from ${base} s to ${cap} s`, {
      expected: 'base > 0 and cap >= base, e.g. { base: 10s, cap: 5m }',
    });
  return { strict: given.order === 'strict', backoffBaseS: base, backoffCapS: cap };
}
