import { describe, expect, it } from 'vitest';
import type { TraceResult } from '../report.js';
import { edgeLabels, layoutTraceDiagram, overlaps } from './trace-layout.js';

type Diagram = TraceResult['diagram'];
type DiagramNode = Diagram['nodes'][number];

/** The "don't" design's Phoenix Local Zone to data center trace, as the report gives it. */
function node(
  id: string,
  element: string,
  location: string,
  rttMs: number,
  extra: Partial<DiagramNode> = {},
): DiagramNode {
  return { id, role: 'hop', element, kind: 'subnet', kindLabel: 'hop', location, rttMs, ...extra };
}
const DIAGRAM: Diagram = {
  nodes: [
    node('hop-0', 'phx-app', 'loc-0', 0),
    node('table-1', 'lz-main', 'loc-0', 0, { role: 'route-table', detail: '192.168.0.0/16 → tgw-usw2' }),
    node('hop-1', 'tgw-usw2', 'loc-1', 30.808),
    node('hop-2', 'dxgw-main', 'loc-2', 37.061),
    node('hop-3', 'phx-dc', 'loc-3', 63.126),
  ],
  edges: [
    { from: 'hop-0', to: 'table-1', addsMs: 0 },
    { from: 'table-1', to: 'hop-1', addsMs: 30.808 },
    { from: 'hop-1', to: 'hop-2', addsMs: 6.253 },
    { from: 'hop-2', to: 'hop-3', addsMs: 26.065 },
  ],
  locations: [
    { id: 'loc-0', place: 'us-west-2-phx-2a', name: 'Phoenix, Arizona Local Zone', kind: 'local-zone' },
    { id: 'loc-1', place: 'us-west-2', name: 'US West (Oregon)', kind: 'region' },
    { id: 'loc-2', place: 'dx:ECPO1', name: 'EdgeConnex, Hillsboro, OR', kind: 'dx-location' },
    { id: 'loc-3', place: 'phx-dc', name: 'Phoenix data center', kind: 'site', siteKind: 'datacenter' },
  ],
};
/** About the width of system-ui text. */
const measure = (text: string, size: number) => text.length * size * 0.55;

describe('layoutTraceDiagram', () => {
  it('labels steps so that they add up to the rounded total', () => {
    const labels = edgeLabels(DIAGRAM);
    expect(labels).toEqual(['0 ms', '+30.81 ms', '+6.25 ms', '+26.07 ms']);
    const sum = labels.reduce((total, l) => total + Number(l.replace(/[+ms]/g, '')), 0);
    expect(sum).toBeCloseTo(63.13, 9);
  });

  it('goes left to right when that fits, top to bottom when it does not, in order and without overlaps', () => {
    const wide = layoutTraceDiagram(DIAGRAM, measure, 3000);
    const narrow = layoutTraceDiagram(DIAGRAM, measure, 360);
    expect(wide.direction).toBe('LR');
    expect(narrow.direction).toBe('TB');
    expect(narrow.width).toBeLessThanOrEqual(360);
    for (const layout of [wide, narrow]) {
      const along = layout.nodes.map((n) => (layout.direction === 'LR' ? n.x : n.y));
      expect(along).toEqual([...along].sort((a, b) => a - b));
      const boxes = [...layout.nodes, ...layout.locations];
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) {
          const nested = layout.locations.includes(a as never) !== layout.locations.includes(b as never);
          if (!nested) expect(overlaps(a, b)).toBe(false);
        }
      // Each location's box holds its nodes.
      for (const location of layout.locations)
        for (const n of layout.nodes.filter((m) => m.node.location === location.location.id)) {
          expect(n.x).toBeGreaterThan(location.x);
          expect(n.y).toBeGreaterThan(location.y);
          expect(n.x + n.width).toBeLessThan(location.x + location.width);
          expect(n.y + n.height).toBeLessThan(location.y + location.height);
        }
      // Every drawn thing lies inside the layout's size.
      for (const b of boxes) {
        expect(Math.min(b.x, b.y)).toBeGreaterThanOrEqual(0);
        expect(b.x + b.width).toBeLessThanOrEqual(layout.width);
        expect(b.y + b.height).toBeLessThanOrEqual(layout.height);
      }
    }
  });
});
