import { describe, expect, it } from 'vitest';
import { loadEstate } from '../model/index.js';
import { traceRoute } from '../network/index.js';
import { traceDiagram } from './trace-diagram.js';

const DONT = 'examples/ticketmaster-phoenix/network-dont.yaml';

describe('traceDiagram', () => {
  it('draws the Phoenix Local Zone to data center path of the "don\'t": through the region and the Portland DX', () => {
    const estate = loadEstate(DONT);
    const trace = traceRoute(estate, 'phx-app', 'phx-dc');
    const diagram = traceDiagram(estate, trace);
    expect(diagram.nodes.map((n) => `${n.role}:${n.element}`)).toEqual([
      'hop:phx-app',
      'route-table:lz-main',
      'hop:tgw-usw2',
      'route-table:tgw-rt',
      'hop:att-dx',
      'hop:dxgw-main',
      'hop:vif-pdx',
      'hop:phx-dc',
      'hop:phx-net',
    ]);
    // One node per hop, in the trace's order.
    expect(diagram.nodes.filter((n) => n.role === 'hop').map((n) => n.hop)).toEqual(
      trace.hops.map((_, i) => i),
    );
    const tables = diagram.nodes.filter((n) => n.role === 'route-table');
    expect(tables.map((n) => [n.kind, n.detail])).toEqual([
      ['route-table', '192.168.0.0/16 → tgw-usw2'],
      ['tgw-route-table', '192.168.0.0/16 → att-dx'],
    ]);
    expect(diagram.nodes.find((n) => n.element === 'vif-pdx')?.detail).toBe(
      'on-prem advertises 192.168.0.0/16',
    );
    // A chain: each node follows the one before, and the steps add up to the trace's RTT.
    expect(diagram.edges.map((e) => [e.from, e.to])).toEqual(
      diagram.nodes.slice(1).map((n, i) => [diagram.nodes[i]?.id, n.id]),
    );
    const total = diagram.edges.reduce((sum, e) => sum + (e.addsMs ?? 0), 0);
    expect(total).toBeCloseTo(trace.rttMs ?? Number.NaN, 9);
    // Locations in the order the packet reaches them; the route table stands where it decides.
    expect(diagram.locations.map((l) => l.place)).toEqual([
      'us-west-2-phx-2a',
      'us-west-2',
      'dx:ECPO1',
      'phx-dc',
    ]);
    expect(tables.map((n) => diagram.locations.find((l) => l.id === n.location)?.place)).toEqual([
      'us-west-2-phx-2a',
      'us-west-2',
    ]);
    expect(diagram.stop).toBeUndefined();
  });

  it('ends a stopped trace at a stop node that says where and why', () => {
    const estate = loadEstate('test/fixtures/trace-stops.yaml');
    const trace = traceRoute(estate, 'phx-app', 'iad-net');
    expect(trace.reachable).toBe(false);
    const diagram = traceDiagram(estate, trace);
    const stop = diagram.nodes.at(-1);
    expect(stop).toMatchObject({ role: 'stop', element: 'tgw-rt', kind: 'no-route', kindLabel: 'no route' });
    expect(diagram.stop?.message).toBe("Transit Gateway route table 'tgw-rt' has no route to 172.16.0.1");
    expect(diagram.edges.at(-1)).toEqual({ from: 'hop-1', to: 'stop', addsMs: null });
    expect(diagram.locations.find((l) => l.id === stop?.location)?.place).toBe('us-west-2');
  });

  it('a trace within one VPC goes through its region: the local route, then the other zone', () => {
    const estate = loadEstate(DONT);
    const diagram = traceDiagram(estate, traceRoute(estate, 'phx-app', 'lax-app'));
    expect(diagram.nodes.map((n) => [n.element, n.kindLabel, n.detail ?? ''])).toEqual([
      ['phx-app', 'subnet', ''],
      ['lz-main', 'route table', '10.10.0.0/16 → local'],
      ['lz-vpc', 'VPC local route', ''],
      ['lax-app', 'subnet', ''],
    ]);
  });
});
