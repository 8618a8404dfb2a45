/**
 * The Local Zone lessons of seed 000 (Ticketmaster): each costs milliseconds, measured by tracing
 * the design as it is and as the fix would make it.
 */
import { getLocalZone, getMetro, listDxLocations } from '../catalog/index.js';
import type { DataPath } from '../model/index.js';
import {
  type CompiledNetwork,
  compileNetwork,
  type ForwardHop,
  forward,
  type OnPremNetwork,
  type Subnet,
  type TraceResult,
  traceRoute,
} from '../network/index.js';
import type { LintContext } from './context.js';
import { ownDirectConnectFixes } from './fix-batches.js';
import { applianceInZone, dxLocationNear, vpcPerLocalZone } from './fixes.js';
import type { LintFinding, LintRule } from './types.js';

/** Below this many ms over the physical best, a path is not worth a finding. */
export const MIN_COST_MS = 5;

/** The declared route a subnet's traffic to an address takes, as a data path for locations. */
function routePath(context: LintContext, subnet: Subnet, address: number): DataPath {
  const route = context.compiled?.routeTables.get(subnet.routeTable)?.lookup(address)?.value;
  const table = context.network?.routeTables.get(subnet.routeTable);
  if (route && table && !table.implicit && !route.implicit)
    return ['network', 'routeTables', table.id, 'routes', route.via];
  return ['network', 'subnets', subnet.id];
}

function fixedTrace(
  estate: Parameters<typeof traceRoute>[0] | undefined,
  from: string,
  to: string,
): TraceResult | undefined {
  if (!estate) return undefined;
  const t = traceRoute(estate, from, to);
  return t.reachable ? t : undefined;
}

function costs(
  asIs: number,
  fixed: number | undefined,
): Pick<LintFinding, 'costMs' | 'asIsRttMs' | 'fixedRttMs'> {
  return fixed === undefined
    ? { asIsRttMs: asIs }
    : { costMs: asIs - fixed, asIsRttMs: asIs, fixedRttMs: fixed };
}

const ms = (v: number | undefined) => (v === undefined ? '?' : v.toFixed(1));

export const lzDxHairpin: LintRule = {
  id: 'lz/dx-hairpin',
  title: 'Local Zone reaches on-prem through the parent region',
  severity: 'warning',
  description:
    "A Local Zone subnet whose on-prem traffic leaves AWS through the parent region's Direct Connect (or any DX location outside its metro) travels to the region and back: 'twice as bad'. Give it its own DX in its metro.",
  check(context) {
    const network = context.network;
    if (!network) return [];
    // The hairpins first, then every fix priced at once (see fix-batches.ts), then the findings.
    const hairpins: {
      subnet: Subnet;
      premises: OnPremNetwork;
      trace: TraceResult & { rttMs: number };
      metro: string;
      parentRegion: string;
      exit: ForwardHop | undefined;
      viaRegion: boolean;
    }[] = [];
    for (const subnet of context.localZoneSubnets()) {
      const zone = getLocalZone(subnet.zone);
      if (!zone) continue;
      for (const premises of network.onPrem.values()) {
        const t = context.trace(subnet.id, premises.id);
        if (!t.reachable || t.rttMs === undefined) continue;
        const exit = t.hops.find((h) => h.kind === 'virtual-interface');
        const exitMetro = exit
          ? context.compiled?.network.virtualInterfaces.get(exit.element)?.location
          : undefined;
        const localExit = exitMetro !== undefined && dxMetro(exitMetro) === zone.metro;
        const viaRegion = t.hops.some((h) => h.place === zone.parentRegion);
        if ((localExit && !viaRegion) || t.rttMs - t.physicalBestRttMs < MIN_COST_MS) continue;
        const trace = { ...t, rttMs: t.rttMs };
        hairpins.push({
          subnet,
          premises,
          trace,
          metro: zone.metro,
          parentRegion: zone.parentRegion,
          exit,
          viaRegion,
        });
      }
    }
    const fixes = ownDirectConnectFixes(context.estate, hairpins);
    return hairpins.map(({ subnet, premises, trace: t, exit, viaRegion, parentRegion, ...zone }, k) => {
      const fix = fixes[k];
      const cidrs = premises.cidrs.map((c) => c.text);
      const dx = dxLocationNear(context.estate, subnet.zone, premises.site);
      const metro = getMetro(zone.metro)?.name ?? zone.metro;
      return {
        rule: this.id,
        severity: this.severity,
        message: `${subnet.id} in the ${metro} Local Zone reaches ${premises.id} at ${premises.site} through ${exit ? `${exit.place}` : 'the region'}${viaRegion ? ` and ${parentRegion}` : ''}: ${ms(t.rttMs)} ms, against ${ms(fix?.fixedRttMs)} ms over a DX of its own`,
        elements: [subnet.id, subnet.routeTable, ...(exit ? [exit.element] : []), premises.id],
        ...costs(t.rttMs, fix?.fixedRttMs),
        fix: `Route ${cidrs.join(', ')} from ${subnet.id} to a virtual private gateway of ${subnet.vpc} over a private VIF on a Direct Connect circuit at ${dx.location} in ${metro}${fix?.newLinks.length ? ' (a new circuit)' : ` (${dx.link})`}.`,
        ...context.at(routePath(context, subnet, premises.cidrs[0]?.base ?? 0)),
      };
    });
  },
};

