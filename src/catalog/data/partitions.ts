/**
 * AWS partitions and the DNS suffix of their endpoints.
 * Transcribed from public AWS documentation and the DX location list, as of 2026.
 */
import type { CatalogSource, Partition } from '../types.js';

export const PARTITIONS_SOURCE: CatalogSource = {
  data: 'partitions',
  asOf: '2026-11-23',
  source: 'public AWS documentation, transcribed 2026-11-23',
};

export const PARTITIONS: readonly Partition[] = [
  { id: 'aws', name: 'AWS Standard', dnsSuffix: 'amazonaws.com' },
  { id: 'aws-cn', name: 'AWS China', dnsSuffix: 'amazonaws.com.cn' },
  { id: 'aws-eusc', name: 'AWS European Sovereign Cloud', dnsSuffix: 'amazonaws.eu' },
  { id: 'aws-us-gov', name: 'AWS GovCloud (US)', dnsSuffix: 'amazonaws.com' },
];
