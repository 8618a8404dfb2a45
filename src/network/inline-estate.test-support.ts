/**
 * For tests of routing: a small estate whose network is written inline, on a Phoenix data center
 * with one Direct Connect circuit at ECPH1 and its on-prem network 192.168.0.0/16, with optional
 * extra sites and links.
 */
import { type Estate, parseEstate } from '../model/index.js';

export function inlineEstate(network: string, extra: { sites?: string; links?: string } = {}): Estate {
  return parseEstate(
    `name: t
sites:
  dc: { kind: datacenter, metro: metro:phoenix }
${extra.sites ?? ''}links:
  dx1: { kind: direct-connect, between: [dc, dx:ECPH1] }
${extra.links ?? ''}network:
  onPrem:
    dc-net: { site: dc, cidrs: [192.168.0.0/16] }
${network}`,
    't.yaml',
  );
}
