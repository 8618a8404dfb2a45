/**
 * Transit Gateways: their attachments (VPC, DX gateway, peering), route tables, associations
 * (from each attachment's Association), propagations (inferred from the propagated routes of
 * search-transit-gateway-routes: the model recomputes those routes from them) and static routes.
 */
import { getRegion } from '../../catalog/index.js';
import { type Draft, named } from './draft.js';
import { compare } from './order.js';
import type { AwsTgwRoute, AwsTgwRouteTable } from './shapes.js';
import type { Records, Snapshot } from './snapshot.js';
import type { VpcSide } from './vpcs.js';

export interface TransitSide {
  readonly tgwRegion: ReadonlyMap<string, string>;
  /** `tgw|vpc` -> the attachment's element id. */
  readonly vpcAttachment: ReadonlyMap<string, string>;
  /** `tgw|dxgw` -> the attachment's element id. */
  readonly dxAttachment: ReadonlyMap<string, string>;
  /** Per DX gateway: the prefixes Transit Gateways learned from it (propagated routes): what on-prem advertises. */
  readonly learnedFromDx: ReadonlyMap<string, ReadonlySet<string>>;
}

const GONE = new Set(['deleted', 'deleting', 'failed', 'failing', 'rejected', 'rejecting']);
const PEERING = new Set(['peering', 'tgw-peering']);
const MODELLED = new Set(['vpc', 'direct-connect-gateway', ...PEERING]);

/** The element id of an attachment: its AWS id, or for a peering (one id for both gateways) id.tgw. */
export function attachmentElementId(id: string, resourceType: string, tgw: string): string {
  return PEERING.has(resourceType) ? `${id}.${tgw}` : id;
}

/**
 * Transit Gateways in the order their pieces depend on each other: the gateways, their
 * attachments, then each route table with its associations, propagations and static routes.
 */
export function importTransit(
  snapshot: Snapshot,
  vpcSide: VpcSide,
  dxGateways: ReadonlySet<string>,
  draft: Draft,
): TransitSide {
  const { records } = snapshot;
  const tgwRegion = importTransitGateways(records, draft);
  const attachments = importAttachments(records, vpcSide, dxGateways, draft);
  const learnedFromDx = new Map<string, Set<string>>();
  const tables = new Set<string>();
  for (const { value: table } of records.TransitGatewayRouteTables) {
    if (importTgwRouteTable(table, snapshot, attachments, learnedFromDx, draft)) tables.add(table.id);
  }
  for (const [owner, output] of snapshot.tgwRoutes) {
    if (!tables.has(owner)) {
      draft.warn(
        `${output.files.join(', ')}: routes of ${owner} (${output.how}), a route table not in describe-transit-gateway-route-tables output: left out`,
      );
    }
  }
  const { vpcAttachment, dxAttachment } = attachments;
  return { tgwRegion, vpcAttachment, dxAttachment, learnedFromDx };
}

/** The Transit Gateways still there, each in a region of the catalog. */
function importTransitGateways(records: Records, draft: Draft): Map<string, string> {
  const tgws = draft.network.transitGateways;
  const tgwRegion = new Map<string, string>();
  for (const { value: tgw, pathRegion } of records.TransitGateways) {
    if (tgw.state && GONE.has(tgw.state)) continue;
    const region = [tgw.region, pathRegion].find((r) => r !== undefined && getRegion(r) !== undefined);
    if (!region) {
      draft.warn(`${tgw.id}: its region is unknown (no TransitGatewayArn, no region folder): skipped`);
      continue;
    }
    tgwRegion.set(tgw.id, region);
    tgws[tgw.id] = { region, ...named(tgw.tags) };
  }
  return tgwRegion;
}

/** The attachments of the imported Transit Gateways, by id, for the route tables to name. */
interface Attachments {
  /** `tgw|vpc` -> the attachment's element id. */
  readonly vpcAttachment: Map<string, string>;
  /** `tgw|dxgw` -> the attachment's element id. */
  readonly dxAttachment: Map<string, string>;
  /** `attachment|tgw` -> element id, for route targets. */
  readonly element: Map<string, string>;
  readonly attachmentType: Map<string, { type: string; resource?: string }>;
}

