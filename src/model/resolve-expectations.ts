/**
 * Resolution of the estate's latency expectations: each a bound (min, max or both, in order)
 * between two places, or between two trace endpoints of the network when routed.
 */
import type { Diagnostic } from '../errors.js';
import type { Network } from '../network/spec/index.js';
import { didYouMean } from '../suggest.js';
import type { LatencyExpectation } from './estate.js';
import type { PlaceAt } from './resolve-sites.js';
import type { EstateInput } from './schema.js';
import type { DataPath } from './source.js';
import type { ReportProblem } from './users.js';

/** Expected RTTs between places, or between trace endpoints when routed; each needs a bound. */
export function resolveExpectations(
  input: NonNullable<EstateInput['expectations']>,
  placeAt: PlaceAt,
  network: Network | undefined,
  siteLike: readonly { readonly id: string }[],
  report: ReportProblem,
): LatencyExpectation[] {
  const expectations: LatencyExpectation[] = [];
  for (const [i, e] of Object.entries(input)) {
    const routed = e.routed === true;
    const endpointAt = (ref: string, path: DataPath): string | undefined => {
      if (!routed) return placeAt(ref, path, true)?.id;
      return routedEndpoint(ref, path, network, siteLike, report);
    };
    const from = endpointAt(e.from, ['expectations', i, 'from']);
    const to = endpointAt(e.to, ['expectations', i, 'to']);
    const { min, max } = e.rttMs;
    if (min === undefined && max === undefined) {
      report(['expectations', i, 'rttMs'], {
        code: 'FP_MISSING_KEY',
        message: 'an expectation needs a bound',
        expected: '{ min: ms } and/or { max: ms }',
      });
      continue;
    }
    if (min !== undefined && max !== undefined && min > max) {
      report(['expectations', i, 'rttMs'], {
        code: 'FP_INVALID_VALUE',
        message: `expectation range is empty: min ${min} > max ${max}`,
        expected: 'min <= max',
      });
      continue;
    }
    if (!from || !to) continue;
    expectations.push({
      id: i,
      from,
      to,
      routed,
      ...(min !== undefined ? { minMs: min } : {}),
      ...(max !== undefined ? { maxMs: max } : {}),
      ...(e.note !== undefined ? { note: e.note } : {}),
    });
  }
  return expectations;
}

/** A routed expectation names trace endpoints: subnets, sites or on-prem networks of the network. */
function routedEndpoint(
  ref: string,
  path: DataPath,
  network: Network | undefined,
  sites: readonly { readonly id: string }[],
  report: (path: DataPath, d: Diagnostic) => void,
): string | undefined {
  if (!network) {
    report(path, {
      code: 'FP_MISSING_KEY',
      message: 'a routed expectation needs a network section to trace through',
      suggestion: 'add network: { ... }, or drop routed: true to expect the physical RTT',
    });
    return undefined;
  }
  if (network.subnets.has(ref) || network.onPrem.has(ref) || sites.some((s) => s.id === ref)) return ref;
  const suggestion = didYouMean(ref, [
    ...network.subnets.keys(),
    ...network.onPrem.keys(),
    ...sites.map((s) => s.id),
  ]);
  report(path, {
    code: 'FP_UNKNOWN_ELEMENT',
    message: `unknown trace endpoint '${ref}'`,
    expected: 'a subnet, a site or an on-prem network of the estate',
    ...(suggestion ? { suggestion } : {}),
  });
  return undefined;
}
