/**
 * Lays a trace's logical diagram (the report's `trace.diagram`) out with dagre: nodes sized from
 * their text, edges with room for their label (two ranks when the step changes location), then one
 * box per location around its nodes, with its heading. Left to right when that fits the width it is given, top to bottom otherwise (a phone, a
 * long trace beside the map), never scaled down: its text stays at its size.
 */
import dagre from '@dagrejs/dagre';
import type { TraceResult } from '../report.js';

type Diagram = TraceResult['diagram'];
type DiagramNode = Diagram['nodes'][number];

/** Text sizes in px, shared with the SVG renderer. */
export const DIAGRAM_TEXT = { title: 13, line: 12, lineHeight: 16, edge: 12, location: 12 } as const;
const PAD_X = 10;
const PAD_Y = 6;
/** Between a location's box and its nodes, and the height of its heading. */
const LOCATION_PAD = 6;
const HEADING = DIAGRAM_TEXT.lineHeight + 4;

/** The width in px of `text` at `size` px (bold for titles). */
export type MeasureText = (text: string, size: number, bold?: boolean) => number;

export interface PlacedBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface PlacedNode extends PlacedBox {
  readonly node: DiagramNode;
  /** The lines drawn in the box: the element, its kind, what was decided there. */
  readonly lines: readonly string[];
}

export interface PlacedEdge {
  readonly from: string;
  readonly to: string;
  readonly addsMs: number | null;
  readonly label: string;
  /** The label's width in px, with its margin. */
  readonly labelWidth: number;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  /** Where the label's centre goes. */
  readonly labelX: number;
  readonly labelY: number;
}

export interface PlacedLocation extends PlacedBox {
  readonly location: Diagram['locations'][number];
  readonly label: string;
}

export interface DiagramLayout {
  readonly direction: 'LR' | 'TB';
  readonly width: number;
  readonly height: number;
  readonly nodes: readonly PlacedNode[];
  readonly edges: readonly PlacedEdge[];
  readonly locations: readonly PlacedLocation[];
}

/** The lines of a node's box. */
export function nodeLines(node: DiagramNode): string[] {
  const title = node.role === 'stop' ? `✕ ${node.element}` : node.element;
  return [title, node.kindLabel, ...(node.detail !== undefined ? [node.detail] : [])];
}

/** A location's heading: its name (`US West (Oregon)`); the place's id is in the diagram's name. */
export function locationLabel(location: Diagram['locations'][number]): string {
  return location.name;
}

/**
 * The label of each edge: the ms the step adds, as differences of the cumulative RTT rounded to
 * 0.01 ms, so the labels add up to the rounded total; `stops` on the step to the stop.
 */
export function edgeLabels(diagram: Diagram): string[] {
  const at = new Map(diagram.nodes.map((n) => [n.id, n.rttMs]));
  const round = (v: number) => Math.round(v * 100);
  return diagram.edges.map((e) => {
    if (e.addsMs === null) return 'stops';
    const step = round(at.get(e.to) ?? 0) - round(at.get(e.from) ?? 0);
    return step === 0 ? '0 ms' : `+${(step / 100).toFixed(2)} ms`;
  });
}

/**
 * Each node's width, from its text. Side by side (left to right), a location's nodes together are at
 * least as wide as its heading, so that two headings never run into each other: its last node takes
 * what is missing.
 */
function nodeWidths(diagram: Diagram, measure: MeasureText, direction: 'LR' | 'TB'): Map<string, number> {
  const widths = new Map<string, number>();
  for (const node of diagram.nodes) {
    const lines = nodeLines(node);
    const widest = Math.max(
      ...lines.map((line, i) => measure(line, i === 0 ? DIAGRAM_TEXT.title : DIAGRAM_TEXT.line, i === 0)),
    );
    widths.set(node.id, Math.ceil(widest + 2 * PAD_X));
  }
  if (direction === 'TB') return widths;
  for (const location of diagram.locations) {
    const members = diagram.nodes.filter((n) => n.location === location.id);
    const last = members.at(-1);
    if (!last) continue;
    // Members are apart by at least a label's room; count none, to be safe.
    const span = members.reduce((sum, n) => sum + (widths.get(n.id) ?? 0), 0);
    const needed = headingWidth(location, measure) - 2 * LOCATION_PAD;
    if (span < needed) widths.set(last.id, (widths.get(last.id) ?? 0) + Math.ceil(needed - span));
  }
  return widths;
}

/** The room a location's heading takes: the map's symbol for the place (14 px), then its name. */
function headingWidth(location: Diagram['locations'][number], measure: MeasureText): number {
  return 14 + measure(locationLabel(location), DIAGRAM_TEXT.location, true) + 3 * LOCATION_PAD;
}

