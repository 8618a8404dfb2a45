/**
 * Direct Connect: DX gateways and their associations, virtual interfaces (private and transit),
 * the connections they ride on, and the on-prem side, which a snapshot describes only in part:
 *
 * - what on-prem advertises over a VIF is what AWS learned from it: the routes a VGW propagated
 *   into VPC route tables (for the private VIFs reaching that VGW), and the routes Transit Gateways
 *   learned from a DX gateway attachment (for the transit VIFs of that DX gateway). AWS does not say
 *   which VIF of a gateway carried which prefix, so every VIF of the gateway gets them all. Static
 *   routes to a VGW name prefixes on-prem must advertise for them to work: those that overlap no VPC
 *   are added too, marked as inferred. A prefix covering a VPC (a supernet for hairpinning) is
 *   advertised but is not an on-prem network;
 * - where on-prem is, the snapshot cannot tell: each group of connections over which on-prem
 *   advertises overlapping networks ends at one placeholder site, which the user locates.
 */
import { getDxLocation, listDxLocations } from '../../catalog/index.js';
import { type Cidr, cidrsOverlap, isCidr, parseCidr } from '../../network/spec/index.js';
import { closestMatches } from '../../suggest.js';
import { type Draft, nameTag } from './draft.js';
import { addOnPremNetworks, groupConnections, importOnPremSite, OnPremEnds } from './on-prem-sites.js';
import { compare, compareCidrs } from './order.js';
import type { RouteSide } from './routes.js';
import type { AwsVirtualInterface } from './shapes.js';
import type { Records } from './snapshot.js';
import type { TransitSide } from './transit.js';
import type { VpcSide } from './vpcs.js';

const GONE = new Set(['deleted', 'deleting', 'rejected']);
const LIVE_ASSOCIATION = new Set(['associated', 'updating', 'associating']);

/** Every DX gateway the snapshot names: described, associated, or the end of a VIF. */
export function dxGatewayIds(records: Records, draft: Draft): Set<string> {
  const described = records.directConnectGateways.filter((g) => !GONE.has(g.value.state ?? ''));
  const ids = new Set(described.map((g) => g.value.id));
  const named = [
    ...records.directConnectGatewayAssociations.map((a) => a.value.dxGatewayId),
    ...records.virtualInterfaces.flatMap((v) => (v.value.dxGatewayId ? [v.value.dxGatewayId] : [])),
  ];
  const undescribed = [...new Set(named.filter((id) => !ids.has(id)))].sort(compare);
  if (undescribed.length > 0) {
    draft.warn(
      `DX gateway${undescribed.length === 1 ? '' : 's'} ${undescribed.join(', ')} ${undescribed.length === 1 ? 'is' : 'are'} named but not described (run \`aws directconnect describe-direct-connect-gateways\`): imported without a name`,
    );
  }
  for (const id of undescribed) ids.add(id);
  return ids;
}

/**
 * Direct Connect in the order its pieces depend on each other: DX gateways, their associations,
 * the virtual interfaces (each with what on-prem advertises over it), then one placeholder site per
 * group of connections whose on-prem networks overlap, with its links to the DX locations.
 */
export function importDirectConnect(
  records: Records,
  dxGateways: ReadonlySet<string>,
  vpcSide: VpcSide,
  transit: TransitSide,
  routeSide: RouteSide,
  draft: Draft,
): void {
  const net = draft.network;
  const described = new Map(records.directConnectGateways.map((g) => [g.value.id, g.value]));
  for (const id of [...dxGateways].sort(compare)) {
    const name = described.get(id)?.name;
    net.dxGateways[id] = name ? { name } : {};
  }
  const vgwsOfDxgw = importAssociations(records, vpcSide, transit, draft);
  const vpcBlocks = [...vpcSide.vpcCidrs.values()]
    .flat()
    .map((c) => parseCidr(c))
    .filter(isCidr);
  const ends = new OnPremEnds();
  for (const { value: vif } of records.virtualInterfaces) {
    const context = { dxGateways, vpcSide, transit, routeSide, vgwsOfDxgw, vpcBlocks };
    importVirtualInterface(vif, context, ends, draft);
  }
  const connectionsRead = new Map(records.connections.map((c) => [c.value.id, c.value]));
  for (const [root, list] of groupConnections(ends))
    importOnPremSite(root, list, ends, connectionsRead, draft);
  for (const { value: c } of records.connections) {
    if (!ends.locationOf.has(c.id) && !GONE.has(c.state ?? ''))
      draft.skip('Direct Connect connections without an imported VIF');
  }
}

/**
 * Associations: a VGW of an imported VPC, or a Transit Gateway with its DX gateway attachment.
 * Returns the VGWs associated with each DX gateway.
 */
