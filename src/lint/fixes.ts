/**
 * "As the fix would make it": variants of an estate's design, built as JSON Merge Patches on its
 * input and resolved like any estate, so that a finding's cost is one trace minus another.
 * Elements a fix adds get ids starting with `fix-`; circuits it would need are new links.
 */
import { getLocalZone, listDxLocations, type Place } from '../catalog/index.js';
import { FootprintError, InternalError } from '../errors.js';
import { distanceKm } from '../geo/index.js';
import { deriveEstate, type Estate, findPlace } from '../model/index.js';
import type { Subnet } from '../network/index.js';

type Json = Record<string, unknown>;

export interface FixVariant {
  readonly estate: Estate;
  /** New circuits the fix needs (none when the estate already has them). */
  readonly newLinks: readonly string[];
}

/** The routes a route table declares in the estate file (empty for AWS's implicit main tables). */
function declaredRoutes(estate: Estate, table: string): Record<string, string> {
  return { ...(estate.input?.network?.routeTables?.[table]?.routes ?? {}) };
}

/** Removes routes whose destination is one of `cidrs` (directly or through a prefix list). */
function withoutDestinations(
  estate: Estate,
  routes: Record<string, string>,
  cidrs: readonly string[],
): Record<string, string> {
  const lists = estate.input?.network?.prefixLists ?? {};
  const out: Record<string, string> = {};
  for (const [destination, target] of Object.entries(routes)) {
    const blocks = lists[destination]?.cidrs ?? [destination];
    if (blocks.some((b) => cidrs.includes(b))) continue;
    out[destination] = target;
  }
  return out;
}

/**
 * A DX location in the metro of a zone for a site: one the site already has a circuit to if any,
 * else the one nearest the zone (in its metro when the metro has one).
 */
export function dxLocationNear(
  estate: Estate,
  zone: string,
  site: string,
): { location: string; link?: string } {
  const lz = getLocalZone(zone);
  const place = placeOf(zone, estate);
  const inMetro = listDxLocations().filter((d) => lz && d.metro === lz.metro);
  const existing = estate.links.find(
    (l) =>
      l.kind === 'direct-connect' &&
      l.between.includes(site) &&
      inMetro.some((d) => l.between.includes(`dx:${d.code}`)),
  );
  const location = existing?.between.find((e) => e !== site);
  if (existing && location !== undefined) return { location, link: existing.id };
  const candidates = inMetro.length > 0 ? inMetro : listDxLocations();
  const nearest = [...candidates].sort(
    (a, b) => distanceKm(place, a) - distanceKm(place, b) || a.code.localeCompare(b.code),
  )[0];
  return { location: `dx:${nearest?.code}` };
}

/** The place of a zone the estate's network resolved (a miss is a bug). */
function placeOf(zone: string, estate: Estate): Place {
  const place = findPlace(zone, estate);
  if (!place) throw new InternalError(`no place '${zone}', though a subnet of the estate is in it`);
  return place;
}

function circuit(
  patch: { links: Json },
  estate: Estate,
  site: string,
  zone: string,
  newLinks: string[],
): string {
  const { location, link } = dxLocationNear(estate, zone, site);
  if (link) return link;
  const id = `fix-dx-${site}-${location.slice(3).toLowerCase()}`;
  patch.links[id] = { kind: 'direct-connect', between: [site, location], name: `new circuit the fix needs` };
  newLinks.push(id);
  return id;
}

function derive(estate: Estate, patch: unknown, newLinks: string[]): FixVariant | undefined {
  try {
    return { estate: deriveEstate(estate, patch), newLinks };
  } catch (error) {
    // A design the generator cannot rewrite safely (e.g. other elements live in the subnet):
    // the finding then reports no cost rather than a wrong one.
    if (error instanceof FootprintError) return undefined;
    throw error;
  }
}

/** A fix before it is resolved: the merge patch on the estate's input, and the circuits it adds. */
export interface FixPatch {
  readonly patch: Json;
  readonly newLinks: readonly string[];
}

/**
 * The Local Zone subnet sends on-prem traffic to a VGW of its VPC, over a private VIF on a circuit
 * at a DX location in its own metro (the seed's "set up that Direct Connect ... route tables that
 * say whatever my CIDR space for on-prem is, send all that traffic this way").
 */
export function ownDirectConnect(
  estate: Estate,
  subnet: Subnet,
  site: string,
  onPremCidrs: readonly string[],
): FixVariant | undefined {
  const fix = ownDirectConnectPatch(estate, subnet, site, onPremCidrs);
  return fix && derive(estate, fix.patch, [...fix.newLinks]);
}

/** The patch of {@link ownDirectConnect}, unresolved. */
export function ownDirectConnectPatch(
  estate: Estate,
  subnet: Subnet,
  site: string,
  onPremCidrs: readonly string[],
): FixPatch | undefined {
  const network = estate.network;
  if (!network) return undefined;
  const newLinks: string[] = [];
  const patch = {
    links: {} as Json,
    network: {
      virtualPrivateGateways: {} as Json,
      virtualInterfaces: {} as Json,
      routeTables: {} as Json,
      subnets: {} as Json,
    },
  };
  let vgw = [...network.virtualPrivateGateways.values()].find((g) => g.vpc === subnet.vpc)?.id;
  if (!vgw) {
    vgw = `fix-vgw-${subnet.vpc}`;
    patch.network.virtualPrivateGateways[vgw] = { vpc: subnet.vpc };
  }
  const connection = circuit(patch, estate, site, subnet.zone, newLinks);
  patch.network.virtualInterfaces[`fix-vif-${subnet.id}`] = {
    connection,
    type: 'private',
    vgw,
    advertisedPrefixes: [...onPremCidrs],
  };
  const table = `fix-rtb-${subnet.id}`;
  const routes = withoutDestinations(estate, declaredRoutes(estate, subnet.routeTable), onPremCidrs);
  for (const cidr of onPremCidrs) routes[cidr] = vgw;
  patch.network.routeTables[table] = { vpc: subnet.vpc, routes };
  patch.network.subnets[subnet.id] = { routeTable: table };
  return { patch, newLinks };
}