/** The VPC, DX gateway and peering attachments whose other end is imported. */
function importAttachments(
  records: Records,
  vpcSide: VpcSide,
  dxGateways: ReadonlySet<string>,
  draft: Draft,
): Attachments {
  const tgws = draft.network.transitGateways;
  const subnetsOf = new Map(records.TransitGatewayVpcAttachments.map((a) => [a.value.id, a.value.subnetIds]));
  const vpcAttachment = new Map<string, string>();
  const dxAttachment = new Map<string, string>();
  const element = new Map<string, string>();
  const attachmentType = new Map<string, { type: string; resource?: string }>();
  let missingSubnets = 0;
  for (const { value: a } of records.TransitGatewayAttachments) {
    if (a.state && GONE.has(a.state)) continue;
    attachmentType.set(a.id, { type: a.resourceType, ...(a.resourceId ? { resource: a.resourceId } : {}) });
    const tgw = tgws[a.transitGatewayId];
    if (!tgw) {
      draft.warn(`${a.id}: its Transit Gateway ${a.transitGatewayId} is not imported: skipped`);
      continue;
    }
    const id = attachmentElementId(a.id, a.resourceType, a.transitGatewayId);
    const path = ['network', 'transitGateways', a.transitGatewayId, 'attachments', id];
    tgw.attachments ??= {};
    if (a.resourceType === 'vpc') {
      const vpc = a.resourceId;
      if (!vpc || vpcSide.vpcRegion.get(vpc) !== tgw.region) {
        draft.warn(
          `${a.id}: VPC ${vpc ?? '(none)'} is ${vpc && vpcSide.vpcRegion.has(vpc) ? `in ${vpcSide.vpcRegion.get(vpc)}, not ${tgw.region}` : 'not imported'}: the attachment is left out`,
        );
        continue;
      }
      const listed = subnetsOf.get(a.id);
      if (!listed) missingSubnets++;
      const subnets = attachedSubnets(listed ?? [], vpc, vpcSide, draft);
      tgw.attachments[id] = {
        vpc,
        ...(subnets.length ? { subnets: subnets.sort(compare) } : {}),
        ...named(a.tags),
      };
      vpcAttachment.set(`${a.transitGatewayId}|${vpc}`, id);
    } else if (a.resourceType === 'direct-connect-gateway') {
      if (!a.resourceId || !dxGateways.has(a.resourceId)) {
        draft.warn(
          `${a.id}: DX gateway ${a.resourceId ?? '(none)'} is not in the snapshot: the attachment is left out`,
        );
        continue;
      }
      tgw.attachments[id] = { dxGateway: a.resourceId, ...named(a.tags) };
      dxAttachment.set(`${a.transitGatewayId}|${a.resourceId}`, id);
    } else if (PEERING.has(a.resourceType)) {
      if (!a.resourceId || !tgws[a.resourceId]) {
        draft.warn(
          `${a.id}: peer Transit Gateway ${a.resourceId ?? '(none)'} is not in the snapshot: left out`,
        );
        continue;
      }
      tgw.attachments[id] = { peer: a.resourceId, ...named(a.tags) };
      draft.commentAfter(path, `peering attachment ${a.id} as seen from ${a.transitGatewayId}`);
    } else {
      draft.skip(`Transit Gateway ${a.resourceType} attachments`);
      continue;
    }
    element.set(`${a.id}|${a.transitGatewayId}`, id);
  }
  if (missingSubnets > 0) {
    draft.warn(
      `${missingSubnets} Transit Gateway VPC attachment${missingSubnets === 1 ? ' has' : 's have'} no subnets listed: run \`aws ec2 describe-transit-gateway-vpc-attachments\` (traffic that passes through an attached VPC needs them)`,
    );
  }
  return { vpcAttachment, dxAttachment, element, attachmentType };
}

/** The subnets a VPC attachment lists that are imported, in the VPC, in an AZ: one per AZ. */
function attachedSubnets(listed: readonly string[], vpc: string, vpcSide: VpcSide, draft: Draft): string[] {
  const zones = new Set<string>();
  return listed.filter((s) => {
    const zone = draft.network.subnets[s]?.zone;
    if (!zone || vpcSide.subnetVpc.get(s) !== vpc || vpcSide.subnetKind.get(s) !== 'az' || zones.has(zone))
      return false;
    zones.add(zone);
    return true;
  });
}

/**
 * One route table of an imported Transit Gateway: its associations, and its propagations and
 * static routes from search-transit-gateway-routes. False when its gateway is not imported.
 */
