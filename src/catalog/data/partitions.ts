/**
 * AWS partitions and the DNS suffix of their endpoints, from botocore's partition data
 * (botocore/data/partitions.json and endpoints.json, https://github.com/boto/botocore/tree/develop/botocore/data,
 * read 2026-12-05 at commit 0e6e240 of 2026-08-07) by `npm run refresh:catalog`. The aws-iso* partitions
 * have no region in the catalog: AWS publishes no location for them.
 */
import type { CatalogSource, Partition } from '../types.js';

export const PARTITIONS_SOURCE: CatalogSource = {
  data: 'partitions',
  asOf: '2026-12-05',
  source:
    "botocore's data/partitions.json and data/endpoints.json (botocore commit 0e6e240 of 2026-08-07), read 2026-12-05",
};

export const PARTITIONS: readonly Partition[] = [
  {
    id: 'aws',
    name: 'AWS Standard',
    dnsSuffix: 'amazonaws.com',
  },
  {
    id: 'aws-cn',
    name: 'AWS China',
    dnsSuffix: 'amazonaws.com.cn',
  },
  {
    id: 'aws-eusc',
    name: 'AWS EUSC',
    dnsSuffix: 'amazonaws.eu',
  },
  {
    id: 'aws-iso',
    name: 'AWS ISO (US)',
    dnsSuffix: 'c2s.ic.gov',
  },
  {
    id: 'aws-iso-b',
    name: 'AWS ISOB (US)',
    dnsSuffix: 'sc2s.sgov.gov',
  },
  {
    id: 'aws-iso-e',
    name: 'AWS ISOE (Europe)',
    dnsSuffix: 'cloud.adc-e.uk',
  },
  {
    id: 'aws-iso-f',
    name: 'AWS ISOF',
    dnsSuffix: 'csp.hci.ic.gov',
  },
  {
    id: 'aws-us-gov',
    name: 'AWS GovCloud (US)',
    dnsSuffix: 'amazonaws.com',
  },
];
