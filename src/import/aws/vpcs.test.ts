import { describe, expect, it } from 'vitest';
import { importAws } from './index.js';

describe('VPCs', () => {
  it('skips a VPC with no IPv4 block, with a warning, rather than failing the import', () => {
    const vpcs = { Vpcs: [{ VpcId: 'vpc-0empty' }, { VpcId: 'vpc-0main', CidrBlock: '10.1.0.0/16' }] };
    const { report, estate } = importAws([{ path: 'us-west-2/vpcs.json', text: JSON.stringify(vpcs) }]);
    expect(report.warnings).toContain('vpc-0empty: no IPv4 CIDR block: skipped');
    expect(estate.network?.vpcs.has('vpc-0main')).toBe(true);
    expect(estate.network?.vpcs.has('vpc-0empty')).toBe(false);
  });
});

describe('subnets whose block is wrong in itself', () => {
  it('say what is wrong with the block (an IPv6 or /33 block is not "outside the VPC")', () => {
    const vpcs = { Vpcs: [{ VpcId: 'vpc-0main', CidrBlock: '10.1.0.0/16' }] };
    const subnet = (id: string, cidr: string) => ({
      SubnetId: id,
      VpcId: 'vpc-0main',
      CidrBlock: cidr,
      AvailabilityZone: 'us-west-2a',
      AvailabilityZoneId: 'usw2-az2',
    });
    const subnets = {
      Subnets: [
        subnet('subnet-0v6', '2600:1f14::/56'),
        subnet('subnet-033', '10.1.0.0/33'),
        subnet('subnet-0out', '10.2.0.0/24'),
      ],
    };
    const { report } = importAws([
      { path: 'us-west-2/vpcs.json', text: JSON.stringify(vpcs) },
      { path: 'us-west-2/subnets.json', text: JSON.stringify(subnets) },
    ]);
    expect(report.warnings).toContain(
      'subnet-0v6: CIDR 2600:1f14::/56: IPv6 blocks are not supported yet; Footprint routes IPv4: skipped',
    );
    expect(report.warnings).toContain(
      'subnet-033: CIDR 10.1.0.0/33: the prefix length must be 0 to 32: skipped',
    );
    expect(report.warnings).toContain(
      "subnet-0out: CIDR 10.2.0.0/24 is not inside its VPC's blocks: skipped",
    );
  });
});
