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