function importAssociations(
  records: Records,
  vpcSide: VpcSide,
  transit: TransitSide,
  draft: Draft,
): Map<string, string[]> {
  const net = draft.network;
  const vgwsOfDxgw = new Map<string, string[]>();
  for (const { value: a } of records.directConnectGatewayAssociations) {
    if (a.state && !LIVE_ASSOCIATION.has(a.state)) continue;
    const gateway = net.dxGateways[a.dxGatewayId];
    if (!gateway) continue;
    const allowed = a.allowedPrefixes.filter((c) => isCidr(parseCidr(c))).sort(compareCidrs);
    if (a.gatewayType === 'virtualPrivateGateway') {
      if (!vpcSide.vpcOfVgw.has(a.gatewayId)) {
        draft.warn(
          `DX gateway ${a.dxGatewayId}: its association with ${a.gatewayId}, a VGW not imported, is left out`,
        );
        continue;
      }
      gateway.associations = [
        ...(gateway.associations ?? []),
        { gateway: a.gatewayId, ...(allowed.length ? { allowedPrefixes: allowed } : {}) },
      ];
      vgwsOfDxgw.set(a.dxGatewayId, [...(vgwsOfDxgw.get(a.dxGatewayId) ?? []), a.gatewayId]);
    } else if (a.gatewayType === 'transitGateway') {
      if (!transit.dxAttachment.has(`${a.gatewayId}|${a.dxGatewayId}`)) {
        draft.warn(
          `DX gateway ${a.dxGatewayId}: its association with ${a.gatewayId} is left out: the Transit Gateway or its attachment to the DX gateway is not in the snapshot`,
        );
        continue;
      }
      if (allowed.length === 0) {
        draft.warn(
          `DX gateway ${a.dxGatewayId}: its association with ${a.gatewayId} has no allowed prefixes: left out`,
        );
        continue;
      }
      gateway.associations = [
        ...(gateway.associations ?? []),
        { gateway: a.gatewayId, allowedPrefixes: allowed },
      ];
    } else {
      draft.skip(`DX gateway associations with ${a.gatewayType}s`);
    }
  }
  for (const gateway of Object.values(net.dxGateways)) {
    gateway.associations?.sort((x, y) => compare(x.gateway, y.gateway));
  }

  return vgwsOfDxgw;
}

/** What a VIF is checked and resolved against. */
interface VifContext {
  readonly dxGateways: ReadonlySet<string>;
  readonly vpcSide: VpcSide;
  readonly transit: TransitSide;
  readonly routeSide: RouteSide;
  readonly vgwsOfDxgw: ReadonlyMap<string, readonly string[]>;
  readonly vpcBlocks: readonly Cidr[];
}

/**
 * A private or transit VIF at a known DX location, ending at an imported VGW or DX gateway: its
 * advertised prefixes (learned, or inferred from static routes), and what it tells of on-prem.
 */
function importVirtualInterface(
  vif: AwsVirtualInterface,
  { dxGateways, vpcSide, transit, routeSide, vgwsOfDxgw, vpcBlocks }: VifContext,
  { networksOf, locationOf, vifsOf }: OnPremEnds,
  draft: Draft,
): void {
  const net = draft.network;
  if (vif.state && GONE.has(vif.state)) return;
  if (vif.type === 'public') {
    draft.skip('public virtual interfaces');
    return;
  }
  if (vif.type !== 'private' && vif.type !== 'transit') {
    draft.skip(`${vif.type} virtual interfaces`);
    return;
  }
  const location = dxLocationOf(vif, draft);
  if (!location) return;
  if (!vif.connectionId) {
    draft.warn(`${vif.id}: no connectionId: skipped`);
    return;
  }
  const end = endOf(vif, dxGateways, vpcSide, draft);
  if (!end) return;
  const previous = locationOf.get(vif.connectionId);
  if (previous && previous !== location) {
    draft.warn(
      `${vif.connectionId}: its VIFs name two DX locations (${previous}, ${location}): ${previous} is used`,
    );
  }
  if (!previous) locationOf.set(vif.connectionId, location);

  const { learned, inferred, sources } = advertisedOver(vif, end, vgwsOfDxgw, transit, routeSide, vpcBlocks);
  const advertised = [...new Set([...learned, ...inferred])].sort(compareCidrs);
  const path = ['network', 'virtualInterfaces', vif.id];
  const name = vif.name ?? nameTag(vif.tags);
  net.virtualInterfaces[vif.id] = {
    connection: vif.connectionId,
    type: vif.type,
    ...end,
    ...(advertised.length ? { advertisedPrefixes: advertised } : {}),
    ...(name ? { name } : {}),
  };
  vifsOf.set(vif.connectionId, [...(vifsOf.get(vif.connectionId) ?? []), vif.id]);
  commentAdvertised(vif, advertised, learned, inferred, sources, draft);
  if (vif.state === 'down' || vif.bgpDown) {
    draft.warn(
      `${vif.id}: ${vif.state === 'down' ? 'the interface is down' : 'its BGP sessions are down'}: traced as if up`,
    );
    draft.commentBefore(
      path,
      `DOWN in the snapshot (${vif.state === 'down' ? 'interface' : 'BGP'}): traced as if up`,
    );
  }
  const networks = networksOf.get(vif.connectionId) ?? new Set<string>();
  addOnPremNetworks(networks, vif.id, advertised, vpcBlocks, draft);
  networksOf.set(vif.connectionId, networks);
}