function dxMetro(location: string): string | undefined {
  const code = location.slice(3).toLowerCase();
  return dxMetros().get(code);
}

let dxMetroIndex: Map<string, string> | undefined;
function dxMetros(): Map<string, string> {
  if (!dxMetroIndex) {
    dxMetroIndex = new Map();
    for (const place of listDxLocations()) dxMetroIndex.set(place.code.toLowerCase(), place.metro);
  }
  return dxMetroIndex;
}

export const lzSharedVpc: LintRule = {
  id: 'lz/shared-vpc',
  title: 'Several Local Zones in one VPC',
  severity: 'warning',
  description:
    "Subnets of two Local Zones in one VPC talk over the local route, which AWS carries through the parent region ('like 60 milliseconds' between Phoenix and Los Angeles). Give each Local Zone its own VPC and hairpin over Direct Connect.",
  check(context) {
    const findings: LintFinding[] = [];
    const network = context.network;
    if (!network) return findings;
    for (const vpc of network.vpcs.values()) {
      const firstByZone = new Map<string, Subnet>();
      for (const s of context.localZoneSubnets())
        if (s.vpc === vpc.id && !firstByZone.has(s.zone)) firstByZone.set(s.zone, s);
      const reps = [...firstByZone.values()];
      for (const [i, a] of reps.entries()) {
        for (const b of reps.slice(i + 1)) {
          const t = context.trace(a.id, b.id);
          if (!t.reachable || t.rttMs === undefined || !t.hops.some((h) => h.kind === 'vpc')) continue;
          const variant = vpcPerLocalZone(context.estate, a, b);
          const fixed = fixedTrace(variant?.estate, a.id, b.id);
          findings.push({
            rule: this.id,
            severity: this.severity,
            message: `${a.id} (${a.zone}) and ${b.id} (${b.zone}) share VPC ${vpc.id}, so their traffic goes through ${vpc.region}: ${ms(t.rttMs)} ms, against ${ms(fixed?.rttMs)} ms with a VPC per Local Zone`,
            elements: [vpc.id, a.id, b.id],
            ...costs(t.rttMs, fixed?.rttMs),
            fix: `Give each Local Zone its own VPC with its own virtual private gateway, and route the other zone's CIDR to that gateway over Direct Connect, with on-prem advertising a prefix that covers it${variant?.newLinks.length ? ` (needs new circuits: ${variant.newLinks.length})` : ''}.`,
            ...context.at(['network', 'vpcs', vpc.id]),
          });
        }
      }
    }
    return findings;
  },
};

/** An address on the public internet (TEST-NET-3, RFC 5737), for "traffic to the internet". */
const INTERNET_ADDRESS = (203 << 24) + (0 << 16) + (113 << 8) + 10;

export const lzParentFirewall: LintRule = {
  id: 'lz/parent-firewall',
  title: 'Local Zone traffic inspected by a firewall in the parent region',
  severity: 'warning',
  description:
    'A Local Zone subnet whose traffic passes through an inspection appliance in the parent region goes to the region and back for every packet. Put an appliance in the Local Zone.',
  check(context) {
    const findings: LintFinding[] = [];
    const compiled = context.compiled;
    if (!compiled) return findings;
    const variants = new Map<string, CompiledNetwork | undefined>();
    for (const subnet of context.localZoneSubnets()) {
      const destinations: { label: string; address: number; onPrem?: OnPremNetwork }[] = [
        ...[...compiled.network.onPrem.values()].map((p) => ({
          label: p.id,
          address: (p.cidrs[0]?.base ?? 0) + 1,
          onPrem: p,
        })),
        { label: 'the internet', address: INTERNET_ADDRESS },
      ];
      for (const destination of destinations) {
        const out = forward(compiled, { kind: 'subnet', id: subnet.id }, destination.address);
        const appliance = out.hops.find((h) => h.kind === 'appliance' && h.place !== subnet.zone);
        if (!out.delivered || !appliance) continue;
        // The variant depends on the appliance and the zone only: one per pair of them.
        const key = `${appliance.element}\u0000${subnet.zone}`;
        if (!variants.has(key)) {
          const variant = applianceInZone(context.estate, appliance.element, subnet.zone);
          variants.set(key, variant && compileNetwork(variant.estate));
        }
        const variant = variants.get(key);
        let fixed: number | undefined;
        if (variant) {
          const again = forward(variant, { kind: 'subnet', id: subnet.id }, destination.address);
          fixed = again.delivered ? again.rttMs : undefined;
        }
        if (fixed !== undefined && out.rttMs - fixed < MIN_COST_MS) continue;
        findings.push({
          rule: this.id,
          severity: this.severity,
          message: `${subnet.id} in ${subnet.zone} sends its traffic to ${destination.label} through ${appliance.element} in ${appliance.place}: ${ms(out.rttMs)} ms, against ${ms(fixed)} ms with the appliance in the Local Zone`,
          elements: [subnet.id, appliance.element],
          ...costs(out.rttMs, fixed),
          fix: `Deploy an inspection appliance in ${subnet.zone} (AWS Network Firewall is not offered in Local Zones) and route ${subnet.id}'s traffic through it.`,
          ...context.at(routePath(context, subnet, destination.address)),
        });
      }
    }
    return findings;
  },
};
