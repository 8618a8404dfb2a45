/**
 * The on-prem side of Direct Connect, which a snapshot describes only in part: which advertised
 * prefixes are on-prem networks, which connections end at the same site (their on-prem networks
 * overlap), and the placeholder site at the end of each group, with a direct-connect link per
 * connection to its DX location, for the user to locate.
 */
import { getDxLocation } from '../../catalog/index.js';
import { getOrThrow } from '../../errors.js';
import { type Cidr, cidrCovers, cidrsOverlap, isCidr, parseCidr } from '../../network/spec/index.js';
import type { Draft } from './draft.js';
import { compare, compareCidrs } from './order.js';
import type { AwsConnection } from './shapes.js';

/** What the virtual interfaces tell of the on-prem ends of the connections they ride on. */
export class OnPremEnds {
  /** On-prem networks (not supernets) behind each connection, to group connections into sites. */
  readonly networksOf = new Map<string, Set<string>>();
  readonly locationOf = new Map<string, string>();
  readonly vifsOf = new Map<string, string[]>();
}

/** Adds to `networks` the advertised prefixes that are on-prem networks: not a VPC's supernet, overlapping no VPC. */
export function addOnPremNetworks(
  networks: Set<string>,
  vifId: string,
  advertised: readonly string[],
  vpcBlocks: readonly Cidr[],
  draft: Draft,
): void {
  for (const prefix of advertised) {
    const block = parseCidr(prefix);
    if (!isCidr(block)) continue;
    if (vpcBlocks.some((v) => cidrCovers(block, v))) continue; // a supernet for hairpinning
    if (vpcBlocks.some((v) => cidrsOverlap(block, v))) {
      draft.warn(
        `${vifId}: on-prem advertises ${prefix}, which overlaps a VPC: not taken as an on-prem network`,
      );
      continue;
    }
    networks.add(block.text);
  }
}

/** The connections grouped (union-find, in id order): one group per set whose on-prem networks overlap. */
export function groupConnections({ locationOf, networksOf }: OnPremEnds): Map<string, string[]> {
  const connections = [...locationOf.keys()].sort(compare);
  const group = new Map(connections.map((c) => [c, c]));
  const find = (c: string): string => {
    const parent = getOrThrow(group, c, 'connection');
    if (parent === c) return c;
    const root = find(parent);
    group.set(c, root);
    return root;
  };
  connections.forEach((a, i) => {
    for (const b of connections.slice(i + 1)) {
      if (overlapping(networksOf.get(a), networksOf.get(b))) {
        const [ra, rb] = [find(a), find(b)].sort(compare) as [string, string];
        group.set(rb, ra);
      }
    }
  });
  const members = new Map<string, string[]>();
  for (const c of connections) members.set(find(c), [...(members.get(find(c)) ?? []), c]);
  return members;
}

/**
 * The placeholder site at the on-prem end of a group of connections: the question for the user,
 * its on-prem networks, and a direct-connect link per connection to its DX location.
 */
export function importOnPremSite(
  root: string,
  list: readonly string[],
  { networksOf, locationOf, vifsOf }: OnPremEnds,
  connectionsRead: ReadonlyMap<string, AwsConnection>,
  draft: Draft,
): void {
  const site = `onprem-${root}`;
  const networks = minimalCover([...list.flatMap((c) => [...(networksOf.get(c) ?? [])])]);
  const described = list.map((c) => {
    const code = getOrThrow(locationOf, c, 'DX location of connection');
    const dx = getDxLocation(code);
    return {
      id: c,
      location: `dx:${dx?.code ?? code}`,
      ...(dx ? { metro: dx.metro, facility: dx.facility } : {}),
    };
  });
  const where = described
    .map((d) => `${d.id} at ${d.location}${d.facility ? ` (${d.facility})` : ''}`)
    .join(', ');
  draft.sites[site] = {
    kind: 'datacenter',
    name: `on-prem end of ${list.join(', ')}`,
    placeholder: `where is the data center or colo behind Direct Connect ${list.length === 1 ? 'connection' : 'connections'} ${where}? Set metro: metro:<slug> or location: [lat, lon], and remove this placeholder`,
  };
  draft.commentBefore(
    ['sites', site],
    `FILL IN: the snapshot does not say where this site is. Its circuits land in ${[...new Set(described.map((d) => d.metro ?? d.location))].join(', ')}.`,
  );
  draft.placeholders.push({
    site,
    connections: described.map(({ id, location, metro }) => ({
      id,
      location,
      ...(metro ? { metro } : {}),
    })),
    networks,
  });
  if (networks.length > 0) {
    const id = `${site}-net`;
    draft.network.onPrem[id] = { site, cidrs: networks, name: `networks behind ${site}` };
    draft.commentAfter(
      ['network', 'onPrem', id, 'cidrs'],
      'inferred from what on-prem advertises over the VIFs of these connections',
    );
  } else {
    draft.warn(`${site}: no on-prem network is known behind it: add network.onPrem to trace to it`);
  }
  for (const c of list) {
    const read = connectionsRead.get(c);
    const gbps = bandwidthGbps(read?.bandwidth);
    const code = getOrThrow(locationOf, c, 'DX location of connection');
    const dx = getDxLocation(code);
    draft.links[c] = {
      kind: 'direct-connect',
      between: [site, `dx:${dx?.code ?? code}`],
      name: read?.name ?? `Direct Connect ${c}${dx ? ` at ${dx.facility}` : ''}`,
      ...(gbps !== undefined ? { gbps } : {}),
    };
    draft.commentAfter(['links', c, 'between'], `VIFs: ${(vifsOf.get(c) ?? []).sort(compare).join(', ')}`);
  }
}

function overlapping(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (!a || !b) return false;
  for (const x of a) {
    const bx = parseCidr(x);
    for (const y of b) {
      const by = parseCidr(y);
      if (isCidr(bx) && isCidr(by) && cidrsOverlap(bx, by)) return true;
    }
  }
  return false;
}

/** The prefixes not covered by another of the set, in address order. */
function minimalCover(prefixes: readonly string[]): string[] {
  const blocks = [...new Set(prefixes)].map((p) => parseCidr(p)).filter(isCidr);
  return blocks
    .filter((b) => !blocks.some((o) => o !== b && o.length < b.length && cidrCovers(o, b)))
    .map((b) => b.text)
    .sort(compareCidrs);
}

/** `10Gbps` -> 10, `500Mbps` -> 0.5. */
export function bandwidthGbps(text: string | undefined): number | undefined {
  const match = text ? /^([0-9.]+)\s*([GM])bps$/i.exec(text.trim()) : null;
  if (!match) return undefined;
  const value = Number(match[1]);
  return (match[2] as string).toUpperCase() === 'G' ? value : value / 1000;
}