function importTgwRouteTable(
  table: AwsTgwRouteTable,
  snapshot: Snapshot,
  attachments: Attachments,
  learnedFromDx: Map<string, Set<string>>,
  draft: Draft,
): boolean {
  const { records } = snapshot;
  const { element } = attachments;
  const tgws = draft.network.transitGateways;
  const tgw = tgws[table.transitGatewayId];
  if (!tgw) return false;
  const associations = records.TransitGatewayAttachments.filter(
    (a) => a.value.routeTableId === table.id && a.value.transitGatewayId === table.transitGatewayId,
  )
    .flatMap((a) => {
      const id = element.get(`${a.value.id}|${table.transitGatewayId}`);
      return id ? [id] : [];
    })
    .sort(compare);
  const propagations = new Set<string>();
  const routes: Record<string, string> = {};
  const output = snapshot.tgwRoutes.get(table.id);
  if (!output) {
    draft.warn(
      `${table.id}: no routes in the snapshot: run \`aws ec2 search-transit-gateway-routes --transit-gateway-route-table-id ${table.id} --filters Name=state,Values=active,blackhole\``,
    );
  } else {
    draft.tgwRouteTables.push({ id: table.id, files: output.files, how: output.how });
  }
  const sorted = [...(output?.items ?? [])].sort((a, b) =>
    compare(a.destinationCidr ?? '', b.destinationCidr ?? ''),
  );
  importTgwRoutes(table, sorted, attachments, { routes, propagations, learnedFromDx }, draft);
  tgw.routeTables ??= {};
  tgw.routeTables[table.id] = {
    ...(associations.length ? { associations } : {}),
    ...(propagations.size ? { propagations: [...propagations].sort(compare) } : {}),
    ...(Object.keys(routes).length ? { routes } : {}),
    ...named(table.tags),
  };
  if (propagations.size) {
    draft.commentAfter(
      ['network', 'transitGateways', table.transitGatewayId, 'routeTables', table.id, 'propagations'],
      'from the propagated routes of search-transit-gateway-routes',
    );
  }
  return true;
}

/** The routes of a table: propagated ones give its propagations (and what DX gateways advertise), static ones its routes. */
function importTgwRoutes(
  table: AwsTgwRouteTable,
  sorted: readonly AwsTgwRoute[],
  { element, attachmentType }: Attachments,
  { routes, propagations, learnedFromDx }: TgwTableRoutes,
  draft: Draft,
): void {
  const routePath = (cidr: string) => [
    'network',
    'transitGateways',
    table.transitGatewayId,
    'routeTables',
    table.id,
    'routes',
    cidr,
  ];
  for (const route of sorted) {
    if (route.state !== undefined && route.state !== 'active' && route.state !== 'blackhole') continue;
    if (!route.destinationCidr) {
      draft.skip('Transit Gateway routes to prefix lists');
      continue;
    }
    if (route.destinationCidr.includes(':')) {
      draft.skip('IPv6 routes');
      continue;
    }
    const cidr = route.destinationCidr;
    if (route.state === 'blackhole') {
      if (routes[cidr] === undefined) routes[cidr] = 'blackhole';
      continue;
    }
    const target = targetOf(route, table.transitGatewayId, element, attachmentType);
    if (!target.id) {
      draft.skip(
        MODELLED.has(target.type)
          ? 'Transit Gateway routes to attachments left out'
          : `Transit Gateway routes to ${target.type} attachments`,
      );
      if (route.type !== 'propagated' && routes[cidr] === undefined) {
        routes[cidr] = 'blackhole';
        draft.commentAfter(
          routePath(cidr),
          `was ${target.attachment ?? 'an attachment'} (${target.type}), which Footprint does not model`,
        );
      } else {
        draft.warn(
          `${table.id}: route ${cidr} learned from a ${target.type} attachment is left out (not modelled)`,
        );
      }
      continue;
    }
    if (target.ecmp > 1) {
      draft.warn(
        `${table.id}: route ${cidr} spreads over ${target.ecmp} attachments (ECMP): Footprint follows ${target.id}`,
      );
    }
    if (route.type === 'propagated') {
      propagations.add(target.id);
      if (target.type === 'direct-connect-gateway' && target.resource) {
        const learned = learnedFromDx.get(target.resource) ?? new Set<string>();
        learned.add(cidr);
        learnedFromDx.set(target.resource, learned);
      }
    } else if (routes[cidr] === undefined) {
      routes[cidr] = target.id;
    }
  }
}

/** What a table's routes add to: its static routes, its propagations, and what DX gateways advertise. */
interface TgwTableRoutes {
  readonly routes: Record<string, string>;
  readonly propagations: Set<string>;
  readonly learnedFromDx: Map<string, Set<string>>;
}

function targetOf(
  route: AwsTgwRoute,
  tgw: string,
  element: ReadonlyMap<string, string>,
  attachmentType: ReadonlyMap<string, { type: string; resource?: string }>,
): { id?: string; type: string; resource?: string; attachment?: string; ecmp: number } {
  const candidates = [...route.attachments].sort((a, b) => compare(a.id, b.id));
  const first = candidates[0];
  if (!first) return { type: 'no', ecmp: 0 };
  const known = attachmentType.get(first.id);
  const type = first.resourceType ?? known?.type ?? 'unknown';
  const resource = first.resourceId ?? known?.resource;
  const id = element.get(`${first.id}|${tgw}`);
  return {
    ...(id ? { id } : {}),
    type,
    ...(resource ? { resource } : {}),
    attachment: first.id,
    ecmp: candidates.length,
  };
}
