/**
 * The logical diagram of a routed trace: the subnet, each route table that decided a hop (with the
 * route it matched), the gateways (VGW, Transit Gateway and its attachments, DX gateway, VIF,
 * internet or NAT gateway, peering), the site or on-prem network, grouped by the place each stands
 * at, and the milliseconds each step adds. Plain data: the page lays it out and draws it.
 */
import type { Place } from '../catalog/index.js';
import { type Estate, resolvePlace } from '../model/index.js';
import type { ForwardStop, HopKind, TraceResult } from '../network/index.js';

/** What a node of the diagram stands for. */
export type DiagramNodeRole = 'hop' | 'route-table' | 'stop';

export interface TraceDiagramNode {
  /** Unique in the diagram: `hop-3`, `table-3` (the table that decided hop 3), `stop`. */
  readonly id: string;
  readonly role: DiagramNodeRole;
  /** The estate's element: `phx-app`, `lz-main`, `tgw-usw2`. */
  readonly element: string;
  /** A hop's kind, `route-table` or `tgw-route-table`, or the stop's reason. */
  readonly kind: HopKind | 'route-table' | 'tgw-route-table' | ForwardStop['reason'];
  /** The kind in words: `Transit Gateway`, `route table`, `no route`. */
  readonly kindLabel: string;
  /** What was decided there: a route table's matched route, the prefix on-prem advertises. */
  readonly detail?: string;
  /** The location (`locations[].id`) it stands at. */
  readonly location: string;
  /** The hop's index in the trace's hops (hop nodes only). */
  readonly hop?: number;
  /** Cumulative RTT from the start of the trace at this node, ms. */
  readonly rttMs: number;
}

export interface TraceDiagramEdge {
  readonly from: string;
  readonly to: string;
  /** The RTT this step adds, ms; null on the step to where the packet stops. */
  readonly addsMs: number | null;
}

/** A run of consecutive nodes at one place: what the map shows as one marker. */
export interface TraceDiagramLocation {
  /** `loc-0`, `loc-1`... in the order the packet reaches them (a place visited twice appears twice). */
  readonly id: string;
  readonly place: string;
  readonly name: string;
  readonly kind: Place['kind'];
  readonly siteKind?: string;
}

/** A trace as a logical diagram: what the page draws for each trace (`traces[].diagram` of the report). */
export interface TraceDiagram {
  readonly nodes: readonly TraceDiagramNode[];
  readonly edges: readonly TraceDiagramEdge[];
  readonly locations: readonly TraceDiagramLocation[];
  /** Where and why the packet stops, when it does. */
  readonly stop?: ForwardStop;
}

const HOP_LABELS: Readonly<Record<HopKind, string>> = {
  subnet: 'subnet',
  vpc: 'VPC local route',
  site: 'site router',
  'on-prem': 'on-prem network',
  'internet-gateway': 'internet gateway',
  'nat-gateway': 'NAT gateway',
  appliance: 'appliance',
  peering: 'VPC peering',
  'virtual-private-gateway': 'virtual private gateway',
  'transit-gateway': 'Transit Gateway',
  'tgw-attachment': 'TGW attachment',
  'dx-gateway': 'Direct Connect gateway',
  'virtual-interface': 'virtual interface (VIF)',
};

const STOP_LABELS: Readonly<Record<ForwardStop['reason'], string>> = {
  'no-route': 'no route',
  blackhole: 'blackhole route',
  loop: 'routing loop',
  'dx-gateway-transit': 'no transit through a DX gateway',
  'not-associated': 'not associated',
  'not-transitive': 'peering is not transitive',
  'private-to-internet': 'private address to the internet',
  'no-subnet': 'no subnet holds it',
  'no-vif': 'no virtual interface',
  'no-attachment-subnet': 'no attachment subnet',
  'not-on-internet': 'not on the internet',
  overlap: 'overlapping networks',
  placeholder: 'placeholder site',
};

/** `route 192.168.0.0/16 -> tgw-usw2` as the matched route: `192.168.0.0/16 → tgw-usw2`. */
function matchedRoute(action: string): string {
  return action.replace(/^(?:\w+ )?route /, '').replace(' -> ', ' → ');
}

/**
 * The diagram of a trace's way there: one node per hop in order, a route-table node before each hop
 * a route table decided, and a stop node when the packet stops; edges carry the RTT each step adds,
 * so they sum to the RTT of the last hop.
 * @example traceDiagram(estate, traceRoute(estate, 'phx-app', 'phx-dc')).nodes.map((n) => n.element)
 */
export function traceDiagram(
  estate: Estate,
  trace: Pick<TraceResult, 'hops' | 'stop' | 'source'>,
): TraceDiagram {
  const nodes: TraceDiagramNode[] = [];
  const edges: TraceDiagramEdge[] = [];
  const locations: TraceDiagramLocation[] = [];
  const locate = (place: string): string => {
    const last = locations.at(-1);
    if (last?.place === place) return last.id;
    const resolved = resolvePlace(place, estate);
    const siteKind = (resolved as { siteKind?: string }).siteKind;
    const id = `loc-${locations.length}`;
    locations.push({
      id,
      place,
      name: resolved.name,
      kind: resolved.kind,
      ...(siteKind !== undefined ? { siteKind } : {}),
    });
    return id;
  };
  const add = (node: TraceDiagramNode, addsMs: number | null) => {
    const previous = nodes.at(-1);
    if (previous) edges.push({ from: previous.id, to: node.id, addsMs });
    nodes.push(node);
  };
  trace.hops.forEach((hop, i) => {
    const before = nodes.at(-1);
    if (hop.routeTable !== undefined && before) {
      // The table decides where the packet is, before it moves: it stands at the previous location.
      add(
        {
          id: `table-${i}`,
          role: 'route-table',
          element: hop.routeTable,
          kind: hop.kind === 'tgw-attachment' ? 'tgw-route-table' : 'route-table',
          kindLabel: hop.kind === 'tgw-attachment' ? 'TGW route table' : 'route table',
          ...(hop.action !== undefined ? { detail: matchedRoute(hop.action) } : {}),
          location: before.location,
          rttMs: before.rttMs,
        },
        0,
      );
    }
    const previous = nodes.at(-1);
    add(
      {
        id: `hop-${i}`,
        role: 'hop',
        element: hop.element,
        kind: hop.kind,
        kindLabel: HOP_LABELS[hop.kind],
        ...(hop.routeTable === undefined && hop.action !== undefined ? { detail: hop.action } : {}),
        location: locate(hop.place),
        hop: i,
        rttMs: hop.rttMs,
      },
      hop.rttMs - (previous?.rttMs ?? 0),
    );
  });
  if (trace.stop) {
    const last = nodes.at(-1);
    add(
      {
        id: 'stop',
        role: 'stop',
        element: trace.stop.element,
        kind: trace.stop.reason,
        kindLabel: STOP_LABELS[trace.stop.reason],
        location: last?.location ?? locate(trace.source.place),
        rttMs: last?.rttMs ?? 0,
      },
      null,
    );
  }
  return { nodes, edges, locations, ...(trace.stop ? { stop: trace.stop } : {}) };
}
