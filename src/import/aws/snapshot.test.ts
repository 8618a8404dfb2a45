import { describe, expect, it } from 'vitest';
import { FootprintError } from '../../errors.js';
import { readSnapshot, regionOfPath } from './snapshot.js';

const tables = (...ids: string[]) =>
  JSON.stringify({
    TransitGatewayRouteTables: ids.map((id) => ({
      TransitGatewayRouteTableId: id,
      TransitGatewayId: 'tgw-1',
    })),
  });
const routes = JSON.stringify({
  Routes: [{ DestinationCidrBlock: '10.0.0.0/16', Type: 'static', State: 'blackhole' }],
  AdditionalRoutesAvailable: false,
});

describe('the route table of search-transit-gateway-routes output', () => {
  it('comes from a TransitGatewayRouteTableId key beside the routes', () => {
    const wrapped = JSON.stringify({ TransitGatewayRouteTableId: 'tgw-rtb-0b', ...JSON.parse(routes) });
    const s = readSnapshot([
      { path: 't.json', text: tables('tgw-rtb-0a', 'tgw-rtb-0b') },
      { path: 'routes.json', text: wrapped },
    ]);
    expect(s.tgwRoutes.get('tgw-rtb-0b')).toMatchObject({ how: 'wrapper key', files: ['routes.json'] });
  });

  it('comes from a key named after the table, wrapping the output', () => {
    const s = readSnapshot([
      { path: 't.json', text: tables('tgw-rtb-0a', 'tgw-rtb-0b') },
      { path: 'routes.json', text: `{"tgw-rtb-0a": ${routes}}` },
    ]);
    expect(s.tgwRoutes.get('tgw-rtb-0a')?.how).toBe('wrapper key');
    expect(s.tgwRoutes.get('tgw-rtb-0a')?.items).toHaveLength(1);
  });

  it('comes from the file name', () => {
    const s = readSnapshot([
      { path: 't.json', text: tables('tgw-rtb-0a', 'tgw-rtb-0b') },
      { path: 'us-west-2/tgw-rtb-0b.json', text: routes },
    ]);
    expect(s.tgwRoutes.get('tgw-rtb-0b')?.how).toBe('file name');
  });

  it('is the only table of the snapshot, when there is one', () => {
    const s = readSnapshot([
      { path: 't.json', text: tables('tgw-rtb-0a') },
      { path: 'routes.json', text: routes },
    ]);
    expect(s.tgwRoutes.get('tgw-rtb-0a')?.how).toBe('only one in the snapshot');
  });

  it('is reported, not guessed, when nothing tells', () => {
    const s = readSnapshot([
      { path: 't.json', text: tables('tgw-rtb-0a', 'tgw-rtb-0b') },
      { path: 'routes.json', text: routes },
    ]);
    expect(s.tgwRoutes.size).toBe(0);
    expect(s.warnings.join('\n')).toContain(
      'routes.json: 1 Transit Gateway routes (search-transit-gateway-routes) without a route table id',
    );
  });
});

describe('reading a snapshot', () => {
  it('counts unknown top-level keys, never fails on them', () => {
    const s = readSnapshot([
      {
        path: 'a.json',
        text: '{"Vpcs": [], "CarrierGateways": [{}, {}], "LocalGatewayRouteTableVpcAssociations": [{}, {}, {}]}',
      },
      { path: 'b.json', text: '{"CarrierGateways": [{}], "NextToken": "x"}' },
    ]);
    expect(Object.fromEntries(s.skipped)).toEqual({
      CarrierGateways: 3,
      LocalGatewayRouteTableVpcAssociations: 3,
    });
    expect(s.files[0]).toEqual({
      path: 'a.json',
      recognised: { Vpcs: 0 },
      skipped: { CarrierGateways: 2, LocalGatewayRouteTableVpcAssociations: 3 },
    });
  });

  it('does not take the routes of an Outposts local gateway for Transit Gateway routes', () => {
    const s = readSnapshot([
      { path: 't.json', text: tables('tgw-rtb-0a') },
      {
        path: 'lgw.json',
        text: '{"Routes": [{"DestinationCidrBlock": "0.0.0.0/0", "LocalGatewayRouteTableId": "lgw-rtb-1", "Type": "static"}]}',
      },
    ]);
    expect(s.tgwRoutes.size).toBe(0);
    expect(Object.fromEntries(s.skipped)).toEqual({ 'Routes (search-local-gateway-routes)': 1 });
  });

  it('reports every malformed file, each at its position, and nothing else', () => {
    try {
      readSnapshot([
        { path: 'b.json', text: '{"Vpcs": [}' },
        { path: 'a.json', text: '{"Subnets": [],}' },
        { path: 'c.json', text: '{"Vpcs": []}' },
      ]);
      throw new Error('no error');
    } catch (error) {
      if (!(error instanceof FootprintError)) throw error;
      expect(
        error.diagnostics.map((d) => `${d.location?.file}:${d.location?.line}:${d.location?.col}`),
      ).toEqual(['a.json:1:16', 'b.json:1:11']);
    }
  });

  it('refuses a folder with no AWS CLI output, and ignores files that are not JSON', () => {
    expect(() => readSnapshot([{ path: 'notes.txt', text: 'hello' }])).toThrow(
      /no AWS CLI output found in 1 file/,
    );
    const s = readSnapshot([
      { path: 'notes.txt', text: 'hello' },
      { path: 'v.json', text: '{"Vpcs": []}' },
    ]);
    expect(s.ignoredFiles).toEqual(['notes.txt']);
  });

  it('skips a record without its id with a warning', () => {
    const s = readSnapshot([
      {
        path: 'v.json',
        text: '{"Vpcs": [{"CidrBlock": "10.0.0.0/16"}, {"VpcId": "vpc-1", "CidrBlock": "10.1.0.0/16"}]}',
      },
    ]);
    expect(s.records.Vpcs.map((r) => r.value.id)).toEqual(['vpc-1']);
    expect(s.warnings).toEqual([
      'v.json: Vpcs[0] has no usable VpcId (or misses a field Footprint needs): skipped',
    ]);
  });

  it('keeps one copy of a record seen twice, the owner account one first', () => {
    const tgw = (tags: string) =>
      `{"TransitGateways": [{"TransitGatewayId": "tgw-1", "OwnerId": "111122223333", "Tags": ${tags}}]}`;
    const s = readSnapshot([
      { path: '000011112222/tgw.json', text: tgw('[]') },
      { path: '111122223333/tgw.json', text: tgw('[{"Key": "Name", "Value": "hub"}]') },
    ]);
    expect(s.records.TransitGateways).toHaveLength(1);
    expect(s.records.TransitGateways[0]?.file).toBe('111122223333/tgw.json');
    expect(s.warnings[0]).toContain('tgw-1 (TransitGateways) appears with different content');
  });
});

describe('the region a path names', () => {
  const codes = ['us-west-1', 'us-west-2', 'eu-west-1'];
  it.each([
    ['111122223333/us-west-2/vpcs.json', 'us-west-2'],
    ['vpcs-us-west-1.json', 'us-west-1'],
    ['eu-west-1_subnets.json', 'eu-west-1'],
    ['us-west-2-phx-2a/subnets.json', undefined],
    ['us-west-1/and/us-west-2/vpcs.json', undefined],
    ['vpcs.json', undefined],
  ])('%s', (path, region) => {
    expect(regionOfPath(path, codes)).toBe(region);
  });
});