function layoutIn(diagram: Diagram, measure: MeasureText, direction: 'LR' | 'TB'): DiagramLayout {
  const graph = new dagre.graphlib.Graph();
  graph.setGraph({
    rankdir: direction,
    nodesep: 24,
    ranksep: direction === 'TB' ? 8 : 14,
    marginx: 4,
    marginy: 4,
  });
  graph.setDefaultEdgeLabel(() => ({}));
  const locationOf = new Map(diagram.nodes.map((n) => [n.id, n.location]));
  const widths = nodeWidths(diagram, measure, direction);
  for (const node of diagram.nodes) {
    graph.setNode(node.id, {
      width: widths.get(node.id) ?? 0,
      height: nodeLines(node).length * DIAGRAM_TEXT.lineHeight + 2 * PAD_Y,
    });
  }
  const labels = edgeLabels(diagram);
  diagram.edges.forEach((edge, i) => {
    const label = labels[i] ?? '';
    graph.setEdge(edge.from, edge.to, {
      label,
      width: Math.ceil(measure(label, DIAGRAM_TEXT.edge)) + 8,
      height: DIAGRAM_TEXT.lineHeight,
      labelpos: 'c',
      // A step to another location leaves room for the two locations' boxes and a heading: each
      // rank more adds a rank gap, and empty ranks take no room of their own.
      minlen: locationOf.get(edge.from) === locationOf.get(edge.to) ? 1 : direction === 'TB' ? 7 : 2,
    });
  });
  dagre.layout(graph);
  const nodes = diagram.nodes.map((node) => {
    const n = graph.node(node.id);
    const box = { x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
    return { ...box, node, lines: nodeLines(node) };
  });
  const locations = diagram.locations.map((location) => locationBox(location, nodes, measure));
  const edges = diagram.edges.map((edge, i) => {
    const e = graph.edge(edge.from, edge.to);
    return {
      ...edge,
      label: labels[i] ?? '',
      labelWidth: Math.ceil(measure(labels[i] ?? '', DIAGRAM_TEXT.edge)) + 8,
      points: (e.points ?? []).map((p: { x: number; y: number }) => ({ x: p.x, y: p.y })),
      labelX: e.x ?? 0,
      labelY: e.y ?? 0,
    };
  });
  // Boxes widened for their heading, or raised above their first node, may leave the margin.
  const all = [...nodes, ...locations];
  const dx = 4 - Math.min(...all.map((b) => b.x));
  const dy = 4 - Math.min(...all.map((b) => b.y));
  const moved = <T extends { x: number; y: number }>(b: T): T => ({ ...b, x: b.x + dx, y: b.y + dy });
  return {
    direction,
    width: Math.ceil(Math.max(...all.map((b) => b.x + b.width)) + dx + 4),
    height: Math.ceil(Math.max(...all.map((b) => b.y + b.height)) + dy + 4),
    nodes: nodes.map(moved),
    locations: locations.map(moved),
    edges: edges.map((e) => ({
      ...e,
      labelX: e.labelX + dx,
      labelY: e.labelY + dy,
      points: e.points.map(moved),
    })),
  };
}

/** A location's box: around its nodes, with room for its heading above them. */
function locationBox(
  location: Diagram['locations'][number],
  nodes: readonly PlacedNode[],
  measure: MeasureText,
): PlacedLocation {
  const members = nodes.filter((n) => n.node.location === location.id);
  const label = locationLabel(location);
  const left = Math.min(...members.map((n) => n.x)) - LOCATION_PAD;
  const right = Math.max(...members.map((n) => n.x + n.width)) + LOCATION_PAD;
  const top = Math.min(...members.map((n) => n.y)) - LOCATION_PAD - HEADING;
  const bottom = Math.max(...members.map((n) => n.y + n.height)) + LOCATION_PAD;
  const width = Math.max(right - left, headingWidth(location, measure));
  return { x: left, y: top, width, height: bottom - top, location, label };
}

/** Whether two boxes overlap (touching is not overlapping). */
export function overlaps(a: PlacedBox, b: PlacedBox): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
}

/**
 * The diagram laid out left to right when it fits `maxWidth` px, top to bottom otherwise.
 * @example layoutTraceDiagram(trace.diagram, measure, 640).direction // 'TB' for a long trace
 */
export function layoutTraceDiagram(diagram: Diagram, measure: MeasureText, maxWidth: number): DiagramLayout {
  const wide = layoutIn(diagram, measure, 'LR');
  // Side by side, a location's heading wider than its nodes would run into the next location.
  const apart = wide.locations.every((a, i) => wide.locations.slice(i + 1).every((b) => !overlaps(a, b)));
  return wide.width <= maxWidth && apart ? wide : layoutIn(diagram, measure, 'TB');
}
