/**
 * Forwarding over Direct Connect: from a VGW towards on-prem over its virtual interfaces, from a
 * virtual interface into AWS (through a VGW or a DX gateway), and along a VIF's circuit to its
 * site.
 *
 * AWS rules applied here (aws-facts.md; the full list is in `forward.ts`):
 * - traffic to a VGW over Direct Connect leaves AWS at the DX location of the circuit, straight from
 *   the zone (inside the US, DX traffic does not pass through the parent region);
 * - a DX gateway carries no VPC-to-VPC traffic: a VGW only sends to on-prem what on-prem advertises,
 *   so a hairpin works only where on-prem advertises a covering prefix.
 *
 * A site whose position is not known yet (a placeholder) ends the packet's path where it would
 * leave for that site: at the DX location of the circuit.
 */
import { getOrThrow, InternalError } from '../errors.js';
import { fromSite } from './forward-site.js';
import { DELIVERED, type Exit, type Forwarder } from './forward-state.js';
import { tgwForward } from './forward-tgw.js';
import type { VirtualInterface } from './spec/index.js';

/** From a VGW towards on-prem: only what on-prem advertises over the VGW's VIFs. */
export function vgwToPremises(f: Forwarder, vgw: string, vpc: string): Exit {
  const candidates = getOrThrow(f.compiled.vgwToPremises, vgw, 'virtual private gateway').lookup(f.address);
  if (candidates) {
    const vif = closestVif(f, candidates.value);
    return toPremisesOver(f, vif, f.record ? `on-prem advertises ${candidates.cidr.text}` : undefined);
  }
  const dxgw = f.compiled.dxgwOfVgw.get(vgw);
  const target = f.ownerSubnet();
  const targetVgw = target ? f.compiled.vgwOfVpc.get(target.vpc) : undefined;
  if (dxgw && target && target.vpc !== vpc && targetVgw && f.compiled.dxgwOfVgw.get(targetVgw) === dxgw) {
    return f.stopped(
      vgw,
      'dx-gateway-transit',
      `DX gateway '${dxgw}' does not carry traffic between VPC '${vpc}' and VPC '${target.vpc}', not even hairpinned through on-prem, unless on-prem advertises a prefix covering ${f.dst} over the virtual interface`,
    );
  }
  return f.stopped(
    vgw,
    'no-route',
    `virtual private gateway '${vgw}' has no route to ${f.dst}: on-prem does not advertise it over any of its virtual interfaces`,
  );
}

/** Among equally specific VIFs, AWS is modelled to leave at the DX location nearest the packet. */
export function closestVif(f: Forwarder, vifs: readonly VirtualInterface[]): VirtualInterface {
  let best: VirtualInterface | undefined;
  let bestCost = Number.POSITIVE_INFINITY;
  for (const vif of vifs) {
    const c = f.compiled.segments.awsRttMs(f.place, vif.location);
    if (!best || c < bestCost || (c === bestCost && vif.id < best.id)) {
      best = vif;
      bestCost = c;
    }
  }
  if (!best) throw new InternalError(`an empty list of virtual interfaces for ${f.dst}`);
  return best;
}

export function toPremisesOver(f: Forwarder, vif: VirtualInterface, action: string | undefined): Exit {
  if (vif.dxGateway !== undefined) f.hop(vif.dxGateway, 'dx-gateway', vif.location, 'aws');
  f.hop(vif.id, 'virtual-interface', vif.location, vif.dxGateway !== undefined ? 'none' : 'aws', action);
  const placeholder = f.atPlaceholder(vif.site);
  if (placeholder) return placeholder;
  f.hop(vif.site, 'site', vif.site, { link: vif.connection });
  return fromSite(f, vif.site);
}

/** From on-prem into AWS over a VIF. */
export function vifToAws(f: Forwarder, vif: VirtualInterface): Exit {
  if (vif.vgw !== undefined) {
    const vgw = getOrThrow(f.network.virtualPrivateGateways, vif.vgw, 'virtual private gateway');
    f.hop(vgw.id, 'virtual-private-gateway', vif.location, 'none');
    return deliverFromGateway(f, vgw.vpc, vgw.id);
  }
  const dxgw = vif.dxGateway;
  f.hop(dxgw, 'dx-gateway', vif.location, 'none');
  const gateways = getOrThrow(f.compiled.dxgwToAws, dxgw, 'DX gateway').lookup(f.address);
  const wanted = vif.type === 'transit' ? 'transit-gateway' : 'virtual-private-gateway';
  const choices = (gateways?.value ?? []).filter((g) => f.network.kinds.get(g) === wanted);
  const [first] = choices;
  if (first === undefined) {
    return f.stopped(
      dxgw,
      'no-route',
      `DX gateway '${dxgw}' has no ${vif.type === 'transit' ? 'Transit Gateway' : 'VGW'} association whose allowed prefixes cover ${f.dst}`,
    );
  }
  if (vif.type === 'transit') {
    const tgw = getOrThrow(f.network.transitGateways, first, 'Transit Gateway');
    const attachment = getOrThrow(
      f.compiled.tgwDxAttachment,
      `${first}|${dxgw}`,
      'Transit Gateway attachment (tgw|dx gateway)',
    );
    f.hop(tgw.id, 'transit-gateway', tgw.region, 'aws');
    return tgwForward(f, tgw.id, attachment.id);
  }
  const target = f.ownerSubnet();
  const vgwOf = (id: string) => getOrThrow(f.network.virtualPrivateGateways, id, 'virtual private gateway');
  const vgw = vgwOf(choices.find((g) => target && vgwOf(g).vpc === target.vpc) ?? first);
  f.hop(vgw.id, 'virtual-private-gateway', f.place, 'none');
  return deliverFromGateway(f, vgw.vpc, vgw.id);
}

/** A gateway hands the packet into its VPC: delivered if a subnet holds the address. */
export function deliverFromGateway(f: Forwarder, vpc: string, gateway: string): Exit {
  const target = f.ownerSubnet();
  if (!target || target.vpc !== vpc) {
    return f.stopped(gateway, 'no-subnet', `${f.dst} is not in VPC '${vpc}' behind '${gateway}'`);
  }
  f.hop(target.id, 'subnet', target.zone, 'aws');
  return DELIVERED;
}