/** Says in the draft where a VIF's advertised prefixes come from, or that none are known. */
function commentAdvertised(
  vif: AwsVirtualInterface,
  advertised: readonly string[],
  learned: readonly string[],
  inferred: readonly string[],
  sources: readonly string[],
  draft: Draft,
): void {
  const path = ['network', 'virtualInterfaces', vif.id];
  if (advertised.length === 0) {
    draft.warn(
      `${vif.id}: nothing learned from on-prem over it in the snapshot (no propagated routes): fill in its advertisedPrefixes with what on-prem advertises over BGP`,
    );
    draft.commentBefore(
      path,
      'nothing learned from on-prem over this VIF in the snapshot: add advertisedPrefixes',
    );
  } else {
    const text = [
      learned.length ? `learned by ${sources.join(', ')} (propagated routes)` : '',
      inferred.length ? `${inferred.join(', ')} inferred from static routes to ${sources.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join('; ');
    draft.commentAfter([...path, 'advertisedPrefixes'], text);
    if (inferred.length) {
      draft.inferred.push(
        `${vif.id}: on-prem is taken to advertise ${inferred.join(', ')}, because static routes send them to ${sources.join(', ')}`,
      );
    }
  }
}

/** The canonical DX location of a VIF, or undefined (reported with the nearest codes). */
function dxLocationOf(vif: AwsVirtualInterface, draft: Draft): string | undefined {
  const code = vif.location;
  const dx = code ? getDxLocation(code) : undefined;
  if (dx) return dx.code;
  const codes = listDxLocations().map((d) => d.code);
  const near = code ? closestMatches(code, codes) : [];
  draft.skip('virtual interfaces at DX locations the catalog lacks');
  draft.warn(
    `${vif.id}: unknown DX location '${code ?? '(none)'}'${near.length ? ` (nearest codes: ${near.join(', ')})` : ''}: the VIF is left out (\`footprint catalog dx\` lists the locations)`,
  );
  return undefined;
}

/** Where a VIF ends: a VGW of an imported VPC, or a DX gateway. */
function endOf(
  vif: AwsVirtualInterface,
  dxGateways: ReadonlySet<string>,
  vpcSide: VpcSide,
  draft: Draft,
): { vgw: string } | { dxGateway: string } | undefined {
  if (vif.type === 'private' && vif.vgwId) {
    if (vpcSide.vpcOfVgw.has(vif.vgwId)) return { vgw: vif.vgwId };
    draft.warn(`${vif.id}: its VGW ${vif.vgwId} is not imported: the VIF is left out`);
    return undefined;
  }
  if (vif.dxGatewayId && dxGateways.has(vif.dxGatewayId)) return { dxGateway: vif.dxGatewayId };
  draft.warn(`${vif.id}: it ends at no VGW or DX gateway of the snapshot: left out`);
  return undefined;
}

/** What on-prem advertises over a VIF, from what the gateways behind it learned. */
function advertisedOver(
  vif: AwsVirtualInterface,
  end: { vgw: string } | { dxGateway: string },
  vgwsOfDxgw: ReadonlyMap<string, readonly string[]>,
  transit: TransitSide,
  routeSide: RouteSide,
  vpcBlocks: readonly ReturnType<typeof parseCidr>[],
): { learned: string[]; inferred: string[]; sources: string[] } {
  if (vif.type === 'transit') {
    const dxgw = (end as { dxGateway: string }).dxGateway;
    return {
      learned: [...(transit.learnedFromDx.get(dxgw) ?? [])],
      inferred: [],
      sources: [`the Transit Gateways of ${dxgw}`],
    };
  }
  const vgws = 'vgw' in end ? [end.vgw] : [...(vgwsOfDxgw.get(end.dxGateway) ?? [])].sort(compare);
  const learned = new Set(vgws.flatMap((v) => [...(routeSide.learnedByVgw.get(v) ?? [])]));
  const inferred = vgws
    .flatMap((v) => [...(routeSide.staticToVgw.get(v) ?? [])])
    .filter((c) => {
      const block = parseCidr(c);
      return !learned.has(c) && isCidr(block) && !vpcBlocks.some((v) => isCidr(v) && cidrsOverlap(v, block));
    });
  return { learned: [...learned], inferred: [...new Set(inferred)], sources: vgws };
}
