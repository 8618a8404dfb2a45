/**
 * AWS partitions and the DNS suffix of their endpoints.
 * Transcribed from public AWS documentation and the DX location list, as of 2026.
 */
import type { Partition } from '../types.js';

export const PARTITIONS: readonly Partition[] = [
  { id: 'aws', name: 'AWS Standard', dnsSuffix: 'amazonaws.com' },
  { id: 'aws-cn', name: 'AWS China', dnsSuffix: 'amazonaws.com.cn' },
  { id: 'aws-eusc', name: 'AWS European Sovereign Cloud', dnsSuffix: 'amazonaws.eu' },
  { id: 'aws-us-gov', name: 'AWS GovCloud (US)', dnsSuffix: 'amazonaws.com' },
];
