/**
 * The imported estate as readable YAML: sections in the estate file's order, elements by id, the
 * routes of a table in address order, fields in a fixed order (name first), short lists inline,
 * and comments where the importer has something to say. Same draft, same bytes.
 */
import { Document, isMap, isScalar, isSeq, type Node, type Pair, type YAMLMap } from 'yaml';
import type { Draft } from './draft.js';
import { compare, compareCidrs } from './order.js';

const NETWORK_SECTIONS = [
  'onPrem',
  'vpcs',
  'subnets',
  'routeTables',
  'prefixLists',
  'internetGateways',
  'natGateways',
  'virtualPrivateGateways',
  'appliances',
  'peerings',
  'transitGateways',
  'dxGateways',
  'virtualInterfaces',
] as const;

/** Fields in this order; others after, alphabetically. */
const FIELD_ORDER = [
  'name',
  'kind',
  'placeholder',
  'region',
  'vpc',
  'site',
  'zone',
  'cidr',
  'cidrs',
  'between',
  'connection',
  'type',
  'vgw',
  'dxGateway',
  'peer',
  'subnet',
  'subnets',
  'gbps',
  'main',
  'routeTable',
  'advertisedPrefixes',
  'associations',
  'propagations',
  'routes',
  'attachments',
  'routeTables',
  'gateway',
  'allowedPrefixes',
];

/** Maps whose keys are CIDRs (or prefix list ids): address order. */
const CIDR_KEYED = new Set(['routes']);

/** Orders an element's fields and, recursively, its maps. */
function ordered(value: unknown, key?: string): unknown {
  if (Array.isArray(value)) return value.map((v) => ordered(v));
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
  const rank = (k: string) => {
    const i = FIELD_ORDER.indexOf(k);
    return i < 0 ? FIELD_ORDER.length : i;
  };
  entries.sort(([a], [b]) =>
    key !== undefined && CIDR_KEYED.has(key) ? compareCidrs(a, b) : rank(a) - rank(b) || compare(a, b),
  );
  return Object.fromEntries(entries.map(([k, v]) => [k, ordered(v, k)]));
}

/** A section keyed by id: ids in byte order, each element's fields ordered. */
function section(map: Record<string, unknown>): Record<string, unknown> | undefined {
  const ids = Object.keys(map).sort(compare);
  if (ids.length === 0) return undefined;
  return Object.fromEntries(ids.map((id) => [id, ordered(map[id])]));
}

/** Element maps keyed by id inside an element (a Transit Gateway's attachments and route tables). */
function byId(map: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!map) return undefined;
  return Object.fromEntries(
    Object.keys(map)
      .sort(compare)
      .map((id) => [id, map[id]]),
  );
}

export interface EmitOptions {
  readonly name: string;
  readonly description: string;
  readonly header: readonly string[];
}

/** The estate file text of a draft. */
export function emitEstate(draft: Draft, options: EmitOptions): string {
  const network: Record<string, unknown> = {};
  for (const name of NETWORK_SECTIONS) {
    let map = draft.network[name] as Record<string, unknown>;
    if (name === 'transitGateways') {
      map = Object.fromEntries(
        Object.entries(map).map(([id, tgw]) => {
          const t = tgw as { attachments?: Record<string, unknown>; routeTables?: Record<string, unknown> };
          return [id, { ...t, attachments: byId(t.attachments), routeTables: byId(t.routeTables) }];
        }),
      );
    }
    const s = section(map);
    if (s) network[name] = s;
  }
  const data: Record<string, unknown> = { name: options.name, description: options.description };
  const sites = section(draft.sites);
  if (sites) data.sites = sites;
  const links = section(draft.links);
  if (links) data.links = links;
  const zones = section(draft.availabilityZones);
  if (zones) data.availabilityZones = zones;
  if (Object.keys(network).length > 0) data.network = network;

  const doc = new Document(data);
  doc.commentBefore = options.header.map((line) => (line ? ` ${line}` : '')).join('\n');
  flowLeaves(doc.contents as Node);
  for (const [key, lines] of draft.commentsBefore) {
    const pair = pairAt(doc, key.split('\u0000'));
    if (pair && isScalar(pair.key)) pair.key.commentBefore = lines.map((l) => ` ${l}`).join('\n');
  }
  for (const [key, text] of draft.commentsAfter) {
    const pair = pairAt(doc, key.split('\u0000'));
    const value = pair?.value;
    if (value && (isScalar(value) || isSeq(value) || isMap(value))) value.comment = ` ${text}`;
  }
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false });
}

/** Lists of scalars, and maps inside lists, are written inline. */
function flowLeaves(node: Node | null | undefined): void {
  if (isSeq(node)) {
    if (node.items.every((i) => isScalar(i))) node.flow = true;
    for (const item of node.items) {
      if (isMap(item)) item.flow = true;
      flowLeaves(item as Node);
    }
  } else if (isMap(node)) {
    for (const pair of node.items) flowLeaves(pair.value as Node);
  }
}

/** The pairs of each map by key, built on first use: a comment per subnet must not scan them all. */
const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();

function pairAt(doc: Document, path: readonly string[]): Pair | undefined {
  let node: unknown = doc.contents;
  let found: Pair | undefined;
  for (const key of path) {
    if (!isMap(node)) return undefined;
    const map = node as YAMLMap;
    let index = pairIndex.get(map);
    if (!index) {
      index = new Map(map.items.map((p) => [isScalar(p.key) ? p.key.value : p.key, p as Pair]));
      pairIndex.set(map, index);
    }
    found = index.get(key);
    if (!found) return undefined;
    node = found.value;
  }
  return found;
}