/**
 * Several patches as one: objects merge key by key; undefined when two set one key to different
 * values (the fixes then cannot be applied together).
 */
export function mergeFixPatches(patches: readonly Json[]): Json | undefined {
  const merged: Json = {};
  for (const patch of patches) if (!mergeInto(merged, patch)) return undefined;
  return merged;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function mergeInto(target: Json, patch: Json): boolean {
  for (const [key, value] of Object.entries(patch)) {
    const existing = target[key];
    if (existing === undefined) target[key] = isObject(value) ? structuredClone(value) : value;
    else if (isObject(existing) && isObject(value)) {
      if (!mergeInto(existing, value)) return false;
    } else if (JSON.stringify(existing) !== JSON.stringify(value)) return false;
  }
  return true;
}

/** Several fixes resolved as one estate, or undefined when they clash or the result does not resolve. */
export function deriveMerged(estate: Estate, fixes: readonly FixPatch[]): Estate | undefined {
  const patch = mergeFixPatches(fixes.map((f) => f.patch));
  return patch && derive(estate, patch, [])?.estate;
}

/**
 * Two Local Zones of one VPC get a VPC each, each with its own VGW and a private VIF on a circuit
 * in its metro, and route each other's CIDR to their VGW: the traffic hairpins at the site's
 * router instead of going through the parent region (the seed's "do").
 */
export function vpcPerLocalZone(estate: Estate, a: Subnet, b: Subnet): FixVariant | undefined {
  const network = estate.network;
  if (!network) return undefined;
  const vpc = network.vpcs.get(a.vpc);
  const zoneA = placeOf(a.zone, estate);
  const zoneB = placeOf(b.zone, estate);
  // The hairpin router: the company site nearest both zones.
  const site = [...estate.sites].sort(
    (x, y) =>
      distanceKm(x, zoneA) + distanceKm(x, zoneB) - (distanceKm(y, zoneA) + distanceKm(y, zoneB)) ||
      x.id.localeCompare(y.id),
  )[0];
  if (!vpc || !site) return undefined;
  const newLinks: string[] = [];
  const patch = {
    links: {} as Json,
    network: {
      vpcs: {} as Json,
      virtualPrivateGateways: {} as Json,
      virtualInterfaces: {} as Json,
      routeTables: {} as Json,
      subnets: {} as Json,
    },
  };
  let vgwA = [...network.virtualPrivateGateways.values()].find((g) => g.vpc === a.vpc)?.id;
  if (!vgwA) {
    vgwA = `fix-vgw-${a.vpc}`;
    patch.network.virtualPrivateGateways[vgwA] = { vpc: a.vpc };
  }
  const vpcB = `fix-vpc-${b.id}`;
  const vgwB = `fix-vgw-${b.id}`;
  patch.network.vpcs[vpcB] = {
    region: vpc.region,
    cidrs: [b.cidr.text],
    name: `a VPC of its own for ${b.id}`,
  };
  patch.network.virtualPrivateGateways[vgwB] = { vpc: vpcB };
  patch.network.routeTables[`fix-rtb-${b.id}`] = { vpc: vpcB, routes: { [a.cidr.text]: vgwB } };
  patch.network.subnets[b.id] = { vpc: vpcB, routeTable: `fix-rtb-${b.id}` };
  const routesA = withoutDestinations(estate, declaredRoutes(estate, a.routeTable), [b.cidr.text]);
  routesA[b.cidr.text] = vgwA;
  patch.network.routeTables[`fix-rtb-${a.id}`] = { vpc: a.vpc, routes: routesA };
  patch.network.subnets[a.id] = { routeTable: `fix-rtb-${a.id}` };
  const linkA = circuit(patch, estate, site.id, a.zone, newLinks);
  const linkB = circuit(patch, estate, site.id, b.zone, newLinks);
  patch.network.virtualInterfaces[`fix-vif-${a.id}`] = {
    connection: linkA,
    type: 'private',
    vgw: vgwA,
    advertisedPrefixes: [b.cidr.text],
  };
  patch.network.virtualInterfaces[`fix-vif-${b.id}`] = {
    connection: linkB,
    type: 'private',
    vgw: vgwB,
    advertisedPrefixes: [a.cidr.text],
  };
  return derive(estate, patch, newLinks);
}

/** The appliance moves into the zone it serves: its subnet is placed in that zone. */
export function applianceInZone(estate: Estate, appliance: string, zone: string): FixVariant | undefined {
  const home = estate.network?.appliances.get(appliance)?.subnet;
  if (!home) return undefined;
  return derive(estate, { network: { subnets: { [home]: { zone } } } }, []);
}
