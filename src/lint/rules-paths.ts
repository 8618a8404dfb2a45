/**
 * Rules over the estate's paths, traced between every pair of endpoints: routing loops, and paths
 * that return by another way than they came.
 */
import { assertNever } from '../errors.js';
import type { DataPath } from '../model/index.js';
import {
  type CompiledNetwork,
  type ForwardHop,
  type HopKind,
  type Network,
  subnetClasses,
} from '../network/index.js';
import type { LintContext } from './context.js';
import type { LintFinding, LintRule } from './types.js';

/**
 * Every unordered pair of the estate's trace endpoints: one subnet per equivalence class stands for
 * all of its class, and the on-prem networks are endpoints too.
 */
function endpointPairs(compiled: CompiledNetwork, network: Network): [string, string][] {
  const reps = subnetClasses(compiled).members.flatMap((m) => m.slice(0, 1));
  const endpoints = [...reps, ...network.onPrem.keys()];
  return endpoints.flatMap((a, i) => endpoints.slice(i + 1).map((b): [string, string] => [a, b]));
}

export const routingLoop: LintRule = {
  id: 'hygiene/routing-loop',
  title: 'Routing loop',
  severity: 'error',
  description:
    'Route tables or routers that send a packet back to where it has already been: it never arrives. A trace between two endpoints of the estate meets the same decision point twice.',
  check(context) {
    const findings: LintFinding[] = [];
    const compiled = context.compiled;
    const network = context.network;
    if (!compiled || !network) return findings;
    const reported = new Set<string>();
    for (const [a, b] of endpointPairs(compiled, network)) {
      const t = context.trace(a, b);
      for (const loop of t.findings) {
        if (loop.code !== 'loop' || !loop.element || reported.has(loop.element)) continue;
        reported.add(loop.element);
        findings.push({
          rule: this.id,
          severity: this.severity,
          message: `${a} -> ${b}: ${loop.message}`,
          elements: [loop.element, a, b],
          risk: 'unreachable',
          fix: `Give ${loop.element} a route that leads on towards the destination instead of back the way the packet came (\`footprint trace ${a} ${b}\` shows the loop hop by hop).`,
          ...context.at(decisionPointPath(context, network, loop.element)),
        });
      }
    }
    return findings;
  },
};

/** Where a decision point (a route table, a Transit Gateway route table, a site's router) is declared. */
function decisionPointPath(context: LintContext, network: Network, element: string): DataPath {
  if (network.routeTables.has(element)) return ['network', 'routeTables', element];
  const tgwTable = network.tgwRouteTables.get(element);
  if (tgwTable) return ['network', 'transitGateways', tgwTable.transitGateway, 'routeTables', element];
  const router = network.routers.get(element);
  if (router) return ['network', 'routers', router.id];
  return context.estate.sites.some((site) => site.id === element) ? ['sites', element] : ['network'];
}

export const asymmetricPath: LintRule = {
  id: 'hygiene/asymmetric-path',
  title: 'Asymmetric path',
  severity: 'warning',
  description:
    'Traffic that returns by another way than it came breaks stateful firewalls and makes latency depend on direction.',
  check(context) {
    const findings: LintFinding[] = [];
    const compiled = context.compiled;
    const network = context.network;
    if (!compiled || !network) return findings;
    for (const [a, b] of endpointPairs(compiled, network)) {
      const t = context.trace(a, b);
      if (!t.asymmetric) continue;
      const finding = t.findings.find((f) => f.code === 'asymmetric');
      const differing = oneWayHops(t.hops, t.reverse.hops);
      findings.push({
        rule: this.id,
        severity: this.severity,
        message: `${a} <-> ${b}: ${finding?.message ?? 'asymmetric'} (${(t.hops.at(-1)?.rttMs ?? 0).toFixed(1)} ms out, ${(t.reverse.rttMs ?? 0).toFixed(1)} ms back)`,
        elements: [a, b],
        ...(t.rttMs !== undefined ? { asIsRttMs: t.rttMs } : {}),
        risk: 'stateful inspection breaks; direction-dependent latency',
        fix: asymmetryFix(differing),
        ...context.at(['network', network.subnets.has(a) ? 'subnets' : 'onPrem', a]),
      });
    }
    return findings;
  },
};

/** The hops one direction crosses and the other does not (gateways, appliances, circuits). */
function oneWayHops(out: readonly ForwardHop[], back: readonly ForwardHop[]): ForwardHop[] {
  const inOut = new Set(out.map((h) => h.element));
  const inBack = new Set(back.map((h) => h.element));
  const differing = new Map<string, ForwardHop>();
  for (const h of out) if (!inBack.has(h.element) && !differing.has(h.element)) differing.set(h.element, h);
  for (const h of back) if (!inOut.has(h.element) && !differing.has(h.element)) differing.set(h.element, h);
  return [...differing.values()];
}

/** What to change, by what differs between the two directions; the first that applies wins. */
type AsymmetryCause = 'circuit' | 'appliance' | 'transit-gateway' | 'route';
const CAUSE_ORDER: readonly AsymmetryCause[] = ['circuit', 'appliance', 'transit-gateway', 'route'];

function causeOf(kind: HopKind): AsymmetryCause | undefined {
  switch (kind) {
    case 'virtual-interface':
    case 'dx-gateway':
    case 'site':
      return 'circuit';
    case 'appliance':
      return 'appliance';
    case 'transit-gateway':
    case 'tgw-attachment':
      return 'transit-gateway';
    case 'virtual-private-gateway':
    case 'internet-gateway':
    case 'nat-gateway':
    case 'peering':
    case 'subnet':
      return 'route';
    case 'vpc':
    case 'on-prem':
      return undefined; // not a choice of path: where a VPC crosses its region, where a packet ends
    default:
      return assertNever(kind, 'hop kind');
  }
}

function asymmetryFix(differing: readonly ForwardHop[]): string {
  const causes = new Set(differing.map((h) => causeOf(h.kind)));
  const cause = CAUSE_ORDER.find((c) => causes.has(c)) ?? 'route';
  const named = (kinds: readonly HopKind[]) =>
    differing
      .filter((h) => kinds.includes(h.kind))
      .map((h) => h.element)
      .join(', ');
  switch (cause) {
    case 'circuit':
      return 'Make both ends prefer the same circuit: match the prefixes advertised each way, or set local preference on the VIFs.';
    case 'appliance':
      return `Send both directions through the same appliance (${named(['appliance'])} see one direction each): point both route tables at one of them, so that a stateful firewall sees the replies of what it let out.`;
    case 'transit-gateway':
      return `Make the Transit Gateway route tables send both directions through the same attachments (${named(['transit-gateway', 'tgw-attachment'])} carry one direction only), or enable appliance mode on an inspection VPC's attachment.`;
    case 'route':
      return `Make the route tables of both ends send this traffic through the same gateways (${differing.map((h) => h.element).join(', ')} carry one direction only).`;
    default:
      return assertNever(cause, 'asymmetry cause');
  }
}
